//! The Views tab's and Present mode's commands as the window calls them, through Tauri's IPC on
//! the mock runtime, on the bundled demo map: its four views, what each shows (the core's
//! path, board and people, with the sentence the slide shows), saving the window's view with
//! people by key, renaming, moving, removing and undoing, and a path naming nobody refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use serde_json::{Value, json};
use support::{Window, start_on};

fn start(data_dir: &std::path::Path) -> Window {
    start_on(data_dir, None, advocate_desktop::demo_map)
}

fn captions(w: &Window) -> Vec<String> {
    w.ok("saved_views", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["caption"].as_str().unwrap().to_string())
        .collect()
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect()
}

#[test]
fn the_demo_views_show_their_path_board_and_stances() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path());
    let views = w.ok("saved_views", json!({}));
    assert_eq!(views.as_array().unwrap().len(), 4);
    assert_eq!(views[1]["highlight"]["kind"], "path");
    assert_eq!(views[1]["highlight"]["to"], "cfo");
    assert!(
        views[1].get("id").is_none(),
        "a view's row stays off the wire"
    );

    let path = w.ok("show_view", json!({ "key": "demo-view-cfo" }));
    assert_eq!(keys(&path["path"]), ["ld-head", "hrd", "cfo"]);
    assert!(path["note"].as_str().unwrap().contains("Siobhán Gallagher"));
    let board = w.ok("show_view", json!({ "key": "demo-view-board" }));
    assert_eq!(board["board"].as_array().unwrap().len(), 3);
    // The board view frames the executives where the demo draws them, with room around.
    let region = &board["view"]["region"];
    let start = w.ok("start", json!({}));
    let executive = &start["map"]["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "Executive")
        .unwrap()["id"];
    let executives: Vec<&Value> = start["map"]["people"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| &p["department"] == executive)
        .collect();
    assert!(!executives.is_empty());
    for p in executives {
        let (x, y) = (
            p["position"]["x"].as_f64().unwrap(),
            p["position"]["y"].as_f64().unwrap(),
        );
        assert!(
            region["x0"].as_f64().unwrap() < x
                && x < region["x1"].as_f64().unwrap()
                && region["y0"].as_f64().unwrap() < y
                && y < region["y1"].as_f64().unwrap(),
            "{} at ({x}, {y}) is outside the board view {region}",
            p["name"]
        );
    }
    let sceptics = w.ok("show_view", json!({ "key": "demo-view-sceptics" }));
    assert_eq!(sceptics["people"].as_array().unwrap().len(), 10);
}

#[test]
fn save_rename_move_remove_and_undo_a_view() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path());
    let map = w.edit(
        "save_view",
        json!({
            "caption": "Our way to the CIO",
            "layout": "force",
            "region": { "x0": 0.0, "y0": 0.0, "x1": 400.0, "y1": 300.0 },
            "highlight": { "kind": "path", "from": null, "to": "cio", "avoid_opposed": true },
        }),
    );
    assert!(map["undo"].as_str().unwrap().starts_with("Save view 5"));
    let views = w.ok("saved_views", json!({}));
    let key = views[4]["key"].as_str().unwrap().to_string();
    assert_eq!(views[4]["highlight"]["to"], "cio");
    let shown = w.ok("show_view", json!({ "key": key }));
    assert_eq!(keys(&shown["path"]).last(), Some(&"cio"));

    w.edit(
        "rename_view",
        json!({ "key": key, "caption": "Where the CIO hears us" }),
    );
    w.edit("move_view", json!({ "key": key, "to": 1 }));
    assert_eq!(captions(&w)[0], "Where the CIO hears us");
    w.edit("remove_view", json!({ "key": key }));
    assert_eq!(captions(&w).len(), 4);
    w.edit("undo", json!({}));
    assert_eq!(captions(&w)[0], "Where the CIO hears us");

    let err = w
        .call(
            "save_view",
            json!({
                "caption": "Lost",
                "layout": "grid",
                "region": null,
                "highlight": { "kind": "path", "from": null, "to": "nobody", "avoid_opposed": false },
            }),
        )
        .unwrap_err();
    assert!(err.as_str().unwrap().contains("\"nobody\""), "{err}");
    let err = w
        .call("show_view", json!({ "key": "no-such-view" }))
        .unwrap_err();
    assert!(err.as_str().unwrap().contains("no saved view"), "{err}");
}
