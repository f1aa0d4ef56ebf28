//! The commands as the window calls them, through Tauri's IPC on the mock runtime: first start,
//! editing, undo and redo, readable errors, and what is remembered between runs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use advocate_core::MapData;
use advocate_core::data::{DepartmentData, PersonData, TieData};
use advocate_desktop::session::Session;
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

/// A tiny stand-in for the bundled demo map, for tests only.
fn tiny_demo() -> MapData {
    let person = |key: &str, name: &str, dept: &str| PersonData {
        id: Some(key.into()),
        name: name.into(),
        department: Some(dept.into()),
        ..PersonData::default()
    };
    let tie = |from: &str, to: &str, kind: &str| TieData {
        from: from.into(),
        to: to.into(),
        kind: kind.into(),
        ..TieData::default()
    };
    MapData {
        name: Some("Tiny demo".into()),
        departments: ["L&D", "Finance"]
            .iter()
            .map(|n| DepartmentData {
                name: (*n).into(),
                ..DepartmentData::default()
            })
            .collect(),
        people: vec![
            person("me", "Mia Lund", "L&D"),
            person("ally", "Ali Khan", "Finance"),
            person("cfo", "Tom Reed", "Finance"),
        ],
        ties: vec![
            tie("me", "ally", "peer"),
            tie("ally", "cfo", "line manager"),
        ],
        ..MapData::default()
    }
}

struct Window {
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
}

fn start(data_dir: &Path, argument: Option<&str>) -> Window {
    let session = Session::start(data_dir, argument, tiny_demo);
    let app = advocate_desktop::setup(mock_builder(), session)
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Window { _app: app, webview }
}

impl Window {
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                // The window's own origin (the custom protocol on Linux and macOS).
                url: if cfg!(windows) {
                    "http://tauri.localhost"
                } else {
                    "tauri://localhost"
                }
                .parse()
                .unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|b| b.deserialize::<Value>().unwrap())
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        match self.call(cmd, args) {
            Ok(v) => v,
            Err(e) => panic!("{cmd} failed: {e}"),
        }
    }
}

fn names(map: &Value) -> Vec<String> {
    map["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn first_start_opens_the_demo_map_written_to_the_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path(), None);
    let s = w.ok("start", json!({}));
    assert_eq!(s["map"]["name"], "Tiny demo");
    assert_eq!(s["map"]["people"].as_array().unwrap().len(), 3);
    assert_eq!(s["notice"], Value::Null);
    assert!(dir.path().join("demo.advocate").exists());
    let recent = w.ok("recent_maps", json!({}));
    assert!(recent[0].as_str().unwrap().ends_with("demo.advocate"));
}

#[test]
fn add_a_person_and_a_tie_then_undo_and_redo() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path(), None);
    let map = w.ok(
        "add_person",
        json!({"person": {"key": null, "name": "Sam Ortiz", "title": "CIO", "department": "IT",
            "stance": "supporter", "power": 4, "interest": 3, "decision_maker": true,
            "tags": ["pilot"], "notes": "<b>not html</b>", "position": null}}),
    );
    assert!(names(&map).contains(&"Sam Ortiz".to_string()));
    assert_eq!(map["undo"], "Add Sam Ortiz");
    let map = w.ok(
        "put_tie",
        json!({"tie": {"from": "Sam Ortiz", "to": "cfo", "kind": "executive peer", "strength": 0.4, "notes": null}}),
    );
    assert_eq!(map["ties"].as_array().unwrap().len(), 3);
    let map = w.ok("undo", json!({}));
    assert_eq!(map["ties"].as_array().unwrap().len(), 2);
    assert_eq!(map["redo"], "Tie Sam Ortiz > cfo");
    let map = w.ok("redo", json!({}));
    let tie = map["ties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["kind"] == "executive peer")
        .unwrap();
    assert_eq!(tie["strength"], 0.4);
}

#[test]
fn core_errors_come_back_as_readable_messages() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path(), None);
    let err = w
        .call(
            "add_person",
            json!({"person": {"key": null, "name": "Max", "title": null, "department": null,
                "stance": null, "power": 9, "interest": null, "decision_maker": null,
                "tags": null, "notes": null, "position": null}}),
        )
        .unwrap_err();
    assert!(err.as_str().unwrap().contains("power"), "{err}");
    let err = w
        .call(
            "open_map",
            json!({"path": dir.path().join("nope.advocate")}),
        )
        .unwrap_err();
    assert!(err.as_str().unwrap().contains("does not exist"), "{err}");
}

#[test]
fn bulk_edit_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path(), None);
    let map = w.ok("get_map", json!({}));
    let ids: Vec<i64> = map["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    let map = w.ok(
        "edit_people",
        json!({"ids": ids, "patch": {"stance": "champion", "department": null, "add_tags": ["board"], "remove_tags": []}}),
    );
    assert!(
        map["people"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["stance"] == "champion" && p["tags"][0] == "board")
    );
    let map = w.ok("undo", json!({}));
    assert!(
        map["people"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["stance"] == "neutral")
    );
}

