//! Where we stand: each person's place on the power/interest grid (Mendelow), supporters,
//! neutrals and opponents by department, and the attention list — powerful people nobody has
//! engaged lately or who are not yet on side, and brokers (high betweenness) not yet engaged —
//! each with its reason.
//!
//! Thresholds: on the 1-5 scales, 4 and 5 are high, 1-3 low. High power and high interest:
//! manage closely; high power, low interest: keep satisfied; low power, high interest: keep
//! informed; the rest: monitor. "Lately" is the last 60 days before `today`; brokers are the top
//! 5% of people by betweenness (at least one, and only people with betweenness above 0).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::format_description;

use super::csr::Csr;
use super::metrics::{MetricsOptions, brandes};
use super::progress::Progress;
use super::{AnalysisError, key_of};
use crate::model::{Function, Map, PersonId, Stance};

/// A quadrant of the power/interest grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    ManageClosely,
    KeepSatisfied,
    KeepInformed,
    Monitor,
}

impl Quadrant {
    pub fn of(power: u8, interest: u8) -> Quadrant {
        match (power >= HIGH, interest >= HIGH) {
            (true, true) => Quadrant::ManageClosely,
            (true, false) => Quadrant::KeepSatisfied,
            (false, true) => Quadrant::KeepInformed,
            (false, false) => Quadrant::Monitor,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Quadrant::ManageClosely => "manage closely",
            Quadrant::KeepSatisfied => "keep satisfied",
            Quadrant::KeepInformed => "keep informed",
            Quadrant::Monitor => "monitor",
        }
    }
}

/// Power or interest of 4 or 5 is high.
pub const HIGH: u8 = 4;

/// How to read the map.
#[derive(Debug, Clone, PartialEq)]
pub struct GridOptions {
    /// `YYYY-MM-DD`.
    pub today: String,
    /// Engagements older than this many days do not count as lately.
    pub stale_days: i64,
    /// The share of people (by betweenness) counted as brokers.
    pub broker_share: f64,
    pub metrics: MetricsOptions,
}

