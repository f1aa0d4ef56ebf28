//! advocate-core: everything Advocate knows about influence maps, with no user interface.
//!
//! It owns the domain model ([`model`]), the map file ([`store`]: one SQLite file per map, edits
//! saved as they happen, undo kept in the file), importing and exporting, and the analysis that
//! answers the questions of an L&D practitioner: who speaks for us, the best path to a
//! decision-maker, the board of advocates, where we stand, and what if.
//!
//! It is not the command line (`advocate-cli`) nor the desktop app (`src-tauri`): both are thin
//! layers over this crate, and every business rule lives here.

pub mod analysis;
pub mod campaign;
pub mod data;
pub mod demo;
pub mod export;
pub mod formats;
pub mod generate;
pub mod import;
pub mod model;
pub mod store;
pub mod views;

pub use data::MapData;
pub use model::{
    Department, DepartmentId, Engagement, EngagementId, Function, Goal, Group, Map, Person,
    PersonId, Position, Stance, Tie, TieId, TieKind,
};
pub use store::{Error, ImportReport, MapFile, MergeMode};
