//! The campaign's records in the map file: targets, actions (done with the engagement entry
//! they produced), dismissed suggestions and settings are edits like any other — undoable,
//! kept across reopening, and removed with the person they are about.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use advocate_core::campaign::ActionState;
use advocate_core::campaign::next::{NextOptions, next_steps};
use advocate_core::data::{PersonData, TieData};
use advocate_core::model::{Group, PersonId, Stance};
use advocate_core::store::{ActionDraft, ActionPatch, MapFile, Outcome};

const TODAY: &str = "2026-11-30";

/// Lee (home, L&D) → Siobhán (champion) → the CFO (sceptic, power 5, the audience).
fn map(path: &Path) -> (MapFile, PersonId, PersonId, PersonId) {
    let mut file = MapFile::create(path, "Mobile learning").unwrap();
    let mut add = |key: &str, name: &str, stance, power| {
        file.add_person(&PersonData {
            id: Some(key.into()),
            name: name.into(),
            stance: Some(stance),
            power: Some(power),
            ..PersonData::default()
        })
        .unwrap()
    };
    let lee = add("lee", "Lee Chen", Stance::Champion, 3);
    let hrd = add("hrd", "Siobhán Gallagher", Stance::Champion, 4);
    let cfo = add("cfo", "Henrik Johansson", Stance::Sceptic, 5);
    for (from, to, strength) in [("lee", "hrd", 0.5), ("hrd", "cfo", 0.35)] {
        file.put_tie(&TieData {
            from: from.into(),
            to: to.into(),
            kind: "peer".into(),
            strength: Some(strength),
            ..TieData::default()
        })
        .unwrap();
    }
    file.set_home(&Group {
        people: vec![lee],
        department: None,
    })
    .unwrap();
    file.set_goal(
        Some("Mobile learning"),
        Some(&Group {
            people: vec![cfo],
            department: None,
        }),
    )
    .unwrap();
    (file, lee, hrd, cfo)
}

#[test]
fn targets_and_settings_are_undoable_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    let (mut file, _, hrd, cfo) = map(&path);
    assert_eq!(file.campaign().stale_days, 45);
    file.set_target(cfo, Some(Stance::Champion)).unwrap();
    file.set_target(hrd, Some(Stance::Champion)).unwrap();
    file.set_stale_days(30).unwrap();
    assert!(file.set_stale_days(0).is_err());
    assert_eq!(file.campaign().targets.get(&cfo), Some(&Stance::Champion));
    file.undo().unwrap();
    assert_eq!(file.campaign().stale_days, 45);
    file.undo().unwrap();
    assert_eq!(file.campaign().targets.get(&hrd), None);
    file.redo().unwrap();
    file.set_target(cfo, None).unwrap();
    drop(file);
    let file = MapFile::open(&path).unwrap();
    assert_eq!(file.campaign().targets.len(), 1);
    assert_eq!(file.campaign().targets.get(&hrd), Some(&Stance::Champion));
    assert_eq!(file.campaign().stale_days, 45);
}

