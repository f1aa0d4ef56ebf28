//! The analysis commands' arguments (the `Args` structs main.rs flattens in) and the questions
//! for advocate-core's analysis they become: people named by id or name are found in the map here,
//! with a clear message for a name that is not there.

use anyhow::{Result, anyhow, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};

use advocate_core::analysis::coalition::CoalitionQuery;
use advocate_core::analysis::paths::PathQuery;
use advocate_core::analysis::rank::RankQuery;
use advocate_core::analysis::whatif::Change;
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
pub(super) struct WhatifQuestion {
    #[command(subcommand)]
    pub(super) question: QuestionArgs,
}

#[derive(Subcommand, Debug)]
pub(super) enum QuestionArgs {
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

pub(super) fn rank_query(map: &Map, args: &RankArgs) -> Result<RankQuery> {
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

pub(super) fn path_query(map: &Map, args: &PathArgs) -> Result<PathQuery> {
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

pub(super) fn coalition_query(map: &Map, args: &CoalitionArgs) -> Result<CoalitionQuery> {
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

pub(super) fn changes(map: &Map, args: &WhatifArgs) -> Result<Vec<Change>> {
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
