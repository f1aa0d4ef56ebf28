//! The seats of a board of advocates, as practitioners name them: the home team's own leader
//! (someone who line-manages a home team member), an executive sponsor (a senior person — power 4
//! or 5 — in an executive department, or a senior decision-maker), a partner inside IT, and
//! communications or marketing. A person's seats follow
//! from their department's [`Function`] and their ties; the board says which seats it fills and,
//! for each empty one, the best candidate and what adding them would change.

use serde::{Deserialize, Serialize};

use super::coalition::Cover;
use super::csr::Csr;
use super::key_of;
use crate::model::{Function, Map, Stance};

/// A seat on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Seat {
    /// The home team's own leader: line-manages someone in the home team.
    Leader,
    /// An executive sponsor: power 4 or 5, in an executive department or a decision-maker.
    Executive,
    /// A partner inside IT.
    It,
    /// Communications or marketing.
    Communications,
}

impl Seat {
    pub const ALL: [Seat; 4] = [
        Seat::Leader,
        Seat::Executive,
        Seat::It,
        Seat::Communications,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Seat::Leader => "our own leader",
            Seat::Executive => "executive sponsor",
            Seat::It => "IT partner",
            Seat::Communications => "communications or marketing",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// The kind of tie that makes someone a home team member's leader.
pub const LINE_MANAGER: &str = "line manager";

/// Each person's function (from their department) and seats (a bit per [`Seat`]), by dense index.
pub(crate) struct Seating {
    pub function: Vec<Function>,
    seats: Vec<u8>,
}

impl Seating {
    pub fn new(map: &Map, csr: &Csr, home: &[u32]) -> Seating {
        let function: Vec<Function> = csr
            .ids
            .iter()
            .map(|id| {
                map.person(*id)
                    .and_then(|p| p.department)
                    .and_then(|d| map.department(d))
                    .map_or(Function::Other, |d| d.function)
            })
            .collect();
        let senior: Vec<bool> = csr
            .ids
            .iter()
            .map(|id| map.person(*id).is_some_and(|p| p.power >= 4))
            .collect();
        let decides: Vec<bool> = csr
            .ids
            .iter()
            .map(|id| map.person(*id).is_some_and(|p| p.decision_maker))
            .collect();
        let mut seats: Vec<u8> = function
            .iter()
            .enumerate()
            .map(|(v, f)| {
                let executive = senior[v] && (*f == Function::Executive || decides[v]);
                let role = match f {
                    Function::It => Seat::It.bit(),
                    Function::Communications | Function::Marketing => Seat::Communications.bit(),
                    _ => 0,
                };
                role | if executive { Seat::Executive.bit() } else { 0 }
            })
            .collect();
        for &h in home {
            for t in map.ties_to(csr.ids[h as usize]) {
                if t.kind.as_str() == LINE_MANAGER
                    && let Some(&v) = csr.index.get(&t.from)
                {
                    seats[v as usize] |= Seat::Leader.bit();
                }
            }
        }
        Seating { function, seats }
    }

    pub fn seats(&self, v: u32) -> Vec<Seat> {
        Seat::ALL
            .into_iter()
            .filter(|s| self.seats[v as usize] & s.bit() != 0)
            .collect()
    }

    fn sits(&self, v: u32, seat: Seat) -> bool {
        self.seats[v as usize] & seat.bit() != 0
    }

    /// The candidate for `seat` who adds most to the board as it stands (ties: the likelier to
    /// be recruited, then the map's order).
    fn best_for(&self, seat: Seat, cover: &Cover, recruit: &[f64], taken: &[u32]) -> Option<u32> {
        (0..recruit.len() as u32)
            .filter(|&v| recruit[v as usize] > 0.0 && self.sits(v, seat) && !taken.contains(&v))
            .map(|v| (cover.gain(v), recruit[v as usize], v))
            .max_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(b.2.cmp(&a.2)))
            .map(|x| x.2)
    }

    /// `--balanced`: one candidate for each seat the board does not fill yet, best first, while
    /// there is room; returns each pick with the share it adds.
    pub fn fill(&self, cover: &mut Cover, recruit: &[f64], size: usize) -> Vec<(u32, f64)> {
        let mut picks: Vec<(u32, f64)> = Vec::new();
        for seat in Seat::ALL {
            if picks.len() >= size {
                break;
            }
            if picks.iter().any(|p| self.sits(p.0, seat)) {
                continue;
            }
            let taken: Vec<u32> = picks.iter().map(|p| p.0).collect();
            if let Some(v) = self.best_for(seat, cover, recruit, &taken) {
                let gained = cover.take(v);
                picks.push((v, cover.share_of(gained)));
            }
        }
        picks
    }

    /// Which seats the board fills, and for each empty one the best candidate and what adding
    /// them changes.
    pub fn report(
        &self,
        map: &Map,
        csr: &Csr,
        cover: &Cover,
        recruit: &[f64],
        board: &[u32],
    ) -> Vec<SeatReport> {
        Seat::ALL
            .into_iter()
            .map(|seat| {
                let filled_by: Vec<String> = board
                    .iter()
                    .filter(|v| self.sits(**v, seat))
                    .map(|v| key_of(map, csr.ids[*v as usize]))
                    .collect();
                let best_candidate = if filled_by.is_empty() {
                    self.best_for(seat, cover, recruit, board).map(|v| {
                        let person = map.person(csr.ids[v as usize]);
                        let adds = cover.share_of(cover.gain(v));
                        SeatCandidate {
                            id: key_of(map, csr.ids[v as usize]),
                            name: person.map(|p| p.name.clone()).unwrap_or_default(),
                            stance: person.map_or(Stance::Neutral, |p| p.stance),
                            recruitment: recruit[v as usize],
                            adds,
                            reach_with: cover.reach() + adds,
                        }
                    })
                } else {
                    None
                };
                SeatReport {
                    seat,
                    label: seat.label().to_string(),
                    filled_by,
                    best_candidate,
                }
            })
            .collect()
    }
}

/// One seat of the board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SeatReport {
    pub seat: Seat,
    pub label: String,
    /// Keys of the board members in this seat; empty: the seat is open.
    pub filled_by: Vec<String>,
    /// For an open seat: the candidate who would add most (none: nobody we can recruit sits
    /// there).
    pub best_candidate: Option<SeatCandidate>,
}

