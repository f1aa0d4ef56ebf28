//! What the window sees of a map. The records are advocate-core's own (its `specta` feature
//! derives their TypeScript types into `ui/src/bindings.ts`); the types here exist only where the
//! window needs a shape the core does not have, and each says why. No rule lives here.

use advocate_core::export::drawing::Palette;
use advocate_core::model::{
    Department, DepartmentId, Engagement, EngagementId, Function, FunctionChoice, Person,
    PersonKey, Tie, TieId, TieKind,
};
use advocate_core::store::journal::Direction;
use advocate_core::views::ViewLayout;
use advocate_core::{Group, Map, MapFile, Stance};
use serde::{Deserialize, Serialize};
use specta::Type;

/// The map's small fields and the state of its file: what every answer about the open map
/// carries, whole or as a change. A view type because the window needs, with the map's own
/// fields, what the file says about them (whether it is read-only or encrypted, what undo and
/// redo would do) and what the core works out from them (who the audience and the home team
/// count, the palette).
#[derive(Debug, Clone, Serialize, Type)]
pub struct MapHead {
    pub name: String,
    pub read_only: bool,
    /// Whether the file is encrypted with a passphrase.
    pub encrypted: bool,
    pub initiative: String,
    pub audience: Group<PersonKey>,
    pub home: Group<PersonKey>,
    /// Everyone the audience names (one by one or by department), as the core counts them.
    pub audience_members: Vec<PersonKey>,
    /// Everyone the home team names, as the core counts them.
    pub home_members: Vec<PersonKey>,
    pub kinds: Vec<TieKind>,
    /// How the map is coloured and dashed, as in the exports.
    pub palette: Palette,
    /// The label of the edit that undo would take back, if any.
    pub undo: Option<String>,
    /// The label of the edit that redo would replay, if any.
    pub redo: Option<String>,
    /// When undo would take back a layout's move, the layout the places are in afterwards (the
    /// layout menu follows it).
    pub undo_layout: Option<ViewLayout>,
    /// When redo would replay a layout's move, the layout it lays the map out in.
    pub redo_layout: Option<ViewLayout>,
}

impl MapHead {
    pub fn of(file: &MapFile) -> MapHead {
        let map: &Map = file.map();
        MapHead {
            name: map.name.clone(),
            read_only: file.is_read_only(),
            encrypted: file.is_encrypted(),
            initiative: map.goal.initiative.clone(),
            audience: map.goal.audience.keyed(map),
            home: map.home.keyed(map),
            audience_members: map.goal.audience.member_keys(map),
            home_members: map.home.member_keys(map),
            kinds: map.kinds.clone(),
            palette: Palette::of(map),
            undo: file.next_step(Direction::Undo).ok().flatten(),
            redo: file.next_step(Direction::Redo).ok().flatten(),
            undo_layout: file.layout_after(Direction::Undo).ok().flatten(),
            redo_layout: file.layout_after(Direction::Redo).ok().flatten(),
        }
    }
}

/// The open map, whole: its head, its path, and its records as lists rather than the core's
/// graph. A view type for the lists and the path.
#[derive(Debug, Clone, Serialize, Type)]
pub struct MapView {
    #[serde(flatten)]
    pub head: MapHead,
    pub path: String,
    /// The functions a department may have, as its form offers them.
    pub functions: Vec<FunctionChoice>,
    pub departments: Vec<Department>,
    pub people: Vec<Person>,
    pub ties: Vec<Tie<PersonKey>>,
    pub engagements: Vec<Engagement<PersonKey>>,
}

impl MapView {
    pub fn of(file: &MapFile) -> MapView {
        let map: &Map = file.map();
        MapView {
            head: MapHead::of(file),
            path: file.path().display().to_string(),
            functions: Function::choices(),
            departments: map.departments().cloned().collect(),
            people: map.people().cloned().collect(),
            ties: map.ties().map(|t| t.keyed(map)).collect(),
            engagements: map.engagements().map(|e| e.keyed(map)).collect(),
        }
    }
}

/// An engagement to log. An input type because the core's `log_engagement` takes its parts
/// rather than a record.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct EngagementInput {
    pub person: PersonKey,
    /// ISO date, `YYYY-MM-DD`.
    pub date: String,
    pub action: String,
    pub summary: String,
    pub stance_after: Option<Stance>,
}

/// What an edit changed, for the window to patch the map it shows instead of receiving it whole:
/// the map's head, sent every time, and the records added or changed and those gone (people by
/// the key they had). A view type because the window needs the change as records, where the
/// core's `Changed` names rows.
#[derive(Debug, Clone, Serialize, Type)]
pub struct MapDelta {
    pub head: MapHead,
    pub people: Vec<Person>,
    pub people_removed: Vec<PersonKey>,
    pub ties: Vec<Tie<PersonKey>>,
    pub ties_removed: Vec<TieId>,
    pub departments: Vec<Department>,
    pub departments_removed: Vec<DepartmentId>,
    pub engagements: Vec<Engagement<PersonKey>>,
    pub engagements_removed: Vec<EngagementId>,
}

/// Above this many records changed, an edit answers with the whole map: one list is quicker to
/// send and to draw than as many patches.
pub const DELTA_AT_MOST: usize = 2000;

/// What an edit answers: what changed, or the whole map after a large change (or one the core
/// could not describe record by record).
#[derive(Debug, Clone, Serialize, Type)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum Edited {
    Whole { map: Box<MapView> },
    Delta { delta: Box<MapDelta> },
}

impl Edited {
    pub fn of(file: &MapFile) -> Edited {
        let changed = file.changed();
        if changed.whole || changed.len() > DELTA_AT_MOST {
            return Edited::Whole {
                map: Box::new(MapView::of(file)),
            };
        }
        let map = file.map();
        let people = changed
            .people
            .iter()
            .filter_map(|id| map.person(*id))
            .cloned()
            .collect();
        let ties = changed
            .ties
            .iter()
            .filter_map(|id| map.tie(*id))
            .map(|t| t.keyed(map))
            .collect();
        let departments = changed
            .departments
            .iter()
            .filter_map(|id| map.department(*id))
            .cloned()
            .collect();
        let engagements = changed
            .engagements
            .iter()
            .filter_map(|id| map.engagement(*id))
            .map(|e| e.keyed(map))
            .collect();
        Edited::Delta {
            delta: Box::new(MapDelta {
                head: MapHead::of(file),
                people,
                people_removed: changed.people_removed.iter().cloned().collect(),
                ties,
                ties_removed: changed.ties_removed.iter().copied().collect(),
                departments,
                departments_removed: changed.departments_removed.iter().copied().collect(),
                engagements,
                engagements_removed: changed.engagements_removed.iter().copied().collect(),
            }),
        }
    }
}
