//! The analysis commands: rank, path, coalition, metrics, grid and whatif. Each parses its
//! arguments into a question for advocate-core's analysis and renders the answer as text or JSON;
//! the map file is opened by the caller (`MAP` is flattened in by main.rs).

use std::fmt::Write as _;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};

use advocate_core::analysis::coalition::{Board, CoalitionQuery, coalition};
use advocate_core::analysis::grid::{GridOptions, grid, today};
use advocate_core::analysis::metrics::{MetricsOptions, metrics};
use advocate_core::analysis::paths::{Path, PathQuery, find_paths};
use advocate_core::analysis::rank::{RankQuery, Ranking, rank};
use advocate_core::analysis::whatif::{Change, Outcome, Question, what_if};
use advocate_core::analysis::{Progress, label_of};
use advocate_core::{Map, PersonId, Stance};

/// `advocate rank MAP [--audience A,B,... | --department NAME] [--from TEAM_OR_PERSON] [--top N] [--json]`
#[derive(Args, Debug, Clone, Default)]
pub struct RankArgs {
    /// Who must hear the message: people by id or name, separated by commas (default: the goal's
    /// audience, else every decision-maker)
    #[arg(long, value_delimiter = ',', conflicts_with = "department")]
    pub audience: Vec<String>,
    /// A whole department (with its sub-departments) as the audience
    #[arg(long)]
    pub department: Option<String>,
    /// Who "we" are: a department or a person (default: the home team)
    #[arg(long)]
    pub from: Option<String>,
    /// Show only the best N (default 20; 0 for everyone)
    #[arg(long)]
    pub top: Option<usize>,
    /// Rank audience members too, for what their word carries to the other members
    #[arg(long)]
    pub include_audience: bool,
    #[arg(long)]
    pub json: bool,
}

/// Which people a path never passes through.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Avoid {
    /// Sceptics and blockers
    Sceptics,
    /// Blockers
    Blockers,
}

