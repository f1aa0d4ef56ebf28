//! The commands as the window calls them, through Tauri's IPC on the mock runtime: first start,
//! editing, undo and redo, readable errors, and what is remembered between runs. Passphrases
//! have their own file (passphrase.rs); the harness is in support/.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use serde_json::{Value, json};
use support::{names, start};

#[test]
fn first_start_opens_the_demo_map_written_to_the_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path(), None);
    let s = w.ok("start", json!({}));
    assert_eq!(s["map"]["name"], "Tiny demo");
    assert_eq!(s["map"]["people"].as_array().unwrap().len(), 3);
    assert_eq!(s["notice"], Value::Null);
    // Each kind of tie comes with the style the exports draw it in.
    let dash = |kind: &str| {
        s["map"]["palette"]["kinds"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["kind"] == kind)
            .unwrap()["dash"]
            .clone()
    };
    assert_eq!(dash("line manager"), Value::Null);
    assert_eq!(dash("peer"), json!("4 3"));
    assert!(dir.path().join("demo.advocate").exists());
    let recent = w.ok("recent_maps", json!({}));
    assert!(recent[0].as_str().unwrap().ends_with("demo.advocate"));
}

#[test]
fn add_a_person_and_a_tie_then_undo_and_redo() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path(), None);
    let map = w.edit(
        "add_person",
        json!({"person": {"id": null, "name": "Sam Ortiz", "title": "CIO", "department": "IT",
            "stance": "supporter", "power": 4, "interest": 3, "decision_maker": true,
            "tags": ["pilot"], "notes": "<b>not html</b>", "position": null}}),
    );
    assert!(names(&map).contains(&"Sam Ortiz".to_string()));
    assert_eq!(map["undo"], "Add Sam Ortiz");
    let map = w.edit(
        "add_tie",
        json!({"tie": {"from": "Sam Ortiz", "to": "cfo", "kind": "executive peer", "strength": 0.4, "notes": null}}),
    );
    assert_eq!(map["ties"].as_array().unwrap().len(), 3);
    let map = w.edit("undo", json!({}));
    assert_eq!(map["ties"].as_array().unwrap().len(), 2);
    assert_eq!(map["redo"], "Tie Sam Ortiz > cfo");
    let map = w.edit("redo", json!({}));
    let tie = map["ties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["kind"] == "executive peer")
        .unwrap();
    assert_eq!(tie["strength"], 0.4);
    // People travel by key: a tie names its ends by key, and a person carries no row number.
    assert_eq!(
        (&tie["from"], &tie["to"]),
        (&json!("Sam Ortiz"), &json!("cfo"))
    );
    assert!(
        map["people"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p.get("id").is_none())
    );
    // A second tie of the same kind between the two is refused; changing the kind keeps the
    // strength (the core's rules, as on the command line).
    let err = w
        .call(
            "add_tie",
            json!({"tie": {"from": "Sam Ortiz", "to": "cfo", "kind": "executive peer"}}),
        )
        .unwrap_err();
    assert_eq!(
        err,
        "Sam Ortiz already sways cfo as executive peer: change that tie instead of adding another"
    );
    let map = w.edit(
        "edit_tie",
        json!({"id": tie["id"], "patch": {"kind": "sponsor", "strength": null, "notes": null}}),
    );
    let tie = map["ties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == tie["id"])
        .unwrap();
    assert_eq!(
        (&tie["kind"], &tie["strength"]),
        (&json!("sponsor"), &json!(0.4))
    );
}

#[test]
fn the_window_gets_the_colours_the_exported_legend_shows() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path(), None);
    let palette = w.map()["palette"].clone();
    let svg = dir.path().join("legend.svg");
    w.ok("export_map", json!({"format": "svg", "path": svg}));
    let drawn = std::fs::read_to_string(&svg).unwrap();
    let legend = &drawn[drawn.find("<g id=\"legend\"").unwrap()..];
    let stances = palette["stances"].as_array().unwrap();
    assert_eq!(stances.len(), 5);
    for s in stances {
        let (colour, caption) = (
            s["colour"].as_str().unwrap(),
            s["caption"].as_str().unwrap(),
        );
        // The legend's row: the swatch in this colour, then the caption.
        let row = legend.find(&format!(">{caption}</text>")).unwrap();
        let swatch = legend[..row].rfind("fill=\"").unwrap();
        assert_eq!(&legend[swatch + 6..swatch + 13], colour, "{caption}");
    }
    // Okabe-Ito: champions blue, blockers vermilion, as on a slide.
    assert_eq!(stances[0]["colour"], "#0072B2");
    assert_eq!(stances[4]["colour"], "#D55E00");
}

