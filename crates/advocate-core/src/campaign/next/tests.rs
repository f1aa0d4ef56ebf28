use super::*;
use crate::analysis::rank::{RankQuery, rank};
use crate::analysis::testmap;
use crate::analysis::whatif::{Change, apply};
use crate::campaign::{Action, ActionId, ActionState};
use crate::model::{Department, DepartmentId, Engagement, EngagementId, Function};

const TODAY: &str = "2026-11-30";

/// p1 home (champion); p2 champion; p3 in the audience; p4, p5 neutral.
/// Ties: 1→2 0.5, 2→3 0.5, 1→3 0.1, 1→4 0.5, 1→5 0.5.
fn base() -> Map {
    let mut m = testmap::map(
        5,
        &[
            (1, 2, 0.5),
            (2, 3, 0.5),
            (1, 3, 0.1),
            (1, 4, 0.5),
            (1, 5, 0.5),
        ],
    );
    m.home.people = vec![PersonId(1)];
    m.goal.audience.people = vec![PersonId(3)];
    testmap::set_stance(&mut m, 1, Stance::Champion);
    testmap::set_stance(&mut m, 2, Stance::Champion);
    testmap::set_stance(&mut m, 3, Stance::Supporter);
    m
}

fn set(m: &mut Map, id: i64, f: impl FnOnce(&mut crate::model::Person)) {
    let mut p = m.person(PersonId(id)).unwrap().clone();
    f(&mut p);
    m.put_person(p);
}

fn log(m: &mut Map, id: i64, person: i64, date: &str, stance: Option<Stance>) {
    m.put_engagement(Engagement {
        id: EngagementId(id),
        person: PersonId(person),
        date: date.into(),
        action: "met".into(),
        summary: format!("entry {id}"),
        stance_after: stance,
    });
}

fn run(m: &Map, c: &Campaign) -> NextSteps {
    next_steps(m, c, &NextOptions::new(TODAY), &Progress::new()).unwrap()
}

fn keys(n: &NextSteps) -> Vec<&str> {
    n.suggestions.iter().map(|s| s.key.as_str()).collect()
}

fn find<'a>(n: &'a NextSteps, key: &str) -> &'a Suggestion {
    n.suggestions
        .iter()
        .find(|s| s.key == key)
        .unwrap_or_else(|| panic!("{key} not in {:?}", keys(n)))
}

/// Engages everyone recently, so Stale stays quiet in tests of other rules.
fn engage_all(m: &mut Map) {
    let n = m.people().len() as i64;
    for p in 1..=n {
        log(m, 900 + p, p, "2026-11-20", None);
    }
}

#[test]
fn gap_asks_the_best_placed_advocate_through_the_chain() {
    let mut m = base();
    engage_all(&mut m);
    assert!(run(&m, &Campaign::default()).suggestions.is_empty());
    testmap::set_stance(&mut m, 3, Stance::Sceptic);
    let n = run(&m, &Campaign::default());
    let s = find(&n, "gap:p3");
    // p2: access 0.5 × willingness 1 × 0.5 = 0.25 beats the home team's own tie (0.1).
    assert_eq!(s.via.as_deref(), Some("p2"));
    assert_eq!(s.chain, ["p1", "p2", "p3"]);
    assert!((s.chain_reliability.unwrap() - 0.25).abs() < 1e-12);
    assert!(s.step.starts_with("Ask Person 2 to speak to Person 3"));
    // The only audience member moves two steps: the audience's mean stance +2.
    assert!((s.worth - 2.0).abs() < 1e-12, "{}", s.worth);
    // A person outside the audience with no target has no gap.
    testmap::set_stance(&mut m, 4, Stance::Blocker);
    assert!(
        run(&m, &Campaign::default())
            .suggestions
            .iter()
            .all(|s| s.person != "p4")
    );
    // A target set for them makes one.
    let mut c = Campaign::default();
    c.targets.insert(PersonId(4), Stance::Neutral);
    let n = run(&m, &c);
    let s = find(&n, "gap:p4");
    assert!(s.step.starts_with("Meet Person 4 yourselves"), "{}", s.step);
}

