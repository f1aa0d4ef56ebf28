//! The plan as an iCalendar file, read back with a calendar library: every open action with a
//! due date is one all-day event on that date, named by the action's key, and a later export
//! updates the same events (same UID, higher SEQUENCE) instead of adding new ones.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use advocate_core::campaign::ics::{uid, write_ics};
use advocate_core::data::PersonData;
use advocate_core::model::{PersonId, Stance};
use advocate_core::store::{ActionDraft, ActionPatch, MapFile, Outcome};
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};

const TODAY: &str = "2026-11-30";
const STAMP: &str = "20261130T090000Z";

fn events(text: &str) -> Vec<(String, String, String, String, u32)> {
    let cal: Calendar = text.parse().expect("a calendar the library reads");
    cal.components
        .iter()
        .filter_map(CalendarComponent::as_event)
        .map(|e| {
            let date = match e.get_start() {
                Some(DatePerhapsTime::Date(d)) => d.to_string(),
                other => panic!("an all-day event, not {other:?}"),
            };
            (
                e.get_uid().unwrap().to_string(),
                date,
                e.get_summary().unwrap().to_string(),
                e.get_description().unwrap().to_string(),
                e.get_sequence().unwrap(),
            )
        })
        .collect()
}

fn draft(key: &str, what: &str, person: PersonId, due: Option<&str>) -> ActionDraft {
    ActionDraft {
        key: Some(key.into()),
        what: what.into(),
        person,
        via: None,
        owner: "Head of L&D".into(),
        due: due.map(String::from),
        suggestion: None,
    }
}

#[test]
fn open_actions_with_due_dates_become_events_a_calendar_library_reads() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = MapFile::create(&dir.path().join("m.advocate"), "Mobile learning").unwrap();
    let cfo = file
        .add_person(&PersonData {
            id: Some("cfo".into()),
            name: "Henrik Johansson".into(),
            stance: Some(Stance::Sceptic),
            ..PersonData::default()
        })
        .unwrap();
    let long = "Ask Siobhán Gallagher, the HR director, to raise the mobile pilot's budget; bring the cost model and the survey results from the warehouse teams";
    let ids = [
        file.add_action(&draft("a-budget", long, cfo, Some("2026-12-10")), TODAY)
            .unwrap(),
        file.add_action(
            &draft("a-call", "Call the CFO", cfo, Some("2026-12-01")),
            TODAY,
        )
        .unwrap(),
        file.add_action(&draft("a-someday", "Lunch", cfo, None), TODAY)
            .unwrap(),
        file.add_action(
            &draft("a-done", "Send the deck", cfo, Some("2026-11-20")),
            TODAY,
        )
        .unwrap(),
    ];
    file.complete_action(
        ids[3],
        &Outcome {
            date: "2026-11-21".into(),
            action: "emailed".into(),
            summary: String::new(),
            stance_after: None,
        },
    )
    .unwrap();
    let name = |p: PersonId| file.map().person(p).unwrap().name.clone();
    let text = write_ics(file.map(), file.campaign(), STAMP, &name);
    assert!(
        text.lines().all(|l| l.len() <= 75 + 1),
        "folded at 75 octets"
    );
    assert!(text.contains("\r\n"));
    let got = events(&text);
    // Open and dated only, by due date; the done action and the undated one are left out.
    let summary: Vec<(&str, &str, u32)> = got
        .iter()
        .map(|(u, d, _, _, s)| (u.as_str(), d.as_str(), *s))
        .collect();
    assert_eq!(
        summary,
        [
            ("a-call@advocate.campaign", "2026-12-01", 0),
            ("a-budget@advocate.campaign", "2026-12-10", 0)
        ]
    );
    assert_eq!(got[0].2, "Call the CFO");
    assert_eq!(got[1].2, long, "escaped commas and semicolons read back");
    assert!(got[1].3.contains("Henrik Johansson"));
    assert!(got[1].3.contains("Head of L&D"));
    assert_eq!(uid("a-call"), got[0].0);

    // Moved to another day: the same event, a higher sequence.
    file.edit_action(
        ids[1],
        &ActionPatch {
            due: Some(Some("2026-12-03".into())),
            ..ActionPatch::default()
        },
    )
    .unwrap();
    let name = |p: PersonId| file.map().person(p).unwrap().name.clone();
    let again = events(&write_ics(file.map(), file.campaign(), STAMP, &name));
    let call = again.iter().find(|e| e.0 == got[0].0).unwrap();
    assert_eq!((call.1.as_str(), call.4), ("2026-12-03", 1));
    assert_eq!(again.len(), 2);
}
