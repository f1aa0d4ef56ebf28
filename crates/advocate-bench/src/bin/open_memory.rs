//! Opens a map file and reports how long it took and the process's memory (VmHWM, the peak
//! resident set, and VmRSS) from /proc/self/status, so the memory of an open map can be checked.
//!
//! `cargo run --release -p advocate-bench --bin open_memory -- MAP` opens MAP;
//! `cargo run --release -p advocate-bench --bin open_memory -- --create MAP [PEOPLE]` first writes a generated
//! map of PEOPLE people (100 000 by default) to MAP, in a process of its own so the generation
//! does not count towards the peak.

/// The allocator the `advocate` command and the desktop app use, so the figures are theirs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use advocate_core::generate::generate;
use advocate_core::model::Stance;
use advocate_core::store::{MapFile, MergeMode, PersonPatch};

fn memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(", ")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [flag, path, rest @ ..] if flag == "--create" => {
            let people = rest.first().and_then(|n| n.parse().ok()).unwrap_or(100_000);
            create(Path::new(path), people)
        }
        [path] => open(Path::new(path)),
        _ => Err("usage: open_memory MAP | open_memory --create MAP [PEOPLE]".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn create(path: &Path, people: usize) -> Result<(), String> {
    let start = Instant::now();
    let data = generate(people, 1);
    println!("generate({people}, 1): {:?}", start.elapsed());
    let mut file = MapFile::create(path, "Generated").map_err(|e| e.to_string())?;
    let start = Instant::now();
    let report = file
        .merge(&data, MergeMode::AllOrNothing, "Generate")
        .map_err(|e| e.to_string())?;
    println!(
        "merge: {:?} ({} people, {} ties)",
        start.elapsed(),
        report.people.added,
        report.ties.added
    );
    Ok(())
}

fn open(path: &Path) -> Result<(), String> {
    println!("before open: {}", memory());
    let start = Instant::now();
    let file = MapFile::open(path).map_err(|e| e.to_string())?;
    let took = start.elapsed();
    let (people, departments, ties) = file.map().counts();
    println!("open: {took:?} ({people} people, {departments} departments, {ties} ties)");
    println!("with the map open: {}", memory());
    if std::env::var_os("ADVOCATE_EDITS").is_some() {
        edits(file)?;
    }
    Ok(())
}

/// With ADVOCATE_EDITS set: times twenty single edits (a person's stance, back and forth).
fn edits(mut file: MapFile) -> Result<(), String> {
    let Some(person) = file
        .map()
        .people()
        .nth(file.map().people().len() / 2)
        .map(|p| p.id)
    else {
        return Ok(());
    };
    let mut times = Vec::new();
    for i in 0..20 {
        let stance = if i % 2 == 0 {
            Stance::Champion
        } else {
            Stance::Sceptic
        };
        let start = Instant::now();
        file.edit_person(
            person,
            &PersonPatch {
                stance: Some(stance),
                ..PersonPatch::default()
            },
        )
        .map_err(|e| e.to_string())?;
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "one edit: median {:?}, fastest {:?}",
        times[times.len() / 2],
        times[0]
    );
    Ok(())
}
