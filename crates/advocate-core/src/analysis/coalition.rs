//! The board of advocates: the few people who together reach the audience best, under the
//! independent-cascade model where each tie's strength is the chance that its endorsement passes.
//!
//! The expected share of the audience swayed by a board is estimated with reverse-reachable sets
//! (RIS): each set is rooted at an audience member chosen at random and holds everyone whose word
//! reaches that member through ties that "fire" (each independently with its strength). A board
//! sways the root of a set exactly when it holds someone in the set, so the share of sets the board
//! covers estimates the share of the audience it sways (standard error `sqrt(p(1−p)/sets)`).
//! A board member who is in the audience counts as swayed themself (senior decision-makers
//! belong on the board). The board is chosen by greedy maximum coverage with lazy evaluation (CELF), which is within
//! `1 − 1/e` of the best board on the sampled sets and usually much closer. Sampling is seeded, so
//! the same map gives the same board.

use std::collections::BinaryHeap;

use rand::{RngExt, SeedableRng};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::csr::Csr;
use super::paths::{Direction, Limits, dijkstra};
use super::progress::Progress;
use super::rank::{audience_of, home_of};
use super::{AnalysisError, key_of};
use crate::model::{Map, PersonId};

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
            seed: 2024,
            max_sets: 100_000,
            work_budget: 80_000_000,
            memory_budget: 40_000_000,
            min_sets: 256,
        }
    }
}

