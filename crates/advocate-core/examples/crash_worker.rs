//! A worker for the crash-safety tests: it edits a map file and prints a line after each change
//! is committed, so a test can kill it (kill -9) at any moment and check that every change it
//! reported is in the file and that the file is sound.
//!
//! `crash_worker edits MAP PREFIX` adds people PREFIX-0, PREFIX-1, … and prints each key;
//! `crash_worker import MAP PREFIX N` merges N people and 3N ties in one transaction, prints
//! `imported`; `crash_worker save-as MAP DIR` writes copies DIR/copy-0.advocate, … and prints each.

use std::io::Write;
use std::path::Path;

use advocate_core::data::{PersonData, TieData};
use advocate_core::{MapData, MapFile, MergeMode};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (mode, map) = (args[1].as_str(), Path::new(&args[2]));
    let mut file = MapFile::open(map)?;
    let mut out = std::io::stdout();
    match mode {
        "edits" => {
            for i in 0.. {
                let key = format!("{}-{i}", args[3]);
                file.add_person(&PersonData {
                    id: Some(key.clone()),
                    name: format!("Soak person {i}"),
                    department: Some(format!("Team {}", i % 7)),
                    ..PersonData::default()
                })?;
                writeln!(out, "{key}")?;
                out.flush()?;
            }
        }
        "import" => {
            let n: usize = args[4].parse()?;
            let prefix = &args[3];
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
            writeln!(out, "started")?;
            out.flush()?;
            file.merge(&data, MergeMode::AllOrNothing, "Import")?;
            writeln!(out, "imported")?;
            out.flush()?;
        }
        "save-as" => {
            let dir = Path::new(&args[3]);
            for i in 0.. {
                let target = dir.join(format!("copy-{i}.advocate"));
                file.write_copy(&target)?;
                writeln!(out, "{}", target.display())?;
                out.flush()?;
            }
        }
        other => return Err(format!("unknown mode {other}").into()),
    }
    Ok(())
}
