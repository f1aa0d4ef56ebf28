//! The Plan tab's commands as the window calls them, through Tauri's IPC on the mock runtime,
//! on the bundled demo map: the plan, accepting a suggestion, marking the action done with the
//! log entry it produced, undo, dismissing with why, targets, the chart, the map as of a date,
//! and the chart's and the calendar's exports.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use serde_json::{Value, json};
use support::{Window, start_on};

/// The app on the bundled demo map (its log and plan dated from today).
fn start(data_dir: &std::path::Path) -> Window {
    start_on(data_dir, None, advocate_desktop::demo_map)
}

trait Plan {
    fn err(&self, cmd: &str, args: Value) -> String;
    fn plan(&self) -> Value;
}

impl Plan for Window {
    /// The message of a command that must fail.
    fn err(&self, cmd: &str, args: Value) -> String {
        match self.call(cmd, args) {
            Ok(v) => panic!("{cmd} should have failed, answered {v}"),
            Err(e) => e.as_str().unwrap_or_default().to_string(),
        }
    }

    fn plan(&self) -> Value {
        self.ok("campaign_plan", json!({}))
    }
}

fn action<'a>(plan: &'a Value, key: &str) -> Option<&'a Value> {
    plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["key"] == key)
}

#[test]
fn accept_a_step_do_it_and_see_it_in_the_log_and_the_chart() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path());
    let today = advocate_core::store::today();
    let plan = w.plan();
    assert_eq!(plan["today"], today.as_str());
    assert_eq!(plan["actions"].as_array().unwrap().len(), 12);
    assert_eq!(plan["overdue"], 2, "the demo's two overdue actions");
    let first = plan["next"]["suggestions"][0].clone();
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
    let key = first["key"].as_str().unwrap();
    let person = first["person"].as_str().unwrap();

    // Accept: an open action, owned as asked, due in two weeks, from that suggestion.
    let map = w.edit(
        "accept_suggestion",
        json!({ "key": key, "owner": "Anjali", "due": null }),
    );
    assert!(map["undo"].as_str().unwrap().starts_with("Plan: "));
    let plan = w.plan();
    let planned = plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["suggestion"] == key)
        .unwrap()
        .clone();
    assert_eq!(planned["state"], "open");
    assert_eq!(planned["owner"], "Anjali");
    assert_eq!(
        planned["due"],
        advocate_core::campaign::plan::default_due(&today).unwrap()
    );
    assert!(
        plan["next"]["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["key"] != key),
        "an accepted step is no longer suggested"
    );
    // Accepting it again is refused, saying why.
    let e = w.err(
        "accept_suggestion",
        json!({ "key": key, "owner": "me", "due": null }),
    );
    assert!(e.contains("planned or dismissed"), "{e}");

    // Done, with what happened: the log entry is the person's, the action links it.
    let chart_before = w.ok("progress_chart", json!({ "since": null }));
    let akey = planned["key"].as_str().unwrap();
    let map = w.edit(
        "complete_action",
        json!({ "key": akey, "outcome": {
            "date": today, "action": "met", "summary": "Agreed to back the pilot", "stance_after": "champion"
        } }),
    );
    let entry = map["engagements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["summary"] == "Agreed to back the pilot")
        .unwrap();
    assert_eq!(entry["stance_after"], "champion");
    let done = w.plan();
    let done = action(&done, akey).unwrap();
    assert_eq!(done["state"], "done");
    assert_eq!(done["engagement"], entry["id"]);
    // The person's stance is champion now; as of yesterday it was not.
    let p = map["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["key"] == person)
        .unwrap();
    assert_eq!(p["stance"], "champion");
    let yesterday = advocate_core::campaign::add_days(&today, -1).unwrap();
    let as_of = w.ok("map_as_of", json!({ "date": yesterday }));
    assert_eq!(as_of["date"], yesterday.as_str());
    assert!(as_of["ties"].as_array().unwrap().is_empty(), "{as_of}");
    let then = as_of["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["person"] == person)
        .unwrap();
    assert_eq!(then["changed"], true, "{then}");
    assert_eq!(then["now"], "champion");
    let chart_after = w.ok("progress_chart", json!({ "since": null }));
    assert!(
        chart_after
            .as_str()
            .unwrap()
            .contains(">Stance over time</text>")
    );
    assert_ne!(chart_before, chart_after, "the chart moves");

    // Undo takes the entry and the done state back together.
    w.edit("undo", json!({}));
    assert_eq!(action(&w.plan(), akey).unwrap()["state"], "open");
    let e = w.err(
        "complete_action",
        json!({ "key": "no-such-action", "outcome": {
        "date": today, "action": "met", "summary": "", "stance_after": null } }),
    );
    assert!(e.contains("no action"), "{e}");
}

#[test]
fn dismiss_with_why_targets_and_the_exports() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path());
    let plan = w.plan();
    let key = plan["next"]["suggestions"][0]["key"]
        .as_str()
        .unwrap()
        .to_string();
    w.edit(
        "dismiss_suggestion",
        json!({ "key": key, "reason": "we see her every week" }),
    );
    let plan = w.plan();
    let quiet = plan["next"]["quiet"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["suggestion"]["key"] == key.as_str())
        .unwrap();
    assert_eq!(quiet["dismissal"]["reason"], "we see her every week");

    // A target per person, by key; clearing it; a stranger refused by name.
    w.edit(
        "set_target",
        json!({ "person": "coo", "target": "champion" }),
    );
    let plan = w.plan();
    assert!(
        plan["targets"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["person"] == "coo" && t["target"] == "champion")
    );
    w.edit("set_target", json!({ "person": "coo", "target": null }));
    assert!(
        w.plan()["targets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["person"] != "coo")
    );
    let e = w.err(
        "set_target",
        json!({ "person": "nobody", "target": "champion" }),
    );
    assert!(e.contains("\"nobody\""), "{e}");

    // The calendar and the chart, written where the user chose.
    let ics = dir.path().join("plan.ics");
    let events = w.ok(
        "export_calendar",
        json!({ "path": ics.display().to_string() }),
    );
    assert_eq!(events, plan["open"]);
    assert!(
        std::fs::read_to_string(&ics)
            .unwrap()
            .contains("BEGIN:VEVENT")
    );
    let e = w.err(
        "export_calendar",
        json!({ "path": dir.path().join("plan.txt").display().to_string() }),
    );
    assert!(e.contains(".ics"), "{e}");
    let png = dir.path().join("progress.png");
    w.ok(
        "export_chart",
        json!({ "format": "png", "path": png.display().to_string(), "since": null,
                "settings": { "width": 800, "height": 450 } }),
    );
    assert_eq!(&std::fs::read(&png).unwrap()[..4], b"\x89PNG");
    let e = w.err(
        "export_chart",
        json!({ "format": "json", "path": dir.path().join("c.json").display().to_string(),
                "since": null, "settings": null }),
    );
    assert!(e.contains("svg, png or pdf"), "{e}");
}
