//! The portable form of a map: plain records that name people by key and departments by name
//! instead of by row. It is the project's own JSON format (documented in the README), what every
//! importer produces, and what the demo map and the generator write. [`crate::store::MapFile::merge`]
//! brings it into a map file.
//!
//! Fields that are `None` mean "not given": a merge leaves the existing value alone, so a CSV
//! without a `notes` column does not wipe anyone's notes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::campaign::records::{ActionCounts, ActionData, TargetData};
use crate::model::{Function, Map, Position, Stance, TieKind};

/// The name written in the `format` field of the JSON format.
pub const FORMAT: &str = "advocate-map";
/// The JSON format's version.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MapData {
    #[serde(default = "format_name")]
    pub format: String,
    #[serde(default = "format_version")]
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home: Option<GroupData>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<GoalData>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<TieKind>,
    #[serde(default)]
    pub departments: Vec<DepartmentData>,
    #[serde(default)]
    pub people: Vec<PersonData>,
    #[serde(default)]
    pub ties: Vec<TieData>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub engagements: Vec<EngagementData>,
    /// Where we need people ([`crate::campaign`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<TargetData>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionData>,
    /// All a redacted export says of the actions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_counts: Option<ActionCounts>,
    /// Days without an engagement after which a powerful person is neglected (when not 45).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stale_days: Option<i64>,
    /// The saved views, in sequence order ([`crate::views`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<crate::views::ViewData>,
    /// All a redacted export says of the saved views: how many there are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view_count: Option<usize>,
}

fn format_name() -> String {
    FORMAT.to_string()
}
fn format_version() -> u32 {
    FORMAT_VERSION
}

/// People by key and/or a department by name.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct GroupData {
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct GoalData {
    #[serde(default)]
    pub initiative: String,
    #[serde(default)]
    pub audience: GroupData,
}

/// Where a record came from, for error messages: "people.csv line 4".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin(pub Option<String>);

impl Origin {
    pub fn describe(&self, fallback: impl FnOnce() -> String) -> String {
        self.0.clone().unwrap_or_else(fallback)
    }
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DepartmentData {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    /// What it does; left out: unchanged, or guessed from the name for a new department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<Function>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    #[serde(skip)]
    pub origin: Origin,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PersonData {
    /// The person's key; when absent the name is the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub power: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interest: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_maker: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    #[serde(skip)]
    pub origin: Origin,
}

impl PersonData {
    /// The key this record merges by.
    pub fn key(&self) -> &str {
        self.id.as_deref().unwrap_or(self.name.trim())
    }
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TieData {
    /// A person's key or name.
    pub from: String,
    pub to: String,
    pub kind: String,
    /// When absent, the kind's default strength.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strength: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct EngagementData {
    /// A person's key or name.
    pub person: String,
    pub date: String,
    pub action: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance_after: Option<Stance>,
    #[serde(skip)]
    pub origin: Origin,
}

impl MapData {
    /// Everything in a map, in a stable order (departments parents first, then by name; people,
    /// ties and log entries by row), ready to be written as JSON or CSV.
    pub fn from_map(map: &Map) -> MapData {
        let (targets, actions, stale_days) = crate::campaign::records::records(map);
        let dept_name = |id| map.department(id).map(|d| d.name.clone());
        let key = |id| map.person(id).map(|p| p.key.clone()).unwrap_or_default();
        let group = |g: &crate::model::Group| GroupData {
            people: g.people.iter().map(|p| key(*p)).collect(),
            department: g.department.and_then(dept_name),
        };
        let mut departments: Vec<_> = map.departments().collect();
        departments.sort_by_key(|d| (map.department_ancestry(d.id).len(), d.name.to_lowercase()));
        MapData {
            format: format_name(),
            version: FORMAT_VERSION,
            name: Some(map.name.clone()),
            home: Some(group(&map.home)),
            goal: Some(GoalData {
                initiative: map.goal.initiative.clone(),
                audience: group(&map.goal.audience),
            }),
            kinds: map.kinds.clone(),
            departments: departments
                .into_iter()
                .map(|d| DepartmentData {
                    name: d.name.clone(),
                    parent: d.parent.and_then(dept_name),
                    colour: d.colour.clone(),
                    function: Some(d.function),
                    position: d.position,
                    origin: Origin::default(),
                })
                .collect(),
            people: map
                .people()
                .map(|p| PersonData {
                    id: Some(p.key.clone()),
                    name: p.name.clone(),
                    title: Some(p.title.clone()),
                    department: p.department.and_then(dept_name),
                    stance: Some(p.stance),
                    power: Some(p.power),
                    interest: Some(p.interest),
                    decision_maker: Some(p.decision_maker),
                    tags: Some(p.tags.clone()),
                    notes: Some(p.notes.clone()),
                    attributes: p.attributes.clone(),
                    position: p.position,
                    origin: Origin::default(),
                })
                .collect(),
            ties: map
                .ties()
                .map(|t| TieData {
                    from: key(t.from),
                    to: key(t.to),
                    kind: t.kind.to_string(),
                    strength: Some(t.strength),
                    notes: Some(t.notes.clone()),
                    origin: Origin::default(),
                })
                .collect(),
            engagements: map
                .engagements()
                .map(|e| EngagementData {
                    person: key(e.person),
                    date: e.date.clone(),
                    action: e.action.clone(),
                    summary: e.summary.clone(),
                    stance_after: e.stance_after,
                    origin: Origin::default(),
                })
                .collect(),
            targets,
            actions,
            action_counts: None,
            stale_days,
            views: crate::views::records(map),
            view_count: None,
        }
    }
}
