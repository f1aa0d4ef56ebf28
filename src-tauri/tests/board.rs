//! The board of advocates and department functions as the window asks for them, through Tauri's
//! IPC on the mock runtime: the Board tab's two options reach the core's board, the window gets
//! the core's list of functions, and a function set in the app changes the board's seats.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use advocate_core::MapData;
use advocate_core::data::{DepartmentData, GoalData, GroupData, PersonData, TieData};
use serde_json::{Value, json};
use support::{Window, start_on};

/// We (Mia, L&D) reach Ali (Finance), who sways the CFO, who sways the COO; the CFO and the COO
/// are the audience.
fn small_map() -> MapData {
    let person = |key: &str, name: &str, dept: &str| PersonData {
        id: Some(key.into()),
        name: name.into(),
        department: Some(dept.into()),
        stance: Some(advocate_core::Stance::Supporter),
        ..PersonData::default()
    };
    let tie = |from: &str, to: &str, strength: f64| TieData {
        from: from.into(),
        to: to.into(),
        kind: "peer".into(),
        strength: Some(strength),
        ..TieData::default()
    };
    MapData {
        name: Some("Small".into()),
        home: Some(GroupData {
            people: vec!["me".into()],
            department: None,
        }),
        goal: Some(GoalData {
            initiative: "Rollout".into(),
            audience: GroupData {
                people: vec!["cfo".into(), "coo".into()],
                department: None,
            },
        }),
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
            person("coo", "Ada Obi", "Finance"),
        ],
        ties: vec![
            tie("me", "ally", 0.9),
            tie("ally", "cfo", 0.6),
            tie("cfo", "coo", 0.8),
        ],
        ..MapData::default()
    }
}

fn board(w: &Window, size: u32, include_audience: bool, balanced: bool) -> Value {
    w.ok(
        "choose_board",
        json!({"size": size, "includeAudience": include_audience, "balanced": balanced,
            "onProgress": "__CHANNEL__:1"}),
    )
}

fn keys(board: &Value) -> Vec<String> {
    board["board"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_board_tab_gets_the_cores_board_with_its_options_and_seats() {
    let dir = tempfile::tempdir().unwrap();
    let w = start_on(dir.path(), None, small_map);
    let map = w.map();
    // The functions a department form offers are the core's, with their names.
    let functions = map["functions"].as_array().unwrap();
    assert_eq!(functions.len(), 10);
    assert_eq!(functions[1], json!({"function": "it", "label": "IT"}));
    // By default nobody from the audience: Ali, recruited at 0.9 × 0.8, reaching the CFO.
    let b = board(&w, 2, false, false);
    assert_eq!(keys(&b), ["ally"]);
    let ali = &b["board"][0];
    assert!((ali["recruitment"].as_f64().unwrap() - 0.72).abs() < 1e-9);
    assert_eq!(ali["access_path"], json!(["me", "ally"]));
    assert_eq!(ali["reaches"][0]["to"], "cfo");
    let seats: Vec<&str> = b["seats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["seat"].as_str().unwrap())
        .collect();
    assert_eq!(seats, ["leader", "executive", "it", "communications"]);
    assert!(b["seats"][2]["filled_by"].as_array().unwrap().is_empty());
    // With the audience included the CFO may sit on the board too, to sway the COO.
    let b = board(&w, 2, true, false);
    assert_eq!(keys(&b), ["ally", "cfo"]);

    // Finance made IT in the app: a balanced board of one fills the IT seat first, with the
    // candidate who adds most.
    let map = w.edit(
        "put_department",
        json!({"department": {"name": "Finance", "function": "it"}}),
    );
    let finance = map["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "Finance")
        .unwrap();
    assert_eq!(finance["function"], "it");
    let b = board(&w, 1, true, true);
    assert_eq!(b["board"][0]["seats"], json!(["it"]));
    assert_eq!(keys(&b), ["ally"]);
    assert_eq!(b["seats"][2]["filled_by"], json!(["ally"]));
}
