//! Network measures of the people and influence ties, read the right way round and with exactly
//! networkx's definitions so a user's own analysis agrees with ours. A tie "A sways B" points from
//! the one who speaks to the one who listens, so a person's influence is how far their word
//! spreads along the ties leaving them: the influence measures run on the ties reversed (who
//! listens to whom). Each measure's name says which way it looks (`G` is the map as a networkx
//! `DiGraph` with `strength` and `distance` = −ln(strength) on each tie):
//!
//! - **influence PageRank**: `pagerank(G.reverse(), alpha=0.85, weight="strength")` — a person's
//!   word counts for more when it reaches people whose own word reaches many. Power iteration until
//!   the L1 change is below 1e-10 (at most 1000 iterations), so it agrees with networkx at
//!   `tol=1e-12` to better than 1e-9;
//! - **influence eigenvector**: `eigenvector_centrality(G.reverse(), weight="strength",
//!   max_iter=1000, tol=1e-10)` (iterating with A+I); when it does not converge the values are left
//!   out (null) rather than wrong;
//! - **reach closeness**: `closeness_centrality(G.reverse(), distance="distance")`: how close a
//!   person's most reliable chains are to everyone they reach (outgoing distances,
//!   Wasserman-Faust scaling);
//! - **broker betweenness**: `betweenness_centrality(G, weight="distance", normalized=True)` —
//!   direction-free in meaning: how many most reliable chains pass through a person. Brandes with
//!   Dijkstra, parallel over sources, counting equal-length chains exactly as networkx does (exact
//!   float comparison). Above [`MetricsOptions::exact_limit`] people betweenness and both
//!   closenesses are estimated from `pivots` random people with networkx's scaling, and the
//!   output says so with an error bound;
//! - the "swayed by" forms, for who is most advised: **swayed-by PageRank** `pagerank(G,
//!   alpha=0.85, weight="strength")` and **swayed-by closeness** `closeness_centrality(G,
//!   distance="distance")` (incoming distances);
//! - weighted in/out degree: the sums of strengths in (swayed by) and out (sways);
//! - communities by Louvain on the directed weighted graph, with networkx's directed modularity
//!   `Q = Σ_c [L_c/m − out_c·in_c/m²]` (what `networkx.community.modularity` reports).
//!
//! The snapshot ([`Csr`]) leaves out self-ties and ties of strength 0; the measures are over that.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use super::communities::{louvain, modularity};
use super::csr::Csr;
use super::progress::Progress;
use super::{AnalysisError, key_of};
use crate::model::Map;

/// How to compute the measures.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricsOptions {
    /// Betweenness and closeness are exact up to this many people, sampled above.
    pub exact_limit: usize,
    /// Sources sampled on bigger maps.
    pub pivots: usize,
    /// Seed of the pivots and of Louvain's order.
    pub seed: u64,
}

impl Default for MetricsOptions {
    fn default() -> MetricsOptions {
        MetricsOptions {
            exact_limit: 20_000,
            pivots: 500,
            seed: 7,
        }
    }
}

/// One person's measures; each name says which way it reads the ties (see the module's docs for
/// the networkx equivalent of each).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PersonMetrics {
    pub id: String,
    pub name: String,
    /// How far their word spreads: PageRank on the ties reversed.
    pub influence_pagerank: f64,
    /// Eigenvector centrality on the ties reversed; `None` when the power iteration did not
    /// converge.
    pub influence_eigenvector: Option<f64>,
    /// Closeness over the chains leaving them (outgoing distances).
    pub reach_closeness: f64,
    /// Betweenness: the share of most reliable chains passing through them.
    pub broker_betweenness: f64,
    /// How much they are swayed (advised): PageRank along the ties.
    pub swayed_by_pagerank: f64,
    /// Closeness over the chains reaching them (incoming distances).
    pub swayed_by_closeness: f64,
    /// The sum of the strengths of the ties reaching them.
    pub in_degree: f64,
    /// The sum of the strengths of the ties leaving them.
    pub out_degree: f64,
    pub community: usize,
}

