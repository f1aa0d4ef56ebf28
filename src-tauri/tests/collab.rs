//! Working together as the window does it, through Tauri's IPC on the mock runtime: the user's
//! name kept in the settings and written as the author of their edits, the history, merging a
//! colleague's copy with its conflicts decided one by one (one undo step), the refusals, and
//! syncing through the map's shared folder.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};

use advocate_core::MapFile;
use advocate_core::model::Stance;
use advocate_core::store::PersonPatch;
use serde_json::{Value, json};
use support::{Window, start};

/// The tiny demo map in `dir`, and a colleague's copy of it (Ben's), written before either
/// changed.
fn map_and_copy(dir: &Path) -> (PathBuf, PathBuf) {
    let mine = dir.join("mine.advocate");
    MapFile::create_from(&mine, &support::tiny_demo()).unwrap();
    let theirs = dir.join("theirs.advocate");
    MapFile::open(&mine).unwrap().write_copy(&theirs).unwrap();
    (mine, theirs)
}

/// Ben's edit in his copy, made with the core as his own app would.
fn ben_edits(theirs: &Path, key: &str, patch: PersonPatch) {
    let mut file = MapFile::open(theirs).unwrap();
    file.set_author("Ben Okafor");
    let id = file.map().id_of(&key.into()).unwrap();
    file.edit_person(id, &patch).unwrap();
}

fn person<'a>(map: &'a Value, key: &str) -> &'a Value {
    map["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["key"] == key)
        .unwrap()
}

fn named_window(dir: &Path, map: &Path, author: &str) -> Window {
    let w = start(&dir.join("data"), Some(map.to_str().unwrap()));
    w.ok("set_author", json!({"name": author}));
    w
}

#[test]
fn the_name_is_asked_once_kept_in_the_settings_and_written_as_the_author() {
    let dir = tempfile::tempdir().unwrap();
    let (mine, _) = map_and_copy(dir.path());
    let data = dir.path().join("data");
    let w = start(&data, Some(mine.to_str().unwrap()));
    // Never asked yet: the window asks.
    assert_eq!(w.ok("collab_settings", json!({}))["author"], Value::Null);
    let e = w
        .call("set_author", json!({"name": "Ana\nReed"}))
        .unwrap_err();
    assert!(e.as_str().unwrap().contains("one line"), "{e}");
    let s = w.ok("set_author", json!({"name": "  Ana Reed "}));
    assert_eq!(s["author"], "Ana Reed");
    w.edit(
        "edit_person",
        json!({"key": "cfo", "patch": {"stance": "sceptic"}}),
    );
    let history = w.ok("history", json!({"person": "cfo"}));
    assert_eq!(history[0]["author"], "Ana Reed", "{history}");
    assert_eq!(history[0]["changes"][0]["record"], "cfo");
    assert_eq!(history[0]["changes"][0]["fields"], json!(["stance"]));
    // Everyone's history, newest first; a key nobody has is refused by name.
    let all = w.ok("history", json!({"person": null}));
    assert!(all.as_array().unwrap().len() >= history.as_array().unwrap().len());
    let e = w.call("history", json!({"person": "nobody"})).unwrap_err();
    assert!(e.as_str().unwrap().contains("nobody"), "{e}");
    drop(w);

    // The next run knows the name, and does not ask again.
    let again = start(&data, Some(mine.to_str().unwrap()));
    assert_eq!(again.ok("collab_settings", json!({}))["author"], "Ana Reed");
    again.edit(
        "edit_person",
        json!({"key": "ally", "patch": {"title": "CTO"}}),
    );
    let history = again.ok("history", json!({"person": "ally"}));
    assert_eq!(history[0]["author"], "Ana Reed");
}

