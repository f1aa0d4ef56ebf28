//! Communities: Louvain on the directed weighted network, maximising networkx's directed
//! modularity `Q = Σ_c [L_c/m − out_c·in_c/m²]` (what `networkx.community.modularity` reports;
//! `louvain_communities` on a DiGraph, resolution 1, threshold 1e-7).

use rand::SeedableRng;
use rand::seq::SliceRandom;

use super::csr::Csr;

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
}
