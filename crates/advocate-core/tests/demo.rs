//! The bundled demo map: its shape, its story, and that it merges cleanly into a new map file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{HashMap, HashSet, VecDeque};

use advocate_core::demo::demo;
use advocate_core::model::{BUILTIN_KINDS, Stance};
use advocate_core::store::{MapFile, MergeMode};

#[test]
fn the_demo_has_the_shape_of_a_real_organisation() {
    let data = demo();
    assert!(
        (60..=120).contains(&data.people.len()),
        "{} people",
        data.people.len()
    );
    let departments: HashSet<&str> = data.departments.iter().map(|d| d.name.as_str()).collect();
    for name in [
        "Executive",
        "IT",
        "IT Security",
        "Infrastructure",
        "Web Development",
        "Finance",
        "Sales",
        "Operations",
        "Marketing",
        "Internal Communications",
        "HR",
        "L&D",
    ] {
        assert!(departments.contains(name), "no department {name}");
    }
    assert!(
        data.departments
            .iter()
            .all(|d| d.colour.is_some() && d.position.is_some())
    );
    for p in &data.people {
        let d = p.department.as_deref().unwrap_or_default();
        assert!(
            departments.contains(d),
            "{} is in no known department ({d:?})",
            p.name
        );
        assert!(p.position.is_some(), "{} has no position", p.name);
        assert!(!p.title.as_deref().unwrap_or_default().is_empty());
    }
    let keys: HashSet<&str> = data.people.iter().map(|p| p.key()).collect();
    assert_eq!(keys.len(), data.people.len(), "keys are unique");

    let mut kinds: Vec<&str> = BUILTIN_KINDS.iter().map(|k| k.0).collect();
    kinds.extend(data.kinds.iter().map(|k| k.name.as_str()));
    for kind in kinds {
        assert!(data.ties.iter().any(|t| t.kind == kind), "no {kind} tie");
    }
    for stance in Stance::ALL {
        assert!(
            data.people.iter().any(|p| p.stance == Some(stance)),
            "nobody is a {stance}"
        );
    }
    let blockers = data
        .people
        .iter()
        .filter(|p| p.stance == Some(Stance::Blocker))
        .count();
    assert!((1..=2).contains(&blockers));

    // Every engagement's person exists, dates are June to November 2026, and a person's last
    // recorded stance is their stance now.
    let stance: HashMap<&str, Stance> = data
        .people
        .iter()
        .map(|p| (p.key(), p.stance.unwrap()))
        .collect();
    let mut last: HashMap<&str, Stance> = HashMap::new();
    for e in &data.engagements {
        assert!(stance.contains_key(e.person.as_str()), "{}", e.person);
        assert!(
            ("2026-06-01".."2026-12-01").contains(&e.date.as_str()),
            "{}",
            e.date
        );
        if let Some(s) = e.stance_after {
            last.insert(&e.person, s);
        }
    }
    for (p, s) in last {
        assert_eq!(stance[p], s, "{p}'s last logged stance is not their stance");
    }
    assert!(data.engagements.iter().any(|e| e.action == "piloted"));
}

