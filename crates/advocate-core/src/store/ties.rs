//! Adding a tie and changing one, with the rules every shell shares: a second tie between the
//! same two people is refused (change the one there instead), and a change keeps the tie's
//! strength unless a new one is given — also when its kind changes, since the strength is the
//! user's judgement of these two people, not the kind's.

use serde::{Deserialize, Serialize};

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
    /// between the same two people is refused: [`MapFile::edit_tie`] changes it.
    pub fn add_tie(&mut self, tie: &TieData) -> Result<TieId> {
        let map = self.map();
        let from = map.find_person(&tie.from).map_err(Error::Invalid)?;
        let to = map.find_person(&tie.to).map_err(Error::Invalid)?;
        if map.tie_between(from.id, to.id).is_some() {
            return Err(Error::Invalid(format!(
                "{} already sways {}: change that tie instead of adding another",
                tie.from.trim(),
                tie.to.trim()
            )));
        }
        self.put_tie(tie)
    }

    /// Changes a tie's kind, strength or notes, as one undo step. The strength stays as it is
    /// unless the patch gives one.
    pub fn edit_tie(&mut self, id: TieId, patch: &TiePatch) -> Result<()> {
        let map = self.map();
        let tie = map
            .tie(id)
            .ok_or_else(|| Error::Invalid(format!("no tie with row {}", id.0)))?;
        let key = |p| map.person(p).map(|x| x.key.clone()).unwrap_or_default();
        let data = TieData {
            from: key(tie.from),
            to: key(tie.to),
            kind: patch.kind.clone().unwrap_or_else(|| tie.kind.to_string()),
            strength: Some(patch.strength.unwrap_or(tie.strength)),
            notes: patch.notes.clone(),
            ..TieData::default()
        };
        self.put_tie(&data).map(|_| ())
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
    fn a_second_tie_between_the_same_people_is_refused() {
        let (_dir, mut file) = demo();
        let tie = TieData {
            from: "hrd".into(),
            to: "cfo".into(),
            kind: "peer".into(),
            ..TieData::default()
        };
        let before = file.map().ties().count();
        let err = file.add_tie(&tie).unwrap_err().to_string();
        assert_eq!(
            err,
            "hrd already sways cfo: change that tie instead of adding another"
        );
        assert_eq!(file.map().ties().count(), before);
        // A new pair is added, with the kind's default strength.
        let id = file
            .add_tie(&TieData {
                from: "cfo".into(),
                to: "hrd".into(),
                kind: "peer".into(),
                ..TieData::default()
            })
            .unwrap();
        assert_eq!(file.map().tie(id).unwrap().strength, 0.23);
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
