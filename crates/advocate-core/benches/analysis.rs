//! Benchmarks of the analysis on seeded synthetic orgs of 10k and 100k people (about five ties
//! out each): PageRank, exact betweenness (10k), ranking for a 10-person audience, a path with 3
//! alternatives, a board of 5, Louvain.

#[path = "support/orggen.rs"]
mod orggen;

use std::hint::black_box;
use std::time::Duration;

use advocate_core::analysis::coalition::{CoalitionQuery, coalition_in};
use advocate_core::analysis::metrics::{brandes, louvain, pagerank};
use advocate_core::analysis::paths::{PathQuery, find_paths_in};
use advocate_core::analysis::rank::{RankQuery, rank_in};
use advocate_core::analysis::{Csr, Progress};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    for n in [10_000usize, 100_000] {
        let org = orggen::org(n, 42);
        let map = &org.map;
        let csr = Csr::from_map(map);
        let p = Progress::new();
        let mut g = c.benchmark_group(format!("{}k", n / 1000));
        g.sample_size(10);
        g.bench_function("snapshot", |b| b.iter(|| Csr::from_map(black_box(map))));
        g.bench_function("pagerank", |b| b.iter(|| pagerank(black_box(&csr))));
        if n <= 10_000 {
            g.measurement_time(Duration::from_secs(20));
            g.bench_function("betweenness_exact", |b| {
                b.iter(|| brandes(black_box(&csr), None, &p))
            });
            g.measurement_time(Duration::from_secs(3));
        }
        g.bench_function("rank_audience_10", |b| {
            b.iter(|| rank_in(map, &csr, &RankQuery::default(), &p))
        });
        let to = org.audience[0];
        g.bench_function("path_3_alternatives", |b| {
            let mut q = PathQuery::new(org.home.clone(), to);
            q.alternatives = 3;
            b.iter(|| find_paths_in(map, &csr, &q))
        });
        g.bench_function("coalition_5", |b| {
            b.iter(|| coalition_in(map, &csr, &CoalitionQuery::new(5), &p))
        });
        g.bench_function("louvain", |b| b.iter(|| louvain(black_box(&csr), 1)));
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
