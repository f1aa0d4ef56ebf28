//! One JSON shape per answer: what `advocate … --json` prints is the core's record of that answer,
//! the very type the desktop app's commands send to the window (src-tauri answers with
//! `advocate_core::analysis::rank::Ranking`, `Vec<Path>`, `Board`, `Metrics`, `Grid`, `WhatIf` and
//! `ImportReport` as they are). Each answer printed by the command line is read back into that
//! type, written again without losing a field, and equals what the core answers the app.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use advocate_core::analysis::coalition::{Board, CoalitionQuery};
use advocate_core::analysis::grid::{Grid, GridOptions};
use advocate_core::analysis::metrics::{Metrics, MetricsOptions};
use advocate_core::analysis::paths::{self, PathQuery};
use advocate_core::analysis::rank::{RankQuery, Ranking};
use advocate_core::analysis::whatif::{Change, Question, WhatIf};
use advocate_core::analysis::{self, Progress};
use advocate_core::{ImportReport, MapFile, Stance};
use serde::Serialize;
use serde::de::DeserializeOwned;

mod support;
use support::ok;

/// The JSON with every number blanked: what fields there are, not their last digits (serde_json
/// reads a float to the nearest value it can, not always to the same bits).
fn shape(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Number(_) => Value::Null,
        Value::Array(a) => Value::Array(a.into_iter().map(shape).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, shape(v))).collect()),
        other => other,
    }
}

/// Reads the command line's JSON as `T` and checks that writing it again has the same fields (none
/// dropped or renamed), and that the app's answer, written out, is the very same text.
fn same_answer<T: DeserializeOwned + Serialize>(printed: &str, app: &T) {
    let read: T = serde_json::from_str(printed)
        .unwrap_or_else(|e| panic!("the CLI's JSON is not the app's type: {e}\n{printed}"));
    let original: serde_json::Value = serde_json::from_str(printed).unwrap();
    assert_eq!(
        shape(serde_json::to_value(&read).unwrap()),
        shape(original),
        "a field was lost reading the CLI's JSON"
    );
    assert_eq!(
        serde_json::to_string_pretty(app).unwrap(),
        printed.trim_end(),
        "the app answers differently"
    );
}

#[test]
fn every_answer_has_one_json_shape_for_the_command_line_and_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["demo", "demo.advocate"], d);
    let file = MapFile::open(&d.join("demo.advocate")).unwrap();
    let map = file.map();
    let progress = Progress::new();
    let id = |key: &str| map.person_by_key(key).unwrap().id;

    let ranking: Ranking = analysis::rank::rank(
        map,
        &RankQuery {
            top: Some(20),
            ..RankQuery::default()
        },
        &progress,
    )
    .unwrap();
    same_answer(
        &ok(&["rank", "demo.advocate", "--top", "20", "--json"], d),
        &ranking,
    );

    let home = analysis::rank::home_of(map, None).unwrap();
    let mut query = PathQuery::new(home, id("cfo"));
    query.alternatives = 3;
    query.avoid = Some(Stance::Sceptic);
    let found = paths::find_paths(map, &query).unwrap();
    same_answer(
        &ok(
            &[
                "path",
                "demo.advocate",
                "--to",
                "cfo",
                "--alternatives",
                "3",
                "--avoid",
                "sceptics",
                "--json",
            ],
            d,
        ),
        &found,
    );

    let board: Board =
        analysis::coalition::coalition(map, &CoalitionQuery::new(3), &progress).unwrap();
    same_answer(
        &ok(&["coalition", "demo.advocate", "--size", "3", "--json"], d),
        &board,
    );

    let metrics: Metrics =
        analysis::metrics::metrics(map, &MetricsOptions::default(), &progress).unwrap();
    same_answer(&ok(&["metrics", "demo.advocate", "--json"], d), &metrics);

    let grid: Grid =
        analysis::grid::grid(map, &GridOptions::new(analysis::grid::today()), &progress).unwrap();
    same_answer(&ok(&["grid", "demo.advocate", "--json"], d), &grid);

    let whatif: WhatIf = analysis::whatif::what_if(
        map,
        &[Change::Stance(id("controller"), Stance::Supporter)],
        &Question::Rank(RankQuery::default()),
        &progress,
    )
    .unwrap();
    same_answer(
        &ok(
            &[
                "whatif",
                "demo.advocate",
                "--stance",
                "controller=supporter",
                "--json",
                "--",
                "rank",
            ],
            d,
        ),
        &whatif,
    );

    std::fs::write(
        d.join("people.csv"),
        "id,name,department,stance\nnew1,Nadia Quinn,Finance,supporter\ncfo,Henrik Johansson,Finance,neutral\n",
    )
    .unwrap();
    let printed = ok(&["import", "demo.advocate", "people.csv", "--json"], d);
    let report: ImportReport = serde_json::from_str(&printed).unwrap();
    assert_eq!((report.people.added, report.people.updated), (1, 1));
    same_answer(&printed, &report);
}
