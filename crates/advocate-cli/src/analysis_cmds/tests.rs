//! The analysis commands' arguments parse as documented, and their answers read as a user
//! expects, on a five-person map.

use super::*;
use advocate_core::{Person, PersonId, Stance, Tie, TieId};
use args::Avoid;
use clap::{Parser, Subcommand};

fn sample() -> Map {
    let mut m = Map::new("t");
    for (i, name, stance) in [
        (1, "Lee L&D", Stance::Champion),
        (2, "Ann Manager", Stance::Supporter),
        (3, "Ben IT", Stance::Neutral),
        (4, "Cat CFO", Stance::Neutral),
        (5, "Dan Sceptic", Stance::Sceptic),
    ] {
        m.put_person(Person {
            id: PersonId(i),
            key: format!("e{i}"),
            name: name.into(),
            title: String::new(),
            department: None,
            stance,
            power: if i == 4 { 5 } else { 2 },
            interest: 3,
            decision_maker: i == 4,
            tags: vec![],
            notes: String::new(),
            attributes: Default::default(),
            position: None,
        });
    }
    for (k, (a, b, s)) in [
        (1, 2, 0.5),
        (2, 4, 0.55),
        (1, 3, 0.3),
        (3, 4, 0.35),
        (1, 5, 0.9),
        (5, 4, 0.9),
    ]
    .iter()
    .enumerate()
    {
        m.put_tie(Tie {
            id: TieId(k as i64 + 1),
            from: PersonId(*a),
            to: PersonId(*b),
            kind: "peer".into(),
            strength: *s,
            notes: String::new(),
        });
    }
    m.home.people = vec![PersonId(1)];
    m
}

/// The Args structs as main.rs will flatten them (MAP left out).
#[derive(Parser, Debug)]
#[command(no_binary_name = true)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    Rank(RankArgs),
    Path(PathArgs),
    Coalition(CoalitionArgs),
    Metrics(MetricsArgs),
    Grid(GridArgs),
    /// As main.rs wires it: the map file first, then the flattened arguments.
    Whatif {
        map: String,
        #[command(flatten)]
        args: WhatifArgs,
    },
}

#[test]
fn arguments_parse_as_specified() {
    use clap::CommandFactory;
    Cli::command().debug_assert();
    let parse = |line: &str| Cli::try_parse_from(line.split_whitespace());
    let Ok(Cli {
        command: Cmd::Rank(r),
    }) = parse("rank --audience e1,e2 --from L&D --top 5 --json")
    else {
        panic!("rank")
    };
    assert_eq!(r.audience, ["e1", "e2"]);
    assert_eq!(
        (r.from.as_deref(), r.top, r.json),
        (Some("L&D"), Some(5), true)
    );
    assert!(parse("rank --audience e1 --department IT").is_err());
    let Ok(Cli {
        command: Cmd::Path(p),
    }) = parse("path --from e1 --to e4 --alternatives 3 --avoid sceptics --via e2")
    else {
        panic!("path")
    };
    assert_eq!(p.avoid, Some(Avoid::Sceptics));
    assert_eq!(p.alternatives, 3);
    assert!(parse("path --from e1").is_err());
    let Ok(Cli {
        command: Cmd::Coalition(c),
    }) = parse("coalition --size 3 --exclude e1,e2 --exclude e3")
    else {
        panic!("coalition")
    };
    assert_eq!(c.exclude, ["e1", "e2", "e3"]);
    let Ok(Cli {
        command: Cmd::Whatif { map, args: w },
    }) = parse("whatif m.advocate --remove e1 --stance e5=-2 --tie e1>e4:0.5 -- path --to e4")
    else {
        panic!("whatif")
    };
    assert_eq!(map, "m.advocate");
    assert_eq!(w.stance, ["e5=-2"]);
    assert_eq!(w.question, ["path", "--to", "e4"]);
    assert!(parse("whatif m.advocate --remove e1").is_err());
    assert!(parse("metrics --json").is_ok() && parse("grid --json").is_ok());
}

