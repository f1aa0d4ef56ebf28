//! The campaign commands: targets and gaps, actions, next steps (accept, dismiss), progress.
//! Each parses its arguments, calls the core and prints.

use std::fmt::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Subcommand};

use advocate_core::analysis::Progress;
use advocate_core::analysis::grid::today;
use advocate_core::campaign::gaps::gaps;
use advocate_core::campaign::next::{NextSteps, Suggestion};
use advocate_core::campaign::plan::current_steps;
use advocate_core::campaign::progress::{ActionLine, ProgressReport, StanceCounts, progress};
use advocate_core::campaign::{ActionState, add_days, watched_board};
use advocate_core::model::{Map, PersonId, Stance};
use advocate_core::store::{ActionDraft, ActionPatch, MapFile, Outcome};

use crate::open;

fn find(map: &Map, reference: &str) -> Result<PersonId> {
    map.find_person(reference)
        .map(|p| p.id)
        .map_err(|e| anyhow!(e))
}

fn parse_stance(text: &str) -> std::result::Result<Stance, String> {
    Stance::parse(text)
}

fn json<T: advocate_core::analysis::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value).context("writing JSON")
}

#[derive(Args)]
pub struct TargetArgs {
    map: PathBuf,
    /// The person's id or name
    person: String,
    /// Where we need them: champion, supporter, neutral, sceptic, blocker; or "none" to clear
    #[arg(allow_hyphen_values = true)]
    stance: String,
}

pub fn target(args: TargetArgs) -> Result<String> {
    let mut file = open(&args.map)?;
    let who = find(file.map(), &args.person)?;
    let stance = match args.stance.trim().to_lowercase().as_str() {
        "none" | "clear" | "" => None,
        s => Some(Stance::parse(s).map_err(|e| anyhow!(e))?),
    };
    file.set_target(who, stance)?;
    Ok(match stance {
        Some(s) => format!("target of {}: {s}", args.person),
        None => format!("cleared the target of {}", args.person),
    })
}

#[derive(Args)]
pub struct GapsArgs {
    map: PathBuf,
    #[arg(long)]
    json: bool,
}

pub fn run_gaps(args: GapsArgs) -> Result<String> {
    let file = open(&args.map)?;
    let g = gaps(file.map(), file.campaign());
    if args.json {
        return json(&g);
    }
    if g.is_empty() {
        return Ok("nobody is below target".into());
    }
    let mut out = format!(
        "{} people below target, heaviest (power × gap) first:\n",
        g.len()
    );
    for x in &g {
        let _ = writeln!(
            out,
            "  {:>3}  {} ({}): {} → {}{}  power {} × gap {}",
            x.weight,
            x.name,
            x.id,
            x.stance,
            x.target,
            if x.target_source == advocate_core::campaign::TargetSource::AudienceDefault {
                " (audience default)"
            } else {
                ""
            },
            x.power,
            x.gap
        );
    }
    Ok(out.trim_end().to_string())
}

#[derive(Subcommand)]
pub enum ActionCmd {
    /// Plan an action about a person
    Add {
        map: PathBuf,
        /// About whom (id or name)
        person: String,
        /// What to do
        what: String,
        /// Through whom (id or name)
        #[arg(long)]
        via: Option<String>,
        /// Who does it: "me", "Head of L&D"
        #[arg(long, default_value = "me")]
        owner: String,
        /// Due date, YYYY-MM-DD
        #[arg(long)]
        due: Option<String>,
        /// The action's id (default: a new random one)
        #[arg(long)]
        id: Option<String>,
        /// The day it is planned, YYYY-MM-DD (default: today)
        #[arg(long)]
        today: Option<String>,
    },
    /// List the actions: open ones by due date (overdue marked), then done and dropped with --all
    List {
        map: PathBuf,
        #[arg(long)]
        all: bool,
        /// The date overdue is judged against, YYYY-MM-DD (default: today)
        #[arg(long)]
        today: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Mark an action done with the engagement it produced (logged and linked in one undo step)
    Done {
        map: PathBuf,
        /// The action's id (or the start of it)
        action: String,
        /// When it happened, YYYY-MM-DD (default: today)
        #[arg(long)]
        date: Option<String>,
        /// What happened: met, presented, emailed, piloted…
        #[arg(long = "as", default_value = "met")]
        happened: String,
        #[arg(long, default_value = "")]
        summary: String,
        /// Their stance after it
        #[arg(long, value_parser = parse_stance, allow_hyphen_values = true)]
        stance: Option<Stance>,
    },
    /// Drop an open action
    Drop {
        map: PathBuf,
        action: String,
        #[arg(long)]
        today: Option<String>,
    },
    /// Change an action's text, advocate, owner or due date
    Edit {
        map: PathBuf,
        action: String,
        #[arg(long)]
        what: Option<String>,
        /// Through whom; "none" to clear
        #[arg(long)]
        via: Option<String>,
        #[arg(long)]
        owner: Option<String>,
        /// YYYY-MM-DD; "none" to clear
        #[arg(long)]
        due: Option<String>,
    },
}

fn line_text(l: &ActionLine, map: &Map, today: &str) -> String {
    let name = |key: &str| {
        map.person_by_key(key)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| key.to_string())
    };
    let due = match (&l.due, l.state) {
        (Some(d), ActionState::Open) if d.as_str() < today => format!("due {d} (OVERDUE)"),
        (Some(d), _) => format!("due {d}"),
        (None, _) => "no due date".into(),
    };
    let mut s = format!(
        "{:<7} {}  {}  {}  about {}",
        l.state.label().to_uppercase(),
        l.key,
        due,
        l.what,
        name(&l.person)
    );
    if let Some(v) = &l.via {
        let _ = write!(s, " via {}", name(v));
    }
    if !l.owner.is_empty() {
        let _ = write!(s, "; owner {}", l.owner);
    }
    if let Some(c) = &l.closed {
        let _ = write!(s, "; closed {c}");
    }
    s
}

