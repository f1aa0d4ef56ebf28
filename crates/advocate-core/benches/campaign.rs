//! Benchmarks of the campaign on a generated organisation of 10k people (the core's `generate`,
//! seed 42: about four ties out each, its home team and goal audience): next steps as `advocate next` computes them (the board of 5, then every rule) with
//! 200 targets set and 20k log entries; and the stance counts by month of everyone, the
//! audience and the board over 100k engagement entries spread across two years.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::hint::black_box;

use advocate_core::MapFile;
use advocate_core::analysis::Progress;
use advocate_core::campaign::next::{NextOptions, next_steps};
use advocate_core::campaign::progress::by_month;
use advocate_core::campaign::watched_board;
use advocate_core::generate::generate;
use advocate_core::model::{Engagement, EngagementId, Map, PersonId, Stance};
use criterion::{Criterion, criterion_group, criterion_main};
use rand::{RngExt, SeedableRng};

/// `entries` log entries over 2025-01 … 2026-12, a third of them recording a stance.
fn with_log(map: &mut Map, entries: usize, seed: u64) {
    let mut rng = rand_pcg::Pcg64::seed_from_u64(seed);
    let ids: Vec<PersonId> = map.people().map(|p| p.id).collect();
    let log: BTreeMap<EngagementId, Engagement> = (0..entries)
        .map(|i| {
            let id = EngagementId(i as i64 + 1);
            let e = Engagement {
                id,
                person: ids[rng.random_range(0..ids.len())],
                date: format!(
                    "{}-{:02}-{:02}",
                    2025 + rng.random_range(0..2),
                    rng.random_range(1..=12),
                    rng.random_range(1..=28)
                ),
                action: "met".into(),
                summary: String::new(),
                stance_after: (rng.random_range(0..3) == 0)
                    .then(|| Stance::ALL[rng.random_range(0..5usize)]),
            };
            (id, e)
        })
        .collect();
    map.set_engagements(log);
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let org =
        MapFile::create_from(&dir.path().join("org.advocate"), &generate(10_000, 42)).unwrap();
    let mut map = org.map().clone();
    let mut rng = rand_pcg::Pcg64::seed_from_u64(7);
    let ids: Vec<PersonId> = map.people().map(|p| p.id).collect();
    for _ in 0..200 {
        let p = ids[rng.random_range(0..ids.len())];
        map.campaign.targets.insert(p, Stance::Champion);
    }
    with_log(&mut map, 20_000, 1);
    let p = Progress::new();
    let mut g = c.benchmark_group("campaign 10k");
    g.sample_size(10);
    g.bench_function("next_steps_with_board", |b| {
        b.iter(|| {
            let mut o = NextOptions::new("2026-12-01");
            if let Ok(Some(board)) = watched_board(black_box(&map), &p) {
                o = o.with_board(&board);
            }
            next_steps(&map, &map.campaign, &o, &p)
        })
    });
    let mut logged = org.map().clone();
    with_log(&mut logged, 100_000, 2);
    let audience = logged.audience();
    let board: Vec<PersonId> = ids.iter().copied().take(5).collect();
    g.bench_function("progress_by_month_100k_entries", |b| {
        b.iter(|| by_month(black_box(&logged), &audience, &board, "2025-01", "2026-12"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