#[test]
fn a_done_action_logs_its_engagement_in_the_same_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    let (mut file, _, hrd, cfo) = map(&path);
    let id = file
        .add_action(
            &ActionDraft {
                key: None,
                what: "Ask Siobhán to raise the pilot with the CFO".into(),
                person: cfo,
                via: Some(hrd),
                owner: "Head of L&D".into(),
                due: Some("2026-12-10".into()),
                suggestion: None,
            },
            TODAY,
        )
        .unwrap();
    let a = file.campaign().actions[&id].clone();
    assert!(a.key.starts_with("act-") && a.key.len() == 16, "{}", a.key);
    assert_eq!((a.state, a.created.as_str()), (ActionState::Open, TODAY));
    let entry = file
        .complete_action(
            id,
            &Outcome {
                date: "2026-12-08".into(),
                action: "met".into(),
                summary: "budget for a pilot agreed".into(),
                stance_after: Some(Stance::Neutral),
            },
        )
        .unwrap();
    let a = file.campaign().actions[&id].clone();
    assert_eq!(a.state, ActionState::Done);
    assert_eq!(a.engagement, Some(entry));
    assert_eq!(a.closed.as_deref(), Some("2026-12-08"));
    assert_eq!(a.revision, 1);
    assert_eq!(file.map().person(cfo).unwrap().stance, Stance::Neutral);
    assert_eq!(
        file.map().engagement(entry).unwrap().summary,
        "budget for a pilot agreed"
    );
    // Done twice is refused; undo takes back the entry, the stance and the state together.
    assert!(
        file.complete_action(
            id,
            &Outcome {
                date: "2026-12-09".into(),
                action: "met".into(),
                summary: String::new(),
                stance_after: None
            }
        )
        .is_err()
    );
    assert_eq!(
        file.undo().unwrap().as_deref(),
        Some("Done: Ask Siobhán to raise the pilot with the CFO")
    );
    assert_eq!(file.campaign().actions[&id].state, ActionState::Open);
    assert!(file.map().engagement(entry).is_none());
    assert_eq!(file.map().person(cfo).unwrap().stance, Stance::Sceptic);
    file.redo().unwrap();
    drop(file);
    let mut file = MapFile::open(&path).unwrap();
    assert_eq!(file.campaign().actions[&id].engagement, Some(entry));
    // Editing bumps the revision (what a calendar sees); dropping closes it.
    let second = file
        .add_action(
            &ActionDraft {
                key: Some("call-cfo".into()),
                what: "Call the CFO".into(),
                person: cfo,
                via: None,
                owner: "me".into(),
                due: None,
                suggestion: None,
            },
            TODAY,
        )
        .unwrap();
    file.edit_action(
        second,
        &ActionPatch {
            due: Some(Some("2026-12-01".into())),
            ..ActionPatch::default()
        },
    )
    .unwrap();
    assert_eq!(file.campaign().actions[&second].revision, 1);
    assert_eq!(file.find_action_by_key("call").unwrap(), second);
    file.drop_action(second, TODAY).unwrap();
    assert_eq!(file.campaign().actions[&second].state, ActionState::Dropped);
}

#[test]
fn bad_actions_are_refused_with_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let (mut file, _, _, cfo) = map(&dir.path().join("m.advocate"));
    let draft = |what: &str, via, due: Option<&str>| ActionDraft {
        key: None,
        what: what.into(),
        person: cfo,
        via,
        owner: "me".into(),
        due: due.map(String::from),
        suggestion: None,
    };
    fn file_err(file: &mut MapFile, d: ActionDraft) -> String {
        file.add_action(&d, TODAY).unwrap_err().to_string()
    }
    assert!(file_err(&mut file, draft("", None, None)).contains("what to do"));
    assert!(file_err(&mut file, draft("x", Some(cfo), None)).contains("themselves"));
    assert!(file_err(&mut file, draft("x", None, Some("next week"))).contains("YYYY-MM-DD"));
    assert!(file_err(&mut file, draft("x", Some(PersonId(999)), None)).contains("no person"));
    assert!(file.campaign().actions.is_empty());
}

#[test]
fn accepting_a_suggestion_plans_it_and_dismissing_quiets_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut file, _, hrd, cfo) = map(&dir.path().join("m.advocate"));
    let next = |file: &MapFile| {
        next_steps(
            file.map(),
            file.campaign(),
            &NextOptions::new(TODAY),
            &advocate_core::analysis::Progress::new(),
        )
        .unwrap()
    };
    let n = next(&file);
    let gap = n
        .suggestions
        .iter()
        .find(|s| s.key == "gap:cfo")
        .unwrap()
        .clone();
    assert_eq!(gap.via.as_deref(), Some("hrd"));
    // Dismissed: quiet, with its reason; undo brings it back.
    file.dismiss_suggestion(&gap, "the CFO is on leave", TODAY)
        .unwrap();
    let n = next(&file);
    assert!(n.suggestions.iter().all(|s| s.key != "gap:cfo"));
    assert_eq!(n.dismissed, 1);
    assert_eq!(
        file.campaign().dismissed["gap:cfo"].reason,
        "the CFO is on leave"
    );
    file.undo().unwrap();
    assert!(next(&file).suggestions.iter().any(|s| s.key == "gap:cfo"));
    // Accepted: an action about the CFO through Siobhán, and the suggestion is planned.
    let id = file
        .accept_suggestion(&gap, "me", Some("2026-12-07"), TODAY)
        .unwrap();
    let a = &file.campaign().actions[&id];
    assert_eq!((a.person, a.via), (cfo, Some(hrd)));
    assert_eq!(a.suggestion.as_deref(), Some("gap:cfo"));
    assert_eq!(a.what, gap.step);
    let n = next(&file);
    assert!(n.suggestions.iter().all(|s| s.key != "gap:cfo"));
    assert_eq!(n.planned, 1);
}

