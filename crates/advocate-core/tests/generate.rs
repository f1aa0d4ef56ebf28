//! The synthetic organisation: same seed, same map; a sound hierarchy; about five ties a person;
//! and it merges into a map file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{HashMap, HashSet};

use advocate_core::data::MapData;
use advocate_core::generate::generate;
use advocate_core::store::{MapFile, MergeMode};

fn managers(data: &MapData) -> HashMap<&str, &str> {
    let mut out = HashMap::new();
    for t in data.ties.iter().filter(|t| t.kind == "line manager") {
        assert!(
            out.insert(t.to.as_str(), t.from.as_str()).is_none(),
            "{} has two line managers",
            t.to
        );
    }
    out
}

#[test]
fn the_same_seed_gives_the_same_map_and_another_seed_another() {
    let a = generate(1_000, 7);
    assert_eq!(a, generate(1_000, 7));
    assert_ne!(a, generate(1_000, 8));
    assert_eq!(a.people.len(), 1_000);
}

#[test]
fn spans_are_four_to_ten_and_there_are_no_manager_cycles() {
    for n in [5, 60, 1_000, 10_000] {
        let data = generate(n, 1);
        let manager = managers(&data);
        assert_eq!(manager.len(), n - 1, "everyone but the CEO has a manager");
        let mut span: HashMap<&str, usize> = HashMap::new();
        for m in manager.values() {
            *span.entry(m).or_default() += 1;
        }
        for (m, s) in &span {
            assert!((4..=10).contains(s), "{m} manages {s} people (n = {n})");
        }
        for p in &data.people {
            let mut seen = HashSet::new();
            let mut at = p.key();
            while let Some(m) = manager.get(at) {
                assert!(seen.insert(*m), "a manager cycle through {at}");
                at = m;
            }
            assert_eq!(at, "e000000", "every chain ends at the CEO");
        }
    }
}

#[test]
fn ties_are_about_five_per_person_without_self_ties_or_duplicates() {
    for n in [1_000, 10_000] {
        let data = generate(n, 3);
        let per_person = data.ties.len() as f64 / n as f64;
        assert!(
            (4.0..=6.0).contains(&per_person),
            "{per_person} ties a person for {n}"
        );
        let mut pairs = HashSet::new();
        for t in &data.ties {
            assert_ne!(t.from, t.to, "a self tie");
            assert!(
                pairs.insert((&t.from, &t.to)),
                "two ties {} > {}",
                t.from,
                t.to
            );
        }
        for kind in [
            "line manager",
            "peer",
            "executive peer",
            "sponsor",
            "mentor",
            "informal ally",
            "L&D contact",
        ] {
            assert!(
                data.ties.iter().any(|t| t.kind == kind),
                "no {kind} tie for {n}"
            );
        }
    }
}

#[test]
fn everyone_is_in_a_department_of_the_tree() {
    let data = generate(10_000, 5);
    let names: HashSet<&str> = data.departments.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names.len(),
        data.departments.len(),
        "department names are unique"
    );
    for d in &data.departments {
        if let Some(p) = &d.parent {
            assert!(
                names.contains(p.as_str()),
                "{} has unknown parent {p}",
                d.name
            );
        }
    }
    for p in &data.people {
        assert!(names.contains(p.department.as_deref().unwrap()));
    }
    assert!(names.contains("Learning & Development"));
    assert_eq!(data.goal.as_ref().unwrap().audience.people.len(), 10);
    let home = &data.home.as_ref().unwrap().people;
    assert!(
        (5..=11).contains(&home.len()),
        "a home team of {}",
        home.len()
    );
    let head = data.people.iter().find(|p| p.key() == home[0]).unwrap();
    assert_eq!(
        head.title.as_deref(),
        Some("Head of Learning & Development")
    );
    let top: Vec<_> = data
        .people
        .iter()
        .filter(|p| p.decision_maker == Some(true))
        .collect();
    assert!(top.iter().all(|p| p.power == Some(5)));
}

#[test]
fn a_generated_map_merges_into_a_map_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = MapFile::create(&dir.path().join("g.advocate"), "Generated").unwrap();
    let data = generate(2_000, 11);
    let report = file
        .merge(&data, MergeMode::AllOrNothing, "Generate")
        .unwrap();
    assert!(report.rejected.is_empty());
    assert_eq!(report.people.added, 2_000);
    assert_eq!(report.ties.added, data.ties.len());
    let (people, departments, ties) = file.map().counts();
    assert_eq!(
        (people, departments, ties),
        (2_000, data.departments.len(), data.ties.len())
    );
    assert!(!file.map().audience().is_empty());
    assert_eq!(file.integrity_check().unwrap(), "ok");
}

#[test]
fn a_large_map_reads_back_whole_when_reopened() {
    // Over 10 000 ties, so opening reads them on two connections.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.advocate");
    let data = generate(3_000, 2);
    assert!(data.ties.len() > 10_000);
    let before = {
        let mut file = MapFile::create(&path, "Generated").unwrap();
        file.merge(&data, MergeMode::AllOrNothing, "Generate")
            .unwrap();
        MapData::from_map(file.map())
    };
    let file = MapFile::open(&path).unwrap();
    let map = file.map();
    assert_eq!(MapData::from_map(map), before);
    let written: HashSet<(String, String, String)> = data
        .ties
        .iter()
        .map(|t| (t.from.clone(), t.to.clone(), t.kind.clone()))
        .collect();
    let read: HashSet<(String, String, String)> = before
        .ties
        .iter()
        .map(|t| (t.from.clone(), t.to.clone(), t.kind.clone()))
        .collect();
    assert_eq!(read, written);
    // The graph answers from the loaded ties.
    let ceo = map.person_by_key("e000000").unwrap().id;
    let reports = map
        .ties_from(ceo)
        .filter(|t| t.kind == "line manager")
        .count();
    assert!((4..=10).contains(&reports));
    let someone = map.person_by_key("e002999").unwrap().id;
    assert!(map.ties_to(someone).any(|t| t.kind == "line manager"));
}