pub fn action(cmd: ActionCmd) -> Result<String> {
    match cmd {
        ActionCmd::Add {
            map,
            person,
            what,
            via,
            owner,
            due,
            id,
            today: day,
        } => {
            let mut file = open(&map)?;
            let draft = ActionDraft {
                key: id,
                what,
                person: find(file.map(), &person)?,
                via: via.map(|v| find(file.map(), &v)).transpose()?,
                owner,
                due,
                suggestion: None,
            };
            let id = file.add_action(&draft, &day.unwrap_or_else(today))?;
            Ok(format!(
                "planned {}: {}",
                file.campaign().actions[&id].key,
                draft.what.trim()
            ))
        }
        ActionCmd::List {
            map,
            all,
            today: day,
            json: as_json,
        } => {
            let file = open(&map)?;
            let day = day.unwrap_or_else(today);
            let mut list: Vec<&advocate_core::campaign::Action> = file
                .campaign()
                .actions
                .values()
                .filter(|a| all || a.state == ActionState::Open)
                .collect();
            list.sort_by(|a, b| {
                (a.state, a.due.is_none(), &a.due, &a.key).cmp(&(
                    b.state,
                    b.due.is_none(),
                    &b.due,
                    &b.key,
                ))
            });
            let lines: Vec<ActionLine> =
                list.iter().map(|a| ActionLine::of(file.map(), a)).collect();
            if as_json {
                return json(&lines);
            }
            if lines.is_empty() {
                return Ok("no actions".into());
            }
            Ok(lines
                .iter()
                .map(|l| line_text(l, file.map(), &day))
                .collect::<Vec<_>>()
                .join("\n"))
        }
        ActionCmd::Done {
            map,
            action,
            date,
            happened,
            summary,
            stance,
        } => {
            let mut file = open(&map)?;
            let id = file.find_action_by_key(&action)?;
            let date = date.unwrap_or_else(today);
            file.complete_action(
                id,
                &Outcome {
                    date: date.clone(),
                    action: happened.clone(),
                    summary,
                    stance_after: stance,
                },
            )?;
            let a = &file.campaign().actions[&id];
            let who = file
                .map()
                .person(a.person)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            Ok(format!(
                "done {}: logged {happened} with {who} on {date}{}",
                a.key,
                stance.map(|s| format!(", now {s}")).unwrap_or_default()
            ))
        }
        ActionCmd::Drop {
            map,
            action,
            today: day,
        } => {
            let mut file = open(&map)?;
            let id = file.find_action_by_key(&action)?;
            file.drop_action(id, &day.unwrap_or_else(today))?;
            Ok(format!("dropped {}", file.campaign().actions[&id].key))
        }
        ActionCmd::Edit {
            map,
            action,
            what,
            via,
            owner,
            due,
        } => {
            let mut file = open(&map)?;
            let id = file.find_action_by_key(&action)?;
            let none = |s: &str| s.trim().eq_ignore_ascii_case("none");
            let patch = ActionPatch {
                what,
                via: match via {
                    None => None,
                    Some(v) if none(&v) => Some(None),
                    Some(v) => Some(Some(find(file.map(), &v)?)),
                },
                owner,
                due: due.map(|d| (!none(&d)).then_some(d)),
            };
            file.edit_action(id, &patch)?;
            Ok(format!("edited {}", file.campaign().actions[&id].key))
        }
    }
}

