//! What to do next, and why: suggested steps read from the map, each with the rule that fired,
//! the facts it read (its inputs), the chain of introductions behind it, and what it is worth.
//!
//! The rules:
//!
//! - **Gap**: someone below their target (see [`super::gaps`]) → ask the person best placed to
//!   sway them, through the chain from the home team.
//! - **Stale**: someone with power ≥ 4, in the audience or on the board, whom nobody has engaged
//!   for the map's stale days (default 45) → re-engage, naming who is best placed to. Not for
//!   someone a Gap or Drift step already engages.
//! - **Coverage**: a decision-maker whom no supporter or champion sways with strength ≥ 0.3 →
//!   the candidate who would add the most: someone who sways them that strongly and could be
//!   won over, else the supporter whose tie to them is strongest.
//! - **Drift**: a stance that fell in the last 90 days and has not recovered → who to send, and
//!   the log entry that shows the fall. A merge's two differing judgements of one person are not
//!   a fall: the one it kept stands for both.
//! - **Blocker with reach**: a sceptic or blocker whose word carries (their chains reach on
//!   average at least 10% of the audience) → invite them into the pilot, brought in by whoever
//!   sways them best (practitioners turn the disenchanted into ambassadors).
//! - **Involve IT early**: no one in IT (the departments of the IT function and those below
//!   them) is a supporter or champion yet → the IT person who would be the best partner.
//! - **Board seat open**: the board of advocates has no one in a seat practitioners fill (our
//!   own leader, an executive sponsor, an IT partner, communications or marketing) → the
//!   candidate who would add most to its reach, worth the share of the audience they add.
//!
//! **Who is best placed** to sway a person `t`: among the home team (who speak for themselves,
//! scored by their own tie to `t`) and everyone the home team reaches who is not a sceptic or
//! blocker, the one with the highest
//! `access × willingness × reliability(→ t)` — the ranking's score with `t` as the audience.
//!
//! **Worth** is what the step changes in the audience's stance if it works, in stance steps per
//! audience member (the what-if of the step, worked out directly): a person moved from stance
//! `s` to `s'` adds `(s' − s) / n` when they are one of the `n` audience members, plus
//! `(w(s') − w(s)) × carry`, where `w` is the ranking's willingness (champion 1, supporter 0.8,
//! neutral 0.4, else 0) and `carry` is the reliability of their chains to the other audience
//! members summed over them, divided by `n`: one step for every audience member their word
//! reaches, as much as they are willing to speak. The ranking's score of a person changes by
//! exactly `access × (w(s') − w(s)) × carry` under the same what-if.
//!
//! Suggestions never invent facts: each one is made only of the map's records and the chains
//! between them. A suggestion the user accepted (an open action names it) or dismissed (with
//! the same inputs) is not shown again; a dismissed one returns when its inputs change.

mod context;

use serde::Serialize;

use self::context::{Context, Found, input};
use super::gaps::gaps;
use super::{Campaign, Dismissal, add_days, key_of, name_of, parse_date};
use crate::analysis::AnalysisError;
use crate::analysis::progress::Progress;
use crate::analysis::rank::willingness;
use crate::model::{Map, PersonId, PersonKey, Stance};

/// A tie this strong or stronger from a supporter counts as swaying a decision-maker.
pub const COVERAGE_STRENGTH: f64 = 0.3;
/// A fall in stance this recent is drift.
pub const DRIFT_DAYS: i64 = 90;
/// Power this high or higher makes a neglected person worth a Stale step.
pub const STALE_POWER: u8 = 4;
/// A sceptic's or blocker's word carries when their chains reach this mean audience share.
pub const BLOCKER_CARRY: f64 = 0.1;
/// At most this many gaps (heaviest first) are looked at.
pub const MAX_GAPS: usize = 40;

/// Which rule fired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Rule {
    Gap,
    Drift,
    BlockerWithReach,
    Coverage,
    Stale,
    InvolveIt,
    BoardSeat,
}

impl Rule {
    pub fn label(self) -> &'static str {
        match self {
            Rule::Gap => "gap",
            Rule::Drift => "drift",
            Rule::BlockerWithReach => "blocker with reach",
            Rule::Coverage => "coverage",
            Rule::Stale => "stale",
            Rule::InvolveIt => "involve IT early",
            Rule::BoardSeat => "board seat open",
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Rule::Gap => "gap",
            Rule::Drift => "drift",
            Rule::BlockerWithReach => "blocker",
            Rule::Coverage => "coverage",
            Rule::Stale => "stale",
            Rule::InvolveIt => "involve-it",
            Rule::BoardSeat => "seat",
        }
    }
}

