//! Agreement of Advocate's network measures with networkx on hand-made and random maps: the
//! influence measures with networkx on the reversed graph (`G.reverse()`), to 1e-9.
//! Needs python3 with networkx (`pip install networkx numpy scipy`); fails, never skips, without them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::io::Write;
use std::process::Command;

use advocate_core::analysis::Progress;
use advocate_core::analysis::metrics::{MetricsOptions, metrics};
use advocate_core::{Map, Person, PersonId, Stance, Tie, TieId};
use rand::{RngExt, SeedableRng};

fn person(id: i64) -> Person {
    Person {
        id: PersonId(id),
        key: format!("p{id}"),
        name: format!("Person {id}"),
        title: String::new(),
        department: None,
        stance: Stance::Neutral,
        power: 3,
        interest: 3,
        decision_maker: false,
        tags: vec![],
        notes: String::new(),
        attributes: BTreeMap::new(),
        position: None,
    }
}

fn map(n: i64, ties: &[(i64, i64, f64)]) -> Map {
    let mut m = Map::new("t");
    for i in 1..=n {
        m.put_person(person(i));
    }
    for (k, (a, b, s)) in ties.iter().enumerate() {
        m.put_tie(Tie {
            id: TieId(k as i64 + 1),
            from: PersonId(*a),
            to: PersonId(*b),
            kind: "peer".into(),
            strength: *s,
            notes: String::new(),
        });
    }
    m
}

/// `n` people with about `per` random ties out each; strengths from `levels` if given (so that
/// equal-length chains are common), else uniform in (0.05, 0.95).
fn random_map(n: i64, per: usize, seed: u64, levels: &[f64]) -> Map {
    let mut rng = rand_pcg::Pcg64::seed_from_u64(seed);
    let mut ties = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for a in 1..=n {
        for _ in 0..per {
            let b = rng.random_range(1..=n);
            if a != b && seen.insert((a, b)) {
                let s = if levels.is_empty() {
                    0.05 + 0.9 * rng.random::<f64>()
                } else {
                    levels[rng.random_range(0..levels.len())]
                };
                ties.push((a, b, s));
            }
        }
    }
    map(n, &ties)
}

fn networkx(m: &Map, partition: &[usize]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let nodes = dir.path().join("nodes.txt");
    let edges = dir.path().join("edges.csv");
    let part = dir.path().join("partition.txt");
    let mut f = std::fs::File::create(&nodes).unwrap();
    for p in m.people() {
        writeln!(f, "{}", p.key).unwrap();
    }
    let mut f = std::fs::File::create(&edges).unwrap();
    for t in m.ties() {
        let (a, b) = (m.person(t.from).unwrap(), m.person(t.to).unwrap());
        // {:?} prints the shortest text that reads back as the same f64.
        writeln!(f, "{},{},{:?}", a.key, b.key, t.strength).unwrap();
    }
    let mut f = std::fs::File::create(&part).unwrap();
    for c in partition {
        writeln!(f, "{c}").unwrap();
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/networkx/metrics.py");
    let out = Command::new("python3")
        .arg(script)
        .args([&nodes, &edges, &part])
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run python3 ({e}): install Python 3 and `pip install networkx numpy scipy`"
            )
        });
    assert!(
        out.status.success(),
        "networkx script failed (is networkx installed? `pip install networkx numpy scipy`): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn check(name: &str, m: &Map) {
    let ours = metrics(m, &MetricsOptions::default(), &Progress::new()).unwrap();
    let partition: Vec<usize> = ours.people.iter().map(|p| p.community).collect();
    let nx = networkx(m, &partition);
    // PageRank converges to an L1 change below 1e-10 here and to tol=1e-12 in networkx: they
    // agree to 1e-9. The rest are exact (up to rounding) or, for eigenvector centrality, stop at
    // the same tolerance.
    let close = |what: &str, id: &str, a: f64, b: f64, tol: f64| {
        assert!(
            (a - b).abs() <= tol,
            "{name}: {what} of {id}: ours {a}, networkx {b}"
        );
    };
    let mut eigen_converged = true;
    for p in &ours.people {
        let x = &nx["people"][&p.id];
        for (what, ours, tol) in [
            ("influence_pagerank", p.influence_pagerank, 1e-9),
            ("swayed_by_pagerank", p.swayed_by_pagerank, 1e-9),
            ("broker_betweenness", p.broker_betweenness, 1e-9),
            ("reach_closeness", p.reach_closeness, 1e-9),
            ("swayed_by_closeness", p.swayed_by_closeness, 1e-9),
            ("in_degree", p.in_degree, 1e-12),
            ("out_degree", p.out_degree, 1e-12),
        ] {
            close(what, &p.id, ours, x[what].as_f64().unwrap(), tol);
        }
        match (p.influence_eigenvector, x["influence_eigenvector"].as_f64()) {
            (Some(a), Some(b)) => close("influence_eigenvector", &p.id, a, b, 1e-9),
            (None, None) => eigen_converged = false,
            (a, b) => panic!("{name}: eigenvector convergence differs: ours {a:?}, networkx {b:?}"),
        }
    }
    assert_eq!(
        ours.influence_eigenvector_converged, eigen_converged,
        "{name}"
    );
    let q = nx["modularity_of_partition"].as_f64().unwrap();
    assert!(
        (ours.modularity - q).abs() <= 1e-6,
        "{name}: modularity ours {}, networkx on our partition {q}",
        ours.modularity
    );
    let best = nx["louvain_modularity"].as_f64().unwrap();
    assert!(
        ours.modularity >= best - 0.02,
        "{name}: our Louvain found modularity {}, networkx's {best}",
        ours.modularity
    );
}

#[test]
fn dangling_and_disconnected_people() {
    // 1 → 2 → 3 → 1 a cycle; 4 → 5 (5 has no ties out); 6 alone; 7 → 2.
    let m = map(
        7,
        &[
            (1, 2, 0.5),
            (2, 3, 0.3),
            (3, 1, 0.8),
            (4, 5, 0.55),
            (7, 2, 0.23),
        ],
    );
    check("dangling", &m);
}

#[test]
fn equal_length_chains_and_certain_ties() {
    // Two chains of equal reliability 1 → 2 → 4 and 1 → 3 → 4; 0.25 direct equals 0.5·0.5;
    // ties of strength 1 have distance 0.
    let m = map(
        6,
        &[
            (1, 2, 0.5),
            (2, 4, 0.5),
            (1, 3, 0.5),
            (3, 4, 0.5),
            (1, 4, 0.25),
            (4, 5, 1.0),
            (5, 6, 0.5),
            (4, 6, 0.5),
            (6, 1, 0.1),
        ],
    );
    check("ties", &m);
}

#[test]
fn a_hierarchy_where_eigenvector_does_not_converge() {
    // A tree of line managers only: no cycles, so the power iteration does not converge.
    let ties: Vec<(i64, i64, f64)> = (2..=15).map(|i| (i / 2, i, 0.55)).collect();
    check("tree", &map(15, &ties));
}

#[test]
fn random_maps() {
    check("random-200", &random_map(200, 4, 11, &[]));
    check("random-400", &random_map(400, 3, 12, &[]));
    check("random-levels", &random_map(300, 3, 13, &[0.1, 0.23, 0.55]));
}