#[test]
fn removing_a_person_removes_their_plan_and_undo_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut file, _, hrd, cfo) = map(&dir.path().join("m.advocate"));
    file.set_target(cfo, Some(Stance::Champion)).unwrap();
    let about = file
        .add_action(
            &ActionDraft {
                key: Some("a1".into()),
                what: "Brief the CFO".into(),
                person: cfo,
                via: Some(hrd),
                owner: "me".into(),
                due: None,
                suggestion: None,
            },
            TODAY,
        )
        .unwrap();
    file.remove_person(hrd).unwrap();
    assert_eq!(file.campaign().actions[&about].via, None);
    file.remove_person(cfo).unwrap();
    assert!(file.campaign().actions.is_empty() && file.campaign().targets.is_empty());
    file.undo().unwrap();
    file.undo().unwrap();
    assert_eq!(file.campaign().actions[&about].via, Some(hrd));
    assert_eq!(file.campaign().targets.get(&cfo), Some(&Stance::Champion));
}

#[test]
fn an_older_map_file_gains_the_campaign_tables() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.advocate");
    // Version 4: the last before the campaign tables.
    MapFile::create_at_version(&path, "Old map", 4).unwrap();
    let mut file = MapFile::open(&path).unwrap();
    assert_eq!(file.campaign().stale_days, 45);
    let p = file
        .add_person(&PersonData {
            name: "Ann".into(),
            ..PersonData::default()
        })
        .unwrap();
    file.set_target(p, Some(Stance::Supporter)).unwrap();
    assert_eq!(file.campaign().targets.len(), 1);
}

/// The map of [`map`] with a target, an open action and a done one with its log entry.
fn planned(path: &Path) -> MapFile {
    let (mut file, _, hrd, cfo) = map(path);
    file.set_target(cfo, Some(Stance::Champion)).unwrap();
    file.set_stale_days(30).unwrap();
    let draft = |key: &str, what: &str, due: &str| ActionDraft {
        key: Some(key.into()),
        what: what.into(),
        person: cfo,
        via: Some(hrd),
        owner: "Head of L&D".into(),
        due: Some(due.into()),
        suggestion: Some("gap:cfo".into()),
    };
    file.add_action(&draft("a-open", "Ask Siobhán, again", "2026-12-10"), TODAY)
        .unwrap();
    let done = file
        .add_action(
            &draft("a-done", "Brief the CFO", "2026-11-01"),
            "2026-10-20",
        )
        .unwrap();
    file.complete_action(
        done,
        &Outcome {
            date: "2026-10-30".into(),
            action: "met".into(),
            summary: "open to a pilot".into(),
            stance_after: Some(Stance::Neutral),
        },
    )
    .unwrap();
    file
}

/// Each action: key, what/owner/state, person, via, due, and its log entry's summary.
type Plan = Vec<(
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
)>;

fn plan_of(file: &MapFile) -> Plan {
    let m = file.map();
    let key = |p: PersonId| m.person(p).unwrap().key.clone();
    file.campaign()
        .actions
        .values()
        .map(|a| {
            (
                a.key.clone(),
                format!("{} {} {}", a.what, a.owner, a.state),
                key(a.person),
                a.via.map(key),
                a.due.clone(),
                a.engagement
                    .map(|e| m.engagement(e).unwrap().summary.clone()),
            )
        })
        .collect()
}

