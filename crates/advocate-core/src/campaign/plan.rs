//! The plan as the user reads it: every action with the people it names (by key and name),
//! whether it is overdue, ordered as a to-do list; the open actions by owner (the deck's Plan
//! slide); the targets set one by one; and, with the suggested next steps and the gaps, the
//! whole of what the app's Plan tab shows ([`Plan`]).
//!
//! Also the map "as of" a date ([`as_of`]): each person's stance then, and whether it differs
//! from now, for the app to draw the map as it stood.

use serde::Serialize;

use super::gaps::{Gap, gaps};
use super::next::{NextOptions, NextSteps, next_steps};
use super::progress::stance_at;
use super::{Action, ActionState, Campaign, key_of, name_of, watched_board};
use crate::analysis::{AnalysisError, Progress};
use crate::model::{EngagementId, Map, PersonKey, Stance};

/// An action as the plan lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlanAction {
    pub key: String,
    pub what: String,
    /// About whom (their key) and their name.
    pub person: PersonKey,
    pub person_name: String,
    /// Through whom, when someone speaks for us.
    pub via: Option<PersonKey>,
    pub via_name: Option<String>,
    pub owner: String,
    pub due: Option<String>,
    pub state: ActionState,
    /// Open and due before today.
    pub overdue: bool,
    pub created: String,
    pub closed: Option<String>,
    /// The log entry a done action produced.
    pub engagement: Option<EngagementId>,
    /// The suggestion it was accepted from.
    pub suggestion: Option<String>,
}

impl PlanAction {
    pub fn of(map: &Map, a: &Action, today: &str) -> PlanAction {
        PlanAction {
            key: a.key.clone(),
            what: a.what.clone(),
            person: PersonKey(key_of(map, a.person)),
            person_name: name_of(map, a.person),
            via: a.via.map(|v| PersonKey(key_of(map, v))),
            via_name: a.via.map(|v| name_of(map, v)),
            owner: a.owner.clone(),
            due: a.due.clone(),
            state: a.state,
            overdue: a.is_overdue(today),
            created: a.created.clone(),
            closed: a.closed.clone(),
            engagement: a.engagement,
            suggestion: a.suggestion.clone(),
        }
    }
}

/// Every action as a to-do list: the open ones first (overdue first, then by due date, undated
/// last), then the done and dropped ones, latest closed first.
pub fn actions(map: &Map, campaign: &Campaign, today: &str) -> Vec<PlanAction> {
    let mut out: Vec<PlanAction> = campaign
        .actions
        .values()
        .map(|a| PlanAction::of(map, a, today))
        .collect();
    out.sort_by(|a, b| {
        let open = |x: &PlanAction| x.state != ActionState::Open;
        open(a)
            .cmp(&open(b))
            .then_with(|| match a.state {
                ActionState::Open => (a.due.is_none(), &a.due).cmp(&(b.due.is_none(), &b.due)),
                _ => b.closed.cmp(&a.closed),
            })
            .then_with(|| a.key.cmp(&b.key))
    });
    out
}

/// One owner's open actions, by due date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OwnerActions {
    /// As the team wrote it; "(no owner)" when nobody was named.
    pub owner: String,
    pub actions: Vec<PlanAction>,
    pub overdue: usize,
}

/// The word for an action nobody owns.
pub const NO_OWNER: &str = "(no owner)";

/// The open actions by owner: the owner with the earliest due action first, each owner's
/// actions by due date (undated last). Owners differing only in case or spaces are one.
pub fn open_by_owner(map: &Map, campaign: &Campaign, today: &str) -> Vec<OwnerActions> {
    let mut owners: Vec<OwnerActions> = Vec::new();
    for a in actions(map, campaign, today) {
        if a.state != ActionState::Open {
            continue;
        }
        let name = if a.owner.trim().is_empty() {
            NO_OWNER.to_string()
        } else {
            a.owner.trim().to_string()
        };
        let i = match owners
            .iter()
            .position(|o| o.owner.to_lowercase() == name.to_lowercase())
        {
            Some(i) => i,
            None => {
                owners.push(OwnerActions {
                    owner: name,
                    actions: Vec::new(),
                    overdue: 0,
                });
                owners.len() - 1
            }
        };
        let group = &mut owners[i];
        group.overdue += usize::from(a.overdue);
        group.actions.push(a);
    }
    // The actions came in due order, so each group's first is its earliest.
    owners.sort_by(|a, b| {
        let first = |o: &OwnerActions| {
            let d = o.actions.first().and_then(|a| a.due.clone());
            (d.is_none(), d)
        };
        first(a).cmp(&first(b)).then_with(|| a.owner.cmp(&b.owner))
    });
    owners
}