/// One fact a rule read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Input {
    pub name: String,
    pub value: String,
}

/// A suggested step.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Suggestion {
    /// Stable for the same rule about the same person: what acceptances and dismissals name.
    pub key: String,
    pub rule: Rule,
    /// About whom (their key).
    pub person: PersonKey,
    pub name: String,
    /// Who should speak or act for us (their key), when someone does.
    pub via: Option<PersonKey>,
    pub via_name: Option<String>,
    /// What to do, in words.
    pub step: String,
    /// Why the rule fired, in words.
    pub why: String,
    pub inputs: Vec<Input>,
    /// The chain of introductions behind the step, by key: from the home team through `via`
    /// to the person. Empty when nobody reaches them.
    pub chain: Vec<PersonKey>,
    /// The product of the strengths along `chain`.
    pub chain_reliability: Option<f64>,
    /// See the module's doc: the audience's stance gained if the step works.
    pub worth: f64,
    /// The worth in words.
    pub worth_reason: String,
    /// A digest of the facts that made the rule fire: a dismissal holds while it is the same.
    pub inputs_hash: String,
    #[serde(skip)]
    pub person_id: PersonId,
    #[serde(skip)]
    pub via_id: Option<PersonId>,
}

impl Suggestion {
    /// The action accepting this suggestion makes: what, about whom, through whom.
    pub fn action_text(&self) -> String {
        self.step.clone()
    }
}

/// How to read the map.
#[derive(Debug, Clone, PartialEq)]
pub struct NextOptions {
    /// `YYYY-MM-DD`.
    pub today: String,
    /// The board of advocates (for the Stale rule); empty when none was chosen.
    pub board: Vec<PersonId>,
    /// The board's seats (for the board seat rule); empty when no board was chosen.
    pub seats: Vec<crate::analysis::seats::SeatReport>,
    /// Show dismissed and already planned suggestions too (marked).
    pub include_quiet: bool,
}

impl NextOptions {
    /// With this board: its members and its seats.
    pub fn with_board(mut self, board: &crate::analysis::coalition::Board) -> NextOptions {
        self.board = board.board.iter().map(|m| m.person).collect();
        self.seats = board.seats.clone();
        self
    }

    pub fn new(today: impl Into<String>) -> NextOptions {
        NextOptions {
            today: today.into(),
            board: Vec::new(),
            seats: Vec::new(),
            include_quiet: false,
        }
    }
}

/// A suggestion that is quiet, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Quiet {
    pub suggestion: Suggestion,
    /// The dismissal, when it was dismissed; else an open action carries it out.
    pub dismissal: Option<Dismissal>,
    /// The key of the open action that carries it out.
    pub action: Option<String>,
}

/// The answer to "what should I do next, and why?".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NextSteps {
    pub today: String,
    /// Worth most first.
    pub suggestions: Vec<Suggestion>,
    /// Accepted or dismissed (listed only when asked for; counted always).
    pub quiet: Vec<Quiet>,
    pub dismissed: usize,
    pub planned: usize,
    /// What the rules could not look at, and why.
    pub notes: Vec<String>,
}

