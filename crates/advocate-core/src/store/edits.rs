//! The single edits of the command line and the app: add, edit or remove a person, tie or
//! department; log an engagement; set the goal, the home team, the map's name, a tie kind or
//! positions on the drawing (a layout's among them). Each is one transaction and one undo step,
//! and each checks its input against the rules ([`super::rules`]) before anything is written,
//! with a message that says what is wrong.

use std::collections::HashSet;

use rusqlite::params;

use super::group::write_group;
use super::import_merge::{Merger, first_line, set_position, sql};
use super::lookup::Index;
use super::replica::next_id;
use super::rules::{
    MAX_NAME, MAX_NOTE, check_date, check_line, check_person, check_strength, check_text,
};
use super::{Error, ImportReport, MapFile, MergeMode, Result};
use crate::data::{DepartmentData, MapData, PersonData, TieData};
use crate::model::{DepartmentId, EngagementId, Group, Node, PersonId, Position, Stance, TieId};
use crate::views::ViewLayout;

/// Changes to one person; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, deny_unknown_fields)]
pub struct PersonPatch {
    pub key: Option<String>,
    pub name: Option<String>,
    pub title: Option<String>,
    /// A department name; an empty name takes the person out of their department.
    pub department: Option<String>,
    pub stance: Option<Stance>,
    pub power: Option<u8>,
    pub interest: Option<u8>,
    pub decision_maker: Option<bool>,
    pub tags: Option<Vec<String>>,
    pub notes: Option<String>,
}

impl MapFile {
    /// Adds one person; their key (id, else name) must be new.
    pub fn add_person(&mut self, person: &PersonData) -> Result<PersonId> {
        check_person(person).map_err(Error::Invalid)?;
        let key = person.key().trim().to_string();
        if self.map().person_by_key(&key).is_some() {
            return Err(Error::Invalid(format!(
                "there is already a person with id {key:?}; edit them instead, or give another id"
            )));
        }
        self.edit(&format!("Add {}", person.name.trim()), |tx, map| {
            let mut m = Merger {
                tx,
                mode: MergeMode::AllOrNothing,
                index: Index::new(map),
                report: ImportReport::default(),
            };
            m.person(person, &key, "person", true)
        })
    }

    /// Changes some of a person's fields.
    pub fn edit_person(&mut self, id: PersonId, patch: &PersonPatch) -> Result<()> {
        let current = self
            .map()
            .person(id)
            .ok_or_else(|| Error::Invalid(format!("no person with row {}", id.0)))?
            .clone();
        let data = PersonData {
            id: Some(current.key.clone()),
            name: patch.name.clone().unwrap_or(current.name.clone()),
            title: patch.title.clone(),
            department: patch.department.clone(),
            stance: patch.stance,
            power: patch.power,
            interest: patch.interest,
            decision_maker: patch.decision_maker,
            tags: patch.tags.clone(),
            notes: patch.notes.clone(),
            ..PersonData::default()
        };
        check_person(&data).map_err(Error::Invalid)?;
        if let Some(new_key) = patch.key.as_deref().map(str::trim) {
            check_text("id", new_key, MAX_NAME).map_err(Error::Invalid)?;
            if new_key.is_empty() {
                return Err(Error::Invalid("id is empty".into()));
            }
            if new_key != current.key && self.map().person_by_key(new_key).is_some() {
                return Err(Error::Invalid(format!(
                    "there is already a person with id {new_key:?}"
                )));
            }
        }
        self.edit(&format!("Edit {}", current.name), |tx, map| {
            let mut m = Merger {
                tx,
                mode: MergeMode::AllOrNothing,
                index: Index::new(map),
                report: ImportReport::default(),
            };
            m.person(&data, &current.key, "person", false)?;
            if let Some(new_key) = patch.key.as_deref().map(str::trim) {
                tx.execute(
                    "UPDATE person SET key = ?2 WHERE id = ?1 AND key IS NOT ?2",
                    params![id.0, new_key],
                )
                .map_err(sql(tx))?;
            }
            Ok(())
        })
    }

