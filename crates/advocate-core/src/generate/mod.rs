//! Synthetic organisations for scale tests: [`generate`] builds a map of any headcount that looks
//! like a company — a department tree (divisions → departments → teams), a line-manager
//! hierarchy, peers, informal allies across departments, executive peers at the top, an L&D team
//! as the home team and a goal whose audience is the top decision-makers.
//!
//! The same seed always gives the same map. The shape, for `n` people:
//!
//! - The hierarchy is built breadth-first from the CEO: each manager, in turn, takes the next
//!   4-10 people as reports, so every manager's span is 4-10. The only exception is a map of
//!   fewer than five people, whose CEO manages everyone else.
//! - Level 1 (the CEO's reports) head the divisions; level 2 head departments inside them;
//!   managers two levels above the deepest level (never above level 3) head teams inside their
//!   department. Everyone belongs to the unit of their nearest head, so every person is in a
//!   department. The CEO is in "Executive".
//! - About five ties per person: one line manager tie (manager → report), peer ties to up to two
//!   colleagues with the same manager, one informal ally in another unit, a mentor for about
//!   half, executive peers among the division heads, sponsors from the top to the head of L&D,
//!   and L&D contacts from the home team. At most one tie per ordered pair, never a tie from a
//!   person to themselves.
//! - The home team is the head of L&D (the first department of the People division) and their
//!   direct reports; the goal's audience is the first ten people from the top.

use std::f64::consts::PI;

use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64;

use crate::data::{
    DepartmentData, EngagementData, GoalData, GroupData, MapData, PersonData, TieData,
};
use crate::model::{Position, Stance};

mod vocabulary;

use vocabulary::{DIVISIONS, FIRST_NAMES, LAST_NAMES};

/// Where a generated person sits in the organisation.
#[derive(Clone, Copy)]
struct Slot {
    manager: Option<u32>,
    level: u8,
    /// The unit (index into the department list) they belong to.
    unit: u32,
    /// Their division (index into [`DIVISIONS`]), or `None` for the CEO.
    division: Option<u8>,
    reports: u32,
}

/// The stance mix (champion, supporter, neutral, sceptic, blocker) by seniority, in percent.
fn draw_stance(rng: &mut Pcg64, mix: [u32; 5]) -> Stance {
    let roll = rng.random_range(0..100u32);
    let mut acc = 0;
    for (stance, share) in Stance::ALL.into_iter().zip(mix) {
        acc += share;
        if roll < acc {
            return stance;
        }
    }
    Stance::Neutral
}

fn key(i: u32) -> String {
    format!("e{i:06}")
}

