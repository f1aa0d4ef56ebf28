//! What an edit, undo or redo says it changed (`MapFile::changed`): exactly the records it
//! touched, people gone named by the key they had, and "whole" after a large change.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use advocate_core::data::{PersonData, TieData};
use advocate_core::model::{PersonKey, Stance};
use advocate_core::store::{Changed, MapFile, PersonPatch, REREAD_WHOLE_ABOVE};

fn person(key: &str, department: &str) -> PersonData {
    PersonData {
        id: Some(key.into()),
        name: format!("Person {key}"),
        department: Some(department.into()),
        ..PersonData::default()
    }
}

fn tie(from: &str, to: &str) -> TieData {
    TieData {
        from: from.into(),
        to: to.into(),
        kind: "peer".into(),
        ..TieData::default()
    }
}

fn keys(keys: &[&str]) -> BTreeSet<PersonKey> {
    keys.iter().map(|k| PersonKey::from(*k)).collect()
}

#[test]
fn an_edit_names_exactly_the_records_it_touched() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = MapFile::create(&dir.path().join("m.advocate"), "Test").unwrap();
    assert!(file.changed().whole, "a map just opened is shown whole");
    for k in ["a", "b", "c"] {
        file.add_person(&person(k, "Finance")).unwrap();
    }
    let ab = file.add_tie(&tie("a", "b")).unwrap();
    let bc = file.add_tie(&tie("b", "c")).unwrap();
    let map = file.map();
    let (a, b) = (
        map.id_of(&"a".into()).unwrap(),
        map.id_of(&"b".into()).unwrap(),
    );

    let patch = PersonPatch {
        stance: Some(Stance::Champion),
        ..PersonPatch::default()
    };
    file.edit_person(a, &patch).unwrap();
    let c = file.changed();
    assert!(!c.whole);
    assert_eq!(c.people, BTreeSet::from([a]));
    assert_eq!(c.len(), 1, "{c:?}");

    // A new key: the person is gone under the old one, and their ties name the new one.
    let patch = PersonPatch {
        key: Some("b2".into()),
        ..PersonPatch::default()
    };
    file.edit_person(b, &patch).unwrap();
    let c = file.changed().clone();
    assert_eq!(c.people, BTreeSet::from([b]));
    assert_eq!(c.people_removed, keys(&["b"]));
    assert_eq!(c.ties, BTreeSet::from([ab, bc]));
    assert!(c.ties_removed.is_empty());

    // Removing a person removes their ties, and says so.
    file.remove_person(b).unwrap();
    let c = file.changed().clone();
    assert!(c.people.is_empty());
    assert_eq!(c.people_removed, keys(&["b2"]));
    assert_eq!(c.ties_removed, BTreeSet::from([ab, bc]));
    assert!(c.ties.is_empty());

    // Undo brings them back: the same records, added again.
    file.undo().unwrap();
    let c = file.changed().clone();
    assert_eq!(c.people, BTreeSet::from([b]));
    assert!(c.people_removed.is_empty(), "{c:?}");
    assert_eq!(c.ties, BTreeSet::from([ab, bc]));
    assert_eq!(file.map().key_of(b).as_str(), "b2");
}

#[test]
fn a_large_change_is_shown_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = MapFile::create(&dir.path().join("m.advocate"), "Test").unwrap();
    let people: Vec<PersonData> = (0..REREAD_WHOLE_ABOVE + 1)
        .map(|i| person(&format!("p{i}"), "Sales"))
        .collect();
    let data = advocate_core::MapData {
        people,
        ..advocate_core::MapData::default()
    };
    file.merge(&data, advocate_core::MergeMode::AllOrNothing, "Import")
        .unwrap();
    assert_eq!(file.changed(), &Changed::whole());
}