    /// Removes a person, with their ties and engagement log.
    pub fn remove_person(&mut self, id: PersonId) -> Result<()> {
        let name = self.person_name(id)?;
        self.edit(&format!("Remove {name}"), |tx, _| {
            tx.execute("DELETE FROM person WHERE id = ?1", params![id.0])
                .map_err(sql(tx))?;
            Ok(())
        })
    }

    fn person_name(&self, id: PersonId) -> Result<String> {
        self.map()
            .person(id)
            .map(|p| p.name.clone())
            .ok_or_else(|| Error::Invalid(format!("no person with row {}", id.0)))
    }

    /// Adds a tie, or changes the one of the same kind between the same two people (a pair may be
    /// linked in several ways, one tie of each kind).
    pub fn put_tie(&mut self, tie: &TieData) -> Result<TieId> {
        let label = format!("Tie {} > {}", tie.from.trim(), tie.to.trim());
        self.edit(&label, |tx, map| {
            let mut m = Merger {
                tx,
                mode: MergeMode::AllOrNothing,
                index: Index::new(map),
                report: ImportReport::default(),
            };
            m.ties(std::slice::from_ref(tie))?;
            let from = m.index.person(&tie.from).map_err(Error::Invalid)?;
            let to = m.index.person(&tie.to).map_err(Error::Invalid)?;
            let kind = m
                .index
                .kind_names
                .get(&tie.kind.trim().to_lowercase())
                .map_or_else(|| tie.kind.trim().to_string(), |k| k.0.clone());
            m.index
                .tie(from, to, &kind)
                .ok_or_else(|| Error::Invalid(format!("{label}: the tie was not written")))
        })
    }

    /// Removes a tie.
    pub fn remove_tie(&mut self, id: TieId) -> Result<()> {
        if self.map().tie(id).is_none() {
            return Err(Error::Invalid(format!("no tie with row {}", id.0)));
        }
        self.edit("Remove tie", |tx, _| {
            tx.execute("DELETE FROM tie WHERE id = ?1", params![id.0])
                .map_err(sql(tx))?;
            Ok(())
        })
    }

    /// Adds a department, or changes the one of that name.
    pub fn put_department(&mut self, department: &DepartmentData) -> Result<DepartmentId> {
        self.edit(
            &format!("Department {}", department.name.trim()),
            |tx, map| {
                let mut m = Merger {
                    tx,
                    mode: MergeMode::AllOrNothing,
                    index: Index::new(map),
                    report: ImportReport::default(),
                };
                m.departments(std::slice::from_ref(department))?;
                Ok(m.index.department_by_name[&department.name.trim().to_lowercase()])
            },
        )
    }