/// A synthetic organisation of `people` people; the same `seed` gives the same map.
pub fn generate(people: usize, seed: u64) -> MapData {
    let n = people.min(u32::MAX as usize) as u32;
    let mut rng = Pcg64::seed_from_u64(seed);
    let mut data = MapData {
        name: Some(format!(
            "Synthetic organisation ({people} people, seed {seed})"
        )),
        ..MapData::default()
    };
    if n == 0 {
        return data;
    }

    // ---- the line-manager hierarchy, breadth first ----
    let mut slots: Vec<Slot> = Vec::with_capacity(n as usize);
    slots.push(Slot {
        manager: None,
        level: 0,
        unit: 0,
        division: None,
        reports: 0,
    });
    let mut next = 1u32;
    let mut at = 0u32;
    while next < n {
        let remaining = n - next;
        let mut span = rng.random_range(4..=10u32);
        if remaining <= 10 {
            span = remaining;
        } else if remaining - span < 4 {
            // Leave at least four for the last manager.
            span = remaining - 4;
        }
        let level = slots[at as usize].level + 1;
        for _ in 0..span {
            slots.push(Slot {
                manager: Some(at),
                level,
                unit: 0,
                division: None,
                reports: 0,
            });
        }
        slots[at as usize].reports = span;
        next += span;
        at += 1;
    }
    let deepest = slots.last().map_or(0, |s| s.level);
    let team_level = deepest.saturating_sub(2).max(3);

    // ---- units: Executive, divisions, departments, teams ----
    let mut departments: Vec<DepartmentData> = vec![DepartmentData {
        name: "Executive".into(),
        colour: Some("#393b79".into()),
        ..DepartmentData::default()
    }];
    let mut unit_of_division: Vec<u32> = Vec::new();
    let mut teams_in: Vec<u32> = Vec::new(); // per unit, how many teams it has
    teams_in.push(0);
    let mut ld_unit: Option<u32> = None;
    // Per unit: is it the L&D department or one of its teams.
    let mut ld_units: Vec<bool> = vec![false];
    for i in 0..n as usize {
        let s = slots[i];
        let (unit, division) = match (s.level, s.manager) {
            (0, _) | (_, None) => (0, None),
            (1, _) => {
                let d = unit_of_division.len().min(DIVISIONS.len() - 1) as u8;
                let div = &DIVISIONS[d as usize];
                departments.push(DepartmentData {
                    name: div.name.into(),
                    colour: Some(div.colour.into()),
                    ..DepartmentData::default()
                });
                teams_in.push(0);
                ld_units.push(false);
                let u = departments.len() as u32 - 1;
                unit_of_division.push(u);
                (u, Some(d))
            }
            (2, Some(m)) => {
                let parent = slots[m as usize];
                let d = parent.division.unwrap_or(0);
                let div = &DIVISIONS[d as usize];
                // The how-many-th department of this division this head is.
                let nth = teams_in[parent.unit as usize] as usize;
                teams_in[parent.unit as usize] += 1;
                let name = match div.departments.get(nth) {
                    Some(name) => (*name).to_string(),
                    None => format!("{} {}", div.name, nth + 1),
                };
                departments.push(DepartmentData {
                    name,
                    parent: Some(div.name.into()),
                    colour: Some(div.colour.into()),
                    ..DepartmentData::default()
                });
                teams_in.push(0);
                ld_units.push(d == 0 && nth == 0);
                let u = departments.len() as u32 - 1;
                if d == 0 && nth == 0 {
                    ld_unit = Some(u);
                }
                (u, Some(d))
            }
            (level, Some(m)) => {
                let parent = slots[m as usize];
                if level == team_level && s.reports > 0 {
                    let nth = teams_in[parent.unit as usize] + 1;
                    teams_in[parent.unit as usize] = nth;
                    let parent_name = departments[parent.unit as usize].name.clone();
                    departments.push(DepartmentData {
                        name: format!("{parent_name} team {nth}"),
                        parent: Some(parent_name),
                        colour: departments[parent.unit as usize].colour.clone(),
                        ..DepartmentData::default()
                    });
                    teams_in.push(0);
                    ld_units.push(ld_units[parent.unit as usize]);
                    (departments.len() as u32 - 1, parent.division)
                } else {
                    (parent.unit, parent.division)
                }
            }
        };
        slots[i].unit = unit;
        slots[i].division = division;
    }

    // Initial layout: units on a grid, their people in a sunflower around the unit's centre.
    let columns = (departments.len() as f64).sqrt().ceil().max(1.0) as usize;
    let mut members = vec![0u32; departments.len()];
    for s in &slots {
        members[s.unit as usize] += 1;
    }
    let spacing = members
        .iter()
        .map(|m| 24.0 * f64::from(*m).sqrt() + 80.0)
        .fold(0.0, f64::max);
    let centre = |u: usize| {
        (
            (u % columns) as f64 * spacing * 2.0,
            (u / columns) as f64 * spacing * 2.0,
        )
    };
    for (u, d) in departments.iter_mut().enumerate() {
        let (x, y) = centre(u);
        d.position = Some(Position {
            x,
            y,
            pinned: false,
        });
    }

    // ---- people ----
    let golden = PI * (3.0 - 5f64.sqrt());
    let mut placed = vec![0u32; departments.len()];
    data.people.reserve(n as usize);
    for (i, s) in slots.iter().enumerate() {
        let div = s.division.map(|d| &DIVISIONS[d as usize]);
        let in_ld = ld_units[s.unit as usize];
        let (title, power, mix) = match (s.level, div) {
            (0, _) | (_, None) => (
                "Chief Executive Officer".to_string(),
                5,
                [10, 30, 40, 15, 5],
            ),
            (1, Some(d)) => (d.head.to_string(), 5, [10, 25, 35, 20, 10]),
            (2, Some(_)) => (
                format!("Head of {}", departments[s.unit as usize].name),
                4,
                [8, 22, 40, 22, 8],
            ),
            (_, Some(d)) if s.reports > 0 => (
                if s.level == team_level {
                    "Team Lead".to_string()
                } else {
                    format!("{} Manager", d.name)
                },
                rng.random_range(3..=4u8),
                [6, 22, 47, 19, 6],
            ),
            (_, Some(d)) => (
                d.jobs[rng.random_range(0..d.jobs.len())].to_string(),
                rng.random_range(1..=2u8),
                [4, 20, 56, 16, 4],
            ),
        };
        let stance = if in_ld {
            draw_stance(&mut rng, [40, 50, 10, 0, 0])
        } else {
            draw_stance(&mut rng, mix)
        };
        let interest = if in_ld {
            5
        } else if s.level <= 1 {
            rng.random_range(2..=5u8)
        } else {
            rng.random_range(1..=5u8)
        };
        let mut tags = Vec::new();
        if s.level <= 2 {
            tags.push("budget holder".to_string());
        }
        if rng.random::<f64>() < 0.02 {
            tags.push("pilot".to_string());
        }
        if div.is_some_and(|d| d.name == "Technology") && rng.random::<f64>() < 0.1 {
            tags.push("BYOD".to_string());
        }
        let name = format!(
            "{} {}",
            FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())],
            LAST_NAMES[rng.random_range(0..LAST_NAMES.len())]
        );
        let u = s.unit as usize;
        let k = placed[u];
        placed[u] += 1;
        let (cx, cy) = centre(u);
        let r = 24.0 * f64::from(k).sqrt();
        let a = golden * f64::from(k);
        data.people.push(PersonData {
            id: Some(key(i as u32)),
            name,
            title: Some(title),
            department: Some(departments[u].name.clone()),
            stance: Some(stance),
            power: Some(power),
            interest: Some(interest),
            decision_maker: Some(s.level <= 1),
            tags: Some(tags),
            position: Some(Position {
                x: cx + r * a.cos(),
                y: cy + r * a.sin(),
                pinned: false,
            }),
            ..PersonData::default()
        });
    }

    // ---- ties ----
    let keys: Vec<String> = (0..n).map(key).collect();
    let mut out: Vec<Vec<u32>> = vec![Vec::new(); n as usize];
    let mut ties: Vec<TieData> = Vec::with_capacity(n as usize * 5);
    let mut tie = |out: &mut Vec<Vec<u32>>, from: u32, to: u32, kind: &'static str| {
        if from == to || out[from as usize].contains(&to) {
            return false;
        }
        out[from as usize].push(to);
        ties.push(TieData {
            from: keys[from as usize].clone(),
            to: keys[to as usize].clone(),
            kind: kind.into(),
            ..TieData::default()
        });
        true
    };
    // Line managers; the reports of a manager are a contiguous run, so siblings are a range.
    let mut first_report = vec![0u32; n as usize];
    for (i, s) in slots.iter().enumerate() {
        if let Some(m) = s.manager {
            if first_report[m as usize] == 0 {
                first_report[m as usize] = i as u32;
            }
            tie(&mut out, m, i as u32, "line manager");
        }
    }
    // Executive peers: the division heads, each way (the CEO manages them).
    let top: Vec<u32> = (0..n).filter(|i| slots[*i as usize].level <= 1).collect();
    for a in &top {
        for b in &top {
            if a != b && slots[*a as usize].level == 1 && slots[*b as usize].level == 1 {
                tie(&mut out, *a, *b, "executive peer");
            }
        }
    }
    for (i, s) in slots.iter().enumerate() {
        let i = i as u32;
        // Peers: up to two colleagues with the same manager (below the executive).
        if let Some(m) = s.manager.filter(|_| s.level >= 2) {
            let first = first_report[m as usize];
            let count = slots[m as usize].reports;
            if count > 1 {
                for _ in 0..2 {
                    let j = first + rng.random_range(0..count);
                    tie(&mut out, i, j, "peer");
                }
            }
        }
        // An informal ally in another unit.
        if n > 1 {
            for _ in 0..3 {
                let j = rng.random_range(0..n);
                if slots[j as usize].unit != s.unit && tie(&mut out, i, j, "informal ally") {
                    break;
                }
            }
        }
        // A mentor, more senior and outside the line, for about half.
        // People are numbered breadth first, so anyone numbered before the manager is at least
        // as senior as the manager.
        if let Some(m) = s.manager.filter(|m| *m > 0)
            && rng.random::<f64>() < 0.5
        {
            let j = rng.random_range(0..m);
            tie(&mut out, j, i, "mentor");
        }
    }
    // The home team: the head of L&D and their direct reports. The head is sponsored from the
    // top, and the team keeps L&D contacts across the organisation.
    let home: Vec<u32> = match ld_unit {
        Some(u) => {
            let head = (0..n).find(|i| slots[*i as usize].unit == u).unwrap_or(0);
            let first = first_report[head as usize];
            let count = slots[head as usize].reports;
            std::iter::once(head).chain(first..first + count).collect()
        }
        None => vec![0],
    };
    if let Some(head) = home.first().filter(|_| ld_unit.is_some()) {
        for exec in top.iter().take(4) {
            tie(&mut out, *exec, *head, "sponsor");
        }
    }
    for member in &home {
        for _ in 0..10 {
            let j = rng.random_range(0..n);
            tie(&mut out, *member, j, "L&D contact");
        }
    }
    data.ties = ties;

    // ---- home team, goal, a few engagements ----
    data.home = Some(GroupData {
        people: home.iter().map(|i| key(*i)).collect(),
        department: None,
    });
    let mut audience: Vec<String> = (0..n)
        .filter(|i| slots[*i as usize].level <= 2)
        .take(10)
        .map(key)
        .collect();
    audience.truncate(10);
    data.goal = Some(GoalData {
        initiative: "Mobile learning rollout".into(),
        audience: GroupData {
            people: audience,
            department: None,
        },
    });
    let actions = ["met", "presented", "emailed", "piloted"];
    for _ in 0..n / 50 {
        let person = rng.random_range(0..n);
        let month = rng.random_range(6..=11u32);
        let day = rng.random_range(1..=28u32);
        let action = actions[rng.random_range(0..actions.len())];
        // A recorded change is the person's current stance, so history and stance agree.
        let stance_after = if rng.random::<f64>() < 0.3 {
            data.people[person as usize].stance
        } else {
            None
        };
        data.engagements.push(EngagementData {
            person: key(person),
            date: format!("2026-{month:02}-{day:02}"),
            action: action.into(),
            summary: format!("{action} about the mobile learning pilot"),
            stance_after,
            ..EngagementData::default()
        });
    }
    data.departments = departments;
    data
}
