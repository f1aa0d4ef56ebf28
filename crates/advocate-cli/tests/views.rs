//! Saved views from the terminal: the demo's sequence listed, a view added with a region and a
//! highlight, moved, renamed, removed and undone, bad input refused in one line, and the views
//! in the deck and in the JSON export.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;
use std::path::Path;

mod support;
use support::ok;

/// Fails, with a message of one line.
fn fails(args: &[&str], dir: &Path) -> String {
    let err = support::fails(args, dir);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

fn views(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&ok(&["views", "m.advocate", "--json"], dir)).unwrap()
}

fn captions(dir: &Path) -> Vec<String> {
    views(dir)
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["caption"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn list_add_move_edit_remove_and_undo_views() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["demo", "m.advocate"], d);
    let text = ok(&["views", "m.advocate", "--shown"], d);
    assert!(text.starts_with("4 saved views"), "{text}");
    assert!(
        text.contains("shows: Best path from the home team to Henrik Johansson"),
        "{text}"
    );

    let out = ok(
        &[
            "views",
            "add",
            "m.advocate",
            "IT and its security",
            "--region",
            "300,-150,700,400",
            "--layout",
            "grid",
            "--path-to",
            "cio",
            "--path-from",
            "Siobhán Gallagher",
            "--id",
            "it",
        ],
        d,
    );
    assert_eq!(out.trim(), "saved view 5 [it]: IT and its security");
    let all = views(d);
    let it = &all[4];
    assert_eq!(it["layout"], "grid");
    assert_eq!(it["region"]["x1"], 1000.0);
    assert_eq!(it["highlight"]["kind"], "path");
    assert_eq!(it["highlight"]["from"], "hrd");
    assert_eq!(it["highlight"]["to"], "cio");

    ok(&["views", "move", "m.advocate", "it", "1"], d);
    assert_eq!(captions(d)[0], "IT and its security");
    ok(
        &[
            "views",
            "edit",
            "m.advocate",
            "1",
            "--caption",
            "IT, where the risk is",
            "--stances",
            "sceptic,blocker",
            "--whole-map",
        ],
        d,
    );
    let first = &views(d)[0];
    assert_eq!(first["caption"], "IT, where the risk is");
    assert_eq!(first["highlight"]["stances"][1], "blocker");
    assert!(first["region"].is_null());
    ok(
        &["views", "remove", "m.advocate", "IT, where the risk is"],
        d,
    );
    assert_eq!(captions(d).len(), 4);
    let undone = ok(&["undo", "m.advocate"], d);
    assert!(undone.contains("Remove view 1"), "{undone}");
    assert_eq!(captions(d)[0], "IT, where the risk is");
}

#[test]
fn bad_view_input_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["demo", "m.advocate"], d);
    let err = fails(
        &["views", "add", "m.advocate", "x", "--path-to", "nobody"],
        d,
    );
    assert!(err.contains("nobody"), "{err}");
    let err = fails(
        &["views", "add", "m.advocate", "x", "--layout", "circle"],
        d,
    );
    assert!(err.contains("unknown layout \"circle\""), "{err}");
    let err = fails(&["views", "add", "m.advocate", "x", "--board", "0"], d);
    assert!(err.contains("choose from 1 to 20"), "{err}");
    let err = fails(&["views", "add", "m.advocate", "x", "--region", "1,2,3"], d);
    assert!(err.contains("four numbers"), "{err}");
    let err = fails(&["views", "move", "m.advocate", "1", "9"], d);
    assert!(err.contains("from 1 to 4, not 9"), "{err}");
    let err = fails(&["views", "edit", "m.advocate", "1"], d);
    assert!(err.contains("say what to change"), "{err}");
    let err = fails(&["views", "remove", "m.advocate", "nope"], d);
    assert!(err.contains("no saved view \"nope\""), "{err}");
    assert_eq!(captions(d).len(), 4);
}

#[test]
fn the_deck_and_the_json_export_carry_the_views() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["demo", "m.advocate"], d);
    ok(
        &[
            "views",
            "add",
            "m.advocate",
            "Blockers only",
            "--stances",
            "blocker",
        ],
        d,
    );
    ok(&["export", "m.advocate", "-o", "deck.pptx"], d);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(d.join("deck.pptx")).unwrap()).unwrap();
    let slides = zip
        .file_names()
        .filter_map(|n| n.ok())
        .filter(|n| n.starts_with("ppt/slides/slide") && n.ends_with(".xml"))
        .count();
    assert_eq!(slides, 6 + 5);
    let mut last = String::new();
    zip.by_name("ppt/slides/slide11.xml")
        .unwrap()
        .read_to_string(&mut last)
        .unwrap();
    assert!(last.contains("Blockers only"));

    ok(
        &["export", "m.advocate", "--format", "json", "-o", "m.json"],
        d,
    );
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("m.json")).unwrap()).unwrap();
    assert_eq!(data["views"].as_array().unwrap().len(), 5);
    ok(&["new", "copy.advocate"], d);
    ok(&["import", "copy.advocate", "m.json"], d);
    let copied: serde_json::Value =
        serde_json::from_str(&ok(&["views", "copy.advocate", "--json"], d)).unwrap();
    assert_eq!(copied, views(d));

    ok(
        &[
            "export",
            "m.advocate",
            "--format",
            "json",
            "--redact",
            "titles",
            "-o",
            "r.json",
        ],
        d,
    );
    let redacted = std::fs::read_to_string(d.join("r.json")).unwrap();
    assert!(!redacted.contains("Blockers only"));
    assert!(redacted.contains("\"view_count\": 5"));
}