    /// Renames a department.
    pub fn rename_department(&mut self, id: DepartmentId, name: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::Invalid("a department needs a name".into()));
        }
        check_line("name", name, MAX_NAME).map_err(Error::Invalid)?;
        if let Some(other) = self.map().department_by_name(name)
            && other.id != id
        {
            return Err(Error::Invalid(format!(
                "there is already a department named {:?}",
                other.name
            )));
        }
        self.edit(&format!("Rename department to {name}"), |tx, _| {
            tx.execute(
                "UPDATE department SET name = ?2 WHERE id = ?1",
                params![id.0, name],
            )
            .map_err(sql(tx))?;
            Ok(())
        })
    }

    /// Removes a department; its people and sub-departments are left without one.
    pub fn remove_department(&mut self, id: DepartmentId) -> Result<()> {
        let name = self
            .map()
            .department(id)
            .map(|d| d.name.clone())
            .ok_or_else(|| Error::Invalid(format!("no department with row {}", id.0)))?;
        self.edit(&format!("Remove department {name}"), |tx, _| {
            tx.execute("DELETE FROM department WHERE id = ?1", params![id.0])
                .map_err(sql(tx))?;
            Ok(())
        })
    }

    /// Logs an engagement; a recorded stance change becomes the person's stance.
    pub fn log_engagement(
        &mut self,
        person: PersonId,
        date: &str,
        action: &str,
        summary: &str,
        stance_after: Option<Stance>,
    ) -> Result<EngagementId> {
        let name = self.person_name(person)?;
        check_date(date).map_err(Error::Invalid)?;
        if action.trim().is_empty() {
            return Err(Error::Invalid(
                "an engagement needs an action (met, presented, emailed, piloted…)".into(),
            ));
        }
        check_text("action", action, MAX_NAME).map_err(Error::Invalid)?;
        check_text("summary", summary, MAX_NOTE).map_err(Error::Invalid)?;
        self.edit(&format!("Log {} with {name}", action.trim()), |tx, _| {
            tx.execute(
                &format!("INSERT INTO engagement(id, person, date, action, summary, stance_after) VALUES ({}, ?1, ?2, ?3, ?4, ?5)", next_id("engagement")),
                params![person.0, date.trim(), action.trim(), summary, stance_after.map(Stance::value)],
            )
            .map_err(sql(tx))?;
            let id = EngagementId(tx.last_insert_rowid());
            if let Some(s) = stance_after {
                tx.execute(
                    "UPDATE person SET stance = ?2 WHERE id = ?1 AND stance IS NOT ?2",
                    params![person.0, s.value()],
                )
                .map_err(sql(tx))?;
            }
            Ok(id)
        })
    }

    /// Sets the initiative and, when given, its audience.
    pub fn set_goal(&mut self, initiative: Option<&str>, audience: Option<&Group>) -> Result<()> {
        if let Some(i) = initiative {
            check_text("initiative", i, MAX_NAME).map_err(Error::Invalid)?;
        }
        self.edit("Set goal", |tx, _| {
            if let Some(i) = initiative {
                tx.execute("UPDATE map_info SET initiative = ?1", params![i.trim()])
                    .map_err(sql(tx))?;
            }
            if let Some(g) = audience {
                write_group(tx, "audience_member", "audience_department", g)?;
            }
            Ok(())
        })
    }

    /// Sets who "we" are on this map.
    pub fn set_home(&mut self, home: &Group) -> Result<()> {
        self.edit("Set home team", |tx, _| {
            write_group(tx, "home_member", "home_department", home)
        })
    }

    /// Renames the map.
    pub fn rename(&mut self, name: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::Invalid("a map needs a name".into()));
        }
        check_line("name", name, MAX_NAME).map_err(Error::Invalid)?;
        self.edit(&format!("Rename map to {name}"), |tx, _| {
            tx.execute("UPDATE map_info SET name = ?1", params![name])
                .map_err(sql(tx))?;
            Ok(())
        })
    }

    /// Adds a tie kind or changes its default strength.
    pub fn put_kind(&mut self, name: &str, default_strength: f64) -> Result<()> {
        check_strength(default_strength).map_err(Error::Invalid)?;
        let data = MapData {
            kinds: vec![crate::model::TieKind {
                name: name.trim().to_string(),
                default_strength,
            }],
            ..MapData::default()
        };
        self.merge(
            &data,
            MergeMode::AllOrNothing,
            &format!("Kind {}", name.trim()),
        )
        .map(|_| ())
        .map_err(|e| Error::Invalid(first_line(&e)))
    }

    /// Moves nodes on the drawing, as one step.
    pub fn set_positions(&mut self, moves: &[(Node, Position)]) -> Result<()> {
        self.move_nodes("Move", moves)
    }

    /// Saves where a layout put everyone, as one step labelled by the layout
    /// ([`ViewLayout::step_label`]), so that an undo or redo of it says which layout the places
    /// are in afterwards ([`MapFile::layout_after`]).
    pub fn lay_out(&mut self, layout: ViewLayout, moves: &[(Node, Position)]) -> Result<()> {
        self.move_nodes(layout.step_label(), moves)
    }

    fn move_nodes(&mut self, label: &str, moves: &[(Node, Position)]) -> Result<()> {
        let mut seen = HashSet::new();
        self.edit(label, |tx, _| {
            for (node, p) in moves {
                if !seen.insert(*node) {
                    continue;
                }
                match node {
                    Node::Person(id) => set_position(tx, "person", id.0, Some(*p))?,
                    Node::Department(id) => set_position(tx, "department", id.0, Some(*p))?,
                }
            }
            Ok(())
        })
    }
}
