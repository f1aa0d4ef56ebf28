//! The compact snapshot of the influence network that every hot algorithm runs on: people as
//! dense indices `0..n` and their influence ties in compressed sparse rows, in both directions.
//!
//! Only ties between two different people with a strength above 0 are kept (a tie of strength 0
//! can never carry anything); strengths above 1 are read as 1. A pair linked in several ways (a
//! line manager who is also a mentor) is one entry: each tie is its own channel, so together they
//! sway with strength `1 − Π(1 − s_k)`. Each row is sorted by the other end, so results do not
//! depend on the order ties were added. The distance of an entry is −ln(strength): the shortest
//! path is the most reliable chain of introductions.

use rayon::slice::ParallelSliceMut;
use rustc_hash::FxHashMap;

use crate::model::{Map, PersonId, TieId};

/// Adjacency of people over influence ties, both directions.
#[derive(Debug, Clone)]
pub struct Csr {
    /// Dense index → person.
    pub ids: Vec<PersonId>,
    /// Person → dense index.
    pub index: FxHashMap<PersonId, u32>,
    /// Out-ties of `v` are `out_offsets[v]..out_offsets[v+1]` in the `out_*` arrays.
    pub out_offsets: Vec<u32>,
    pub out_targets: Vec<u32>,
    pub out_strengths: Vec<f64>,
    /// −ln(strength) of each out-entry.
    pub out_dist: Vec<f64>,
    /// The tie each out-entry comes from (the lowest id when the pair has several).
    pub out_ties: Vec<TieId>,
    /// In-ties of `v` are `in_offsets[v]..in_offsets[v+1]` in the `in_*` arrays.
    pub in_offsets: Vec<u32>,
    pub in_sources: Vec<u32>,
    pub in_strengths: Vec<f64>,
    /// −ln(strength) of each in-entry.
    pub in_dist: Vec<f64>,
}

/// Distance of a tie: −ln(strength).
#[inline]
pub fn distance(strength: f64) -> f64 {
    -strength.ln()
}

impl Csr {
    /// Builds the snapshot of a map's people (in id order) and usable influence ties.
    pub fn from_map(map: &Map) -> Csr {
        let ids: Vec<PersonId> = map.people().map(|p| p.id).collect();
        let edges = map.ties().map(|t| (t.from, t.to, t.strength, t.id));
        Csr::build(ids, edges)
    }