/// `advocate path MAP --from A --to B [--alternatives K] [--avoid sceptics|blockers] [--via P] [--json]`
#[derive(Args, Debug, Clone, Default)]
pub struct PathArgs {
    /// Where the chain starts: a person or a department (default: the home team)
    #[arg(long)]
    pub from: Option<String>,
    /// The person to reach
    #[arg(long)]
    pub to: String,
    /// How many alternatives to the best chain
    #[arg(long, default_value_t = 0)]
    pub alternatives: usize,
    /// Never pass through sceptics (and blockers), or blockers
    #[arg(long, value_enum)]
    pub avoid: Option<Avoid>,
    /// A person every chain passes through
    #[arg(long)]
    pub via: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// `advocate coalition MAP --size K [--audience ...] [--exclude ...] [--json]`
#[derive(Args, Debug, Clone, Default)]
pub struct CoalitionArgs {
    /// How many people on the board
    #[arg(long)]
    pub size: usize,
    /// Who must hear the message, separated by commas (default: the goal's audience, else every
    /// decision-maker)
    #[arg(long, value_delimiter = ',')]
    pub audience: Vec<String>,
    /// People never put on the board, separated by commas
    #[arg(long, value_delimiter = ',')]
    pub exclude: Vec<String>,
    /// Who "we" are: a department or a person (default: the home team)
    #[arg(long)]
    pub from: Option<String>,
    /// Audience members may sit on the board, to sway the other members
    #[arg(long)]
    pub include_audience: bool,
    /// Fill the seats first (our leader, an executive sponsor, IT, communications or marketing)
    /// where someone can fill them, then maximise reach
    #[arg(long)]
    pub balanced: bool,
    /// Seed of the sampling (the same seed gives the same board)
    #[arg(long, default_value_t = 2024)]
    pub seed: u64,
    #[arg(long)]
    pub json: bool,
}

/// `advocate metrics MAP [--json]`
#[derive(Args, Debug, Clone, Default)]
pub struct MetricsArgs {
    #[arg(long)]
    pub json: bool,
}

/// `advocate grid MAP [--json]`
#[derive(Args, Debug, Clone, Default)]
pub struct GridArgs {
    /// The date engagements are counted back from, YYYY-MM-DD (default: today)
    #[arg(long)]
    pub today: Option<String>,
    #[arg(long)]
    pub json: bool,
}

/// `advocate whatif MAP [--remove P] [--stance P=STANCE] [--tie A>B:STRENGTH] ... -- rank|path|coalition ARGS`
#[derive(Args, Debug, Clone, Default)]
pub struct WhatifArgs {
    /// A person who leaves (repeatable)
    #[arg(long)]
    pub remove: Vec<String>,
    /// A change of stance, PERSON=STANCE (repeatable)
    #[arg(long, allow_hyphen_values = true)]
    pub stance: Vec<String>,
    /// A tie made or changed, FROM>TO:STRENGTH (repeatable)
    #[arg(long)]
    pub tie: Vec<String>,
    #[arg(long)]
    pub json: bool,
    /// The question after `--`: rank, path or coalition with its own options
    #[arg(last = true, required = true, num_args = 1..)]
    pub question: Vec<String>,
}

#[derive(Parser, Debug)]
#[command(no_binary_name = true)]
struct WhatifQuestion {
    #[command(subcommand)]
    question: QuestionArgs,
}

#[derive(Subcommand, Debug)]
enum QuestionArgs {
    Rank(RankArgs),
    Path(PathArgs),
    Coalition(CoalitionArgs),
}

fn person(map: &Map, reference: &str) -> Result<PersonId> {
    map.find_person(reference)
        .map(|p| p.id)
        .map_err(|e| anyhow!(e))
}

fn people(map: &Map, references: &[String]) -> Result<Vec<PersonId>> {
    references.iter().map(|r| person(map, r)).collect()
}

/// A department by name (its people and sub-departments'), else a person.
fn team_or_person(map: &Map, reference: &str) -> Result<Vec<PersonId>> {
    if let Some(d) = map.department_by_name(reference) {
        let members = map.members(&advocate_core::Group {
            people: vec![],
            department: Some(d.id),
        });
        if members.is_empty() {
            bail!("department {:?} has nobody in it", d.name);
        }
        return Ok(members);
    }
    person(map, reference).map(|p| vec![p])
}

fn rank_query(map: &Map, args: &RankArgs) -> Result<RankQuery> {
    let audience = match (&args.department, args.audience.is_empty()) {
        (Some(d), _) => {
            let dept = map
                .department_by_name(d)
                .ok_or_else(|| anyhow!("no department {d:?} in this map"))?;
            Some(map.members(&advocate_core::Group {
                people: vec![],
                department: Some(dept.id),
            }))
        }
        (None, false) => Some(people(map, &args.audience)?),
        (None, true) => None,
    };
    Ok(RankQuery {
        audience,
        from: args
            .from
            .as_deref()
            .map(|f| team_or_person(map, f))
            .transpose()?,
        top: args
            .top
            .map_or(Some(advocate_core::analysis::rank::DEFAULT_TOP), |t| {
                (t > 0).then_some(t)
            }),
        include_audience: args.include_audience,
    })
}

fn path_query(map: &Map, args: &PathArgs) -> Result<PathQuery> {
    let given = args
        .from
        .as_deref()
        .map(|f| team_or_person(map, f))
        .transpose()?;
    let from = advocate_core::analysis::rank::home_of(map, given.as_ref())?;
    Ok(PathQuery {
        from,
        to: person(map, &args.to)?,
        alternatives: args.alternatives,
        avoid: args.avoid.map(|a| match a {
            Avoid::Sceptics => Stance::Sceptic,
            Avoid::Blockers => Stance::Blocker,
        }),
        via: args.via.as_deref().map(|v| person(map, v)).transpose()?,
    })
}

fn coalition_query(map: &Map, args: &CoalitionArgs) -> Result<CoalitionQuery> {
    if args.size == 0 {
        bail!("--size must be at least 1");
    }
    let mut q = CoalitionQuery::new(args.size);
    q.audience = (!args.audience.is_empty())
        .then(|| people(map, &args.audience))
        .transpose()?;
    q.exclude = people(map, &args.exclude)?;
    q.from = args
        .from
        .as_deref()
        .map(|f| team_or_person(map, f))
        .transpose()?;
    q.seed = args.seed;
    q.include_audience = args.include_audience;
    q.balanced = args.balanced;
    Ok(q)
}

fn json<T: advocate_core::analysis::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value).context("writing JSON")
}

/// A person named by key in an answer, as text names them: by name, with the key only where the
/// name is not enough.
fn label(map: &Map, key: &str) -> String {
    map.person_by_key(key)
        .map_or_else(|| key.to_string(), |p| label_of(map, p.id))
}

