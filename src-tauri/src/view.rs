//! What the window sees of a map and what it sends back: plain, typed records (exported to
//! `ui/src/bindings.ts` by specta) converted to and from advocate-core's own types. No rule
//! lives here; the words are the core's (`stance`, `power`, `strength`, …).

use advocate_core::data::{DepartmentData, PersonData, TieData};
use advocate_core::model::Node;
use advocate_core::store::journal::Direction;
use advocate_core::{Group, Map, MapFile, Position, Stance};
use serde::{Deserialize, Serialize};
use specta::Type;

/// A stance as the window names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum StanceView {
    Champion,
    Supporter,
    Neutral,
    Sceptic,
    Blocker,
}

impl From<Stance> for StanceView {
    fn from(s: Stance) -> Self {
        match s {
            Stance::Champion => StanceView::Champion,
            Stance::Supporter => StanceView::Supporter,
            Stance::Neutral => StanceView::Neutral,
            Stance::Sceptic => StanceView::Sceptic,
            Stance::Blocker => StanceView::Blocker,
        }
    }
}

impl From<StanceView> for Stance {
    fn from(s: StanceView) -> Self {
        match s {
            StanceView::Champion => Stance::Champion,
            StanceView::Supporter => Stance::Supporter,
            StanceView::Neutral => Stance::Neutral,
            StanceView::Sceptic => Stance::Sceptic,
            StanceView::Blocker => Stance::Blocker,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Type)]
pub struct PositionView {
    pub x: f64,
    pub y: f64,
    pub pinned: bool,
}

impl From<Position> for PositionView {
    fn from(p: Position) -> Self {
        PositionView {
            x: p.x,
            y: p.y,
            pinned: p.pinned,
        }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct PersonView {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub title: String,
    pub department: Option<i64>,
    pub stance: StanceView,
    pub power: u8,
    pub interest: u8,
    pub decision_maker: bool,
    pub tags: Vec<String>,
    pub notes: String,
    pub position: Option<PositionView>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct DepartmentView {
    pub id: i64,
    pub name: String,
    pub parent: Option<i64>,
    pub colour: Option<String>,
    pub position: Option<PositionView>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct TieView {
    pub id: i64,
    pub from: i64,
    pub to: i64,
    pub kind: String,
    pub strength: f64,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct EngagementView {
    pub id: i64,
    pub person: i64,
    pub date: String,
    pub action: String,
    pub summary: String,
    pub stance_after: Option<StanceView>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct KindView {
    pub name: String,
    pub default_strength: f64,
    /// How ties of this kind are drawn, as in the exports: an SVG dash pattern for a line one
    /// unit wide (lines of authority solid: `None`; peers dashed; informal ties dotted).
    pub dash: Option<String>,
}

/// People named one by one, or a whole department.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct GroupView {
    pub people: Vec<i64>,
    pub department: Option<i64>,
}

impl From<&Group> for GroupView {
    fn from(g: &Group) -> Self {
        GroupView {
            people: g.people.iter().map(|p| p.0).collect(),
            department: g.department.map(|d| d.0),
        }
    }
}

impl From<&GroupView> for Group {
    fn from(g: &GroupView) -> Self {
        Group {
            people: g
                .people
                .iter()
                .map(|p| advocate_core::PersonId(*p))
                .collect(),
            department: g.department.map(advocate_core::DepartmentId),
        }
    }
}

/// The open map, whole: what the window draws after every change.
#[derive(Debug, Clone, Serialize, Type)]
pub struct MapView {
    pub path: String,
    pub name: String,
    pub read_only: bool,
    /// Whether the file is encrypted with a passphrase.
    pub encrypted: bool,
    pub initiative: String,
    pub audience: GroupView,
    pub home: GroupView,
    pub kinds: Vec<KindView>,
    pub departments: Vec<DepartmentView>,
    pub people: Vec<PersonView>,
    pub ties: Vec<TieView>,
    pub engagements: Vec<EngagementView>,
    /// The label of the edit that undo would take back, if any.
    pub undo: Option<String>,
    /// The label of the edit that redo would replay, if any.
    pub redo: Option<String>,
}

impl MapView {
    pub fn of(file: &MapFile) -> MapView {
        let map: &Map = file.map();
        MapView {
            path: file.path().display().to_string(),
            name: map.name.clone(),
            read_only: file.is_read_only(),
            encrypted: file.is_encrypted(),
            initiative: map.goal.initiative.clone(),
            audience: (&map.goal.audience).into(),
            home: (&map.home).into(),
            kinds: map
                .kinds
                .iter()
                .map(|k| KindView {
                    name: k.name.clone(),
                    default_strength: k.default_strength,
                    dash: advocate_core::export::drawing::kind_dash(&k.name).svg_array(1.0),
                })
                .collect(),
            departments: map
                .departments()
                .map(|d| DepartmentView {
                    id: d.id.0,
                    name: d.name.clone(),
                    parent: d.parent.map(|p| p.0),
                    colour: d.colour.clone(),
                    position: d.position.map(Into::into),
                })
                .collect(),
            people: map
                .people()
                .map(|p| PersonView {
                    id: p.id.0,
                    key: p.key.clone(),
                    name: p.name.clone(),
                    title: p.title.clone(),
                    department: p.department.map(|d| d.0),
                    stance: p.stance.into(),
                    power: p.power,
                    interest: p.interest,
                    decision_maker: p.decision_maker,
                    tags: p.tags.clone(),
                    notes: p.notes.clone(),
                    position: p.position.map(Into::into),
                })
                .collect(),
            ties: map
                .ties()
                .map(|t| TieView {
                    id: t.id.0,
                    from: t.from.0,
                    to: t.to.0,
                    kind: t.kind.to_string(),
                    strength: t.strength,
                    notes: t.notes.clone(),
                })
                .collect(),
            engagements: map
                .engagements()
                .map(|e| EngagementView {
                    id: e.id.0,
                    person: e.person.0,
                    date: e.date.clone(),
                    action: e.action.clone(),
                    summary: e.summary.clone(),
                    stance_after: e.stance_after.map(Into::into),
                })
                .collect(),
            undo: file.next_step(Direction::Undo).ok().flatten(),
            redo: file.next_step(Direction::Redo).ok().flatten(),
        }
    }
}

/// A new person, as the side panel's form sends it.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct PersonInput {
    /// The person's id in the map; when empty, the name is the id.
    pub key: Option<String>,
    pub name: String,
    pub title: Option<String>,
    /// A department name; a new name creates the department.
    pub department: Option<String>,
    pub stance: Option<StanceView>,
    pub power: Option<u8>,
    pub interest: Option<u8>,
    pub decision_maker: Option<bool>,
    pub tags: Option<Vec<String>>,
    pub notes: Option<String>,
    pub position: Option<PositionView>,
}

impl PersonInput {
    pub fn to_data(&self) -> PersonData {
        PersonData {
            id: self
                .key
                .as_ref()
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty()),
            name: self.name.clone(),
            title: self.title.clone(),
            department: self.department.clone().filter(|d| !d.trim().is_empty()),
            stance: self.stance.map(Into::into),
            power: self.power,
            interest: self.interest,
            decision_maker: self.decision_maker,
            tags: self.tags.clone(),
            notes: self.notes.clone(),
            position: self.position.map(|p| Position {
                x: p.x,
                y: p.y,
                pinned: p.pinned,
            }),
            ..PersonData::default()
        }
    }
}

/// Changes to one person; a missing field is left as it is.
#[derive(Debug, Clone, Default, Deserialize, Type)]
pub struct PersonPatchInput {
    pub key: Option<String>,
    pub name: Option<String>,
    pub title: Option<String>,
    /// A department name; an empty name takes the person out of their department.
    pub department: Option<String>,
    pub stance: Option<StanceView>,
    pub power: Option<u8>,
    pub interest: Option<u8>,
    pub decision_maker: Option<bool>,
    pub tags: Option<Vec<String>>,
    pub notes: Option<String>,
}

impl PersonPatchInput {
    pub fn to_patch(&self) -> advocate_core::store::PersonPatch {
        advocate_core::store::PersonPatch {
            key: self.key.clone(),
            name: self.name.clone(),
            title: self.title.clone(),
            department: self.department.clone(),
            stance: self.stance.map(Into::into),
            power: self.power,
            interest: self.interest,
            decision_maker: self.decision_maker,
            tags: self.tags.clone(),
            notes: self.notes.clone(),
        }
    }
}

/// One change applied to several people at once (one undo step).
#[derive(Debug, Clone, Default, Deserialize, Type)]
pub struct BulkPatch {
    pub stance: Option<StanceView>,
    /// A department name; a new name creates the department.
    pub department: Option<String>,
    /// Tags added to each person's tags.
    pub add_tags: Vec<String>,
    /// Tags taken away from each person's tags.
    pub remove_tags: Vec<String>,
}

/// A tie "from sways to", people named by id (key).
#[derive(Debug, Clone, Deserialize, Type)]
pub struct TieInput {
    pub from: String,
    pub to: String,
    pub kind: String,
    /// Between 0 and 1; when missing, the kind's default strength.
    pub strength: Option<f64>,
    pub notes: Option<String>,
}

impl TieInput {
    pub fn to_data(&self) -> TieData {
        TieData {
            from: self.from.clone(),
            to: self.to.clone(),
            kind: self.kind.clone(),
            strength: self.strength,
            notes: self.notes.clone(),
            ..TieData::default()
        }
    }
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct DepartmentInput {
    pub name: String,
    pub parent: Option<String>,
    pub colour: Option<String>,
}

impl DepartmentInput {
    pub fn to_data(&self) -> DepartmentData {
        DepartmentData {
            name: self.name.clone(),
            parent: self.parent.clone().filter(|p| !p.trim().is_empty()),
            colour: self.colour.clone().filter(|c| !c.trim().is_empty()),
            ..DepartmentData::default()
        }
    }
}

/// A node of the drawing: a person or a department, by row.
#[derive(Debug, Clone, Copy, Deserialize, Type)]
#[serde(tag = "type", content = "id", rename_all = "lowercase")]
pub enum NodeRef {
    Person(i64),
    Department(i64),
}

impl From<NodeRef> for Node {
    fn from(n: NodeRef) -> Self {
        match n {
            NodeRef::Person(id) => Node::Person(advocate_core::PersonId(id)),
            NodeRef::Department(id) => Node::Department(advocate_core::DepartmentId(id)),
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Type)]
pub struct NodeMove {
    pub node: NodeRef,
    pub position: PositionView,
}

/// An engagement to log.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct EngagementInput {
    pub person: i64,
    /// ISO date, `YYYY-MM-DD`.
    pub date: String,
    pub action: String,
    pub summary: String,
    pub stance_after: Option<StanceView>,
}