#[derive(Args)]
pub struct NextArgs {
    map: PathBuf,
    /// The date to judge from, YYYY-MM-DD (default: today)
    #[arg(long)]
    today: Option<String>,
    /// Also list the suggestions dismissed or already planned
    #[arg(long)]
    all: bool,
    #[arg(long)]
    json: bool,
}

fn compute_next(file: &MapFile, day: &str, all: bool) -> Result<NextSteps> {
    Ok(current_steps(
        file.map(),
        file.campaign(),
        day,
        all,
        &Progress::new(),
    )?)
}

fn suggestion_text(map: &Map, i: usize, s: &Suggestion) -> String {
    let mut out = format!("{}. [{}] {}\n", i + 1, s.rule.label(), s.step);
    let _ = writeln!(out, "   why: {}", s.why);
    if !s.chain.is_empty() {
        let _ = writeln!(
            out,
            "   chain: {} (reliability {:.3})",
            crate::analysis_cmds::chain(map, &s.chain),
            s.chain_reliability.unwrap_or(0.0)
        );
    }
    let _ = writeln!(out, "   worth: {:+.3}: {}", s.worth, s.worth_reason);
    let inputs: Vec<String> = s
        .inputs
        .iter()
        .map(|i| format!("{} {}", i.name, i.value))
        .collect();
    let _ = writeln!(out, "   inputs: {}", inputs.join("; "));
    let _ = write!(out, "   key: {}", s.key);
    out
}

pub fn run_next(args: NextArgs) -> Result<String> {
    let file = open(&args.map)?;
    let day = args.today.unwrap_or_else(today);
    let n = compute_next(&file, &day, args.all)?;
    if args.json {
        return json(&n);
    }
    let mut out = format!(
        "Next steps on {} ({} suggested; {} dismissed, {} planned)\n",
        n.today,
        n.suggestions.len(),
        n.dismissed,
        n.planned
    );
    for (i, s) in n.suggestions.iter().enumerate() {
        let _ = writeln!(out, "\n{}", suggestion_text(file.map(), i, s));
    }
    for q in &n.quiet {
        let why = match (&q.dismissal, &q.action) {
            (Some(d), _) => format!("dismissed {}: {}", d.date, d.reason),
            (None, Some(a)) => format!("planned as {a}"),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "\n({why}) [{}] {}  key: {}",
            q.suggestion.rule.label(),
            q.suggestion.step,
            q.suggestion.key
        );
    }
    for note in &n.notes {
        let _ = writeln!(out, "\nnote: {note}");
    }
    if !n.suggestions.is_empty() {
        let _ = write!(
            out,
            "\naccept one with `advocate accept MAP KEY`, or `advocate dismiss MAP KEY --reason ...`"
        );
    }
    Ok(out.trim_end().to_string())
}

#[derive(Args)]
pub struct AcceptArgs {
    map: PathBuf,
    /// The suggestion's key, as `advocate next` shows it
    key: String,
    /// Who does it
    #[arg(long, default_value = "me")]
    owner: String,
    /// Due date, YYYY-MM-DD (default: two weeks from today)
    #[arg(long)]
    due: Option<String>,
    #[arg(long)]
    today: Option<String>,
}

fn find_suggestion(n: NextSteps, key: &str) -> Result<Suggestion> {
    advocate_core::campaign::plan::find_suggestion(n, key).map_err(|e| anyhow!(e))
}

pub fn accept(args: AcceptArgs) -> Result<String> {
    let mut file = open(&args.map)?;
    let day = args.today.unwrap_or_else(today);
    let s = find_suggestion(compute_next(&file, &day, false)?, &args.key)?;
    let due = match args.due {
        Some(d) => d,
        None => {
            advocate_core::campaign::plan::default_due(&day).map_err(|e| anyhow!("--today: {e}"))?
        }
    };
    let id = file.accept_suggestion(&s, &args.owner, Some(&due), &day)?;
    Ok(format!(
        "planned {} (due {due}): {}",
        file.campaign().actions[&id].key,
        s.step
    ))
}

#[derive(Args)]
pub struct DismissArgs {
    map: PathBuf,
    key: String,
    /// Why: it stays quiet until its inputs change
    #[arg(long)]
    reason: String,
    #[arg(long)]
    today: Option<String>,
}

pub fn dismiss(args: DismissArgs) -> Result<String> {
    let mut file = open(&args.map)?;
    let day = args.today.unwrap_or_else(today);
    let s = find_suggestion(compute_next(&file, &day, false)?, &args.key)?;
    file.dismiss_suggestion(&s, &args.reason, &day)?;
    Ok(format!("dismissed {}: {}", s.key, args.reason.trim()))
}