/// The demo opens drawn as separate departments: each department's people make a disc, and
/// the discs keep apart with room for the app's hulls around them (about 30 pixels each side
/// at Fit) and a name above each.
#[test]
fn the_demo_opens_with_its_departments_apart() {
    let data = demo();
    let mut members: HashMap<&str, Vec<(f64, f64)>> = HashMap::new();
    for p in &data.people {
        let at = p.position.as_ref().unwrap();
        members
            .entry(p.department.as_deref().unwrap())
            .or_default()
            .push((at.x, at.y));
    }
    let discs: Vec<(&str, f64, f64, f64)> = members
        .iter()
        .map(|(name, ps)| {
            let n = ps.len() as f64;
            let (cx, cy) = (
                ps.iter().map(|p| p.0).sum::<f64>() / n,
                ps.iter().map(|p| p.1).sum::<f64>() / n,
            );
            let r = ps
                .iter()
                .map(|p| (p.0 - cx).hypot(p.1 - cy))
                .fold(0.0, f64::max);
            (*name, cx, cy, r)
        })
        .collect();
    let x0 = discs
        .iter()
        .map(|d| d.1 - d.3)
        .fold(f64::INFINITY, f64::min);
    let x1 = discs
        .iter()
        .map(|d| d.1 + d.3)
        .fold(f64::NEG_INFINITY, f64::max);
    let y0 = discs
        .iter()
        .map(|d| d.2 - d.3)
        .fold(f64::INFINITY, f64::min);
    let y1 = discs
        .iter()
        .map(|d| d.2 + d.3)
        .fold(f64::NEG_INFINITY, f64::max);
    // Pixels per layout unit when the block (its hulls and titles about 100 pixels more each
    // way) is drawn in a canvas of 760 × 600 pixels.
    let k = ((760.0 - 100.0) / (x1 - x0)).min((600.0 - 120.0) / (y1 - y0));
    println!("block {:.0} × {:.0}, {k:.2} px a unit", x1 - x0, y1 - y0);
    for (i, a) in discs.iter().enumerate() {
        for b in &discs[i + 1..] {
            let apart = (a.1 - b.1).hypot(a.2 - b.2) * k - (a.3 + b.3) * k;
            assert!(
                apart > 2.0 * 31.0,
                "{} and {} are {apart:.0} px apart at Fit",
                a.0,
                b.0
            );
        }
    }
}

#[test]
fn the_line_managers_form_one_tree_from_the_ceo() {
    let data = demo();
    let mut manager = HashMap::new();
    for t in data.ties.iter().filter(|t| t.kind == "line manager") {
        assert!(
            manager.insert(t.to.as_str(), t.from.as_str()).is_none(),
            "{} has two managers",
            t.to
        );
    }
    for p in &data.people {
        let mut at = p.key();
        let mut steps = 0;
        while let Some(m) = manager.get(at) {
            at = m;
            steps += 1;
            assert!(steps < 20, "a manager cycle through {}", p.key());
        }
        assert_eq!(at, "ceo", "{} does not report up to the CEO", p.key());
    }
}

#[test]
fn the_audience_is_reachable_from_the_home_team() {
    let data = demo();
    let home = data.home.as_ref().unwrap().department.as_deref().unwrap();
    let mut queue: VecDeque<&str> = data
        .people
        .iter()
        .filter(|p| p.department.as_deref() == Some(home))
        .map(|p| p.key())
        .collect();
    assert!(!queue.is_empty());
    let mut seen: HashSet<&str> = queue.iter().copied().collect();
    while let Some(at) = queue.pop_front() {
        for t in data.ties.iter().filter(|t| t.from == at) {
            if seen.insert(&t.to) {
                queue.push_back(&t.to);
            }
        }
    }
    for target in &data.goal.as_ref().unwrap().audience.people {
        assert!(seen.contains(target.as_str()), "{target} cannot be reached");
    }
    assert!(seen.contains("cfo"));
}

#[test]
fn the_demo_merges_cleanly_into_a_new_map() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = MapFile::create(&dir.path().join("demo.advocate"), "Demo").unwrap();
    let data = demo();
    let report = file.merge(&data, MergeMode::AllOrNothing, "Demo").unwrap();
    assert!(report.rejected.is_empty());
    let map = file.map();
    assert_eq!(
        map.counts(),
        (data.people.len(), data.departments.len(), data.ties.len())
    );
    assert_eq!(map.engagements().count(), data.engagements.len());
    assert_eq!(map.goal.initiative, "Mobile learning rollout");
    assert_eq!(map.audience().len(), 3);
    assert!(map.home.department.is_some());
    assert_eq!(
        map.kind("works council rep").unwrap().default_strength,
        0.40
    );
    let it = map.department_by_name("IT Security").unwrap();
    assert_eq!(map.department(it.parent.unwrap()).unwrap().name, "IT");
    let brian = map.find_person("Brian Kelly").unwrap();
    let history: Vec<Stance> = map
        .stance_history(brian.id)
        .into_iter()
        .map(|h| h.1)
        .collect();
    assert_eq!(
        history,
        [Stance::Sceptic, Stance::Neutral, Stance::Champion]
    );
    assert_eq!(file.integrity_check().unwrap(), "ok");
}

#[test]
fn the_demo_is_the_same_every_time() {
    assert_eq!(demo(), demo());
}
