//! Chains and alternatives against brute force and a plain Yen's algorithm, the limits, and the
//! "no path" messages.

use super::yen::{chain_dist, push_candidate};
use super::*;
use crate::analysis::testmap;
use std::collections::HashSet;

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
        let r = csr.out_offsets[at as usize] as usize..csr.out_offsets[at as usize + 1] as usize;
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

/// The search without limits (its queue holds people alone, their distance read from the key)
/// settles every person at the same distance and by the same predecessor as the general search,
/// forwards and backwards, from one source and from several, on random maps; and
/// `dijkstra_until` told never to stop does too.
#[test]
fn the_plain_search_gives_what_the_general_search_gives() {
    for seed in 0..40u64 {
        let m = testmap::random(60, 4, seed);
        let csr = Csr::from_map(&m);
        let none = vec![false; csr.len()];
        // Banning nobody sends the search down the general path, with its own queue.
        let general = Limits {
            banned: Some(&none),
            ..Limits::default()
        };
        for dir in [Direction::Forward, Direction::Backward] {
            for sources in [vec![0u32], vec![3, 17, 41]] {
                let plain = dijkstra(&csr, dir, &sources, &Limits::default());
                let reference = dijkstra(&csr, dir, &sources, &general);
                let until = dijkstra_until(&csr, dir, &sources, |_, _| true);
                for s in [&plain, &until] {
                    assert_eq!(
                        s.dist.iter().map(|d| d.to_bits()).collect::<Vec<_>>(),
                        reference
                            .dist
                            .iter()
                            .map(|d| d.to_bits())
                            .collect::<Vec<_>>(),
                        "seed {seed}"
                    );
                    assert_eq!(s.pred, reference.pred, "seed {seed}");
                }
            }
        }
    }
}