pub(crate) fn chain(map: &Map, keys: &[String]) -> String {
    keys.iter()
        .map(|k| label(map, k))
        .collect::<Vec<_>>()
        .join(" > ")
}

fn audience_text(map: &Map, keys: &[String]) -> String {
    keys.iter()
        .map(|k| label(map, k))
        .collect::<Vec<_>>()
        .join(", ")
}

fn rank_text(map: &Map, r: &Ranking) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Audience: {}", audience_text(map, &r.audience));
    if r.advocates.is_empty() {
        let _ = writeln!(
            out,
            "Nobody we can reach carries to this audience and is willing to speak for us."
        );
    }
    let _ = writeln!(
        out,
        "score = access × willingness × carry\n  #  {:<34} {:>7} {:>7} {:>7} {:>7}",
        "advocate", "score", "access", "willing", "carry"
    );
    for (i, a) in r.advocates.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>3}  {:<34} {:>7.4} {:>7.3} {:>7.2} {:>7.3}",
            i + 1,
            format!("{} ({})", label(map, &a.id), a.stance),
            a.score,
            a.access,
            a.willingness,
            a.carry
        );
        let _ = writeln!(out, "       reached by: {}", chain(map, &a.access_path));
        for p in &a.audience_paths {
            let _ = writeln!(
                out,
                "       carries to {} ({:.3}): {}",
                label(map, &p.to),
                p.reliability,
                chain(map, &p.path)
            );
        }
    }
    if !r.to_win_over.is_empty() {
        let _ = writeln!(
            out,
            "To win over (sceptics and blockers whose word carries):"
        );
        for a in &r.to_win_over {
            let _ = writeln!(
                out,
                "     {:<34} worth {:.4} (access {:.3} × carry {:.3})",
                format!("{} ({})", label(map, &a.id), a.stance),
                a.score,
                a.access,
                a.carry
            );
        }
    }
    if !r.direct.is_empty() {
        let _ = writeln!(
            out,
            "Asking the audience ourselves (the direct approach, not advocacy):"
        );
        for d in &r.direct {
            if d.access_path.is_empty() {
                let _ = writeln!(
                    out,
                    "     {} ({}): no chain of introductions from us",
                    label(map, &d.id),
                    d.stance
                );
            } else {
                let _ = writeln!(
                    out,
                    "     {} ({}): {:.3} by {}",
                    label(map, &d.id),
                    d.stance,
                    d.access,
                    chain(map, &d.access_path)
                );
            }
        }
    }
    out.trim_end().to_string()
}

fn path_text(map: &Map, paths: &[Path]) -> String {
    let mut out = String::new();
    for (i, p) in paths.iter().enumerate() {
        let heading = if i == 0 {
            "Best chain".to_string()
        } else {
            format!("Alternative {i}")
        };
        let _ = writeln!(
            out,
            "{heading}: reliability {:.4} ({:.1}%)",
            p.reliability,
            100.0 * p.reliability
        );
        if p.steps.is_empty() {
            let _ = writeln!(
                out,
                "  {} is already on our side of the chain",
                chain(map, &p.people)
            );
        }
        for s in &p.steps {
            let _ = writeln!(
                out,
                "  {} > {}  ({}, {:.2})",
                label(map, &s.from),
                label(map, &s.to),
                s.kind,
                s.strength
            );
        }
    }
    out.trim_end().to_string()
}

/// A share as a percentage, "under 0.1%" rather than "0.0%" for a small one.
fn percent(share: f64) -> String {
    if share > 0.0 && share < 0.0005 {
        "under 0.1%".to_string()
    } else {
        format!("{:.1}%", 100.0 * share)
    }
}