/// How betweenness and closeness were estimated on a big map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Sample {
    pub pivots: usize,
    /// With 95% confidence each person's normalised betweenness is within this of the exact value
    /// (Hoeffding's bound).
    pub error_bound: f64,
}

/// The measures of every person, in the map's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Metrics {
    pub people: Vec<PersonMetrics>,
    pub modularity: f64,
    pub communities: usize,
    /// `None`: betweenness and closeness are exact.
    pub sample: Option<Sample>,
    pub influence_eigenvector_converged: bool,
}

/// Computes every measure.
pub fn metrics(
    map: &Map,
    options: &MetricsOptions,
    progress: &Progress,
) -> Result<Metrics, AnalysisError> {
    metrics_in(map, &Csr::from_map(map), options, progress)
}

/// [`metrics`] on a snapshot already built.
pub fn metrics_in(
    map: &Map,
    csr: &Csr,
    options: &MetricsOptions,
    progress: &Progress,
) -> Result<Metrics, AnalysisError> {
    let n = csr.len();
    let (pivots, sample) = if n > options.exact_limit {
        let k = options.pivots.clamp(1, n);
        let bound = if n > 1 {
            n as f64 / (n as f64 - 1.0) * ((2.0f64 / 0.05).ln() / (2.0 * k as f64)).sqrt()
        } else {
            0.0
        };
        (
            Some(sample_pivots(n, k, options.seed)),
            Some(Sample {
                pivots: k,
                error_bound: bound,
            }),
        )
    } else {
        (None, None)
    };
    let chains = brandes(csr, pivots.as_deref(), progress)?;
    progress.check()?;
    let influence = pagerank_toward(csr, Toward::Speakers).unwrap_or_else(|| vec![f64::NAN; n]);
    let swayed = pagerank_toward(csr, Toward::Listeners).unwrap_or_else(|| vec![f64::NAN; n]);
    let eigen = eigenvector_toward(csr, Toward::Speakers);
    let (community, modularity) = louvain(csr, options.seed);
    progress.check()?;
    let (ind, outd) = weighted_degrees(csr);
    let communities = community.iter().copied().max().map_or(0, |c| c + 1);
    let people = (0..n)
        .map(|v| PersonMetrics {
            id: key_of(map, csr.ids[v]),
            name: map
                .person(csr.ids[v])
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            influence_pagerank: influence[v],
            influence_eigenvector: eigen.as_ref().map(|e| e[v]),
            reach_closeness: chains.reach_closeness[v],
            broker_betweenness: chains.betweenness[v],
            swayed_by_pagerank: swayed[v],
            swayed_by_closeness: chains.swayed_by_closeness[v],
            in_degree: ind[v],
            out_degree: outd[v],
            community: community[v],
        })
        .collect();
    Ok(Metrics {
        people,
        modularity,
        communities,
        sample,
        influence_eigenvector_converged: eigen.is_some(),
    })
}

fn sample_pivots(n: usize, k: usize, seed: u64) -> Vec<u32> {
    let mut rng = rand_pcg::Pcg64::seed_from_u64(seed);
    let mut all: Vec<u32> = (0..n as u32).collect();
    all.shuffle(&mut rng);
    all.truncate(k);
    all.sort_unstable();
    all
}

/// Weighted in- and out-degree: the sums of strengths in and out.
pub fn weighted_degrees(csr: &Csr) -> (Vec<f64>, Vec<f64>) {
    let n = csr.len() as u32;
    (
        // A fold from +0.0: an empty `sum()` of f64 is −0.0.
        (0..n)
            .map(|v| csr.inn(v).fold(0.0, |a, e| a + e.1))
            .collect(),
        (0..n)
            .map(|v| csr.out(v).fold(0.0, |a, e| a + e.1))
            .collect(),
    )
}

/// Which way a measure follows the ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toward {
    /// Against the ties (who listens to whom): scores flow back to the speakers, so a person
    /// scores by how far their word spreads. networkx on `G.reverse()`.
    Speakers,
    /// Along the ties: scores flow to the listeners, so a person scores by how much they are
    /// swayed. networkx on `G`.
    Listeners,
}