    /// Builds the snapshot from people and `(from, to, strength, tie)` rows; rows naming people
    /// not in `ids`, self-ties and strengths ≤ 0 (or NaN) are left out.
    pub fn build(
        ids: Vec<PersonId>,
        edges: impl Iterator<Item = (PersonId, PersonId, f64, TieId)>,
    ) -> Csr {
        let index: FxHashMap<PersonId, u32> = ids
            .iter()
            .enumerate()
            .map(|(i, p)| (*p, i as u32))
            .collect();
        let n = ids.len();
        // Row ids are usually dense: then each end is found by position, not by hashing.
        let last = ids.iter().map(|p| p.0).max().unwrap_or(0);
        let all_positive = ids.iter().all(|p| p.0 >= 0);
        let by_row: Vec<u32> = match usize::try_from(last) {
            Ok(last) if all_positive && last <= 4 * n + 1024 => {
                let mut v = vec![u32::MAX; last + 1];
                for (i, p) in ids.iter().enumerate() {
                    if let Ok(r) = usize::try_from(p.0) {
                        v[r] = i as u32;
                    }
                }
                v
            }
            _ => Vec::new(),
        };
        let find = |p: PersonId| -> Option<u32> {
            if !by_row.is_empty() {
                let at = usize::try_from(p.0).ok()?;
                return by_row.get(at).copied().filter(|i| *i != u32::MAX);
            }
            index.get(&p).copied()
        };
        let mut list: Vec<(u32, u32, f64, TieId)> = edges
            .filter_map(|(a, b, s, t)| {
                let (a, b) = (find(a)?, find(b)?);
                (a != b && s > 0.0).then_some((a, b, s.min(1.0), t))
            })
            .collect();
        // Each key is unique (a tie id at most once), so an unstable sort gives one order, on
        // one core or several.
        if list.len() > 50_000 {
            list.par_sort_unstable_by_key(|e| (e.0, e.1, e.3));
        } else {
            list.sort_unstable_by_key(|e| (e.0, e.1, e.3));
        }
        // Several ties of one pair are independent channels: 1 − Π(1 − s_k), kept under the
        // first tie's id.
        let mut combined: Vec<(u32, u32, f64, TieId)> = Vec::with_capacity(list.len());
        for e in list {
            match combined.last_mut() {
                Some(last) if last.0 == e.0 && last.1 == e.1 => {
                    last.2 = 1.0 - (1.0 - last.2) * (1.0 - e.2);
                }
                _ => combined.push(e),
            }
        }
        let list = combined;
        let mut out_offsets = vec![0u32; n + 1];
        for e in &list {
            out_offsets[e.0 as usize + 1] += 1;
        }
        for i in 0..n {
            out_offsets[i + 1] += out_offsets[i];
        }
        let out_targets = list.iter().map(|e| e.1).collect();
        let out_strengths: Vec<f64> = list.iter().map(|e| e.2).collect();
        let out_dist: Vec<f64> = out_strengths.iter().map(|s| distance(*s)).collect();
        let out_ties = list.iter().map(|e| e.3).collect();
        let mut in_offsets = vec![0u32; n + 1];
        for e in &list {
            in_offsets[e.1 as usize + 1] += 1;
        }
        for i in 0..n {
            in_offsets[i + 1] += in_offsets[i];
        }
        let mut fill = in_offsets.clone();
        let mut in_sources = vec![0u32; list.len()];
        let mut in_strengths = vec![0f64; list.len()];
        let mut in_dist = vec![0f64; list.len()];
        // `list` is sorted by source, so each in-row ends up sorted by source too.
        for (e, d) in list.iter().zip(&out_dist) {
            let at = fill[e.1 as usize] as usize;
            in_sources[at] = e.0;
            in_strengths[at] = e.2;
            in_dist[at] = *d;
            fill[e.1 as usize] += 1;
        }
        Csr {
            ids,
            index,
            out_offsets,
            out_targets,
            out_strengths,
            out_dist,
            out_ties,
            in_offsets,
            in_sources,
            in_strengths,
            in_dist,
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn tie_count(&self) -> usize {
        self.out_targets.len()
    }

    /// Out-neighbours of `v` with strengths.
    #[inline]
    pub fn out(&self, v: u32) -> impl Iterator<Item = (u32, f64)> + '_ {
        let r = self.out_offsets[v as usize] as usize..self.out_offsets[v as usize + 1] as usize;
        self.out_targets[r.clone()]
            .iter()
            .copied()
            .zip(self.out_strengths[r].iter().copied())
    }

    /// In-neighbours of `v` with strengths.
    #[inline]
    pub fn inn(&self, v: u32) -> impl Iterator<Item = (u32, f64)> + '_ {
        let r = self.in_offsets[v as usize] as usize..self.in_offsets[v as usize + 1] as usize;
        self.in_sources[r.clone()]
            .iter()
            .copied()
            .zip(self.in_strengths[r].iter().copied())
    }

    pub fn out_degree(&self, v: u32) -> usize {
        (self.out_offsets[v as usize + 1] - self.out_offsets[v as usize]) as usize
    }

    pub fn in_degree(&self, v: u32) -> usize {
        (self.in_offsets[v as usize + 1] - self.in_offsets[v as usize]) as usize
    }

    /// The tie from `a` to `b`, if kept.
    pub fn tie(&self, a: u32, b: u32) -> Option<(TieId, f64)> {
        let r = self.out_offsets[a as usize] as usize..self.out_offsets[a as usize + 1] as usize;
        let at = self.out_targets[r.clone()].binary_search(&b).ok()?;
        Some((
            self.out_ties[r.start + at],
            self.out_strengths[r.start + at],
        ))
    }