#[test]
fn core_errors_come_back_as_readable_messages() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path(), None);
    let err = w
        .call(
            "add_person",
            json!({"person": {"id": null, "name": "Max", "title": null, "department": null,
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
    let map = w.map();
    let keys: Vec<&str> = map["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["key"].as_str().unwrap())
        .collect();
    let map = w.edit(
        "edit_people",
        json!({"keys": keys, "patch": {"stance": "champion", "department": null, "add_tags": ["board"], "remove_tags": []}}),
    );
    assert!(
        map["people"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["stance"] == "champion" && p["tags"][0] == "board")
    );
    let map = w.edit("undo", json!({}));
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
        let map = w.map();
        let key = map["people"][0]["key"].clone();
        w.edit(
            "set_positions",
            json!({"moves": [[{"type": "person", "id": key}, {"x": 10.5, "y": -3.0, "pinned": true}]]}),
        );
        w.edit(
            "put_department",
            json!({"department": {"name": "IT", "parent": null, "colour": "#123456"}}),
        );
    }
    let w = start(dir.path(), None);
    let map = w.map();
    assert_eq!(map["people"][0]["position"]["x"], 10.5);
    assert_eq!(map["people"][0]["position"]["pinned"], true);
    assert_eq!(map["undo"], "Department IT");
    let map = w.edit("undo", json!({}));
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
    let map = w.map();
    assert!(!names(&map).contains(&"Ada Obi".to_string()));
    let done = w.ok("import_files", json!({"paths": [csv], "request": skip}));
    assert!(names(&done["map"]).contains(&"Ada Obi".to_string()));
    let map = w.edit("undo", json!({}));
    assert!(!names(&map).contains(&"Ada Obi".to_string()));
}

#[test]
fn analysis_commands_answer_with_the_cores_results() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path(), None);
    let channel = "__CHANNEL__:1";
    let paths = w.ok(
        "find_paths",
        json!({"from": "me", "to": "cfo", "alternatives": 2,
            "avoidOpposed": false, "onProgress": channel}),
    );
    assert_eq!(paths[0]["people"], json!(["me", "ally", "cfo"]));
    let err = w
        .call(
            "find_paths",
            json!({"from": null, "to": "cfo", "alternatives": 0,
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

#[test]
fn export_settings_redact_size_and_highlight() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path(), None);
    let map = w.map();
    let id = |name: &str| {
        map["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()["key"]
            .clone()
    };
    let chain = json!([id("Mia Lund"), id("Ali Khan"), id("Tom Reed")]);
    let svg = dir.path().join("r.svg");
    w.ok(
        "export_map",
        json!({"format": "svg", "path": svg, "settings": {
            "redact": "initials", "title": "Steering group", "highlight_path": chain}}),
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(!text.contains("Tom Reed") && text.contains(">T.R.</text>"));
    assert!(text.contains(">Steering group</text>") && text.contains("url(#arrow-path)"));
    let json_out = dir.path().join("r.json");
    w.ok(
        "export_map",
        json!({"format": "json", "path": json_out, "settings": {"redact": "titles"}}),
    );
    assert!(
        !std::fs::read_to_string(&json_out)
            .unwrap()
            .contains("Mia Lund")
    );
    let png = dir.path().join("s.png");
    w.ok(
        "export_map",
        json!({"format": "png", "path": png, "settings": {"width": 640, "height": 360, "transparent": true}}),
    );
    let bytes = std::fs::read(&png).unwrap();
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!(
        (be(16), be(20)),
        (640, 360),
        "the PNG has the size asked for"
    );
    assert_eq!(bytes[25], 6, "a transparent PNG has an alpha channel");
    let err = |settings: Value| {
        w.call(
            "export_map",
            json!({"format": "png", "path": dir.path().join("x.png"), "settings": settings}),
        )
        .unwrap_err()
    };
    assert_eq!(
        err(json!({"width": 0, "height": 10})),
        "0 × 10 pixels is not a size an image can have: give each side from 1 to 20000."
    );
    assert_eq!(
        err(json!({"width": 100})),
        "Give the image both a width and a height, or neither."
    );
    assert_eq!(
        err(json!({"dpi": 5000})),
        "5000 dots per inch is not a resolution to print at: choose from 1 to 2400."
    );
    assert_eq!(
        err(json!({"highlight_board": ["nobody-here"]})),
        "The board to highlight names someone no longer on the map: show it again, then export."
    );
    assert!(!dir.path().join("x.png").exists());
}
#[test]
fn paths_are_checked_before_any_file_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path(), None);
    let err = |cmd: &str, args: Value| w.call(cmd, args).unwrap_err();
    assert_eq!(
        err(
            "open_map",
            json!({"path": "maps/m.advocate", "passphrase": null})
        ),
        "maps/m.advocate is not a full path: choose the file with the dialog, or give its whole path from the top of the disk."
    );
    let csv = dir.path().join("people.csv");
    std::fs::write(&csv, "name\nAda\n").unwrap();
    assert_eq!(
        err("open_map", json!({"path": csv, "passphrase": null})),
        "people.csv is not an Advocate map: map files end in .advocate."
    );
    assert_eq!(
        err(
            "new_map",
            json!({"path": dir.path().join("m.json"), "name": "M"})
        ),
        "A map's file name must end in .advocate, and m.json does not."
    );
    assert!(!dir.path().join("m.json").exists());
    assert_eq!(
        err("save_map_as", json!({"path": ""})),
        "No file was chosen: choose one and try again."
    );
    let request = json!({"org_chart": false, "skip_invalid": false});
    assert_eq!(
        err(
            "import_files",
            json!({"paths": [dir.path()], "request": request})
        ),
        format!("{} is a folder, not a file.", dir.path().display())
    );
    assert_eq!(
        err(
            "import_preview",
            json!({"paths": ["/tmp/a\u{0}.csv"], "request": request})
        ),
        "The path holds a NUL character, which no file name can contain: choose the file again."
    );
    assert_eq!(
        err(
            "export_map",
            json!({"format": "pdf", "path": dir.path().join("no/where/m.pdf")})
        ),
        format!(
            "The folder {} does not exist: choose a folder that does.",
            dir.path().join("no/where").display()
        )
    );
    assert_eq!(
        err(
            "export_map",
            json!({"format": "png", "path": dir.path().join("m.svg")})
        ),
        "An export as PNG must end in .png, and m.svg does not."
    );
}

#[test]
fn the_recent_list_offers_only_well_formed_map_paths() {
    let dir = tempfile::tempdir().unwrap();
    let kept = dir.path().join("kept.advocate");
    advocate_core::MapFile::create(&kept, "Kept").unwrap();
    std::fs::write(
        dir.path().join("settings.json"),
        json!({"recent": [kept, "relative.advocate", "/etc/passwd", "/tmp/a\nb.advocate", "/gone.advocate"],
            "last": "/etc/shadow"})
        .to_string(),
    )
    .unwrap();
    let w = start(dir.path(), None);
    let s = w.ok("start", json!({}));
    // The last map was not a map path: the demo opens, and nothing was read from /etc.
    assert_eq!(s["map"]["name"], "Tiny demo");
    let recent = w.ok("recent_maps", json!({}));
    let recent: Vec<&str> = recent
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(recent[0].ends_with("demo.advocate"));
    assert_eq!(
        recent[1..],
        [kept.to_str().unwrap(), "/gone.advocate"],
        "{recent:?}"
    );
}

#[test]
fn an_edit_answers_with_what_it_changed() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path(), None);
    let len = |v: &Value| v.as_array().unwrap().len();
    let answer = w.ok(
        "edit_person",
        json!({"key": "ally", "patch": {"stance": "champion"}}),
    );
    assert_eq!(answer["answer"], "delta", "{answer}");
    let d = &answer["delta"];
    assert_eq!(len(&d["people"]), 1);
    assert_eq!(
        (&d["people"][0]["key"], &d["people"][0]["stance"]),
        (&json!("ally"), &json!("champion"))
    );
    assert_eq!(len(&d["ties"]) + len(&d["people_removed"]), 0);
    assert_eq!(d["head"]["undo"], "Edit Ali Khan");
    assert_eq!(
        len(&d["head"]["palette"]["stances"]),
        5,
        "the small fields come every time"
    );

    // A new key: the person is gone under the old one, and both their ties name the new one.
    let d = w.ok(
        "edit_person",
        json!({"key": "ally", "patch": {"key": "ali"}}),
    )["delta"]
        .clone();
    assert_eq!(d["people_removed"], json!(["ally"]));
    assert_eq!(d["people"][0]["key"], "ali");
    let ends: Vec<(String, String)> = d["ties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["from"].as_str().unwrap().into(),
                t["to"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        ends,
        [("me".into(), "ali".into()), ("ali".into(), "cfo".into())]
    );

    let d = w.ok("remove_people", json!({"keys": ["ali"]}))["delta"].clone();
    assert_eq!(d["people_removed"], json!(["ali"]));
    assert_eq!(len(&d["ties_removed"]), 2);
    let d = w.ok("undo", json!({}))["delta"].clone();
    assert_eq!((len(&d["people"]), len(&d["ties"])), (1, 2));
    assert_eq!(d["head"]["redo"], "Remove Ali Khan");
}

#[test]
fn commands_the_window_does_not_use_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let w = start(dir.path(), None);
    let map = w.map();
    for (cmd, args) in [
        ("get_map", json!({})),
        ("rename_map", json!({"name": "Renamed"})),
        (
            "set_home",
            json!({"home": {"people": [], "department": null}}),
        ),
        (
            "set_goal",
            json!({"initiative": "x", "audience": {"people": [], "department": null}}),
        ),
        // Core and plugin commands the capability does not grant.
        ("plugin:window|close", json!({"label": "main"})),
        ("plugin:webview|print", json!({"label": "main"})),
        ("plugin:app|app_hide", json!({})),
        ("plugin:shell|open", json!({"path": "https://example.com"})),
        (
            "plugin:opener|open_url",
            json!({"url": "https://example.com"}),
        ),
    ] {
        let err = w.call(cmd, args).unwrap_err();
        assert!(
            err.as_str().unwrap().contains("not allowed"),
            "{cmd} was not refused: {err}"
        );
    }
    assert_eq!(w.map()["name"], map["name"], "a refused command ran");
}
