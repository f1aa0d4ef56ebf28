//! From map to campaign: where we need each person (target stances), what we plan to do about
//! it (actions), what to do next and why (suggestions from the map, [`next`]), whether it is
//! working (stances over time, [`progress`]), and reminders in the user's calendar ([`ics`]).
//!
//! This module owns the campaign's records ([`Campaign`]: targets, actions, dismissed
//! suggestions and the campaign's settings) and every rule about them. It reads the map
//! ([`crate::model::Map`]) and the analysis ([`crate::analysis`]) but never changes them; the
//! map file ([`crate::store`]) keeps the records and makes every change to them undoable.
//!
//! Dates are ISO `YYYY-MM-DD` strings as in the engagement log, and "today" is always given
//! by the caller, so every answer can be reproduced (and tested) for any date.

pub mod gaps;
pub mod ics;
pub mod next;
pub mod plan;
pub mod progress;
pub mod records;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::format_description;

use crate::model::{EngagementId, Map, PersonId, Stance};

/// The stance an audience member is needed at when nobody has set their target.
pub const DEFAULT_AUDIENCE_TARGET: Stance = Stance::Supporter;

/// Days without an engagement after which a powerful person counts as neglected, unless the
/// map says otherwise.
pub const DEFAULT_STALE_DAYS: i64 = 45;

/// How many days after it is accepted a suggested step is due, unless the user says.
pub const ACCEPTED_DUE_DAYS: i64 = 14;

/// The size of the board of advocates the campaign watches (the Stale rule, progress).
pub const BOARD_SIZE: usize = 5;

/// The board of advocates the campaign watches: the map's best board of [`BOARD_SIZE`] from
/// the home team to the audience, with its seats; `None` when the map has no home team or
/// audience to choose one for.
pub fn watched_board(
    map: &Map,
    progress: &crate::analysis::Progress,
) -> Result<Option<crate::analysis::coalition::Board>, crate::analysis::AnalysisError> {
    use crate::analysis::coalition::{CoalitionQuery, coalition};
    match coalition(map, &CoalitionQuery::new(BOARD_SIZE), progress) {
        Ok(b) => Ok(Some(b)),
        Err(crate::analysis::AnalysisError::Cancelled) => {
            Err(crate::analysis::AnalysisError::Cancelled)
        }
        Err(_) => Ok(None),
    }
}

/// An action's row in the map file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ActionId(pub i64);

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum ActionState {
    Open,
    Done,
    Dropped,
}

impl ActionState {
    pub fn label(self) -> &'static str {
        match self {
            ActionState::Open => "open",
            ActionState::Done => "done",
            ActionState::Dropped => "dropped",
        }
    }

    pub fn parse(text: &str) -> Result<ActionState, String> {
        match text.trim().to_lowercase().as_str() {
            "open" | "" => Ok(ActionState::Open),
            "done" => Ok(ActionState::Done),
            "dropped" => Ok(ActionState::Dropped),
            _ => Err(format!(
                "unknown action state {text:?}: expected open, done or dropped"
            )),
        }
    }
}

impl std::fmt::Display for ActionState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// Something we plan to do about a person: what, about whom (optionally through an advocate),
/// who does it, by when, and where it stands. A done action names the engagement log entry it
/// produced, so the plan and the stance history tell one story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub id: ActionId,
    /// The action's lasting identifier: what imports merge by and what a calendar knows the
    /// event by. Random, so that actions made on two laptops never share one.
    pub key: String,
    /// What to do: "Ask Siobhán to raise the pilot with the CFO".
    pub what: String,
    /// About whom.
    pub person: PersonId,
    /// Through whom, when someone else speaks for us.
    pub via: Option<PersonId>,
    /// Who does it, in the team's words: "me", "Head of L&D".
    pub owner: String,
    /// `YYYY-MM-DD`.
    pub due: Option<String>,
    pub state: ActionState,
    /// The engagement log entry a done action produced.
    pub engagement: Option<EngagementId>,
    /// The suggestion it was accepted from ([`next::Suggestion::key`]).
    pub suggestion: Option<String>,
    /// `YYYY-MM-DD`.
    pub created: String,
    /// When it was marked done or dropped, `YYYY-MM-DD`.
    pub closed: Option<String>,
    /// Counts the changes made to the action; a calendar takes the higher one as the newer.
    pub revision: i64,
}

