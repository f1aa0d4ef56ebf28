//! How long importing an HR org chart of 100,000 people takes: reading the CSV, merging the
//! records into a fresh map file, and both (the import target is two seconds in all).

#![allow(clippy::unwrap_used, clippy::expect_used)]

/// The allocator the `advocate` command and the desktop app use, so the figures are theirs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fmt::Write;
use std::path::{Path, PathBuf};

use advocate_core::import::{ImportOptions, import_files, read_files};
use advocate_core::store::{MapFile, MergeMode};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

const EMPLOYEES: usize = 100_000;

/// An org chart where everyone but the CEO has one of the earlier employees as manager, eight
/// reports each, spread over 60 departments.
fn org_chart(dir: &Path) -> PathBuf {
    let mut text = String::from("employee_id,name,title,department,manager_id\n");
    for i in 0..EMPLOYEES {
        let manager = if i == 0 {
            String::new()
        } else {
            format!("e{}", (i - 1) / 8)
        };
        writeln!(
            text,
            "e{i},Employee {i},Title {},Department {},{manager}",
            i % 40,
            i % 60
        )
        .unwrap();
    }
    let path = dir.join("org.csv");
    std::fs::write(&path, text).unwrap();
    path
}

fn fresh_map(dir: &Path, n: &mut usize) -> MapFile {
    *n += 1;
    let path = dir.join(format!("m{n}.advocate"));
    MapFile::create(&path, "Bench").unwrap()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let files = vec![org_chart(dir.path())];
    let options = ImportOptions::default();
    let mut group = c.benchmark_group("org chart 100k");
    group.sample_size(10);
    group.bench_function("read", |b| b.iter(|| read_files(&files, &options).unwrap()));
    let parsed = read_files(&files, &options).unwrap();
    assert_eq!(parsed.data.people.len(), EMPLOYEES);
    let mut n = 0;
    group.bench_function("merge", |b| {
        b.iter_batched(
            || fresh_map(dir.path(), &mut n),
            |mut file| {
                file.merge(&parsed.data, MergeMode::AllOrNothing, "Import")
                    .unwrap();
                file
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("read and merge", |b| {
        b.iter_batched(
            || fresh_map(dir.path(), &mut n),
            |mut file| {
                let report = import_files(&mut file, &files, &options).unwrap();
                assert_eq!(report.people.added, EMPLOYEES);
                assert_eq!(report.ties.added, EMPLOYEES - 1);
                file
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
