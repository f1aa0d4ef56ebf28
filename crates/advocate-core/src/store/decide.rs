//! How a merge's conflicts are decided: all for one side (`advocate merge --prefer`), or one by
//! one (the app's conflict dialog), each conflict named by its [`Conflict::id`]. A conflict left
//! undecided stops the merge, and nothing changes. The sides and the conflicts live here too.

use serde::{Deserialize, Serialize};

/// Which side wins a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Prefer {
    Mine,
    Theirs,
}

impl std::str::FromStr for Prefer {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.trim().to_lowercase().as_str() {
            "mine" => Ok(Prefer::Mine),
            "theirs" => Ok(Prefer::Theirs),
            other => Err(format!("unknown side {other:?}: expected mine or theirs")),
        }
    }
}

/// One conflict, with both values and who made them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Conflict {
    /// Names the conflict for a decision made on it alone ([`super::Decision`]): the same
    /// conflict has the same id when the merge is tried again.
    pub id: String,
    pub table: String,
    /// The record, as people name it ("jane-doe", "tie jane-doe → bob").
    pub record: String,
    /// The field; `None` when the conflict is about the record itself.
    pub field: Option<String>,
    /// "field": both changed it; "removed-here": removed in this map, changed in theirs;
    /// "removed-there": changed here, removed in theirs; "same-key": made separately in both.
    pub kind: String,
    pub mine: String,
    pub theirs: String,
    pub mine_author: String,
    pub theirs_author: String,
    /// The side that won; `None` when the merge stopped without a decision.
    pub chosen: Option<Prefer>,
}

/// A conflict's id: its kind, the record (table and this map's row) and the field.
pub(super) fn conflict_id(kind: &str, table: &str, id: i64, field: Option<&str>) -> String {
    format!("{kind}/{table}/{id}/{}", field.unwrap_or(""))
}

/// One conflict's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Decision {
    /// The conflict's [`Conflict::id`], as the stopped merge listed it.
    pub conflict: String,
    pub prefer: Prefer,
}

/// The decisions a merge is made with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct Decisions {
    /// The side of every conflict not decided one by one; `None`: such a conflict stops the
    /// merge.
    pub all: Option<Prefer>,
    /// Conflicts decided one by one.
    pub each: Vec<Decision>,
}

impl Decisions {
    /// Every conflict for one side, or (with `None`) none decided.
    pub fn all(prefer: Option<Prefer>) -> Decisions {
        Decisions {
            all: prefer,
            each: Vec::new(),
        }
    }

    /// The side that wins `conflict`, noted in it; `None` when it is not decided.
    pub(super) fn decide(&self, conflict: &mut Conflict) -> Option<Prefer> {
        let side = self
            .each
            .iter()
            .find(|d| d.conflict == conflict.id)
            .map(|d| d.prefer)
            .or(self.all);
        conflict.chosen = side;
        side
    }
}
