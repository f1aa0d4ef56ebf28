//! Importing people, influence ties, departments, engagement logs, org charts, workbooks and JSON
//! into a map file: what good files bring in, the exact message for every kind of bad input (and
//! that the map is left as it was), skipping bad rows, and workbooks. The CSV and JSON round trip
//! is in `formats.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use advocate_core::data::MapData;
use advocate_core::import::{ImportOptions, import_files, read_files};
use advocate_core::model::Stance;
use advocate_core::store::journal::Direction;
use support::*;

/// Added, updated, unchanged.
macro_rules! n {
    ($c:expr) => {
        ($c.added, $c.updated, $c.unchanged)
    };
}

// ---- good files ----

#[test]
fn a_people_file_brings_in_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = new_map(dir.path());
    let report = import_files(&mut file, &fixtures(&["people.csv"]), &STRICT).unwrap();
    assert_eq!(n!(report.people), (4, 0, 0));
    assert_eq!(
        n!(report.departments),
        (4, 0, 0),
        "departments named are created"
    );
    assert!(report.rejected.is_empty());
    let map = file.map();
    let tom = map.find_person("p2").unwrap();
    assert_eq!(tom.name, "Tom Reed");
    assert_eq!(tom.title, "CFO");
    assert_eq!(
        map.department(tom.department.unwrap()).unwrap().name,
        "Finance"
    );
    assert_eq!(tom.stance, Stance::Sceptic);
    assert_eq!((tom.power, tom.interest, tom.decision_maker), (5, 2, true));
    assert_eq!(tom.tags, vec!["budget".to_string()]);
    assert_eq!(tom.notes, "Worried about cost, wants ROI");
    assert_eq!(
        tom.attributes,
        BTreeMap::from([("Region".to_string(), "EMEA".to_string())])
    );
    let asha = map.find_person("p1").unwrap();
    assert_eq!(asha.tags, vec!["home team", "sponsor-seeker"]);
    assert!(!asha.decision_maker);
    assert!(map.find_person("p3").unwrap().decision_maker, "y means yes");
    let lena = map.find_person("p4").unwrap();
    assert_eq!(lena.stance, Stance::Champion, "2 is champion");
    assert!(
        lena.attributes.is_empty(),
        "an empty cell is not an attribute"
    );
    assert_eq!(
        file.next_step(Direction::Undo).unwrap().as_deref(),
        Some("Import people.csv")
    );
}

#[test]
fn several_files_are_one_import_and_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = new_map(dir.path());
    // The ties come first on the command line: the merge still adds people before ties.
    let report = import_files(
        &mut file,
        &fixtures(&[
            "ties.csv",
            "engagements.csv",
            "people.csv",
            "departments.csv",
        ]),
        &STRICT,
    )
    .unwrap();
    assert_eq!(n!(report.people), (4, 0, 0));
    assert_eq!(n!(report.ties), (4, 0, 0));
    assert_eq!(n!(report.engagements), (3, 0, 0));
    assert_eq!(n!(report.departments), (5, 0, 0));
    let map = file.map();
    let (p1, p2, p3) = (
        map.find_person("p1").unwrap().id,
        map.find_person("p2").unwrap().id,
        map.find_person("p3").unwrap().id,
    );
    let peer = map.tie_between(p1, p3).unwrap();
    assert_eq!((peer.kind.as_str(), peer.strength), ("peer", 0.23));
    assert_eq!(peer.notes, "met at the offsite");
    let by_name = map.tie_between(p3, p2).unwrap();
    assert_eq!(
        (by_name.kind.as_str(), by_name.strength),
        ("executive peer", 0.4)
    );
    let it = map.department_by_name("IT").unwrap();
    assert_eq!(
        map.department(it.parent.unwrap()).unwrap().name,
        "Operations"
    );
    assert_eq!(it.colour.as_deref(), Some("#ff7f0e"));
    assert_eq!(
        map.stance_history(p2),
        vec![
            ("2026-09-01".to_string(), Stance::Sceptic),
            ("2026-10-12".to_string(), Stance::Supporter)
        ]
    );
    assert_eq!(
        file.next_step(Direction::Undo).unwrap().as_deref(),
        Some("Import 4 files")
    );
    file.undo().unwrap();
    assert_eq!(file.map().counts(), (0, 0, 0));
}

