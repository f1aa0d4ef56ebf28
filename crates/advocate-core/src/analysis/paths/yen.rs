//! Yen's loop-free alternatives to the best chain, every search an A* search towards the target
//! guided by a backward search from it ([`ToTarget`]) that grows only as far as the forward
//! searches need.

use std::collections::HashSet;

use super::super::csr::{Csr, distance};
use super::search::{NONE, Queue};

pub(super) fn chain_dist(csr: &Csr, chain: &[u32]) -> f64 {
    chain
        .windows(2)
        .map(|w| csr.tie(w[0], w[1]).map_or(f64::INFINITY, |t| distance(t.1)))
        .sum()
}

/// Up to `k` loop-free chains from any source to `target`, most reliable first (Yen's algorithm,
/// with the sources joined under one virtual start).
///
/// Every search here is an A* search towards `target`, guided by [`ToTarget`]: a backward
/// search from the target, shared by all of them and grown only as far as they need. The
/// searches then settle little more than the people near the chains they find, instead of
/// everyone closer to the start than the target is, which on a large map is most of it.
pub(crate) fn yen(
    csr: &Csr,
    sources: &[u32],
    target: u32,
    k: usize,
    no_pass: Option<&[bool]>,
) -> Vec<Vec<u32>> {
    let mut guide = ToTarget::new(csr, target, sources);
    let mut search = Guided::new(csr, target);
    let Some(first) = search.run(&mut guide, sources, no_pass, None, None) else {
        return vec![];
    };
    let mut accepted: Vec<Vec<u32>> = vec![first];
    let mut candidates: Vec<(f64, Vec<u32>)> = Vec::new();
    let mut banned = vec![false; csr.len()];
    while accepted.len() < k {
        let Some(last) = accepted.last().cloned() else {
            break;
        };
        // Spur from the virtual start: any source that no accepted chain begins with.
        let used: HashSet<u32> = accepted.iter().map(|c| c[0]).collect();
        let rest: Vec<u32> = sources
            .iter()
            .copied()
            .filter(|s| !used.contains(s))
            .collect();
        if let Some(c) = search.run(&mut guide, &rest, no_pass, None, None) {
            push_candidate(csr, &mut candidates, &accepted, c);
        }
        for i in 0..last.len().saturating_sub(1) {
            let spur = last[i];
            let root = &last[..=i];
            let mut banned_ties = HashSet::new();
            for c in &accepted {
                if c.len() > i + 1 && &c[..=i] == root {
                    banned_ties.insert((c[i], c[i + 1]));
                }
            }
            for &r in &root[..i] {
                banned[r as usize] = true;
            }
            let spur_path = search.run(
                &mut guide,
                &[spur],
                no_pass,
                Some(&banned),
                Some(&banned_ties),
            );
            for &r in &root[..i] {
                banned[r as usize] = false;
            }
            if let Some(sp) = spur_path {
                let mut c = root[..i].to_vec();
                c.extend(sp);
                push_candidate(csr, &mut candidates, &accepted, c);
            }
        }
        if candidates.is_empty() {
            break;
        }
        // Best candidate: lowest distance, then fewest people, then lexicographic.
        let best = candidates
            .iter()
            .enumerate()
            .min_by(|a, b| {
                a.1.0
                    .total_cmp(&b.1.0)
                    .then(a.1.1.len().cmp(&b.1.1.len()))
                    .then(a.1.1.cmp(&b.1.1))
            })
            .map(|(i, _)| i);
        let Some(best) = best else { break };
        let (_, c) = candidates.swap_remove(best);
        accepted.push(c);
    }
    accepted
}

/// How far each person is from a target at least, from a backward search from the target that
/// can be taken further: the exact distance of everyone it has settled, and for everyone else
/// the distance it has reached (its radius), which they are at least as far as. The search
/// never goes past the first source it settles, as the best chain lies within that radius.
///
/// As a guide for A* this is consistent (for a tie u→v, `bound(u) ≤ len(u→v) + bound(v)`),
/// and it stays so when people or ties are left out of a search, since that only makes
/// distances longer; so every guided search finds the best chain, however far the backward
/// search has gone. How far it should go is a balance: a short one leaves the forward searches
/// to wander, a long one settles most of a large map. [`Guided::run`] keeps the two in step.
pub(crate) struct ToTarget<'a> {
    csr: &'a Csr,
    /// Best distance to the target found so far: exact once settled.
    best: Vec<f64>,
    queue: Queue,
    is_source: Vec<bool>,
    /// The distance of the last person settled; no one unsettled is nearer.
    radius: f64,
    settled: usize,
    /// Met a source, or settled everyone who reaches the target.
    done: bool,
}