/// A board member and what they add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BoardMember {
    pub id: String,
    pub name: String,
    /// The share of the audience this person adds to the board chosen before them.
    pub marginal_gain: f64,
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
    // Candidates: reachable from the home team, not in it, not opposed, not excluded.
    let reach = dijkstra(csr, Direction::Forward, &src, &Limits::default());
    let mut candidate: Vec<bool> = (0..n)
        .map(|v| {
            reach.dist[v].is_finite()
                && map
                    .person(csr.ids[v])
                    .is_some_and(|p| !p.stance.is_opposed())
        })
        .collect();
    for &s in &src {
        candidate[s as usize] = false;
    }
    for v in csr.indices(&query.exclude) {
        candidate[v as usize] = false;
    }

    // Sampling, in seeded batches so the result does not depend on the number of threads.
    let max_sets = query.max_sets.max(1);
    // Progress counts ties examined against the work budget.
    progress.start(query.work_budget);
    // A tie fires when a 32-bit random number falls below its threshold.
    let thresholds: Vec<u32> = csr
        .in_strengths
        .iter()
        .map(|s| (s * 4_294_967_296.0).min(u32::MAX as f64) as u32)
        .collect();
    let mut sets: Vec<Vec<u32>> = Vec::new();
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
                || (vec![0u32; n], 0u32, Vec::new()),
                |(stamp, round, queue), i| {
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
                    while let Some(v) = queue.pop() {
                        if candidate[v as usize] {
                            out.push(v);
                        }
                        let r = csr.in_offsets[v as usize] as usize
                            ..csr.in_offsets[v as usize + 1] as usize;
                        examined += r.len() as u64;
                        for i in r {
                            if left == 0 {
                                bits = rng.random::<u64>();
                                left = 2;
                            }
                            let coin = bits as u32;
                            bits >>= 32;
                            left -= 1;
                            let u = csr.in_sources[i];
                            if coin < thresholds[i] && stamp[u as usize] != *round {
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

    // Greedy maximum coverage with lazy evaluation.
    let mut offsets = vec![0u32; n + 1];
    for s in &sets {
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
    let mut covered = vec![false; theta];
    // (gain, lower index first, round the gain was computed in)
    let mut heap: BinaryHeap<(u32, std::cmp::Reverse<u32>, usize)> = (0..n as u32)
        .filter(|&v| candidate[v as usize])
        .map(|v| {
            (
                offsets[v as usize + 1] - offsets[v as usize],
                std::cmp::Reverse(v),
                0,
            )
        })
        .collect();
    let mut board = Vec::new();
    let mut total = 0u32;
    while board.len() < query.size {
        let Some((gain, std::cmp::Reverse(v), round)) = heap.pop() else {
            break;
        };
        if round != board.len() {
            let fresh = members[offsets[v as usize] as usize..offsets[v as usize + 1] as usize]
                .iter()
                .filter(|s| !covered[**s as usize])
                .count() as u32;
            heap.push((fresh, std::cmp::Reverse(v), board.len()));
            continue;
        }
        if gain == 0 {
            break;
        }
        for s in &members[offsets[v as usize] as usize..offsets[v as usize + 1] as usize] {
            covered[*s as usize] = true;
        }
        total += gain;
        let person = csr.ids[v as usize];
        board.push(BoardMember {
            id: key_of(map, person),
            name: map
                .person(person)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            marginal_gain: gain as f64 / theta as f64,
            person,
        });
    }
    let p = total as f64 / theta as f64;
    Ok(Board {
        board,
        expected_reach: p,
        expected_people: p * audience.len() as f64,
        audience: audience.iter().map(|a| key_of(map, *a)).collect(),
        sets: theta,
        standard_error: (p * (1.0 - p) / theta as f64).sqrt(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testmap;
    use crate::model::Stance;

    /// The expected share of the audience swayed by each board, by Monte-Carlo cascades sharing
    /// the same sampled worlds (`worlds` live-edge graphs).
    struct Worlds {
        /// For each world, for each person index: the audience members they reach (bitmask).
        reach: Vec<Vec<u64>>,
        n_aud: usize,
    }

    impl Worlds {
        fn sample(csr: &Csr, aud: &[u32], worlds: usize, seed: u64) -> Worlds {
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
                n_aud: aud.len(),
            }
        }

        fn share(&self, board: &[u32]) -> f64 {
            let hits: u32 = self
                .reach
                .iter()
                .map(|m| {
                    board
                        .iter()
                        .fold(0u64, |acc, v| acc | m[*v as usize])
                        .count_ones()
                })
                .sum();
            hits as f64 / (self.reach.len() * self.n_aud) as f64
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

    #[test]
    fn board_is_within_five_percent_of_the_best_board() {
        for (seed, k) in [(1u64, 1usize), (2, 2), (3, 3), (4, 3), (5, 2)] {
            let mut m = testmap::random(28, 3, seed);
            m.home.people = vec![PersonId(1)];
            testmap::set_stance(&mut m, 1, Stance::Champion);
            m.goal.audience.people = (20..=27).map(PersonId).collect();
            let csr = Csr::from_map(&m);
            let mut q = CoalitionQuery::new(k);
            q.max_sets = 40_000;
            let b = coalition_in(&m, &csr, &q, &Progress::new()).unwrap();
            assert_eq!(b.sets, 40_000);
            let aud = csr.indices(&m.audience());
            let reach = dijkstra(&csr, Direction::Forward, &[0], &Limits::default());
            let cands: Vec<u32> = (1..csr.len() as u32)
                .filter(|v| {
                    reach.dist[*v as usize].is_finite()
                        && !m.person(csr.ids[*v as usize]).unwrap().stance.is_opposed()
                })
                .collect();
            assert!(
                cands.len() <= 25 && cands.len() > k,
                "seed {seed}: {} candidates",
                cands.len()
            );
            let worlds = Worlds::sample(&csr, &aud, 3000, seed + 100);
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
                (b.expected_reach - got).abs() < 0.03,
                "{} vs {got}",
                b.expected_reach
            );
            let gains: f64 = b.board.iter().map(|x| x.marginal_gain).sum();
            assert!((gains - b.expected_reach).abs() < 1e-12);
            assert!(b.standard_error > 0.0 && b.standard_error < 0.003);
        }
    }

    #[test]
    fn board_skips_the_opposed_the_excluded_and_the_unreachable() {
        // 1 (home) → 2 → 5 and 1 → 3 → 5; 4 → 5 but nobody reaches 4; 3 is a sceptic.
        let mut m = testmap::map(
            5,
            &[
                (1, 2, 0.5),
                (2, 5, 0.5),
                (1, 3, 0.9),
                (3, 5, 0.9),
                (4, 5, 1.0),
            ],
        );
        m.home.people = vec![PersonId(1)];
        m.goal.audience.people = vec![PersonId(5)];
        testmap::set_stance(&mut m, 3, Stance::Sceptic);
        let b = coalition(&m, &CoalitionQuery::new(2), &Progress::new()).unwrap();
        let ids: Vec<&str> = b.board.iter().map(|x| x.id.as_str()).collect();
        // 5 sways themself fully; after that nobody adds anything.
        assert_eq!(ids, ["p5"]);
        assert_eq!(b.expected_reach, 1.0);
        let mut q = CoalitionQuery::new(2);
        q.exclude = vec![PersonId(5)];
        let b = coalition(&m, &q, &Progress::new()).unwrap();
        let ids: Vec<&str> = b.board.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["p2"]);
        assert!(
            (b.expected_reach - 0.5).abs() < 0.02,
            "{}",
            b.expected_reach
        );
        let json = serde_json::to_value(&b).unwrap();
        assert_eq!(json["board"][0]["id"], "p2");
        assert!(json["board"][0]["marginal_gain"].is_number());
        assert_eq!(json["audience"][0], "p5");
    }
}