#[test]
fn importing_the_same_files_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = populated(dir.path());
    let before = MapData::from_map(file.map());
    let report = import_files(
        &mut file,
        &fixtures(&[
            "departments.csv",
            "people.csv",
            "ties.csv",
            "engagements.csv",
        ]),
        &STRICT,
    )
    .unwrap();
    assert_eq!(n!(report.people), (0, 0, 4));
    assert_eq!(n!(report.ties), (0, 0, 4));
    assert_eq!(n!(report.engagements), (0, 0, 3));
    assert_eq!(report.departments.added, 0);
    assert_eq!(report.departments.updated, 0);
    assert_eq!(MapData::from_map(file.map()), before);
}

#[test]
fn a_changed_row_is_reported_as_updated() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = populated(dir.path());
    let changed = dir.path().join("people.csv");
    fs::write(
        &changed,
        "id,name,stance\np2,Tom Reed,supporter\np9,New Person,\n",
    )
    .unwrap();
    let report = import_files(&mut file, &[changed], &STRICT).unwrap();
    assert_eq!(n!(report.people), (1, 1, 0));
    let tom = file.map().find_person("p2").unwrap();
    assert_eq!(tom.stance, Stance::Supporter);
    assert_eq!(
        tom.notes, "Worried about cost, wants ROI",
        "a missing column leaves notes alone"
    );
}

#[test]
fn an_org_chart_gives_people_departments_and_line_manager_ties() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = new_map(dir.path());
    let report = import_files(&mut file, &fixtures(&["org.csv"]), &STRICT).unwrap();
    assert_eq!(n!(report.people), (4, 0, 0));
    assert_eq!(n!(report.ties), (3, 0, 0));
    assert_eq!(n!(report.departments), (3, 0, 0));
    let map = file.map();
    let ann = map.find_person("e1").unwrap().id;
    let bob = map.find_person("e2").unwrap();
    assert_eq!(bob.title, "CTO");
    let tie = map.tie_between(ann, bob.id).unwrap();
    assert_eq!((tie.kind.as_str(), tie.strength), ("line manager", 0.55));
    assert!(
        map.tie_between(bob.id, ann).is_none(),
        "from manager to report only"
    );
}

#[test]
fn org_chart_forced_on_a_file_without_its_columns_names_the_missing_ones() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = populated(dir.path());
    assert_refused(
        &mut file,
        &fixtures(&["people.csv"]),
        &ImportOptions {
            org_chart: true,
            skip_invalid: false,
        },
        "people.csv has no columns \"employee_id\", \"manager_id\": an org chart needs employee_id, name, manager_id; nothing was imported",
    );
}

#[test]
fn the_projects_json_imports_with_goal_and_home_team() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = new_map(dir.path());
    let report = import_files(&mut file, &fixtures(&["map.json"]), &STRICT).unwrap();
    assert_eq!(n!(report.people), (2, 0, 0));
    let map = file.map();
    assert_eq!(map.name, "Mobile learning");
    assert_eq!(map.goal.initiative, "Mobile learning rollout");
    let tom = map.find_person("p2").unwrap().id;
    assert_eq!(map.goal.audience.people, vec![tom]);
    assert_eq!(map.home.people, vec![map.find_person("p1").unwrap().id]);
    assert_eq!(map.engagements().count(), 1);
}