impl<'a> ToTarget<'a> {
    pub(crate) fn new(csr: &'a Csr, target: u32, sources: &[u32]) -> ToTarget<'a> {
        let n = csr.len();
        let mut is_source = vec![false; n];
        for &s in sources {
            is_source[s as usize] = true;
        }
        let mut best = vec![f64::INFINITY; n];
        let mut queue = Queue::new();
        best[target as usize] = 0.0;
        queue.push(0.0, target, 0.0);
        ToTarget {
            csr,
            best,
            queue,
            is_source,
            radius: 0.0,
            settled: 0,
            done: false,
        }
    }

    /// Settles people until `count` are settled (or the search is done).
    fn grow(&mut self, count: usize) {
        let csr = self.csr;
        while !self.done && self.settled < count {
            let Some((v, d)) = self.queue.pop() else {
                // Everyone who reaches the target is settled: the rest never do.
                self.radius = f64::INFINITY;
                self.done = true;
                break;
            };
            if d > self.best[v as usize] {
                continue;
            }
            self.radius = d;
            self.settled += 1;
            if self.is_source[v as usize] {
                self.done = true;
                break;
            }
            let r = csr.in_offsets[v as usize] as usize..csr.in_offsets[v as usize + 1] as usize;
            for (&u, &len) in csr.in_sources[r.clone()].iter().zip(&csr.in_dist[r]) {
                let nd = d + len;
                if nd < self.best[u as usize] {
                    self.best[u as usize] = nd;
                    self.queue.push(nd, u, nd);
                }
            }
        }
    }

    fn bound(&self, v: u32) -> f64 {
        // Settled: exact, and within the radius. Not settled: at least the radius, and the best
        // found so far is no less than the true distance.
        self.best[v as usize].min(self.radius)
    }
}

/// A guided search gave up: it had settled as many people as the guide, which should then go
/// further before the search is tried again.
struct OverBudget;

/// A* searches towards one target, reusing their arrays: only the entries a search touched
/// are reset before the next, so a search costs what it explores, not the map's size.
struct Guided<'a> {
    csr: &'a Csr,
    target: u32,
    dist: Vec<f64>,
    pred: Vec<u32>,
    touched: Vec<u32>,
    queue: Queue,
}

/// How many people the guide settles before the first search.
const FIRST_GUIDE: usize = 256;

impl<'a> Guided<'a> {
    fn new(csr: &'a Csr, target: u32) -> Guided<'a> {
        Guided {
            csr,
            target,
            dist: vec![f64::INFINITY; csr.len()],
            pred: vec![NONE; csr.len()],
            touched: Vec::new(),
            queue: Queue::new(),
        }
    }

    /// The best chain from any of `sources` to the target, within the limits: people in
    /// `no_pass` are not passed through (the ends excepted), `banned` people and ties are not
    /// used. A search that settles more people than the guide has is stopped, the guide is
    /// taken twice as far and the search tried again, so neither side does much more work
    /// than the other.
    fn run(
        &mut self,
        guide: &mut ToTarget,
        sources: &[u32],
        no_pass: Option<&[bool]>,
        banned: Option<&[bool]>,
        banned_ties: Option<&HashSet<(u32, u32)>>,
    ) -> Option<Vec<u32>> {
        guide.grow(FIRST_GUIDE);
        loop {
            let budget = if guide.done {
                usize::MAX
            } else {
                guide.settled
            };
            match self.attempt(guide, budget, sources, no_pass, banned, banned_ties) {
                Ok(found) => return found,
                Err(OverBudget) => guide.grow(2 * guide.settled),
            }
        }
    }

    fn reach(&mut self, guide: &ToTarget, v: u32, d: f64, from: u32) {
        if self.dist[v as usize].is_infinite() && self.pred[v as usize] == NONE {
            self.touched.push(v);
        }
        self.dist[v as usize] = d;
        self.pred[v as usize] = from;
        let f = d + guide.bound(v);
        if f.is_finite() {
            self.queue.push(f, v, d);
        }
    }

    fn attempt(
        &mut self,
        guide: &ToTarget,
        budget: usize,
        sources: &[u32],
        no_pass: Option<&[bool]>,
        banned: Option<&[bool]>,
        banned_ties: Option<&HashSet<(u32, u32)>>,
    ) -> Result<Option<Vec<u32>>, OverBudget> {
        for v in self.touched.drain(..) {
            self.dist[v as usize] = f64::INFINITY;
            self.pred[v as usize] = NONE;
        }
        self.queue.clear();
        for &s in sources {
            if banned.is_some_and(|b| b[s as usize]) {
                continue;
            }
            self.reach(guide, s, 0.0, NONE);
        }
        let csr = self.csr;
        let mut settled = 0usize;
        while let Some((v, queued)) = self.queue.pop() {
            let d = self.dist[v as usize];
            // Stale: v was reached more cheaply after this entry was queued.
            if queued > d {
                continue;
            }
            if v == self.target {
                let mut chain = vec![v];
                let mut at = v;
                while self.pred[at as usize] != NONE && chain.len() <= csr.len() {
                    at = self.pred[at as usize];
                    chain.push(at);
                }
                chain.reverse();
                return Ok(Some(chain));
            }
            settled += 1;
            if settled > budget {
                return Err(OverBudget);
            }
            // The ends may be sceptics: a source (no predecessor) is left, the target is not.
            if no_pass.is_some_and(|np| np[v as usize]) && self.pred[v as usize] != NONE {
                continue;
            }
            let r = csr.out_offsets[v as usize] as usize..csr.out_offsets[v as usize + 1] as usize;
            for (&w, &len) in csr.out_targets[r.clone()].iter().zip(&csr.out_dist[r]) {
                if banned.is_some_and(|b| b[w as usize])
                    || banned_ties.is_some_and(|t| t.contains(&(v, w)))
                {
                    continue;
                }
                let nd = d + len;
                if nd < self.dist[w as usize] {
                    self.reach(guide, w, nd, v);
                }
            }
        }
        Ok(None)
    }
}

pub(super) fn push_candidate(
    csr: &Csr,
    candidates: &mut Vec<(f64, Vec<u32>)>,
    accepted: &[Vec<u32>],
    c: Vec<u32>,
) {
    if !accepted.contains(&c) && !candidates.iter().any(|x| x.1 == c) {
        candidates.push((chain_dist(csr, &c), c));
    }
}
