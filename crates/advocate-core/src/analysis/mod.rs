//! The analysis: the answers an L&D practitioner asks of a map — who is best placed to speak on
//! our behalf ([`rank`]), the most reliable chain of introductions ([`paths`]), the board of
//! advocates ([`coalition`]), network measures ([`metrics`]), where we stand ([`grid`]) and what if
//! ([`whatif`]). Everything runs on a compact snapshot of the map ([`csr`]), never on the map's
//! petgraph graph.
//!
//! A tie of strength s has distance −ln(s), so the most reliable chain of introductions is the
//! shortest path and its reliability is the product of the strengths along it.

pub mod coalition;
pub mod communities;
pub mod csr;
pub mod grid;
pub mod metrics;
pub mod paths;
pub mod progress;
pub mod rank;
pub mod seats;
pub mod whatif;

#[cfg(test)]
pub(crate) mod testmap;

pub use csr::Csr;
pub use progress::Progress;

pub use serde::Serialize;

use crate::model::{Map, PersonId};

/// Why an analysis gave no answer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnalysisError {
    /// The work was cancelled through its [`Progress`].
    #[error("cancelled")]
    Cancelled,
    /// No chain of introductions joins the two ends; `reason` says which side is cut off.
    #[error("no chain of introductions from {from} to {to}: {reason}")]
    NoPath {
        from: String,
        to: String,
        reason: String,
    },
    /// The question needs people that the map does not have (an empty home team or audience…).
    #[error("{0}")]
    Missing(String),
}

pub(crate) fn key_of(map: &Map, id: PersonId) -> String {
    map.person(id)
        .map(|p| p.key.clone())
        .unwrap_or_else(|| format!("#{}", id.0))
}

/// How text names a person: their name, with their key beside it where the name alone is not
/// enough (another person has the same name, or it is empty).
pub fn label_of(map: &Map, id: PersonId) -> String {
    match map.person(id) {
        None => format!("#{}", id.0),
        Some(p) if p.name.trim().is_empty() => p.key.clone(),
        Some(p) if map.people_named(&p.name).len() > 1 => format!("{} ({})", p.name, p.key),
        Some(p) => p.name.clone(),
    }
}

/// Names a group of people for messages: up to three keys, then a count.
pub(crate) fn describe(map: &Map, people: &[PersonId]) -> String {
    let keys: Vec<String> = people.iter().take(3).map(|p| key_of(map, *p)).collect();
    match people.len() {
        0 => "nobody".to_string(),
        1..=3 => keys.join(", "),
        n => format!("{} and {} others", keys.join(", "), n - 3),
    }
}