#[test]
fn semicolon_and_tab_delimiters_are_recognised() {
    for name in ["people_semicolon.csv", "people_tab.tsv"] {
        let dir = tempfile::tempdir().unwrap();
        let mut file = new_map(dir.path());
        let report = import_files(&mut file, &fixtures(&[name]), &STRICT).unwrap();
        assert_eq!(n!(report.people), (2, 0, 0), "{name}");
        let asha = file.map().find_person("p1").unwrap();
        assert_eq!(asha.title, "Head of L&D, EMEA", "{name}");
        assert_eq!(asha.power, 3, "{name}");
        assert_eq!(
            file.map().find_person("p2").unwrap().stance,
            Stance::Sceptic
        );
    }
}

#[test]
fn a_byte_order_mark_is_not_part_of_the_first_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = new_map(dir.path());
    import_files(&mut file, &fixtures(&["people_bom.csv"]), &STRICT).unwrap();
    let map = file.map();
    let zoe = map.find_person("p1").unwrap();
    assert_eq!(zoe.name, "Zoë Ångström");
    assert_eq!(
        map.department(zoe.department.unwrap()).unwrap().name,
        "Fórmación"
    );
    assert_eq!(map.find_person("p2").unwrap().name, "王芳");
}

#[test]
fn quoted_newlines_keep_the_line_numbers_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = populated(dir.path());
    // Tom's record starts on line 4 of the file (Asha's notes take lines 2 and 3).
    assert_refused(
        &mut file,
        &fixtures(&["people_multiline.csv"]),
        &STRICT,
        "people_multiline.csv line 4, column \"power\": power \"9\": expected a whole number from 1 to 5; nothing was imported",
    );
    let report = import_files(&mut file, &fixtures(&["people_multiline.csv"]), &SKIP).unwrap();
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(
        report.rejected[0].place,
        "people_multiline.csv line 4, column \"power\""
    );
    let asha = file.map().find_person("p1").unwrap();
    assert_eq!(asha.notes, "First line\nsecond line, with a comma");
    assert_eq!(file.map().find_person("p3").unwrap().power, 2);
}

// ---- bad input: the exact message, and the map left as it was ----

#[test]
fn a_missing_required_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = populated(dir.path());
    assert_refused(
        &mut file,
        &fixtures(&["ties_no_kind.csv"]),
        &STRICT,
        "ties_no_kind.csv has no column \"kind\": an influence table needs from, to, kind; nothing was imported",
    );
}

#[test]
fn an_unrecognised_header_says_what_each_table_needs() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = populated(dir.path());
    let path = dir.path().join("budget.csv");
    fs::write(&path, "who,start date,cost\nAnn,2026-01-01,3\n").unwrap();
    assert_refused(
        &mut file,
        &[path],
        &STRICT,
        "budget.csv: its header (who, start date, cost) is not one Advocate knows. People need a \"name\" column; influence ties \"from\", \"to\" and \"kind\"; departments \"name\" and \"parent\" or \"colour\"; an engagement log \"person\", \"date\" and \"action\"; an org chart \"employee_id\", \"name\" and \"manager_id\"; nothing was imported",
    );
}

#[test]
fn an_unknown_stance() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = populated(dir.path());
    assert_refused(
        &mut file,
        &fixtures(&["people_bad_stance.csv"]),
        &STRICT,
        "people_bad_stance.csv line 7, column \"stance\": unknown stance \"fan\": expected champion, supporter, neutral, sceptic (or skeptic), blocker, or a number from -2 to 2; nothing was imported",
    );
}

#[test]
fn a_strength_above_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = populated(dir.path());
    assert_refused(
        &mut file,
        &fixtures(&["ties_strength.csv"]),
        &STRICT,
        "ties_strength.csv line 3, column \"strength\": strength \"1.5\": expected a number from 0 to 1 (or empty for the kind's default); nothing was imported",
    );
}

#[test]
fn a_power_of_nine() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = populated(dir.path());
    assert_refused(
        &mut file,
        &fixtures(&["people_power9.csv"]),
        &STRICT,
        "people_power9.csv line 2, column \"power\": power \"9\": expected a whole number from 1 to 5; nothing was imported",
    );
}