/// The rows a score flows in by, and the rows it flows out by.
struct Flow<'a> {
    /// For each person, the people their score comes from and the strength of the tie.
    offsets: &'a [u32],
    from: &'a [u32],
    strengths: &'a [f64],
    /// Each person's total strength sent on.
    sent: Vec<f64>,
}

fn flow(csr: &Csr, toward: Toward) -> Flow<'_> {
    let n = csr.len() as u32;
    match toward {
        // networkx on G.reverse(): a tie u → v of G is v → u there, so v's score comes from the
        // people v sways (v's out-row) and each person sends along their in-ties.
        Toward::Speakers => Flow {
            offsets: &csr.out_offsets,
            from: &csr.out_targets,
            strengths: &csr.out_strengths,
            sent: (0..n).map(|v| csr.inn(v).map(|e| e.1).sum()).collect(),
        },
        Toward::Listeners => Flow {
            offsets: &csr.in_offsets,
            from: &csr.in_sources,
            strengths: &csr.in_strengths,
            sent: (0..n).map(|v| csr.out(v).map(|e| e.1).sum()).collect(),
        },
    }
}

/// Influence PageRank: `networkx.pagerank(G.reverse(), alpha=0.85, weight="strength")`.
pub fn pagerank(csr: &Csr) -> Option<Vec<f64>> {
    pagerank_toward(csr, Toward::Speakers)
}

/// PageRank as networkx computes it (ties of a person shared in proportion to strength; people
/// sending nothing spread their rank uniformly), on the ties reversed ([`Toward::Speakers`]) or
/// as they are. Power iteration until the L1 change is below 1e-10, so the result is within
/// `1e-10 · α/(1−α) < 6e-10` (L1) of the exact PageRank; `None` if that takes over 1000
/// iterations (it cannot: each iteration shrinks the change by α = 0.85).
pub fn pagerank_toward(csr: &Csr, toward: Toward) -> Option<Vec<f64>> {
    let n = csr.len();
    if n == 0 {
        return Some(vec![]);
    }
    let alpha = 0.85;
    let nf = n as f64;
    let f = flow(csr, toward);
    let dangling: Vec<u32> = (0..n as u32)
        .filter(|v| f.sent[*v as usize] == 0.0)
        .collect();
    // Coefficient of each incoming share: strength / the sender's total strength sent.
    let coef: Vec<f64> = f
        .from
        .iter()
        .zip(f.strengths)
        .map(|(u, s)| s / f.sent[*u as usize])
        .collect();
    let mut x = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    for _ in 0..1000 {
        let dsum: f64 = dangling.iter().map(|v| x[*v as usize]).sum();
        let base = alpha * dsum / nf + (1.0 - alpha) / nf;
        next.par_iter_mut()
            .enumerate()
            .with_min_len(4096)
            .for_each(|(v, out)| {
                let r = f.offsets[v] as usize..f.offsets[v + 1] as usize;
                let mut acc = 0.0;
                for i in r {
                    acc += x[f.from[i] as usize] * coef[i];
                }
                *out = alpha * acc + base;
            });
        let err: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if err < PAGERANK_L1 {
            return Some(x);
        }
    }
    None
}

/// PageRank stops when an iteration changes the scores by less than this (L1).
pub const PAGERANK_L1: f64 = 1e-10;

/// Influence eigenvector centrality: `networkx.eigenvector_centrality(G.reverse(),
/// weight="strength", max_iter=1000, tol=1e-10)`.
pub fn eigenvector(csr: &Csr) -> Option<Vec<f64>> {
    eigenvector_toward(csr, Toward::Speakers)
}

