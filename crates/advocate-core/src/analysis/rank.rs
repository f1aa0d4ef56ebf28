//! Who is best placed to speak on our behalf to an audience: every person the home team can
//! reach, scored by access, willingness and carry, with the chains behind each part.
//!
//! For a candidate `v` (anyone outside the home team and the audience whom the home team reaches
//! and whose word reaches at least one audience member; with `include_audience`, audience
//! members too, for what they carry to the *other* members):
//!
//! - **access** `A(v)` = reliability of the most reliable chain of introductions from the home
//!   team to `v` (the product of the strengths along it; 1 for nobody, since home team members
//!   are not candidates);
//! - **willingness** `W(v)` from stance: champion 1.0, supporter 0.8, neutral 0.4. Sceptics and
//!   blockers get 0 and are never recommended: they are listed in `to_win_over`, scored by what
//!   they would be worth if won over (`A·C`);
//! - **carry** `C(v)` = the mean, over the `n` audience members `a`, of the reliability of the
//!   most reliable chain from `v` to `a` (0 if none; an audience member's carry to themself is
//!   not counted: it is 0, so their carry is what their word does for the others);
//! - **score** = `A(v) · W(v) · C(v)`: the chance that our request reaches `v`, times how willing
//!   `v` is, times how strongly `v`'s word reaches the average audience member.
//!
//! The direct approach to each audience member — the most reliable chain from the home team to
//! them, and their stance — is given apart ([`Ranking::direct`]): it is what asking them
//! ourselves is worth, not advocacy.
//!
//! One search from the home team and one backward search from each audience member (in parallel,
//! 32 at a time, summed as they finish) give every candidate's parts at once.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::csr::Csr;
use super::paths::{Direction, Limits, Search, dijkstra};
use super::progress::Progress;
use super::{AnalysisError, key_of};
use crate::model::{Map, PersonId, Stance};

/// Willingness to speak for us, from stance (0 for sceptics and blockers).
pub fn willingness(stance: Stance) -> f64 {
    match stance {
        Stance::Champion => 1.0,
        Stance::Supporter => 0.8,
        Stance::Neutral => 0.4,
        Stance::Sceptic | Stance::Blocker => 0.0,
    }
}

/// How many advocates a ranking keeps unless told otherwise.
pub const DEFAULT_TOP: usize = 20;

/// What to rank for.
#[derive(Debug, Clone, PartialEq)]
pub struct RankQuery {
    /// Who must hear the message; `None`: the goal's audience, else every decision-maker.
    pub audience: Option<Vec<PersonId>>,
    /// Who "we" are; `None`: the home team.
    pub from: Option<Vec<PersonId>>,
    /// Keep only the best `top` advocates (and `top` people to win over); `None`: everyone
    /// (on a big map that is many chains). Default [`DEFAULT_TOP`].
    pub top: Option<usize>,
    /// Rank audience members too, for what they carry to the other members.
    pub include_audience: bool,
}

impl Default for RankQuery {
    fn default() -> RankQuery {
        RankQuery {
            audience: None,
            from: None,
            top: Some(DEFAULT_TOP),
            include_audience: false,
        }
    }
}

/// A chain from a candidate to one audience member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AudiencePath {
    pub to: String,
    pub path: Vec<String>,
    pub reliability: f64,
}

/// One person's place in the ranking, with every part of the score and the chains behind them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Advocate {
    pub id: String,
    pub name: String,
    pub stance: Stance,
    pub score: f64,
    pub access: f64,
    pub willingness: f64,
    pub carry: f64,
    pub access_path: Vec<String>,
    pub audience_paths: Vec<AudiencePath>,
    #[serde(skip)]
    pub person: PersonId,
}

/// Asking an audience member ourselves: the most reliable chain from the home team to them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DirectApproach {
    pub id: String,
    pub name: String,
    pub stance: Stance,
    /// The reliability of the chain (0: the home team does not reach them).
    pub access: f64,
    /// Keys from a home team member to them; empty when unreachable.
    pub access_path: Vec<String>,
}

/// The answer to "who is best placed to speak on our behalf to this audience?".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Ranking {
    pub audience: Vec<String>,
    /// The direct approach to each audience member, in the audience's order.
    pub direct: Vec<DirectApproach>,
    /// Best first.
    pub advocates: Vec<Advocate>,
    /// Sceptics and blockers whose word would carry, best first by `access · carry`.
    pub to_win_over: Vec<Advocate>,
}

