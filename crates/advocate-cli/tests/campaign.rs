//! The campaign from the terminal: next steps, accepting one, marking it done with what
//! happened, and seeing it in progress and in the calendar export.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

mod support;
use support::{fails, ok};

fn json(args: &[&str], dir: &Path) -> serde_json::Value {
    serde_json::from_str(&ok(args, dir)).unwrap()
}

const TODAY: &str = "2026-11-30";

#[test]
fn accept_a_suggestion_do_it_and_see_the_progress() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["demo", "m.advocate"], d);
    let next = json(&["next", "m.advocate", "--today", TODAY, "--json"], d);
    let first = &next["suggestions"][0];
    let key = first["key"].as_str().unwrap().to_string();
    let person = first["person"].as_str().unwrap().to_string();
    for field in [
        "rule",
        "step",
        "why",
        "inputs",
        "chain",
        "worth",
        "worth_reason",
    ] {
        assert!(first.get(field).is_some(), "{field}");
    }
    let out = ok(
        &[
            "accept",
            "m.advocate",
            &key,
            "--today",
            TODAY,
            "--due",
            "2026-12-04",
        ],
        d,
    );
    assert!(out.starts_with("planned act-"), "{out}");
    let after = json(&["next", "m.advocate", "--today", TODAY, "--json"], d);
    assert!(
        after["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["key"] != key.as_str())
    );
    let actions = json(&["action", "list", "m.advocate", "--json"], d);
    let planned = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["person"] == person.as_str() && a["due"] == "2026-12-04")
        .unwrap()
        .clone();
    let id = planned["key"].as_str().unwrap();
    let ics = ok(&["export", "m.advocate", "-o", "plan.ics"], d);
    assert!(ics.contains("open actions with a due date"), "{ics}");
    let calendar = std::fs::read_to_string(d.join("plan.ics")).unwrap();
    assert!(calendar.contains(&format!("UID:{id}@advocate.campaign")));
    assert!(calendar.contains("DTSTART;VALUE=DATE:20261204"));
    ok(
        &[
            "action",
            "done",
            "m.advocate",
            id,
            "--date",
            "2026-12-03",
            "--as",
            "met",
            "--summary",
            "agreed to a pilot",
            "--stance",
            "champion",
        ],
        d,
    );
    let progress = json(
        &[
            "progress",
            "m.advocate",
            "--since",
            "2026-12-01",
            "--today",
            "2026-12-05",
            "--json",
        ],
        d,
    );
    assert_eq!(progress["actions_done"][0]["key"], id);
    let change = progress["stance_changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == person.as_str())
        .unwrap();
    assert_eq!(change["now"], "champion");
    assert_eq!(change["entries"][0]["summary"], "agreed to a pilot");
    // Undo takes the log entry and the done state back together.
    ok(&["undo", "m.advocate"], d);
    let actions = json(&["action", "list", "m.advocate", "--json"], d);
    assert!(
        actions
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["key"] == id && a["state"] == "open")
    );
    // A redacted calendar is refused, with why.
    let err = fails(
        &["export", "m.advocate", "-o", "x.ics", "--redact", "titles"],
        d,
    );
    assert!(err.contains("cannot be redacted"));
}

#[test]
fn targets_make_gaps_and_bad_dates_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["demo", "m.advocate"], d);
    ok(&["target", "m.advocate", "cfo", "champion"], d);
    let gaps = json(&["gaps", "m.advocate", "--json"], d);
    assert_eq!(gaps[0]["id"], "cfo");
    assert_eq!(gaps[0]["target"], "champion");
    assert_eq!(gaps[0]["target_source"], "set");
    let err = fails(
        &[
            "action",
            "add",
            "m.advocate",
            "cfo",
            "Call",
            "--due",
            "next week",
        ],
        d,
    );
    assert!(
        err.contains("\"next week\"") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn the_progress_chart_exports_as_svg_and_png() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["demo", "m.advocate"], d);
    let out = ok(
        &["export", "m.advocate", "--chart", "-o", "progress.svg"],
        d,
    );
    assert!(out.contains("the progress chart"), "{out}");
    let svg = std::fs::read_to_string(d.join("progress.svg")).unwrap();
    assert!(svg.contains(">Stance over time</text>"));
    assert!(svg.contains("<title>The audience, "));
    ok(
        &[
            "export",
            "m.advocate",
            "--chart",
            "--since",
            "2026-01",
            "--size",
            "800x450",
            "-o",
            "progress.png",
        ],
        d,
    );
    let png = std::fs::read(d.join("progress.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 800);
    // A chart is a drawing: a table format is refused, saying which formats it takes.
    let err = fails(
        &["export", "m.advocate", "--chart", "-o", "progress.json"],
        d,
    );
    assert!(err.contains("svg, png or pdf"));
    // --since needs --chart.
    fails(
        &["export", "m.advocate", "--since", "2026-01", "-o", "m.svg"],
        d,
    );
}

#[test]
fn progress_tells_the_ties_made_and_changed_since_but_not_the_map_as_it_was_created() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["demo", "m.advocate"], d);
    let quiet = json(&["progress", "m.advocate", "--json"], d);
    assert_eq!(quiet["tie_changes"], serde_json::json!([]));
    ok(
        &[
            "tie",
            "add",
            "m.advocate",
            "Amara Nwosu",
            "Henrik Johansson",
            "--kind",
            "mentor",
            "--strength",
            "0.4",
            "--author",
            "Ana",
        ],
        d,
    );
    let progress = json(&["progress", "m.advocate", "--json"], d);
    let ties = progress["tie_changes"].as_array().unwrap();
    assert_eq!(ties.len(), 1, "{ties:?}");
    assert_eq!(ties[0]["from"], "cos");
    assert_eq!(ties[0]["to_name"], "Henrik Johansson");
    assert_eq!(ties[0]["what"], "added");
    assert_eq!(ties[0]["after"], 0.4);
    assert_eq!(ties[0]["author"], "Ana");
    let text = ok(&["progress", "m.advocate"], d);
    assert!(
        text.contains("Ties that changed (1):")
            && text.contains("Amara Nwosu sways Henrik Johansson (mentor, 0.40): added by Ana"),
        "{text}"
    );
}