/// The IT departments: those whose function is IT, with everything below them.
pub fn it_departments(map: &Map) -> Vec<crate::model::DepartmentId> {
    let mut out = Vec::new();
    for d in map.departments() {
        if d.function == crate::model::Function::It {
            out.extend(map.department_subtree(d.id));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The suggested next steps, worth most first.
pub fn next_steps(
    map: &Map,
    campaign: &Campaign,
    options: &NextOptions,
    progress: &Progress,
) -> Result<NextSteps, AnalysisError> {
    let Some(today) = parse_date(&options.today) else {
        return Err(AnalysisError::Missing(format!(
            "today's date {:?} is not YYYY-MM-DD",
            options.today
        )));
    };
    let cx = Context::new(map, progress)?;
    let mut notes = Vec::new();
    if cx.home.is_empty() {
        notes.push(
            "no home team: who is best placed is judged by their reach alone, and chains start with them"
                .to_string(),
        );
    }

    // Latest engagement of each person, and the stance entries of the last 90 days.
    let mut last: rustc_hash::FxHashMap<PersonId, &str> = Default::default();
    for e in map.engagements() {
        if e.date.as_str() <= options.today.as_str() {
            let at = last.entry(e.person).or_insert(e.date.as_str());
            if e.date.as_str() > *at {
                *at = e.date.as_str();
            }
        }
    }
    let mut found: Vec<Found> = Vec::new();
    let mut engaged_by_step: Vec<PersonId> = Vec::new();

    // Drift: a fall in the last 90 days that has not recovered.
    let drift_from = add_days(&options.today, -DRIFT_DAYS).unwrap_or_default();
    let mut by_person: rustc_hash::FxHashMap<PersonId, Vec<&crate::model::Engagement>> =
        Default::default();
    for e in map.engagements() {
        if e.stance_after.is_some() && e.date.as_str() <= options.today.as_str() {
            by_person.entry(e.person).or_default().push(e);
        }
    }
    let mut drifting: Vec<(PersonId, Stance, &crate::model::Engagement)> = Vec::new();
    for (p, entries) in &mut by_person {
        entries.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        // A merge's two judgements are two colleagues disagreeing, not a change of stance: the
        // pair reads as the one it kept (the last), so the judgement not kept is left out.
        let judged = |e: &crate::model::Engagement| e.action == crate::model::MERGED_JUDGEMENT;
        let entries: Vec<&crate::model::Engagement> = entries
            .iter()
            .enumerate()
            .filter(|&(i, e)| {
                !(judged(e)
                    && entries
                        .get(i + 1)
                        .is_some_and(|n| judged(n) && n.date == e.date))
            })
            .map(|(_, e)| *e)
            .collect();
        let Some(person) = map.person(*p) else {
            continue;
        };
        // The latest fall within the window whose earlier stance is still above the current.
        let fall = entries
            .windows(2)
            .rev()
            .filter(|w| w[1].date.as_str() >= drift_from.as_str())
            .filter_map(|w| Some((w[0].stance_after?, w[1].stance_after?, w[1])))
            .find(|(before, after, _)| after < before && person.stance < *before);
        if let Some((before, _, entry)) = fall {
            drifting.push((*p, before, entry));
        }
    }
    drifting.sort_by_key(|d| d.0);
    for (p, before, entry) in drifting {
        let Some(person) = map.person(p) else {
            continue;
        };
        let Some(t) = cx.index(p) else { continue };
        if cx.is_home[t as usize] {
            continue;
        }
        let sway = cx.best_sway(t);
        let after = entry.stance_after.unwrap_or(person.stance);
        let mut inputs = vec![
            input("stance", person.stance),
            input(
                "fall",
                format!(
                    "{before} → {after} on {} ({}{})",
                    entry.date,
                    entry.action,
                    if entry.summary.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", entry.summary)
                    }
                ),
            ),
        ];
        cx.sway_inputs(&sway, &mut inputs);
        found.push(Found {
            rule: Rule::Drift,
            subject: p,
            person: p,
            step: cx.ask(&sway, p, "and find out what changed"),
            why: format!(
                "{}'s stance fell from {before} to {after} on {} and is {} now",
                person.name, entry.date, person.stance
            ),
            inputs,
            facts: vec![
                format!("stance={}", person.stance),
                format!("fall={}:{}", entry.id.0, entry.date),
            ],
            worth: cx.worth(p, person.stance, before),
            sway,
        });
        engaged_by_step.push(p);
    }

    // Gap: below target.
    for g in gaps(map, campaign).into_iter().take(MAX_GAPS) {
        let Some(person) = map.person_by_key(&g.id) else {
            continue;
        };
        let p = person.id;
        let Some(t) = cx.index(p) else { continue };
        if cx.is_home[t as usize] || engaged_by_step.contains(&p) {
            continue;
        }
        let sway = cx.best_sway(t);
        let mut inputs = vec![
            input("stance", g.stance),
            input(
                "target",
                format!(
                    "{}{}",
                    g.target,
                    match g.target_source {
                        super::TargetSource::Set => "",
                        super::TargetSource::AudienceDefault => " (the audience's default)",
                    }
                ),
            ),
            input("power", g.power),
            input("gap", format!("{} × {} = {}", g.power, g.gap, g.weight)),
            input(
                "last engaged",
                last.get(&p).map_or("never".to_string(), |d| d.to_string()),
            ),
        ];
        cx.sway_inputs(&sway, &mut inputs);
        found.push(Found {
            rule: Rule::Gap,
            subject: p,
            person: p,
            step: cx.ask(
                &sway,
                p,
                &format!("to bring them from {} to {}", g.stance, g.target),
            ),
            why: format!(
                "{} is {} and we need them {}: {} step{} short, power {}",
                person.name,
                g.stance,
                g.target,
                g.gap,
                if g.gap == 1 { "" } else { "s" },
                g.power
            ),
            inputs,
            facts: vec![
                format!("stance={}", g.stance),
                format!("target={}", g.target),
            ],
            worth: cx.worth(p, g.stance, g.target),
            sway,
        });
        engaged_by_step.push(p);
    }

    // Blocker with reach.
    for (v, &stance) in cx.stance.iter().enumerate() {
        let v = v as u32;
        if !stance.is_opposed() || cx.is_home[v as usize] {
            continue;
        }
        let carry = cx.carry_others(v);
        if carry < BLOCKER_CARRY {
            continue;
        }
        let p = cx.csr.ids[v as usize];
        let sway = cx.best_sway(v);
        let name = name_of(map, p);
        let mut inputs = vec![
            input("stance", stance),
            input("carry", format!("{carry:.3} (at least {BLOCKER_CARRY})")),
        ];
        cx.sway_inputs(&sway, &mut inputs);
        let step = match &sway {
            Some(s) if !cx.is_home[s.via as usize] => format!(
                "Invite {name} into the pilot, brought in by {}",
                name_of(map, cx.csr.ids[s.via as usize])
            ),
            _ => format!("Invite {name} into the pilot yourselves"),
        };
        found.push(Found {
            rule: Rule::BlockerWithReach,
            subject: p,
            person: p,
            step,
            why: format!(
                "{name} is a {stance} whose word carries: their chains reach {:.0}% of the audience on average",
                100.0 * carry
            ),
            inputs,
            facts: vec![format!("stance={stance}")],
            worth: cx.worth(p, stance, Stance::Supporter),
            sway,
        });
    }

    // Coverage: decision-makers nobody on side sways strongly.
    for d in map.people().filter(|p| p.decision_maker) {
        let Some(dv) = cx.index(d.id) else { continue };
        if cx.is_home[dv as usize] {
            continue;
        }
        let covered = map.ties_to(d.id).any(|t| {
            t.strength >= COVERAGE_STRENGTH
                && map
                    .person(t.from)
                    .is_some_and(|p| p.stance >= Stance::Supporter)
        });
        if covered {
            continue;
        }
        // Someone who sways them that strongly and could be won over, worth most; else the
        // supporter with the strongest tie.
        let mut candidates: Vec<(f64, String, PersonId, Stance, f64)> = map
            .ties_to(d.id)
            .filter(|t| t.strength >= COVERAGE_STRENGTH)
            .filter_map(|t| {
                let c = map.person(t.from)?;
                let (w, _) = cx.worth(c.id, c.stance, Stance::Supporter);
                Some((w, c.key.clone(), c.id, c.stance, t.strength))
            })
            .collect();
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let strongest_supporter = map
            .ties_to(d.id)
            .filter(|t| {
                map.person(t.from)
                    .is_some_and(|p| p.stance >= Stance::Supporter)
            })
            .max_by(|a, b| a.strength.total_cmp(&b.strength).then(b.from.cmp(&a.from)));
        let mut inputs = vec![
            input("decision-maker", crate::analysis::label_of(map, d.id)),
            input(
                "strongest tie from a supporter",
                strongest_supporter.map_or("none".to_string(), |t| {
                    format!(
                        "{} at {}",
                        crate::analysis::label_of(map, t.from),
                        t.strength
                    )
                }),
            ),
        ];
        let why = format!(
            "no supporter or champion sways {} with strength {COVERAGE_STRENGTH} or more",
            d.name
        );
        if let Some((_, _, c, cs, strength)) = candidates.first().cloned() {
            let cv = cx.index(c);
            let sway = cv.and_then(|v| cx.best_sway(v));
            inputs.push(input(
                "candidate",
                format!(
                    "{} ({cs}) sways them at {strength}",
                    crate::analysis::label_of(map, c)
                ),
            ));
            cx.sway_inputs(&sway, &mut inputs);
            let cname = name_of(map, c);
            let step = match &sway {
                Some(s) if !cx.is_home[s.via as usize] => format!(
                    "Win over {cname}, who sways {} at {strength}: ask {} to speak to them",
                    d.name,
                    name_of(map, cx.csr.ids[s.via as usize])
                ),
                _ => format!("Win over {cname}, who sways {} at {strength}", d.name),
            };
            found.push(Found {
                rule: Rule::Coverage,
                subject: d.id,
                person: c,
                step,
                why,
                inputs,
                facts: vec![format!("candidate={}:{cs}", key_of(map, c))],
                worth: cx.worth(c, cs, Stance::Supporter),
                sway,
            });
        } else if let Some(t) = strongest_supporter {
            let c = t.from;
            let cname = name_of(map, c);
            let sway = cx.index(c).and_then(|v| cx.through(v, dv));
            // Strengthening a tie is worth what the decision-maker's hearing of us gains.
            let n = cx.audience.len().max(1) as f64;
            let gain = if cx.in_audience(d.id) {
                (COVERAGE_STRENGTH - t.strength)
                    * willingness(map.person(c).map_or(Stance::Neutral, |p| p.stance))
                    / n
            } else {
                0.0
            };
            found.push(Found {
                rule: Rule::Coverage,
                subject: d.id,
                person: c,
                step: format!(
                    "Ask {cname} to build their relationship with {} (their tie is {} now)",
                    d.name, t.strength
                ),
                why,
                inputs,
                facts: vec![format!("strengthen={}:{}", key_of(map, c), t.strength)],
                worth: (
                    gain,
                    format!(
                        "their tie {} → {COVERAGE_STRENGTH}, as heard by one of the {} in the audience: {gain:+.3}",
                        t.strength,
                        cx.audience.len()
                    ),
                ),
                sway,
            });
        } else {
            found.push(Found {
                rule: Rule::Coverage,
                subject: d.id,
                person: d.id,
                step: format!(
                    "Find someone {} trusts: nobody on the map sways them at {COVERAGE_STRENGTH} or more, and no supporter sways them at all",
                    d.name
                ),
                why,
                inputs,
                facts: vec!["no candidate".into()],
                worth: (0.0, "unknown until someone who sways them is on the map".into()),
                sway: None,
            });
        }
    }

    // Stale: powerful people in the audience or on the board not engaged lately.
    let mut watched: Vec<PersonId> = cx.audience.clone();
    watched.extend(options.board.iter().copied());
    watched.sort();
    watched.dedup();
    for p in watched {
        let Some(person) = map.person(p) else {
            continue;
        };
        if person.power < STALE_POWER || engaged_by_step.contains(&p) {
            continue;
        }
        let Some(t) = cx.index(p) else { continue };
        if cx.is_home[t as usize] {
            continue;
        }
        let last_date = last.get(&p).copied();
        let days = last_date
            .and_then(parse_date)
            .map(|d| (today - d).whole_days());
        if days.is_some_and(|d| d <= campaign.stale_days) {
            continue;
        }
        let sway = cx.best_sway(t);
        let role = match (cx.in_audience(p), options.board.contains(&p)) {
            (true, true) => "in the audience and on the board",
            (true, false) => "in the audience",
            _ => "on the board",
        };
        let mut inputs = vec![
            input("power", person.power),
            input("role", role),
            input(
                "last engaged",
                match (last_date, days) {
                    (Some(d), Some(n)) => format!("{d} ({n} days ago)"),
                    _ => "never".into(),
                },
            ),
            input("stale after", format!("{} days", campaign.stale_days)),
        ];
        cx.sway_inputs(&sway, &mut inputs);
        let down = Stance::from_value(person.stance.value() - 1).unwrap_or(person.stance);
        let (w, _) = cx.worth(p, down, person.stance);
        found.push(Found {
            rule: Rule::Stale,
            subject: p,
            person: p,
            step: cx.ask(&sway, p, "again and keep them close"),
            why: match days {
                Some(n) => format!(
                    "{} (power {}, {role}) was last engaged {n} days ago, more than {}",
                    person.name, person.power, campaign.stale_days
                ),
                None => format!(
                    "{} (power {}, {role}) has never been engaged",
                    person.name, person.power
                ),
            },
            inputs,
            facts: vec![format!("last={}", last_date.unwrap_or("never"))],
            worth: (
                w,
                format!(
                    "what a one-step slip from {} would cost: {w:+.3}",
                    person.stance
                ),
            ),
            sway,
        });
    }

    // Involve IT early.
    let it = it_departments(map);
    if !it.is_empty() {
        let it_people: Vec<&crate::model::Person> = map
            .people()
            .filter(|p| p.department.is_some_and(|d| it.binary_search(&d).is_ok()))
            .filter(|p| cx.index(p.id).is_some_and(|v| !cx.is_home[v as usize]))
            .collect();
        let on_side = it_people.iter().any(|p| p.stance >= Stance::Supporter);
        if !it_people.is_empty() && !on_side {
            // The partner: the IT person worth most as a supporter, then the most powerful.
            let partner = it_people
                .iter()
                .map(|p| (cx.worth(p.id, p.stance, Stance::Supporter), p))
                .max_by(|a, b| {
                    a.0.0
                        .total_cmp(&b.0.0)
                        .then(a.1.power.cmp(&b.1.power))
                        .then(b.1.key.cmp(&a.1.key))
                });
            if let Some((worth, p)) = partner {
                let sway = cx.index(p.id).and_then(|v| cx.best_sway(v));
                let mut inputs = vec![
                    input("people in IT", it_people.len()),
                    input("supporters or champions in IT", 0),
                    input(
                        "partner",
                        format!("{} ({}, power {})", p.key, p.stance, p.power),
                    ),
                ];
                cx.sway_inputs(&sway, &mut inputs);
                found.push(Found {
                    rule: Rule::InvolveIt,
                    subject: p.id,
                    person: p.id,
                    step: cx.ask(&sway, p.id, "to bring IT in as a partner early"),
                    why: format!(
                        "nobody in IT is a supporter yet ({} people); devices, security and infrastructure sit with them",
                        it_people.len()
                    ),
                    inputs,
                    facts: vec![format!("partner={}:{}", p.key, p.stance)],
                    worth,
                    sway,
                });
            }
        }
    }

    // Board seats left open: the candidate who would add most to the board's reach.
    for seat in options.seats.iter().filter(|s| s.filled_by.is_empty()) {
        let Some(c) = &seat.best_candidate else {
            notes.push(format!(
                "the board has no {} and nobody we can recruit could fill the seat",
                seat.label
            ));
            continue;
        };
        let Some(person) = map.person_by_key(&c.id) else {
            continue;
        };
        let Some(v) = cx.index(person.id) else {
            continue;
        };
        let sway = cx.best_sway(v);
        let mut inputs = vec![
            input("open seat", &seat.label),
            input(
                "candidate",
                format!(
                    "{} ({}), recruited with chance {:.2}",
                    c.id, c.stance, c.recruitment
                ),
            ),
            input(
                "board's reach",
                format!("{:.1}% with them", 100.0 * c.reach_with),
            ),
        ];
        cx.sway_inputs(&sway, &mut inputs);
        let step = match &sway {
            Some(s) if !cx.is_home[s.via as usize] => format!(
                "Recruit {} to the board as {}: ask {} to bring them in",
                person.name,
                seat.label,
                name_of(map, cx.csr.ids[s.via as usize])
            ),
            _ => format!("Recruit {} to the board as {}", person.name, seat.label),
        };
        found.push(Found {
            rule: Rule::BoardSeat,
            subject: person.id,
            person: person.id,
            step,
            why: format!("the board of advocates has no {}", seat.label),
            inputs,
            facts: vec![format!("seat={:?}:{}", seat.seat, c.id)],
            worth: (
                c.adds,
                format!(
                    "adds {:.1}% of the audience to the board's expected reach ({:.1}% with them)",
                    100.0 * c.adds,
                    100.0 * c.reach_with
                ),
            ),
            sway,
        });
    }

    let mut all: Vec<Suggestion> = found.into_iter().map(|f| cx.finish(f)).collect();
    all.sort_by(|a, b| {
        b.worth
            .total_cmp(&a.worth)
            .then(a.rule.cmp(&b.rule))
            .then(a.key.cmp(&b.key))
    });
    let mut out = NextSteps {
        today: options.today.clone(),
        suggestions: Vec::new(),
        quiet: Vec::new(),
        dismissed: 0,
        planned: 0,
        notes,
    };
    for s in all {
        let action = campaign
            .actions
            .values()
            .find(|a| {
                a.state == super::ActionState::Open && a.suggestion.as_deref() == Some(&s.key)
            })
            .map(|a| a.key.clone());
        let dismissal = campaign
            .dismissed
            .get(&s.key)
            .filter(|d| d.inputs == s.inputs_hash)
            .cloned();
        if action.is_some() {
            out.planned += 1;
        } else if dismissal.is_some() {
            out.dismissed += 1;
        } else {
            out.suggestions.push(s);
            continue;
        }
        if options.include_quiet {
            out.quiet.push(Quiet {
                suggestion: s,
                dismissal,
                action,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
