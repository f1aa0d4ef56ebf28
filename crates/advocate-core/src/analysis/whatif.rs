//! What if: a scenario of changes (someone leaves, a stance changes, a tie is made or
//! strengthened) applied to a copy of the map in memory, and how the answer to a question —
//! ranking, path or board — changes. The map itself is never touched.

use serde::{Deserialize, Serialize};

use super::coalition::{Board, CoalitionQuery, coalition};
use super::paths::{Path, PathQuery, find_paths};
use super::progress::Progress;
use super::rank::{RankQuery, Ranking, rank};
use super::{AnalysisError, key_of};
use crate::model::{Map, PersonId, Stance, Tie, TieId};

/// One change of a scenario. In JSON: `{"remove": 3}`, `{"stance": [3, "champion"]}`,
/// `{"tie": {"from": 3, "to": 4, "strength": 0.5}}` (people by row).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// The person leaves, with their ties.
    Remove(PersonId),
    /// The person's stance becomes this.
    Stance(PersonId, Stance),
    /// A tie `from → to` with this strength is made, or replaces the strength of the one there.
    Tie {
        from: PersonId,
        to: PersonId,
        strength: f64,
    },
}

impl Change {
    pub fn describe(&self, map: &Map) -> String {
        match self {
            Change::Remove(p) => format!("{} leaves", key_of(map, *p)),
            Change::Stance(p, s) => format!("{} becomes {s}", key_of(map, *p)),
            Change::Tie { from, to, strength } => format!(
                "tie {} > {} at strength {strength}",
                key_of(map, *from),
                key_of(map, *to)
            ),
        }
    }
}

/// Applies the changes, in order, to a copy of the map.
pub fn apply(map: &Map, changes: &[Change]) -> Result<Map, AnalysisError> {
    let mut m = map.clone();
    let missing = |m: &Map, p: PersonId| {
        AnalysisError::Missing(format!("no person {} on this map", key_of(m, p)))
    };
    for c in changes {
        match c {
            Change::Remove(p) => {
                if m.person(*p).is_none() {
                    return Err(missing(&m, *p));
                }
                m.remove_person(*p);
            }
            Change::Stance(p, s) => {
                let Some(mut person) = m.person(*p).cloned() else {
                    return Err(missing(&m, *p));
                };
                person.stance = *s;
                m.put_person(person);
            }
            Change::Tie { from, to, strength } => {
                for p in [from, to] {
                    if m.person(*p).is_none() {
                        return Err(missing(&m, *p));
                    }
                }
                if !(0.0..=1.0).contains(strength) {
                    return Err(AnalysisError::Missing(format!(
                        "a tie's strength is between 0 and 1, not {strength}"
                    )));
                }
                let tie = match m.tie_between(*from, *to) {
                    Some(t) => Tie {
                        strength: *strength,
                        ..t.clone()
                    },
                    None => Tie {
                        id: TieId(m.ties().map(|t| t.id.0).max().unwrap_or(0) + 1),
                        from: *from,
                        to: *to,
                        kind: "informal ally".into(),
                        strength: *strength,
                        notes: "what-if".into(),
                    },
                };
                m.put_tie(tie);
            }
        }
    }
    Ok(m)
}

/// The question asked before and after.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    Rank(RankQuery),
    Path(PathQuery),
    Coalition(CoalitionQuery),
}

/// An answer, or why there was none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Rank(Ranking),
    Path(Vec<Path>),
    Coalition(Board),
    NoAnswer(String),
}

/// A person whose place in the ranking changed (places count from 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Move {
    pub id: String,
    pub from: usize,
    pub to: usize,
    pub score_before: f64,
    pub score_after: f64,
}

