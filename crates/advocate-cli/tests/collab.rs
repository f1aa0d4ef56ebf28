//! `advocate history`, `merge` and `sync` as a user runs them: authors from `--author` and
//! `ADVOCATE_AUTHOR`, a conflict that stops the merge (exit code 2, nothing changed) until
//! `--prefer` decides it, and two copies meeting through a shared folder.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Output;

mod support;

/// Runs `advocate ARGS` in `dir` as `author` (`ADVOCATE_AUTHOR`), with no passphrase from the
/// environment.
fn advocate(args: &[&str], dir: &Path, author: &str) -> Output {
    support::command(args, dir)
        .env("ADVOCATE_AUTHOR", author)
        .env_remove("ADVOCATE_PASSPHRASE")
        .output()
        .unwrap()
}

/// [`advocate`], checked to succeed: what it printed.
fn ok(args: &[&str], dir: &Path, author: &str) -> String {
    support::succeeded(args, advocate(args, dir, author))
}

/// The map's records as the JSON export writes them.
fn records(map: &str, d: &Path) -> String {
    ok(&["export", map, "-o", "records.json"], d, "");
    std::fs::read_to_string(d.join("records.json")).unwrap()
}

/// Two copies of one map with Bo on both.
fn copies(d: &Path) {
    ok(&["new", "mine.advocate", "--name", "Rollout"], d, "Ana");
    ok(
        &["person", "add", "mine.advocate", "Bo Sato", "--id", "bo"],
        d,
        "Ana",
    );
    ok(&["save-as", "mine.advocate", "theirs.advocate"], d, "Ana");
}

#[test]
fn history_names_who_changed_what() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copies(d);
    ok(
        &[
            "person",
            "edit",
            "mine.advocate",
            "bo",
            "--stance",
            "champion",
            "--author",
            "Cleo",
        ],
        d,
        "Ana",
    );
    let text = ok(&["history", "mine.advocate", "bo"], d, "");
    let first = text.lines().next().unwrap();
    assert!(first.contains("Cleo: Edit Bo Sato"), "{text}");
    assert!(text.contains("changed bo (stance)"), "{text}");
    assert!(text.contains("Ana: Add Bo Sato"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["history", "mine.advocate", "--json"], d, "")).unwrap();
    assert_eq!(json[0]["author"], "Cleo");
    assert_eq!(json[0]["changes"][0]["fields"][0], "stance");
}

#[test]
fn a_conflict_stops_the_merge_until_a_side_is_preferred() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copies(d);
    ok(
        &[
            "person",
            "edit",
            "mine.advocate",
            "bo",
            "--stance",
            "champion",
        ],
        d,
        "Ana",
    );
    ok(
        &[
            "person",
            "edit",
            "theirs.advocate",
            "bo",
            "--stance",
            "blocker",
        ],
        d,
        "Ben",
    );
    ok(
        &[
            "person",
            "add",
            "theirs.advocate",
            "Eve Dubois",
            "--id",
            "eve",
        ],
        d,
        "Ben",
    );
    let before = ok(&["show", "mine.advocate", "--json"], d, "");
    let out = advocate(&["merge", "mine.advocate", "theirs.advocate"], d, "Ana");
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("1 conflict(s)") && text.contains("nothing was changed"),
        "{text}"
    );
    assert!(
        text.contains(r#"bo: stance: mine "champion" (Ana) / theirs "blocker" (Ben)"#),
        "{text}"
    );
    assert_eq!(ok(&["show", "mine.advocate", "--json"], d, ""), before);
    let out = advocate(
        &["merge", "mine.advocate", "theirs.advocate", "--json"],
        d,
        "Ana",
    );
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["merged"], false);
    assert_eq!(json["conflicts"][0]["theirs_author"], "Ben");

    let text = ok(
        &[
            "merge",
            "mine.advocate",
            "theirs.advocate",
            "--prefer",
            "theirs",
        ],
        d,
        "Ana",
    );
    assert!(
        text.contains("merged 2 edit(s)") && text.contains("decided for theirs"),
        "{text}"
    );
    let shown = records("mine.advocate", d);
    assert!(shown.contains("\"blocker\""), "{shown}");
    // Merging again brings nothing; the merge is one undo step.
    let again = ok(&["merge", "mine.advocate", "theirs.advocate"], d, "Ana");
    assert!(again.contains("nothing new"), "{again}");
    let undone = ok(&["undo", "mine.advocate"], d, "Ana");
    assert!(undone.contains("Merge theirs.advocate"), "{undone}");
    // Merging the same copy again brings nothing, and says why and what brings it back.
    let after_undo = ok(&["merge", "mine.advocate", "theirs.advocate"], d, "Ana");
    assert!(
        after_undo.contains("that merge was undone") && after_undo.contains("advocate redo"),
        "{after_undo}"
    );
    // And the other way round, the decision travels: no question asked.
    ok(
        &[
            "merge",
            "mine.advocate",
            "theirs.advocate",
            "--prefer",
            "theirs",
        ],
        d,
        "Ana",
    );
    ok(&["merge", "theirs.advocate", "mine.advocate"], d, "Ben");
    assert_eq!(records("theirs.advocate", d), records("mine.advocate", d));
}

#[test]
fn another_map_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copies(d);
    ok(&["new", "other.advocate"], d, "Ana");
    let out = advocate(&["merge", "mine.advocate", "other.advocate"], d, "Ana");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("not a copy of this map"), "{err}");
}

#[test]
fn two_copies_meet_in_a_shared_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copies(d);
    std::fs::create_dir(d.join("shared")).unwrap();
    ok(
        &["person", "add", "mine.advocate", "Dee", "--id", "dee"],
        d,
        "Ana",
    );
    let out = ok(&["sync", "mine.advocate", "shared"], d, "Ana");
    assert!(out.contains("sent"), "{out}");
    let out = ok(&["sync", "theirs.advocate", "shared"], d, "Ben");
    assert!(out.contains("merged 1 edit(s)"), "{out}");
    assert!(records("theirs.advocate", d).contains("\"dee\""));
    let json: serde_json::Value = serde_json::from_str(&ok(
        &["sync", "theirs.advocate", "shared", "--json"],
        d,
        "Ben",
    ))
    .unwrap();
    assert_eq!(json["sent"], 0);
}
