//! Encrypted maps as the window meets them, through Tauri's IPC on the mock runtime: the
//! passphrase prompt, a wrong passphrase refused, adding, changing and removing one, and imports
//! and copies of an encrypted map staying encrypted.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;

use advocate_core::data::PersonData;
use serde_json::{Value, json};
use support::{names, start};

/// A map encrypted with `passphrase`, holding one person.
fn encrypted_map(dir: &Path, file: &str, passphrase: &str) -> std::path::PathBuf {
    let path = dir.join(file);
    let mut map = advocate_core::MapFile::create(&path, "Secret rollout").unwrap();
    map.add_person(&PersonData {
        name: "Giulietta Marchetti".into(),
        notes: Some("stalls on purpose".into()),
        ..PersonData::default()
    })
    .unwrap();
    drop(map);
    advocate_core::store::change_passphrase(&path, None, Some(passphrase)).unwrap();
    path
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn an_encrypted_map_asks_for_its_passphrase_refuses_a_wrong_one_and_opens_with_the_right_one() {
    let dir = tempfile::tempdir().unwrap();
    let secret = encrypted_map(dir.path(), "secret.advocate", "correct horse");
    let before = bytes(&secret);
    let w = start(dir.path(), None);

    let asked = w.ok("open_map", json!({"path": secret, "passphrase": null}));
    assert_eq!(asked["outcome"], "needs_passphrase");
    assert_eq!(asked["locked"]["name"], "secret.advocate");
    assert_eq!(asked["locked"]["retry"], false);
    assert_eq!(
        asked["locked"]["message"],
        "secret.advocate is encrypted. Type its passphrase to open it."
    );
    // The map that was open stays open.
    assert_eq!(w.map()["name"], "Tiny demo");

    let wrong = w.ok(
        "open_map",
        json!({"path": secret, "passphrase": "Correct horse"}),
    );
    assert_eq!(wrong["outcome"], "needs_passphrase");
    assert_eq!(wrong["locked"]["retry"], true);
    assert_eq!(
        wrong["locked"]["message"],
        "That passphrase does not open secret.advocate. Check it and try again (passphrases are case-sensitive); the file was not changed."
    );
    let empty = w.ok("open_map", json!({"path": secret, "passphrase": ""}));
    assert_eq!(
        empty["locked"]["message"],
        "Type the passphrase of secret.advocate to open it."
    );
    assert_eq!(
        bytes(&secret),
        before,
        "a wrong passphrase wrote to the file"
    );
    assert_eq!(w.map()["name"], "Tiny demo");

    let opened = w.ok(
        "open_map",
        json!({"path": secret, "passphrase": "correct horse"}),
    );
    assert_eq!(opened["outcome"], "open");
    assert_eq!(opened["map"]["name"], "Secret rollout");
    assert_eq!(opened["map"]["encrypted"], true);
    assert_eq!(names(&opened["map"]), ["Giulietta Marchetti"]);
    let recent = w.ok("recent_maps", json!({}));
    assert!(recent[0].as_str().unwrap().ends_with("secret.advocate"));
    // The passphrase is kept by the open map alone: not in the settings.
    let settings = std::fs::read_to_string(dir.path().join("settings.json")).unwrap();
    assert!(settings.contains("secret.advocate"));
    assert!(!settings.contains("horse"), "{settings}");
    // Edits are saved, encrypted.
    let map = w.edit(
        "add_person",
        json!({"person": {"id": null, "name": "Ottavio Brandt", "title": null, "department": null,
            "stance": null, "power": null, "interest": null, "decision_maker": null,
            "tags": null, "notes": null, "position": null}}),
    );
    assert_eq!(map["people"].as_array().unwrap().len(), 2);
}

#[test]
fn an_encrypted_map_at_start_waits_for_its_passphrase_instead_of_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let secret = encrypted_map(dir.path(), "secret.advocate", "pw");
    // Named on the command line.
    let w = start(dir.path(), Some(secret.to_str().unwrap()));
    let s = w.ok("start", json!({}));
    assert_eq!(s["map"], Value::Null);
    assert_eq!(s["notice"], Value::Null);
    assert_eq!(s["locked"]["path"], secret.display().to_string());
    assert_eq!(s["locked"]["retry"], false);
    assert!(!dir.path().join("demo.advocate").exists());
    let opened = w.ok("open_map", json!({"path": secret, "passphrase": "pw"}));
    assert_eq!(opened["map"]["name"], "Secret rollout");
    assert_eq!(w.ok("start", json!({}))["locked"], Value::Null);
    drop(w);
    // The last map, at the next start.
    let w = start(dir.path(), None);
    let s = w.ok("start", json!({}));
    assert_eq!(s["map"], Value::Null);
    assert_eq!(s["locked"]["name"], "secret.advocate");
}

