//! A person on the map: who they are, where they stand towards the initiative ([`Stance`]),
//! their power and interest, and the dated entries of their engagement log ([`Engagement`]).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{DepartmentId, EngagementId, PersonId, Position};

/// Where a person stands towards the initiative, on a five-point scale from champion to blocker.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Blocker,
    Sceptic,
    Neutral,
    Supporter,
    Champion,
}

impl Stance {
    pub const ALL: [Stance; 5] = [
        Stance::Champion,
        Stance::Supporter,
        Stance::Neutral,
        Stance::Sceptic,
        Stance::Blocker,
    ];

    /// The scale value: champion +2 … blocker −2.
    pub fn value(self) -> i64 {
        match self {
            Stance::Blocker => -2,
            Stance::Sceptic => -1,
            Stance::Neutral => 0,
            Stance::Supporter => 1,
            Stance::Champion => 2,
        }
    }

    pub fn from_value(value: i64) -> Option<Stance> {
        match value {
            -2 => Some(Stance::Blocker),
            -1 => Some(Stance::Sceptic),
            0 => Some(Stance::Neutral),
            1 => Some(Stance::Supporter),
            2 => Some(Stance::Champion),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Stance::Blocker => "blocker",
            Stance::Sceptic => "sceptic",
            Stance::Neutral => "neutral",
            Stance::Supporter => "supporter",
            Stance::Champion => "champion",
        }
    }

    /// Reads a stance as users write it: a name (either spelling of sceptic, any case) or a
    /// number from −2 to 2.
    pub fn parse(text: &str) -> Result<Stance, String> {
        let t = text.trim().to_lowercase();
        let by_name = match t.as_str() {
            "champion" => Some(Stance::Champion),
            "supporter" => Some(Stance::Supporter),
            "neutral" => Some(Stance::Neutral),
            "sceptic" | "skeptic" => Some(Stance::Sceptic),
            "blocker" => Some(Stance::Blocker),
            _ => None,
        };
        by_name
            .or_else(|| t.trim_start_matches('+').parse::<i64>().ok().and_then(Stance::from_value))
            .ok_or_else(|| {
                format!(
                    "unknown stance {text:?}: expected champion, supporter, neutral, sceptic (or skeptic), blocker, or a number from -2 to 2"
                )
            })
    }

    /// Sceptics and blockers: people to win over, never recommended as advocates.
    pub fn is_opposed(self) -> bool {
        self.value() < 0
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// The person's row in the file. Never on the wire: every shell names a person by `key`
    /// (see `model::keys`).
    #[serde(skip)]
    pub id: PersonId,
    /// The user's identifier for the person (from an import's `id` column, else the name);
    /// unique in a map and what the command line and exports call the person by.
    pub key: String,
    pub name: String,
    pub title: String,
    pub department: Option<DepartmentId>,
    pub stance: Stance,
    /// Formal authority, 1-5.
    pub power: u8,
    /// How much the initiative touches them, 1-5.
    pub interest: u8,
    pub decision_maker: bool,
    pub tags: Vec<String>,
    pub notes: String,
    /// Columns of an import that are not part of the model, kept by name.
    pub attributes: BTreeMap<String, String>,
    pub position: Option<Position>,
}

/// The action of the engagement entries a merge writes when two copies judged a person's stance
/// differently: one entry per judgement, the one not kept first and the kept one last, both on
/// the day of the merge.
pub const MERGED_JUDGEMENT: &str = "merged judgement";

/// A dated interaction with a person, optionally recording a change of stance.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Engagement<P = PersonId> {
    pub id: EngagementId,
    pub person: P,
    /// ISO date, `YYYY-MM-DD`.
    pub date: String,
    /// What happened: met, presented, emailed, piloted, or the user's word.
    pub action: String,
    pub summary: String,
    pub stance_after: Option<Stance>,
}
