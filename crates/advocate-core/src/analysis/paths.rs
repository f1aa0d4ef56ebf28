//! The most reliable chain of introductions from the home team (or a person) to a person, with
//! loop-free alternatives (Yen's algorithm), optionally avoiding sceptics or blockers and passing
//! through a chosen person. Also the Dijkstra search on −ln(strength) that ranking reuses.

use std::cmp::Reverse;
use std::collections::HashSet;

use radix_heap::RadixHeapMap;

use serde::{Deserialize, Serialize};

use super::csr::{Csr, distance};
use super::{AnalysisError, describe, key_of, label_of};
use crate::model::{Map, PersonId, Stance};

pub(crate) const NONE: u32 = u32::MAX;

/// Which way a search follows ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// From the sources along ties: who the sources reach.
    Forward,
    /// Against ties: who reaches the sources.
    Backward,
}

/// Limits on a search.
#[derive(Default)]
pub(crate) struct Limits<'a> {
    /// People the search may end at but never pass through (sources excepted).
    pub no_pass: Option<&'a [bool]>,
    /// People the search never enters.
    pub banned: Option<&'a [bool]>,
    /// Ties `(from, to)` (in the direction searched) never used.
    pub banned_ties: Option<&'a HashSet<(u32, u32)>>,
    /// Stop once this person is settled.
    pub target: Option<u32>,
}

/// The queue of a search: people by distance, nearest first, each with the distance it was
/// queued at (so a stale entry is told from a current one). Distances are never negative, so
/// their bit patterns order like the numbers, and a search only ever queues people at or
/// beyond the distance it last took out: a radix heap (monotone) serves, several times quicker
/// than a binary heap on a large map.
struct Queue(RadixHeapMap<Reverse<u64>, (u32, f64)>);

impl Queue {
    fn new() -> Queue {
        Queue(RadixHeapMap::new())
    }

    /// Queues `v` under `key` (its distance, or for A* its distance plus the guide's bound),
    /// having reached it at distance `dist`. A key a rounding error below the last one taken
    /// out is queued at that one: the heap needs keys that never go down.
    fn push(&mut self, key: f64, v: u32, dist: f64) {
        let mut k = Reverse(key.to_bits());
        if let Some(top) = self.0.top()
            && k > top
        {
            k = top;
        }
        self.0.push(k, (v, dist));
    }

    /// The nearest person and the distance they were queued at.
    fn pop(&mut self) -> Option<(u32, f64)> {
        self.0.pop().map(|(_, entry)| entry)
    }

    fn clear(&mut self) {
        self.0.clear();
    }
}

/// Distances (−ln reliability) and predecessors of a search; `pred[v]` is the previous person on
/// the best chain in the direction searched.
pub(crate) struct Search {
    pub dist: Vec<f64>,
    pub pred: Vec<u32>,
}

impl Search {
    /// The chain from a source to `v`, source first (for a backward search: `v` first).
    pub fn chain(&self, v: u32) -> Vec<u32> {
        let mut out = vec![v];
        let mut at = v;
        while self.pred[at as usize] != NONE {
            at = self.pred[at as usize];
            out.push(at);
            if out.len() > self.pred.len() {
                break;
            }
        }
        out.reverse();
        out
    }

    pub fn reliability(&self, v: u32) -> f64 {
        (-self.dist[v as usize]).exp()
    }
}