    /// Dense indices of people, skipping those not in the snapshot.
    pub fn indices(&self, people: &[PersonId]) -> Vec<u32> {
        people
            .iter()
            .filter_map(|p| self.index.get(p).copied())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pair linked in two ways sways as two independent channels: 1 − (1 − 0.55)(1 − 0.3).
    #[test]
    fn several_ties_of_a_pair_combine_as_independent_channels() {
        let ids = vec![PersonId(1), PersonId(2), PersonId(3)];
        let edges = vec![
            (PersonId(1), PersonId(2), 0.3, TieId(7)),
            (PersonId(1), PersonId(2), 0.55, TieId(4)),
            (PersonId(2), PersonId(3), 0.5, TieId(5)),
            (PersonId(2), PersonId(3), 0.0, TieId(6)),
        ];
        let c = Csr::build(ids, edges.into_iter());
        assert_eq!(c.tie_count(), 2);
        let (tie, s) = c.tie(0, 1).unwrap();
        assert_eq!(tie, TieId(4));
        assert!((s - (1.0 - 0.45 * 0.7)).abs() < 1e-15, "{s}");
        assert!((c.inn(1).next().unwrap().1 - s).abs() < 1e-15);
        assert!((c.out_dist[0] + s.ln()).abs() < 1e-15);
        assert_eq!(c.tie(1, 2), Some((TieId(5), 0.5)));
    }

    #[test]
    fn keeps_usable_ties_in_both_directions_sorted() {
        let ids = vec![PersonId(10), PersonId(20), PersonId(30)];
        let edges = vec![
            (PersonId(10), PersonId(30), 0.5, TieId(1)),
            (PersonId(10), PersonId(20), 0.2, TieId(2)),
            (PersonId(20), PersonId(30), 0.0, TieId(3)),
            (PersonId(30), PersonId(30), 0.9, TieId(4)),
            (PersonId(30), PersonId(99), 0.9, TieId(5)),
            (PersonId(30), PersonId(10), 1.5, TieId(6)),
        ];
        let c = Csr::build(ids, edges.into_iter());
        assert_eq!(c.tie_count(), 3);
        assert_eq!(c.out(0).collect::<Vec<_>>(), vec![(1, 0.2), (2, 0.5)]);
        assert_eq!(c.inn(0).collect::<Vec<_>>(), vec![(2, 1.0)]);
        assert_eq!(c.inn(2).collect::<Vec<_>>(), vec![(0, 0.5)]);
        assert_eq!(c.tie(0, 2), Some((TieId(1), 0.5)));
        assert_eq!(c.tie(1, 2), None);
        assert_eq!(c.in_degree(1), 1);
        assert_eq!(c.out_degree(1), 0);
    }

    /// Dense row ids are found by position, sparse ones by hashing: the same snapshot either way.
    #[test]
    fn dense_and_sparse_ids_give_the_same_snapshot() {
        let edges = |scale: i64| {
            (0..40i64).flat_map(move |a| {
                (1..4i64).map(move |k| {
                    let b = (a * 7 + k * 13) % 40;
                    (
                        PersonId(1 + a * scale),
                        PersonId(1 + b * scale),
                        0.1 * k as f64,
                        TieId(a * 4 + k),
                    )
                })
            })
        };
        let ids = |scale: i64| (0..40).map(|i| PersonId(1 + i * scale)).collect::<Vec<_>>();
        let dense = Csr::build(ids(1), edges(1));
        let sparse = Csr::build(ids(1_000_003), edges(1_000_003));
        assert!(dense.tie_count() > 80);
        assert_eq!(dense.out_offsets, sparse.out_offsets);
        assert_eq!(dense.out_targets, sparse.out_targets);
        assert_eq!(dense.in_sources, sparse.in_sources);
        assert_eq!(dense.in_dist, sparse.in_dist);
        assert_eq!(dense.out_ties, sparse.out_ties);
    }
}
