//! Adding a tie and changing one, with the rules every shell shares: a pair holds one tie of each
//! kind, so a second tie of the same kind between the same two people is refused (change the one
//! there instead), and a change keeps the tie's strength unless a new one is given — also when
//! its kind changes, since the strength is the user's judgement of these two people.

use serde::{Deserialize, Serialize};

use rusqlite::params;

use super::import_merge::sql;
use super::rules::{MAX_NOTE, check_strength, check_text};
use super::{Error, MapFile, Result};
use crate::data::TieData;
use crate::model::TieId;

/// Changes to one tie; what is left out stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, deny_unknown_fields)]
pub struct TiePatch {
    pub kind: Option<String>,
    /// Between 0 and 1.
    pub strength: Option<f64>,
    pub notes: Option<String>,
}

impl MapFile {
    /// Adds the tie "from sways to" (its strength the kind's default when none is given). A tie
    /// of the same kind between the same two people is refused: [`MapFile::edit_tie`] changes it.
    pub fn add_tie(&mut self, tie: &TieData) -> Result<TieId> {
        let map = self.map();
        let from = map.find_person(&tie.from).map_err(Error::Invalid)?;
        let to = map.find_person(&tie.to).map_err(Error::Invalid)?;
        if let Some(t) = map.tie_of_kind(from.id, to.id, &tie.kind) {
            return Err(Error::Invalid(format!(
                "{} already sways {} as {}: change that tie instead of adding another",
                tie.from.trim(),
                tie.to.trim(),
                t.kind
            )));
        }
        self.put_tie(tie)
    }

