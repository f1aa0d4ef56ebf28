//! What working together costs: merging a colleague's 10 000 edits into a 10 000-person map,
//! and what the changeset log adds to one edit's time and to the file after 10 000 edits. The
//! maps are built once per run in a temporary folder; the file sizes are printed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

/// The allocator the `advocate` command and the desktop app use, so the figures are theirs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use advocate_core::generate::generate;
use advocate_core::model::{PersonId, Stance};
use advocate_core::store::{MapFile, MergeMode, PersonPatch, Prefer};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

const PEOPLE: usize = 10_000;
const EDITS: usize = 10_000;

/// The i-th of the edits a colleague makes: a stance, a title or a note of someone.
fn patch(i: usize) -> PersonPatch {
    let stances = [
        Stance::Champion,
        Stance::Supporter,
        Stance::Neutral,
        Stance::Sceptic,
        Stance::Blocker,
    ];
    match i % 3 {
        0 => PersonPatch {
            stance: Some(stances[i % 5]),
            ..PersonPatch::default()
        },
        1 => PersonPatch {
            title: Some(format!("Title {i}")),
            ..PersonPatch::default()
        },
        _ => PersonPatch {
            notes: Some(format!(
                "Met on day {i}: keen on the pilot, wants numbers first."
            )),
            ..PersonPatch::default()
        },
    }
}

/// The same 10 000 edits made one by one on two copies, one storing its changesets and one not,
/// taken in turns so that both meet the same minutes of a noisy machine.
fn make_edits(logged: &mut MapFile, plain: &mut MapFile, people: &[PersonId]) {
    let mut took = [Duration::ZERO; 2];
    let mut each: [Vec<Duration>; 2] = [Vec::new(), Vec::new()];
    for i in 0..EDITS {
        let who = people[(i * 7919) % people.len()];
        for (file, sum) in [(&mut *logged, 0), (&mut *plain, 1)] {
            let start = Instant::now();
            file.edit_person(who, &patch(i)).unwrap();
            let t = start.elapsed();
            took[sum] += t;
            each[sum].push(t);
        }
    }
    eprintln!(
        "{EDITS} edits one by one, in turns: {:?} with the changeset log, {:?} without ({:+.1}%)",
        took[0],
        took[1],
        (took[0].as_secs_f64() / took[1].as_secs_f64() - 1.0) * 100.0
    );
    let [with, without] = each.map(median);
    compare("the same edits' medians", with, without);
}

/// The file's size once its write-ahead log is folded in.
fn size(file: &MapFile) -> u64 {
    file.connection()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    std::fs::metadata(file.path()).unwrap().len()
}

fn collab(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine.advocate");
    {
        let mut file = MapFile::create(&mine, "10k").unwrap();
        file.merge(&generate(PEOPLE, 1), MergeMode::AllOrNothing, "Generate")
            .unwrap();
    }
    let copy = |name: &str| -> MapFile {
        let path = dir.path().join(name);
        std::fs::copy(&mine, &path).unwrap();
        MapFile::open(&path).unwrap()
    };
    let mut theirs = copy("theirs.advocate");
    let mut plain = copy("plain.advocate");
    plain.set_logging(false);
    let people: Vec<PersonId> = theirs.map().people().map(|p| p.id).collect();
    let base = size(&theirs);
    make_edits(&mut theirs, &mut plain, &people);
    let (logged, unlogged) = (size(&theirs), size(&plain));
    eprintln!(
        "file after {EDITS} edits: {logged} bytes with the changeset log, {unlogged} without ({:+.1}%; {base} before the edits)",
        (logged as f64 / unlogged as f64 - 1.0) * 100.0
    );
    let theirs_path = theirs.path().to_path_buf();
    drop(theirs);

    let mut group = c.benchmark_group("merge_10k");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    let mut round = 0;
    group.bench_function("merge_10000_edits", |b| {
        b.iter_batched(
            || {
                round += 1;
                let path = dir.path().join(format!("round-{round}.advocate"));
                std::fs::copy(&mine, &path).unwrap();
                MapFile::open(&path).unwrap()
            },
            |mut file| {
                let report = file
                    .merge_file(&theirs_path, None, Some(Prefer::Theirs))
                    .unwrap();
                assert!(report.edits > EDITS / 2, "{report:?}");
                let path = file.path().to_path_buf();
                drop(file);
                remove(&path);
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();

    // One edit with and without its changeset stored, like for like: each sample times one
    // kind of edit, and every timed edit follows an untimed one of the other kind on the same
    // file, so both kinds meet the same file, the same growth and the same minutes of a noisy
    // machine (run one after the other, a busy spell would fall on one of them only).
    let mut group = c.benchmark_group("edit_10k");
    group.sample_size(30);
    let mut file = copy("edit.advocate");
    let who = people[PEOPLE / 2];
    let mut i = 0;
    // Every timed edit of each kind, warm-up included, for the medians printed at the end.
    let mut each: [Vec<Duration>; 2] = [Vec::new(), Vec::new()];
    for (name, logged) in [("logged", true), ("unlogged", false)] {
        let times = &mut each[usize::from(!logged)];
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut timed = Duration::ZERO;
                for _ in 0..iters {
                    i += 1;
                    file.set_logging(!logged);
                    file.edit_person(who, &patch(i)).unwrap();
                    i += 1;
                    file.set_logging(logged);
                    let start = Instant::now();
                    file.edit_person(who, &patch(i)).unwrap();
                    let took = start.elapsed();
                    timed += took;
                    times.push(took);
                    black_box(&file);
                }
                timed
            })
        });
    }
    group.finish();
    let [logged, unlogged] = each.map(median);
    compare("one edit, median of every timed edit", logged, unlogged);
}

/// Prints two medians (in seconds), with and without the changeset log, and how much more the
/// first is.
fn compare(what: &str, with: f64, without: f64) {
    eprintln!(
        "{what}: {:.0} µs with the changeset log, {:.0} µs without ({:+.1}%)",
        with * 1e6,
        without * 1e6,
        (with / without - 1.0) * 100.0
    );
}

/// The median of some durations, in seconds.
fn median(mut times: Vec<Duration>) -> f64 {
    times.sort_unstable();
    times
        .get(times.len() / 2)
        .map_or(f64::NAN, Duration::as_secs_f64)
}

fn remove(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

criterion_group!(benches, collab);
criterion_main!(benches);