fn board_text(map: &Map, b: &Board) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Audience: {}", audience_text(map, &b.audience));
    let _ = writeln!(
        out,
        "Board of advocates (each recruited with chance access × willingness; their word spreads \
         tie by tie with the ties' strengths as chances):"
    );
    if b.board.is_empty() {
        let _ = writeln!(
            out,
            "  nobody: no one we can reach is willing and reaches the audience"
        );
    }
    for (i, m) in b.board.iter().enumerate() {
        let seats: Vec<&str> = m.seats.iter().map(|s| s.label()).collect();
        let role = if seats.is_empty() {
            m.function.label().to_string()
        } else {
            seats.join(", ")
        };
        let _ = writeln!(
            out,
            "{:>3}  {} ({}; {role})  adds {} of the audience",
            i + 1,
            label(map, &m.id),
            m.stance,
            percent(m.marginal_gain)
        );
        let _ = writeln!(
            out,
            "       recruited at {:.1}% = access {:.3} × willingness {:.1}, reached by {}",
            100.0 * m.recruitment,
            m.access,
            m.willingness,
            chain(map, &m.access_path)
        );
        for p in &m.reaches {
            let _ = writeln!(
                out,
                "       reaches {} ({:.3}): {}",
                label(map, &p.to),
                p.reliability,
                chain(map, &p.path)
            );
        }
    }
    let _ = writeln!(
        out,
        "Expected reach: {:.1}% of the audience ({:.2} people), ± {:.1}% (standard error, {} samples)",
        100.0 * b.expected_reach,
        b.expected_people,
        100.0 * b.standard_error,
        b.sets
    );
    let _ = writeln!(out, "Seats:");
    for s in &b.seats {
        if !s.filled_by.is_empty() {
            let _ = writeln!(out, "  {}: {}", s.label, audience_text(map, &s.filled_by));
            continue;
        }
        match &s.best_candidate {
            Some(c) => {
                let _ = writeln!(
                    out,
                    "  {}: open; best candidate {} ({}, recruited at {:.1}%): adding them adds \
                     {} (reach {:.1}% → {:.1}%)",
                    s.label,
                    label(map, &c.id),
                    c.stance,
                    100.0 * c.recruitment,
                    percent(c.adds),
                    100.0 * b.expected_reach,
                    100.0 * c.reach_with
                );
            }
            None => {
                let _ = writeln!(out, "  {}: open; nobody we can recruit sits there", s.label);
            }
        }
    }
    out.trim_end().to_string()
}

pub fn run_rank(map: &Map, args: &RankArgs) -> Result<String> {
    let r = rank(map, &rank_query(map, args)?, &Progress::new())?;
    if args.json {
        json(&r)
    } else {
        Ok(rank_text(map, &r))
    }
}

pub fn run_path(map: &Map, args: &PathArgs) -> Result<String> {
    let paths = find_paths(map, &path_query(map, args)?)?;
    if args.json {
        json(&paths)
    } else {
        Ok(path_text(map, &paths))
    }
}

pub fn run_coalition(map: &Map, args: &CoalitionArgs) -> Result<String> {
    let b = coalition(map, &coalition_query(map, args)?, &Progress::new())?;
    if args.json {
        json(&b)
    } else {
        Ok(board_text(map, &b))
    }
}

pub fn run_metrics(map: &Map, args: &MetricsArgs) -> Result<String> {
    let m = metrics(map, &MetricsOptions::default(), &Progress::new())?;
    if args.json {
        return json(&m);
    }
    let mut out = String::new();
    let mut people: Vec<_> = m.people.iter().collect();
    people.sort_by(|a, b| b.influence_pagerank.total_cmp(&a.influence_pagerank));
    let _ = writeln!(
        out,
        "Most influential first. influence = PageRank against the ties (whose word spreads), \
         reach = closeness over the chains they start, broker = betweenness, swayed by = PageRank \
         along the ties (who is most advised); in/out = strength of the ties reaching/leaving them."
    );
    let _ = writeln!(
        out,
        "{:<32} {:>9} {:>9} {:>7} {:>8} {:>9} {:>5} {:>5} {:>4}",
        "person", "influence", "eigen", "reach", "broker", "swayed by", "in", "out", "comm"
    );
    for p in people {
        let eigen = p
            .influence_eigenvector
            .map_or_else(|| "-".to_string(), |e| format!("{e:.4}"));
        let _ = writeln!(
            out,
            "{:<32} {:>9.4} {:>9} {:>7.3} {:>8.4} {:>9.4} {:>5.2} {:>5.2} {:>4}",
            label(map, &p.id),
            p.influence_pagerank,
            eigen,
            p.reach_closeness,
            p.broker_betweenness,
            p.swayed_by_pagerank,
            p.in_degree,
            p.out_degree,
            p.community
        );
    }
    let _ = writeln!(
        out,
        "{} communities, modularity {:.4}",
        m.communities, m.modularity
    );
    if let Some(s) = &m.sample {
        let _ = writeln!(
            out,
            "Broker betweenness and the closenesses estimated from {} sampled people (broker ±{:.3} at 95%).",
            s.pivots, s.error_bound
        );
    }
    if !m.influence_eigenvector_converged {
        let _ = writeln!(
            out,
            "Influence eigenvector centrality did not converge in 1000 iterations (shown as -)."
        );
    }
    Ok(out.trim_end().to_string())
}

