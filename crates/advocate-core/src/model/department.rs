//! Departments (nested by parent), and the groups a map names as a whole: the home team ("we")
//! and the goal's audience, each a list of people or a department with its sub-departments.

use serde::{Deserialize, Serialize};

use super::{DepartmentId, Function, PersonId, Position};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Department {
    pub id: DepartmentId,
    pub name: String,
    pub parent: Option<DepartmentId>,
    /// A CSS colour such as `#1f77b4`.
    pub colour: Option<String>,
    /// What it does (executive, IT, communications…): set by the user, else guessed from the name.
    pub function: Function,
    pub position: Option<Position>,
}

/// A group of people named either one by one or as a whole department (with its sub-departments).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Group<P = PersonId> {
    pub people: Vec<P>,
    pub department: Option<DepartmentId>,
}

impl<P> Group<P> {
    pub fn is_empty(&self) -> bool {
        self.people.is_empty() && self.department.is_none()
    }
}

/// The initiative and the audience it needs.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Goal {
    pub initiative: String,
    pub audience: Group,
}