#[test]
fn a_tie_to_an_unknown_person() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = populated(dir.path());
    assert_refused(
        &mut file,
        &fixtures(&["ties_unknown_person.csv"]),
        &STRICT,
        "ties_unknown_person.csv line 3, column \"to\": no person with id or name \"Zed Unknown\" on the map or in the imported files; nothing was imported",
    );
}

#[test]
fn a_duplicate_id() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = populated(dir.path());
    assert_refused(
        &mut file,
        &fixtures(&["people_duplicate_id.csv"]),
        &STRICT,
        "people_duplicate_id.csv line 4, column \"id\": duplicate id \"q1\": people_duplicate_id.csv line 2 has it already; nothing was imported",
    );
}

#[test]
fn a_department_that_is_its_own_ancestor() {
    let dir = tempfile::tempdir().unwrap();
    // The map already has IT Security inside IT, so putting IT inside IT Security is a loop.
    let mut file = populated(dir.path());
    assert_refused(
        &mut file,
        &fixtures(&["departments_cycle.csv"]),
        &STRICT,
        "departments_cycle.csv line 2: department \"IT\" would be its own ancestor (IT → IT Security → IT); nothing was imported",
    );
}

#[test]
fn an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = populated(dir.path());
    assert_refused(
        &mut file,
        &fixtures(&["empty.csv"]),
        &STRICT,
        "empty.csv is empty; nothing was imported",
    );
    let blank = dir.path().join("blank.csv");
    fs::write(&blank, "\u{feff}\n\n  \n").unwrap();
    assert_refused(
        &mut file,
        &[blank],
        &STRICT,
        "blank.csv is empty; nothing was imported",
    );
}

#[test]
fn binary_garbage() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = populated(dir.path());
    let garbage = dir.path().join("garbage.csv");
    fs::write(
        &garbage,
        (0..4096u32)
            .map(|i| (i * 7919 % 251) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert_refused(
        &mut file,
        &[garbage],
        &STRICT,
        "garbage.csv does not look like CSV: it holds binary data (an import takes CSV, .xlsx or Advocate JSON files); nothing was imported",
    );
    let latin1 = dir.path().join("latin1.csv");
    fs::write(&latin1, b"id,name\np1,Asha\np2,Zo\xeb\n").unwrap();
    assert_refused(
        &mut file,
        &[latin1],
        &STRICT,
        "latin1.csv is not a UTF-8 text file (line 3 has a byte that is not UTF-8); save it as \"CSV UTF-8\" and import it again; nothing was imported",
    );
}

#[test]
fn a_ten_megabyte_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = populated(dir.path());
    let big = dir.path().join("big.csv");
    let notes = "x".repeat(10 * 1024 * 1024);
    fs::write(&big, format!("id,name,notes\nb1,Big Notes,\"{notes}\"\n")).unwrap();
    assert_refused(
        &mut file,
        std::slice::from_ref(&big),
        &STRICT,
        "big.csv line 2, column \"notes\": the cell is 10485760 characters long; at most 100000 are accepted; nothing was imported",
    );
}

#[test]
fn a_manager_cycle_names_the_people_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = populated(dir.path());
    assert_refused(
        &mut file,
        &fixtures(&["org_cycle.csv"]),
        &STRICT,
        "org_cycle.csv: the manager chain loops: Ann Lee (e1) → Bob Ray (e2) → Ann Lee (e1); nothing was imported",
    );
}

#[test]
fn a_manager_who_is_not_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = populated(dir.path());
    assert_refused(
        &mut file,
        &fixtures(&["org_unknown_manager.csv"]),
        &STRICT,
        "org_unknown_manager.csv line 3, column \"manager_id\": manager_id \"e9\" is not the employee_id of anyone in org_unknown_manager.csv; nothing was imported",
    );
}

