//! Influence ties, "A sways B" with a strength between 0 and 1, and their kinds (line manager,
//! peer, …) with a default strength each.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{PersonId, TieId};

/// A kind of influence tie and its default strength.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TieKind {
    pub name: String,
    pub default_strength: f64,
}

/// The kinds every new map starts with. The strengths of line manager, peer and L&D contact come
/// from a practitioner survey (how often each is the way a stance actually changes: 55%, 23%,
/// under 10%).
/// The kind a new tie gets unless another is chosen (or the pair already holds one of it).
pub const DEFAULT_KIND: &str = "peer";

pub const BUILTIN_KINDS: [(&str, f64); 7] = [
    ("line manager", 0.55),
    ("peer", 0.23),
    ("executive peer", 0.35),
    ("sponsor", 0.45),
    ("mentor", 0.30),
    ("informal ally", 0.20),
    ("L&D contact", 0.10),
];

/// The name of a tie's kind ("line manager", "peer", ...). A map has a handful of kinds and
/// hundreds of thousands of ties, so the ties share their kind's name instead of each holding a
/// copy: it reads as a `&str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct KindName(std::sync::Arc<str>);

impl KindName {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for KindName {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for KindName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for KindName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for KindName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for KindName {
    fn from(name: &str) -> KindName {
        KindName(name.into())
    }
}

impl From<String> for KindName {
    fn from(name: String) -> KindName {
        KindName(name.into())
    }
}

impl PartialEq<str> for KindName {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for KindName {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl Serialize for KindName {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for KindName {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<KindName, D::Error> {
        String::deserialize(deserializer).map(KindName::from)
    }
}

/// "A sways B": the chance that `from`'s endorsement moves `to`.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tie<P = PersonId> {
    pub id: TieId,
    pub from: P,
    pub to: P,
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub kind: KindName,
    /// Between 0 and 1.
    pub strength: f64,
    pub notes: String,
}