#[test]
fn a_copy_merges_with_each_conflict_decided_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let (mine, theirs) = map_and_copy(dir.path());
    ben_edits(
        &theirs,
        "cfo",
        PersonPatch {
            stance: Some(Stance::Blocker),
            title: Some("Group CFO".into()),
            ..PersonPatch::default()
        },
    );
    ben_edits(
        &theirs,
        "ally",
        PersonPatch {
            title: Some("Finance partner".into()),
            ..PersonPatch::default()
        },
    );
    let w = named_window(dir.path(), &mine, "Ana Reed");
    w.edit(
        "edit_person",
        json!({"key": "cfo", "patch": {"stance": "champion", "title": "CFO"}}),
    );
    let before = w.map();

    // Without decisions, the conflicts come back side by side and nothing changes.
    let path = theirs.to_str().unwrap();
    let answer = w.ok(
        "merge_copy",
        json!({"path": path, "passphrase": null, "decisions": {"all": null, "each": []}}),
    );
    assert_eq!(answer["outcome"], "conflicts", "{answer}");
    let conflicts = answer["report"]["conflicts"].as_array().unwrap().clone();
    assert_eq!(conflicts.len(), 2, "{answer}");
    let stance = conflicts.iter().find(|c| c["field"] == "stance").unwrap();
    assert_eq!(stance["record"], "cfo");
    assert_eq!(
        (&stance["mine"], &stance["theirs"]),
        (&json!("champion"), &json!("blocker"))
    );
    assert_eq!(
        (&stance["mine_author"], &stance["theirs_author"]),
        (&json!("Ana Reed"), &json!("Ben Okafor"))
    );
    let title = conflicts.iter().find(|c| c["field"] == "title").unwrap();
    assert_eq!(w.map(), before);

    // Mine for the stance, theirs for the title.
    let decisions = json!({"all": null, "each": [
        {"conflict": stance["id"], "prefer": "mine"},
        {"conflict": title["id"], "prefer": "theirs"},
    ]});
    let answer = w.ok(
        "merge_copy",
        json!({"path": path, "passphrase": null, "decisions": decisions}),
    );
    assert_eq!(answer["outcome"], "merged", "{answer}");
    let map = &answer["map"];
    assert_eq!(person(map, "cfo")["stance"], "champion");
    assert_eq!(person(map, "cfo")["title"], "Group CFO");
    assert_eq!(person(map, "ally")["title"], "Finance partner");
    assert!(
        map["undo"].as_str().unwrap().contains("theirs.advocate"),
        "{}",
        map["undo"]
    );
    // Both judgements stay in the engagement log.
    assert!(
        map["engagements"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["summary"]
                .as_str()
                .unwrap()
                .contains("blocker by Ben Okafor")),
        "{}",
        map["engagements"]
    );
    // One undo takes the whole merge back.
    let undone = w.edit("undo", json!({}));
    assert_eq!(person(&undone, "cfo")["title"], "CFO");
    assert_eq!(
        person(&undone, "ally")["title"],
        person(&before, "ally")["title"]
    );

    // Redo brings it back whole, as it was decided.
    let redone = w.edit("redo", json!({}));
    assert_eq!(person(&redone, "cfo")["stance"], "champion");
    assert_eq!(person(&redone, "cfo")["title"], "Group CFO");
    assert_eq!(person(&redone, "ally")["title"], "Finance partner");
}