#[test]
fn stale_fires_for_powerful_audience_or_board_members_not_engaged_lately() {
    let mut m = base();
    set(&mut m, 3, |p| p.power = 5);
    log(&mut m, 1, 3, "2026-09-30", None); // 61 days before today
    let n = run(&m, &Campaign::default());
    let s = find(&n, "stale:p3");
    assert!(s.why.contains("61 days ago"), "{}", s.why);
    assert_eq!(s.via.as_deref(), Some("p2"));
    // Engaged within the map's stale days: quiet. A longer setting keeps it quiet too.
    let c = Campaign {
        stale_days: 70,
        ..Campaign::default()
    };
    assert!(
        run(&m, &c)
            .suggestions
            .iter()
            .all(|s| s.rule != Rule::Stale)
    );
    log(&mut m, 2, 3, "2026-11-01", None);
    assert!(run(&m, &Campaign::default()).suggestions.is_empty());
    // Power 3 is not enough, however long ago.
    let mut m = base();
    set(&mut m, 3, |p| p.power = 3);
    assert!(run(&m, &Campaign::default()).suggestions.is_empty());
    // On the board, never engaged.
    let mut m = base();
    set(&mut m, 5, |p| p.power = 4);
    let mut o = NextOptions::new(TODAY);
    log(&mut m, 3, 3, "2026-11-20", None);
    assert!(
        next_steps(&m, &Campaign::default(), &o, &Progress::new())
            .unwrap()
            .suggestions
            .is_empty()
    );
    o.board = vec![PersonId(5)];
    let n = next_steps(&m, &Campaign::default(), &o, &Progress::new()).unwrap();
    assert!(find(&n, "stale:p5").why.contains("never been engaged"));
}

#[test]
fn coverage_fires_for_a_decision_maker_no_supporter_sways_strongly() {
    let mut m = base();
    engage_all(&mut m);
    set(&mut m, 3, |p| p.decision_maker = true);
    // p2 (champion) sways p3 at 0.5: covered.
    assert!(run(&m, &Campaign::default()).suggestions.is_empty());
    // p2 neutral: nobody on side sways p3 at 0.3; p2 could be won over.
    testmap::set_stance(&mut m, 2, Stance::Neutral);
    let n = run(&m, &Campaign::default());
    let s = find(&n, "coverage:p3");
    assert_eq!(s.person, "p2");
    assert!(s.step.starts_with("Win over Person 2"), "{}", s.step);
    // A supporter at exactly 0.3 covers them.
    testmap::tie(&mut m, 50, 4, 3, 0.3);
    testmap::set_stance(&mut m, 4, Stance::Supporter);
    assert!(
        run(&m, &Campaign::default())
            .suggestions
            .iter()
            .all(|s| s.rule != Rule::Coverage)
    );
    // Only a weak supporter tie and no strong one: strengthen it.
    let mut m = base();
    engage_all(&mut m);
    set(&mut m, 3, |p| p.decision_maker = true);
    m.remove_tie(crate::model::TieId(2)); // 2→3
    testmap::tie(&mut m, 51, 2, 3, 0.2);
    let n = run(&m, &Campaign::default());
    let s = find(&n, "coverage:p3");
    assert!(s.step.contains("build their relationship"), "{}", s.step);
    assert_eq!(s.chain, ["p1", "p2", "p3"]);
}

#[test]
fn drift_fires_for_a_recent_fall_that_has_not_recovered() {
    let mut m = base();
    engage_all(&mut m);
    testmap::set_stance(&mut m, 4, Stance::Neutral);
    log(&mut m, 1, 4, "2026-07-01", Some(Stance::Supporter));
    log(&mut m, 2, 4, "2026-10-15", Some(Stance::Neutral));
    let n = run(&m, &Campaign::default());
    let s = find(&n, "drift:p4");
    assert!(
        s.why
            .contains("fell from supporter to neutral on 2026-10-15"),
        "{}",
        s.why
    );
    assert!(
        s.inputs
            .iter()
            .any(|i| i.name == "fall" && i.value.contains("entry 2"))
    );
    // A fall more than 90 days ago is not drift.
    let mut old = base();
    engage_all(&mut old);
    testmap::set_stance(&mut old, 4, Stance::Neutral);
    log(&mut old, 1, 4, "2026-06-01", Some(Stance::Supporter));
    log(&mut old, 2, 4, "2026-08-01", Some(Stance::Neutral));
    assert!(run(&old, &Campaign::default()).suggestions.is_empty());
    // Recovered since: quiet.
    log(&mut m, 3, 4, "2026-11-01", Some(Stance::Supporter));
    testmap::set_stance(&mut m, 4, Stance::Supporter);
    assert!(run(&m, &Campaign::default()).suggestions.is_empty());
}