    /// Changes a tie's kind (to another the map knows, which the pair must not hold already),
    /// strength or notes, as one undo step. What the patch leaves out stays as it is: the
    /// strength too, also when the kind changes.
    pub fn edit_tie(&mut self, id: TieId, patch: &TiePatch) -> Result<()> {
        let (kind, strength, notes) = (
            patch.kind.as_deref(),
            patch.strength,
            patch.notes.as_deref(),
        );
        let Some(tie) = self.map().tie(id).cloned() else {
            return Err(Error::Invalid(format!("no tie with row {}", id.0)));
        };
        let kind = match kind.map(str::trim) {
            None => tie.kind.to_string(),
            Some(k) => {
                let Some(known) = self.map().kind(k) else {
                    return Err(Error::Invalid(format!(
                        "kind {k:?} is not one this map knows; add it first (with a strength)"
                    )));
                };
                if let Some(other) = self.map().tie_of_kind(tie.from, tie.to, k)
                    && other.id != id
                {
                    return Err(Error::Invalid(format!(
                        "these two are already linked as {}: edit that tie instead",
                        other.kind
                    )));
                }
                known.name.clone()
            }
        };
        if let Some(s) = strength {
            check_strength(s).map_err(Error::Invalid)?;
        }
        if let Some(n) = notes {
            check_text("notes", n, MAX_NOTE).map_err(Error::Invalid)?;
        }
        let names = |p| {
            self.map()
                .person(p)
                .map(|x| x.name.clone())
                .unwrap_or_default()
        };
        let label = format!("Tie {} > {}", names(tie.from), names(tie.to));
        self.edit(&label, |tx, _| {
            tx.execute(
                "UPDATE tie SET kind = ?2, strength = coalesce(?3, strength), notes = coalesce(?4, notes) WHERE id = ?1",
                params![id.0, kind, strength, notes],
            )
            .map_err(sql(tx))?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::store::journal::Direction;

    fn demo() -> (tempfile::TempDir, MapFile) {
        let dir = tempfile::tempdir().unwrap();
        let file =
            MapFile::create_from(&dir.path().join("m.advocate"), &crate::demo::demo()).unwrap();
        (dir, file)
    }

    #[test]
    fn a_new_tie_is_offered_as_a_peer_else_the_first_kind_the_pair_lacks_else_none() {
        let (_dir, mut file) = demo();
        let id = |f: &MapFile, k: &str| f.map().person_by_key(k).unwrap().id;
        let (hrd, cfo) = (id(&file, "hrd"), id(&file, "cfo"));
        // They hold an executive-peer tie: a peer tie is still free.
        assert_eq!(
            file.map().kind_for_new_tie(hrd, cfo).as_deref(),
            Some("peer")
        );
        let mut added = Vec::new();
        while let Some(kind) = file.map().kind_for_new_tie(hrd, cfo) {
            assert!(
                file.map().tie_of_kind(hrd, cfo, &kind).is_none(),
                "{kind} offered again"
            );
            file.add_tie(&TieData {
                from: "hrd".into(),
                to: "cfo".into(),
                kind: kind.clone(),
                ..TieData::default()
            })
            .unwrap();
            added.push(kind);
        }
        // Every kind of the map, each once; the other way round is still free.
        assert_eq!(
            file.map().ties_between(hrd, cfo).len(),
            file.map().kinds.len()
        );
        assert_eq!(added[0], "peer");
        assert_eq!(
            file.map().kind_for_new_tie(cfo, hrd).as_deref(),
            Some("peer")
        );
    }

    #[test]
    fn a_second_tie_of_the_same_kind_between_the_same_people_is_refused() {
        let (_dir, mut file) = demo();
        let map = file.map();
        let (hrd, cfo) = (
            map.person_by_key("hrd").unwrap().id,
            map.person_by_key("cfo").unwrap().id,
        );
        let kind = map.tie_between(hrd, cfo).unwrap().kind.to_string();
        let before = map.ties().count();
        let err = file
            .add_tie(&TieData {
                from: "hrd".into(),
                to: "cfo".into(),
                kind: kind.clone(),
                ..TieData::default()
            })
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            format!("hrd already sways cfo as {kind}: change that tie instead of adding another")
        );
        assert_eq!(file.map().ties().count(), before);
        // Another kind between the same two is a channel of its own, with its default strength.
        let id = file
            .add_tie(&TieData {
                from: "hrd".into(),
                to: "cfo".into(),
                kind: "mentor".into(),
                ..TieData::default()
            })
            .unwrap();
        assert_eq!(file.map().tie(id).unwrap().strength, 0.30);
        assert_eq!(file.map().ties().count(), before + 1);
    }

    #[test]
    fn a_change_keeps_the_strength_unless_one_is_given() {
        let (_dir, mut file) = demo();
        let map = file.map();
        let (hrd, cfo) = (
            map.person_by_key("hrd").unwrap().id,
            map.person_by_key("cfo").unwrap().id,
        );
        let tie = map.tie_between(hrd, cfo).unwrap().clone();
        assert_ne!(
            tie.strength, 0.45,
            "the demo's tie is not a sponsor's default"
        );
        file.edit_tie(
            tie.id,
            &TiePatch {
                kind: Some("sponsor".into()),
                ..TiePatch::default()
            },
        )
        .unwrap();
        let after = file.map().tie_between(hrd, cfo).unwrap();
        assert_eq!(
            (after.kind.as_str(), after.strength),
            ("sponsor", tie.strength)
        );
        assert_eq!(after.notes, tie.notes);
        file.edit_tie(
            tie.id,
            &TiePatch {
                strength: Some(0.6),
                notes: Some("budget ally".into()),
                ..TiePatch::default()
            },
        )
        .unwrap();
        let after = file.map().tie_between(hrd, cfo).unwrap();
        assert_eq!(
            (after.kind.as_str(), after.strength, after.notes.as_str()),
            ("sponsor", 0.6, "budget ally")
        );
        assert!(file.next_step(Direction::Undo).unwrap().is_some());
        let err = file
            .edit_tie(
                tie.id,
                &TiePatch {
                    strength: Some(1.5),
                    ..TiePatch::default()
                },
            )
            .unwrap_err();
        assert!(err.to_string().contains("strength"), "{err}");
        assert_eq!(file.map().tie_between(hrd, cfo).unwrap().strength, 0.6);
        assert!(
            file.edit_tie(TieId(-1), &TiePatch::default())
                .unwrap_err()
                .to_string()
                .contains("no tie")
        );
    }
}
