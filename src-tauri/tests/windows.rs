//! One app, many maps, on Tauri's mock runtime with the real context: each window has its own
//! session, a map already open brings its window forward instead of opening twice, a map given
//! to a second launch opens relative to where that launch started, a map changed on disk by
//! another program is read again before the window's next command, and the About box's figures.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};

use advocate_core::MapFile;
use advocate_core::data::PersonData;
use advocate_desktop::session::Session;
use advocate_desktop::windows;
use serde_json::{Value, json};
use tauri::test::{MockRuntime, mock_builder};
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

fn call(webview: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Value {
    support::invoke(webview, cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
}

fn names(map: &Value) -> Vec<String> {
    let mut names: Vec<String> = map["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

/// A map file with these people.
fn map_with(dir: &Path, file: &str, people: &[&str]) -> PathBuf {
    let path = dir.join(file);
    let mut map = MapFile::create(&path, file).unwrap();
    for name in people {
        map.add_person(&PersonData {
            name: (*name).into(),
            ..PersonData::default()
        })
        .unwrap();
    }
    path
}

/// The app with `first` open in its main window.
fn app_on(data_dir: &Path, first: &Path) -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let session = Session::start(data_dir, Some(&first.display().to_string()), || {
        panic!("the demo map is not wanted here")
    });
    let app = advocate_desktop::setup(mock_builder(), session)
        .build(advocate_desktop::context())
        .unwrap();
    let main = app.get_webview_window(windows::MAIN).unwrap_or_else(|| {
        WebviewWindowBuilder::new(&app, windows::MAIN, Default::default())
            .build()
            .unwrap()
    });
    (app, main)
}

fn map_of(webview: &WebviewWindow<MockRuntime>) -> Value {
    call(webview, "start", json!({}))["map"].clone()
}

/// The window other than `main`.
fn other_window(app: &App<MockRuntime>) -> WebviewWindow<MockRuntime> {
    let others: Vec<_> = app
        .webview_windows()
        .into_iter()
        .filter(|(label, _)| label != windows::MAIN)
        .collect();
    assert_eq!(others.len(), 1, "one window besides the main one");
    others.into_iter().next().unwrap().1
}

#[test]
fn each_window_has_its_own_map_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let a = map_with(dir.path(), "a.advocate", &["Ada"]);
    let b = map_with(dir.path(), "b.advocate", &["Ben", "Bea"]);
    let (app, main) = app_on(dir.path(), &a);
    windows::open_window(app.handle(), &b).unwrap();
    let second = other_window(&app);
    assert_eq!(names(&map_of(&main)), ["Ada"]);
    assert_eq!(names(&map_of(&second)), ["Bea", "Ben"]);

    call(&second, "add_person", json!({"person": {"name": "Bo"}}));
    call(&main, "add_person", json!({"person": {"name": "Al"}}));
    // Undo in the first window takes back that window's edit only.
    call(&main, "undo", json!({}));
    assert_eq!(names(&map_of(&main)), ["Ada"]);
    assert_eq!(names(&map_of(&second)), ["Bea", "Ben", "Bo"]);
    call(&second, "undo", json!({}));
    assert_eq!(names(&map_of(&second)), ["Bea", "Ben"]);
}

#[test]
fn a_map_already_open_brings_its_window_forward_instead_of_opening_again() {
    let dir = tempfile::tempdir().unwrap();
    let a = map_with(dir.path(), "a.advocate", &["Ada"]);
    let b = map_with(dir.path(), "b.advocate", &["Ben"]);
    let (app, _main) = app_on(dir.path(), &a);
    windows::open_window(app.handle(), &b).unwrap();
    assert_eq!(app.webview_windows().len(), 2);
    // The same files under other names: a `..` in the path, and the first map.
    let b_again = dir.path().join("sub/../b.advocate");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    windows::open_window(app.handle(), &b_again).unwrap();
    windows::open_window(app.handle(), &a).unwrap();
    assert_eq!(app.webview_windows().len(), 2);
}

#[test]
fn maps_from_a_second_launch_open_relative_to_where_it_started() {
    let dir = tempfile::tempdir().unwrap();
    let a = map_with(dir.path(), "a.advocate", &["Ada"]);
    std::fs::create_dir(dir.path().join("maps")).unwrap();
    map_with(&dir.path().join("maps"), "c.advocate", &["Cy"]);
    let (app, main) = app_on(dir.path(), &a);
    windows::open_arguments(
        app.handle(),
        &["c.advocate".to_string()],
        &dir.path().join("maps"),
    );
    let second = other_window(&app);
    assert_eq!(names(&map_of(&second)), ["Cy"]);
    assert_eq!(names(&map_of(&main)), ["Ada"]);
    // With no map, nothing opens.
    windows::open_arguments(app.handle(), &[], dir.path());
    assert_eq!(app.webview_windows().len(), 2);
}

#[test]
fn a_map_that_is_not_there_opens_a_window_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let a = map_with(dir.path(), "a.advocate", &["Ada"]);
    let (app, _main) = app_on(dir.path(), &a);
    let gone = dir.path().join("gone.advocate");
    windows::open_window(app.handle(), &gone).unwrap();
    let second = other_window(&app);
    let start = call(&second, "start", json!({}));
    assert_eq!(start["map"], Value::Null);
    assert_eq!(
        start["notice"],
        format!(
            "{} does not exist: it may have been moved, renamed or deleted.",
            gone.display()
        )
    );
}

#[test]
fn a_map_changed_by_another_program_is_read_again_before_the_next_command() {
    let dir = tempfile::tempdir().unwrap();
    let a = map_with(dir.path(), "a.advocate", &["Ada"]);
    let (_app, main) = app_on(dir.path(), &a);
    assert_eq!(names(&map_of(&main)), ["Ada"]);
    // The command line adds someone while the window is open.
    {
        let mut cli = MapFile::open(&a).unwrap();
        cli.add_person(&PersonData {
            name: "Cli Added".into(),
            ..PersonData::default()
        })
        .unwrap();
    }
    // The window's next edit is made on the file as it now is, and shows both.
    let after = call(
        &main,
        "add_person",
        json!({"person": {"name": "Win Added"}}),
    );
    // It answers with the whole map, not with its own change: the window's copy misses the
    // other program's.
    assert_eq!(after["answer"], "whole");
    assert_eq!(names(&after["map"]), ["Ada", "Cli Added", "Win Added"]);
    let on_disk = MapFile::open(&a).unwrap();
    let mut names_on_disk: Vec<_> = on_disk.map().people().map(|p| p.name.clone()).collect();
    names_on_disk.sort();
    assert_eq!(names_on_disk, ["Ada", "Cli Added", "Win Added"]);
}

#[test]
fn a_session_says_when_its_file_changed_on_disk_and_only_then() {
    let dir = tempfile::tempdir().unwrap();
    let a = map_with(dir.path(), "a.advocate", &["Ada"]);
    let mut session = Session::start(dir.path(), Some(&a.display().to_string()), || {
        panic!("no demo")
    });
    assert_eq!(session.pick_up_changes(), None);
    // Its own edits are not someone else's.
    session
        .file_mut()
        .unwrap()
        .add_person(&PersonData {
            name: "Own".into(),
            ..PersonData::default()
        })
        .unwrap();
    assert_eq!(session.pick_up_changes(), None);
    MapFile::open(&a)
        .unwrap()
        .add_person(&PersonData {
            name: "Other".into(),
            ..PersonData::default()
        })
        .unwrap();
    assert_eq!(
        session.pick_up_changes().as_deref(),
        Some(
            "a.advocate was changed by another program: Advocate read it again, so what you see is the file as it now is."
        )
    );
    assert_eq!(session.file().unwrap().map().people().count(), 3);
    assert_eq!(session.pick_up_changes(), None);
}

#[test]
fn the_about_box_names_the_version_and_the_map_format_new_maps_are_written_in() {
    let dir = tempfile::tempdir().unwrap();
    let a = map_with(dir.path(), "a.advocate", &["Ada"]);
    let (_app, main) = app_on(dir.path(), &a);
    let about = call(&main, "about", json!({}));
    let written: i64 = MapFile::open(&a)
        .unwrap()
        .connection()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(about["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(about["map_format"], written);
    assert_eq!(
        advocate_desktop::version_line(),
        format!(
            "advocate-desktop {} (map file format {written}, JSON format {})",
            env!("CARGO_PKG_VERSION"),
            advocate_core::data::FORMAT_VERSION
        )
    );
}