/// Eigenvector centrality as networkx computes it (iterating with A+I, stopping when the L1
/// change is below `n · 1e-10`), on the ties reversed or as they are; `None` if it did not
/// converge in 1000 iterations.
pub fn eigenvector_toward(csr: &Csr, toward: Toward) -> Option<Vec<f64>> {
    let n = csr.len();
    if n == 0 {
        return Some(vec![]);
    }
    let nf = n as f64;
    let f = flow(csr, toward);
    let mut x = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    for _ in 0..EIGENVECTOR_MAX_ITER {
        next.par_iter_mut()
            .enumerate()
            .with_min_len(4096)
            .for_each(|(v, out)| {
                let mut acc = x[v];
                for i in f.offsets[v] as usize..f.offsets[v + 1] as usize {
                    acc += x[f.from[i] as usize] * f.strengths[i];
                }
                *out = acc;
            });
        let norm = hypot(&next);
        let norm = if norm == 0.0 { 1.0 } else { norm };
        for v in next.iter_mut() {
            *v /= norm;
        }
        let err: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if err < nf * EIGENVECTOR_TOL {
            return Some(x);
        }
    }
    None
}

/// networkx's `max_iter` and `tol` of the eigenvector centrality computed here.
pub const EIGENVECTOR_MAX_ITER: usize = 1000;
pub const EIGENVECTOR_TOL: f64 = 1e-10;

/// The Euclidean norm without overflow or underflow (like Python's `math.hypot`).
fn hypot(v: &[f64]) -> f64 {
    let max = v.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    if max == 0.0 || !max.is_finite() {
        return max;
    }
    let s: f64 = v.iter().map(|x| (x / max) * (x / max)).sum();
    max * s.sqrt()
}

#[derive(PartialEq)]
struct Entry {
    dist: f64,
    count: u64,
    pred: u32,
    v: u32,
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .dist
            .total_cmp(&self.dist)
            .then(other.count.cmp(&self.count))
    }
}

/// Per-thread work space and sums of [`brandes`].
struct Brandes {
    betweenness: Vec<f64>,
    /// People reaching each person, and the sum of their distances (incoming).
    reached: Vec<u32>,
    dist_sum: Vec<f64>,
    /// People each source reaches, and the sum of the distances (outgoing; sources only).
    reaches: Vec<u32>,
    reach_sum: Vec<f64>,
    seen: Vec<f64>,
    done: Vec<bool>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    /// Predecessors of `w` live in `preds[in_offsets[w]..in_offsets[w] + npred[w]]`.
    preds: Vec<u32>,
    npred: Vec<u32>,
    order: Vec<u32>,
    heap: BinaryHeap<Entry>,
}

