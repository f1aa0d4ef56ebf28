//! The corpus of bad files under tests/fixtures/hostile/: each gets exactly the message written
//! beside it in expected.tsv, and nothing changes — not the map imported into, not the file
//! opened. Files a fuzzer finds go here too.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use advocate_core::data::PersonData;
use advocate_core::import::{ImportOptions, import_files};
use advocate_core::{MapData, MapFile};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/hostile")
}

#[test]
fn every_hostile_file_gets_its_exact_message_and_changes_nothing() {
    let expected = fs::read_to_string(corpus().join("expected.tsv")).unwrap();
    let mut listed = Vec::new();
    for line in expected
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (name, message) = line.split_once('\t').unwrap();
        listed.push(name.to_string());
        let path = corpus().join(name);
        let before = fs::read(&path).unwrap();
        let got = if name.ends_with(".advocate") {
            MapFile::open(&path).err().map(|e| e.to_string())
        } else {
            let dir = tempfile::tempdir().unwrap();
            let mut file = MapFile::create(&dir.path().join("m.advocate"), "Target").unwrap();
            for who in ["Ann", "Bob"] {
                file.add_person(&PersonData {
                    name: who.into(),
                    ..PersonData::default()
                })
                .unwrap();
            }
            let map_before = MapData::from_map(file.map());
            let result = import_files(
                &mut file,
                std::slice::from_ref(&path),
                &ImportOptions::default(),
            );
            assert_eq!(
                MapData::from_map(file.map()),
                map_before,
                "{name} changed the map"
            );
            assert_eq!(
                file.undo().unwrap().as_deref(),
                Some("Add Bob"),
                "{name} left an undo step"
            );
            result.err().map(|e| e.to_string())
        };
        // The schema version this build writes grows with each migration.
        let want = message
            .replace("{path}", &path.display().to_string())
            .replace(
                "{schema_version}",
                &advocate_core::store::SCHEMA_VERSION.to_string(),
            );
        assert_eq!(got.as_deref(), Some(want.as_str()), "{name}");
        assert_eq!(fs::read(&path).unwrap(), before, "{name} was changed");
    }
    // Every file of the corpus has its expected message.
    for entry in fs::read_dir(corpus()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name != "expected.tsv" && !name.ends_with("-shm") && !name.ends_with("-wal") {
            assert!(listed.contains(&name), "{name} has no line in expected.tsv");
        }
    }
}
