//! Reading a map for ranking (`MapFile::read_network`: people and the network's snapshot, no tie
//! records) gives the snapshot and the ranking that opening the whole map gives.

#![allow(clippy::unwrap_used)]

use advocate_core::analysis::rank::{RankQuery, rank, rank_in};
use advocate_core::analysis::{Csr, Progress, label_of};
use advocate_core::generate::generate;
use advocate_core::store::MapFile;

#[test]
fn the_network_read_for_ranking_ranks_as_the_whole_map_does() {
    let dir = tempfile::tempdir().unwrap();
    // Large enough (over 10 000 ties) that the ties are read on a second connection.
    let path = dir.path().join("org.advocate");
    MapFile::create_from(&path, &generate(4000, 3)).unwrap();
    let whole = MapFile::open_for_reading(&path, None).unwrap().into_map();
    assert!(whole.counts().2 > 10_000);
    let (lean, csr) = MapFile::read_network(&path, None).unwrap();
    let full = Csr::from_map(&whole);
    assert_eq!(csr.ids, full.ids);
    assert_eq!(csr.out_offsets, full.out_offsets);
    assert_eq!(csr.out_targets, full.out_targets);
    assert_eq!(csr.out_strengths, full.out_strengths);
    assert_eq!(csr.out_ties, full.out_ties);
    assert_eq!(csr.in_offsets, full.in_offsets);
    assert_eq!(csr.in_sources, full.in_sources);
    assert_eq!(csr.in_strengths, full.in_strengths);
    assert_eq!(lean.counts().2, 0, "no tie records");
    assert_eq!(lean.audience(), whole.audience());
    assert_eq!(lean.members(&lean.home), whole.members(&whole.home));
    let p = Progress::new();
    let q = RankQuery::default();
    let expected = rank(&whole, &q, &p).unwrap();
    assert!(!expected.advocates.is_empty());
    assert_eq!(rank_in(&lean, &csr, &q, &p).unwrap(), expected);
    for a in &expected.advocates {
        assert_eq!(label_of(&lean, a.person), label_of(&whole, a.person));
    }
}
