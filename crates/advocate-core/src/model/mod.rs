//! The domain model of an influence map, in memory: people, departments, influence ties and
//! their kinds, the home team, the goal, the engagement log and the layout.
//!
//! [`Map`] owns the records and a petgraph graph whose nodes are people and departments and whose
//! edges are influence ties (person → person) and memberships (person → department, department →
//! parent department). The map file ([`crate::store`]) rebuilds a `Map` on open and keeps it in
//! step with every edit; the analysis builds its own compact snapshot from it.
//!
//! The rooms: people, their stance and engagement log in `person`; departments and the groups a
//! map names (home team, audience) in `department`, and what a department does in `function`; ties and their kinds in `tie`; the map
//! itself and its graph in `map`. Every type is re-exported here.

mod department;
mod function;
mod keys;
mod map;
mod person;
mod tie;

use serde::{Deserialize, Serialize};

pub use department::{Department, Goal, Group};
pub use function::{Function, FunctionChoice};
pub use keys::PersonKey;
pub use map::{Map, PeopleNodes};
pub use person::{Engagement, MERGED_JUDGEMENT, Person, Stance};
pub use tie::{BUILTIN_KINDS, DEFAULT_KIND, KindName, Tie, TieKind};

macro_rules! row_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        pub struct $name(pub i64);
    };
}
row_id!(
    /// A person's row in the map file.
    PersonId
);
row_id!(
    /// A department's row in the map file.
    DepartmentId
);
row_id!(
    /// An influence tie's row in the map file.
    TieId
);
row_id!(
    /// An engagement log entry's row in the map file.
    EngagementId
);

/// Where a node sits on the drawing.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub x: f64,
    pub y: f64,
    pub pinned: bool,
}

/// A node of the map's graph: `{"type": "person", "id": 3}` in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", content = "id", rename_all = "lowercase")]
pub enum Node<P = PersonId> {
    Person(P),
    Department(DepartmentId),
}

/// An edge of the map's graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Link {
    /// An influence tie between two people.
    Tie(TieId),
    /// A person belongs to a department.
    Member,
    /// A department sits inside its parent.
    Within,
}
