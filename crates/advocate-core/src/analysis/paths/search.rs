//! The Dijkstra search on −ln(strength) every analysis runs on the snapshot: from several sources
//! at once, forwards (who they reach) or backwards (who reaches them), with people or ties left
//! out; and the monotone queue it and the guided searches of [`super::yen`] share.

use std::cmp::Reverse;
use std::collections::HashSet;

use radix_heap::RadixHeapMap;

use super::super::csr::Csr;

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
pub(super) struct Queue(RadixHeapMap<Reverse<u64>, (u32, f64)>);

impl Queue {
    pub(super) fn new() -> Queue {
        Queue(RadixHeapMap::new())
    }

    /// Queues `v` under `key` (its distance, or for A* its distance plus the guide's bound),
    /// having reached it at distance `dist`. A key a rounding error below the last one taken
    /// out is queued at that one: the heap needs keys that never go down.
    pub(super) fn push(&mut self, key: f64, v: u32, dist: f64) {
        let mut k = Reverse(key.to_bits());
        if let Some(top) = self.0.top()
            && k > top
        {
            k = top;
        }
        self.0.push(k, (v, dist));
    }

    /// The nearest person and the distance they were queued at.
    pub(super) fn pop(&mut self) -> Option<(u32, f64)> {
        self.0.pop().map(|(_, entry)| entry)
    }

    pub(super) fn clear(&mut self) {
        self.0.clear();
    }
}

/// The queue of a search without a guide: each entry is the person alone, its distance read
/// back from the key's bits (16 bytes an entry instead of a [`Queue`]'s 24; ranking 100 000
/// people spent a tenth less CPU). Keys need no raising as [`Queue::push`] does: the sources
/// start at 0, and a distance queued is one taken out plus a tie's −ln(strength) ≥ 0, which in
/// floating point is never below the one taken out.
struct PlainQueue(RadixHeapMap<Reverse<u64>, u32>);

impl PlainQueue {
    fn new() -> PlainQueue {
        PlainQueue(RadixHeapMap::new())
    }

    fn push(&mut self, dist: f64, v: u32) {
        self.0.push(Reverse(dist.to_bits()), v);
    }

    fn pop(&mut self) -> Option<(u32, f64)> {
        self.0
            .pop()
            .map(|(Reverse(key), v)| (v, f64::from_bits(key)))
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
    let mut heap = PlainQueue::new();
    for &s in sources {
        dist[s as usize] = 0.0;
        heap.push(0.0, s);
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
                heap.push(nd, w);
            }
        }
    }
    Search { dist, pred }
}

/// [`dijkstra`] without limits that shows each person to `visit` as they are settled (their
/// distance final, nearest first) and stops as soon as `visit` says so: a search for the best
/// of something that gets no better with distance need not settle the whole map. Only the
/// people settled before the stop have their final distance and chain.
pub(crate) fn dijkstra_until(
    csr: &Csr,
    dir: Direction,
    sources: &[u32],
    mut visit: impl FnMut(u32, f64) -> bool,
) -> Search {
    let n = csr.len();
    let mut dist = vec![f64::INFINITY; n];
    let mut pred = vec![NONE; n];
    let mut heap = PlainQueue::new();
    for &s in sources {
        dist[s as usize] = 0.0;
        heap.push(0.0, s);
    }
    let (offsets, targets, dists) = match dir {
        Direction::Forward => (&csr.out_offsets, &csr.out_targets, &csr.out_dist),
        Direction::Backward => (&csr.in_offsets, &csr.in_sources, &csr.in_dist),
    };
    while let Some((v, d)) = heap.pop() {
        if d > dist[v as usize] {
            continue;
        }
        if !visit(v, d) {
            break;
        }
        let r = offsets[v as usize] as usize..offsets[v as usize + 1] as usize;
        for (&w, &len) in targets[r.clone()].iter().zip(&dists[r]) {
            let nd = d + len;
            if nd < dist[w as usize] {
                dist[w as usize] = nd;
                pred[w as usize] = v;
                heap.push(nd, w);
            }
        }
    }
    Search { dist, pred }
}