impl GridOptions {
    pub fn new(today: impl Into<String>) -> GridOptions {
        GridOptions {
            today: today.into(),
            stale_days: 60,
            broker_share: 0.05,
            // Only the top 5% matter here, so fewer sampled sources than `metrics` uses.
            metrics: MetricsOptions {
                pivots: 200,
                ..MetricsOptions::default()
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GridPerson {
    pub id: String,
    pub name: String,
    pub power: u8,
    pub interest: u8,
    pub stance: Stance,
    pub quadrant: Quadrant,
}

/// Supporters (champions and supporters), neutrals and opponents (sceptics and blockers) of a
/// department (its own people, not its sub-departments').
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DepartmentStand {
    pub department: String,
    pub supporters: usize,
    pub neutrals: usize,
    pub opponents: usize,
}

/// Someone who needs attention, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Attention {
    pub id: String,
    pub name: String,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Grid {
    /// In the map's order.
    pub people: Vec<GridPerson>,
    /// By department name; people without a department last.
    pub departments: Vec<DepartmentStand>,
    /// Powerful people first (by power, then key), then brokers.
    pub attention: Vec<Attention>,
    /// What the initiative as a whole lacks, in words (e.g. no supporter in IT).
    pub flags: Vec<String>,
}

/// Today's date as `YYYY-MM-DD` (local time where known, else UTC).
pub fn today() -> String {
    let now = time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    now.date().to_string()
}

fn parse_date(text: &str) -> Option<Date> {
    Date::parse(text.trim(), format_description!("[year]-[month]-[day]")).ok()
}

/// Where we stand on this map.
pub fn grid(map: &Map, options: &GridOptions, progress: &Progress) -> Result<Grid, AnalysisError> {
    let Some(today) = parse_date(&options.today) else {
        return Err(AnalysisError::Missing(format!(
            "today's date {:?} is not YYYY-MM-DD",
            options.today
        )));
    };
    let people: Vec<GridPerson> = map
        .people()
        .map(|p| GridPerson {
            id: p.key.clone(),
            name: p.name.clone(),
            power: p.power,
            interest: p.interest,
            stance: p.stance,
            quadrant: Quadrant::of(p.power, p.interest),
        })
        .collect();

    let mut by_dept: BTreeMap<(bool, String), DepartmentStand> = BTreeMap::new();
    for p in map.people() {
        let name = p
            .department
            .and_then(|d| map.department(d))
            .map(|d| d.name.clone());
        let key = (name.is_none(), name.clone().unwrap_or_default());
        let entry = by_dept.entry(key).or_insert_with(|| DepartmentStand {
            department: name.unwrap_or_else(|| "(no department)".into()),
            supporters: 0,
            neutrals: 0,
            opponents: 0,
        });
        match p.stance.value() {
            v if v > 0 => entry.supporters += 1,
            0 => entry.neutrals += 1,
            _ => entry.opponents += 1,
        }
    }

    // Latest engagement of each person.
    let mut last: BTreeMap<PersonId, Date> = BTreeMap::new();
    for e in map.engagements() {
        if let Some(d) = parse_date(&e.date) {
            let at = last.entry(e.person).or_insert(d);
            if d > *at {
                *at = d;
            }
        }
    }
    let engaged_ever: std::collections::HashSet<PersonId> =
        map.engagements().map(|e| e.person).collect();

    let mut attention: Vec<(u8, Attention)> = Vec::new();
    for p in map.people().filter(|p| p.power >= HIGH) {
        let mut reasons = Vec::new();
        match last.get(&p.id) {
            None => reasons.push(format!("power {}: never engaged", p.power)),
            Some(d) if (today - *d).whole_days() > options.stale_days => reasons.push(format!(
                "power {}: no engagement logged in the last {} days (last {d})",
                p.power, options.stale_days
            )),
            Some(_) => {}
        }
        if p.stance <= Stance::Neutral {
            reasons.push(format!("power {} and {}", p.power, p.stance));
        }
        if !reasons.is_empty() {
            attention.push((
                p.power,
                Attention {
                    id: p.key.clone(),
                    name: p.name.clone(),
                    reasons,
                },
            ));
        }
    }
    attention.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.id.cmp(&b.1.id)));
    let mut attention: Vec<Attention> = attention.into_iter().map(|a| a.1).collect();

    // Brokers: top share by betweenness, not yet engaged.
    let csr = Csr::from_map(map);
    let n = csr.len();
    if n > 0 {
        let pivots = (n > options.metrics.exact_limit).then(|| {
            let mut v: Vec<u32> = (0..n as u32).collect();
            use rand::SeedableRng;
            use rand::seq::SliceRandom;
            v.shuffle(&mut rand_pcg::Pcg64::seed_from_u64(options.metrics.seed));
            v.truncate(options.metrics.pivots.max(1));
            v.sort_unstable();
            v
        });
        let bc = brandes(&csr, pivots.as_deref(), progress)?.betweenness;
        let mut order: Vec<u32> = (0..n as u32).filter(|v| bc[*v as usize] > 0.0).collect();
        order.sort_by(|a, b| bc[*b as usize].total_cmp(&bc[*a as usize]).then(a.cmp(b)));
        let count = ((n as f64 * options.broker_share).ceil() as usize).max(1);
        for (rank, &v) in order.iter().take(count).enumerate() {
            let id = csr.ids[v as usize];
            if engaged_ever.contains(&id) {
                continue;
            }
            let reason = format!(
                "broker: betweenness {:.4} (#{} of {n}), not yet engaged",
                bc[v as usize],
                rank + 1
            );
            let key = key_of(map, id);
            match attention.iter_mut().find(|a| a.id == key) {
                Some(a) => a.reasons.push(reason),
                None => attention.push(Attention {
                    id: key,
                    name: map.person(id).map(|p| p.name.clone()).unwrap_or_default(),
                    reasons: vec![reason],
                }),
            }
        }
    }

    Ok(Grid {
        people,
        departments: by_dept.into_values().collect(),
        attention,
        flags: flags(map),
    })
}

/// What the initiative lacks: practitioners involve IT as early as possible, so no supporter in
/// an IT department is flagged.
fn flags(map: &Map) -> Vec<String> {
    let function_of = |p: &crate::model::Person| {
        p.department
            .and_then(|d| map.department(d))
            .map(|d| d.function)
    };
    let in_it: Vec<&crate::model::Person> = map
        .people()
        .filter(|p| function_of(p) == Some(Function::It))
        .collect();
    let mut out = Vec::new();
    if in_it.is_empty() {
        out.push(
            "no one in IT on this map: involve IT early (devices, security and infrastructure \
             sit there); add IT's people, or set a department's function to IT"
                .to_string(),
        );
    } else if !in_it.iter().any(|p| p.stance.value() > 0) {
        out.push(format!(
            "no supporter in IT ({} people, none a supporter or champion): involve IT early",
            in_it.len()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testmap;
    use crate::model::{Department, DepartmentId};

    #[test]
    fn quadrants_follow_mendelow_with_four_and_five_high() {
        assert_eq!(Quadrant::of(5, 4), Quadrant::ManageClosely);
        assert_eq!(Quadrant::of(4, 3), Quadrant::KeepSatisfied);
        assert_eq!(Quadrant::of(3, 5), Quadrant::KeepInformed);
        assert_eq!(Quadrant::of(3, 3), Quadrant::Monitor);
    }

    #[test]
    fn attention_lists_stale_powerful_people_and_unengaged_brokers() {
        // 1 → 2 → 3 and 4 → 2 → 5: 2 is the only broker.
        let mut m = testmap::map(5, &[(1, 2, 0.5), (2, 3, 0.5), (4, 2, 0.5), (2, 5, 0.5)]);
        m.put_department(Department {
            id: DepartmentId(1),
            name: "IT".into(),
            parent: None,
            colour: None,
            function: crate::model::Function::It,
            position: None,
        });
        for (id, power, interest, stance) in [
            (1, 5, 5, Stance::Champion),
            (3, 4, 2, Stance::Supporter),
            (4, 5, 1, Stance::Blocker),
        ] {
            let mut p = m.person(PersonId(id)).unwrap().clone();
            p.power = power;
            p.interest = interest;
            p.stance = stance;
            p.department = Some(DepartmentId(1));
            m.put_person(p);
        }
        testmap::engage(&mut m, 1, 1, "2026-03-01"); // 1: within 60 days of 2026-04-15
        testmap::engage(&mut m, 2, 3, "2026-01-10"); // 3: stale
        let g = grid(&m, &GridOptions::new("2026-04-15"), &Progress::new()).unwrap();
        assert_eq!(g.people[0].quadrant, Quadrant::ManageClosely);
        assert_eq!(g.people[2].quadrant, Quadrant::KeepSatisfied);
        assert_eq!(g.people[1].quadrant, Quadrant::Monitor);
        let ids: Vec<&str> = g.attention.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["p4", "p3", "p2"]);
        assert_eq!(
            g.attention[0].reasons,
            ["power 5: never engaged", "power 5 and blocker"]
        );
        assert!(g.attention[1].reasons[0].contains("last 2026-01-10"));
        assert!(g.attention[2].reasons[0].starts_with("broker: betweenness 0.3333"));
        assert_eq!(
            g.departments,
            [
                DepartmentStand {
                    department: "IT".into(),
                    supporters: 2,
                    neutrals: 0,
                    opponents: 1
                },
                DepartmentStand {
                    department: "(no department)".into(),
                    supporters: 0,
                    neutrals: 2,
                    opponents: 0
                }
            ]
        );
        assert!(grid(&m, &GridOptions::new("15/04/2026"), &Progress::new()).is_err());
        // A champion in IT: nothing to flag. Without one, "involve IT early".
        assert!(g.flags.is_empty(), "{:?}", g.flags);
        for id in [1, 3] {
            testmap::set_stance(&mut m, id, Stance::Neutral);
        }
        let g = grid(&m, &GridOptions::new("2026-04-15"), &Progress::new()).unwrap();
        assert_eq!(
            g.flags,
            ["no supporter in IT (3 people, none a supporter or champion): involve IT early"]
        );
        let mut it = m.department(DepartmentId(1)).unwrap().clone();
        it.function = crate::model::Function::Finance;
        m.put_department(it);
        let g = grid(&m, &GridOptions::new("2026-04-15"), &Progress::new()).unwrap();
        assert!(
            g.flags[0].starts_with("no one in IT on this map"),
            "{:?}",
            g.flags
        );
    }
}
