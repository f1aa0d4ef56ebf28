//! What an import or merge reports: how to treat records that break a rule ([`MergeMode`]),
//! the records rejected and why, and what was added, updated and left alone, kind by kind.

use serde::{Deserialize, Serialize};

/// What to do with records that break a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MergeMode {
    /// Any bad record and nothing is imported.
    #[default]
    AllOrNothing,
    /// Import the good records and list the bad ones.
    SkipInvalid,
}

/// A record that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Rejected {
    /// Where it was: "people.csv line 4", or a description of the record.
    pub place: String,
    pub reason: String,
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.reason)
    }
}

/// Added / updated / left alone, for one kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Counts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportReport {
    pub departments: Counts,
    pub people: Counts,
    pub ties: Counts,
    pub engagements: Counts,
    pub targets: Counts,
    pub actions: Counts,
    pub views: Counts,
    pub rejected: Vec<Rejected>,
}

impl ImportReport {
    pub fn summary(&self) -> String {
        let line = |what: &str, c: &Counts| {
            format!(
                "{what}: {} added, {} updated, {} unchanged",
                c.added, c.updated, c.unchanged
            )
        };
        let mut out = vec![
            line("people", &self.people),
            line("departments", &self.departments),
            line("ties", &self.ties),
            line("engagements", &self.engagements),
        ];
        for (what, c) in [
            ("targets", &self.targets),
            ("actions", &self.actions),
            ("views", &self.views),
        ] {
            if *c != Counts::default() {
                out.push(line(what, c));
            }
        }
        if !self.rejected.is_empty() {
            out.push(format!("rejected: {}", self.rejected.len()));
            out.extend(self.rejected.iter().map(|r| format!("  {r}")));
        }
        out.join("\n")
    }
}
