//! Writes the benchmarks' synthetic org as a CSV edge list `from,to,strength` (people by key), for
//! `scripts/bench_vs_igraph.py`: `cargo run --release -p advocate-core --example export_edges -- 10000 out.csv`.

#[path = "../benches/support/orggen.rs"]
#[allow(dead_code)]
mod orggen;

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).map_or(Ok(10_000), |a| a.parse())?;
    let path = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| format!("org-{n}.csv"));
    let org = orggen::org(n, 42);
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
    writeln!(out, "from,to,strength")?;
    for t in org.map.ties() {
        let (Some(a), Some(b)) = (org.map.person(t.from), org.map.person(t.to)) else {
            continue;
        };
        writeln!(out, "{},{},{:?}", a.key, b.key, t.strength)?;
    }
    let (p, _, ties) = org.map.counts();
    eprintln!("wrote {path}: {p} people, {ties} ties");
    Ok(())
}