#[test]
fn one_bad_file_among_good_ones_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = new_map(dir.path());
    let before = state(&file);
    let err = import_files(
        &mut file,
        &fixtures(&["people.csv", "ties.csv", "ties_strength.csv"]),
        &STRICT,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("ties_strength.csv line 3, column \"strength\""),
        "{err}"
    );
    assert_eq!(state(&file), before);
}

#[test]
fn skip_invalid_imports_the_good_rows_and_lists_every_rejected_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = new_map(dir.path());
    let all_or_nothing = import_files(&mut file, &fixtures(&["people_mixed.csv"]), &STRICT)
        .unwrap_err()
        .to_string();
    assert_eq!(
        all_or_nothing,
        "people_mixed.csv line 3, column \"stance\": unknown stance \"fan\": expected champion, supporter, neutral, sceptic (or skeptic), blocker, or a number from -2 to 2 (and 2 more problems); nothing was imported"
    );
    assert_eq!(file.map().counts().0, 0);
    let report = import_files(
        &mut file,
        &fixtures(&["people_mixed.csv", "ties_unknown_person.csv"]),
        &SKIP,
    )
    .unwrap();
    assert_eq!(n!(report.people), (3, 0, 0));
    let rejected: Vec<String> = report.rejected.iter().map(|r| r.to_string()).collect();
    assert_eq!(
        rejected,
        vec![
            "people_mixed.csv line 3, column \"stance\": unknown stance \"fan\": expected champion, supporter, neutral, sceptic (or skeptic), blocker, or a number from -2 to 2",
            "people_mixed.csv line 5, column \"power\": power \"9\": expected a whole number from 1 to 5",
            "people_mixed.csv line 6, column \"name\": name is empty: every person needs a name",
            "ties_unknown_person.csv line 2, column \"from\": no person with id or name \"p1\" on the map or in the imported files",
            "ties_unknown_person.csv line 3, column \"from\": no person with id or name \"p1\" on the map or in the imported files",
        ]
    );
    let names: Vec<&str> = file.map().people().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["Good One", "Good Two", "Good Three"]);
}

#[test]
fn skip_invalid_leaves_out_the_ties_of_a_manager_loop_and_keeps_the_people() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = new_map(dir.path());
    let report = import_files(&mut file, &fixtures(&["org_cycle.csv"]), &SKIP).unwrap();
    assert_eq!(n!(report.people), (3, 0, 0));
    assert_eq!(n!(report.ties), (0, 0, 0));
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].place, "org_cycle.csv");
}

#[test]
fn read_files_writes_nothing_and_returns_the_records() {
    let parsed = read_files(&fixtures(&["people.csv", "ties.csv"]), &STRICT).unwrap();
    assert_eq!(parsed.data.people.len(), 4);
    assert_eq!(parsed.data.ties.len(), 4);
    assert_eq!(
        parsed.data.people[1].origin.0.as_deref(),
        Some("people.csv line 3")
    );
    assert_eq!(
        parsed.data.ties[0].strength, None,
        "empty takes the kind's default"
    );
    assert_eq!(
        parsed.data.people[3].decision_maker, None,
        "empty is not given"
    );
}

// ---- workbooks ----