#[test]
fn another_map_an_export_and_a_locked_copy_are_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let (mine, theirs) = map_and_copy(dir.path());
    let w = named_window(dir.path(), &mine, "Ana Reed");
    let merge = |path: &Path, passphrase: Value| {
        w.call(
            "merge_copy",
            json!({"path": path.to_str().unwrap(), "passphrase": passphrase,
                "decisions": {"all": null, "each": []}}),
        )
    };
    let other = dir.path().join("other.advocate");
    MapFile::create_from(&other, &support::tiny_demo()).unwrap();
    let e = merge(&other, Value::Null).unwrap_err();
    assert!(
        e.as_str().unwrap().contains("not a copy of this map"),
        "{e}"
    );

    let export = dir.path().join("redacted.json");
    let options = advocate_core::export::ExportOptions {
        redact: advocate_core::export::Redact::Titles,
        ..Default::default()
    };
    let file = MapFile::open(&mine).unwrap();
    let bytes = advocate_core::export::render(
        file.map(),
        advocate_core::export::Format::Json,
        &options,
        &advocate_core::export::SlideExtras::default(),
    )
    .unwrap();
    drop(file);
    std::fs::write(&export, bytes).unwrap();
    let e = merge(&export, Value::Null).unwrap_err();
    let e = e.as_str().unwrap();
    assert!(
        e.contains("is an export, not a copy") && e.contains("redacted"),
        "{e}"
    );
    let e = merge(&dir.path().join("gone.advocate"), Value::Null).unwrap_err();
    assert!(e.as_str().unwrap().contains("does not exist"), "{e}");

    // An encrypted copy asks for its passphrase, refuses a wrong one, merges with the right one.
    ben_edits(
        &theirs,
        "me",
        PersonPatch {
            title: Some("Head of L&D".into()),
            ..PersonPatch::default()
        },
    );
    advocate_core::store::change_passphrase(&theirs, None, Some("their secret phrase")).unwrap();
    let asked = merge(&theirs, Value::Null).unwrap();
    assert_eq!(asked["outcome"], "needs_passphrase", "{asked}");
    assert_eq!(asked["locked"]["retry"], false);
    let wrong = merge(&theirs, json!("not it")).unwrap();
    assert_eq!(wrong["outcome"], "needs_passphrase");
    assert_eq!(wrong["locked"]["retry"], true);
    let done = merge(&theirs, json!("their secret phrase")).unwrap();
    assert_eq!(done["outcome"], "merged", "{done}");
    assert_eq!(person(&done["map"], "me")["title"], "Head of L&D");
}

#[test]
fn the_shared_folder_is_kept_per_map_and_sync_now_brings_edits_in() {
    let dir = tempfile::tempdir().unwrap();
    let (mine, theirs) = map_and_copy(dir.path());
    let folder = dir.path().join("shared");
    std::fs::create_dir_all(&folder).unwrap();
    let w = named_window(dir.path(), &mine, "Ana Reed");
    let e = w.call("sync_now", json!({"decisions": {}})).unwrap_err();
    assert!(e.as_str().unwrap().contains("No shared folder"), "{e}");
    let e = w
        .call(
            "set_shared_folder",
            json!({"folder": dir.path().join("nowhere")}),
        )
        .unwrap_err();
    assert!(e.as_str().unwrap().contains("does not exist"), "{e}");
    let s = w.ok("set_shared_folder", json!({"folder": folder}));
    assert_eq!(s["shared_folder"], folder.to_str().unwrap());

    w.edit(
        "edit_person",
        json!({"key": "me", "patch": {"title": "Head of L&D"}}),
    );
    let synced = w.ok("sync_now", json!({"decisions": {}}));
    assert!(synced["report"]["sent"].as_u64().unwrap() >= 1, "{synced}");
    assert_eq!(synced["map"], Value::Null, "nothing came in");

    // Ben syncs his copy through the same folder (his app, as the core), then Ana syncs again.
    ben_edits(
        &theirs,
        "cfo",
        PersonPatch {
            title: Some("Group CFO".into()),
            ..PersonPatch::default()
        },
    );
    let mut ben = MapFile::open(&theirs).unwrap();
    ben.sync(&folder, None).unwrap();
    drop(ben);
    std::fs::write(folder.join("ffff-000001.advocate-changes"), b"half").unwrap();
    let synced = w.ok("sync_now", json!({"decisions": {"all": null, "each": []}}));
    let report = &synced["report"];
    assert_eq!(report["merge"]["merged"], true, "{synced}");
    assert!(report["merge"]["edits"].as_u64().unwrap() >= 1);
    assert_eq!(person(&synced["map"], "cfo")["title"], "Group CFO");
    assert_eq!(person(&synced["map"], "me")["title"], "Head of L&D");
    let warnings = report["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("incomplete")),
        "{warnings:?}"
    );

    // The folder is this map's: forgotten on request, and another map has none.
    let s = w.ok("set_shared_folder", json!({"folder": null}));
    assert_eq!(s["shared_folder"], Value::Null);
}
