//! What the window sees of a map. The records are advocate-core's own (its `specta` feature
//! derives their TypeScript types into `ui/src/bindings.ts`); the types here exist only where the
//! window needs a shape the core does not have, and each says why. No rule lives here.

use advocate_core::export::drawing::Palette;
use advocate_core::model::{Department, Engagement, Person, PersonKey, Tie, TieKind};
use advocate_core::store::journal::Direction;
use advocate_core::{Group, Map, MapFile, Stance};
use serde::{Deserialize, Serialize};
use specta::Type;

/// The open map, whole, with the state of its file. A view type because the window needs, with
/// the map's records, what the file says about them (its path, whether it is read-only or
/// encrypted, what undo and redo would do), and the map's records as lists rather than the
/// core's graph.
#[derive(Debug, Clone, Serialize, Type)]
pub struct MapView {
    pub path: String,
    pub name: String,
    pub read_only: bool,
    /// Whether the file is encrypted with a passphrase.
    pub encrypted: bool,
    pub initiative: String,
    pub audience: Group<PersonKey>,
    pub home: Group<PersonKey>,
    pub kinds: Vec<TieKind>,
    /// How the map is coloured and dashed, as in the exports.
    pub palette: Palette,
    pub departments: Vec<Department>,
    pub people: Vec<Person>,
    pub ties: Vec<Tie<PersonKey>>,
    pub engagements: Vec<Engagement<PersonKey>>,
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
            audience: map.goal.audience.keyed(map),
            home: map.home.keyed(map),
            kinds: map.kinds.clone(),
            palette: Palette::of(map),
            departments: map.departments().cloned().collect(),
            people: map.people().cloned().collect(),
            ties: map.ties().map(|t| t.keyed(map)).collect(),
            engagements: map.engagements().map(|e| e.keyed(map)).collect(),
            undo: file.next_step(Direction::Undo).ok().flatten(),
            redo: file.next_step(Direction::Redo).ok().flatten(),
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
