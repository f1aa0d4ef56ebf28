//! Times each analysis once on the benchmarks' synthetic org: a quick check while tuning
//! (`cargo run --release -p advocate-core --example time_once -- 100000`); use the criterion
//! benchmarks for real numbers.

#[path = "../benches/support/orggen.rs"]
#[allow(dead_code)]
mod orggen;

use std::time::Instant;

use advocate_core::analysis::coalition::{CoalitionQuery, coalition_in};
use advocate_core::analysis::metrics::{brandes, eigenvector, louvain, pagerank};
use advocate_core::analysis::paths::{PathQuery, find_paths_in};
use advocate_core::analysis::rank::{RankQuery, rank_in};
use advocate_core::analysis::{Csr, Progress};

/// CPU seconds used by this process so far (user + system), from /proc (Linux only; 0 elsewhere).
fn cpu() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let Some(after) = stat.rsplit(')').next() else {
        return 0.0;
    };
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = f.get(11).and_then(|x| x.parse().ok()).unwrap_or(0.0)
        + f.get(12).and_then(|x| x.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

struct Timer(Instant, f64);
impl Timer {
    fn start() -> Timer {
        Timer(Instant::now(), cpu())
    }
    fn elapsed(&self) -> String {
        format!("{:?} wall, {:.2}s cpu", self.0.elapsed(), cpu() - self.1)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args().nth(1).map_or(Ok(10_000), |a| a.parse())?;
    let with_betweenness = std::env::args().any(|a| a == "--betweenness");
    let t = Timer::start();
    let org = orggen::org(n, 42);
    println!("generate: {} ({:?})", t.elapsed(), org.map.counts());
    let map = &org.map;
    let t = Timer::start();
    let csr = Csr::from_map(map);
    println!("snapshot: {}", t.elapsed());
    let p = Progress::new();
    let t = Timer::start();
    let pr = pagerank(&csr);
    println!("pagerank: {} (converged {})", t.elapsed(), pr.is_some());
    let t = Timer::start();
    let ev = eigenvector(&csr);
    println!(
        "eigenvector: {:?} (converged {})",
        t.elapsed(),
        ev.is_some()
    );
    let t = Timer::start();
    let (_, q) = louvain(&csr, 1);
    println!("louvain: {} (modularity {q:.4})", t.elapsed());
    let t = Timer::start();
    let all = RankQuery {
        top: None,
        ..RankQuery::default()
    };
    let r = rank_in(map, &csr, &all, &p)?;
    println!("rank: {} ({} advocates)", t.elapsed(), r.advocates.len());
    let t = Timer::start();
    let top = RankQuery {
        top: Some(20),
        ..RankQuery::default()
    };
    rank_in(map, &csr, &top, &p)?;
    println!("rank top 20: {}", t.elapsed());
    let t = Timer::start();
    let mut q = PathQuery::new(org.home.clone(), org.audience[0]);
    q.alternatives = 3;
    let paths = find_paths_in(map, &csr, &q)?;
    println!("path+3: {} ({} paths)", t.elapsed(), paths.len());
    let t = Timer::start();
    let b = coalition_in(map, &csr, &CoalitionQuery::new(5), &p)?;
    println!(
        "coalition 5: {:?} (reach {:.3} ± {:.3}, {} sets)",
        t.elapsed(),
        b.expected_reach,
        b.standard_error,
        b.sets
    );
    if std::env::args().any(|a| a == "--metrics") {
        let t = Timer::start();
        let m = advocate_core::analysis::metrics::metrics_in(
            map,
            &csr,
            &advocate_core::analysis::metrics::MetricsOptions::default(),
            &p,
        )?;
        println!(
            "metrics (all): {} (sample {:?}, {} communities)",
            t.elapsed(),
            m.sample,
            m.communities
        );
    }
    if with_betweenness {
        let t = Timer::start();
        brandes(&csr, None, &p)?;
        println!("betweenness exact: {}", t.elapsed());
    }
    Ok(())
}