#[test]
fn add_change_and_remove_a_passphrase_then_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path(), None);
    let demo = dir.path().join("demo.advocate");
    let set =
        |p: &str, r: &str| json!({"change": {"action": "set", "passphrase": p, "repeated": r}});

    // Typed twice, the same, and not empty.
    let err = w
        .call("change_passphrase", set("one two three", "one two thre"))
        .unwrap_err();
    assert_eq!(
        err,
        "The two passphrases differ: type the same passphrase in both fields. Nothing was changed."
    );
    let err = w.call("change_passphrase", set("  ", "  ")).unwrap_err();
    assert_eq!(err, "Type a passphrase: it cannot be empty or only spaces.");
    let err = w
        .call(
            "change_passphrase",
            json!({"change": {"action": "remove", "confirmed": true}}),
        )
        .unwrap_err();
    assert_eq!(err, "This map has no passphrase to remove.");
    assert!(bytes(&demo).starts_with(b"SQLite format 3\0"));

    // Add.
    let map = w.ok("change_passphrase", set("one two three", "one two three"));
    assert_eq!(map["encrypted"], true);
    assert_eq!(map["people"].as_array().unwrap().len(), 3);
    assert!(!bytes(&demo).starts_with(b"SQLite format 3\0"));
    // The map stays open and editable.
    let map = w.edit(
        "put_department",
        json!({"department": {"name": "IT", "parent": null, "colour": null}}),
    );
    assert_eq!(map["departments"].as_array().unwrap().len(), 3);
    drop(w);
    let w = start(dir.path(), None);
    assert_eq!(w.ok("start", json!({}))["locked"]["name"], "demo.advocate");
    let opened = w.ok(
        "open_map",
        json!({"path": demo, "passphrase": "one two three"}),
    );
    assert_eq!(opened["map"]["departments"].as_array().unwrap().len(), 3);
    assert_eq!(opened["map"]["undo"], "Department IT");

    // Change.
    let map = w.ok("change_passphrase", set("four five six", "four five six"));
    assert_eq!(map["encrypted"], true);
    drop(w);
    let w = start(dir.path(), None);
    let old = w.ok(
        "open_map",
        json!({"path": demo, "passphrase": "one two three"}),
    );
    assert_eq!(old["outcome"], "needs_passphrase");
    let new = w.ok(
        "open_map",
        json!({"path": demo, "passphrase": "four five six"}),
    );
    assert_eq!(new["outcome"], "open");

    // Remove: only once confirmed.
    let err = w
        .call(
            "change_passphrase",
            json!({"change": {"action": "remove", "confirmed": false}}),
        )
        .unwrap_err();
    assert_eq!(
        err,
        "Removing the passphrase stores the map unencrypted: confirm it to go on. Nothing was changed."
    );
    let map = w.ok(
        "change_passphrase",
        json!({"change": {"action": "remove", "confirmed": true}}),
    );
    assert_eq!(map["encrypted"], false);
    drop(w);
    let w = start(dir.path(), None);
    let s = w.ok("start", json!({}));
    assert_eq!(s["locked"], Value::Null);
    assert_eq!(s["map"]["encrypted"], false);
    assert_eq!(s["map"]["undo"], "Department IT");
    assert!(bytes(&demo).starts_with(b"SQLite format 3\0"));
}

#[test]
fn an_encrypted_map_previews_imports_and_saves_as_an_encrypted_copy() {
    let dir = tempfile::tempdir().unwrap();
    let secret = encrypted_map(dir.path(), "secret.advocate", "pw");
    let w = start(dir.path(), Some(secret.to_str().unwrap()));
    w.ok("open_map", json!({"path": secret, "passphrase": "pw"}));
    let csv = dir.path().join("people.csv");
    std::fs::write(&csv, "name\nAda Obi\n").unwrap();
    let request = json!({"org_chart": false, "skip_invalid": false});
    let preview = w.ok(
        "import_preview",
        json!({"paths": [csv], "request": request}),
    );
    assert_eq!(preview["report"]["people"]["added"], 1, "{preview}");
    let copy = dir.path().join("copy.advocate");
    let map = w.ok("save_map_as", json!({"path": copy}));
    assert_eq!(map["encrypted"], true);
    assert!(map["path"].as_str().unwrap().ends_with("copy.advocate"));
    assert!(!bytes(&copy).starts_with(b"SQLite format 3\0"));
    assert!(advocate_core::MapFile::open(&copy).is_err());
}