#[derive(Args)]
pub struct StaleDaysArgs {
    map: PathBuf,
    /// Days without an engagement after which a powerful person is neglected (default 45)
    days: i64,
}

pub fn stale_days(args: StaleDaysArgs) -> Result<String> {
    let mut file = open(&args.map)?;
    file.set_stale_days(args.days)?;
    Ok(format!("stale after {} days", args.days))
}

#[derive(Args)]
pub struct ProgressArgs {
    map: PathBuf,
    /// Report what changed since this date, YYYY-MM-DD (default: 90 days before today)
    #[arg(long)]
    since: Option<String>,
    #[arg(long)]
    today: Option<String>,
    #[arg(long)]
    json: bool,
}

fn counts_text(c: &StanceCounts) -> String {
    let mut s = format!(
        "{:>3} champion {:>3} supporter {:>3} neutral {:>3} sceptic {:>3} blocker",
        c.champion, c.supporter, c.neutral, c.sceptic, c.blocker
    );
    if c.unrecorded > 0 {
        let _ = write!(s, " {:>3} not yet recorded", c.unrecorded);
    }
    s
}

fn progress_text(r: &ProgressReport, map: &Map) -> String {
    let mut out = format!("Progress from {} to {}\n", r.since, r.today);
    let _ = writeln!(out, "\nStances that moved ({}):", r.stance_changes.len());
    for c in &r.stance_changes {
        let before = c
            .before
            .map_or("not recorded".to_string(), |b| b.to_string());
        let _ = writeln!(
            out,
            "  {}{} ({}): {before} → {}",
            if c.in_audience { "[audience] " } else { "" },
            c.name,
            c.id,
            c.now
        );
        for e in &c.entries {
            let _ = writeln!(
                out,
                "      {} {}: {} → {}",
                e.date,
                e.action,
                if e.summary.is_empty() {
                    "-"
                } else {
                    &e.summary
                },
                e.stance_after
            );
        }
    }
    let _ = writeln!(out, "\nTies that changed ({}):", r.tie_changes.len());
    for t in &r.tie_changes {
        let strength = match (t.before, t.after) {
            (Some(b), Some(a)) => format!("{b:.2} → {a:.2}"),
            (None, Some(a)) => format!("{a:.2}"),
            (Some(b), None) => format!("was {b:.2}"),
            (None, None) => String::new(),
        };
        let by = if t.author.is_empty() {
            String::new()
        } else {
            format!(" by {}", t.author)
        };
        let _ = writeln!(
            out,
            "  {} {} sways {} ({}, {strength}): {}{by}",
            t.date,
            t.from_name,
            t.to_name,
            t.kind,
            t.what.label()
        );
    }
    let _ = writeln!(out, "\nActions done ({}):", r.actions_done.len());
    for a in &r.actions_done {
        let _ = writeln!(out, "  {}", line_text(a, map, &r.today));
    }
    let _ = writeln!(out, "\nActions overdue ({}):", r.actions_overdue.len());
    for a in &r.actions_overdue {
        let _ = writeln!(out, "  {}", line_text(a, map, &r.today));
    }
    let _ = writeln!(out, "\nThe audience ({}) by month:", r.audience.len());
    for m in &r.months {
        let _ = writeln!(out, "  {}  {}", m.month, counts_text(&m.audience));
    }
    if !r.board.is_empty() {
        let _ = writeln!(out, "\nThe board ({}) by month:", r.board.join(", "));
        for m in &r.months {
            let _ = writeln!(out, "  {}  {}", m.month, counts_text(&m.board));
        }
    }
    out.trim_end().to_string()
}

pub fn run_progress(args: ProgressArgs) -> Result<String> {
    let file = open(&args.map)?;
    let day = args.today.unwrap_or_else(today);
    let since = match args.since {
        Some(s) => s,
        None => add_days(&day, -90).ok_or_else(|| anyhow!("bad --today {day:?}"))?,
    };
    let board: Vec<PersonId> = watched_board(file.map(), &Progress::new())?
        .map(|b| b.board.iter().map(|m| m.person).collect())
        .unwrap_or_default();
    let ties = file.tie_changes(&since, &day)?;
    let r = progress(file.map(), file.campaign(), &board, ties, &since, &day)
        .map_err(|e| anyhow!(e))?;
    if args.json {
        return json(&r);
    }
    if r.months.is_empty() {
        bail!("nothing to report between {since} and {day}");
    }
    Ok(progress_text(&r, file.map()))
}
