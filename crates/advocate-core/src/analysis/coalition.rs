//! The board of advocates: the few people we can recruit who together reach the audience best.
//!
//! The model. A board member `b` is recruited with probability `access(b) × willingness(b)` —
//! the ranking's terms: the reliability of the most reliable chain of introductions from the home
//! team, and their stance (champion 1.0, supporter 0.8, neutral 0.4; sceptics and blockers are
//! never picked) — each independently. Recruited members then sway others by independent cascade:
//! each tie passes the endorsement on with its strength as the chance, once. A board's **expected
//! reach** is the expected share of the audience swayed. Candidates are people the home team
//! reaches, outside the home team and, by default, outside the audience (with `include_audience`
//! an audience member may be picked to sway the *other* members; swaying themself does not count).
//!
//! The estimate uses reverse-reachable sets (RIS): each set is rooted at an audience member chosen
//! at random and holds the candidates whose word reaches that member through ties that "fire"
//! (each independently with its strength) and who are recruited in that sample (each
//! independently with their recruitment chance). A board sways the root of a set exactly when it
//! holds someone in the set, so the share of sets it covers estimates its expected reach (standard
//! error `sqrt(p(1−p)/sets)`). The board is chosen by greedy maximum coverage with lazy evaluation
//! (CELF), which is within `1 − 1/e` of the best board on the sampled sets and usually much closer
//! (the tests check it against every board by brute force on small maps). Sampling is seeded, so
//! the same map gives the same board.

use std::collections::BinaryHeap;

use rand::{RngExt, SeedableRng};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::csr::Csr;
use super::paths::{Direction, Limits, Search, dijkstra, dijkstra_until};
use super::progress::Progress;
use super::rank::{AudiencePath, audience_of, home_of, willingness};
use super::seats::{Seat, SeatReport, Seating};
use super::{AnalysisError, key_of};
use crate::model::{Function, Map, PersonId, Stance};

/// What board to choose.
#[derive(Debug, Clone, PartialEq)]
pub struct CoalitionQuery {
    /// How many people on the board.
    pub size: usize,
    /// `None`: the goal's audience, else every decision-maker.
    pub audience: Option<Vec<PersonId>>,
    /// `None`: the home team. Board members must be reachable from here and are not in it.
    pub from: Option<Vec<PersonId>>,
    /// People never put on the board.
    pub exclude: Vec<PersonId>,
    /// Audience members may be picked, to sway the other members.
    pub include_audience: bool,
    /// Fill the open seats first (our leader, an executive sponsor, IT, communications or
    /// marketing) where someone can fill them, then maximise reach.
    pub balanced: bool,
    pub seed: u64,
    /// At most this many reverse-reachable sets.
    pub max_sets: usize,
    /// Stop sampling once this many ties have been examined (big maps with a well-connected core
    /// make very large sets); at least `min_sets` are always drawn.
    pub work_budget: u64,
    /// Stop sampling once the sets hold this many people in all (memory: 4 bytes each).
    pub memory_budget: u64,
    pub min_sets: usize,
}

impl CoalitionQuery {
    pub fn new(size: usize) -> CoalitionQuery {
        CoalitionQuery {
            size,
            audience: None,
            from: None,
            exclude: vec![],
            include_audience: false,
            balanced: false,
            seed: 2024,
            max_sets: 100_000,
            work_budget: 80_000_000,
            memory_budget: 40_000_000,
            min_sets: 256,
        }
    }
}

/// A board member: how likely we are to recruit them, whom they reach, and what they add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BoardMember {
    pub id: String,
    pub name: String,
    pub stance: Stance,
    /// Their department's function.
    pub function: Function,
    /// The seats they fill.
    pub seats: Vec<Seat>,
    /// The chance we recruit them: `access × willingness`.
    pub recruitment: f64,
    /// The reliability of the most reliable chain from the home team to them.
    pub access: f64,
    pub willingness: f64,
    /// That chain, by key, from a home team member to them.
    pub access_path: Vec<String>,
    /// The share of the audience this person adds to the board chosen before them.
    pub marginal_gain: f64,
    /// The audience members their word reaches (themself aside), with the most reliable chain.
    pub reaches: Vec<AudiencePath>,
    #[serde(skip)]
    pub person: PersonId,
}

