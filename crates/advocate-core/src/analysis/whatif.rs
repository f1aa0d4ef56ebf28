//! What if: a scenario of changes (someone leaves, a stance changes, a tie is made or
//! strengthened) applied to a copy of the map in memory, and how the answer to a question —
//! ranking, path or board — changes. The map itself is never touched.

use serde::{Deserialize, Serialize};

use super::coalition::{Board, CoalitionQuery, coalition};
use super::csr::Csr;
use super::paths::{Path, PathQuery, find_paths};
use super::progress::Progress;
use super::rank::{Places, RankQuery, Ranking, rank_with_places};
use super::{AnalysisError, key_of, label_of};
use crate::model::{Map, PersonId, Stance, Tie, TieId};

/// One change of a scenario. In JSON: `{"remove": 3}`, `{"stance": [3, "champion"]}`,
/// `{"tie": {"from": 3, "to": 4, "strength": 0.5}}` (people by row; by key, `Change<PersonKey>`, from a shell).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Change<P = PersonId> {
    /// The person leaves, with their ties.
    Remove(P),
    /// The person's stance becomes this.
    Stance(P, Stance),
    /// A tie `from → to` with this strength is made, or replaces the strength of the one there.
    Tie { from: P, to: P, strength: f64 },
}

impl Change {
    pub fn describe(&self, map: &Map) -> String {
        match self {
            Change::Remove(p) => format!("{} leaves", label_of(map, *p)),
            Change::Stance(p, s) => format!("{} becomes {s}", label_of(map, *p)),
            Change::Tie { from, to, strength } => format!(
                "tie {} > {} at strength {strength}",
                label_of(map, *from),
                label_of(map, *to)
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

/// Where a person stands in a ranking (places count from 1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// #k among the advocates.
    Advocate(usize),
    /// #k among the sceptics and blockers to win over.
    ToWinOver(usize),
    /// Not ranked: not reached by the home team, carrying nothing to the audience, or gone.
    Unranked,
}

impl Place {
    fn describe(self) -> String {
        match self {
            Place::Advocate(k) => format!("#{k}"),
            Place::ToWinOver(k) => format!("to-win-over #{k}"),
            Place::Unranked => "unranked".into(),
        }
    }
}

/// A person whose place in the ranking changed, among those shown before or after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Move {
    pub id: String,
    pub name: String,
    pub from: Place,
    pub to: Place,
    pub score_before: Option<f64>,
    pub score_after: Option<f64>,
}

/// What changed, by question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Difference {
    Rank {
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

fn ask(map: &Map, q: &Question, progress: &Progress) -> Result<(Outcome, Places), AnalysisError> {
    let out = match q {
        Question::Rank(r) => rank_with_places(map, &Csr::from_map(map), r, progress)
            .map(|(r, places)| (Outcome::Rank(r), places)),
        Question::Path(p) => find_paths(map, p).map(|p| (Outcome::Path(p), Places::default())),
        Question::Coalition(c) => {
            coalition(map, c, progress).map(|b| (Outcome::Coalition(b), Places::default()))
        }
    };
    match out {
        Err(AnalysisError::Cancelled) => Err(AnalysisError::Cancelled),
        Err(e) => Ok((Outcome::NoAnswer(e.to_string()), Places::default())),
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
    let (before, places_before) = ask(map, question, progress)?;
    let (after, places_after) = ask(&after_map, question, progress)?;
    let (difference, summary) = compare(
        (&before, &places_before, map),
        (&after, &places_after, &after_map),
        question,
    );
    Ok(WhatIf {
        changes: changes.iter().map(|c| c.describe(map)).collect(),
        before,
        after,
        difference,
        summary,
    })
}

/// Moves among the people shown (the `top` of either ranking), placed in the full rankings.
fn rank_moves(before: (&Places, &Map), after: (&Places, &Map), top: Option<usize>) -> Vec<Move> {
    let place = |p: &Places, id: PersonId| -> (Place, Option<f64>) {
        if let Some(i) = p.advocates.iter().position(|x| x.0 == id) {
            return (Place::Advocate(i + 1), Some(p.advocates[i].1));
        }
        if let Some(i) = p.to_win_over.iter().position(|x| x.0 == id) {
            return (Place::ToWinOver(i + 1), Some(p.to_win_over[i].1));
        }
        (Place::Unranked, None)
    };
    let shown = |p: &Places| -> Vec<PersonId> {
        let take = top.unwrap_or(usize::MAX);
        p.advocates
            .iter()
            .take(take)
            .chain(p.to_win_over.iter().take(take))
            .map(|x| x.0)
            .collect()
    };
    let mut people = shown(after.0);
    for id in shown(before.0) {
        if !people.contains(&id) {
            people.push(id);
        }
    }
    people
        .into_iter()
        .filter_map(|id| {
            let (from, score_before) = place(before.0, id);
            let (to, score_after) = place(after.0, id);
            let map = if after.1.person(id).is_some() {
                after.1
            } else {
                before.1
            };
            (from != to).then(|| Move {
                id: key_of(map, id),
                name: label_of(map, id),
                from,
                to,
                score_before,
                score_after,
            })
        })
        .collect()
}

fn move_text(m: &Move) -> String {
    let score = match (m.score_before, m.score_after) {
        (Some(a), Some(b)) => format!(" (score {a:.4} → {b:.4})"),
        (None, Some(b)) => format!(" (score {b:.4})"),
        (Some(a), None) => format!(" (score was {a:.4})"),
        (None, None) => String::new(),
    };
    match (m.from, m.to) {
        (Place::Unranked, to) => format!("{} enters at {}{score}", m.name, to.describe()),
        (from, Place::Unranked) => format!(
            "{} drops out of the ranking from {}{score}",
            m.name,
            from.describe()
        ),
        (from, to) => format!(
            "{} moved from {} to {}{score}",
            m.name,
            from.describe(),
            to.describe()
        ),
    }
}

type Side<'a> = (&'a Outcome, &'a Places, &'a Map);

fn compare(before: Side, after: Side, q: &Question) -> (Difference, Vec<String>) {
    let mut lines = Vec::new();
    if let Outcome::NoAnswer(e) = before.0 {
        lines.push(format!("before: {e}"));
    }
    if let Outcome::NoAnswer(e) = after.0 {
        lines.push(format!("after: {e}"));
    }
    let ((before, before_places, before_map), (after, after_places, after_map)) = (before, after);
    let diff = match q {
        Question::Rank(query) => {
            let moved = rank_moves(
                (before_places, before_map),
                (after_places, after_map),
                query.top,
            );
            lines.extend(moved.iter().map(move_text));
            Difference::Rank { moved }
        }
        Question::Path(_) => {
            let best = |o: &Outcome| match o {
                Outcome::Path(p) => p
                    .first()
                    .map(|p| (p.reliability, p.people.clone(), p.names.join(" > "))),
                _ => None,
            };
            let (b, a) = (best(before), best(after));
            match (&b, &a) {
                (Some(x), Some(y)) => {
                    lines.push(format!("best chain reliability {:.4} → {:.4}", x.0, y.0));
                    if x.1 != y.1 {
                        lines.push(format!("best chain {} → {}", x.2, y.2));
                    }
                }
                (None, Some(y)) => lines.push(format!("a chain now exists: {}", y.2)),
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
                    b.board
                        .iter()
                        .map(|m| (m.id.clone(), m.person))
                        .collect::<Vec<_>>(),
                    Some(b.expected_reach),
                ),
                _ => (vec![], None),
            };
            let ((b, rb), (a, ra)) = (board(before), board(after));
            let joined: Vec<(String, PersonId)> =
                a.iter().filter(|x| !b.contains(x)).cloned().collect();
            let left: Vec<(String, PersonId)> =
                b.iter().filter(|x| !a.contains(x)).cloned().collect();
            for j in &joined {
                lines.push(format!("{} joins the board", label_of(after_map, j.1)));
            }
            for l in &left {
                lines.push(format!("{} leaves the board", label_of(before_map, l.1)));
            }
            let (joined, left) = (
                joined.into_iter().map(|x| x.0).collect(),
                left.into_iter().map(|x| x.0).collect(),
            );
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
        let Difference::Rank { moved } = &w.difference else {
            panic!("{:?}", w.difference)
        };
        // Before: p2 (0.5 · 0.4 · 0.8 = 0.16), p3 (0.9 · 0.4 · 0.2 = 0.072); p4 to win over
        // (0.5 · 0.9). After, p4 (0.5 · 1 · 0.9 = 0.45) comes first and the others move down.
        let places: Vec<(&str, Place, Place)> = moved
            .iter()
            .map(|m| (m.id.as_str(), m.from, m.to))
            .collect();
        assert_eq!(
            places,
            [
                ("p4", Place::ToWinOver(1), Place::Advocate(1)),
                ("p2", Place::Advocate(1), Place::Advocate(2)),
                ("p3", Place::Advocate(2), Place::Advocate(3)),
            ]
        );
        assert_eq!(
            w.summary[0],
            "Person 4 moved from to-win-over #1 to #1 (score 0.4500 → 0.4500)"
        );
        assert_eq!(w.changes, ["Person 4 becomes champion"]);
        // The map itself is untouched.
        assert_eq!(m.person(PersonId(4)).unwrap().stance, Stance::Blocker);
    }

    /// Falling just below the top shown is a move, not "leaving the ranking".
    #[test]
    fn a_move_beyond_the_top_says_where_to() {
        let m = sample();
        let q = RankQuery {
            top: Some(1),
            ..RankQuery::default()
        };
        let w = what_if(
            &m,
            &[Change::Stance(PersonId(4), Stance::Supporter)],
            &Question::Rank(q),
            &Progress::new(),
        )
        .unwrap();
        assert_eq!(
            w.summary,
            [
                "Person 4 moved from to-win-over #1 to #1 (score 0.4500 → 0.3600)",
                "Person 2 moved from #1 to #2 (score 0.1600 → 0.1600)"
            ]
        );
        let Outcome::Rank(after) = &w.after else {
            panic!()
        };
        assert_eq!(after.advocates.len(), 1);
        let w = what_if(
            &m,
            &[Change::Remove(PersonId(2))],
            &Question::Rank(RankQuery::default()),
            &Progress::new(),
        )
        .unwrap();
        assert_eq!(
            w.summary,
            [
                "Person 3 moved from #2 to #1 (score 0.0720 → 0.0720)",
                "Person 2 drops out of the ranking from #1 (score was 0.1600)"
            ]
        );
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
            w.summary.contains(
                &"best chain Person 1 > Person 4 > Person 5 → Person 1 > Person 3 > Person 5"
                    .to_string()
            )
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
