//! Crash safety: a process editing a map is killed (SIGKILL) at random moments during bursts of
//! edits, a large import and Save As; after each kill the file opens, `integrity_check` is ok,
//! every edit the process reported done is there, and an import is wholly there or wholly absent.
//! `ADVOCATE_CRASH_ROUNDS` sets the rounds of each kind (`scripts/crash-soak` runs 70 of each).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use advocate_core::MapFile;
use rand::{RngExt, SeedableRng};

#[path = "support/crash_worker.rs"]
mod crash_worker;
use crash_worker::{kill, rounds, start};

/// Not a test: the worker process the crash tests start (this test binary again, with the
/// worker's arguments in `ADVOCATE_CRASH_WORKER`, one a line) and kill.
#[test]
#[ignore = "the crash tests' worker process; the tests start it themselves"]
fn crash_worker_process() {
    crash_worker::worker_main();
}

fn check_sound(path: &Path) -> MapFile {
    let file = MapFile::open(path).unwrap();
    assert_eq!(file.integrity_check().unwrap(), "ok");
    file
}

#[test]
fn killed_during_bursts_of_edits_loses_nothing_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    drop(MapFile::create(&path, "Soak").unwrap());
    let mut rng = rand_pcg::Pcg64::seed_from_u64(7);
    let mut reported_all = Vec::new();
    for round in 0..rounds(8) {
        let prefix = format!("r{round}");
        let (child, rx) = start(&["edits", path.to_str().unwrap(), &prefix]);
        std::thread::sleep(Duration::from_millis(rng.random_range(30..400)));
        reported_all.extend(kill(child, &rx));
        let file = check_sound(&path);
        for key in &reported_all {
            assert!(
                file.map().person_by_key(key).is_some(),
                "round {round}: {key} was reported done but is missing"
            );
        }
    }
    assert!(
        !reported_all.is_empty(),
        "the worker never got an edit done"
    );
}

#[test]
fn killed_during_a_large_import_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = rand_pcg::Pcg64::seed_from_u64(11);
    let n = 20_000;
    let (mut wholly, mut absent) = (0, 0);
    for round in 0..rounds(8) {
        // Each round imports into a map of its own, so the rounds stay alike in size.
        let path = dir.path().join(format!("m{round}.advocate"));
        let mut file = MapFile::create(&path, "Soak").unwrap();
        file.add_person(&advocate_core::data::PersonData {
            name: "Already here".into(),
            ..Default::default()
        })
        .unwrap();
        drop(file);
        let prefix = format!("i{round}");
        let (child, rx) = start(&["import", path.to_str().unwrap(), &prefix, &n.to_string()]);
        // Wait until it has started, then kill it somewhere in the import.
        assert_eq!(
            rx.recv_timeout(Duration::from_secs(120)).unwrap(),
            "started"
        );
        std::thread::sleep(Duration::from_millis(rng.random_range(0..1500)));
        let reported = kill(child, &rx);
        let file = check_sound(&path);
        assert!(file.map().find_person("Already here").is_ok());
        let present = (0..n)
            .filter(|i| file.map().person_by_key(&format!("{prefix}-{i}")).is_some())
            .count();
        assert!(
            present == 0 || present == n,
            "round {round}: {present} of {n} people imported"
        );
        if reported.iter().any(|l| l == "imported") {
            assert_eq!(present, n, "round {round}: reported imported but absent");
        }
        if present == n {
            wholly += 1
        } else {
            absent += 1
        }
        drop(file);
        let _ = std::fs::remove_file(&path);
    }
    eprintln!("imports wholly there: {wholly}, wholly absent: {absent}");
}

#[test]
fn killed_during_save_as_leaves_every_reported_copy_sound() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    let mut file = MapFile::create(&path, "Soak").unwrap();
    for i in 0..300 {
        file.add_person(&advocate_core::data::PersonData {
            name: format!("P{i}"),
            ..Default::default()
        })
        .unwrap();
    }
    drop(file);
    let mut rng = rand_pcg::Pcg64::seed_from_u64(13);
    for round in 0..rounds(8) {
        let copies = dir.path().join(format!("copies-{round}"));
        std::fs::create_dir(&copies).unwrap();
        let (child, rx) = start(&["save-as", path.to_str().unwrap(), copies.to_str().unwrap()]);
        std::thread::sleep(Duration::from_millis(rng.random_range(20..300)));
        for copy in kill(child, &rx) {
            let file = check_sound(Path::new(&copy));
            assert_eq!(file.map().counts().0, 300, "{copy}");
        }
        // A copy cut off mid-write is never left under the target's name.
        for entry in std::fs::read_dir(&copies).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".advocate") {
                check_sound(&copies.join(&name));
            }
        }
        check_sound(&path);
    }
}

/// A full disk: the edit fails with a message saying so, and the map keeps every saved change.
/// It needs a small disk of its own, a tmpfs that only root can mount (CI runs as root).
#[test]
fn a_full_disk_gets_a_clear_message_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=700k", "tmpfs"])
        .arg(dir.path())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: mounting a small tmpfs needs root");
        return;
    }
    let result = std::panic::catch_unwind(|| {
        let path = dir.path().join("m.advocate");
        let mut file = MapFile::create(&path, "Full").unwrap();
        file.merge(
            &advocate_core::demo::demo(),
            advocate_core::MergeMode::AllOrNothing,
            "Demo",
        )
        .unwrap();
        let before = advocate_core::MapData::from_map(file.map());
        // Fill the disk to the last byte.
        let filler = dir.path().join("filler");
        let mut f = std::fs::File::create(&filler).unwrap();
        let block = vec![0u8; 4096];
        while std::io::Write::write_all(&mut f, &block).is_ok() {}
        drop(f);
        let mut failures = 0;
        for i in 0..50 {
            let added = file.add_person(&advocate_core::data::PersonData {
                name: format!("Overflow {i} {}", "x".repeat(150)),
                notes: Some("n".repeat(20_000)),
                ..Default::default()
            });
            if let Err(e) = added {
                let e = e.to_string();
                assert!(
                    e.contains("disk is full") || e.contains("could not be read or written"),
                    "{e}"
                );
                failures += 1;
            }
        }
        assert!(failures > 0, "the disk never filled up");
        let saved = advocate_core::MapData::from_map(file.map());
        drop(file);
        std::fs::remove_file(&filler).unwrap();
        let file = MapFile::open(&path).unwrap();
        assert_eq!(file.integrity_check().unwrap(), "ok");
        assert_eq!(
            advocate_core::MapData::from_map(file.map()),
            saved,
            "what was saved is there"
        );
        assert!(saved.people.len() >= before.people.len());
    });
    let _ = Command::new("umount").arg(dir.path()).status();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}