/// The board of advocates and how sure the estimate is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Board {
    /// In the order chosen.
    pub board: Vec<BoardMember>,
    /// The expected share (0-1) of the audience the board sways.
    pub expected_reach: f64,
    /// The expected number of audience members swayed.
    pub expected_people: f64,
    pub audience: Vec<String>,
    /// Reverse-reachable sets sampled.
    pub sets: usize,
    /// Standard error of `expected_reach`.
    pub standard_error: f64,
    /// Each seat, who fills it, and for an open one who could.
    pub seats: Vec<SeatReport>,
}

const BATCH: usize = 64;

fn set_rng(seed: u64, i: u64) -> rand_pcg::Pcg64 {
    rand_pcg::Pcg64::seed_from_u64(seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// Chooses the board of advocates.
pub fn coalition(
    map: &Map,
    query: &CoalitionQuery,
    progress: &Progress,
) -> Result<Board, AnalysisError> {
    coalition_in(map, &Csr::from_map(map), query, progress)
}

/// [`coalition`] on a snapshot already built.
pub fn coalition_in(
    map: &Map,
    csr: &Csr,
    query: &CoalitionQuery,
    progress: &Progress,
) -> Result<Board, AnalysisError> {
    let audience = audience_of(map, query.audience.as_ref())?;
    let home = home_of(map, query.from.as_ref())?;
    let aud = csr.indices(&audience);
    let src = csr.indices(&home);
    let n = csr.len();
    if aud.is_empty() {
        return Err(AnalysisError::Missing(
            "the audience is not on this map".into(),
        ));
    }
    // Candidates: reachable from the home team, not in it, willing, not excluded, and not in the
    // audience unless asked for; each with the chance we recruit them.
    let reach = dijkstra(csr, Direction::Forward, &src, &Limits::default());
    let mut recruit: Vec<f64> = (0..n)
        .map(|v| {
            map.person(csr.ids[v])
                .map_or(0.0, |p| reach.reliability(v as u32) * willingness(p.stance))
        })
        .collect();
    let mut off = src.clone();
    off.extend(csr.indices(&query.exclude));
    if !query.include_audience {
        off.extend(&aud);
    }
    for v in off {
        recruit[v as usize] = 0.0;
    }
    let candidate: Vec<bool> = recruit.iter().map(|r| *r > 0.0).collect();
    // A candidate is recruited in a sample when a 32-bit random number falls below this.
    let recruited_below: Vec<u32> = recruit.iter().map(|r| threshold(*r)).collect();

    // Sampling, in seeded batches so the result does not depend on the number of threads.
    let max_sets = query.max_sets.max(1);
    // Progress counts ties examined against the work budget.
    progress.start(query.work_budget);
    // A tie fires when a 32-bit random number falls below its threshold.
    let thresholds: Vec<u32> = csr.in_strengths.iter().map(|s| threshold(*s)).collect();
    let mut sets: Vec<Vec<u32>> = Vec::new();
    let scratch = std::sync::Mutex::new(Vec::new());
    let mut work: u64 = 0;
    let mut stored: u64 = 0;
    while sets.len() < max_sets
        && (sets.len() < query.min_sets
            || (work < query.work_budget && stored < query.memory_budget))
    {
        let start = sets.len();
        let count = BATCH.min(max_sets - start);
        let batch: Vec<(Vec<u32>, u64)> = (start..start + count)
            .into_par_iter()
            .map_init(
                || Scratch::take(&scratch, n),
                |Scratch {
                     stamp,
                     round,
                     queue,
                     ..
                 },
                 i| {
                    let mut rng = set_rng(query.seed, i as u64);
                    *round += 1;
                    let root = aud[rng.random_range(0..aud.len())];
                    let mut out = Vec::new();
                    let mut examined = 0u64;
                    queue.clear();
                    queue.push(root);
                    stamp[root as usize] = *round;
                    let mut bits = 0u64;
                    let mut left = 0;
                    let mut coin = || {
                        if left == 0 {
                            bits = rng.random::<u64>();
                            left = 2;
                        }
                        let c = bits as u32;
                        bits >>= 32;
                        left -= 1;
                        c
                    };
                    while let Some(v) = queue.pop() {
                        // The root's own word does not count; anyone else is on the set when
                        // recruited in this sample.
                        if v != root
                            && candidate[v as usize]
                            && coin() < recruited_below[v as usize]
                        {
                            out.push(v);
                        }
                        let r = csr.in_offsets[v as usize] as usize
                            ..csr.in_offsets[v as usize + 1] as usize;
                        examined += r.len() as u64;
                        for i in r {
                            let u = csr.in_sources[i];
                            if coin() < thresholds[i] && stamp[u as usize] != *round {
                                stamp[u as usize] = *round;
                                queue.push(u);
                            }
                        }
                    }
                    (out, examined)
                },
            )
            .collect();
        let mut batch_work = 0;
        for (set, w) in batch {
            batch_work += w;
            stored += set.len() as u64;
            sets.push(set);
        }
        work += batch_work;
        progress.advance(batch_work.min(query.work_budget.saturating_sub(progress.done())))?;
    }
    let theta = sets.len();

    let mut cover = Cover::new(n, &sets);
    drop(sets);
    let seating = Seating::new(map, csr, &src);
    let mut chosen = if query.balanced {
        seating.fill(&mut cover, &recruit, query.size)
    } else {
        vec![]
    };
    let mut eligible = candidate;
    for c in &chosen {
        eligible[c.0 as usize] = false;
    }
    chosen.extend(cover.greedy(&eligible, query.size - chosen.len()));
    let p = cover.reach();
    let members: Vec<u32> = chosen.iter().map(|c| c.0).collect();
    let seats = seating.report(map, csr, &cover, &recruit, &members);
    let board = describe_board(map, csr, &reach, &aud, &chosen, &seating, progress)?;
    Ok(Board {
        seats,
        board,
        expected_reach: p,
        expected_people: p * audience.len() as f64,
        audience: audience.iter().map(|a| key_of(map, *a)).collect(),
        sets: theta,
        standard_error: (p * (1.0 - p) / theta as f64).sqrt(),
    })
}

/// A sampling thread's working arrays: which people the current set has met (`stamp[v] ==
/// round`) and the people still to visit. Rayon asks for fresh ones many times per batch of
/// sets; they come back to `pool` when dropped, so the map-sized array is allocated a few
/// times in all, not for every batch (on 100 000 people that was gigabytes of zeroing).
struct Scratch<'p> {
    stamp: Vec<u32>,
    round: u32,
    queue: Vec<u32>,
    pool: &'p std::sync::Mutex<Vec<(Vec<u32>, u32)>>,
}

impl<'p> Scratch<'p> {
    fn take(pool: &'p std::sync::Mutex<Vec<(Vec<u32>, u32)>>, n: usize) -> Scratch<'p> {
        let kept = pool.lock().ok().and_then(|mut p| p.pop());
        let (stamp, round) = kept.unwrap_or_else(|| (vec![0u32; n], 0));
        Scratch {
            stamp,
            round,
            queue: Vec::new(),
            pool,
        }
    }
}

impl Drop for Scratch<'_> {
    fn drop(&mut self) {
        // Rounds only grow, so a stamp left from an earlier set never matches a later round.
        if let Ok(mut p) = self.pool.lock() {
            p.push((std::mem::take(&mut self.stamp), self.round));
        }
    }
}

fn threshold(p: f64) -> u32 {
    (p * 4_294_967_296.0).clamp(0.0, u32::MAX as f64) as u32
}

/// The sampled sets indexed by candidate, and which sets the board chosen so far covers.
pub(crate) struct Cover {
    /// The sets holding candidate `v` are `members[offsets[v]..offsets[v+1]]`.
    offsets: Vec<u32>,
    members: Vec<u32>,
    covered: Vec<bool>,
    total: u32,
    sets: usize,
}

impl Cover {
    fn new(n: usize, sets: &[Vec<u32>]) -> Cover {
        let mut offsets = vec![0u32; n + 1];
        for s in sets {
            for &v in s {
                offsets[v as usize + 1] += 1;
            }
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut fill = offsets.clone();
        let mut members = vec![0u32; offsets[n] as usize];
        for (i, s) in sets.iter().enumerate() {
            for &v in s {
                members[fill[v as usize] as usize] = i as u32;
                fill[v as usize] += 1;
            }
        }
        Cover {
            offsets,
            members,
            covered: vec![false; sets.len()],
            total: 0,
            sets: sets.len(),
        }
    }

    fn sets_of(&self, v: u32) -> &[u32] {
        &self.members[self.offsets[v as usize] as usize..self.offsets[v as usize + 1] as usize]
    }

    /// How many sets not yet covered hold `v`.
    pub(crate) fn gain(&self, v: u32) -> u32 {
        self.sets_of(v)
            .iter()
            .filter(|s| !self.covered[**s as usize])
            .count() as u32
    }

    /// Adds `v` to the board; returns the sets it newly covers.
    pub(crate) fn take(&mut self, v: u32) -> u32 {
        let r = self.offsets[v as usize] as usize..self.offsets[v as usize + 1] as usize;
        let mut gained = 0;
        for s in &self.members[r] {
            if !self.covered[*s as usize] {
                self.covered[*s as usize] = true;
                gained += 1;
            }
        }
        self.total += gained;
        gained
    }

    /// A number of sets as a share of the audience.
    pub(crate) fn share_of(&self, sets: u32) -> f64 {
        sets as f64 / self.sets.max(1) as f64
    }

    /// The expected reach of the board so far.
    pub(crate) fn reach(&self) -> f64 {
        self.total as f64 / self.sets.max(1) as f64
    }

    /// Greedy maximum coverage with lazy evaluation (CELF) over `eligible` people, up to `size`
    /// more members, stopping when nobody adds anything; returns each pick with its share added.
    pub(crate) fn greedy(&mut self, eligible: &[bool], size: usize) -> Vec<(u32, f64)> {
        // (gain, lower index first, the round the gain was computed in)
        let mut heap: BinaryHeap<(u32, std::cmp::Reverse<u32>, usize)> = (0..eligible.len() as u32)
            .filter(|&v| eligible[v as usize])
            .map(|v| (self.gain(v), std::cmp::Reverse(v), 0))
            .collect();
        let mut picks = Vec::new();
        while picks.len() < size {
            let Some((gain, std::cmp::Reverse(v), round)) = heap.pop() else {
                break;
            };
            if round != picks.len() {
                heap.push((self.gain(v), std::cmp::Reverse(v), picks.len()));
                continue;
            }
            if gain == 0 {
                break;
            }
            let got = self.take(v);
            picks.push((v, self.share_of(got)));
        }
        picks
    }
}

/// Each pick with the chance we recruit them, the chain and stance behind it, and the audience
/// members their word reaches (one backward search from each audience member).
fn describe_board(
    map: &Map,
    csr: &Csr,
    reach: &Search,
    aud: &[u32],
    chosen: &[(u32, f64)],
    seating: &Seating,
    progress: &Progress,
) -> Result<Vec<BoardMember>, AnalysisError> {
    if chosen.is_empty() {
        return Ok(vec![]);
    }
    // Each search stops once every pick is settled: their chains and reliabilities are then
    // final, and the rest of the map is not needed.
    let back: Vec<Search> = aud
        .par_iter()
        .map(|&a| {
            progress.check()?;
            let mut left: Vec<u32> = chosen.iter().map(|c| c.0).collect();
            Ok(dijkstra_until(csr, Direction::Backward, &[a], |v, _| {
                left.retain(|&c| c != v);
                !left.is_empty()
            }))
        })
        .collect::<Result<_, AnalysisError>>()?;
    let keys = |chain: &[u32]| -> Vec<String> {
        chain
            .iter()
            .map(|x| key_of(map, csr.ids[*x as usize]))
            .collect()
    };
    Ok(chosen
        .iter()
        .map(|&(v, gain)| {
            let person = csr.ids[v as usize];
            let p = map.person(person);
            let stance = p.map_or(Stance::Neutral, |p| p.stance);
            let access = reach.reliability(v);
            let reaches = back
                .iter()
                .zip(aud)
                .filter(|(r, a)| **a != v && r.dist[v as usize].is_finite())
                .map(|(r, &a)| {
                    let mut chain = r.chain(v);
                    chain.reverse();
                    AudiencePath {
                        to: key_of(map, csr.ids[a as usize]),
                        path: keys(&chain),
                        reliability: r.reliability(v),
                    }
                })
                .collect();
            BoardMember {
                id: key_of(map, person),
                name: p.map(|p| p.name.clone()).unwrap_or_default(),
                stance,
                function: seating.function[v as usize],
                seats: seating.seats(v),
                recruitment: access * willingness(stance),
                access,
                willingness: willingness(stance),
                access_path: keys(&reach.chain(v)),
                marginal_gain: gain,
                reaches,
                person,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::rank::{RankQuery, rank_in};
    use crate::analysis::testmap;

    /// The expected reach of boards under the model, exactly over recruitment and by Monte Carlo
    /// over the ties (`worlds` live-edge graphs shared by every board).
    struct Worlds {
        /// For each world, for each person index: the audience members they reach (bitmask).
        reach: Vec<Vec<u64>>,
        aud: Vec<u32>,
        recruit: Vec<f64>,
    }

    impl Worlds {
        fn sample(csr: &Csr, aud: &[u32], recruit: Vec<f64>, worlds: usize, seed: u64) -> Worlds {
            let mut rng = rand_pcg::Pcg64::seed_from_u64(seed);
            let n = csr.len();
            let mut reach = Vec::new();
            for _ in 0..worlds {
                let live: Vec<bool> = csr
                    .out_strengths
                    .iter()
                    .map(|s| rng.random::<f64>() < *s)
                    .collect();
                let mut masks = vec![0u64; n];
                for start in 0..n as u32 {
                    let mut seen = vec![false; n];
                    let mut stack = vec![start];
                    seen[start as usize] = true;
                    while let Some(v) = stack.pop() {
                        if let Some(j) = aud.iter().position(|a| *a == v) {
                            masks[start as usize] |= 1 << j;
                        }
                        let r = csr.out_offsets[v as usize] as usize
                            ..csr.out_offsets[v as usize + 1] as usize;
                        for e in r {
                            let w = csr.out_targets[e];
                            if live[e] && !seen[w as usize] {
                                seen[w as usize] = true;
                                stack.push(w);
                            }
                        }
                    }
                }
                reach.push(masks);
            }
            Worlds {
                reach,
                aud: aud.to_vec(),
                recruit,
            }
        }

        /// The expected share of the audience swayed: for each world and audience member, the
        /// chance that a board member reaching them (themself aside) is recruited.
        fn share(&self, board: &[u32]) -> f64 {
            let mut total = 0.0;
            for masks in &self.reach {
                for (j, a) in self.aud.iter().enumerate() {
                    let missed: f64 = board
                        .iter()
                        .filter(|b| *b != a && masks[**b as usize] & (1 << j) != 0)
                        .map(|b| 1.0 - self.recruit[*b as usize])
                        .product();
                    total += 1.0 - missed;
                }
            }
            total / (self.reach.len() * self.aud.len()) as f64
        }
    }

    fn subsets(items: &[u32], k: usize, out: &mut Vec<Vec<u32>>, cur: &mut Vec<u32>, from: usize) {
        if cur.len() == k {
            out.push(cur.clone());
            return;
        }
        for i in from..items.len() {
            cur.push(items[i]);
            subsets(items, k, out, cur, i + 1);
            cur.pop();
        }
    }

    /// Recruitment chances as the model defines them, for the tests' own check.
    fn recruitment(m: &Map, csr: &Csr, home: &[u32]) -> Vec<f64> {
        let reach = dijkstra(csr, Direction::Forward, home, &Limits::default());
        (0..csr.len() as u32)
            .map(|v| {
                let p = m.person(csr.ids[v as usize]).unwrap();
                reach.reliability(v) * willingness(p.stance)
            })
            .collect()
    }

    #[test]
    fn board_is_within_five_percent_of_the_best_board_under_the_model() {
        for (seed, k, include_audience) in [
            (1u64, 1usize, false),
            (2, 2, false),
            (3, 3, false),
            (4, 3, true),
            (5, 2, true),
            (6, 3, false),
        ] {
            let mut m = testmap::random(28, 3, seed);
            m.home.people = vec![PersonId(1)];
            testmap::set_stance(&mut m, 1, Stance::Champion);
            m.goal.audience.people = (21..=28).map(PersonId).collect();
            let csr = Csr::from_map(&m);
            let mut q = CoalitionQuery::new(k);
            q.max_sets = 40_000;
            q.include_audience = include_audience;
            let b = coalition_in(&m, &csr, &q, &Progress::new()).unwrap();
            assert_eq!(b.sets, 40_000);
            let aud = csr.indices(&m.audience());
            let recruit = recruitment(&m, &csr, &[0]);
            let cands: Vec<u32> = (1..csr.len() as u32)
                .filter(|v| recruit[*v as usize] > 0.0)
                .filter(|v| include_audience || !aud.contains(v))
                .collect();
            assert!(
                cands.len() <= 25 && cands.len() > k,
                "seed {seed}: {} candidates",
                cands.len()
            );
            let worlds = Worlds::sample(&csr, &aud, recruit.clone(), 3000, seed + 100);
            let mut all = vec![];
            subsets(&cands, k, &mut all, &mut vec![], 0);
            let best = all.iter().map(|s| worlds.share(s)).fold(0.0, f64::max);
            let chosen: Vec<u32> = b.board.iter().map(|x| csr.index[&x.person]).collect();
            assert!(chosen.iter().all(|c| cands.contains(c)));
            let got = worlds.share(&chosen);
            assert!(
                got >= 0.95 * best,
                "seed {seed} k {k}: board {got} vs best {best}"
            );
            // The board's own estimate agrees with the simulations.
            assert!(
                (b.expected_reach - got).abs() < 4.0 * b.standard_error + 0.01,
                "{} vs {got}",
                b.expected_reach
            );
            let gains: f64 = b.board.iter().map(|x| x.marginal_gain).sum();
            assert!((gains - b.expected_reach).abs() < 1e-12);
            for x in &b.board {
                let v = csr.index[&x.person];
                assert!((x.recruitment - recruit[v as usize]).abs() < 1e-12);
                assert_eq!(x.access_path[0], "p1");
            }
        }
    }

    /// Where chains are the only routes (a tree of ties from the home team), the chance a
    /// recruited person's word reaches an audience member is their chain's reliability, so a
    /// board of one is the ranking's top advocate.
    #[test]
    fn a_board_of_one_is_the_rankings_top_advocate_on_trees() {
        let mut checked = 0;
        for seed in 0..40u64 {
            let mut rng = rand_pcg::Pcg64::seed_from_u64(seed);
            let n = 16;
            let ties: Vec<(i64, i64, f64)> = (2..=n)
                .map(|i| (rng.random_range(1..i), i, 0.2 + 0.75 * rng.random::<f64>()))
                .collect();
            let mut m = testmap::map(n, &ties);
            m.home.people = vec![PersonId(1)];
            for i in 2..=n {
                let s =
                    [Stance::Champion, Stance::Supporter, Stance::Neutral][rng.random_range(0..3)];
                testmap::set_stance(&mut m, i, s);
            }
            m.goal.audience.people = (n - 4..=n).map(PersonId).collect();
            let csr = Csr::from_map(&m);
            let r = rank_in(&m, &csr, &RankQuery::default(), &Progress::new()).unwrap();
            // Only where the top advocate is clearly ahead of the next (sampling error aside).
            let [first, second, ..] = r.advocates.as_slice() else {
                continue;
            };
            if first.score < 1.15 * second.score {
                continue;
            }
            let mut q = CoalitionQuery::new(1);
            q.max_sets = 60_000;
            let b = coalition_in(&m, &csr, &q, &Progress::new()).unwrap();
            assert_eq!(b.board[0].id, first.id, "seed {seed}");
            assert!(
                (b.expected_reach - first.score).abs() < 4.0 * b.standard_error,
                "seed {seed}: board {} vs score {}",
                b.expected_reach,
                first.score
            );
            assert!((b.board[0].recruitment - first.access * first.willingness).abs() < 1e-12);
            checked += 1;
        }
        assert!(checked >= 10, "{checked}");
    }

    #[test]
    fn board_skips_the_opposed_the_excluded_the_unreachable_and_the_audience() {
        // 1 (home) → 2 → 5 and 1 → 3 → 5; 4 → 5 but nobody reaches 4; 3 is a sceptic;
        // 6 is in the audience with 5 and sways 5 certainly.
        let mut m = testmap::map(
            6,
            &[
                (1, 2, 0.5),
                (2, 5, 0.5),
                (1, 3, 0.9),
                (3, 5, 0.9),
                (4, 5, 1.0),
                (1, 6, 1.0),
                (6, 5, 1.0),
            ],
        );
        m.home.people = vec![PersonId(1)];
        m.goal.audience.people = vec![PersonId(5), PersonId(6)];
        testmap::set_stance(&mut m, 3, Stance::Sceptic);
        testmap::set_stance(&mut m, 2, Stance::Champion);
        let b = coalition(&m, &CoalitionQuery::new(2), &Progress::new()).unwrap();
        let ids: Vec<&str> = b.board.iter().map(|x| x.id.as_str()).collect();
        // Only p2 is a candidate: recruited at 0.5, reaching p5 at 0.5: 0.125 of the audience.
        assert_eq!(ids, ["p2"]);
        assert!(
            (b.expected_reach - 0.125).abs() < 0.01,
            "{}",
            b.expected_reach
        );
        assert_eq!(b.board[0].reaches.len(), 1);
        assert_eq!(b.board[0].reaches[0].path, ["p2", "p5"]);
        assert_eq!(b.board[0].access_path, ["p1", "p2"]);
        // With the audience: p6 (neutral, recruited at 0.4) sways p5 certainly: 0.4 · 1/2, and
        // nothing for themself.
        let mut q = CoalitionQuery::new(1);
        q.include_audience = true;
        let b = coalition(&m, &q, &Progress::new()).unwrap();
        assert_eq!(b.board[0].id, "p6");
        assert!(
            (b.expected_reach - 0.2).abs() < 0.01,
            "{}",
            b.expected_reach
        );
        q.exclude = vec![PersonId(6)];
        let b = coalition(&m, &q, &Progress::new()).unwrap();
        assert_eq!(b.board[0].id, "p2");
        let json = serde_json::to_value(&b).unwrap();
        assert_eq!(json["board"][0]["id"], "p2");
        for f in ["marginal_gain", "recruitment", "access"] {
            assert!(json["board"][0][f].is_number(), "{f}");
        }
        assert_eq!(json["board"][0]["stance"], "champion");
        assert_eq!(json["audience"][0], "p5");
    }
}