/// A person's target as set for them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TargetLine {
    pub person: PersonKey,
    pub name: String,
    pub stance: Stance,
    pub target: Stance,
    pub in_audience: bool,
}

/// The targets set one by one, by name.
pub fn targets(map: &Map, campaign: &Campaign) -> Vec<TargetLine> {
    let audience = map.audience();
    let mut out: Vec<TargetLine> = campaign
        .targets
        .iter()
        .filter_map(|(id, target)| {
            let p = map.person(*id)?;
            Some(TargetLine {
                person: PersonKey(p.key.clone()),
                name: p.name.clone(),
                stance: p.stance,
                target: *target,
                in_audience: audience.binary_search(id).is_ok(),
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name).then(a.person.cmp(&b.person)));
    out
}

/// What the Plan tab shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Plan {
    pub today: String,
    pub next: NextSteps,
    pub actions: Vec<PlanAction>,
    /// Everyone below target, heaviest first.
    pub gaps: Vec<Gap>,
    pub targets: Vec<TargetLine>,
    pub open: usize,
    pub overdue: usize,
    /// A powerful person not engaged for this many days is neglected.
    pub stale_days: i64,
}

/// The suggested next steps `today`, judged with the board the campaign watches, as the
/// command line's `next` and the app's Plan tab both ask; `include_quiet` lists the dismissed
/// and planned ones too.
pub fn current_steps(
    map: &Map,
    campaign: &Campaign,
    today: &str,
    include_quiet: bool,
    progress: &Progress,
) -> Result<NextSteps, AnalysisError> {
    let mut options = NextOptions::new(today);
    if let Some(board) = watched_board(map, progress)? {
        options = options.with_board(&board);
    }
    options.include_quiet = include_quiet;
    next_steps(map, campaign, &options, progress)
}

/// The suggestion with this key among the steps suggested now, or a message that lists the
/// keys there are (a planned or dismissed one is not suggested).
pub fn find_suggestion(steps: NextSteps, key: &str) -> Result<super::next::Suggestion, String> {
    let keys: Vec<String> = steps.suggestions.iter().map(|s| s.key.clone()).collect();
    steps
        .suggestions
        .into_iter()
        .find(|s| s.key == key.trim())
        .ok_or_else(|| {
            format!(
                "no suggestion {key:?} now (it may be planned or dismissed); suggested: {}",
                if keys.is_empty() {
                    "none".to_string()
                } else {
                    keys.join(", ")
                }
            )
        })
}

/// The due date of an accepted step when the user gives none: [`super::ACCEPTED_DUE_DAYS`]
/// after `today`.
pub fn default_due(today: &str) -> Result<String, String> {
    super::add_days(today, super::ACCEPTED_DUE_DAYS)
        .ok_or_else(|| format!("today {today:?} is not a date of the form YYYY-MM-DD"))
}

/// The plan `today`: the next steps, the actions, the gaps and the targets.
pub fn plan(
    map: &Map,
    campaign: &Campaign,
    today: &str,
    progress: &Progress,
) -> Result<Plan, AnalysisError> {
    let next = current_steps(map, campaign, today, true, progress)?;
    let actions = actions(map, campaign, today);
    Ok(Plan {
        today: today.to_string(),
        next,
        open: actions
            .iter()
            .filter(|a| a.state == ActionState::Open)
            .count(),
        overdue: actions.iter().filter(|a| a.overdue).count(),
        actions,
        gaps: gaps(map, campaign),
        targets: targets(map, campaign),
        stale_days: campaign.stale_days,
    })
}

/// A person's stance at a past date, beside now.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AsOf {
    pub person: PersonKey,
    pub name: String,
    /// `None`: not yet recorded then.
    pub stance: Option<Stance>,
    pub now: Stance,
    /// The stance then differs from now.
    pub changed: bool,
}

/// The map as it stood at the end of a date: everyone's stance then, the people whose stance
/// has changed since first, and the ties made, removed or changed since (from the map file's
/// log: `MapFile::as_of`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AsOfMap {
    pub date: String,
    pub people: Vec<AsOf>,
    pub ties: Vec<super::progress::TieChange>,
}