/// Dijkstra on −ln(strength) from several sources at once.
pub(crate) fn dijkstra(csr: &Csr, dir: Direction, sources: &[u32], limits: &Limits) -> Search {
    if limits.no_pass.is_none()
        && limits.banned.is_none()
        && limits.banned_ties.is_none()
        && limits.target.is_none()
    {
        return dijkstra_plain(csr, dir, sources);
    }
    let n = csr.len();
    let mut dist = vec![f64::INFINITY; n];
    let mut pred = vec![NONE; n];
    let mut done = vec![false; n];
    let mut heap = Queue::new();
    for &s in sources {
        if limits.banned.is_some_and(|b| b[s as usize]) {
            continue;
        }
        dist[s as usize] = 0.0;
        heap.push(0.0, s, 0.0);
    }
    let source_mask: Option<Vec<bool>> = limits.no_pass.map(|_| {
        let mut m = vec![false; n];
        for &s in sources {
            m[s as usize] = true;
        }
        m
    });
    let is_source = |v: u32| source_mask.as_ref().is_some_and(|m| m[v as usize]);
    while let Some((v, d)) = heap.pop() {
        if done[v as usize] {
            continue;
        }
        done[v as usize] = true;
        if limits.target == Some(v) {
            break;
        }
        if limits.no_pass.is_some_and(|np| np[v as usize]) && !is_source(v) {
            continue;
        }
        let (r, targets, dists) = match dir {
            Direction::Forward => (
                csr.out_offsets[v as usize] as usize..csr.out_offsets[v as usize + 1] as usize,
                &csr.out_targets,
                &csr.out_dist,
            ),
            Direction::Backward => (
                csr.in_offsets[v as usize] as usize..csr.in_offsets[v as usize + 1] as usize,
                &csr.in_sources,
                &csr.in_dist,
            ),
        };
        for i in r {
            let w = targets[i];
            if done[w as usize]
                || limits.banned.is_some_and(|b| b[w as usize])
                || limits.banned_ties.is_some_and(|t| t.contains(&(v, w)))
            {
                continue;
            }
            let nd = d + dists[i];
            if nd < dist[w as usize] {
                dist[w as usize] = nd;
                pred[w as usize] = v;
                heap.push(nd, w, nd);
            }
        }
    }
    Search { dist, pred }
}

/// [`dijkstra`] without limits: the hot loop of ranking. A popped entry is stale when its
/// distance is above the best known (entries are pushed only on strict improvement, and
/// distances are never negative, so a settled person is never improved again).
fn dijkstra_plain(csr: &Csr, dir: Direction, sources: &[u32]) -> Search {
    let n = csr.len();
    let mut dist = vec![f64::INFINITY; n];
    let mut pred = vec![NONE; n];
    let mut heap = Queue::new();
    for &s in sources {
        dist[s as usize] = 0.0;
        heap.push(0.0, s, 0.0);
    }
    let (offsets, targets, dists) = match dir {
        Direction::Forward => (&csr.out_offsets, &csr.out_targets, &csr.out_dist),
        Direction::Backward => (&csr.in_offsets, &csr.in_sources, &csr.in_dist),
    };
    while let Some((v, d)) = heap.pop() {
        if d > dist[v as usize] {
            continue;
        }
        let r = offsets[v as usize] as usize..offsets[v as usize + 1] as usize;
        for (&w, &len) in targets[r.clone()].iter().zip(&dists[r]) {
            let nd = d + len;
            if nd < dist[w as usize] {
                dist[w as usize] = nd;
                pred[w as usize] = v;
                heap.push(nd, w, nd);
            }
        }
    }
    Search { dist, pred }
}

/// One step of a chain: `from` sways `to` through a tie of this kind and strength.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Step {
    pub from: String,
    pub to: String,
    pub kind: String,
    pub strength: f64,
}

/// A chain of introductions: the people in order (by key), the product of the strengths and the
/// steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Path {
    pub people: Vec<String>,
    pub names: Vec<String>,
    pub reliability: f64,
    pub steps: Vec<Step>,
    #[serde(skip)]
    pub ids: Vec<PersonId>,
}

/// The kinds of the ties from `a` to `b`, joined with " + " when the pair is linked in several
/// ways (their strengths combine in the step's).
fn kinds(map: &Map, a: PersonId, b: PersonId) -> Option<String> {
    let mut kinds: Vec<String> = map
        .ties_from(a)
        .filter(|t| t.to == b && t.strength > 0.0)
        .map(|t| t.kind.to_string())
        .collect();
    kinds.sort();
    (!kinds.is_empty()).then(|| kinds.join(" + "))
}

impl Path {
    pub(crate) fn from_chain(map: &Map, csr: &Csr, chain: &[u32]) -> Path {
        let ids: Vec<PersonId> = chain.iter().map(|v| csr.ids[*v as usize]).collect();
        let mut steps = Vec::new();
        let mut reliability = 1.0;
        for w in chain.windows(2) {
            let (tie, strength) = csr.tie(w[0], w[1]).unwrap_or((crate::TieId(-1), 0.0));
            reliability *= strength;
            steps.push(Step {
                from: key_of(map, csr.ids[w[0] as usize]),
                to: key_of(map, csr.ids[w[1] as usize]),
                kind: kinds(map, csr.ids[w[0] as usize], csr.ids[w[1] as usize]).unwrap_or_else(
                    || map.tie(tie).map(|t| t.kind.to_string()).unwrap_or_default(),
                ),
                strength,
            });
        }
        Path {
            people: ids.iter().map(|p| key_of(map, *p)).collect(),
            names: ids
                .iter()
                .map(|p| map.person(*p).map(|x| x.name.clone()).unwrap_or_default())
                .collect(),
            reliability,
            steps,
            ids,
        }
    }
}

