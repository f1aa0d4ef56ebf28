//! A map on removable storage that disappears mid-edit: the map is kept on a FUSE mount
//! (bindfs over a folder standing for the drive's contents), edits run, and the mount's process
//! is killed while they do, as a pulled USB stick or a dropped network share vanishes. The
//! editing gets a clear error, never a crash; and the map left on the "drive" opens, passes
//! `integrity_check` and holds every edit that was reported done.
//!
//! Needs `bindfs` and `/dev/fuse` (scripts/test-all installs them and sets
//! `ADVOCATE_REQUIRE_FUSE=1`, so there it fails rather than skips when they are missing).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use advocate_core::MapFile;
use advocate_core::data::PersonData;

fn person(i: usize) -> PersonData {
    PersonData {
        id: Some(format!("p{i}")),
        name: format!("Person {i}"),
        notes: Some("x".repeat(200 + i % 50)),
        ..PersonData::default()
    }
}

fn is_mounted(mount: &Path) -> bool {
    match (
        std::fs::metadata(mount),
        mount.parent().map(std::fs::metadata),
    ) {
        (Ok(m), Some(Ok(p))) => m.dev() != p.dev(),
        _ => false,
    }
}

/// Mounts `drive` at `mount` with bindfs in the foreground (so killing the child pulls the
/// drive), or says why it cannot.
fn mount(drive: &Path, mount: &Path) -> Result<Child, String> {
    if !Path::new("/dev/fuse").exists() {
        return Err("no /dev/fuse".into());
    }
    let mut child = Command::new("bindfs")
        .arg("-f")
        .arg(drive)
        .arg(mount)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("bindfs: {e}"))?;
    let start = Instant::now();
    while !is_mounted(mount) {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("bindfs exited: {status}"));
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            return Err("bindfs did not mount within 10 s".into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(child)
}

fn unmount(mount: &Path) {
    let _ = Command::new("fusermount")
        .arg("-uz")
        .arg(mount)
        .stderr(Stdio::null())
        .status();
}

#[test]
fn a_drive_pulled_mid_edit_leaves_the_last_committed_state() {
    let dir = tempfile::tempdir().unwrap();
    let drive = dir.path().join("drive");
    let at = dir.path().join("mnt");
    std::fs::create_dir_all(&drive).unwrap();
    std::fs::create_dir_all(&at).unwrap();
    let mut bindfs = match mount(&drive, &at) {
        Ok(child) => child,
        Err(why) if std::env::var_os("ADVOCATE_REQUIRE_FUSE").is_none() => {
            eprintln!("skipped: cannot mount a FUSE drive here ({why})");
            return;
        }
        Err(why) => panic!("cannot mount a FUSE drive: {why}"),
    };
    for round in 0..3 {
        let name = format!("map{round}.advocate");
        let mut file = MapFile::create(&at.join(&name), "On a stick").unwrap();
        for i in 0..20 {
            file.add_person(&person(i)).unwrap();
        }
        // Edits go on in a thread while the drive is pulled after a moment.
        let done: Arc<Mutex<Vec<usize>>> = Arc::default();
        let editing = {
            let done = done.clone();
            std::thread::spawn(move || {
                for i in 20.. {
                    match file.add_person(&person(i)) {
                        Ok(_) => done.lock().unwrap().push(i),
                        Err(e) => {
                            // Once pulled, every further edit fails the same clear way.
                            let again = file.add_person(&person(i + 1_000_000)).unwrap_err();
                            return (e.to_string(), again.to_string());
                        }
                    }
                }
                unreachable!()
            })
        };
        std::thread::sleep(Duration::from_millis(150 + 100 * round));
        bindfs.kill().unwrap();
        let _ = bindfs.wait();
        let (first, again) = editing.join().expect("editing must fail, not crash");
        for message in [&first, &again] {
            assert!(
                message.contains("could not be read or written")
                    || message.contains("could not be opened"),
                "unclear message: {message}"
            );
        }
        unmount(&at);
        // The drive, plugged in again.
        let reopened = MapFile::open(&drive.join(&name)).unwrap();
        assert_eq!(reopened.integrity_check().unwrap(), "ok");
        let map = reopened.map();
        let done = done.lock().unwrap();
        assert!(
            !done.is_empty(),
            "some edits ran before the drive was pulled"
        );
        eprintln!(
            "round {round}: {} edits done before the drive was pulled, then: {first}",
            done.len()
        );
        for i in (0..20).chain(done.iter().copied()) {
            assert!(
                map.person_by_key(&format!("p{i}")).is_some(),
                "round {round}: edit {i} was reported done but is lost"
            );
        }
        assert!(map.person_by_key("p1000000").is_none());
        drop(reopened);
        if round < 2 {
            bindfs = mount(&drive, &at).unwrap();
        }
    }
}