#[test]
fn actions_and_targets_round_trip_through_json_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let file = planned(&dir.path().join("m.advocate"));
    let want = plan_of(&file);
    assert_eq!(want.len(), 2);
    // JSON.
    let json_path = dir.path().join("m.json");
    advocate_core::formats::json::write_json(
        file.map(),
        &json_path,
        advocate_core::export::Redact::None,
    )
    .unwrap();
    let text = std::fs::read_to_string(&json_path).unwrap();
    let data = advocate_core::MapData::from_json(&text, "m.json").unwrap();
    let copy = MapFile::create_from(&dir.path().join("j.advocate"), &data).unwrap();
    assert_eq!(plan_of(&copy), want);
    assert_eq!(copy.campaign().targets.len(), 1);
    assert_eq!(copy.campaign().stale_days, 30);
    // CSV.
    let files = advocate_core::formats::csv::write_csv(
        file.map(),
        &dir.path().join("csv"),
        advocate_core::export::Redact::None,
    )
    .unwrap();
    let mut copy = MapFile::create(&dir.path().join("c.advocate"), "copy").unwrap();
    advocate_core::import::import_files(
        &mut copy,
        &files,
        &advocate_core::import::ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(plan_of(&copy), want);
    assert_eq!(copy.campaign().stale_days, 30);
    assert_eq!(
        copy.campaign().targets.values().next(),
        Some(&Stance::Champion)
    );
}

#[test]
fn importing_actions_merges_by_id_and_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = planned(&dir.path().join("m.advocate"));
    let text = r#"{"format": "advocate-map", "version": 1,
        "actions": [
            {"id": "a-open", "due": "2026-12-20", "owner": "me"},
            {"id": "a-new", "what": "Invite the CFO to the pilot", "person": "cfo", "state": "open"}
        ]}"#;
    let data = advocate_core::MapData::from_json(text, "team.json").unwrap();
    let report = file
        .merge(
            &data,
            advocate_core::MergeMode::AllOrNothing,
            "Import team.json",
        )
        .unwrap();
    assert_eq!((report.actions.added, report.actions.updated), (1, 1));
    let open = file.find_action_by_key("a-open").unwrap();
    let a = &file.campaign().actions[&open];
    assert_eq!(
        (a.due.as_deref(), a.owner.as_str()),
        (Some("2026-12-20"), "me")
    );
    assert_eq!(
        a.what, "Ask Siobhán, again",
        "a field left out is left alone"
    );
    assert_eq!(a.revision, 1);
    assert_eq!(file.campaign().actions.len(), 3);
    // The same file again changes nothing.
    let again = file
        .merge(&data, advocate_core::MergeMode::AllOrNothing, "again")
        .unwrap();
    assert_eq!(again.actions.unchanged, 2);
    file.undo().unwrap();
    file.undo().unwrap();
    assert_eq!(file.campaign().actions.len(), 2);
    // A bad action: nothing imported, and the message says which and why.
    let bad = advocate_core::MapData::from_json(
        r#"{"actions": [{"id": "x", "what": "Call", "person": "nobody"}], "targets": [{"person": "cfo", "stance": "supporter"}]}"#,
        "bad.json",
    )
    .unwrap();
    let err = file
        .merge(&bad, advocate_core::MergeMode::AllOrNothing, "bad")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("action 1") && err.contains("\"nobody\""),
        "{err}"
    );
    assert_eq!(
        file.campaign().targets.values().next(),
        Some(&Stance::Champion)
    );
}

#[test]
fn a_redacted_export_gives_only_the_actions_counts() {
    let dir = tempfile::tempdir().unwrap();
    let file = planned(&dir.path().join("m.advocate"));
    let data = advocate_core::formats::redacted(file.map(), advocate_core::export::Redact::Titles);
    assert!(data.actions.is_empty());
    let counts = data.action_counts.unwrap();
    assert_eq!((counts.open, counts.done, counts.dropped), (1, 1, 0));
    let json = data.to_json();
    assert!(!json.contains("Brief the CFO") && !json.contains("Head of L&D"));
    // It still imports (the counts are not actions to make).
    let back = advocate_core::MapData::from_json(&json, "r.json").unwrap();
    let copy = MapFile::create_from(&dir.path().join("r.advocate"), &back).unwrap();
    assert!(copy.campaign().actions.is_empty());
    assert_eq!(copy.campaign().targets.len(), 1);
    let files = advocate_core::formats::csv::write_csv(
        file.map(),
        &dir.path().join("rcsv"),
        advocate_core::export::Redact::Initials,
    )
    .unwrap();
    let settings = std::fs::read_to_string(&files[0]).unwrap();
    assert!(
        settings.contains("actions_open") && settings.contains(",1,1,0"),
        "{settings}"
    );
    let actions = std::fs::read_to_string(files.last().unwrap()).unwrap();
    assert_eq!(actions.lines().count(), 1, "the header only: {actions}");
}

