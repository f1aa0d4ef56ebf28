//! The seats of a board of advocates, as practitioners name them: the home team's own leader
//! (someone who line-manages a home team member), an executive sponsor (someone in an executive
//! department), a partner inside IT, and communications or marketing. A person's seats follow
//! from their department's [`Function`] and their ties; the board says which seats it fills and,
//! for each empty one, the best candidate and what adding them would change.

use serde::Serialize;

use super::coalition::Cover;
use super::csr::Csr;
use super::key_of;
use crate::model::{Function, Map, Stance};

/// A seat on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Seat {
    /// The home team's own leader: line-manages someone in the home team.
    Leader,
    /// An executive sponsor: in an executive department.
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
        let mut seats: Vec<u8> = function
            .iter()
            .map(|f| match f {
                Function::Executive => Seat::Executive.bit(),
                Function::It => Seat::It.bit(),
                Function::Communications | Function::Marketing => Seat::Communications.bit(),
                _ => 0,
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
