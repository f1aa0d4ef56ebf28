//! Edits of several people at once (the app's multi-selection): one change — a stance, a
//! department, tags added or taken away — applied to each, as one undo step. The rule for tags
//! lives here, so every shell merges them the same way.

use serde::{Deserialize, Serialize};

use super::{Error, MapFile, MergeMode, Result};
use crate::data::{MapData, PersonData};
use crate::model::{PersonId, Stance};

/// One change applied to several people at once; what is left out is left as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, deny_unknown_fields)]
pub struct PeoplePatch {
    pub stance: Option<Stance>,
    /// A department name; a new name creates the department.
    pub department: Option<String>,
    /// Tags added to each person's tags (those they have already are not repeated).
    pub add_tags: Vec<String>,
    /// Tags taken away from each person's tags.
    pub remove_tags: Vec<String>,
}

impl PeoplePatch {
    /// A person's tags after the patch: theirs without the removed ones, then each added one
    /// they did not have, in the order given. `None` when the patch leaves tags alone.
    pub fn tags(&self, current: &[String]) -> Option<Vec<String>> {
        if self.add_tags.is_empty() && self.remove_tags.is_empty() {
            return None;
        }
        let mut tags: Vec<String> = current
            .iter()
            .filter(|t| !self.remove_tags.contains(t))
            .cloned()
            .collect();
        for t in &self.add_tags {
            if !tags.contains(t) {
                tags.push(t.clone());
            }
        }
        Some(tags)
    }
}

impl MapFile {
    /// Applies one change to each of `ids`, as one undo step labelled "Edit N people". Every
    /// person is checked first: one who is not on the map changes nobody.
    pub fn edit_people(&mut self, ids: &[PersonId], patch: &PeoplePatch) -> Result<()> {
        let map = self.map();
        let mut people = Vec::with_capacity(ids.len());
        for id in ids {
            let p = map
                .person(*id)
                .ok_or_else(|| Error::Invalid(format!("no person with row {}", id.0)))?;
            people.push(PersonData {
                id: Some(p.key.clone()),
                name: p.name.clone(),
                stance: patch.stance,
                department: patch.department.clone(),
                tags: patch.tags(&p.tags),
                ..PersonData::default()
            });
        }
        let data = MapData {
            people,
            ..MapData::default()
        };
        let label = format!("Edit {} people", ids.len());
        self.merge(&data, MergeMode::AllOrNothing, &label)
            .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn tags(v: &[&str]) -> Vec<String> {
        v.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn tags_are_taken_away_then_added_once() {
        let patch = PeoplePatch {
            add_tags: tags(&["budget", "pilot"]),
            remove_tags: tags(&["old"]),
            ..PeoplePatch::default()
        };
        assert_eq!(
            patch.tags(&tags(&["old", "pilot", "it"])),
            Some(tags(&["pilot", "it", "budget"]))
        );
        assert_eq!(PeoplePatch::default().tags(&tags(&["a"])), None);
    }

    #[test]
    fn one_step_for_everyone_and_nobody_changed_when_one_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let mut file =
            MapFile::create_from(&dir.path().join("m.advocate"), &crate::demo::demo()).unwrap();
        let cfo = file.map().person_by_key("cfo").unwrap().id;
        let cio = file.map().person_by_key("cio").unwrap().id;
        let patch = PeoplePatch {
            stance: Some(Stance::Champion),
            add_tags: tags(&["steering group"]),
            ..PeoplePatch::default()
        };
        let err = file.edit_people(&[cfo, PersonId(-5)], &patch).unwrap_err();
        assert_eq!(err.to_string(), "no person with row -5");
        assert_ne!(file.map().person(cfo).unwrap().stance, Stance::Champion);

        file.edit_people(&[cfo, cio], &patch).unwrap();
        for id in [cfo, cio] {
            let p = file.map().person(id).unwrap();
            assert_eq!(p.stance, Stance::Champion);
            // The CFO had the tag already: it is not repeated.
            assert_eq!(p.tags.iter().filter(|t| *t == "steering group").count(), 1);
        }
        assert_eq!(file.undo().unwrap().as_deref(), Some("Edit 2 people"));
        assert_ne!(file.map().person(cio).unwrap().stance, Stance::Champion);
    }
}
