//! The window on the mock runtime, shared by the command tests: a tiny demo map, the app
//! started with its real context, and calls through Tauri's IPC as the window makes them.
#![allow(dead_code)] // each test file uses its own part of the harness

use std::path::Path;

use advocate_core::MapData;
use advocate_core::data::{DepartmentData, PersonData, TieData};
use advocate_desktop::session::Session;
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};
/// A tiny stand-in for the bundled demo map, for tests only.
pub fn tiny_demo() -> MapData {
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

pub struct Window {
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
}

/// The app on the mock runtime with its real context: tauri.conf.json and the access control
/// list built from the capabilities, so a command the window may not call is refused here too.
pub fn start(data_dir: &Path, argument: Option<&str>) -> Window {
    start_on(data_dir, argument, tiny_demo)
}

/// The app started as `start` does, with `demo` as the map a first start writes and opens.
pub fn start_on(data_dir: &Path, argument: Option<&str>, demo: fn() -> MapData) -> Window {
    let session = Session::start(data_dir, argument, demo);
    let app = advocate_desktop::setup(mock_builder(), session)
        .build(advocate_desktop::context())
        .unwrap();
    let webview = app.get_webview_window("main").unwrap_or_else(|| {
        WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap()
    });
    Window { _app: app, webview }
}

/// A command as the window sends it through Tauri's IPC, from the window's own origin (the
/// custom protocol on Linux and macOS).
pub fn invoke(
    webview: &WebviewWindow<MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
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

impl Window {
    pub fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        invoke(&self.webview, cmd, args)
    }

    pub fn ok(&self, cmd: &str, args: Value) -> Value {
        match self.call(cmd, args) {
            Ok(v) => v,
            Err(e) => panic!("{cmd} failed: {e}"),
        }
    }

    /// Runs an edit and answers with the map as the window then shows it (the edit itself
    /// answers with what changed: see `an_edit_answers_with_what_it_changed`).
    pub fn edit(&self, cmd: &str, args: Value) -> Value {
        let answer = self.ok(cmd, args);
        assert!(
            answer["answer"] == "delta" || answer["answer"] == "whole",
            "{cmd}: {answer}"
        );
        self.map()
    }

    /// The open map, as the window gets it (`get_map` is not the window's to call).
    pub fn map(&self) -> Value {
        self.ok("start", json!({}))["map"].clone()
    }
}

pub fn names(map: &Value) -> Vec<String> {
    map["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}