#[test]
fn rank_json_names_people_by_key() {
    let m = sample();
    let out = run_rank(
        &m,
        &RankArgs {
            json: true,
            ..RankArgs::default()
        },
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["audience"], serde_json::json!(["e4"]));
    // e2 (supporter): 0.5 × 0.8 × 0.55 = 0.22; e3 (neutral): 0.3 × 0.4 × 0.35 = 0.042.
    // e5 is a sceptic; e4, the audience, is approached directly (0.9 · 0.9 through e5).
    assert_eq!(v["advocates"][0]["id"], "e2");
    assert!((v["advocates"][0]["score"].as_f64().unwrap() - 0.22).abs() < 1e-12);
    assert_eq!(v["advocates"][1]["id"], "e3");
    assert_eq!(v["to_win_over"][0]["id"], "e5");
    assert_eq!(v["direct"][0]["id"], "e4");
    assert!((v["direct"][0]["access"].as_f64().unwrap() - 0.81).abs() < 1e-12);
    let text = run_rank(&m, &RankArgs::default()).unwrap();
    // Names first, ids nowhere they are not needed.
    assert!(text.contains("Ann Manager (supporter)"), "{text}");
    assert!(
        text.contains("carries to Cat CFO (0.550): Ann Manager > Cat CFO"),
        "{text}"
    );
    assert!(
        text.contains("Cat CFO (neutral): 0.810 by Lee L&D > Dan Sceptic > Cat CFO"),
        "{text}"
    );
    assert!(!text.contains("e2"), "{text}");
}

#[test]
fn path_by_name_avoiding_sceptics_and_the_no_path_error() {
    let m = sample();
    let args = PathArgs {
        to: "Cat CFO".into(),
        avoid: Some(Avoid::Sceptics),
        alternatives: 1,
        ..PathArgs::default()
    };
    let text = run_path(&m, &args).unwrap();
    assert!(text.starts_with("Best chain: reliability 0.2750"), "{text}");
    assert!(text.contains("Alternative 1: reliability 0.1050"), "{text}");
    let err = run_path(
        &m,
        &PathArgs {
            from: Some("e4".into()),
            to: "e1".into(),
            ..PathArgs::default()
        },
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("Cat CFO reaches nobody"), "{err}");
}

#[test]
fn coalition_json_has_board_reach_and_audience() {
    let m = sample();
    let out = run_coalition(
        &m,
        &CoalitionArgs {
            size: 2,
            exclude: vec!["e4".into()],
            json: true,
            ..CoalitionArgs::default()
        },
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["board"][0]["id"], "e2");
    // Recruited at 0.5 × 0.8, reaching the CFO at 0.55: 0.22.
    let gain = v["board"][0]["marginal_gain"].as_f64().unwrap();
    assert!((gain - 0.22).abs() < 0.01, "{gain}");
    assert!((v["board"][0]["recruitment"].as_f64().unwrap() - 0.4).abs() < 1e-12);
    assert!(v["expected_reach"].as_f64().is_some());
    assert_eq!(v["audience"], serde_json::json!(["e4"]));
}

#[test]
fn whatif_parses_changes_and_the_question_after_the_dashes() {
    let m = sample();
    let args = WhatifArgs {
        stance: vec!["Dan Sceptic=champion".into()],
        question: vec!["rank".into(), "--top".into(), "2".into()],
        ..WhatifArgs::default()
    };
    let text = run_whatif(&m, &args).unwrap();
    assert!(
        text.contains("What if: Dan Sceptic becomes champion"),
        "{text}"
    );
    assert!(
        text.contains("Dan Sceptic moved from to-win-over #1 to #1"),
        "{text}"
    );
    let bad = WhatifArgs {
        tie: vec!["e1-e4".into()],
        question: vec!["rank".into()],
        ..WhatifArgs::default()
    };
    assert!(
        run_whatif(&m, &bad)
            .unwrap_err()
            .to_string()
            .contains("FROM>TO:STRENGTH")
    );
}

#[test]
fn metrics_and_grid_render() {
    let m = sample();
    let text = run_metrics(&m, &MetricsArgs::default()).unwrap();
    assert!(text.contains("modularity"), "{text}");
    let g = run_grid(
        &m,
        &GridArgs {
            today: Some("2026-01-01".into()),
            json: false,
        },
    )
    .unwrap();
    assert!(
        g.contains("Cat CFO: power 5: never engaged; power 5 and neutral"),
        "{g}"
    );
}