#[test]
fn edits_positions_and_undo_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    {
        let w = start(dir.path(), None);
        let map = w.ok("get_map", json!({}));
        let id = map["people"][0]["id"].as_i64().unwrap();
        w.ok(
            "set_positions",
            json!({"moves": [{"node": {"type": "person", "id": id}, "position": {"x": 10.5, "y": -3.0, "pinned": true}}]}),
        );
        w.ok(
            "put_department",
            json!({"department": {"name": "IT", "parent": null, "colour": "#123456"}}),
        );
    }
    let w = start(dir.path(), None);
    let map = w.ok("get_map", json!({}));
    assert_eq!(map["people"][0]["position"]["x"], 10.5);
    assert_eq!(map["people"][0]["position"]["pinned"], true);
    assert_eq!(map["undo"], "Department IT");
    let map = w.ok("undo", json!({}));
    assert_eq!(map["departments"].as_array().unwrap().len(), 2);
}

#[test]
fn a_map_named_on_the_command_line_opens_and_a_bad_one_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.advocate");
    advocate_core::MapFile::create(&other, "Other map").unwrap();
    let w = start(dir.path(), Some(other.to_str().unwrap()));
    let s = w.ok("start", json!({}));
    assert_eq!(s["map"]["name"], "Other map");

    let w = start(dir.path(), Some("/no/such/map.advocate"));
    let s = w.ok("start", json!({}));
    assert!(s["notice"].as_str().unwrap().contains("does not exist"));
    assert_eq!(s["map"]["name"], "Tiny demo");
}

#[test]
fn new_map_and_save_as_switch_to_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path(), None);
    let path = dir.path().join("rollout.advocate");
    let map = w.ok("new_map", json!({"path": path, "name": "Rollout"}));
    assert_eq!(map["name"], "Rollout");
    assert_eq!(map["people"].as_array().unwrap().len(), 0);
    let copy = dir.path().join("copy.advocate");
    let map = w.ok("save_map_as", json!({"path": copy}));
    assert!(map["path"].as_str().unwrap().ends_with("copy.advocate"));
    let recent = w.ok("recent_maps", json!({}));
    assert!(recent[0].as_str().unwrap().ends_with("copy.advocate"));
}

#[test]
fn import_preview_names_the_bad_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path(), None);
    let csv = dir.path().join("people.csv");
    std::fs::write(&csv, "name,power\nAda Obi,3\nBo Kim,9\n").unwrap();
    let all_or_nothing = json!({"org_chart": false, "skip_invalid": false});
    let preview = w.ok(
        "import_preview",
        json!({"paths": [csv], "request": all_or_nothing}),
    );
    let error = preview["error"].as_str().unwrap();
    assert!(error.contains("line 3"), "{error}");
    let skip = json!({"org_chart": false, "skip_invalid": true});
    let preview = w.ok("import_preview", json!({"paths": [csv], "request": skip}));
    assert_eq!(preview["report"]["people"]["added"], 1);
    assert_eq!(preview["report"]["rejected"].as_array().unwrap().len(), 1);
    // The preview wrote nothing.
    let map = w.ok("get_map", json!({}));
    assert!(!names(&map).contains(&"Ada Obi".to_string()));
    let done = w.ok("import_files", json!({"paths": [csv], "request": skip}));
    assert!(names(&done["map"]).contains(&"Ada Obi".to_string()));
    let map = w.ok("undo", json!({}));
    assert!(!names(&map).contains(&"Ada Obi".to_string()));
}

#[test]
fn analysis_commands_answer_with_the_cores_results() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path(), None);
    let map = w.ok("get_map", json!({}));
    let id_of = |key: &str| {
        map["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["key"] == key)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    let channel = "__CHANNEL__:1";
    let paths = w.ok(
        "find_paths",
        json!({"from": id_of("me"), "to": id_of("cfo"), "alternatives": 2,
            "avoidOpposed": false, "onProgress": channel}),
    );
    assert_eq!(paths[0]["people"], json!(["me", "ally", "cfo"]));
    let err = w
        .call(
            "find_paths",
            json!({"from": null, "to": id_of("cfo"), "alternatives": 0,
                "avoidOpposed": false, "onProgress": channel}),
        )
        .unwrap_err();
    assert!(err.as_str().unwrap().contains("home team"), "{err}");
    let metrics = w.ok("network_metrics", json!({"onProgress": channel}));
    assert_eq!(metrics["people"].as_array().unwrap().len(), 3);
    w.ok("cancel_analysis", json!({}));
}

#[test]
fn exports_write_the_cores_files() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path(), None);
    for (format, name) in [
        ("svg", "map.svg"),
        ("json", "map.json"),
        ("graphml", "map.graphml"),
    ] {
        let path = dir.path().join(name);
        let written = w.ok("export_map", json!({"format": format, "path": path}));
        assert_eq!(written[0], path.display().to_string());
        assert!(std::fs::metadata(&path).unwrap().len() > 100, "{format}");
    }
    let svg = std::fs::read_to_string(dir.path().join("map.svg")).unwrap();
    assert!(svg.contains("Tom Reed"));
}
