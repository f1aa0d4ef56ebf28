//! The most reliable chain of introductions from the home team (or a person) to a person, with
//! loop-free alternatives (Yen's algorithm), optionally avoiding sceptics or blockers and passing
//! through a chosen person. Also the Dijkstra search on −ln(strength) that ranking reuses.
//!
//! The rooms: `search` (Dijkstra, shared with ranking, the board and next steps), `yen` (the
//! alternatives, by guided A*), and here the chains as answers and the "no path" explanation.

mod search;
#[cfg(test)]
mod tests;
mod yen;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::csr::Csr;
use super::{AnalysisError, describe, key_of, label_of};
use crate::model::{Map, PersonId, Stance};

pub(crate) use search::{Direction, Limits, Search, dijkstra, dijkstra_until};
use yen::chain_dist;
pub(crate) use yen::yen;

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