/// Resolves the audience of a question: the given people, else the map's audience.
pub(crate) fn audience_of(
    map: &Map,
    given: Option<&Vec<PersonId>>,
) -> Result<Vec<PersonId>, AnalysisError> {
    let audience = match given {
        Some(a) => a.clone(),
        None => map.audience(),
    };
    if audience.is_empty() {
        return Err(AnalysisError::Missing(
            "no audience: set the goal's audience, mark decision-makers, or name the audience"
                .into(),
        ));
    }
    Ok(audience)
}

/// Resolves who "we" are: the given people, else the home team.
pub fn home_of(map: &Map, given: Option<&Vec<PersonId>>) -> Result<Vec<PersonId>, AnalysisError> {
    let home = match given {
        Some(h) => h.clone(),
        None => map.members(&map.home),
    };
    if home.is_empty() {
        return Err(AnalysisError::Missing(
            "no home team: set who \"we\" are on this map, or name a person to start from".into(),
        ));
    }
    Ok(home)
}

/// Ranks the people best placed to speak on our behalf.
pub fn rank(map: &Map, query: &RankQuery, progress: &Progress) -> Result<Ranking, AnalysisError> {
    rank_in(map, &Csr::from_map(map), query, progress)
}

/// [`rank`] on a snapshot already built.
pub fn rank_in(
    map: &Map,
    csr: &Csr,
    query: &RankQuery,
    progress: &Progress,
) -> Result<Ranking, AnalysisError> {
    rank_and_place(map, csr, query, progress, false).map(|r| r.0)
}

/// Every candidate's place, best first, beyond the `top` a ranking shows (to say where someone
/// went when they leave the top).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Places {
    pub advocates: Vec<(PersonId, f64)>,
    pub to_win_over: Vec<(PersonId, f64)>,
}

/// [`rank_in`], with every candidate's place.
pub fn rank_with_places(
    map: &Map,
    csr: &Csr,
    query: &RankQuery,
    progress: &Progress,
) -> Result<(Ranking, Places), AnalysisError> {
    rank_and_place(map, csr, query, progress, true)
}

/// How many audience members' backward searches are held at once. An audience up to this size
/// keeps every search, which gives the chains shown; a larger one (a whole division named by its
/// department) is searched a batch at a time, each batch's reliabilities added to everyone's
/// carry in the audience's order before the next begins, so memory stays at one batch however
/// large the audience (10 000 searches over 100 000 people once needed 12 GB) and the sums are
/// the same, bit for bit, as adding them all at the end.
const BATCH: usize = 32;

/// What the audience's searches leave: each person's summed reliability to the audience
/// members other than themself, and the searches themselves when the audience fits in a batch.
struct Carried {
    sum: Vec<f64>,
    kept: Option<Vec<Search>>,
}

/// The search from the home team, and the audience's backward searches summed into each
/// person's carry (both cores: the home team's search beside the first batch).
fn search(
    csr: &Csr,
    src: &[u32],
    aud: &[u32],
    progress: &Progress,
) -> Result<(Search, Carried), AnalysisError> {
    let mut access = None;
    let mut sum = vec![0.0f64; csr.len()];
    let mut kept = None;
    let batches: Vec<&[u32]> = if aud.is_empty() {
        vec![&[]]
    } else {
        aud.chunks(BATCH).collect()
    };
    for (i, batch) in batches.iter().enumerate() {
        progress.check()?;
        let home = (i == 0).then_some(None);
        let mut searches: Vec<Search> = home
            .into_iter()
            .chain(batch.iter().map(|&a| Some(a)))
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|member| {
                progress.check()?;
                let s = match member {
                    None => dijkstra(csr, Direction::Forward, src, &Limits::default()),
                    Some(a) => dijkstra(csr, Direction::Backward, &[a], &Limits::default()),
                };
                progress.advance(1)?;
                Ok(s)
            })
            .collect::<Result<_, AnalysisError>>()?;
        if i == 0 {
            let reverse = searches.split_off(1);
            access = searches.pop();
            searches = reverse;
        }
        // Their carry to themself (as an audience member) is not counted.
        sum.par_iter_mut()
            .enumerate()
            .with_min_len(4096)
            .for_each(|(v, total)| {
                for (r, &a) in searches.iter().zip(batch.iter()) {
                    if a as usize != v && r.dist[v].is_finite() {
                        *total += r.reliability(v as u32);
                    }
                }
            });
        if batches.len() == 1 {
            kept = Some(searches);
        }
    }
    let Some(access) = access else {
        return Err(AnalysisError::Missing(
            "no search from the home team".into(),
        ));
    };
    Ok((access, Carried { sum, kept }))
}

