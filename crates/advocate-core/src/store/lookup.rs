//! Lookups of what is in a map file while a merge or an edit runs: people by key and name,
//! departments by name (and their parents, to refuse a cycle), tie kinds and ties by their two
//! people, over the map as it was plus what this merge has added.

use rustc_hash::FxHashMap as HashMap;

use crate::model::{DepartmentId, Map, PersonId, TieId};

/// Lookups of what is in the file while a merge runs, so records can refer to earlier records:
/// the map as it was (through its own indexes, so a single edit costs no scan of a large map)
/// plus what this merge has added.
pub(super) struct Index<'m> {
    pub(super) map: &'m Map,
    pub(super) department_by_name: HashMap<String, DepartmentId>,
    pub(super) department_parent: HashMap<DepartmentId, Option<DepartmentId>>,
    pub(super) department_name: HashMap<DepartmentId, String>,
    pub(super) added_by_key: HashMap<String, PersonId>,
    pub(super) added_by_name: HashMap<String, Vec<PersonId>>,
    pub(super) kind_names: HashMap<String, (String, f64)>,
    pub(super) added_ties: HashMap<(PersonId, PersonId), TieId>,
}

impl<'m> Index<'m> {
    pub(super) fn new(map: &'m Map) -> Index<'m> {
        Index {
            map,
            department_by_name: map
                .departments()
                .map(|d| (d.name.to_lowercase(), d.id))
                .collect(),
            department_parent: map.departments().map(|d| (d.id, d.parent)).collect(),
            department_name: map.departments().map(|d| (d.id, d.name.clone())).collect(),
            added_by_key: HashMap::default(),
            added_by_name: HashMap::default(),
            kind_names: map
                .kinds
                .iter()
                .map(|k| (k.name.to_lowercase(), (k.name.clone(), k.default_strength)))
                .collect(),
            added_ties: HashMap::default(),
        }
    }

    pub(super) fn by_key(&self, key: &str) -> Option<PersonId> {
        self.added_by_key
            .get(key)
            .copied()
            .or_else(|| self.map.person_by_key(key).map(|p| p.id))
    }

    pub(super) fn named(&self, name: &str) -> Vec<PersonId> {
        let mut ids = self.map.people_named(name);
        ids.extend(self.added_by_name.get(name).into_iter().flatten());
        ids
    }

    pub(super) fn add_person(&mut self, key: &str, name: &str, id: PersonId) {
        self.added_by_key.insert(key.to_string(), id);
        self.added_by_name
            .entry(name.to_string())
            .or_default()
            .push(id);
    }

    pub(super) fn tie(&self, from: PersonId, to: PersonId) -> Option<TieId> {
        self.added_ties
            .get(&(from, to))
            .copied()
            .or_else(|| self.map.tie_between(from, to).map(|t| t.id))
    }

    pub(super) fn person(&self, reference: &str) -> std::result::Result<PersonId, String> {
        let r = reference.trim();
        if let Some(id) = self.by_key(r) {
            return Ok(id);
        }
        match self.named(r).as_slice() {
            [one] => Ok(*one),
            [] => Err(format!("no person with id or name {r:?}")),
            many => Err(format!("{r:?} names {} people; use their id", many.len())),
        }
    }

    /// The cycle `id` would join if its parent became `parent`, as names.
    pub(super) fn cycle(
        &self,
        id: DepartmentId,
        parent: Option<DepartmentId>,
    ) -> Option<Vec<String>> {
        let mut chain = vec![id];
        let mut at = parent;
        while let Some(p) = at {
            chain.push(p);
            if p == id {
                return Some(
                    chain
                        .iter()
                        .map(|d| self.department_name.get(d).cloned().unwrap_or_default())
                        .collect(),
                );
            }
            if chain.len() > self.department_parent.len() + 1 {
                return None;
            }
            at = self.department_parent.get(&p).copied().flatten();
        }
        None
    }
}