/// What to find: chains from any of `from` to `to`.
#[derive(Debug, Clone, PartialEq)]
pub struct PathQuery {
    /// Where chains start: the home team's members, or one person.
    pub from: Vec<PersonId>,
    pub to: PersonId,
    /// How many alternatives to the best chain (0: only the best).
    pub alternatives: usize,
    /// People of this stance or worse are never passed through (the ends excepted):
    /// `Some(Stance::Sceptic)` avoids sceptics and blockers, `Some(Stance::Blocker)` blockers.
    pub avoid: Option<Stance>,
    /// Every chain passes through this person.
    pub via: Option<PersonId>,
}

impl PathQuery {
    pub fn new(from: Vec<PersonId>, to: PersonId) -> PathQuery {
        PathQuery {
            from,
            to,
            alternatives: 0,
            avoid: None,
            via: None,
        }
    }
}

/// The most reliable chains of introductions, best first.
pub fn find_paths(map: &Map, query: &PathQuery) -> Result<Vec<Path>, AnalysisError> {
    find_paths_in(map, &Csr::from_map(map), query)
}

/// [`find_paths`] on a snapshot already built.
pub fn find_paths_in(map: &Map, csr: &Csr, query: &PathQuery) -> Result<Vec<Path>, AnalysisError> {
    let sources = csr.indices(&query.from);
    if sources.is_empty() {
        return Err(AnalysisError::Missing(
            "no one to start from: the home team is empty (set it, or name a person with --from)"
                .into(),
        ));
    }
    let Some(&target) = csr.index.get(&query.to) else {
        return Err(AnalysisError::Missing(format!(
            "no person {} on this map",
            key_of(map, query.to)
        )));
    };
    let no_pass: Option<Vec<bool>> = query.avoid.map(|worst| {
        csr.ids
            .iter()
            .map(|p| map.person(*p).is_some_and(|x| x.stance <= worst))
            .collect()
    });
    let k = query.alternatives + 1;
    let chains = match query.via {
        None => yen(csr, &sources, target, k, no_pass.as_deref()),
        Some(via) => {
            let Some(&v) = csr.index.get(&via) else {
                return Err(AnalysisError::Missing(format!(
                    "no person {} on this map",
                    key_of(map, via)
                )));
            };
            let first = yen(csr, &sources, v, k, no_pass.as_deref());
            let second = yen(csr, &[v], target, k, no_pass.as_deref());
            let mut joined: Vec<(f64, Vec<u32>)> = Vec::new();
            for a in &first {
                for b in &second {
                    let mut chain = a.clone();
                    chain.extend_from_slice(&b[1..]);
                    let mut seen = HashSet::new();
                    if chain.iter().all(|x| seen.insert(*x)) {
                        joined.push((chain_dist(csr, &chain), chain));
                    }
                }
            }
            joined.sort_by(|a, b| a.0.total_cmp(&b.0));
            joined.into_iter().take(k).map(|(_, c)| c).collect()
        }
    };
    if chains.is_empty() {
        return Err(no_path_error(
            map,
            csr,
            query,
            &sources,
            target,
            no_pass.as_deref(),
        ));
    }
    Ok(chains
        .iter()
        .map(|c| Path::from_chain(map, csr, c))
        .collect())
}