impl Brandes {
    fn new(csr: &Csr) -> Brandes {
        let n = csr.len();
        Brandes {
            betweenness: vec![0.0; n],
            reached: vec![0; n],
            dist_sum: vec![0.0; n],
            reaches: vec![0; n],
            reach_sum: vec![0.0; n],
            seen: vec![f64::INFINITY; n],
            done: vec![false; n],
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            preds: vec![0; csr.tie_count()],
            npred: vec![0; n],
            order: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    /// One source, mirroring networkx's `_single_source_dijkstra_path_basic` and
    /// `_accumulate_basic` step for step (including how equal distances are counted).
    fn run(&mut self, csr: &Csr, s: u32) {
        let mut count = 0u64;
        self.sigma[s as usize] = 1.0;
        self.seen[s as usize] = 0.0;
        self.heap.push(Entry {
            dist: 0.0,
            count,
            pred: s,
            v: s,
        });
        while let Some(Entry { dist, pred, v, .. }) = self.heap.pop() {
            if self.done[v as usize] {
                continue;
            }
            self.sigma[v as usize] += self.sigma[pred as usize];
            self.order.push(v);
            self.done[v as usize] = true;
            let r = csr.out_offsets[v as usize] as usize..csr.out_offsets[v as usize + 1] as usize;
            for i in r {
                let w = csr.out_targets[i];
                let wd = dist + csr.out_dist[i];
                let wu = w as usize;
                if !self.done[wu] && wd < self.seen[wu] {
                    self.seen[wu] = wd;
                    count += 1;
                    self.heap.push(Entry {
                        dist: wd,
                        count,
                        pred: v,
                        v: w,
                    });
                    self.sigma[wu] = 0.0;
                    self.preds[csr.in_offsets[wu] as usize] = v;
                    self.npred[wu] = 1;
                } else if wd == self.seen[wu] {
                    self.sigma[wu] += self.sigma[v as usize];
                    self.preds[(csr.in_offsets[wu] + self.npred[wu]) as usize] = v;
                    self.npred[wu] += 1;
                }
            }
        }
        // Accumulate dependencies, farthest first; record distances for closeness.
        for &w in self.order.iter().rev() {
            let wu = w as usize;
            let coeff = (1.0 + self.delta[wu]) / self.sigma[wu];
            let at = csr.in_offsets[wu] as usize;
            for j in at..at + self.npred[wu] as usize {
                let v = self.preds[j] as usize;
                self.delta[v] += self.sigma[v] * coeff;
            }
            if w != s {
                self.betweenness[wu] += self.delta[wu];
                self.reached[wu] += 1;
                self.dist_sum[wu] += self.seen[wu];
                self.reaches[s as usize] += 1;
                self.reach_sum[s as usize] += self.seen[wu];
            }
        }
        for &w in &self.order {
            let wu = w as usize;
            self.seen[wu] = f64::INFINITY;
            self.done[wu] = false;
            self.sigma[wu] = 0.0;
            self.delta[wu] = 0.0;
            self.npred[wu] = 0;
        }
        self.order.clear();
    }
}

/// What the most reliable chains say of each person: broker betweenness, reach closeness and
/// swayed-by closeness (networkx's normalised definitions).
#[derive(Debug, Clone, PartialEq)]
pub struct Chains {
    pub betweenness: Vec<f64>,
    pub reach_closeness: Vec<f64>,
    pub swayed_by_closeness: Vec<f64>,
}

/// Wasserman-Faust closeness from `c` people reached at total distance `tot`, out of `others`
/// (networkx: `(r-1)/totsp · (r-1)/(n-1)`, r counting the person themself).
fn closeness(c: u32, tot: f64, others: f64) -> f64 {
    if tot <= 0.0 || others <= 0.0 {
        return 0.0;
    }
    let c = c as f64;
    c / tot * (c / others)
}

/// Betweenness and both closenesses, exact from every source, or estimated from `pivots`: on a
/// big map the chains from each pivot give betweenness and swayed-by closeness, and the chains
/// to each pivot (one backward search each) give reach closeness.
pub fn brandes(
    csr: &Csr,
    pivots: Option<&[u32]>,
    progress: &Progress,
) -> Result<Chains, AnalysisError> {
    let n = csr.len();
    let all: Vec<u32>;
    let sources: &[u32] = match pivots {
        Some(p) => p,
        None => {
            all = (0..n as u32).collect();
            &all
        }
    };
    progress.start(sources.len() as u64 * if pivots.is_some() { 2 } else { 1 });
    let sums = sources
        .par_iter()
        .with_min_len(16)
        .fold(
            || Brandes::new(csr),
            |mut b, &s| {
                if progress.advance(1).is_ok() {
                    b.run(csr, s);
                }
                b
            },
        )
        .map(|b| (b.betweenness, b.reached, b.dist_sum, b.reaches, b.reach_sum))
        .reduce(
            || {
                (
                    vec![0.0; n],
                    vec![0; n],
                    vec![0.0; n],
                    vec![0; n],
                    vec![0.0; n],
                )
            },
            |mut a, b| {
                for v in 0..n {
                    a.0[v] += b.0[v];
                    a.1[v] += b.1[v];
                    a.2[v] += b.2[v];
                    a.3[v] += b.3[v];
                    a.4[v] += b.4[v];
                }
                a
            },
        );
    progress.check()?;
    let (mut bc, reached, dist_sum, mut reaches, mut reach_sum) = sums;
    if let Some(p) = pivots {
        (reaches, reach_sum) = distances_to(csr, p, progress)?;
    }
    let nf = n as f64;
    // networkx's _rescale with normalized=True, endpoints=False: N = n - 1.
    if n > 2 {
        match pivots {
            None => {
                let scale = 1.0 / ((nf - 1.0) * (nf - 2.0));
                bc.iter_mut().for_each(|b| *b *= scale);
            }
            Some(p) => {
                let k = p.len() as f64;
                let scale_source = if p.len() > 1 {
                    1.0 / ((k - 1.0) * (nf - 2.0))
                } else {
                    f64::NAN
                };
                let scale_other = 1.0 / (k * (nf - 2.0));
                let mut is_pivot = vec![false; n];
                p.iter().for_each(|v| is_pivot[*v as usize] = true);
                for (v, b) in bc.iter_mut().enumerate() {
                    *b *= if is_pivot[v] {
                        scale_source
                    } else {
                        scale_other
                    };
                }
            }
        }
    }
    // Out of how many others: everyone else, or (estimated) the pivots other than oneself.
    let others = |v: usize| match pivots {
        None => nf - 1.0,
        Some(p) => (p.len() - usize::from(p.binary_search(&(v as u32)).is_ok())).max(1) as f64,
    };
    let swayed_by_closeness = (0..n)
        .map(|v| closeness(reached[v], dist_sum[v], others(v)))
        .collect();
    let reach_closeness = (0..n)
        .map(|v| closeness(reaches[v], reach_sum[v], others(v)))
        .collect();
    Ok(Chains {
        betweenness: bc,
        reach_closeness,
        swayed_by_closeness,
    })
}

/// For each person, how many of `targets` they reach (other than themself) and the sum of the
/// distances of their most reliable chains to them: one backward search from each target.
fn distances_to(
    csr: &Csr,
    targets: &[u32],
    progress: &Progress,
) -> Result<(Vec<u32>, Vec<f64>), AnalysisError> {
    let n = csr.len();
    let sums = targets
        .par_iter()
        .with_min_len(16)
        .fold(
            || {
                (
                    vec![0u32; n],
                    vec![0.0f64; n],
                    vec![f64::INFINITY; n],
                    Vec::<u32>::new(),
                )
            },
            |(mut count, mut sum, mut dist, mut touched), &t| {
                if progress.advance(1).is_err() {
                    return (count, sum, dist, touched);
                }
                let mut heap = BinaryHeap::new();
                dist[t as usize] = 0.0;
                touched.push(t);
                heap.push(Entry {
                    dist: 0.0,
                    count: 0,
                    pred: t,
                    v: t,
                });
                while let Some(Entry { dist: d, v, .. }) = heap.pop() {
                    if d > dist[v as usize] {
                        continue;
                    }
                    if v != t {
                        count[v as usize] += 1;
                        sum[v as usize] += d;
                    }
                    let r = csr.in_offsets[v as usize] as usize
                        ..csr.in_offsets[v as usize + 1] as usize;
                    for i in r {
                        let u = csr.in_sources[i];
                        let nd = d + csr.in_dist[i];
                        if nd < dist[u as usize] {
                            if dist[u as usize].is_infinite() {
                                touched.push(u);
                            }
                            dist[u as usize] = nd;
                            heap.push(Entry {
                                dist: nd,
                                count: 0,
                                pred: v,
                                v: u,
                            });
                        }
                    }
                }
                for &v in &touched {
                    dist[v as usize] = f64::INFINITY;
                }
                touched.clear();
                (count, sum, dist, touched)
            },
        )
        .map(|(c, s, _, _)| (c, s))
        .reduce(
            || (vec![0; n], vec![0.0; n]),
            |mut a, b| {
                for v in 0..n {
                    a.0[v] += b.0[v];
                    a.1[v] += b.1[v];
                }
                a
            },
        );
    progress.check()?;
    Ok(sums)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testmap;

    #[test]
    fn hand_computed_betweenness_closeness_and_pagerank_on_a_chain() {
        // 1 → 2 → 3, strengths 0.5: 2 lies on the only 1→3 chain.
        let m = testmap::map(3, &[(1, 2, 0.5), (2, 3, 0.5)]);
        let r = metrics(&m, &MetricsOptions::default(), &Progress::new()).unwrap();
        let b: Vec<f64> = r.people.iter().map(|p| p.broker_betweenness).collect();
        // One pair through 2, normalised by (n-1)(n-2) = 2.
        assert_eq!(b, [0.0, 0.5, 0.0]);
        // 3 is reached by 2 people, at total distance ln2 + 2ln2 = 3 ln 2; 1 reaches 2 people
        // at the same total: 1's reach closeness is 3's swayed-by closeness.
        let c = 2.0 / (3.0 * 2f64.ln());
        let p = &r.people;
        assert!((p[2].swayed_by_closeness - c).abs() < 1e-12, "{p:?}");
        assert!((p[0].reach_closeness - c).abs() < 1e-12, "{p:?}");
        assert_eq!((p[0].swayed_by_closeness, p[2].reach_closeness), (0.0, 0.0));
        // 2 reaches 3 at ln 2, out of 2 others: 1/ln2 · 1/2.
        assert!((p[1].reach_closeness - 0.5 / 2f64.ln()).abs() < 1e-12);
        for pr in [
            p.iter().map(|p| p.influence_pagerank).sum::<f64>(),
            p.iter().map(|p| p.swayed_by_pagerank).sum::<f64>(),
        ] {
            assert!((pr - 1.0).abs() < 1e-9);
        }
        // Influence flows back to the speaker at the head of the chain; swayed-by to its end.
        assert!(p[0].influence_pagerank > p[1].influence_pagerank);
        assert!(p[1].influence_pagerank > p[2].influence_pagerank);
        assert!(p[2].swayed_by_pagerank > p[1].swayed_by_pagerank);
        assert_eq!(r.people[1].in_degree, 0.5);
        assert_eq!(r.people[1].out_degree, 0.5);
        // No ties in: +0, not −0 (JSON would say -0.0).
        assert!(r.people[0].in_degree.is_sign_positive());
        assert!(r.sample.is_none());
    }

    #[test]
    fn equal_chains_share_betweenness_exactly() {
        // 1 → 2 → 4 and 1 → 3 → 4 with equal strengths: 2 and 3 each carry half.
        let m = testmap::map(4, &[(1, 2, 0.5), (2, 4, 0.5), (1, 3, 0.5), (3, 4, 0.5)]);
        let r = metrics(&m, &MetricsOptions::default(), &Progress::new()).unwrap();
        let b: Vec<f64> = r.people.iter().map(|p| p.broker_betweenness).collect();
        assert_eq!(b, [0.0, 0.5 / 6.0, 0.5 / 6.0, 0.0]);
    }

    #[test]
    fn sampling_above_the_limit_says_so_and_stays_close() {
        let m = testmap::random(300, 4, 9);
        let csr = Csr::from_map(&m);
        let p = Progress::new();
        let exact = metrics_in(&m, &csr, &MetricsOptions::default(), &p).unwrap();
        let opts = MetricsOptions {
            exact_limit: 100,
            pivots: 150,
            seed: 3,
        };
        let est = metrics_in(&m, &csr, &opts, &p).unwrap();
        let s = est.sample.clone().unwrap();
        assert_eq!(s.pivots, 150);
        for (a, b) in exact.people.iter().zip(&est.people) {
            assert!((a.broker_betweenness - b.broker_betweenness).abs() <= s.error_bound);
        }
        for closeness in [
            |p: &PersonMetrics| p.swayed_by_closeness,
            |p: &PersonMetrics| p.reach_closeness,
        ] {
            let mean_err: f64 = exact
                .people
                .iter()
                .zip(&est.people)
                .map(|(a, b)| (closeness(a) - closeness(b)).abs() / closeness(a).max(1e-9))
                .sum::<f64>()
                / 300.0;
            assert!(mean_err < 0.1, "{mean_err}");
        }
    }

    #[test]
    fn cancelled_metrics_stop() {
        let m = testmap::random(50, 3, 1);
        let p = Progress::new();
        p.cancel();
        assert_eq!(
            metrics(&m, &MetricsOptions::default(), &p),
            Err(AnalysisError::Cancelled)
        );
    }
}
