//! Network measures of the people and influence ties, with exactly networkx's definitions so a
//! user's own analysis agrees with ours:
//!
//! - PageRank: `pagerank(G, alpha=0.85, weight="strength")` (ties of a person shared in proportion
//!   to strength; people with no ties out spread their rank uniformly; 100 iterations at most,
//!   stopping when the L1 change is below `n·1e-6`);
//! - betweenness (brokers): `betweenness_centrality(G, weight="distance", normalized=True)` with
//!   distance −ln(strength) — Brandes with Dijkstra, parallel over sources, counting equal-length
//!   chains exactly as networkx does (exact float comparison). Above
//!   [`MetricsOptions::exact_limit`] people it is estimated from `pivots` random sources with
//!   networkx's scaling, and the output says so with an error bound;
//! - closeness: `closeness_centrality(G, distance="distance")`: incoming distances, Wasserman-Faust
//!   scaling (estimated from the same pivots on big maps);
//! - eigenvector: `eigenvector_centrality(G, weight="strength")` (in-ties, iterating with A+I,
//!   100 iterations, tolerance 1e-6); when it does not converge the values are left out (null)
//!   rather than wrong;
//! - weighted in/out degree: the sums of strengths;
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

/// One person's measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PersonMetrics {
    pub id: String,
    pub name: String,
    pub pagerank: f64,
    pub betweenness: f64,
    pub closeness: f64,
    /// `None` when the power iteration did not converge.
    pub eigenvector: Option<f64>,
    pub in_degree: f64,
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
    pub eigenvector_converged: bool,
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
    let (betweenness, closeness) = betweenness_closeness(csr, pivots.as_deref(), progress)?;
    progress.check()?;
    let pagerank = pagerank(csr).unwrap_or_else(|| vec![f64::NAN; n]);
    let eigen = eigenvector(csr);
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
            pagerank: pagerank[v],
            betweenness: betweenness[v],
            closeness: closeness[v],
            eigenvector: eigen.as_ref().map(|e| e[v]),
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
        eigenvector_converged: eigen.is_some(),
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

/// PageRank as networkx computes it; `None` if it did not converge in 100 iterations.
pub fn pagerank(csr: &Csr) -> Option<Vec<f64>> {
    let n = csr.len();
    if n == 0 {
        return Some(vec![]);
    }
    let alpha = 0.85;
    let nf = n as f64;
    let out_sum: Vec<f64> = (0..n as u32)
        .map(|v| csr.out(v).map(|e| e.1).sum())
        .collect();
    let dangling: Vec<u32> = (0..n as u32)
        .filter(|v| out_sum[*v as usize] == 0.0)
        .collect();
    // Coefficient of each in-tie: strength / the source's total strength out.
    let coef: Vec<f64> = csr
        .in_sources
        .iter()
        .zip(&csr.in_strengths)
        .map(|(u, s)| s / out_sum[*u as usize])
        .collect();
    let mut x = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    for _ in 0..100 {
        let dsum: f64 = dangling.iter().map(|v| x[*v as usize]).sum();
        let base = alpha * dsum / nf + (1.0 - alpha) / nf;
        next.par_iter_mut()
            .enumerate()
            .with_min_len(4096)
            .for_each(|(v, out)| {
                let r = csr.in_offsets[v] as usize..csr.in_offsets[v + 1] as usize;
                let mut acc = 0.0;
                for i in r {
                    acc += x[csr.in_sources[i] as usize] * coef[i];
                }
                *out = alpha * acc + base;
            });
        let err: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if err < nf * 1e-6 {
            return Some(x);
        }
    }
    None
}

