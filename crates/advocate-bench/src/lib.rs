//! advocate-bench: the measuring tools that are not criterion benchmarks, run by hand or by the
//! scripts, never shipped:
//!
//! - `bench_map MAP [REPEAT] [--betweenness]`: the median time of opening a map file and of each
//!   analysis on it, as one JSON line (for `scripts/bench-compare`, which times igraph and
//!   networkx on the same map in the same run);
//! - `open_memory MAP` / `open_memory --create MAP [PEOPLE]`: how long opening a map takes and the
//!   process's peak memory with it open;
//! - `time_once [PEOPLE] [--betweenness] [--metrics]`: each analysis once on a generated
//!   organisation, a quick check while tuning.
//!
//! The criterion benchmarks are in `crates/advocate-core/benches/`. Every generated organisation,
//! here and there, comes from the core's one generator ([`advocate_core::generate`]).

use std::time::Instant;

use advocate_core::MapFile;
use advocate_core::generate::generate;

/// A generated organisation of `people` people in a map file of its own, in a temporary folder
/// that lives as long as the returned guard.
pub fn generated_map(people: usize, seed: u64) -> Result<(tempfile::TempDir, MapFile), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let data = generate(people, seed);
    let file = MapFile::create_from(&dir.path().join("generated.advocate"), &data)
        .map_err(|e| e.to_string())?;
    Ok((dir, file))
}

/// The median of `repeat` timed runs of `f`, in seconds.
pub fn median_seconds<T>(repeat: usize, mut f: impl FnMut() -> T) -> f64 {
    let mut runs: Vec<f64> = (0..repeat.max(1))
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64()
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    runs[runs.len() / 2]
}
