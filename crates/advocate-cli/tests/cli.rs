//! The `advocate` binary as a user runs it: exit codes, one-line errors, `--json`, and a map kept
//! from the terminal across separate runs (undo included).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

mod support;
use support::{command, ok};

/// Fails, with a message that starts "error: ".
fn fails(args: &[&str], dir: &Path) -> String {
    let err = support::fails(args, dir);
    assert!(err.starts_with("error: "), "{err}");
    err
}

#[test]
fn a_map_kept_from_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(
        &["new", "m.advocate", "--name", "Rollout", "--home", "L&D"],
        d,
    );
    ok(
        &[
            "person",
            "add",
            "m.advocate",
            "Asha Patel",
            "--department",
            "L&D",
            "--stance",
            "champion",
        ],
        d,
    );
    ok(
        &[
            "person",
            "add",
            "m.advocate",
            "Tom Reed",
            "--id",
            "cfo",
            "--department",
            "Finance",
            "--power",
            "5",
            "--decision-maker",
            "yes",
            "--stance",
            "-1",
        ],
        d,
    );
    ok(
        &[
            "tie",
            "add",
            "m.advocate",
            "Asha Patel",
            "cfo",
            "--kind",
            "executive peer",
        ],
        d,
    );
    ok(
        &[
            "log",
            "add",
            "m.advocate",
            "cfo",
            "met",
            "--date",
            "2026-10-01",
            "--stance",
            "neutral",
        ],
        d,
    );
    ok(
        &[
            "set-goal",
            "m.advocate",
            "--initiative",
            "Mobile learning",
            "--audience",
            "cfo",
        ],
        d,
    );
    let show: serde_json::Value =
        serde_json::from_str(&ok(&["show", "m.advocate", "--json"], d)).unwrap();
    assert_eq!(show["people"], 2);
    assert_eq!(show["ties"], 1);
    assert_eq!(show["home"]["department"], "L&D");
    assert_eq!(show["goal"]["audience"], serde_json::json!(["cfo"]));
    assert_eq!(
        show["by_department"]["Finance"]["neutral"], 1,
        "the log's stance change applies"
    );

    assert_eq!(ok(&["undo", "m.advocate"], d).trim(), "undid: Set goal");
    assert_eq!(
        ok(&["undo", "m.advocate"], d).trim(),
        "undid: Log met with Tom Reed"
    );
    let show: serde_json::Value =
        serde_json::from_str(&ok(&["show", "m.advocate", "--json"], d)).unwrap();
    assert_eq!(show["by_stance"]["sceptic"], 1);
    assert_eq!(
        ok(&["redo", "m.advocate"], d).trim(),
        "redid: Log met with Tom Reed"
    );
    let text = ok(&["show", "m.advocate"], d);
    assert!(text.contains("2 people, 2 departments, 1 ties"), "{text}");
}

#[test]
fn mistakes_get_one_line_messages_and_a_failing_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["new", "m.advocate"], d);
    ok(&["person", "add", "m.advocate", "Ann"], d);
    let err = fails(&["tie", "add", "m.advocate", "Ann", "Zed"], d);
    assert_eq!(
        err.trim(),
        "error: no person with id or name \"Zed\" in this map"
    );
    let err = fails(&["tie", "add", "m.advocate", "Ann", "Ann"], d);
    assert!(err.contains("themselves"), "{err}");
    let err = fails(&["show", "missing.advocate"], d);
    assert!(err.contains("missing.advocate does not exist"), "{err}");
    assert_eq!(ok(&["undo", "m.advocate"], d).trim(), "undid: Add Ann");
    let err = fails(&["undo", "m.advocate"], d);
    assert_eq!(err.trim(), "error: nothing to undo in m.advocate");
    std::fs::write(d.join("notes.txt"), "hello").unwrap();
    let err = fails(&["show", "notes.txt"], d);
    assert!(err.contains("not an Advocate map"), "{err}");
    assert_eq!(
        std::fs::read_to_string(d.join("notes.txt")).unwrap(),
        "hello"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn a_tie_added_without_a_kind_is_a_peer_else_the_first_kind_the_two_lack() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["new", "m.advocate"], d);
    ok(&["person", "add", "m.advocate", "Ann"], d);
    ok(&["person", "add", "m.advocate", "Bo"], d);
    ok(&["tie", "add", "m.advocate", "Ann", "Bo"], d);
    // A second tie without a kind is not refused as a second peer tie: it takes another kind.
    ok(&["tie", "add", "m.advocate", "Ann", "Bo"], d);
    let err = fails(&["tie", "remove", "m.advocate", "Ann", "Bo"], d);
    assert!(err.contains("in 2 ways (peer, line manager)"), "{err}");
}

