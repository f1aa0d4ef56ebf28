//! The worker of the crash-safety tests (`tests/crash.rs`), which run their own test binary again
//! as this worker: it edits a map file and reports a line (after [`REPORTED`]) once each change is
//! committed, so a test can kill it (kill -9) at any moment and check that every change it
//! reported is in the file and that the file is sound.
//!
//! `edits MAP PREFIX` adds people PREFIX-0, PREFIX-1, … and reports each key;
//! `merge MAP THEIRS` and `sync MAP FOLDER` report `started`, merge (or sync, deciding for
//! theirs) and report `done`;
//! `import MAP PREFIX N` merges N people and 3N ties in one transaction, reports `started` then
//! `imported`; `save-as MAP DIR` writes copies DIR/copy-0.advocate, … and reports each.
//!
//! The harness's side is here too: [`start`] runs the worker, [`kill`] kills it and gives what it
//! reported before, [`rounds`] how many rounds a test runs.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use advocate_core::data::{PersonData, TieData};
use advocate_core::{MapData, MapFile, MergeMode};

/// What starts each line the worker reports, so the test harness's own lines are told apart.
pub const REPORTED: &str = "reported: ";

/// How many rounds of each kind a crash test runs: `ADVOCATE_CRASH_ROUNDS`, else `default`.
pub fn rounds(default: usize) -> usize {
    std::env::var("ADVOCATE_CRASH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(default)
}

/// Starts the worker (this test binary again, running its `crash_worker_process` test with the
/// worker's arguments in `ADVOCATE_CRASH_WORKER`, one a line) and collects the lines it
/// reports, until it is killed.
pub fn start(args: &[&str]) -> (Child, mpsc::Receiver<String>) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "crash_worker_process",
            "--exact",
            "--ignored",
            "--nocapture",
            "-q",
        ])
        .env("ADVOCATE_CRASH_WORKER", args.join("\n"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            // The harness prints lines of its own; the worker's start with REPORTED.
            let Some((_, line)) = line.split_once(REPORTED) else {
                continue;
            };
            if tx.send(line.to_string()).is_err() {
                break;
            }
        }
    });
    (child, rx)
}

/// Kills the worker (SIGKILL on Unix) and gives the lines it reported before.
pub fn kill(mut child: Child, rx: &mpsc::Receiver<String>) -> Vec<String> {
    child.kill().unwrap();
    child.wait().unwrap();
    // Only lines printed before the kill count as reported.
    std::thread::sleep(Duration::from_millis(20));
    rx.try_iter().collect()
}

/// The worker's side, run by the `crash_worker_process` test of each crash test binary.
pub fn worker_main() {
    let args = std::env::var("ADVOCATE_CRASH_WORKER").expect("started by a crash test");
    let args: Vec<String> = args.lines().map(str::to_string).collect();
    run(&args).unwrap();
}

/// Runs the worker with `args` (mode, map, …); only returns on an error or when an import is done.
pub fn run(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let (mode, map) = (args[0].as_str(), Path::new(&args[1]));
    let mut file = MapFile::open(map)?;
    let mut out = std::io::stdout();
    match mode {
        "edits" => {
            for i in 0.. {
                let key = format!("{}-{i}", args[2]);
                file.add_person(&PersonData {
                    id: Some(key.clone()),
                    name: format!("Soak person {i}"),
                    department: Some(format!("Team {}", i % 7)),
                    ..PersonData::default()
                })?;
                writeln!(out, "{REPORTED}{key}")?;
                out.flush()?;
            }
        }
        "import" => {
            let n: usize = args[3].parse()?;
            let prefix = &args[2];
            let people = (0..n)
                .map(|i| PersonData {
                    id: Some(format!("{prefix}-{i}")),
                    name: format!("Imported {i}"),
                    department: Some(format!("Division {}", i % 13)),
                    notes: Some("x".repeat(200)),
                    ..PersonData::default()
                })
                .collect();
            let ties = (0..n)
                .flat_map(|i| {
                    (1..=3).map(move |d| TieData {
                        from: format!("{prefix}-{i}"),
                        to: format!("{prefix}-{}", (i + d * 7) % n),
                        kind: "peer".into(),
                        ..TieData::default()
                    })
                })
                .collect();
            let data = MapData {
                people,
                ties,
                ..MapData::default()
            };
            writeln!(out, "{REPORTED}started")?;
            out.flush()?;
            file.merge(&data, MergeMode::AllOrNothing, "Import")?;
            writeln!(out, "{REPORTED}imported")?;
            out.flush()?;
        }
        "save-as" => {
            let dir = Path::new(&args[2]);
            for i in 0.. {
                let target = dir.join(format!("copy-{i}.advocate"));
                file.write_copy(&target)?;
                writeln!(out, "{REPORTED}{}", target.display())?;
                out.flush()?;
            }
        }
        "merge" | "sync" => {
            let prefer = Some(advocate_core::store::Prefer::Theirs);
            writeln!(out, "{REPORTED}started")?;
            out.flush()?;
            if mode == "merge" {
                file.merge_file(Path::new(&args[2]), None, prefer)?;
            } else {
                file.sync(Path::new(&args[2]), prefer)?;
            }
            writeln!(out, "{REPORTED}done")?;
            out.flush()?;
        }
        other => return Err(format!("unknown mode {other}").into()),
    }
    Ok(())
}
