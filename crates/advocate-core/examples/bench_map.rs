//! Times the analysis on a map file, for `scripts/bench-compare`, which runs igraph and networkx
//! on the same map in the same run: `bench_map MAP REPEAT [--betweenness]` prints one JSON line
//! with the median wall seconds of each measure (and of opening the map).

/// The allocator the `advocate` command and the desktop app use, so the figures are theirs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Instant;

use advocate_core::MapFile;
use advocate_core::analysis::coalition::{CoalitionQuery, coalition_in};
use advocate_core::analysis::metrics::{brandes, louvain, pagerank};
use advocate_core::analysis::paths::{PathQuery, find_paths_in};
use advocate_core::analysis::rank::{RankQuery, rank_in};
use advocate_core::analysis::{Csr, Progress};

fn median(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(f64::total_cmp);
    runs[runs.len() / 2]
}

fn time<T>(repeat: usize, mut f: impl FnMut() -> T) -> f64 {
    median(
        (0..repeat)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed().as_secs_f64()
            })
            .collect(),
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = std::path::Path::new(&args[1]);
    let repeat: usize = args.get(2).map_or(Ok(5), |r| r.parse())?;
    let open = time(repeat, || MapFile::open(path).map(|f| f.map().counts()));
    let file = MapFile::open(path)?;
    let map = file.map();
    let csr = Csr::from_map(map);
    let progress = Progress::new();
    let home = map.members(&map.home);
    let audience = map.audience();
    let mut out = serde_json::Map::new();
    out.insert("people".into(), map.people().len().into());
    out.insert("ties".into(), map.ties().len().into());
    out.insert("open".into(), open.into());
    out.insert("pagerank".into(), time(repeat, || pagerank(&csr)).into());
    out.insert("louvain".into(), time(repeat, || louvain(&csr, 1)).into());
    let ten = RankQuery {
        audience: Some(audience.iter().copied().take(10).collect()),
        ..RankQuery::default()
    };
    out.insert(
        "rank (10-person audience)".into(),
        time(repeat, || {
            rank_in(map, &csr, &ten, &progress).map(|r| r.advocates.len())
        })
        .into(),
    );
    // The first audience member the home team reaches (the head of a generated organisation
    // has no one above: no chain leads to them, which is answered at once, not timed here).
    let reachable = audience
        .iter()
        .find(|to| find_paths_in(map, &csr, &PathQuery::new(home.clone(), **to)).is_ok());
    if let Some(to) = reachable {
        let mut query = PathQuery::new(home.clone(), *to);
        query.alternatives = 3;
        out.insert(
            "path + 3 alternatives".into(),
            time(repeat, || find_paths_in(map, &csr, &query).map(|p| p.len())).into(),
        );
    }
    out.insert(
        "board of 5".into(),
        time(repeat.min(3), || {
            coalition_in(map, &csr, &CoalitionQuery::new(5), &progress).map(|b| b.sets)
        })
        .into(),
    );
    if args.iter().any(|a| a == "--betweenness") {
        out.insert(
            "betweenness".into(),
            time(1, || brandes(&csr, None, &progress).is_ok()).into(),
        );
    }
    println!("{}", serde_json::Value::Object(out));
    Ok(())
}