/// The map as it stood at the end of `date`: everyone's stance then (see
/// [`super::progress`]'s rule), the people whose stance has changed since first.
pub fn as_of(map: &Map, date: &str) -> Result<Vec<AsOf>, String> {
    super::date_or_error("date", date)?;
    let mut out: Vec<AsOf> = map
        .people()
        .map(|p| {
            let then = stance_at(map, p.id, date);
            AsOf {
                person: PersonKey(p.key.clone()),
                name: p.name.clone(),
                stance: then,
                now: p.stance,
                changed: then != Some(p.stance),
            }
        })
        .collect();
    out.sort_by(|a, b| b.changed.cmp(&a.changed).then(a.name.cmp(&b.name)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testmap;
    use crate::campaign::ActionId;
    use crate::model::PersonId;

    fn action(id: i64, owner: &str, due: Option<&str>, state: ActionState) -> Action {
        Action {
            id: ActionId(id),
            key: format!("a{id}"),
            what: format!("step {id}"),
            person: PersonId(1),
            via: Some(PersonId(2)),
            owner: owner.into(),
            due: due.map(String::from),
            state,
            engagement: None,
            suggestion: None,
            created: "2026-09-01".into(),
            closed: (state != ActionState::Open).then(|| format!("2026-10-0{id}")),
            revision: 0,
        }
    }

    fn campaign() -> Campaign {
        let mut c = Campaign::default();
        for a in [
            action(1, "me", Some("2026-11-20"), ActionState::Open),
            action(2, "Head of L&D", Some("2026-10-01"), ActionState::Open),
            action(3, "ME ", None, ActionState::Open),
            action(4, "me", Some("2026-09-01"), ActionState::Done),
            action(5, "", Some("2026-12-01"), ActionState::Open),
            action(6, "me", Some("2026-09-01"), ActionState::Dropped),
        ] {
            c.actions.insert(a.id, a);
        }
        c
    }

    #[test]
    fn the_to_do_list_puts_open_by_due_then_closed_latest_first() {
        let m = testmap::map(3, &[]);
        let got: Vec<(String, bool)> = actions(&m, &campaign(), "2026-11-01")
            .into_iter()
            .map(|a| (a.key, a.overdue))
            .collect();
        let want = [
            ("a2", true),
            ("a1", false),
            ("a5", false),
            ("a3", false),
            ("a6", false),
            ("a4", false),
        ];
        assert_eq!(
            got,
            want.map(|(k, o)| (k.to_string(), o)).to_vec(),
            "open by due (undated last), then closed latest first"
        );
        let a = &actions(&m, &campaign(), "2026-11-01")[0];
        assert_eq!((a.person.as_str(), a.via.as_deref()), ("p1", Some("p2")));
    }

    #[test]
    fn open_actions_group_by_owner_earliest_due_first() {
        let m = testmap::map(3, &[]);
        let got: Vec<(String, Vec<String>, usize)> = open_by_owner(&m, &campaign(), "2026-11-01")
            .into_iter()
            .map(|o| {
                (
                    o.owner,
                    o.actions.into_iter().map(|a| a.key).collect(),
                    o.overdue,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Head of L&D".to_string(), vec!["a2".to_string()], 1),
                ("me".to_string(), vec!["a1".into(), "a3".into()], 0),
                (NO_OWNER.to_string(), vec!["a5".to_string()], 0),
            ]
        );
    }

    #[test]
    fn as_of_marks_who_changed_since() {
        let mut m = testmap::map(2, &[]);
        testmap::set_stance(&mut m, 1, Stance::Supporter);
        m.put_engagement(crate::model::Engagement {
            id: EngagementId(1),
            person: PersonId(1),
            date: "2026-09-01".into(),
            action: "met".into(),
            summary: String::new(),
            stance_after: Some(Stance::Sceptic),
        });
        m.put_engagement(crate::model::Engagement {
            id: EngagementId(2),
            person: PersonId(1),
            date: "2026-10-01".into(),
            action: "met".into(),
            summary: String::new(),
            stance_after: Some(Stance::Supporter),
        });
        let then = as_of(&m, "2026-09-15").unwrap();
        assert_eq!(then[0].person, "p1");
        assert!(then[0].changed);
        assert_eq!(then[0].stance, Some(Stance::Sceptic));
        assert!(!then[1].changed);
        assert!(as_of(&m, "2026-10-01").unwrap().iter().all(|a| !a.changed));
        assert!(as_of(&m, "yesterday").is_err());
    }
}
