//! How people are named outside the core: by key. The file and the analysis name a person by
//! row ([`PersonId`]), a number the user never sees and that a shell must not keep (an undo can
//! bring a person back under another row). Every shell — the command line, the app's window,
//! the exports — names them by [`PersonKey`], the user's own identifier, unique in a map.
//!
//! The records that name people are generic over how they name them (`Tie<P>`, `Engagement<P>`,
//! `Group<P>`, `Node<P>`, the what-if `Change<P>`), by row by default. `keyed` turns a record by
//! row into the same record by key, for the wire; `by_row` resolves a record by key that came
//! from a shell, refusing a key nobody on the map has.

use serde::{Deserialize, Serialize};

use super::{Engagement, Group, Map, Node, PersonId, Tie};
use crate::analysis::whatif::Change;
use crate::store::{Error, Result};

/// A person as every shell names them: their key (from an import's `id` column, else their
/// name), unique in a map.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonKey(pub String);

impl PersonKey {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for PersonKey {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for PersonKey {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for PersonKey {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl AsRef<str> for PersonKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for PersonKey {
    fn from(key: &str) -> PersonKey {
        PersonKey(key.to_string())
    }
}

impl std::fmt::Display for PersonKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Map {
    /// The key of the person on this row (empty when nobody is: a record naming someone removed
    /// keeps its other fields readable).
    pub fn key_of(&self, id: PersonId) -> PersonKey {
        PersonKey(self.person(id).map(|p| p.key.clone()).unwrap_or_default())
    }

    /// The row of the person with this key, or a message naming the key.
    pub fn id_of(&self, key: &PersonKey) -> Result<PersonId> {
        self.person_by_key(key.as_str())
            .map(|p| p.id)
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "nobody on this map has the id {:?} (removed, or renamed since?)",
                    key.as_str()
                ))
            })
    }

    /// The rows of the people with these keys, in order; the first unknown key is an error.
    pub fn ids_of(&self, keys: &[PersonKey]) -> Result<Vec<PersonId>> {
        keys.iter().map(|k| self.id_of(k)).collect()
    }
}

impl Tie {
    /// This tie with its ends named by key.
    pub fn keyed(&self, map: &Map) -> Tie<PersonKey> {
        Tie {
            id: self.id,
            from: map.key_of(self.from),
            to: map.key_of(self.to),
            kind: self.kind.clone(),
            strength: self.strength,
            notes: self.notes.clone(),
        }
    }
}

impl Engagement {
    /// This entry with its person named by key.
    pub fn keyed(&self, map: &Map) -> Engagement<PersonKey> {
        Engagement {
            id: self.id,
            person: map.key_of(self.person),
            date: self.date.clone(),
            action: self.action.clone(),
            summary: self.summary.clone(),
            stance_after: self.stance_after,
        }
    }
}

impl Group {
    /// This group with its people named by key.
    pub fn keyed(&self, map: &Map) -> Group<PersonKey> {
        Group {
            people: self.people.iter().map(|p| map.key_of(*p)).collect(),
            department: self.department,
        }
    }

    /// Everyone this group names (one by one, or in its department or below), by key, in the
    /// map's order: whom the window marks as the audience or the home team.
    pub fn member_keys(&self, map: &Map) -> Vec<PersonKey> {
        map.members(self)
            .into_iter()
            .map(|p| map.key_of(p))
            .collect()
    }
}

impl Group<PersonKey> {
    /// The group by row; a key nobody has is an error.
    pub fn by_row(&self, map: &Map) -> Result<Group> {
        Ok(Group {
            people: map.ids_of(&self.people)?,
            department: self.department,
        })
    }
}

impl Node<PersonKey> {
    /// The node by row; a key nobody has is an error.
    pub fn by_row(&self, map: &Map) -> Result<Node> {
        Ok(match self {
            Node::Person(key) => Node::Person(map.id_of(key)?),
            Node::Department(d) => Node::Department(*d),
        })
    }
}

impl Change<PersonKey> {
    /// The change by row; a key nobody has is an error.
    pub fn by_row(&self, map: &Map) -> Result<Change> {
        Ok(match self {
            Change::Remove(p) => Change::Remove(map.id_of(p)?),
            Change::Stance(p, s) => Change::Stance(map.id_of(p)?, *s),
            Change::Tie { from, to, strength } => Change::Tie {
                from: map.id_of(from)?,
                to: map.id_of(to)?,
                strength: *strength,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn records_travel_by_key_and_come_back_by_row() {
        let map = crate::analysis::testmap::map(3, &[(1, 2, 0.5), (2, 3, 0.5)]);
        let tie = map.ties().next().unwrap();
        let keyed = tie.keyed(&map);
        assert_eq!(keyed.from.as_str(), map.person(tie.from).unwrap().key);
        let json = serde_json::to_value(&keyed).unwrap();
        assert_eq!(json["from"], serde_json::json!(keyed.from.as_str()));

        let group = Group {
            people: vec![tie.from, tie.to],
            department: None,
        };
        assert_eq!(group.keyed(&map).by_row(&map).unwrap(), group);

        let person = map.person(tie.to).unwrap();
        let on_wire = serde_json::to_value(person).unwrap();
        assert!(
            on_wire.get("id").is_none(),
            "a person's row stays off the wire"
        );

        // A group naming a department names everyone in it and below it, once.
        let mut map = map;
        let department = |id: i64, parent: Option<i64>| crate::model::Department {
            id: crate::model::DepartmentId(id),
            name: format!("D{id}"),
            parent: parent.map(crate::model::DepartmentId),
            colour: None,
            function: crate::model::Function::default(),
            position: None,
        };
        map.put_department(department(1, None));
        map.put_department(department(2, Some(1)));
        let mut third = map.person(PersonId(3)).unwrap().clone();
        third.department = Some(crate::model::DepartmentId(2));
        map.put_person(third);
        let team = Group {
            people: vec![PersonId(1), PersonId(3)],
            department: Some(crate::model::DepartmentId(1)),
        };
        let keys: Vec<String> = team.member_keys(&map).into_iter().map(|k| k.0).collect();
        assert_eq!(keys, ["p1", "p3"]);

        let unknown = Node::Person(PersonKey::from("nobody-here"));
        let err = unknown.by_row(&map).unwrap_err().to_string();
        assert!(err.contains("\"nobody-here\""), "{err}");
    }
}