pub fn run_grid(map: &Map, args: &GridArgs) -> Result<String> {
    let day = args.today.clone().unwrap_or_else(today);
    let g = grid(map, &GridOptions::new(day), &Progress::new())?;
    if args.json {
        return json(&g);
    }
    let mut out = String::new();
    for q in [
        advocate_core::analysis::grid::Quadrant::ManageClosely,
        advocate_core::analysis::grid::Quadrant::KeepSatisfied,
        advocate_core::analysis::grid::Quadrant::KeepInformed,
        advocate_core::analysis::grid::Quadrant::Monitor,
    ] {
        let names: Vec<String> = g
            .people
            .iter()
            .filter(|p| p.quadrant == q)
            .map(|p| format!("{} ({})", label(map, &p.id), p.stance))
            .collect();
        let names = if names.is_empty() {
            "nobody".to_string()
        } else {
            names.join(", ")
        };
        let _ = writeln!(
            out,
            "{} ({}): {names}",
            q.label(),
            g.people.iter().filter(|p| p.quadrant == q).count()
        );
    }
    let _ = writeln!(out, "\nBy department: supporters / neutrals / opponents");
    for d in &g.departments {
        let _ = writeln!(
            out,
            "  {:<24} {:>3} / {:>3} / {:>3}",
            d.department, d.supporters, d.neutrals, d.opponents
        );
    }
    for f in &g.flags {
        let _ = writeln!(out, "\nFlag: {f}");
    }
    let _ = writeln!(out, "\nNeeds attention:");
    if g.attention.is_empty() {
        let _ = writeln!(out, "  nobody");
    }
    for a in &g.attention {
        let _ = writeln!(out, "  {}: {}", label(map, &a.id), a.reasons.join("; "));
    }
    Ok(out.trim_end().to_string())
}

fn changes(map: &Map, args: &WhatifArgs) -> Result<Vec<Change>> {
    let mut out = Vec::new();
    for r in &args.remove {
        out.push(Change::Remove(person(map, r)?));
    }
    for s in &args.stance {
        let (p, st) = s
            .rsplit_once('=')
            .ok_or_else(|| anyhow!("--stance {s:?}: expected PERSON=STANCE"))?;
        out.push(Change::Stance(
            person(map, p)?,
            Stance::parse(st).map_err(|e| anyhow!(e))?,
        ));
    }
    for t in &args.tie {
        let bad = || anyhow!("--tie {t:?}: expected FROM>TO:STRENGTH, e.g. ann>bob:0.4");
        let (ends, strength) = t.rsplit_once(':').ok_or_else(bad)?;
        let (a, b) = ends.split_once('>').ok_or_else(bad)?;
        let strength: f64 = strength.trim().parse().map_err(|_| bad())?;
        out.push(Change::Tie {
            from: person(map, a)?,
            to: person(map, b)?,
            strength,
        });
    }
    if out.is_empty() {
        bail!("no change given: use --remove, --stance or --tie");
    }
    Ok(out)
}

fn outcome_text(map: &Map, o: &Outcome) -> String {
    match o {
        Outcome::Rank(r) => rank_text(map, r),
        Outcome::Path(p) => path_text(map, p),
        Outcome::Coalition(b) => board_text(map, b),
        Outcome::NoAnswer(e) => format!("no answer: {e}"),
    }
}