#[test]
fn a_merges_two_judgements_are_not_a_fall_but_what_it_kept_is_compared_with_before() {
    let judge = |m: &mut Map, id: i64, stance: Stance| {
        m.put_engagement(Engagement {
            id: EngagementId(id),
            person: PersonId(4),
            date: "2026-11-25".into(),
            action: crate::model::MERGED_JUDGEMENT.into(),
            summary: format!("judgement {id}"),
            stance_after: Some(stance),
        });
    };
    // Two colleagues judged p4 differently; the merge kept the lower judgement, neutral, which
    // p4 has on the map. Nobody saw p4 fall.
    let mut m = base();
    engage_all(&mut m);
    testmap::set_stance(&mut m, 4, Stance::Neutral);
    judge(&mut m, 1, Stance::Champion);
    judge(&mut m, 2, Stance::Neutral);
    let n = run(&m, &Campaign::default());
    assert!(!keys(&n).contains(&"drift:p4"), "{:?}", keys(&n));
    // Logged a supporter last month: against that, the merge's neutral is a fall, shown with
    // the entry of the judgement it kept.
    log(&mut m, 3, 4, "2026-10-20", Some(Stance::Supporter));
    let n = run(&m, &Campaign::default());
    let s = find(&n, "drift:p4");
    assert!(
        s.why
            .contains("fell from supporter to neutral on 2026-11-25"),
        "{}",
        s.why
    );
    assert!(
        s.inputs
            .iter()
            .any(|i| i.name == "fall" && i.value.contains("judgement 2")),
        "{:?}",
        s.inputs
    );
}

#[test]
fn a_blocker_whose_word_carries_is_invited_into_the_pilot() {
    let mut m = base();
    engage_all(&mut m);
    testmap::set_stance(&mut m, 4, Stance::Blocker);
    // p4 → p3 at 0.05: their word barely carries.
    testmap::tie(&mut m, 60, 4, 3, 0.05);
    assert!(run(&m, &Campaign::default()).suggestions.is_empty());
    testmap::tie(&mut m, 60, 4, 3, 0.5);
    let n = run(&m, &Campaign::default());
    let s = find(&n, "blocker:p4");
    assert!(
        s.step.starts_with("Invite Person 4 into the pilot"),
        "{}",
        s.step
    );
    // The what-if: p4 won over as a supporter scores access × 0.8 × carry in the ranking; the
    // step's worth is that score without the access.
    let after = apply(&m, &[Change::Stance(PersonId(4), Stance::Supporter)]).unwrap();
    let r = rank(
        &after,
        &RankQuery::default(),
        &crate::analysis::Progress::new(),
    )
    .unwrap();
    let p4 = r.advocates.iter().find(|a| a.id == "p4").unwrap();
    assert!(
        (s.worth - p4.score / p4.access).abs() < 1e-12,
        "{} {}",
        s.worth,
        p4.score
    );
    // A neutral who carries as far is no blocker.
    testmap::set_stance(&mut m, 4, Stance::Neutral);
    assert!(run(&m, &Campaign::default()).suggestions.is_empty());
}

#[test]
fn involve_it_early_when_nobody_in_it_is_on_side() {
    let mut m = base();
    engage_all(&mut m);
    for (id, name, function) in [
        (1, "Security", Function::It),
        (2, "Facilities", Function::Other),
    ] {
        m.put_department(Department {
            id: DepartmentId(id),
            name: name.into(),
            parent: None,
            colour: None,
            position: None,
            function,
        });
    }
    set(&mut m, 5, |p| p.department = Some(DepartmentId(2)));
    assert!(run(&m, &Campaign::default()).suggestions.is_empty());
    set(&mut m, 5, |p| p.department = Some(DepartmentId(1)));
    let n = run(&m, &Campaign::default());
    let s = find(&n, "involve-it:p5");
    assert_eq!(s.chain, ["p1", "p5"]);
    testmap::set_stance(&mut m, 5, Stance::Supporter);
    assert!(run(&m, &Campaign::default()).suggestions.is_empty());
}

