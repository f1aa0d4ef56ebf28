//! A seeded, org-like synthetic map for benchmarks and the igraph comparison: a manager
//! hierarchy (span 4-10) cut into a department tree, line-manager ties down and informal ties up,
//! peer ties among colleagues of one manager, and a few ties across the organisation (about five
//! ties out per person). Not the product's generator (`advocate generate`), which others write.

use std::collections::{BTreeMap, HashSet};

use advocate_core::{Department, DepartmentId, Map, Person, PersonId, Stance, Tie, TieId};
use rand::{RngExt, SeedableRng};

pub struct Org {
    pub map: Map,
    pub home: Vec<PersonId>,
    pub audience: Vec<PersonId>,
}

pub fn org(n: usize, seed: u64) -> Org {
    let mut rng = rand_pcg::Pcg64::seed_from_u64(seed);
    let mut manager = vec![usize::MAX; n];
    let mut depth = vec![0usize; n];
    let mut reports: Vec<Vec<usize>> = vec![vec![]; n];
    // Breadth-first: each manager takes 4-10 reports until everyone has a place.
    let mut next = 1;
    let mut at = 0;
    while next < n {
        let span = rng.random_range(4..=10usize);
        for _ in 0..span {
            if next >= n {
                break;
            }
            manager[next] = at;
            depth[next] = depth[at] + 1;
            reports[at].push(next);
            next += 1;
        }
        at += 1;
    }
    let mut map = Map::new("synthetic org");
    // Departments: headed by people at depth 1 and 2.
    let mut dept = vec![None; n];
    let mut dept_count = 0i64;
    for p in 0..n {
        if depth[p] == 1 || depth[p] == 2 {
            dept_count += 1;
            let parent = if depth[p] == 2 {
                dept[manager[p]]
            } else {
                None
            };
            map.put_department(Department {
                id: DepartmentId(dept_count),
                name: format!("Dept {dept_count}"),
                parent,
                colour: None,
                function: advocate_core::Function::Other,
                position: None,
            });
            dept[p] = Some(DepartmentId(dept_count));
        } else if depth[p] > 2 {
            dept[p] = dept[manager[p]];
        }
    }
    for p in 0..n {
        let r: f64 = rng.random();
        let stance = match r {
            x if x < 0.10 => Stance::Champion,
            x if x < 0.35 => Stance::Supporter,
            x if x < 0.75 => Stance::Neutral,
            x if x < 0.90 => Stance::Sceptic,
            _ => Stance::Blocker,
        };
        map.put_person(Person {
            id: PersonId(p as i64 + 1),
            key: format!("e{}", p + 1),
            name: format!("Employee {}", p + 1),
            title: String::new(),
            department: dept[p],
            stance,
            power: match depth[p] {
                0 | 1 => 5,
                2 => 4,
                3 => 3,
                _ => rng.random_range(1..=2),
            },
            interest: rng.random_range(1..=5),
            decision_maker: depth[p] <= 1,
            tags: vec![],
            notes: String::new(),
            attributes: BTreeMap::new(),
            position: None,
        });
    }
    let mut seen = HashSet::new();
    let mut k = 0i64;
    let mut tie = |map: &mut Map, a: usize, b: usize, kind: &str, s: f64| {
        if a != b && seen.insert((a, b)) {
            k += 1;
            map.put_tie(Tie {
                id: TieId(k),
                from: PersonId(a as i64 + 1),
                to: PersonId(b as i64 + 1),
                kind: kind.into(),
                strength: s,
                notes: String::new(),
            });
        }
    };
    for p in 1..n {
        let m = manager[p];
        tie(&mut map, m, p, "line manager", 0.55);
        tie(&mut map, p, m, "informal ally", 0.15);
        let sib = &reports[m];
        for _ in 0..2 {
            let q = sib[rng.random_range(0..sib.len())];
            tie(&mut map, p, q, "peer", 0.23);
        }
        if rng.random::<f64>() < 0.8 {
            let q = rng.random_range(0..n);
            let (kind, s) = if depth[p] <= 3 && depth[q] <= 3 {
                ("executive peer", 0.35)
            } else if rng.random::<f64>() < 0.3 {
                ("mentor", 0.30)
            } else {
                ("informal ally", 0.20)
            };
            tie(&mut map, p, q, kind, s);
        }
    }
    // Home team: five people deep in the organisation; audience: ten senior people.
    let deep: Vec<usize> = (0..n).filter(|p| depth[*p] >= 3).collect();
    let senior: Vec<usize> = (0..n).filter(|p| depth[*p] <= 2).collect();
    let pick = |rng: &mut rand_pcg::Pcg64, from: &[usize], k: usize| -> Vec<PersonId> {
        let mut out: Vec<PersonId> = Vec::new();
        while out.len() < k.min(from.len()) {
            let p = PersonId(from[rng.random_range(0..from.len())] as i64 + 1);
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
    };
    let home = pick(&mut rng, if deep.is_empty() { &senior } else { &deep }, 5);
    let audience = pick(&mut rng, &senior, 10);
    map.home.people = home.clone();
    map.goal.audience.people = audience.clone();
    Org {
        map,
        home,
        audience,
    }
}