/// What changed, by question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Difference {
    Rank {
        entered: Vec<String>,
        left: Vec<String>,
        moved: Vec<Move>,
    },
    Path {
        reliability_before: Option<f64>,
        reliability_after: Option<f64>,
        best_before: Vec<String>,
        best_after: Vec<String>,
    },
    Coalition {
        joined: Vec<String>,
        left: Vec<String>,
        reach_before: Option<f64>,
        reach_after: Option<f64>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WhatIf {
    pub changes: Vec<String>,
    pub before: Outcome,
    pub after: Outcome,
    pub difference: Difference,
    /// The difference in words, one line each.
    pub summary: Vec<String>,
}

fn ask(map: &Map, q: &Question, progress: &Progress) -> Result<Outcome, AnalysisError> {
    let out = match q {
        Question::Rank(r) => rank(map, r, progress).map(Outcome::Rank),
        Question::Path(p) => find_paths(map, p).map(Outcome::Path),
        Question::Coalition(c) => coalition(map, c, progress).map(Outcome::Coalition),
    };
    match out {
        Err(AnalysisError::Cancelled) => Err(AnalysisError::Cancelled),
        Err(e) => Ok(Outcome::NoAnswer(e.to_string())),
        Ok(o) => Ok(o),
    }
}

/// Asks the question of the map as it is and as it would be after the changes.
pub fn what_if(
    map: &Map,
    changes: &[Change],
    question: &Question,
    progress: &Progress,
) -> Result<WhatIf, AnalysisError> {
    let after_map = apply(map, changes)?;
    let before = ask(map, question, progress)?;
    let after = ask(&after_map, question, progress)?;
    let (difference, summary) = compare(&before, &after, question);
    Ok(WhatIf {
        changes: changes.iter().map(|c| c.describe(map)).collect(),
        before,
        after,
        difference,
        summary,
    })
}

fn compare(before: &Outcome, after: &Outcome, q: &Question) -> (Difference, Vec<String>) {
    let mut lines = Vec::new();
    if let Outcome::NoAnswer(e) = before {
        lines.push(format!("before: {e}"));
    }
    if let Outcome::NoAnswer(e) = after {
        lines.push(format!("after: {e}"));
    }
    let diff = match q {
        Question::Rank(_) => {
            let list = |o: &Outcome| match o {
                Outcome::Rank(r) => r.advocates.clone(),
                _ => vec![],
            };
            let (b, a) = (list(before), list(after));
            let place = |l: &[super::rank::Advocate], id: &str| l.iter().position(|x| x.id == id);
            let entered: Vec<String> = a
                .iter()
                .filter(|x| place(&b, &x.id).is_none())
                .map(|x| x.id.clone())
                .collect();
            let left: Vec<String> = b
                .iter()
                .filter(|x| place(&a, &x.id).is_none())
                .map(|x| x.id.clone())
                .collect();
            let moved: Vec<Move> = a
                .iter()
                .enumerate()
                .filter_map(|(i, x)| {
                    let j = place(&b, &x.id)?;
                    (i != j).then(|| Move {
                        id: x.id.clone(),
                        from: j + 1,
                        to: i + 1,
                        score_before: b[j].score,
                        score_after: x.score,
                    })
                })
                .collect();
            for e in &entered {
                lines.push(format!("{e} enters the ranking"));
            }
            for l in &left {
                lines.push(format!("{l} leaves the ranking"));
            }
            for m in &moved {
                lines.push(format!(
                    "{} moves from #{} to #{} (score {:.4} → {:.4})",
                    m.id, m.from, m.to, m.score_before, m.score_after
                ));
            }
            Difference::Rank {
                entered,
                left,
                moved,
            }
        }
        Question::Path(_) => {
            let best = |o: &Outcome| match o {
                Outcome::Path(p) => p.first().map(|p| (p.reliability, p.people.clone())),
                _ => None,
            };
            let (b, a) = (best(before), best(after));
            match (&b, &a) {
                (Some(x), Some(y)) => {
                    lines.push(format!("best chain reliability {:.4} → {:.4}", x.0, y.0));
                    if x.1 != y.1 {
                        lines.push(format!(
                            "best chain {} → {}",
                            x.1.join(" > "),
                            y.1.join(" > ")
                        ));
                    }
                }
                (None, Some(y)) => lines.push(format!("a chain now exists: {}", y.1.join(" > "))),
                (Some(_), None) => lines.push("no chain any more".into()),
                (None, None) => {}
            }
            Difference::Path {
                reliability_before: b.as_ref().map(|x| x.0),
                reliability_after: a.as_ref().map(|x| x.0),
                best_before: b.map(|x| x.1).unwrap_or_default(),
                best_after: a.map(|x| x.1).unwrap_or_default(),
            }
        }
        Question::Coalition(_) => {
            let board = |o: &Outcome| match o {
                Outcome::Coalition(b) => (
                    b.board.iter().map(|m| m.id.clone()).collect::<Vec<_>>(),
                    Some(b.expected_reach),
                ),
                _ => (vec![], None),
            };
            let ((b, rb), (a, ra)) = (board(before), board(after));
            let joined: Vec<String> = a.iter().filter(|x| !b.contains(x)).cloned().collect();
            let left: Vec<String> = b.iter().filter(|x| !a.contains(x)).cloned().collect();
            for j in &joined {
                lines.push(format!("{j} joins the board"));
            }
            for l in &left {
                lines.push(format!("{l} leaves the board"));
            }
            if let (Some(x), Some(y)) = (rb, ra) {
                lines.push(format!(
                    "expected reach {:.1}% → {:.1}%",
                    100.0 * x,
                    100.0 * y
                ));
            }
            Difference::Coalition {
                joined,
                left,
                reach_before: rb,
                reach_after: ra,
            }
        }
    };
    if lines.is_empty() {
        lines.push("no change".into());
    }
    (diff, lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testmap;

    fn sample() -> Map {
        // Home 1; audience 5. 1 → 2 → 5 (0.5, 0.8), 1 → 3 → 5 (0.9, 0.2); 4 blocker, 1 → 4 → 5.
        let mut m = testmap::map(
            5,
            &[
                (1, 2, 0.5),
                (2, 5, 0.8),
                (1, 3, 0.9),
                (3, 5, 0.2),
                (1, 4, 0.5),
                (4, 5, 0.9),
            ],
        );
        m.home.people = vec![PersonId(1)];
        m.goal.audience.people = vec![PersonId(5)];
        testmap::set_stance(&mut m, 4, Stance::Blocker);
        m
    }

    #[test]
    fn winning_over_a_blocker_puts_them_top_of_the_ranking() {
        let m = sample();
        let w = what_if(
            &m,
            &[Change::Stance(PersonId(4), Stance::Champion)],
            &Question::Rank(RankQuery::default()),
            &Progress::new(),
        )
        .unwrap();
        let Difference::Rank { entered, moved, .. } = &w.difference else {
            panic!("{:?}", w.difference)
        };
        assert_eq!(entered, &["p4"]);
        // Before: p5 (audience, 0.45 · 0.4 · 1 = 0.18), p2 (0.5 · 0.4 · 0.8 = 0.16), p3. After,
        // p4 (0.5 · 1 · 0.9 = 0.45) comes first and everyone else moves down one place.
        assert!(
            moved
                .iter()
                .any(|m| m.id == "p5" && m.from == 1 && m.to == 2)
        );
        assert!(
            moved
                .iter()
                .any(|m| m.id == "p2" && m.from == 2 && m.to == 3)
        );
        assert_eq!(moved.len(), 3);
        assert_eq!(w.changes, ["p4 becomes champion"]);
        // The map itself is untouched.
        assert_eq!(m.person(PersonId(4)).unwrap().stance, Stance::Blocker);
    }

    #[test]
    fn someone_leaving_or_a_new_tie_changes_the_best_chain() {
        let m = sample();
        let q = Question::Path(PathQuery::new(vec![PersonId(1)], PersonId(5)));
        let w = what_if(&m, &[Change::Remove(PersonId(4))], &q, &Progress::new()).unwrap();
        let Difference::Path {
            reliability_before,
            reliability_after,
            best_after,
            ..
        } = &w.difference
        else {
            panic!()
        };
        assert!((reliability_before.unwrap() - 0.45).abs() < 1e-12);
        assert!((reliability_after.unwrap() - 0.4).abs() < 1e-12);
        assert_eq!(best_after, &["p1", "p2", "p5"]);
        let w = what_if(
            &m,
            &[Change::Tie {
                from: PersonId(3),
                to: PersonId(5),
                strength: 0.9,
            }],
            &q,
            &Progress::new(),
        )
        .unwrap();
        assert!(
            w.summary
                .contains(&"best chain p1 > p4 > p5 → p1 > p3 > p5".to_string())
        );
        let after = apply(
            &m,
            &[Change::Tie {
                from: PersonId(5),
                to: PersonId(1),
                strength: 0.3,
            }],
        )
        .unwrap();
        assert_eq!(
            after
                .tie_between(PersonId(5), PersonId(1))
                .unwrap()
                .strength,
            0.3
        );
        assert_eq!(after.ties().count(), 7);
    }

    #[test]
    fn board_changes_are_reported() {
        let m = sample();
        let mut q = CoalitionQuery::new(1);
        q.exclude = vec![PersonId(5)];
        let w = what_if(
            &m,
            &[Change::Remove(PersonId(2))],
            &Question::Coalition(q),
            &Progress::new(),
        )
        .unwrap();
        let Difference::Coalition { joined, left, .. } = &w.difference else {
            panic!()
        };
        assert_eq!(left, &["p2"]);
        assert_eq!(joined, &["p3"]);
    }
}
