//! How the map file performs at the scale of a large organisation: opening a 100 000-person map,
//! committing one edit on it, and generating it. The map is built once per run in a temporary
//! folder; how long that merge takes is printed, as it is too slow to sample.

#![allow(clippy::unwrap_used, clippy::expect_used)]

/// The allocator the `advocate` command and the desktop app use, so the figures are theirs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::{Duration, Instant};

use advocate_core::generate::generate;
use advocate_core::model::Stance;
use advocate_core::store::{MapFile, MergeMode, PersonPatch};
use criterion::{Criterion, criterion_group, criterion_main};

const PEOPLE: usize = 100_000;

fn store(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("100k.advocate");
    {
        let data = generate(PEOPLE, 1);
        let mut file = MapFile::create(&path, "100k").unwrap();
        let start = Instant::now();
        file.merge(&data, MergeMode::AllOrNothing, "Generate")
            .unwrap();
        eprintln!(
            "merge of generate({PEOPLE}, 1) into a new map: {:?} ({} ties)",
            start.elapsed(),
            data.ties.len()
        );
    }

    let mut group = c.benchmark_group("generate_100k");
    group.sample_size(10);
    group.bench_function("generate", |b| b.iter(|| black_box(generate(PEOPLE, 1))));
    group.finish();

    let mut group = c.benchmark_group("open_100k");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("open", |b| {
        b.iter(|| black_box(MapFile::open(&path).unwrap()))
    });
    group.finish();

    let mut file = MapFile::open(&path).unwrap();
    let person = file.map().find_person("e050000").unwrap().id;
    let mut flip = false;
    let mut group = c.benchmark_group("edit_100k");
    group.sample_size(20);
    group.bench_function("set_stance", |b| {
        b.iter(|| {
            flip = !flip;
            let stance = if flip {
                Stance::Champion
            } else {
                Stance::Sceptic
            };
            file.edit_person(
                person,
                &PersonPatch {
                    stance: Some(stance),
                    ..PersonPatch::default()
                },
            )
            .unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, store);
criterion_main!(benches);
