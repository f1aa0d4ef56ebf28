//! Export benchmarks on synthetic maps built in memory: SVG of 1,000 people, PNG 3840×2160 of
//! 1,000 people, PDF of 1,000 people, PPTX of 300 people (targets: 200 ms, 1 s, 1 s, 1 s).

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use advocate_core::export::{self, ExportOptions, Format, PathRow, RankRow, SlideExtras};
use advocate_core::model::{
    BUILTIN_KINDS, Department, DepartmentId, Map, Person, PersonId, Position, Stance, Tie, TieId,
};

/// A small deterministic generator (64-bit LCG), local to the bench.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn unit(&mut self) -> f64 {
        self.next() as f64 / (1u64 << 31) as f64
    }
}

/// `people` people in 12 departments, positioned in department clusters, ~5 ties each.
fn synthetic(people: usize, seed: u64) -> Map {
    let mut rng = Lcg(seed);
    let mut map = Map::new("Synthetic");
    map.goal.initiative = "Mobile learning rollout".into();
    let departments = 12;
    for d in 0..departments {
        map.put_department(Department {
            id: DepartmentId(d as i64 + 1),
            name: format!("Department {d}"),
            parent: None,
            colour: None,
            function: advocate_core::Function::Other,
            position: None,
        });
    }
    let first = [
        "Asha", "Tom", "Maria", "Kenji", "Fatima", "Lars", "Chloé", "Ivan",
    ];
    let last = [
        "Patel", "Reed", "García", "Sato", "Haddad", "Nilsson", "Dubois",
    ];
    for i in 0..people {
        let d = rng.below(departments as u64) as usize;
        let (cx, cy) = ((d % 4) as f64 * 900.0, (d / 4) as f64 * 700.0);
        map.put_person(Person {
            id: PersonId(i as i64 + 1),
            key: format!("p{i}"),
            name: format!(
                "{} {} {i}",
                first[rng.below(first.len() as u64) as usize],
                last[rng.below(last.len() as u64) as usize]
            ),
            title: format!("Role {}", rng.below(40)),
            department: Some(DepartmentId(d as i64 + 1)),
            stance: Stance::ALL[rng.below(5) as usize],
            power: rng.below(5) as u8 + 1,
            interest: rng.below(5) as u8 + 1,
            decision_maker: rng.below(20) == 0,
            tags: vec![],
            notes: String::new(),
            attributes: BTreeMap::new(),
            position: Some(Position {
                x: cx + rng.unit() * 800.0,
                y: cy + rng.unit() * 600.0,
                pinned: false,
            }),
        });
    }
    // Ties as in an organisation: three in four within the person's department.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); departments];
    for p in map.people() {
        if let Some(d) = p.department {
            members[(d.0 - 1) as usize].push((p.id.0 - 1) as usize);
        }
    }
    let mut id = 0;
    for i in 0..people {
        let own = map
            .person(PersonId(i as i64 + 1))
            .and_then(|p| p.department)
            .map(|d| &members[(d.0 - 1) as usize]);
        for _ in 0..5 {
            let j = match own {
                Some(m) if rng.below(4) != 0 => m[rng.below(m.len() as u64) as usize],
                _ => rng.below(people as u64) as usize,
            };
            if j == i
                || map
                    .tie_between(PersonId(i as i64 + 1), PersonId(j as i64 + 1))
                    .is_some()
            {
                continue;
            }
            id += 1;
            let (kind, strength) = BUILTIN_KINDS[rng.below(BUILTIN_KINDS.len() as u64) as usize];
            map.put_tie(Tie {
                id: TieId(id),
                from: PersonId(i as i64 + 1),
                to: PersonId(j as i64 + 1),
                kind: kind.into(),
                strength,
                notes: String::new(),
            });
        }
    }
    map
}

fn extras(map: &Map) -> SlideExtras {
    let people: Vec<_> = map.people().take(12).collect();
    SlideExtras {
        ranking: people
            .iter()
            .map(|p| RankRow {
                name: p.name.clone(),
                title: p.title.clone(),
                score: 0.5,
                access: 0.5,
                willingness: 1.0,
                carry: 1.0,
            })
            .collect(),
        paths: people
            .windows(3)
            .map(|w| PathRow {
                to_name: w[2].name.clone(),
                people_names: w.iter().map(|p| p.name.clone()).collect(),
                reliability: 0.1,
            })
            .collect(),
        ..SlideExtras::default()
    }
}

/// CPU time of this process so far (Linux), to tell the work from a busy machine's waiting.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn benches(c: &mut Criterion) {
    let big = synthetic(1000, 7);
    let deck = synthetic(300, 11);
    let none = SlideExtras::default();
    let default = ExportOptions::default();
    let uhd = ExportOptions {
        size: Some((3840, 2160)),
        ..ExportOptions::default()
    };
    let rows = extras(&deck);
    // For looking at: ADVOCATE_EXPORT_PREVIEW=DIR writes the benchmarked files once.
    if let Ok(dir) = std::env::var("ADVOCATE_EXPORT_PREVIEW") {
        let dir = std::path::Path::new(&dir);
        let _ = std::fs::create_dir_all(dir);
        for (map, format, options, name) in [
            (&big, Format::Png, &uhd, "bench-1k.png"),
            (&big, Format::Svg, &default, "bench-1k.svg"),
            (&big, Format::Pdf, &default, "bench-1k.pdf"),
            (&deck, Format::Pptx, &default, "bench-300.pptx"),
        ] {
            let (wall, cpu) = (std::time::Instant::now(), cpu_seconds());
            if let Ok(bytes) = export::render(map, format, options, &rows) {
                eprintln!(
                    "{name}: {:.0} ms wall, {:.0} ms CPU (all threads)",
                    wall.elapsed().as_secs_f64() * 1000.0,
                    (cpu_seconds() - cpu) * 1000.0
                );
                let _ = std::fs::write(dir.join(name), bytes);
            }
        }
    }
    c.bench_function("svg 1k people", |b| {
        b.iter(|| black_box(export::render(&big, Format::Svg, &default, &none)))
    });
    c.bench_function("png 3840x2160 1k people", |b| {
        b.iter(|| black_box(export::render(&big, Format::Png, &uhd, &none)))
    });
    c.bench_function("pdf 1k people", |b| {
        b.iter(|| black_box(export::render(&big, Format::Pdf, &default, &none)))
    });
    c.bench_function("pptx 300 people", |b| {
        b.iter(|| black_box(export::render(&deck, Format::Pptx, &default, &rows)))
    });
    c.bench_function("graphml 1k people", |b| {
        b.iter(|| black_box(export::render(&big, Format::Graphml, &default, &none)))
    });
}

criterion_group!(export_benches, benches);
criterion_main!(export_benches);