/// Who could fill an open seat, and what adding them to the board changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SeatCandidate {
    pub id: String,
    pub name: String,
    pub stance: Stance,
    /// The chance we recruit them.
    pub recruitment: f64,
    /// The share of the audience they would add.
    pub adds: f64,
    /// The board's expected reach with them added.
    pub reach_with: f64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Progress;
    use crate::analysis::coalition::{CoalitionQuery, coalition};
    use crate::analysis::testmap;
    use crate::model::{Department, DepartmentId, PersonId, Tie, TieId};

    /// Home team 1 (L&D). 2 line-manages 1 (our leader, HR); 3 is in IT, 4 in Executive, 5 in
    /// Communications; 9 is the audience. 2 sways 9 strongly; 3 weakly; 4 and 5 not at all.
    fn seated() -> Map {
        let mut m = testmap::map(
            9,
            &[
                (1, 2, 0.9),
                (2, 9, 0.8),
                (1, 3, 0.9),
                (3, 9, 0.2),
                (1, 4, 0.9),
                (4, 8, 0.5),
                (1, 5, 0.9),
                (1, 6, 0.9),
                (6, 9, 0.7),
            ],
        );
        m.put_tie(Tie {
            id: TieId(50),
            from: PersonId(2),
            to: PersonId(1),
            kind: LINE_MANAGER.into(),
            strength: 0.55,
            notes: String::new(),
        });
        for (id, name) in [
            (1, "HR"),
            (2, "IT Security"),
            (3, "Executive"),
            (4, "Internal Comms"),
        ] {
            m.put_department(Department {
                id: DepartmentId(id),
                name: name.into(),
                parent: None,
                colour: None,
                function: Function::guess(name),
                position: None,
            });
        }
        for (person, dept) in [(2, 1), (3, 2), (4, 3), (5, 4)] {
            let mut p = m.person(PersonId(person)).unwrap().clone();
            p.department = Some(DepartmentId(dept));
            p.stance = Stance::Supporter;
            // The executive is senior; the others' power (3) is not.
            p.power = if person == 4 { 5 } else { 3 };
            m.put_person(p);
        }
        m.home.people = vec![PersonId(1)];
        m.goal.audience.people = vec![PersonId(9)];
        m
    }

    #[test]
    fn the_board_names_its_seats_and_the_best_candidate_for_an_open_one() {
        let m = seated();
        let b = coalition(&m, &CoalitionQuery::new(2), &Progress::new()).unwrap();
        let ids: Vec<&str> = b.board.iter().map(|x| x.id.as_str()).collect();
        // Reach first: 2 (our leader) and 6 (no seat).
        assert_eq!(ids, ["p2", "p6"]);
        assert_eq!(b.board[0].seats, [Seat::Leader]);
        assert!(b.board[1].seats.is_empty());
        let seat = |s: Seat| b.seats.iter().find(|r| r.seat == s).unwrap();
        assert_eq!(seat(Seat::Leader).filled_by, ["p2"]);
        let it = seat(Seat::It).best_candidate.as_ref().unwrap();
        assert_eq!(it.id, "p3");
        // 3 would add: recruited at 0.9 · 0.8 = 0.72, reaching 9 at 0.2, where the board misses.
        assert!(it.adds > 0.0 && it.adds < 0.2 * 0.72, "{}", it.adds);
        assert!((it.reach_with - (b.expected_reach + it.adds)).abs() < 1e-12);
        // Executive and communications have candidates who reach nobody: they add nothing.
        assert_eq!(
            seat(Seat::Executive).best_candidate.as_ref().unwrap().id,
            "p4"
        );
        assert_eq!(
            seat(Seat::Communications)
                .best_candidate
                .as_ref()
                .unwrap()
                .adds,
            0.0
        );
    }

    #[test]
    fn a_balanced_board_fills_the_seats_first() {
        let m = seated();
        let mut q = CoalitionQuery::new(3);
        q.balanced = true;
        let b = coalition(&m, &q, &Progress::new()).unwrap();
        let ids: Vec<&str> = b.board.iter().map(|x| x.id.as_str()).collect();
        // Leader, executive, IT: the three seats it has room for, in the seats' order.
        assert_eq!(ids, ["p2", "p4", "p3"]);
        assert!(b.seats.iter().take(3).all(|s| !s.filled_by.is_empty()));
        let comms = b
            .seats
            .iter()
            .find(|s| s.seat == Seat::Communications)
            .unwrap();
        assert!(comms.filled_by.is_empty());
        assert_eq!(comms.best_candidate.as_ref().unwrap().id, "p5");
        // With room for everyone the rest goes to reach.
        q.size = 5;
        let b = coalition(&m, &q, &Progress::new()).unwrap();
        let ids: Vec<&str> = b.board.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["p2", "p4", "p3", "p5", "p6"]);
    }
}