fn chain_dist(csr: &Csr, chain: &[u32]) -> f64 {
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

fn push_candidate(
    csr: &Csr,
    candidates: &mut Vec<(f64, Vec<u32>)>,
    accepted: &[Vec<u32>],
    c: Vec<u32>,
) {
    if !accepted.contains(&c) && !candidates.iter().any(|x| x.1 == c) {
        candidates.push((chain_dist(csr, &c), c));
    }
}

fn shortest(
    csr: &Csr,
    sources: &[u32],
    target: u32,
    no_pass: Option<&[bool]>,
    banned: Option<&[bool]>,
    banned_ties: Option<&HashSet<(u32, u32)>>,
) -> Option<Vec<u32>> {
    if sources.is_empty() {
        return None;
    }
    let s = dijkstra(
        csr,
        Direction::Forward,
        sources,
        &Limits {
            no_pass,
            banned,
            banned_ties,
            target: Some(target),
        },
    );
    s.dist[target as usize].is_finite().then(|| s.chain(target))
}

/// Says which side is cut off when no chain exists.
fn no_path_error(
    map: &Map,
    csr: &Csr,
    query: &PathQuery,
    sources: &[u32],
    target: u32,
    no_pass: Option<&[bool]>,
) -> AnalysisError {
    let from = describe(map, &query.from);
    let to = label_of(map, query.to);
    let reach = |dir, starts: &[u32], np| {
        let s = dijkstra(
            csr,
            dir,
            starts,
            &Limits {
                no_pass: np,
                ..Limits::default()
            },
        );
        s.dist.iter().filter(|d| d.is_finite()).count() - starts.len().min(csr.len())
    };
    let out_ties: usize = sources.iter().map(|s| csr.out_degree(*s)).sum();
    let reason = if out_ties == 0 {
        format!("{from} reaches nobody (no ties out)")
    } else if csr.in_degree(target) == 0 {
        format!("nobody reaches {to} (no ties in)")
    } else if let Some(via) = query.via
        && shortest(csr, sources, target, no_pass, None, None).is_some()
    {
        format!(
            "every chain through {} repeats a person or is cut off",
            label_of(map, via)
        )
    } else if no_pass.is_some() && shortest(csr, sources, target, None, None, None).is_some() {
        let what = match query.avoid {
            Some(Stance::Blocker) => "a blocker",
            _ => "a sceptic or blocker",
        };
        format!("every chain passes through {what}")
    } else {
        // Only here are the two sides searched whole, to say how far each reaches.
        let forward = reach(Direction::Forward, sources, None);
        let backward = reach(Direction::Backward, &[target], None);
        format!(
            "both sides have ties but are in separate parts of the map ({from} reaches {forward} people, {backward} people reach {to})"
        )
    };
    AnalysisError::NoPath { from, to, reason }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testmap;

    fn ids(v: &[i64]) -> Vec<PersonId> {
        v.iter().map(|i| PersonId(*i)).collect()
    }

    fn keys(p: &Path) -> Vec<String> {
        p.people.clone()
    }

    #[test]
    fn most_reliable_chain_is_the_product_of_strengths() {
        // 1→2→4: 0.9·0.9 = 0.81 beats 1→4 direct 0.5 and 1→3→4: 0.6·0.6 = 0.36.
        let m = testmap::map(
            4,
            &[
                (1, 2, 0.9),
                (2, 4, 0.9),
                (1, 4, 0.5),
                (1, 3, 0.6),
                (3, 4, 0.6),
            ],
        );
        let mut q = PathQuery::new(ids(&[1]), PersonId(4));
        q.alternatives = 5;
        let paths = find_paths(&m, &q).unwrap();
        assert_eq!(paths.len(), 3);
        assert_eq!(keys(&paths[0]), ["p1", "p2", "p4"]);
        assert!((paths[0].reliability - 0.81).abs() < 1e-12);
        assert_eq!(keys(&paths[1]), ["p1", "p4"]);
        assert_eq!(keys(&paths[2]), ["p1", "p3", "p4"]);
        assert!((paths[2].reliability - 0.36).abs() < 1e-12);
        assert_eq!(paths[0].steps[1].from, "p2");
        assert_eq!(paths[0].steps[1].kind, "peer");
    }

    #[test]
    fn yen_finds_alternatives_that_share_a_start() {
        // Classic: alternatives that deviate in the middle of the best path.
        let m = testmap::map(
            5,
            &[
                (1, 2, 0.9),
                (2, 3, 0.9),
                (3, 5, 0.9),
                (2, 4, 0.5),
                (4, 5, 0.9),
                (1, 3, 0.3),
            ],
        );
        let mut q = PathQuery::new(ids(&[1]), PersonId(5));
        q.alternatives = 2;
        let p = find_paths(&m, &q).unwrap();
        assert_eq!(keys(&p[0]), ["p1", "p2", "p3", "p5"]);
        assert_eq!(keys(&p[1]), ["p1", "p2", "p4", "p5"]);
        assert_eq!(keys(&p[2]), ["p1", "p3", "p5"]);
        for w in p.windows(2) {
            assert!(w[0].reliability >= w[1].reliability);
        }
    }

    #[test]
    fn several_sources_start_wherever_is_best() {
        let m = testmap::map(4, &[(1, 3, 0.2), (2, 3, 0.8), (3, 4, 0.5)]);
        let mut q = PathQuery::new(ids(&[1, 2]), PersonId(4));
        q.alternatives = 3;
        let p = find_paths(&m, &q).unwrap();
        assert_eq!(keys(&p[0]), ["p2", "p3", "p4"]);
        assert_eq!(keys(&p[1]), ["p1", "p3", "p4"]);
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn avoiding_sceptics_never_passes_through_them_but_may_end_at_one() {
        let mut m = testmap::map(4, &[(1, 2, 0.9), (2, 4, 0.9), (1, 3, 0.3), (3, 4, 0.3)]);
        testmap::set_stance(&mut m, 2, Stance::Sceptic);
        testmap::set_stance(&mut m, 4, Stance::Blocker);
        let mut q = PathQuery::new(ids(&[1]), PersonId(4));
        q.avoid = Some(Stance::Sceptic);
        assert_eq!(keys(&find_paths(&m, &q).unwrap()[0]), ["p1", "p3", "p4"]);
        q.avoid = Some(Stance::Blocker);
        assert_eq!(keys(&find_paths(&m, &q).unwrap()[0]), ["p1", "p2", "p4"]);
        testmap::set_stance(&mut m, 3, Stance::Sceptic);
        q.avoid = Some(Stance::Sceptic);
        let e = find_paths(&m, &q).unwrap_err().to_string();
        assert!(e.contains("every chain passes through a sceptic"), "{e}");
    }

    #[test]
    fn via_a_person() {
        let m = testmap::map(4, &[(1, 2, 0.9), (2, 4, 0.9), (1, 3, 0.3), (3, 4, 0.3)]);
        let mut q = PathQuery::new(ids(&[1]), PersonId(4));
        q.via = Some(PersonId(3));
        let p = find_paths(&m, &q).unwrap();
        assert_eq!(keys(&p[0]), ["p1", "p3", "p4"]);
        assert!((p[0].reliability - 0.09).abs() < 1e-12);
    }

    /// Every simple chain from any of `sources` to `target` whose inner people may be passed,
    /// with its distance, by depth-first enumeration.
    fn all_chains(csr: &Csr, sources: &[u32], target: u32, np: Option<&[bool]>) -> Vec<f64> {
        fn walk(
            csr: &Csr,
            at: u32,
            target: u32,
            np: Option<&[bool]>,
            chain: &mut Vec<u32>,
            out: &mut Vec<f64>,
        ) {
            if at == target {
                out.push(chain_dist(csr, chain));
                return;
            }
            if chain.len() > 1 && np.is_some_and(|np| np[at as usize]) {
                return;
            }
            let r =
                csr.out_offsets[at as usize] as usize..csr.out_offsets[at as usize + 1] as usize;
            for &w in &csr.out_targets[r] {
                if !chain.contains(&w) {
                    chain.push(w);
                    walk(csr, w, target, np, chain, out);
                    chain.pop();
                }
            }
        }
        let mut out = Vec::new();
        for &s in sources {
            walk(csr, s, target, np, &mut vec![s], &mut out);
        }
        out.sort_by(f64::total_cmp);
        out
    }

    /// The guided Yen search gives the k best loop-free chains that brute force finds, on many
    /// random maps, with and without people to avoid.
    #[test]
    fn alternatives_match_brute_force_on_random_maps() {
        for seed in 0..60u64 {
            let mut m = testmap::random(9, 3, seed);
            if seed % 2 == 1 {
                testmap::set_stance(&mut m, 3, Stance::Sceptic);
                testmap::set_stance(&mut m, 5, Stance::Blocker);
            }
            let csr = Csr::from_map(&m);
            let from = if seed % 3 == 0 { vec![1, 2] } else { vec![1] };
            let target = PersonId(9);
            let mut q = PathQuery::new(ids(&from), target);
            q.alternatives = 4;
            q.avoid = (seed % 2 == 1).then_some(Stance::Sceptic);
            let np: Option<Vec<bool>> = q.avoid.map(|worst| {
                csr.ids
                    .iter()
                    .map(|p| m.person(*p).is_some_and(|x| x.stance <= worst))
                    .collect()
            });
            let sources = csr.indices(&q.from);
            let t = csr.index[&target];
            let expected = all_chains(&csr, &sources, t, np.as_deref());
            match find_paths_in(&m, &csr, &q) {
                Ok(paths) => {
                    assert_eq!(paths.len(), expected.len().min(5), "seed {seed}");
                    for (p, want) in paths.iter().zip(&expected) {
                        let got = -p.reliability.ln();
                        assert!((got - want).abs() < 1e-9, "seed {seed}: {got} vs {want}");
                        let mut seen = HashSet::new();
                        assert!(p.ids.iter().all(|x| seen.insert(*x)), "seed {seed}: loop");
                    }
                }
                Err(_) => assert!(expected.is_empty(), "seed {seed}: no path found"),
            }
        }
    }

    /// Yen's algorithm with plain Dijkstra searches, as a reference for the guided one.
    fn reference_yen(
        csr: &Csr,
        sources: &[u32],
        target: u32,
        k: usize,
        np: Option<&[bool]>,
    ) -> Vec<f64> {
        let Some(first) = shortest(csr, sources, target, np, None, None) else {
            return vec![];
        };
        let mut accepted = vec![first];
        let mut candidates: Vec<(f64, Vec<u32>)> = Vec::new();
        let mut banned = vec![false; csr.len()];
        while accepted.len() < k {
            let last = accepted[accepted.len() - 1].clone();
            let used: HashSet<u32> = accepted.iter().map(|c| c[0]).collect();
            let rest: Vec<u32> = sources
                .iter()
                .copied()
                .filter(|s| !used.contains(s))
                .collect();
            if let Some(c) = shortest(csr, &rest, target, np, None, None) {
                push_candidate(csr, &mut candidates, &accepted, c);
            }
            for i in 0..last.len() - 1 {
                let root = &last[..=i];
                let banned_ties: HashSet<(u32, u32)> = accepted
                    .iter()
                    .filter(|c| c.len() > i + 1 && &c[..=i] == root)
                    .map(|c| (c[i], c[i + 1]))
                    .collect();
                for &r in &root[..i] {
                    banned[r as usize] = true;
                }
                let sp = shortest(
                    csr,
                    &[last[i]],
                    target,
                    np,
                    Some(&banned),
                    Some(&banned_ties),
                );
                for &r in &root[..i] {
                    banned[r as usize] = false;
                }
                if let Some(sp) = sp {
                    let mut c = root[..i].to_vec();
                    c.extend(sp);
                    push_candidate(csr, &mut candidates, &accepted, c);
                }
            }
            let Some(best) =
                (0..candidates.len()).min_by(|a, b| candidates[*a].0.total_cmp(&candidates[*b].0))
            else {
                break;
            };
            accepted.push(candidates.swap_remove(best).1);
        }
        accepted.iter().map(|c| chain_dist(csr, c)).collect()
    }

    /// On maps large enough for the guide to be grown step by step, the guided search gives
    /// the same chains' reliabilities as Yen's algorithm with plain searches.
    #[test]
    fn guided_alternatives_match_plain_yen_on_larger_maps() {
        for seed in 0..12u64 {
            let mut m = testmap::random(3000, 4, seed);
            testmap::set_stance(&mut m, 2, Stance::Champion);
            let csr = Csr::from_map(&m);
            let np: Vec<bool> = csr
                .ids
                .iter()
                .map(|p| m.person(*p).is_some_and(|x| x.stance <= Stance::Sceptic))
                .collect();
            let from: Vec<u32> = if seed % 2 == 0 {
                vec![0]
            } else {
                vec![0, 1, 2, 3]
            };
            let target = 2999 - seed as u32;
            let avoid = (seed % 3 == 0).then_some(np.as_slice());
            let got: Vec<f64> = yen(&csr, &from, target, 4, avoid)
                .iter()
                .map(|c| chain_dist(&csr, c))
                .collect();
            let want = reference_yen(&csr, &from, target, 4, avoid);
            assert_eq!(got.len(), want.len(), "seed {seed}");
            for (g, w) in got.iter().zip(&want) {
                assert!((g - w).abs() < 1e-9, "seed {seed}: {got:?} vs {want:?}");
            }
        }
    }

    #[test]
    fn no_path_says_which_side_is_cut_off() {
        let m = testmap::map(5, &[(2, 1, 0.5), (3, 4, 0.5), (1, 5, 0.5)]);
        let e = |from: i64, to: i64| {
            find_paths(&m, &PathQuery::new(ids(&[from]), PersonId(to)))
                .unwrap_err()
                .to_string()
        };
        assert!(e(4, 1).contains("Person 4 reaches nobody"), "{}", e(4, 1));
        assert!(e(1, 3).contains("nobody reaches Person 3"), "{}", e(1, 3));
        let sep = e(1, 4);
        assert!(sep.contains("separate parts"), "{sep}");
        assert!(
            sep.contains("Person 1 reaches 1 people, 1 people reach Person 4"),
            "{sep}"
        );
    }
}