impl Action {
    /// Open, with a due date before `today`.
    pub fn is_overdue(&self, today: &str) -> bool {
        self.state == ActionState::Open && self.due.as_deref().is_some_and(|d| d < today)
    }
}

/// A suggestion the user dismissed, and why. It stays quiet while its inputs are the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Dismissal {
    /// [`next::Suggestion::key`].
    pub suggestion: String,
    /// [`next::Suggestion::inputs_hash`] when it was dismissed.
    pub inputs: String,
    pub reason: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// The campaign's records on a map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    /// Where we need people, set one by one. Audience members without one are needed at
    /// [`DEFAULT_AUDIENCE_TARGET`].
    pub targets: BTreeMap<PersonId, Stance>,
    pub actions: BTreeMap<ActionId, Action>,
    /// By suggestion key.
    pub dismissed: BTreeMap<String, Dismissal>,
    /// A powerful person not engaged for this many days is neglected (the Stale rule).
    pub stale_days: i64,
}

impl Default for Campaign {
    fn default() -> Campaign {
        Campaign {
            targets: BTreeMap::new(),
            actions: BTreeMap::new(),
            dismissed: BTreeMap::new(),
            stale_days: DEFAULT_STALE_DAYS,
        }
    }
}

/// Where a target comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum TargetSource {
    /// Set for this person.
    Set,
    /// The audience's default, [`DEFAULT_AUDIENCE_TARGET`].
    AudienceDefault,
}

impl Campaign {
    /// The stance we need `person` at, and where that comes from: their own target, else
    /// supporter for a member of the goal's audience, else none. `audience` is
    /// [`Map::audience`], sorted.
    pub fn target_of(
        &self,
        person: PersonId,
        audience: &[PersonId],
    ) -> Option<(Stance, TargetSource)> {
        if let Some(t) = self.targets.get(&person) {
            return Some((*t, TargetSource::Set));
        }
        audience
            .binary_search(&person)
            .is_ok()
            .then_some((DEFAULT_AUDIENCE_TARGET, TargetSource::AudienceDefault))
    }

    /// The actions about or through a person.
    pub fn actions_of(&self, person: PersonId) -> impl Iterator<Item = &Action> {
        self.actions
            .values()
            .filter(move |a| a.person == person || a.via == Some(person))
    }

    /// The action with this key.
    pub fn action_by_key(&self, key: &str) -> Option<&Action> {
        self.actions.values().find(|a| a.key == key)
    }

    /// Forgets what belonged to a person who left the map (as the map file's cascades do).
    pub fn forget_person(&mut self, person: PersonId) {
        self.targets.remove(&person);
        self.actions.retain(|_, a| a.person != person);
        for a in self.actions.values_mut() {
            if a.via == Some(person) {
                a.via = None;
            }
        }
    }

    /// Counts of actions by state: (open, done, dropped). What a redacted export shows of them.
    pub fn action_counts(&self) -> (usize, usize, usize) {
        let mut c = (0, 0, 0);
        for a in self.actions.values() {
            match a.state {
                ActionState::Open => c.0 += 1,
                ActionState::Done => c.1 += 1,
                ActionState::Dropped => c.2 += 1,
            }
        }
        c
    }
}

/// Reads an ISO date.
pub fn parse_date(text: &str) -> Option<Date> {
    Date::parse(text.trim(), format_description!("[year]-[month]-[day]")).ok()
}