fn workbook(path: &Path, power_of_lena: f64) {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let notes = book.add_worksheet().set_name("Read me").unwrap();
    notes
        .write(0, 0, "This workbook lists our stakeholders")
        .unwrap();
    let people = book.add_worksheet().set_name("People").unwrap();
    for (c, h) in [
        "ID",
        "Name",
        "Department",
        "Stance",
        "Power",
        "Decision maker",
        "Cost centre",
    ]
    .iter()
    .enumerate()
    {
        people.write(0, c as u16, *h).unwrap();
    }
    let rows: [(&str, &str, &str, f64, f64, bool, f64); 3] = [
        ("p1", "Asha Patel", "L&D", 2.0, 3.0, false, 4410.0),
        ("p2", "Tom Reed", "Finance", -1.0, 5.0, true, 1200.5),
        (
            "p4",
            "Lena Ode",
            "Operations",
            1.0,
            power_of_lena,
            false,
            7.0,
        ),
    ];
    for (r, (id, name, dept, stance, power, dm, cost)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        people.write(r, 0, *id).unwrap();
        people.write(r, 1, *name).unwrap();
        people.write(r, 2, *dept).unwrap();
        people.write(r, 3, *stance).unwrap();
        people.write(r, 4, *power).unwrap();
        people.write(r, 5, *dm).unwrap();
        people.write(r, 6, *cost).unwrap();
    }
    let ties = book.add_worksheet().set_name("Influence").unwrap();
    for (c, h) in ["from", "to", "kind", "strength"].iter().enumerate() {
        ties.write(0, c as u16, *h).unwrap();
    }
    ties.write(1, 0, "p1").unwrap();
    ties.write(1, 1, "Tom Reed").unwrap();
    ties.write(1, 2, "sponsor").unwrap();
    ties.write(1, 3, 0.6).unwrap();
    book.save(path).unwrap();
}

#[test]
fn a_workbook_imports_its_sheets_by_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("staff.xlsx");
    workbook(&path, 2.0);
    let mut file = new_map(dir.path());
    let report = import_files(&mut file, &[path], &STRICT).unwrap();
    assert_eq!(n!(report.people), (3, 0, 0));
    assert_eq!(n!(report.ties), (1, 0, 0));
    let map = file.map();
    let tom = map.find_person("p2").unwrap();
    assert_eq!(
        (tom.stance, tom.power, tom.decision_maker),
        (Stance::Sceptic, 5, true)
    );
    assert_eq!(tom.attributes["Cost centre"], "1200.5");
    let asha = map.find_person("p1").unwrap();
    assert_eq!(
        asha.attributes["Cost centre"], "4410",
        "a whole number has no decimal point"
    );
    assert_eq!(asha.stance, Stance::Champion);
    let tie = map.tie_between(asha.id, tom.id).unwrap();
    assert_eq!((tie.kind.as_str(), tie.strength), ("sponsor", 0.6));
}

#[test]
fn a_bad_cell_in_a_workbook_names_the_sheet_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("staff.xlsx");
    workbook(&path, 9.0);
    let mut file = populated(dir.path());
    assert_refused(
        &mut file,
        &[path],
        &STRICT,
        "staff.xlsx sheet \"People\" row 4, column \"Power\": power \"9\": expected a whole number from 1 to 5; nothing was imported",
    );
}

#[test]
fn an_org_chart_forced_on_a_workbook_passes_over_its_other_sheets() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hr.xlsx");
    let mut book = Workbook::new();
    let notes = book.add_worksheet().set_name("Read me").unwrap();
    notes.write(0, 0, "Exported from the HR system").unwrap();
    let staff = book.add_worksheet().set_name("Staff").unwrap();
    for (c, h) in ["Employee ID", "Name", "Manager ID"].iter().enumerate() {
        staff.write(0, c as u16, *h).unwrap();
    }
    // Numeric ids, as HR systems export them: 101.0 is "101".
    staff.write(1, 0, 101.0).unwrap();
    staff.write(1, 1, "Ann Lee").unwrap();
    staff.write(2, 0, 102.0).unwrap();
    staff.write(2, 1, "Bob Ray").unwrap();
    staff.write(2, 2, 101.0).unwrap();
    book.save(&path).unwrap();
    let mut file = new_map(dir.path());
    let options = ImportOptions {
        org_chart: true,
        skip_invalid: false,
    };
    let report = import_files(&mut file, &[path], &options).unwrap();
    assert_eq!(n!(report.people), (2, 0, 0));
    let map = file.map();
    let (ann, bob) = (
        map.find_person("101").unwrap().id,
        map.find_person("102").unwrap().id,
    );
    assert_eq!(map.tie_between(ann, bob).unwrap().kind, "line manager");
}