#[test]
fn every_subcommand_has_help() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in [
        vec!["--help"],
        vec!["new", "--help"],
        vec!["show", "--help"],
        vec!["person", "add", "--help"],
        vec!["tie", "edit", "--help"],
        vec!["department", "remove", "--help"],
        vec!["log", "add", "--help"],
        vec!["set-goal", "--help"],
        vec!["undo", "--help"],
    ] {
        let out = ok(&cmd, dir.path());
        assert!(out.contains("Usage: advocate"), "{cmd:?}: {out}");
    }
}

#[test]
fn an_encrypted_map_opens_with_its_passphrase_from_a_file_or_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["new", "m.advocate"], d);
    ok(&["person", "add", "m.advocate", "Ines Duarte"], d);
    let encrypt = command(&["encrypt", "m.advocate"], d)
        .env("ADVOCATE_NEW_PASSPHRASE", "tulip")
        .output()
        .unwrap();
    assert!(
        encrypt.status.success(),
        "{}",
        String::from_utf8_lossy(&encrypt.stderr)
    );
    let err = fails(&["show", "m.advocate"], d);
    assert!(err.contains("passphrase"), "{err}");
    std::fs::write(d.join("pw"), "tulip\n").unwrap();
    let shown = ok(&["show", "m.advocate", "--passphrase-file", "pw"], d);
    assert!(shown.contains("1 people"), "{shown}");
    std::fs::write(d.join("bad"), "rose\n").unwrap();
    let err = fails(&["show", "m.advocate", "--passphrase-file", "bad"], d);
    assert!(err.contains("wrong passphrase"), "{err}");
    let with_env = command(&["person", "add", "m.advocate", "Kofi Mensah"], d)
        .env("ADVOCATE_PASSPHRASE", "tulip")
        .output()
        .unwrap();
    assert!(with_env.status.success());
    ok(&["decrypt", "m.advocate", "--passphrase-file", "pw"], d);
    assert!(ok(&["show", "m.advocate"], d).contains("2 people"));
}

#[test]
fn the_demo_exports_to_every_format_and_comes_back_from_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["demo", "demo.advocate"], d);
    let summary = |map: &str| {
        let v: serde_json::Value = serde_json::from_str(&ok(&["show", map, "--json"], d)).unwrap();
        (
            v["people"].clone(),
            v["ties"].clone(),
            v["by_stance"].clone(),
        )
    };
    for format in ["svg", "png", "pdf", "pptx", "graphml", "gexf", "json"] {
        let out = format!("demo.{format}");
        ok(&["export", "demo.advocate", "-o", &out], d);
        let bytes = std::fs::read(d.join(&out)).unwrap();
        assert!(bytes.len() > 1000, "{format} is {} bytes", bytes.len());
    }
    ok(
        &["export", "demo.advocate", "--format", "csv", "-o", "tables"],
        d,
    );
    // The project's own formats and the graph formats come back with every person and tie.
    for (map, files) in [
        ("from-json.advocate", vec!["demo.json".to_string()]),
        ("from-graphml.advocate", vec!["demo.graphml".to_string()]),
        ("from-gexf.advocate", vec!["demo.gexf".to_string()]),
        (
            "from-csv.advocate",
            [
                "map",
                "kinds",
                "departments",
                "people",
                "ties",
                "engagements",
            ]
            .iter()
            .map(|t| format!("tables/{t}.csv"))
            .collect(),
        ),
    ] {
        ok(&["new", map], d);
        let mut args = vec!["import", map];
        args.extend(files.iter().map(String::as_str));
        ok(&args, d);
        assert_eq!(summary(map), summary("demo.advocate"), "{map}");
    }
    // The deck carries the ranking: the demo's best advocate is named on the ranking slide.
    let deck = std::fs::read(d.join("demo.pptx")).unwrap();
    let mut zip = zip_slide(&deck, "ppt/slides/slide2.xml");
    assert!(
        zip.contains("Siobhán Gallagher"),
        "ranking slide: {}",
        &zip[..zip.len().min(400)]
    );
    zip = zip_slide(&deck, "ppt/slides/slide3.xml");
    assert!(
        zip.contains("Henrik Johansson"),
        "paths slide names the CFO"
    );
}