#[test]
fn it_departments_are_those_whose_function_is_it_with_their_sub_departments() {
    let mut m = Map::new("t");
    for (id, name, parent, function) in [
        (1, "Technology", None, Function::It),
        (2, "Service Desk", Some(1), Function::Other),
        (3, "IT-ish name", None, Function::Other),
        (4, "Infra", None, Function::It),
    ] {
        m.put_department(Department {
            id: DepartmentId(id),
            name: name.into(),
            parent: parent.map(DepartmentId),
            colour: None,
            position: None,
            function,
        });
    }
    assert_eq!(
        it_departments(&m),
        [DepartmentId(1), DepartmentId(2), DepartmentId(4)]
    );
}

#[test]
fn an_open_board_seat_suggests_its_best_candidate() {
    use crate::analysis::coalition::{CoalitionQuery, coalition};
    let mut m = base();
    engage_all(&mut m);
    m.put_department(Department {
        id: DepartmentId(1),
        name: "Infrastructure".into(),
        parent: None,
        colour: None,
        position: None,
        function: Function::It,
    });
    // p5, in IT and on side, sways the audience a little: the board's IT seat is theirs to fill.
    set(&mut m, 5, |p| p.department = Some(DepartmentId(1)));
    testmap::set_stance(&mut m, 5, Stance::Supporter);
    testmap::tie(&mut m, 70, 5, 3, 0.2);
    let board = coalition(
        &m,
        &CoalitionQuery::new(1),
        &crate::analysis::Progress::new(),
    )
    .unwrap();
    let it = board
        .seats
        .iter()
        .find(|s| s.label == "IT partner")
        .unwrap();
    assert!(it.filled_by.is_empty(), "{board:?}");
    let o = NextOptions::new(TODAY).with_board(&board);
    let n = next_steps(&m, &Campaign::default(), &o, &Progress::new()).unwrap();
    let s = find(&n, "seat:p5");
    assert!(
        s.step
            .starts_with("Recruit Person 5 to the board as IT partner"),
        "{}",
        s.step
    );
    assert!((s.worth - it.best_candidate.as_ref().unwrap().adds).abs() < 1e-12);
    // Without the board's seats, no seat suggestion.
    assert!(
        run(&m, &Campaign::default())
            .suggestions
            .iter()
            .all(|s| s.rule != Rule::BoardSeat)
    );
}

#[test]
fn dismissed_stays_quiet_until_its_inputs_change_and_accepted_is_planned() {
    let mut m = base();
    engage_all(&mut m);
    testmap::set_stance(&mut m, 3, Stance::Sceptic);
    let s = find(&run(&m, &Campaign::default()), "gap:p3").clone();
    let mut c = Campaign::default();
    c.dismissed.insert(
        s.key.clone(),
        Dismissal {
            suggestion: s.key.clone(),
            inputs: s.inputs_hash.clone(),
            reason: "the CFO is on leave".into(),
            date: TODAY.into(),
        },
    );
    let n = run(&m, &c);
    assert!(n.suggestions.is_empty());
    assert_eq!(n.dismissed, 1);
    let mut o = NextOptions::new(TODAY);
    o.include_quiet = true;
    let quiet = next_steps(&m, &c, &o, &Progress::new()).unwrap();
    assert_eq!(
        quiet.quiet[0].dismissal.as_ref().unwrap().reason,
        "the CFO is on leave"
    );
    // Their stance falls further: the inputs changed, the suggestion is back.
    testmap::set_stance(&mut m, 3, Stance::Blocker);
    assert_eq!(keys(&run(&m, &c)), ["gap:p3"]);
    // Accepted: an open action carries it out.
    c.dismissed.clear();
    c.actions.insert(
        ActionId(1),
        Action {
            id: ActionId(1),
            key: "a1".into(),
            what: s.step.clone(),
            person: PersonId(3),
            via: Some(PersonId(2)),
            owner: "me".into(),
            due: None,
            state: ActionState::Open,
            engagement: None,
            suggestion: Some(s.key.clone()),
            created: TODAY.into(),
            closed: None,
            revision: 0,
        },
    );
    let n = run(&m, &c);
    assert!(n.suggestions.is_empty());
    assert_eq!(n.planned, 1);
    // Done, and the gap is still there: suggested again.
    c.actions.get_mut(&ActionId(1)).unwrap().state = ActionState::Done;
    assert_eq!(keys(&run(&m, &c)), ["gap:p3"]);
}

