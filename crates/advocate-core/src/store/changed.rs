//! What the latest edit, undo or redo changed in the map, record by record ([`Changed`]), so that
//! a shell showing the map can bring its view in step without being sent the whole map again.
//! Worked out from the rows the journal says the step touched, before and after the in-memory
//! map re-reads them.

use std::collections::BTreeSet;

use crate::model::{DepartmentId, EngagementId, Map, PersonId, PersonKey, TieId};

/// The records an edit added, changed or removed. People gone are named by the key they had:
/// shells name people by key, and a person whose key changed is gone under the old one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changed {
    /// The map was read again whole (a large or bulk change): a shell shows it whole too.
    pub whole: bool,
    /// People added or changed, by row (each is on the map).
    pub people: BTreeSet<PersonId>,
    /// People gone, by the key they had (removed, or re-keyed).
    pub people_removed: BTreeSet<PersonKey>,
    pub ties: BTreeSet<TieId>,
    pub ties_removed: BTreeSet<TieId>,
    pub departments: BTreeSet<DepartmentId>,
    pub departments_removed: BTreeSet<DepartmentId>,
    pub engagements: BTreeSet<EngagementId>,
    pub engagements_removed: BTreeSet<EngagementId>,
    /// Other tables the step touched (settings, kinds, the campaign's records), by name.
    pub tables: BTreeSet<String>,
}

impl Changed {
    /// The whole map changed (or may have): nothing to say row by row.
    pub fn whole() -> Changed {
        Changed {
            whole: true,
            ..Changed::default()
        }
    }

    /// How many records changed, for a shell to judge whether sending them beats sending all.
    pub fn len(&self) -> usize {
        self.people.len()
            + self.people_removed.len()
            + self.ties.len()
            + self.ties_removed.len()
            + self.departments.len()
            + self.departments_removed.len()
            + self.engagements.len()
            + self.engagements_removed.len()
    }

    pub fn is_empty(&self) -> bool {
        !self.whole && self.len() == 0 && self.tables.is_empty()
    }
}

/// What the map held, before a refresh, of the rows a step touched: enough to say afterwards
/// what is gone, and which records name a person whose key changed.
pub(super) struct Before {
    rows: Vec<(String, i64)>,
    /// Each touched person's key, and the ties and log entries naming them.
    people: Vec<(PersonId, String, Vec<TieId>, Vec<EngagementId>)>,
}

impl Before {
    pub(super) fn of(map: &Map, touched: &[(String, i64)]) -> Before {
        let mut rows: Vec<(String, i64)> = touched.to_vec();
        rows.sort();
        rows.dedup();
        let people = rows
            .iter()
            .filter(|(t, _)| t == "person")
            .filter_map(|(_, id)| map.person(PersonId(*id)))
            .map(|p| {
                let ties = map
                    .ties_from(p.id)
                    .chain(map.ties_to(p.id))
                    .map(|t| t.id)
                    .collect();
                let log = map
                    .engagements()
                    .filter(|e| e.person == p.id)
                    .map(|e| e.id)
                    .collect();
                (p.id, p.key.clone(), ties, log)
            })
            .collect();
        Before { rows, people }
    }

    /// What changed, now that `map` has re-read the rows.
    pub(super) fn changed(self, map: &Map) -> Changed {
        let mut c = Changed::default();
        let tie = |c: &mut Changed, id: TieId| {
            if map.tie(id).is_some() {
                c.ties.insert(id);
            } else {
                c.ties_removed.insert(id);
            }
        };
        let engagement = |c: &mut Changed, id: EngagementId| {
            if map.engagement(id).is_some() {
                c.engagements.insert(id);
            } else {
                c.engagements_removed.insert(id);
            }
        };
        for (table, row) in &self.rows {
            match table.as_str() {
                "person" => {
                    if map.person(PersonId(*row)).is_some() {
                        c.people.insert(PersonId(*row));
                    }
                }
                "tie" => tie(&mut c, TieId(*row)),
                "department" => {
                    if map.department(DepartmentId(*row)).is_some() {
                        c.departments.insert(DepartmentId(*row));
                    } else {
                        c.departments_removed.insert(DepartmentId(*row));
                    }
                }
                "engagement" => engagement(&mut c, EngagementId(*row)),
                other => {
                    c.tables.insert(other.to_string());
                }
            }
        }
        // A person gone, or known by another key now, is gone under their old key; the ties and
        // log entries naming them changed with them (gone too, or naming the new key).
        for (id, key, ties, log) in self.people {
            let now = map.person(id).map(|p| p.key.as_str());
            if now == Some(key.as_str()) {
                continue;
            }
            c.people_removed.insert(PersonKey(key));
            for t in ties {
                tie(&mut c, t);
            }
            for e in log {
                engagement(&mut c, e);
            }
        }
        c
    }
}