#[test]
fn the_demo_tells_a_campaign_story() {
    use advocate_core::demo::{DEMO_TODAY, demo_on};
    let dir = tempfile::tempdir().unwrap();
    let file =
        MapFile::create_from(&dir.path().join("demo.advocate"), &demo_on(DEMO_TODAY)).unwrap();
    let c = file.campaign();
    assert_eq!(c.actions.len(), 12);
    assert_eq!(c.targets.len(), 5);
    let done: Vec<_> = c
        .actions
        .values()
        .filter(|a| a.state == ActionState::Done)
        .collect();
    assert!(done.len() >= 4 && done.iter().all(|a| a.engagement.is_some()));
    // Each done action's entry is about its person, on the day it was closed.
    for a in &done {
        let e = file.map().engagement(a.engagement.unwrap()).unwrap();
        assert_eq!(
            (e.person, Some(e.date.clone())),
            (a.person, a.closed.clone())
        );
    }
    let overdue = c
        .actions
        .values()
        .filter(|a| a.is_overdue(DEMO_TODAY))
        .count();
    assert_eq!(overdue, 2);
    let n = next_steps(
        file.map(),
        c,
        &NextOptions::new(DEMO_TODAY),
        &advocate_core::analysis::Progress::new(),
    )
    .unwrap();
    // The CFO, a sceptic in the audience, is the step worth most; what is planned is quiet.
    assert_eq!(n.suggestions[0].key, "gap:cfo");
    assert_eq!(n.suggestions[0].via.as_deref(), Some("hrd"));
    assert!(n.planned >= 3);
    // The audience moved our way since June.
    let audience = file.map().audience();
    let months = advocate_core::campaign::progress::by_month(
        file.map(),
        &audience,
        &[],
        "2026-06",
        "2026-09",
    );
    assert_eq!(months[0].audience.blocker, 1);
    assert_eq!(months[3].audience.blocker, 0);
    assert_eq!(months[3].audience.supporter + months[3].audience.neutral, 2);
    // Written a year later, the same story a year later: the same two overdue actions.
    let later = advocate_core::demo::demo_on("2027-12-01");
    let file = MapFile::create_from(&dir.path().join("later.advocate"), &later).unwrap();
    let overdue: Vec<&str> = file
        .campaign()
        .actions
        .values()
        .filter(|a| a.is_overdue("2027-12-01"))
        .map(|a| a.due.as_deref().unwrap_or_default())
        .collect();
    assert_eq!(overdue, ["2027-11-20", "2027-11-27"]);
}

#[test]
fn a_suggestion_is_found_by_its_key_and_an_accepted_step_is_due_in_two_weeks() {
    use advocate_core::campaign::plan::{current_steps, default_due, find_suggestion};
    use advocate_core::demo::{DEMO_TODAY, demo_on};
    let dir = tempfile::tempdir().unwrap();
    let file =
        MapFile::create_from(&dir.path().join("demo.advocate"), &demo_on(DEMO_TODAY)).unwrap();
    let steps = || {
        current_steps(
            file.map(),
            file.campaign(),
            DEMO_TODAY,
            false,
            &advocate_core::analysis::Progress::new(),
        )
        .unwrap()
    };
    let s = find_suggestion(steps(), " gap:cfo ").unwrap();
    assert_eq!((s.key.as_str(), s.person.as_str()), ("gap:cfo", "cfo"));
    // A key not suggested now is refused with the keys that are.
    let e = find_suggestion(steps(), "gap:nobody").unwrap_err();
    assert!(e.contains("\"gap:nobody\"") && e.contains("gap:cfo"), "{e}");
    assert_eq!(default_due("2026-12-01").unwrap(), "2026-12-15");
    assert_eq!(default_due("2026-12-25").unwrap(), "2027-01-08");
    assert!(
        default_due("1 December")
            .unwrap_err()
            .contains("YYYY-MM-DD")
    );
}
