//! Encrypted maps: a passphrase protects every byte of the file; a wrong one changes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;

use advocate_core::data::PersonData;
use advocate_core::store::{MapFile, change_passphrase};

fn write_map(path: &Path) {
    let mut file = MapFile::create(path, "Secret rollout").unwrap();
    file.add_person(&PersonData {
        name: "Giulietta Marchetti".into(),
        notes: Some("thinks the CFO is stalling on purpose".into()),
        ..PersonData::default()
    })
    .unwrap();
}

fn bytes_of(path: &Path) -> Vec<u8> {
    let mut all = fs::read(path).unwrap();
    for side in ["-wal", "-shm"] {
        if let Ok(b) = fs::read(format!("{}{side}", path.display())) {
            all.extend(b);
        }
    }
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn no_name_or_note_is_in_the_bytes_of_an_encrypted_map() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    write_map(&path);
    assert!(
        contains(&bytes_of(&path), "Giulietta"),
        "the plain map holds the name"
    );
    change_passphrase(&path, None, Some("correct horse")).unwrap();
    let bytes = bytes_of(&path);
    for secret in [
        "Giulietta",
        "Marchetti",
        "stalling",
        "Secret rollout",
        "SQLite format",
    ] {
        assert!(
            !contains(&bytes, secret),
            "{secret:?} is readable in the encrypted file"
        );
    }
    let mut file = MapFile::open_with(&path, Some("correct horse")).unwrap();
    assert!(file.is_encrypted());
    assert_eq!(
        file.map().find_person("Giulietta Marchetti").unwrap().notes,
        "thinks the CFO is stalling on purpose"
    );
    // Edits keep it encrypted.
    file.add_person(&PersonData {
        name: "Ōtsuka Hiroshi".into(),
        ..PersonData::default()
    })
    .unwrap();
    drop(file);
    assert!(!contains(&bytes_of(&path), "Hiroshi"));
}

#[test]
fn a_wrong_or_missing_passphrase_gets_a_clear_message_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    write_map(&path);
    change_passphrase(&path, None, Some("right")).unwrap();
    let before = fs::read(&path).unwrap();
    let err = MapFile::open_with(&path, Some("wrong"))
        .err()
        .unwrap()
        .to_string();
    assert!(err.starts_with("wrong passphrase for"), "{err}");
    let err = MapFile::open(&path).err().unwrap().to_string();
    assert!(
        err.contains("is encrypted") && err.contains("passphrase"),
        "{err}"
    );
    let err = change_passphrase(&path, Some("wrong"), Some("new"))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("wrong passphrase"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn rekey_and_decrypt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    write_map(&path);
    change_passphrase(&path, None, Some("one")).unwrap();
    change_passphrase(&path, Some("one"), Some("two")).unwrap();
    assert!(MapFile::open_with(&path, Some("one")).is_err());
    assert_eq!(
        MapFile::open_with(&path, Some("two"))
            .unwrap()
            .map()
            .counts()
            .0,
        1
    );
    change_passphrase(&path, Some("two"), None).unwrap();
    let file = MapFile::open(&path).unwrap();
    assert!(!file.is_encrypted());
    assert_eq!(file.map().name, "Secret rollout");
    assert_eq!(file.integrity_check().unwrap(), "ok");
}

#[test]
fn undo_history_survives_encryption() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    write_map(&path);
    change_passphrase(&path, None, Some("pw")).unwrap();
    let mut file = MapFile::open_with(&path, Some("pw")).unwrap();
    assert_eq!(
        file.undo().unwrap().as_deref(),
        Some("Add Giulietta Marchetti")
    );
    assert_eq!(file.map().counts().0, 0);
}

#[test]
fn an_open_map_gets_changes_and_loses_its_passphrase_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    write_map(&path);
    let mut file = MapFile::open(&path).unwrap();
    file.set_passphrase(Some("first words")).unwrap();
    assert!(file.is_encrypted());
    assert_eq!(file.map().counts().0, 1);
    assert!(!contains(&bytes_of(&path), "Giulietta"));
    // The map stays open and editable, and the edit is encrypted too.
    file.add_person(&PersonData {
        name: "Ottavio Brandt".into(),
        ..PersonData::default()
    })
    .unwrap();
    assert!(!contains(&bytes_of(&path), "Ottavio"));
    file.set_passphrase(Some("second words")).unwrap();
    drop(file);
    assert!(MapFile::open(&path).is_err());
    assert!(MapFile::open_with(&path, Some("first words")).is_err());
    let mut file = MapFile::open_with(&path, Some("second words")).unwrap();
    assert_eq!(file.map().counts().0, 2);
    assert!(file.set_passphrase(Some("")).is_err());
    file.set_passphrase(None).unwrap();
    assert!(!file.is_encrypted());
    drop(file);
    let mut file = MapFile::open(&path).unwrap();
    assert_eq!(file.integrity_check().unwrap(), "ok");
    assert_eq!(file.undo().unwrap().as_deref(), Some("Add Ottavio Brandt"));
}

#[test]
fn a_copy_of_an_encrypted_map_is_encrypted_with_the_same_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    write_map(&path);
    change_passphrase(&path, None, Some("pw")).unwrap();
    let mut file = MapFile::open_with(&path, Some("pw")).unwrap();
    let scratch = dir.path().join("scratch.advocate");
    let copy = file.open_copy(&scratch).unwrap();
    assert!(copy.is_encrypted());
    assert_eq!(copy.map().counts().0, 1);
    drop(copy);
    assert!(!contains(&bytes_of(&scratch), "Giulietta"));
    let saved = dir.path().join("saved.advocate");
    file.save_as(&saved).unwrap();
    assert!(file.is_encrypted());
    assert_eq!(file.path(), saved.as_path());
    drop(file);
    assert!(!contains(&bytes_of(&saved), "Giulietta"));
    assert!(MapFile::open(&saved).is_err());
    assert!(MapFile::open_with(&saved, Some("pw")).is_ok());
}