/// Reads an ISO date, or says what is wrong with it.
pub(crate) fn date_or_error(what: &str, text: &str) -> Result<Date, String> {
    parse_date(text).ok_or_else(|| format!("{what} {text:?} is not a date of the form YYYY-MM-DD"))
}

/// `date` plus `days`, as an ISO date.
pub fn add_days(date: &str, days: i64) -> Option<String> {
    parse_date(date)
        .and_then(|d| d.checked_add(time::Duration::days(days)))
        .map(|d| d.to_string())
}

/// The map's people by key, for messages and records: `#row` when someone is missing.
pub(crate) fn key_of(map: &Map, id: PersonId) -> String {
    map.person(id)
        .map(|p| p.key.clone())
        .unwrap_or_else(|| format!("#{}", id.0))
}

pub(crate) fn name_of(map: &Map, id: PersonId) -> String {
    map.person(id)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| format!("#{}", id.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audience_members_default_to_supporter_and_a_set_target_wins() {
        let mut c = Campaign::default();
        let audience = [PersonId(2), PersonId(5)];
        assert_eq!(c.target_of(PersonId(1), &audience), None);
        assert_eq!(
            c.target_of(PersonId(5), &audience),
            Some((Stance::Supporter, TargetSource::AudienceDefault))
        );
        c.targets.insert(PersonId(5), Stance::Champion);
        c.targets.insert(PersonId(1), Stance::Neutral);
        assert_eq!(
            c.target_of(PersonId(5), &audience),
            Some((Stance::Champion, TargetSource::Set))
        );
        assert_eq!(
            c.target_of(PersonId(1), &audience),
            Some((Stance::Neutral, TargetSource::Set))
        );
    }

    #[test]
    fn overdue_means_open_and_due_before_today() {
        let mut a = Action {
            id: ActionId(1),
            key: "a".into(),
            what: "call".into(),
            person: PersonId(1),
            via: None,
            owner: "me".into(),
            due: Some("2026-10-01".into()),
            state: ActionState::Open,
            engagement: None,
            suggestion: None,
            created: "2026-09-01".into(),
            closed: None,
            revision: 0,
        };
        assert!(a.is_overdue("2026-10-02"));
        assert!(!a.is_overdue("2026-10-01"));
        a.state = ActionState::Done;
        assert!(!a.is_overdue("2026-10-02"));
        a.state = ActionState::Open;
        a.due = None;
        assert!(!a.is_overdue("2030-01-01"));
    }

    #[test]
    fn dates_add_days_across_months_and_refuse_nonsense() {
        assert_eq!(add_days("2026-01-31", 1).as_deref(), Some("2026-02-01"));
        assert_eq!(add_days("2026-03-01", -1).as_deref(), Some("2026-02-28"));
        assert_eq!(add_days("2026-02-30", 1), None);
        assert!(
            date_or_error("due", "tomorrow")
                .unwrap_err()
                .contains("\"tomorrow\"")
        );
    }

    #[test]
    fn forgetting_a_person_drops_their_actions_and_target() {
        let mut c = Campaign::default();
        c.targets.insert(PersonId(1), Stance::Champion);
        for (i, (person, via)) in [(1, None), (2, Some(1)), (2, None)].into_iter().enumerate() {
            c.actions.insert(
                ActionId(i as i64),
                Action {
                    id: ActionId(i as i64),
                    key: format!("a{i}"),
                    what: "x".into(),
                    person: PersonId(person),
                    via: via.map(PersonId),
                    owner: String::new(),
                    due: None,
                    state: ActionState::Open,
                    engagement: None,
                    suggestion: None,
                    created: "2026-01-01".into(),
                    closed: None,
                    revision: 0,
                },
            );
        }
        c.forget_person(PersonId(1));
        assert!(c.targets.is_empty());
        assert_eq!(c.actions.len(), 2);
        assert!(c.actions.values().all(|a| a.via.is_none()));
    }
}