fn rank_and_place(
    map: &Map,
    csr: &Csr,
    query: &RankQuery,
    progress: &Progress,
    want_places: bool,
) -> Result<(Ranking, Places), AnalysisError> {
    let audience = audience_of(map, query.audience.as_ref())?;
    let home = home_of(map, query.from.as_ref())?;
    let aud: Vec<u32> = csr.indices(&audience);
    let src: Vec<u32> = csr.indices(&home);
    progress.start(aud.len() as u64 + 1);
    let (access, carried) = search(csr, &src, &aud, progress)?;
    let n_aud = audience.len() as f64;
    // Home team members are never candidates; audience members only when asked for.
    let mut skip = vec![false; csr.len()];
    for &s in &src {
        skip[s as usize] = true;
    }
    if !query.include_audience {
        for &a in &aud {
            skip[a as usize] = true;
        }
    }
    struct Scored {
        v: u32,
        stance: Stance,
        access: f64,
        carry: f64,
        score: f64,
    }
    // Stances by dense index: a walk over the map's people when the snapshot is in their order
    // (as `Csr::from_map` makes it), else one lookup each.
    let stances: Vec<Option<Stance>> = if map.people().len() == csr.len()
        && map.people().zip(&csr.ids).all(|(p, id)| p.id == *id)
    {
        map.people().map(|p| Some(p.stance)).collect()
    } else {
        csr.ids
            .iter()
            .map(|id| map.person(*id).map(|p| p.stance))
            .collect()
    };
    let score = |v: u32| -> Option<Scored> {
        if skip[v as usize] || !access.dist[v as usize].is_finite() {
            return None;
        }
        let carry = carried.sum[v as usize] / n_aud;
        if carry <= 0.0 {
            return None;
        }
        let stance = stances[v as usize]?;
        let a = access.reliability(v);
        Some(Scored {
            v,
            stance,
            access: a,
            carry,
            // What a sceptic or blocker would be worth if won over.
            score: if stance.is_opposed() {
                a * carry
            } else {
                a * willingness(stance) * carry
            },
        })
    };
    // Everyone's score on both cores (each person's sum is taken in the same order either way).
    let (mut opposed, mut advocates): (Vec<Scored>, Vec<Scored>) = (0..csr.len() as u32)
        .into_par_iter()
        .with_min_len(4096)
        .filter_map(score)
        .collect::<Vec<_>>()
        .into_iter()
        .partition(|s| s.stance.is_opposed());
    // Best score first; equal scores in the map's order (ids), so the result is stable.
    let best_first = |x: &Scored, y: &Scored| y.score.total_cmp(&x.score).then(x.v.cmp(&y.v));
    let order = |list: &mut Vec<Scored>| -> Vec<(PersonId, f64)> {
        // Only the best `top` are shown: set them apart before sorting (the order is total, as
        // no two people share `v`, so the same ones come out in the same order).
        if let Some(top) = query.top
            && !want_places
            && list.len() > top
        {
            list.select_nth_unstable_by(top, best_first);
            list.truncate(top);
        }
        list.sort_unstable_by(best_first);
        let places = if want_places {
            list.iter()
                .map(|s| (csr.ids[s.v as usize], s.score))
                .collect()
        } else {
            vec![]
        };
        if let Some(top) = query.top {
            list.truncate(top);
        }
        places
    };
    let places = Places {
        advocates: order(&mut advocates),
        to_win_over: order(&mut opposed),
    };
    let keys = |chain: &[u32]| -> Vec<String> {
        chain
            .iter()
            .map(|x| key_of(map, csr.ids[*x as usize]))
            .collect()
    };
    let describe = |s: &Scored| -> Advocate {
        let person = csr.ids[s.v as usize];
        let p = map.person(person);
        let path = |a: u32, chain: Vec<u32>, reliability: f64| AudiencePath {
            to: key_of(map, csr.ids[a as usize]),
            path: keys(&chain),
            reliability,
        };
        let audience_paths = match &carried.kept {
            Some(reverse) => reverse
                .iter()
                .zip(&aud)
                .filter(|(r, a)| **a != s.v && r.dist[s.v as usize].is_finite())
                .map(|(r, &a)| {
                    let mut chain = r.chain(s.v);
                    chain.reverse();
                    path(a, chain, r.reliability(s.v))
                })
                .collect(),
            // The searches were not kept: one forward search from this person finds their
            // chain to every audience member.
            None => {
                let from = dijkstra(csr, Direction::Forward, &[s.v], &Limits::default());
                aud.iter()
                    .filter(|&&a| a != s.v && from.dist[a as usize].is_finite())
                    .map(|&a| path(a, from.chain(a), from.reliability(a)))
                    .collect()
            }
        };
        Advocate {
            id: key_of(map, person),
            name: p.map(|p| p.name.clone()).unwrap_or_default(),
            stance: s.stance,
            score: s.score,
            access: s.access,
            willingness: willingness(s.stance),
            carry: s.carry,
            access_path: keys(&access.chain(s.v)),
            audience_paths,
            person,
        }
    };
    let direct = aud
        .iter()
        .map(|&a| {
            let person = map.person(csr.ids[a as usize]);
            let reached = access.dist[a as usize].is_finite();
            DirectApproach {
                id: key_of(map, csr.ids[a as usize]),
                name: person.map(|p| p.name.clone()).unwrap_or_default(),
                stance: stances[a as usize].unwrap_or(Stance::Neutral),
                access: access.reliability(a),
                access_path: if reached {
                    keys(&access.chain(a))
                } else {
                    vec![]
                },
            }
        })
        .collect();
    let ranking = Ranking {
        audience: audience.iter().map(|a| key_of(map, *a)).collect(),
        direct,
        advocates: advocates.par_iter().map(describe).collect(),
        to_win_over: opposed.par_iter().map(describe).collect(),
    };
    Ok((ranking, places))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testmap;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    /// Home team 1. 1→2 (0.5), 1→3 (0.9), 2→5 (0.8), 3→5 (0.2), 3→6 (0.5), 4→5 (0.9), 1→4 (0.5).
    /// Audience {5, 6}. 4 is a blocker.
    fn sample() -> Map {
        let mut m = testmap::map(
            6,
            &[
                (1, 2, 0.5),
                (1, 3, 0.9),
                (2, 5, 0.8),
                (3, 5, 0.2),
                (3, 6, 0.5),
                (4, 5, 0.9),
                (1, 4, 0.5),
            ],
        );
        m.home.people = vec![PersonId(1)];
        m.goal.audience.people = vec![PersonId(5), PersonId(6)];
        testmap::set_stance(&mut m, 2, Stance::Champion);
        testmap::set_stance(&mut m, 3, Stance::Supporter);
        testmap::set_stance(&mut m, 4, Stance::Blocker);
        m
    }

    #[test]
    fn scores_are_access_times_willingness_times_carry() {
        let m = sample();
        let r = rank(&m, &RankQuery::default(), &Progress::new()).unwrap();
        assert_eq!(r.audience, ["p5", "p6"]);
        // p3: access 0.9, supporter 0.8, carry (0.2 + 0.5)/2 = 0.35 → 0.252.
        // p2: access 0.5, champion 1.0, carry (0.8 + 0)/2 = 0.4 → 0.2.
        // The audience (p5, p6) are not advocates to themselves: they are approached directly.
        let ids: Vec<&str> = r.advocates.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["p3", "p2"]);
        let direct: Vec<(&str, f64, Vec<String>)> = r
            .direct
            .iter()
            .map(|d| (d.id.as_str(), d.access, d.access_path.clone()))
            .collect();
        // p5: max(0.5·0.8, 0.9·0.2, 0.5·0.9) = 0.45 through the blocker; p6: 0.9·0.5.
        assert_eq!(direct[0].0, "p5");
        assert!(close(direct[0].1, 0.45) && direct[0].2 == ["p1", "p4", "p5"]);
        assert_eq!(direct[1].0, "p6");
        assert!(close(direct[1].1, 0.45) && direct[1].2 == ["p1", "p3", "p6"]);
        let p3 = &r.advocates[0];
        assert!(close(p3.access, 0.9) && close(p3.carry, 0.35) && close(p3.score, 0.252));
        assert_eq!(p3.access_path, ["p1", "p3"]);
        assert_eq!(p3.audience_paths.len(), 2);
        assert_eq!(p3.audience_paths[1].path, ["p3", "p6"]);
        assert!(close(r.advocates[1].score, 0.2));
        // The blocker is never an advocate, but is worth winning over: 0.5 · 0.45.
        assert_eq!(r.to_win_over.len(), 1);
        assert_eq!(r.to_win_over[0].id, "p4");
        assert!(close(r.to_win_over[0].score, 0.225));
        assert!(r.advocates.iter().all(|a| a.id != "p1"));
    }

    #[test]
    fn audience_members_carry_only_to_the_others() {
        let mut m = sample();
        // p5 (audience) sways p6 (audience) at 0.5.
        testmap::tie(&mut m, 99, 5, 6, 0.5);
        let q = RankQuery {
            include_audience: true,
            ..RankQuery::default()
        };
        let r = rank(&m, &q, &Progress::new()).unwrap();
        // p5: access 0.45, neutral 0.4, carry (0 for themself + 0.5) / 2 = 0.25 → 0.045. p6
        // reaches nobody else in the audience, so carries nothing and is not listed.
        let p5 = r.advocates.iter().find(|a| a.id == "p5").unwrap();
        assert!(close(p5.carry, 0.25) && close(p5.score, 0.45 * 0.4 * 0.25));
        assert_eq!(p5.audience_paths.len(), 1);
        assert_eq!(p5.audience_paths[0].to, "p6");
        assert!(r.advocates.iter().all(|a| a.id != "p6"));
        // Without the option, the audience is left to the direct approach.
        let r = rank(&m, &RankQuery::default(), &Progress::new()).unwrap();
        assert!(r.advocates.iter().all(|a| a.id != "p5" && a.id != "p6"));
    }

    #[test]
    fn top_keeps_the_best_and_from_overrides_the_home_team() {
        let mut m = sample();
        testmap::tie(&mut m, 99, 2, 3, 0.6);
        testmap::tie(&mut m, 98, 2, 4, 0.7);
        let q = RankQuery {
            top: Some(1),
            from: Some(vec![PersonId(2)]),
            ..RankQuery::default()
        };
        let r = rank(&m, &q, &Progress::new()).unwrap();
        // From p2: p3 at 0.6 (0.6 · 0.8 · 0.35); p4 is a blocker, to win over.
        assert_eq!(r.advocates.len(), 1);
        assert_eq!(r.advocates[0].id, "p3");
        assert!(close(r.advocates[0].access, 0.6));
        assert_eq!(r.to_win_over.len(), 1);
    }

    #[test]
    fn missing_home_or_audience_is_an_error_and_cancel_stops() {
        let mut m = sample();
        m.home.people.clear();
        assert!(rank(&m, &RankQuery::default(), &Progress::new()).is_err());
        let m = sample();
        let p = Progress::new();
        p.cancel();
        assert_eq!(
            rank(&m, &RankQuery::default(), &p),
            Err(AnalysisError::Cancelled)
        );
    }

    #[test]
    fn json_has_the_documented_shape() {
        let m = sample();
        let r = rank(&m, &RankQuery::default(), &Progress::new()).unwrap();
        let v = serde_json::to_value(&r).unwrap();
        let a = &v["advocates"][0];
        for f in [
            "id",
            "name",
            "score",
            "access",
            "willingness",
            "carry",
            "access_path",
            "audience_paths",
        ] {
            assert!(a.get(f).is_some(), "{f}");
        }
        assert_eq!(a["audience_paths"][0]["to"], "p5");
        assert!(v["to_win_over"].is_array());
    }

    #[test]
    fn the_worked_example_of_docs_ranking_md() {
        // 1 Lee (home), 2 Ann (supporter), 3 CFO, 4 CIO, 5 IT director, 6 IT champion, 7 deputy.
        let mut m = testmap::map(
            7,
            &[
                (1, 2, 0.55),
                (2, 3, 0.35),
                (2, 5, 0.35),
                (5, 4, 0.55),
                (1, 6, 0.10),
                (6, 7, 0.55),
                (7, 4, 0.55),
            ],
        );
        m.home.people = vec![PersonId(1)];
        m.goal.audience.people = vec![PersonId(3), PersonId(4)];
        testmap::set_stance(&mut m, 2, Stance::Supporter);
        testmap::set_stance(&mut m, 6, Stance::Champion);
        let r = rank(&m, &RankQuery::default(), &Progress::new()).unwrap();
        let find = |id: &str| r.advocates.iter().find(|a| a.id == id).unwrap();
        let ann = find("p2");
        assert!((ann.carry - 0.27125).abs() < 1e-12);
        assert!((ann.score - 0.55 * 0.8 * 0.27125).abs() < 1e-12);
        assert_eq!(ann.audience_paths[1].path, ["p2", "p5", "p4"]);
        let champion = find("p6");
        assert!((champion.score - 0.015125).abs() < 1e-12);
        assert_eq!(champion.audience_paths.len(), 1);
    }

    /// The most reliable chain between every pair, by Floyd–Warshall on products (a reference
    /// that shares no code with the searches): `best[u][v]`, 1 on the diagonal.
    fn most_reliable(m: &Map, n: usize) -> Vec<Vec<f64>> {
        let mut best = vec![vec![0.0f64; n + 1]; n + 1];
        for (i, row) in best.iter_mut().enumerate() {
            row[i] = 1.0;
        }
        for t in m.ties() {
            let (a, b) = (t.from.0 as usize, t.to.0 as usize);
            best[a][b] = best[a][b].max(t.strength);
        }
        for k in 1..=n {
            for u in 1..=n {
                for v in 1..=n {
                    let through = best[u][k] * best[k][v];
                    if through > best[u][v] {
                        best[u][v] = through;
                    }
                }
            }
        }
        best
    }

    #[test]
    fn an_audience_of_several_batches_ranks_as_the_reference_does() {
        // 160 people, 75 of them the audience (three batches of searches), ranked with and
        // without the audience themselves, against sums worked out from the reference.
        let n = 160;
        for (seed, include_audience) in [(7, false), (8, true)] {
            let mut m = testmap::random(n as i64, 3, seed);
            m.home.people = vec![PersonId(1), PersonId(2)];
            m.goal.audience.people = (60..135).map(PersonId).collect();
            let best = most_reliable(&m, n);
            let q = RankQuery {
                top: None,
                include_audience,
                ..RankQuery::default()
            };
            let r = rank(&m, &q, &Progress::new()).unwrap();
            assert!(r.advocates.len() > 20, "a ranking worth comparing");
            let aud: Vec<usize> = (60..135).collect();
            let everyone = r.advocates.iter().chain(&r.to_win_over);
            let mut listed = 0;
            for a in everyone {
                listed += 1;
                let v = a.person.0 as usize;
                let access = best[1][v].max(best[2][v]);
                let carry = aud
                    .iter()
                    .filter(|&&x| x != v)
                    .map(|&x| best[v][x])
                    .sum::<f64>()
                    / aud.len() as f64;
                assert!((a.access - access).abs() < 1e-12, "{}", a.id);
                assert!((a.carry - carry).abs() < 1e-12, "{}", a.id);
                // Each chain shown is a real chain as reliable as the best.
                let reached = aud.iter().filter(|&&x| x != v && best[v][x] > 0.0).count();
                assert_eq!(a.audience_paths.len(), reached, "{}", a.id);
                for p in &a.audience_paths {
                    let to: usize = p.to[1..].parse().unwrap();
                    assert!((p.reliability - best[v][to]).abs() < 1e-12);
                    assert_eq!(p.path.first(), Some(&a.id));
                    assert_eq!(p.path.last(), Some(&p.to));
                    let product: f64 = p
                        .path
                        .windows(2)
                        .map(|w| {
                            let id = |k: &str| PersonId(k[1..].parse().unwrap());
                            m.tie_between(id(&w[0]), id(&w[1])).unwrap().strength
                        })
                        .product();
                    assert!((product - p.reliability).abs() < 1e-12);
                }
            }
            // Everyone the home team reaches whose word reaches the audience is listed.
            let expected = (3..=n)
                .filter(|&v| include_audience || !aud.contains(&v))
                .filter(|&v| best[1][v].max(best[2][v]) > 0.0)
                .filter(|&v| aud.iter().any(|&x| x != v && best[v][x] > 0.0))
                .count();
            assert_eq!(listed, expected);
            // Best first.
            assert!(r.advocates.windows(2).all(|w| w[0].score >= w[1].score));
        }
    }
}
