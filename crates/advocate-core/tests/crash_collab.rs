//! Crash safety of working together: a process merging a copy, or syncing through a shared
//! folder, is killed (SIGKILL) at random moments; after each kill the map opens, its
//! `integrity_check` is ok, and it holds either none of the other copy's edits or all of them
//! (all when the process reported done); the folder holds no half-written file under a final
//! name, and the next sync brings everything in without a warning.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::Duration;

use advocate_core::data::{PersonData, TieData};
use advocate_core::store::Prefer;
use advocate_core::{MapData, MapFile, MergeMode};
use rand::{RngExt, SeedableRng};

#[path = "support/crash_worker.rs"]
mod crash_worker;
use crash_worker::{kill, rounds, start};

/// Not a test: the worker process the crash tests start and kill.
#[test]
#[ignore = "the crash tests' worker process; the tests start it themselves"]
fn crash_worker_process() {
    crash_worker::worker_main();
}

const N: usize = 3000;

/// A map, and a copy of it that imported N people with ties and made 100 edits one by one.
fn map_and_busy_copy(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let mine = dir.join("mine.advocate");
    let mut file = MapFile::create(&mine, "Soak").unwrap();
    file.add_person(&PersonData {
        id: Some("here".into()),
        name: "Already here".into(),
        ..PersonData::default()
    })
    .unwrap();
    let theirs = dir.join("theirs.advocate");
    file.write_copy(&theirs).unwrap();
    drop(file);
    let mut copy = MapFile::open(&theirs).unwrap();
    let people = (0..N)
        .map(|i| PersonData {
            id: Some(format!("t-{i}")),
            name: format!("Theirs {i}"),
            department: Some(format!("Division {}", i % 13)),
            ..PersonData::default()
        })
        .collect();
    let ties = (0..N)
        .map(|i| TieData {
            from: format!("t-{i}"),
            to: format!("t-{}", (i + 7) % N),
            kind: "peer".into(),
            ..TieData::default()
        })
        .collect();
    let data = MapData {
        people,
        ties,
        ..MapData::default()
    };
    copy.merge(&data, MergeMode::AllOrNothing, "Import")
        .unwrap();
    for i in 0..100 {
        copy.add_person(&PersonData {
            id: Some(format!("one-{i}")),
            name: format!("One by one {i}"),
            ..PersonData::default()
        })
        .unwrap();
    }
    (mine, theirs)
}

/// How many of the copy's people the map holds: none or all, checked.
fn theirs_in(path: &Path, round: usize) -> usize {
    let file = MapFile::open(path).unwrap();
    assert_eq!(file.integrity_check().unwrap(), "ok");
    assert!(file.map().person_by_key("here").is_some());
    let present = (0..N)
        .filter(|i| file.map().person_by_key(&format!("t-{i}")).is_some())
        .count()
        + (0..100)
            .filter(|i| file.map().person_by_key(&format!("one-{i}")).is_some())
            .count();
    assert!(
        present == 0 || present == N + 100,
        "round {round}: {present} of {} of their people",
        N + 100
    );
    present
}

#[test]
fn killed_during_a_merge_leaves_the_map_before_or_after() {
    let dir = tempfile::tempdir().unwrap();
    let (mine, theirs) = map_and_busy_copy(dir.path());
    let mut rng = rand_pcg::Pcg64::seed_from_u64(17);
    let (mut after, mut before) = (0, 0);
    for round in 0..rounds(4) {
        let path = dir.path().join(format!("m{round}.advocate"));
        std::fs::copy(&mine, &path).unwrap();
        let (child, rx) = start(&["merge", path.to_str().unwrap(), theirs.to_str().unwrap()]);
        assert_eq!(
            rx.recv_timeout(Duration::from_secs(120)).unwrap(),
            "started"
        );
        std::thread::sleep(Duration::from_millis(rng.random_range(0..1200)));
        let reported = kill(child, &rx);
        let present = theirs_in(&path, round);
        if reported.iter().any(|l| l == "done") {
            assert!(present > 0, "round {round}: reported merged but absent");
        }
        if present > 0 {
            after += 1;
        } else {
            before += 1;
            // Merging again after the crash brings everything.
            let mut file = MapFile::open(&path).unwrap();
            file.merge_file(&theirs, None, Some(Prefer::Theirs))
                .unwrap();
            drop(file);
            assert!(theirs_in(&path, round) > 0);
        }
    }
    eprintln!("merges wholly there: {after}, wholly absent: {before}");
}

#[test]
fn killed_during_a_sync_leaves_the_map_before_or_after_and_the_folder_readable() {
    let dir = tempfile::tempdir().unwrap();
    let (mine, theirs) = map_and_busy_copy(dir.path());
    let folder = dir.path().join("shared");
    std::fs::create_dir(&folder).unwrap();
    MapFile::open(&theirs).unwrap().sync(&folder, None).unwrap();
    let mut rng = rand_pcg::Pcg64::seed_from_u64(19);
    for round in 0..rounds(4) {
        let path = dir.path().join(format!("s{round}.advocate"));
        std::fs::copy(&mine, &path).unwrap();
        let (child, rx) = start(&["sync", path.to_str().unwrap(), folder.to_str().unwrap()]);
        assert_eq!(
            rx.recv_timeout(Duration::from_secs(120)).unwrap(),
            "started"
        );
        std::thread::sleep(Duration::from_millis(rng.random_range(0..1500)));
        let reported = kill(child, &rx);
        let present = theirs_in(&path, round);
        if reported.iter().any(|l| l == "done") {
            assert!(present > 0, "round {round}: reported synced but absent");
        }
        // Whatever was cut off, the next sync reads every file whole and brings everything.
        let mut file = MapFile::open(&path).unwrap();
        let report = file.sync(&folder, Some(Prefer::Theirs)).unwrap();
        assert!(report.warnings.is_empty(), "round {round}: {report:#?}");
        drop(file);
        assert!(theirs_in(&path, round) > 0);
    }
}
