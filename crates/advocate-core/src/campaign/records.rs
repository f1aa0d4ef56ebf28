//! The campaign's records in the portable form of a map ([`crate::data::MapData`]): people by
//! key, engagement entries by their date and action, so they travel in the JSON and CSV
//! formats and merge into another map (actions by their id, targets by person).

use serde::{Deserialize, Serialize};

use super::{ActionState, Campaign, DEFAULT_STALE_DAYS};
use crate::data::Origin;
use crate::model::{Map, Stance};

/// Where we need a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetData {
    /// A person's key or name.
    pub person: String,
    pub stance: Stance,
    #[serde(skip)]
    pub origin: Origin,
}

/// The engagement entry a done action produced, named by what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngagementRef {
    pub date: String,
    pub action: String,
}

/// An action. Fields left out mean "not given": a merge leaves them alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ActionData {
    /// The action's id: what merges go by.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what: Option<String>,
    /// A person's key or name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ActionState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engagement: Option<EngagementRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

/// How many actions there are in each state: all a redacted export says of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ActionCounts {
    pub open: usize,
    pub done: usize,
    pub dropped: usize,
}

/// The campaign's part of a map's portable form.
pub fn records(map: &Map) -> (Vec<TargetData>, Vec<ActionData>, Option<i64>) {
    let c: &Campaign = &map.campaign;
    let key = |id| map.person(id).map(|p| p.key.clone()).unwrap_or_default();
    let targets = c
        .targets
        .iter()
        .map(|(p, s)| TargetData {
            person: key(*p),
            stance: *s,
            origin: Origin::default(),
        })
        .collect();
    let actions = c
        .actions
        .values()
        .map(|a| ActionData {
            id: a.key.clone(),
            what: Some(a.what.clone()),
            person: Some(key(a.person)),
            via: a.via.map(key),
            owner: Some(a.owner.clone()),
            due: a.due.clone(),
            state: Some(a.state),
            engagement: a
                .engagement
                .and_then(|e| map.engagement(e))
                .map(|e| EngagementRef {
                    date: e.date.clone(),
                    action: e.action.clone(),
                }),
            suggestion: a.suggestion.clone(),
            created: Some(a.created.clone()),
            closed: a.closed.clone(),
            origin: Origin::default(),
        })
        .collect();
    let stale = (c.stale_days != DEFAULT_STALE_DAYS).then_some(c.stale_days);
    (targets, actions, stale)
}

/// The counts a redacted export gives instead of the actions; `None` when there are none.
pub fn counts(actions: &[ActionData]) -> Option<ActionCounts> {
    if actions.is_empty() {
        return None;
    }
    let mut c = ActionCounts::default();
    for a in actions {
        match a.state.unwrap_or(ActionState::Open) {
            ActionState::Open => c.open += 1,
            ActionState::Done => c.done += 1,
            ActionState::Dropped => c.dropped += 1,
        }
    }
    Some(c)
}