pub fn run_whatif(map: &Map, args: &WhatifArgs) -> Result<String> {
    let q = WhatifQuestion::try_parse_from(&args.question)
        .map_err(|e| anyhow!("after --: {}", e.to_string().trim()))?;
    let changes = changes(map, args)?;
    let (question, json_out) = match &q.question {
        QuestionArgs::Rank(r) => (Question::Rank(rank_query(map, r)?), r.json),
        QuestionArgs::Path(p) => (Question::Path(path_query(map, p)?), p.json),
        QuestionArgs::Coalition(c) => (Question::Coalition(coalition_query(map, c)?), c.json),
    };
    let w = what_if(map, &changes, &question, &Progress::new())?;
    // Names in the "after" answer as the changed map has them.
    let after = advocate_core::analysis::whatif::apply(map, &changes)?;
    if args.json || json_out {
        return json(&w);
    }
    Ok(format!(
        "What if: {}\n\nBefore:\n{}\n\nAfter:\n{}\n\nWhat changed:\n{}",
        w.changes.join("; "),
        outcome_text(map, &w.before),
        outcome_text(&after, &w.after),
        w.summary
            .iter()
            .map(|l| format!("  {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use advocate_core::{Person, Tie, TieId};

    fn sample() -> Map {
        let mut m = Map::new("t");
        for (i, name, stance) in [
            (1, "Lee L&D", Stance::Champion),
            (2, "Ann Manager", Stance::Supporter),
            (3, "Ben IT", Stance::Neutral),
            (4, "Cat CFO", Stance::Neutral),
            (5, "Dan Sceptic", Stance::Sceptic),
        ] {
            m.put_person(Person {
                id: PersonId(i),
                key: format!("e{i}"),
                name: name.into(),
                title: String::new(),
                department: None,
                stance,
                power: if i == 4 { 5 } else { 2 },
                interest: 3,
                decision_maker: i == 4,
                tags: vec![],
                notes: String::new(),
                attributes: Default::default(),
                position: None,
            });
        }
        for (k, (a, b, s)) in [
            (1, 2, 0.5),
            (2, 4, 0.55),
            (1, 3, 0.3),
            (3, 4, 0.35),
            (1, 5, 0.9),
            (5, 4, 0.9),
        ]
        .iter()
        .enumerate()
        {
            m.put_tie(Tie {
                id: TieId(k as i64 + 1),
                from: PersonId(*a),
                to: PersonId(*b),
                kind: "peer".into(),
                strength: *s,
                notes: String::new(),
            });
        }
        m.home.people = vec![PersonId(1)];
        m
    }

    /// The Args structs as main.rs will flatten them (MAP left out).
    #[derive(Parser, Debug)]
    #[command(no_binary_name = true)]
    struct Cli {
        #[command(subcommand)]
        command: Cmd,
    }

    #[derive(Subcommand, Debug)]
    enum Cmd {
        Rank(RankArgs),
        Path(PathArgs),
        Coalition(CoalitionArgs),
        Metrics(MetricsArgs),
        Grid(GridArgs),
        /// As main.rs wires it: the map file first, then the flattened arguments.
        Whatif {
            map: String,
            #[command(flatten)]
            args: WhatifArgs,
        },
    }

    #[test]
    fn arguments_parse_as_specified() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
        let parse = |line: &str| Cli::try_parse_from(line.split_whitespace());
        let Ok(Cli {
            command: Cmd::Rank(r),
        }) = parse("rank --audience e1,e2 --from L&D --top 5 --json")
        else {
            panic!("rank")
        };
        assert_eq!(r.audience, ["e1", "e2"]);
        assert_eq!(
            (r.from.as_deref(), r.top, r.json),
            (Some("L&D"), Some(5), true)
        );
        assert!(parse("rank --audience e1 --department IT").is_err());
        let Ok(Cli {
            command: Cmd::Path(p),
        }) = parse("path --from e1 --to e4 --alternatives 3 --avoid sceptics --via e2")
        else {
            panic!("path")
        };
        assert_eq!(p.avoid, Some(Avoid::Sceptics));
        assert_eq!(p.alternatives, 3);
        assert!(parse("path --from e1").is_err());
        let Ok(Cli {
            command: Cmd::Coalition(c),
        }) = parse("coalition --size 3 --exclude e1,e2 --exclude e3")
        else {
            panic!("coalition")
        };
        assert_eq!(c.exclude, ["e1", "e2", "e3"]);
        let Ok(Cli {
            command: Cmd::Whatif { map, args: w },
        }) = parse("whatif m.advocate --remove e1 --stance e5=-2 --tie e1>e4:0.5 -- path --to e4")
        else {
            panic!("whatif")
        };
        assert_eq!(map, "m.advocate");
        assert_eq!(w.stance, ["e5=-2"]);
        assert_eq!(w.question, ["path", "--to", "e4"]);
        assert!(parse("whatif m.advocate --remove e1").is_err());
        assert!(parse("metrics --json").is_ok() && parse("grid --json").is_ok());
    }

    #[test]
    fn rank_json_names_people_by_key() {
        let m = sample();
        let out = run_rank(
            &m,
            &RankArgs {
                json: true,
                ..RankArgs::default()
            },
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["audience"], serde_json::json!(["e4"]));
        // e2 (supporter): 0.5 × 0.8 × 0.55 = 0.22; e3 (neutral): 0.3 × 0.4 × 0.35 = 0.042.
        // e5 is a sceptic; e4, the audience, is approached directly (0.9 · 0.9 through e5).
        assert_eq!(v["advocates"][0]["id"], "e2");
        assert!((v["advocates"][0]["score"].as_f64().unwrap() - 0.22).abs() < 1e-12);
        assert_eq!(v["advocates"][1]["id"], "e3");
        assert_eq!(v["to_win_over"][0]["id"], "e5");
        assert_eq!(v["direct"][0]["id"], "e4");
        assert!((v["direct"][0]["access"].as_f64().unwrap() - 0.81).abs() < 1e-12);
        let text = run_rank(&m, &RankArgs::default()).unwrap();
        // Names first, ids nowhere they are not needed.
        assert!(text.contains("Ann Manager (supporter)"), "{text}");
        assert!(
            text.contains("carries to Cat CFO (0.550): Ann Manager > Cat CFO"),
            "{text}"
        );
        assert!(
            text.contains("Cat CFO (neutral): 0.810 by Lee L&D > Dan Sceptic > Cat CFO"),
            "{text}"
        );
        assert!(!text.contains("e2"), "{text}");
    }

    #[test]
    fn path_by_name_avoiding_sceptics_and_the_no_path_error() {
        let m = sample();
        let args = PathArgs {
            to: "Cat CFO".into(),
            avoid: Some(Avoid::Sceptics),
            alternatives: 1,
            ..PathArgs::default()
        };
        let text = run_path(&m, &args).unwrap();
        assert!(text.starts_with("Best chain: reliability 0.2750"), "{text}");
        assert!(text.contains("Alternative 1: reliability 0.1050"), "{text}");
        let err = run_path(
            &m,
            &PathArgs {
                from: Some("e4".into()),
                to: "e1".into(),
                ..PathArgs::default()
            },
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("Cat CFO reaches nobody"), "{err}");
    }

    #[test]
    fn coalition_json_has_board_reach_and_audience() {
        let m = sample();
        let out = run_coalition(
            &m,
            &CoalitionArgs {
                size: 2,
                exclude: vec!["e4".into()],
                json: true,
                ..CoalitionArgs::default()
            },
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["board"][0]["id"], "e2");
        // Recruited at 0.5 × 0.8, reaching the CFO at 0.55: 0.22.
        let gain = v["board"][0]["marginal_gain"].as_f64().unwrap();
        assert!((gain - 0.22).abs() < 0.01, "{gain}");
        assert!((v["board"][0]["recruitment"].as_f64().unwrap() - 0.4).abs() < 1e-12);
        assert!(v["expected_reach"].as_f64().is_some());
        assert_eq!(v["audience"], serde_json::json!(["e4"]));
    }

    #[test]
    fn whatif_parses_changes_and_the_question_after_the_dashes() {
        let m = sample();
        let args = WhatifArgs {
            stance: vec!["Dan Sceptic=champion".into()],
            question: vec!["rank".into(), "--top".into(), "2".into()],
            ..WhatifArgs::default()
        };
        let text = run_whatif(&m, &args).unwrap();
        assert!(
            text.contains("What if: Dan Sceptic becomes champion"),
            "{text}"
        );
        assert!(
            text.contains("Dan Sceptic moved from to-win-over #1 to #1"),
            "{text}"
        );
        let bad = WhatifArgs {
            tie: vec!["e1-e4".into()],
            question: vec!["rank".into()],
            ..WhatifArgs::default()
        };
        assert!(
            run_whatif(&m, &bad)
                .unwrap_err()
                .to_string()
                .contains("FROM>TO:STRENGTH")
        );
    }

    #[test]
    fn metrics_and_grid_render() {
        let m = sample();
        let text = run_metrics(&m, &MetricsArgs::default()).unwrap();
        assert!(text.contains("modularity"), "{text}");
        let g = run_grid(
            &m,
            &GridArgs {
                today: Some("2026-01-01".into()),
                json: false,
            },
        )
        .unwrap();
        assert!(
            g.contains("Cat CFO: power 5: never engaged; power 5 and neutral"),
            "{g}"
        );
    }
}