#[test]
fn suggestions_are_made_of_the_maps_facts_and_ordered_by_worth() {
    for seed in 1..6 {
        let mut m = testmap::random(60, 3, seed);
        m.home.people = vec![PersonId(1), PersonId(2)];
        m.goal.audience.people = (50..=60).map(PersonId).collect();
        for i in 1..=60 {
            set(&mut m, i, |p| {
                p.power = (i % 5 + 1) as u8;
                p.decision_maker = i % 7 == 0;
            });
        }
        let n = run(&m, &Campaign::default());
        assert!(!n.suggestions.is_empty());
        for s in &n.suggestions {
            assert!(m.person_by_key(&s.person).is_some(), "{}", s.person);
            if let Some(v) = &s.via {
                assert!(m.person_by_key(v).is_some());
                assert!(s.chain.contains(v), "{s:?}");
            }
            let ids: Vec<PersonId> = s
                .chain
                .iter()
                .map(|k| m.person_by_key(k).unwrap().id)
                .collect();
            for w in ids.windows(2) {
                assert!(m.tie_between(w[0], w[1]).is_some(), "{s:?}");
            }
            if let Some(first) = ids.first() {
                assert!(m.home.people.contains(first), "{s:?}");
            }
        }
        assert!(n.suggestions.windows(2).all(|w| w[0].worth >= w[1].worth));
        // The same map gives the same suggestions.
        assert_eq!(run(&m, &Campaign::default()), n);
    }
}

/// Who is best placed to sway `t`, found by searching the whole map: what `best_sway`'s early
/// stop must agree with.
fn best_sway_by_whole_search(cx: &context::Context, t: u32) -> Option<(u32, f64)> {
    use crate::analysis::paths::{Direction, Limits, dijkstra};
    let back = dijkstra(&cx.csr, Direction::Backward, &[t], &Limits::default());
    let mut best: Option<(f64, u32)> = None;
    for v in 0..cx.csr.len() as u32 {
        if v == t || !back.dist[v as usize].is_finite() {
            continue;
        }
        let score = if cx.is_home[v as usize] {
            match cx.csr.tie(v, t) {
                Some((_, strength)) => strength,
                None => continue,
            }
        } else {
            let s = cx.stance[v as usize];
            if s.is_opposed() {
                continue;
            }
            let access = match &cx.access {
                Some(a) if a.dist[v as usize].is_finite() => a.reliability(v),
                Some(_) => continue,
                None => 1.0,
            };
            access * crate::analysis::rank::willingness(s) * back.reliability(v)
        };
        if best.is_none_or(|(b, bv)| score > b || (score == b && v < bv)) {
            best = Some((score, v));
        }
    }
    best.map(|(s, v)| (v, s))
}

#[test]
fn best_placed_stops_early_yet_agrees_with_a_search_of_the_whole_map() {
    use rand::{RngExt, SeedableRng};
    for seed in 0..12u64 {
        let mut m = testmap::random(300, 3, seed);
        let mut rng = rand_pcg::Pcg64::seed_from_u64(seed + 100);
        for id in 1..=300 {
            testmap::set_stance(&mut m, id, Stance::ALL[rng.random_range(0..5usize)]);
        }
        // Some maps with a home team (of one or several), one without.
        if seed % 4 != 3 {
            m.home.people = (1..=1 + seed as i64 % 3).map(PersonId).collect();
        }
        m.goal.audience.people = vec![PersonId(250), PersonId(260)];
        let cx = context::Context::new(&m, &Progress::new()).unwrap();
        for t in 0..cx.csr.len() as u32 {
            let fast = cx.best_sway(t).map(|s| (s.via, s.score));
            assert_eq!(
                fast,
                best_sway_by_whole_search(&cx, t),
                "seed {seed}, t {t}"
            );
        }
    }
}