/// Eigenvector centrality as networkx computes it (left eigenvector, iterating with A+I); `None`
/// if it did not converge in 100 iterations.
pub fn eigenvector(csr: &Csr) -> Option<Vec<f64>> {
    let n = csr.len();
    if n == 0 {
        return Some(vec![]);
    }
    let nf = n as f64;
    let mut x = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    for _ in 0..100 {
        next.par_iter_mut()
            .enumerate()
            .with_min_len(4096)
            .for_each(|(v, out)| {
                let mut acc = x[v];
                for (u, s) in csr.inn(v as u32) {
                    acc += x[u as usize] * s;
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
        if err < nf * 1e-6 {
            return Some(x);
        }
    }
    None
}

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

/// Per-thread work space and sums of [`betweenness_closeness`].
struct Brandes {
    betweenness: Vec<f64>,
    reached: Vec<u32>,
    dist_sum: Vec<f64>,
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

/// Normalised betweenness and closeness (networkx's definitions), exact from every source, or
/// estimated from `pivots`.
pub fn betweenness_closeness(
    csr: &Csr,
    pivots: Option<&[u32]>,
    progress: &Progress,
) -> Result<(Vec<f64>, Vec<f64>), AnalysisError> {
    let n = csr.len();
    let all: Vec<u32>;
    let sources: &[u32] = match pivots {
        Some(p) => p,
        None => {
            all = (0..n as u32).collect();
            &all
        }
    };
    progress.start(sources.len() as u64);
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
        .map(|b| (b.betweenness, b.reached, b.dist_sum))
        .reduce(
            || (vec![0.0; n], vec![0; n], vec![0.0; n]),
            |mut a, b| {
                for v in 0..n {
                    a.0[v] += b.0[v];
                    a.1[v] += b.1[v];
                    a.2[v] += b.2[v];
                }
                a
            },
        );
    progress.check()?;
    let (mut bc, reached, dist_sum) = sums;
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
    let closeness = (0..n)
        .map(|v| {
            let (c, tot) = (reached[v] as f64, dist_sum[v]);
            if tot <= 0.0 || n <= 1 {
                return 0.0;
            }
            match pivots {
                // networkx: (r-1)/totsp · (r-1)/(n-1), r = people reaching v including v.
                None => c / tot * (c / (nf - 1.0)),
                // Estimate r-1 and totsp by scaling the sampled sources up to n-1 others.
                Some(p) => {
                    let others =
                        (p.len() - usize::from(p.binary_search(&(v as u32)).is_ok())).max(1) as f64;
                    c / tot * (c / others)
                }
            }
        })
        .collect();
    Ok((bc, closeness))
}

/// Directed modularity of a partition, as `networkx.community.modularity` computes it.
pub fn modularity(csr: &Csr, community: &[usize]) -> f64 {
    let k = community.iter().copied().max().map_or(0, |c| c + 1);
    let (mut inside, mut out_c, mut in_c) = (vec![0.0; k], vec![0.0; k], vec![0.0; k]);
    let mut m = 0.0;
    for v in 0..csr.len() as u32 {
        let cv = community[v as usize];
        for (w, s) in csr.out(v) {
            m += s;
            out_c[cv] += s;
            in_c[community[w as usize]] += s;
            if community[w as usize] == cv {
                inside[cv] += s;
            }
        }
    }
    if m == 0.0 {
        return 0.0;
    }
    (0..k)
        .map(|c| inside[c] / m - out_c[c] * in_c[c] / (m * m))
        .sum()
}

/// A weighted directed graph of one Louvain level (self-ties allowed).
struct Level {
    /// Neighbours in either direction (self excluded) with the summed weight both ways.
    offsets: Vec<usize>,
    nbrs: Vec<u32>,
    weights: Vec<f64>,
    k_out: Vec<f64>,
    k_in: Vec<f64>,
    /// Ties `(from, to, weight)` of this level, to build the next.
    ties: Vec<(u32, u32, f64)>,
}

impl Level {
    fn new(n: usize, ties: Vec<(u32, u32, f64)>) -> Level {
        let mut k_out = vec![0.0; n];
        let mut k_in = vec![0.0; n];
        let mut deg = vec![0usize; n + 1];
        for &(a, b, w) in &ties {
            k_out[a as usize] += w;
            k_in[b as usize] += w;
            if a != b {
                deg[a as usize + 1] += 1;
                deg[b as usize + 1] += 1;
            }
        }
        for i in 0..n {
            deg[i + 1] += deg[i];
        }
        let mut fill = deg.clone();
        let mut nbrs = vec![0u32; deg[n]];
        let mut weights = vec![0.0; deg[n]];
        for &(a, b, w) in &ties {
            if a != b {
                nbrs[fill[a as usize]] = b;
                weights[fill[a as usize]] = w;
                fill[a as usize] += 1;
                nbrs[fill[b as usize]] = a;
                weights[fill[b as usize]] = w;
                fill[b as usize] += 1;
            }
        }
        Level {
            offsets: deg,
            nbrs,
            weights,
            k_out,
            k_in,
            ties,
        }
    }
}

/// Louvain communities maximising directed modularity (networkx's `louvain_communities` on a
/// DiGraph, resolution 1, threshold 1e-7); returns each person's community (numbered by first
/// person) and the modularity.
pub fn louvain(csr: &Csr, seed: u64) -> (Vec<usize>, f64) {
    let n = csr.len();
    let mut rng = rand_pcg::Pcg64::seed_from_u64(seed);
    let mut ties: Vec<(u32, u32, f64)> = Vec::with_capacity(csr.tie_count());
    let mut m = 0.0;
    for v in 0..n as u32 {
        for (w, s) in csr.out(v) {
            ties.push((v, w, s));
            m += s;
        }
    }
    let mut assignment: Vec<u32> = (0..n as u32).collect();
    if m == 0.0 {
        return ((0..n).collect(), 0.0);
    }
    let mut level = Level::new(n, ties);
    let mut size = n;
    let mut q = modularity(csr, &(0..n).collect::<Vec<_>>());
    loop {
        let (node2com, moved) = one_level(&level, size, m, &mut rng);
        if !moved {
            break;
        }
        // Renumber communities densely and aggregate.
        let mut renum = vec![u32::MAX; size];
        let mut next = 0u32;
        for &c in &node2com {
            if renum[c as usize] == u32::MAX {
                renum[c as usize] = next;
                next += 1;
            }
        }
        for a in assignment.iter_mut() {
            *a = renum[node2com[*a as usize] as usize];
        }
        let part: Vec<usize> = assignment.iter().map(|c| *c as usize).collect();
        let new_q = modularity(csr, &part);
        let mut agg: Vec<(u32, u32, f64)> = level
            .ties
            .iter()
            .map(|&(a, b, w)| {
                (
                    renum[node2com[a as usize] as usize],
                    renum[node2com[b as usize] as usize],
                    w,
                )
            })
            .collect();
        agg.sort_unstable_by_key(|t| (t.0, t.1));
        let mut merged: Vec<(u32, u32, f64)> = Vec::with_capacity(agg.len());
        for t in agg {
            match merged.last_mut() {
                Some(l) if l.0 == t.0 && l.1 == t.1 => l.2 += t.2,
                _ => merged.push(t),
            }
        }
        size = next as usize;
        level = Level::new(size, merged);
        let gained = new_q - q;
        q = new_q;
        if gained <= 1e-7 {
            break;
        }
    }
    // Number communities by their first person.
    let mut renum = vec![usize::MAX; n];
    let mut next = 0;
    let mut out = vec![0; n];
    for v in 0..n {
        let c = assignment[v] as usize;
        if renum[c] == usize::MAX {
            renum[c] = next;
            next += 1;
        }
        out[v] = renum[c];
    }
    let q = modularity(csr, &out);
    (out, q)
}

/// Moves nodes of one level to the neighbouring community with the best modularity gain until
/// no move helps; returns each node's community and whether anything moved.
fn one_level(level: &Level, n: usize, m: f64, rng: &mut rand_pcg::Pcg64) -> (Vec<u32>, bool) {
    let mut node2com: Vec<u32> = (0..n as u32).collect();
    let mut tot_in = level.k_in.clone();
    let mut tot_out = level.k_out.clone();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.shuffle(rng);
    let mut w2c = vec![0.0f64; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut improved = false;
    let m2 = m * m;
    loop {
        let mut moves = 0;
        for &u in &order {
            let uu = u as usize;
            let own = node2com[uu];
            for i in level.offsets[uu]..level.offsets[uu + 1] {
                let c = node2com[level.nbrs[i] as usize];
                if w2c[c as usize] == 0.0 {
                    touched.push(c);
                }
                w2c[c as usize] += level.weights[i];
            }
            let (kin, kout) = (level.k_in[uu], level.k_out[uu]);
            tot_in[own as usize] -= kin;
            tot_out[own as usize] -= kout;
            let remove_cost = -w2c[own as usize] / m
                + (kout * tot_in[own as usize] + kin * tot_out[own as usize]) / m2;
            let mut best_gain = 0.0;
            let mut best = own;
            for &c in &touched {
                let gain = remove_cost + w2c[c as usize] / m
                    - (kout * tot_in[c as usize] + kin * tot_out[c as usize]) / m2;
                if gain > best_gain {
                    best_gain = gain;
                    best = c;
                }
            }
            tot_in[best as usize] += kin;
            tot_out[best as usize] += kout;
            if best != own {
                node2com[uu] = best;
                moves += 1;
                improved = true;
            }
            for &c in &touched {
                w2c[c as usize] = 0.0;
            }
            touched.clear();
        }
        if moves == 0 {
            break;
        }
    }
    (node2com, improved)
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
        let b: Vec<f64> = r.people.iter().map(|p| p.betweenness).collect();
        // One pair through 2, normalised by (n-1)(n-2) = 2.
        assert_eq!(b, [0.0, 0.5, 0.0]);
        // Closeness of 3: reached by 2 people, total distance ln2 + 2ln2 = 3 ln 2.
        let c3 = r.people[2].closeness;
        assert!((c3 - 2.0 / (3.0 * 2f64.ln())).abs() < 1e-12, "{c3}");
        let pr: f64 = r.people.iter().map(|p| p.pagerank).sum();
        assert!((pr - 1.0).abs() < 1e-9);
        assert!(r.people[2].pagerank > r.people[1].pagerank);
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
        let b: Vec<f64> = r.people.iter().map(|p| p.betweenness).collect();
        assert_eq!(b, [0.0, 0.5 / 6.0, 0.5 / 6.0, 0.0]);
    }

    #[test]
    fn louvain_finds_two_cliques_and_reports_their_modularity() {
        let mut ties = vec![];
        for g in [0, 4] {
            for a in 1..=4 {
                for b in 1..=4 {
                    if a != b {
                        ties.push((g + a, g + b, 0.5));
                    }
                }
            }
        }
        ties.push((1, 5, 0.1));
        let m = testmap::map(8, &ties);
        let csr = Csr::from_map(&m);
        let (c, q) = louvain(&csr, 1);
        assert_eq!(c, [0, 0, 0, 0, 1, 1, 1, 1]);
        assert!((q - modularity(&csr, &c)).abs() < 1e-15);
        assert!(q > 0.45, "{q}");
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
            assert!((a.betweenness - b.betweenness).abs() <= s.error_bound);
        }
        let mean_err: f64 = exact
            .people
            .iter()
            .zip(&est.people)
            .map(|(a, b)| (a.closeness - b.closeness).abs() / a.closeness.max(1e-9))
            .sum::<f64>()
            / 300.0;
        assert!(mean_err < 0.1, "{mean_err}");
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
