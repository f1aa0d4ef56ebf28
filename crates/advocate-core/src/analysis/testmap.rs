//! Small maps built in memory for the analysis tests.

use std::collections::BTreeMap;

use crate::model::{Engagement, EngagementId, Map, Person, PersonId, Stance, Tie, TieId};

pub fn person(id: i64, stance: Stance) -> Person {
    Person {
        id: PersonId(id),
        key: format!("p{id}"),
        name: format!("Person {id}"),
        title: String::new(),
        department: None,
        stance,
        power: 3,
        interest: 3,
        decision_maker: false,
        tags: vec![],
        notes: String::new(),
        attributes: BTreeMap::new(),
        position: None,
    }
}

/// A map of people `1..=n` (all neutral) and the given ties `(from, to, strength)`.
pub fn map(n: i64, ties: &[(i64, i64, f64)]) -> Map {
    let mut m = Map::new("test");
    for i in 1..=n {
        m.put_person(person(i, Stance::Neutral));
    }
    for (k, (a, b, s)) in ties.iter().enumerate() {
        tie(&mut m, k as i64 + 1, *a, *b, *s);
    }
    m
}

pub fn tie(m: &mut Map, id: i64, a: i64, b: i64, s: f64) {
    m.put_tie(Tie {
        id: TieId(id),
        from: PersonId(a),
        to: PersonId(b),
        kind: "peer".into(),
        strength: s,
        notes: String::new(),
    });
}

pub fn set_stance(m: &mut Map, id: i64, stance: Stance) {
    if let Some(mut p) = m.person(PersonId(id)).cloned() {
        p.stance = stance;
        m.put_person(p);
    }
}

pub fn engage(m: &mut Map, id: i64, person: i64, date: &str) {
    m.put_engagement(Engagement {
        id: EngagementId(id),
        person: PersonId(person),
        date: date.into(),
        action: "met".into(),
        summary: String::new(),
        stance_after: None,
    });
}

/// A seeded random map: `n` people with random stances, each with about `per` out-ties.
pub fn random(n: i64, per: usize, seed: u64) -> Map {
    use rand::{RngExt, SeedableRng};
    let mut rng = rand_pcg::Pcg64::seed_from_u64(seed);
    let mut m = Map::new("random");
    for i in 1..=n {
        let stance = Stance::ALL[rng.random_range(0..5usize)];
        m.put_person(person(i, stance));
    }
    let mut k = 0;
    for a in 1..=n {
        for _ in 0..per {
            let b = rng.random_range(1..=n);
            if b != a && m.tie_between(PersonId(a), PersonId(b)).is_none() {
                k += 1;
                let s = 0.05 + 0.6 * rng.random::<f64>();
                tie(&mut m, k, a, b, s);
            }
        }
    }
    m
}