/// One part of a .pptx (a zip), as text.
fn zip_slide(deck: &[u8], part: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(deck)).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(part).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn the_demo_map_starts_with_nothing_to_undo() {
    let dir = tempfile::tempdir().unwrap();
    ok(&["demo", "demo.advocate"], dir.path());
    let err = fails(&["undo", "demo.advocate"], dir.path());
    assert_eq!(err.trim(), "error: nothing to undo in demo.advocate");
}

/// `--redact` is honoured by every format: the JSON and CSV exports too (they once ignored it and
/// wrote every name); a redaction the command does not know is refused.
#[test]
fn redacted_json_and_csv_exports_name_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["demo", "d.advocate"], d);
    for redact in ["titles", "initials"] {
        ok(
            &["export", "d.advocate", "-o", "r.json", "--redact", redact],
            d,
        );
        let json = std::fs::read_to_string(d.join("r.json")).unwrap();
        ok(
            &[
                "export",
                "d.advocate",
                "--format",
                "csv",
                "-o",
                "r-csv",
                "--redact",
                redact,
            ],
            d,
        );
        let people = std::fs::read_to_string(d.join("r-csv/people.csv")).unwrap();
        for name in [
            "Siobhán Gallagher",
            "Priya Raman",
            "Łukasz Nowak",
            "budget holder",
            "DPIA",
        ] {
            assert!(!json.contains(name), "{redact} JSON shows {name}");
            assert!(!people.contains(name), "{redact} CSV shows {name}");
        }
    }
    let err = fails(
        &[
            "export",
            "d.advocate",
            "-o",
            "r.json",
            "--redact",
            "nicknames",
        ],
        d,
    );
    assert!(err.contains("unknown redaction"), "{err}");
}

/// Sizes and resolutions out of range are refused by the core's check, in one line.
#[test]
fn an_export_size_or_resolution_out_of_range_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["demo", "d.advocate"], d);
    let err = fails(
        &["export", "d.advocate", "-o", "m.png", "--size", "0x10"],
        d,
    );
    assert!(err.contains("give each side from 1 to 20000"), "{err}");
    let err = fails(&["export", "d.advocate", "-o", "m.png", "--dpi", "9000"], d);
    assert!(err.contains("choose from 1 to 2400"), "{err}");
    assert!(!d.join("m.png").exists());
}

#[test]
fn version_names_the_map_file_format_that_new_maps_get() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let line = ok(&["--version"], d);
    ok(&["new", "v.advocate", "--name", "V"], d);
    // The format a new map is written in, as the file itself says.
    let file = advocate_core::MapFile::open(&d.join("v.advocate")).unwrap();
    let written: i64 = file
        .connection()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(
        line.trim(),
        format!(
            "advocate {} (map file format {written}, JSON format {})",
            env!("CARGO_PKG_VERSION"),
            advocate_core::data::FORMAT_VERSION
        )
    );
}