/// `advocate rank` reads only what ranking needs (`MapFile::read_network`: no tie records, no
/// graph, no title, tags, notes or position) and builds the snapshot on a second connection:
/// its answers, as text and as JSON, are byte for byte those of the whole map opened.
#[test]
fn rank_on_the_network_read_for_it_answers_as_on_the_whole_map() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.advocate");
    // Over 10 000 ties, so that the snapshot is built on the second connection.
    advocate_core::MapFile::create_from(&path, &advocate_core::generate::generate(3000, 5))
        .unwrap();
    let whole = advocate_core::MapFile::open_for_reading(&path, None)
        .unwrap()
        .into_map();
    assert!(whole.counts().2 > 10_000);
    let (lean, csr) = advocate_core::MapFile::read_network(&path, None).unwrap();
    let people: Vec<&Person> = whole.people().collect();
    let department = whole
        .department(people[40].department.unwrap())
        .unwrap()
        .name
        .clone();
    let questions = [
        RankArgs::default(),
        RankArgs {
            top: Some(0),
            include_audience: true,
            ..RankArgs::default()
        },
        RankArgs {
            audience: vec![people[1].key.clone(), people[300].key.clone()],
            from: Some(people[500].key.clone()),
            top: Some(5),
            ..RankArgs::default()
        },
        RankArgs {
            department: Some(department.clone()),
            from: Some(department),
            ..RankArgs::default()
        },
    ];
    for args in questions {
        for json in [false, true] {
            let args = RankArgs {
                json,
                ..args.clone()
            };
            let expected = run_rank(&whole, &args).unwrap();
            assert_eq!(
                run_rank_in(&lean, &csr, &args).unwrap(),
                expected,
                "{args:?}"
            );
        }
    }
}

#[test]
fn a_large_audience_is_summed_up_in_text_and_listed_in_json() {
    // Twelve more people, each swayed by Ann: with Cat, an audience of thirteen.
    let mut m = sample();
    let mut audience = vec!["e4".to_string()];
    for i in 6..18 {
        let mut p = m.person(PersonId(1)).unwrap().clone();
        (p.id, p.key, p.name) = (PersonId(i), format!("e{i}"), format!("Member {i}"));
        p.stance = Stance::Neutral;
        m.put_person(p);
        m.put_tie(Tie {
            id: TieId(100 + i),
            from: PersonId(2),
            to: PersonId(i),
            kind: "peer".into(),
            strength: 0.2 + 0.01 * i as f64,
            notes: String::new(),
        });
        audience.push(format!("e{i}"));
    }
    let args = |json| RankArgs {
        audience: audience.clone(),
        json,
        ..RankArgs::default()
    };
    let text = run_rank(&m, &args(false)).unwrap();
    assert!(text.contains("Audience: Cat CFO, Member 6, "), "{text}");
    assert!(text.contains("Member 14 and 3 more\n"), "{text}");
    // Ann reaches all thirteen: her ten strongest chains (Cat at 0.55, then members 17 down to
    // 9), then a count.
    assert!(text.contains("carries to Cat CFO (0.550)"), "{text}");
    assert!(text.contains("carries to Member 9 (0.290)"), "{text}");
    assert!(!text.contains("carries to Member 8 "), "{text}");
    assert!(
        text.contains("and to 3 more of the audience (--json lists every chain)"),
        "{text}"
    );
    assert!(
        text.contains("and 3 more of the audience (0 with no chain from us"),
        "{text}"
    );
    let v: serde_json::Value = serde_json::from_str(&run_rank(&m, &args(true)).unwrap()).unwrap();
    assert_eq!(v["audience"].as_array().unwrap().len(), 13);
    assert_eq!(v["direct"].as_array().unwrap().len(), 13);
    assert_eq!(
        v["advocates"][0]["audience_paths"]
            .as_array()
            .unwrap()
            .len(),
        13
    );
}
