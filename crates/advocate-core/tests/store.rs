//! The map file: creating, refusing what is not a map, migrations, edits, undo and redo across
//! reopening, and Save As.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;

use advocate_core::data::{DepartmentData, PersonData, TieData};
use advocate_core::model::{Function, Group, Node, Position, Stance};
use advocate_core::store::journal::Direction;
use advocate_core::store::{MapFile, PersonPatch, SCHEMA_VERSION};
use advocate_core::views::ViewLayout;

fn person(name: &str) -> PersonData {
    PersonData {
        name: name.into(),
        ..PersonData::default()
    }
}

fn tie(from: &str, to: &str, kind: &str, strength: Option<f64>) -> TieData {
    TieData {
        from: from.into(),
        to: to.into(),
        kind: kind.into(),
        strength,
        ..TieData::default()
    }
}

fn small_map(path: &Path) -> MapFile {
    let mut file = MapFile::create(path, "Mobile learning").unwrap();
    file.add_person(&PersonData {
        id: Some("p1".into()),
        department: Some("L&D".into()),
        stance: Some(Stance::Champion),
        ..person("Asha Patel")
    })
    .unwrap();
    file.add_person(&PersonData {
        id: Some("p2".into()),
        department: Some("Finance".into()),
        decision_maker: Some(true),
        power: Some(5),
        ..person("Tom Reed")
    })
    .unwrap();
    file.put_tie(&tie("p1", "p2", "peer", None)).unwrap();
    file
}

#[test]
fn a_new_map_has_the_builtin_kinds_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let file = MapFile::create(&dir.path().join("m.advocate"), "Test").unwrap();
    let map = file.map();
    assert_eq!(map.name, "Test");
    assert_eq!(map.kind("line manager").unwrap().default_strength, 0.55);
    assert_eq!(map.kind("Peer").unwrap().default_strength, 0.23);
    assert_eq!(map.kind("L&D contact").unwrap().default_strength, 0.10);
    assert_eq!(map.counts(), (0, 0, 0));
    assert_eq!(file.integrity_check().unwrap(), "ok");
}

#[test]
fn create_refuses_to_overwrite_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    fs::write(&path, "keep me").unwrap();
    let err = MapFile::create(&path, "x").err().unwrap().to_string();
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "keep me");
}

#[test]
fn edits_are_in_the_file_and_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    let file = small_map(&path);
    let tom = file.map().find_person("Tom Reed").unwrap().id;
    let asha = file.map().find_person("p1").unwrap().id;
    let t = file.map().tie_between(asha, tom).unwrap();
    assert_eq!((t.kind.as_str(), t.strength), ("peer", 0.23));
    drop(file);
    let reopened = MapFile::open(&path).unwrap();
    let map = reopened.map();
    assert_eq!(map.counts(), (2, 2, 1));
    let tom = map.find_person("p2").unwrap();
    assert!(tom.decision_maker);
    assert_eq!(tom.power, 5);
    assert_eq!(
        map.department(tom.department.unwrap()).unwrap().name,
        "Finance"
    );
}

#[test]
fn undo_and_redo_work_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    let mut file = small_map(&path);
    let tom = file.map().find_person("p2").unwrap().id;
    file.edit_person(
        tom,
        &PersonPatch {
            stance: Some(Stance::Blocker),
            notes: Some("worried about cost".into()),
            ..PersonPatch::default()
        },
    )
    .unwrap();
    file.remove_person(tom).unwrap();
    assert_eq!(file.map().counts().2, 0);
    drop(file);

    let mut file = MapFile::open(&path).unwrap();
    assert_eq!(file.undo().unwrap().as_deref(), Some("Remove Tom Reed"));
    let map = file.map();
    let tom = map.find_person("p2").unwrap();
    assert_eq!(tom.stance, Stance::Blocker);
    assert_eq!(tom.notes, "worried about cost");
    assert_eq!(map.counts().2, 1, "the tie comes back with the person");
    drop(file);

    let mut file = MapFile::open(&path).unwrap();
    assert_eq!(file.undo().unwrap().as_deref(), Some("Edit Tom Reed"));
    assert_eq!(
        file.map().find_person("p2").unwrap().stance,
        Stance::Neutral
    );
    assert_eq!(file.redo().unwrap().as_deref(), Some("Edit Tom Reed"));
    assert_eq!(
        file.map().find_person("p2").unwrap().stance,
        Stance::Blocker
    );
    drop(file);

    let mut file = MapFile::open(&path).unwrap();
    assert_eq!(file.redo().unwrap().as_deref(), Some("Remove Tom Reed"));
    assert!(file.map().find_person("p2").is_err());
    assert_eq!(file.redo().unwrap(), None, "nothing left to redo");
    // Undo everything: back to an empty map.
    while file.undo().unwrap().is_some() {}
    assert_eq!(file.map().counts(), (0, 0, 0));
    assert_eq!(file.integrity_check().unwrap(), "ok");
    let fresh = MapFile::open(&path).unwrap();
    assert_eq!(fresh.map().counts(), (0, 0, 0));
}

#[test]
fn a_new_edit_forgets_what_could_have_been_redone() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = small_map(&dir.path().join("m.advocate"));
    file.undo().unwrap();
    file.add_person(&person("Kim Lo")).unwrap();
    assert_eq!(file.redo().unwrap(), None);
}

#[test]
fn removing_a_department_leaves_its_people_and_undo_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = small_map(&dir.path().join("m.advocate"));
    let finance = file.map().department_by_name("finance").unwrap().id;
    file.set_home(&Group {
        people: vec![],
        department: Some(finance),
    })
    .unwrap();
    file.remove_department(finance).unwrap();
    assert_eq!(file.map().find_person("p2").unwrap().department, None);
    assert_eq!(file.map().home.department, None);
    file.undo().unwrap();
    assert_eq!(
        file.map().find_person("p2").unwrap().department,
        Some(finance)
    );
    assert_eq!(file.map().home.department, Some(finance));
}

#[test]
fn a_bad_edit_writes_nothing_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = small_map(&dir.path().join("m.advocate"));
    let err = file
        .put_tie(&tie("p1", "p2", "peer", Some(1.5)))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("strength must be between 0 and 1, not 1.5"),
        "{err}"
    );
    let err = file
        .put_tie(&tie("p1", "Zed", "peer", None))
        .unwrap_err()
        .to_string();
    assert!(err.contains("no person with id or name \"Zed\""), "{err}");
    let err = file
        .add_person(&PersonData {
            power: Some(9),
            ..person("Max")
        })
        .unwrap_err()
        .to_string();
    assert!(err.contains("power must be from 1 to 5, not 9"), "{err}");
    let err = file
        .add_person(&PersonData {
            id: Some("p1".into()),
            ..person("Other")
        })
        .unwrap_err()
        .to_string();
    assert!(err.contains("already a person with id \"p1\""), "{err}");
    assert_eq!(file.undo().unwrap().as_deref(), Some("Tie p1 > p2"));
}

#[test]
fn a_department_cannot_be_its_own_ancestor() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = small_map(&dir.path().join("m.advocate"));
    let dept = |name: &str, parent: &str| DepartmentData {
        name: name.into(),
        parent: Some(parent.into()),
        ..DepartmentData::default()
    };
    file.put_department(&dept("IT Security", "IT")).unwrap();
    let err = file
        .put_department(&dept("IT", "IT Security"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("would be its own ancestor (IT → IT Security → IT)"),
        "{err}"
    );
}

#[test]
fn engagement_with_a_stance_change_updates_the_stance_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = small_map(&dir.path().join("m.advocate"));
    let tom = file.map().find_person("p2").unwrap().id;
    file.log_engagement(tom, "2026-09-01", "met", "coffee", Some(Stance::Sceptic))
        .unwrap();
    file.log_engagement(tom, "2026-10-12", "piloted", "", Some(Stance::Supporter))
        .unwrap();
    let map = file.map();
    assert_eq!(map.find_person("p2").unwrap().stance, Stance::Supporter);
    assert_eq!(
        map.stance_history(tom),
        vec![
            ("2026-09-01".to_string(), Stance::Sceptic),
            ("2026-10-12".to_string(), Stance::Supporter)
        ]
    );
    let err = file
        .log_engagement(tom, "2026-13-01", "met", "", None)
        .unwrap_err()
        .to_string();
    assert!(err.contains("not a date"), "{err}");
}

#[test]
fn positions_are_saved_and_undone_as_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    let mut file = small_map(&path);
    let ids: Vec<_> = file.map().people().map(|p| p.id).collect();
    let moves: Vec<_> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            (
                Node::Person(*id),
                Position {
                    x: i as f64 * 10.0,
                    y: -3.5,
                    pinned: i == 0,
                },
            )
        })
        .collect();
    file.set_positions(&moves).unwrap();
    drop(file);
    let mut file = MapFile::open(&path).unwrap();
    let p = file.map().person(ids[0]).unwrap().position.unwrap();
    assert_eq!((p.x, p.y, p.pinned), (0.0, -3.5, true));
    assert_eq!(file.undo().unwrap().as_deref(), Some("Move"));
    assert!(file.map().people().all(|p| p.position.is_none()));
}

/// A layout's move is an undo step that knows its layout: undoing it says which layout the places
/// are back in (the one laid out before it, the force layout when none was), redoing it says its
/// own; an ordinary move says nothing, and a move between two layouts leaves the earlier one
/// in force.
#[test]
fn undoing_a_layout_says_which_layout_the_places_are_in_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    let mut file = small_map(&path);
    let ids: Vec<_> = file.map().people().map(|p| p.id).collect();
    let moves = |dx: f64| -> Vec<(Node, Position)> {
        ids.iter()
            .enumerate()
            .map(|(i, id)| {
                let at = Position {
                    x: i as f64 * 10.0 + dx,
                    y: 1.0,
                    pinned: false,
                };
                (Node::Person(*id), at)
            })
            .collect()
    };
    let after = |file: &MapFile| {
        (
            file.layout_after(Direction::Undo).unwrap(),
            file.layout_after(Direction::Redo).unwrap(),
        )
    };
    assert_eq!(after(&file), (None, None));
    file.lay_out(ViewLayout::Orgchart, &moves(0.0)).unwrap();
    // Nothing laid out before the org chart: undoing it goes back to the force layout.
    assert_eq!(after(&file), (Some(ViewLayout::Force), None));
    file.set_positions(&moves(5.0)[..1]).unwrap();
    assert_eq!(after(&file), (None, None));
    file.lay_out(ViewLayout::Grid, &moves(100.0)).unwrap();
    assert_eq!(
        file.next_step(Direction::Undo).unwrap().as_deref(),
        Some("Lay out as the power/interest grid")
    );
    assert_eq!(after(&file), (Some(ViewLayout::Orgchart), None));
    // After reopening too: the journal is in the file.
    drop(file);
    let mut file = MapFile::open(&path).unwrap();
    assert_eq!(
        file.undo().unwrap().as_deref(),
        Some("Lay out as the power/interest grid")
    );
    assert_eq!(after(&file), (None, Some(ViewLayout::Grid)));
    file.undo().unwrap();
    assert_eq!(after(&file), (Some(ViewLayout::Force), None));
    file.redo().unwrap();
    file.redo().unwrap();
    assert_eq!(after(&file), (Some(ViewLayout::Orgchart), None));
    let p = file.map().person(ids[0]).unwrap().position.unwrap();
    assert_eq!((p.x, p.y), (100.0, 1.0));
}

#[test]
fn files_that_are_not_maps_are_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "empty.advocate",
            vec![],
            "is an empty file, not an Advocate map",
        ),
        (
            "text.advocate",
            b"name,title\nAnn,CEO\n".to_vec(),
            "is not an Advocate map (it is not a SQLite database)",
        ),
        (
            "garbage.advocate",
            (0..1000u32).map(|i| (i * 7919 % 251) as u8).collect(),
            "not a SQLite database",
        ),
        (
            // A page-sized lump of noise could be an encrypted map: the message says both.
            "noise.advocate",
            (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect(),
            "is encrypted (or is not an Advocate map)",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.path().join(name);
        fs::write(&path, &bytes).unwrap();
        let err = MapFile::open(&path).err().unwrap().to_string();
        assert!(err.contains(expected), "{name}: {err}");
        assert_eq!(fs::read(&path).unwrap(), bytes, "{name} was changed");
    }
    let other = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = fs::read(&other).unwrap();
    let err = MapFile::open(&other).err().unwrap().to_string();
    assert!(
        err.contains("is a SQLite database but not an Advocate map"),
        "{err}"
    );
    assert_eq!(fs::read(&other).unwrap(), before);
    let missing = MapFile::open(&dir.path().join("missing.advocate"))
        .err()
        .unwrap()
        .to_string();
    assert!(missing.contains("does not exist"), "{missing}");
}

#[test]
fn a_map_from_a_newer_advocate_is_refused_with_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    drop(small_map(&path));
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 7)
            .unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = MapFile::open(&path).err().unwrap().to_string();
    assert!(
        err.contains(&format!("map file version {}", SCHEMA_VERSION + 7))
            && err.contains(&format!("reads up to version {SCHEMA_VERSION}")),
        "{err}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_map_of_the_first_schema_version_is_upgraded_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.advocate");
    MapFile::create_at_version(&path, "Old map", 1).unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO department(id, name) VALUES (1, 'IT');
             INSERT INTO person(id, key, name, department, stance, decision_maker) VALUES (1, 'e1', 'Ravi Rao', 1, -1, 1);
             INSERT INTO person(id, key, name) VALUES (2, 'e2', 'Lena Ode');
             INSERT INTO tie(from_person, to_person, kind, strength) VALUES (2, 1, 'peer', 0.4);",
        )
        .unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1);
    }
    let mut file = MapFile::open(&path).unwrap();
    let ravi = file.map().find_person("e1").unwrap().clone();
    assert_eq!(
        (ravi.name.as_str(), ravi.stance, ravi.decision_maker),
        ("Ravi Rao", Stance::Sceptic, true)
    );
    assert_eq!(file.map().counts(), (2, 1, 1));
    // The upgraded file takes positions, which version 1 did not have.
    file.set_positions(&[(
        Node::Person(ravi.id),
        Position {
            x: 1.0,
            y: 2.0,
            pinned: true,
        },
    )])
    .unwrap();
    let v: i64 = file
        .connection()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, SCHEMA_VERSION);
    assert_eq!(file.integrity_check().unwrap(), "ok");
}

/// Version 4 gives departments a function (guessed from the name until one is set) and lets a pair
/// of people hold one tie of each kind.
#[test]
fn a_version_3_map_gets_department_functions_and_a_tie_per_kind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.advocate");
    MapFile::create_at_version(&path, "v3", 3).unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO department(id, name) VALUES (1, 'IT Security'), (2, 'Legal');
             INSERT INTO person(id, key, name, department) VALUES (1, 'e1', 'Ravi Rao', 1);
             INSERT INTO person(id, key, name) VALUES (2, 'e2', 'Lena Ode');
             INSERT INTO tie(from_person, to_person, kind, strength) VALUES (2, 1, 'peer', 0.4);",
        )
        .unwrap();
        // Version 3 allowed one tie per pair.
        assert!(
            conn.execute(
                "INSERT INTO tie(from_person, to_person, kind, strength) VALUES (2, 1, 'mentor', 0.3)",
                [],
            )
            .is_err()
        );
    }
    let mut file = MapFile::open(&path).unwrap();
    let function =
        |file: &MapFile, name: &str| file.map().department_by_name(name).unwrap().function;
    assert_eq!(function(&file, "IT Security"), Function::It);
    assert_eq!(function(&file, "Legal"), Function::Other);
    file.put_department(&DepartmentData {
        name: "Legal".into(),
        function: Some(Function::Executive),
        ..DepartmentData::default()
    })
    .unwrap();
    assert_eq!(function(&file, "Legal"), Function::Executive);
    // A second kind between the same pair is a second tie; the same kind again changes the first.
    file.put_tie(&tie("e2", "e1", "mentor", Some(0.3))).unwrap();
    file.put_tie(&tie("e2", "e1", "peer", Some(0.5))).unwrap();
    let mut ties: Vec<(String, f64)> = file
        .map()
        .ties()
        .map(|t| (t.kind.to_string(), t.strength))
        .collect();
    ties.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(ties, [("mentor".into(), 0.3), ("peer".into(), 0.5)]);
    drop(file);
    let mut file = MapFile::open(&path).unwrap();
    assert_eq!(function(&file, "Legal"), Function::Executive);
    assert_eq!(file.map().counts().2, 2);
    assert_eq!(file.undo().unwrap().as_deref(), Some("Tie e2 > e1"));
    assert_eq!(file.integrity_check().unwrap(), "ok");
}

/// The analysis commands open a map only to read it: the same map, edits refused, the file's
/// bytes untouched and no WAL files left behind.
#[test]
fn a_map_opened_for_reading_is_the_same_map_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    let expected = advocate_core::MapData::from_map(small_map(&path).map());
    let before = fs::read(&path).unwrap();
    let mut file = MapFile::open_for_reading(&path, None).unwrap();
    assert_eq!(advocate_core::MapData::from_map(file.map()), expected);
    assert!(file.is_read_only());
    assert!(file.add_person(&person("Nobody")).is_err());
    let map = file.into_map();
    assert_eq!(map.counts(), (2, 2, 1));
    assert_eq!(fs::read(&path).unwrap(), before);
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["m.advocate"]);
}

#[test]
fn save_as_writes_a_consistent_copy_and_carries_on_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    let copy = dir.path().join("copy.advocate");
    let mut file = small_map(&path);
    file.save_as(&copy).unwrap();
    file.add_person(&person("Only In Copy")).unwrap();
    assert_eq!(file.path(), copy.as_path());
    assert_eq!(MapFile::open(&path).unwrap().map().counts().0, 2);
    assert_eq!(MapFile::open(&copy).unwrap().map().counts().0, 3);
    // Undo history travels with the copy.
    assert_eq!(file.undo().unwrap().as_deref(), Some("Add Only In Copy"));
    assert_eq!(file.undo().unwrap().as_deref(), Some("Tie p1 > p2"));
}

#[test]
fn a_read_only_map_opens_for_viewing_and_refuses_edits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    let copy = dir.path().join("ro.advocate");
    small_map(&path).write_copy(&copy).unwrap();
    let mut perms = fs::metadata(&copy).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&copy, perms).unwrap();
    let before = fs::read(&copy).unwrap();
    let mut file = MapFile::open(&copy).unwrap();
    assert!(file.is_read_only());
    assert_eq!(file.map().counts().0, 2);
    let err = file.add_person(&person("X")).unwrap_err().to_string();
    assert!(err.contains("is read-only"), "{err}");
    drop(file);
    assert_eq!(fs::read(&copy).unwrap(), before);
}

#[test]
fn two_people_of_the_same_name_with_their_own_ids_are_two_people() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = MapFile::create(&dir.path().join("m.advocate"), "t").unwrap();
    for id in ["e1", "e2"] {
        file.add_person(&PersonData {
            id: Some(id.into()),
            ..person("Sam Okoye")
        })
        .unwrap();
    }
    assert_eq!(file.map().counts().0, 2);
    assert!(file.map().find_person("e1").is_ok() && file.map().find_person("e2").is_ok());
}

#[test]
fn an_id_matches_a_person_first_added_by_name_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = MapFile::create(&dir.path().join("m.advocate"), "t").unwrap();
    file.add_person(&person("Sam Okoye")).unwrap();
    let data = advocate_core::MapData {
        people: vec![PersonData {
            id: Some("e9".into()),
            title: Some("Head of Sales".into()),
            ..person("Sam Okoye")
        }],
        ..Default::default()
    };
    let report = file
        .merge(&data, advocate_core::MergeMode::AllOrNothing, "Import")
        .unwrap();
    assert_eq!((report.people.added, report.people.updated), (0, 1));
    assert_eq!(
        file.map().find_person("Sam Okoye").unwrap().title,
        "Head of Sales"
    );
}

#[test]
fn a_large_import_is_one_step_that_undoes_and_redoes_exactly() {
    use advocate_core::{MapData, MergeMode};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    let mut file = small_map(&path);
    let before = MapData::from_map(file.map());
    let n = 1500;
    let mut people: Vec<PersonData> = (0..n)
        .map(|i| PersonData {
            id: Some(format!("b{i}")),
            department: Some(format!("Unit {}", i % 9)),
            ..person(&format!("Bulk {i}"))
        })
        .collect();
    // It also changes a person who was there before.
    people.push(PersonData {
        id: Some("p2".into()),
        stance: Some(Stance::Champion),
        department: Some("Unit 3".into()),
        ..person("Tom Reed")
    });
    let ties = (0..n)
        .map(|i| tie(&format!("b{i}"), &format!("b{}", (i + 1) % n), "peer", None))
        .chain([tie("p1", "b0", "mentor", None)])
        .collect();
    let data = MapData {
        people,
        ties,
        home: Some(advocate_core::data::GroupData {
            people: vec!["p1".into(), "b1".into()],
            department: None,
        }),
        ..MapData::default()
    };
    let report = file
        .merge(&data, MergeMode::AllOrNothing, "Import bulk")
        .unwrap();
    assert_eq!((report.people.added, report.people.updated), (n, 1));
    let after = MapData::from_map(file.map());
    assert_eq!(after.people.len(), n + 2);
    drop(file);

    let mut file = MapFile::open(&path).unwrap();
    assert_eq!(MapData::from_map(file.map()), after);
    assert_eq!(file.undo().unwrap().as_deref(), Some("Import bulk"));
    assert_eq!(MapData::from_map(file.map()), before);
    drop(file);
    let mut file = MapFile::open(&path).unwrap();
    assert_eq!(MapData::from_map(file.map()), before);
    assert_eq!(file.redo().unwrap().as_deref(), Some("Import bulk"));
    assert_eq!(MapData::from_map(file.map()), after);
    assert_eq!(file.undo().unwrap().as_deref(), Some("Import bulk"));
    assert_eq!(MapData::from_map(file.map()), before);
    assert_eq!(file.integrity_check().unwrap(), "ok");
}

#[test]
fn namesakes_with_their_own_ids_are_two_people() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = MapFile::create(&dir.path().join("m.advocate"), "Namesakes").unwrap();
    let data = advocate_core::MapData {
        people: vec![
            PersonData {
                id: Some("e1".into()),
                ..person("Ann Lee")
            },
            PersonData {
                id: Some("e2".into()),
                ..person("Ann Lee")
            },
        ],
        ..advocate_core::MapData::default()
    };
    let report = file
        .merge(&data, advocate_core::MergeMode::AllOrNothing, "Import")
        .unwrap();
    assert_eq!(report.people.added, 2);
    assert_eq!(file.map().counts().0, 2);
}

#[test]
fn opening_and_closing_a_map_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.advocate");
    drop(small_map(&path));
    let before = fs::read(&path).unwrap();
    for _ in 0..2 {
        drop(MapFile::open(&path).unwrap());
    }
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_map_created_from_data_starts_there_with_nothing_to_undo() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.advocate");
    let mut file = MapFile::create_from(&path, &advocate_core::demo::demo()).unwrap();
    let people = file.map().counts().0;
    assert!(people > 60);
    assert_eq!(file.undo().unwrap(), None);
    file.add_person(&person("New Colleague")).unwrap();
    assert_eq!(file.undo().unwrap().as_deref(), Some("Add New Colleague"));
    assert_eq!(file.undo().unwrap(), None);
    assert_eq!(file.map().counts().0, people);
    // A bad start leaves no file behind.
    let bad = advocate_core::MapData {
        people: vec![PersonData {
            power: Some(9),
            ..person("Max")
        }],
        ..Default::default()
    };
    let bad_path = dir.path().join("bad.advocate");
    assert!(MapFile::create_from(&bad_path, &bad).is_err());
    assert!(!bad_path.exists());
}

/// A map large enough to be opened on two threads gives the same map as one put together
/// record by record: every person found by key and by name, every tie in the graph.
#[test]
fn a_large_map_opened_on_two_threads_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.advocate");
    let data = advocate_core::generate::generate(6000, 3);
    MapFile::create_from(&path, &data).unwrap();
    let file = MapFile::open(&path).unwrap();
    let map = file.map();
    assert_eq!(map.people().len(), data.people.len());
    assert!(map.ties().len() > 20_000, "{} ties", map.ties().len());
    let mut rebuilt = advocate_core::model::Map::new("rebuilt");
    for d in map.departments() {
        rebuilt.put_department(d.clone());
    }
    for p in map.people() {
        rebuilt.put_person(p.clone());
    }
    for t in map.ties() {
        rebuilt.put_tie(t.clone());
    }
    for p in map.people() {
        assert_eq!(map.person_by_key(&p.key).map(|q| q.id), Some(p.id));
        assert_eq!(map.people_named(&p.name), rebuilt.people_named(&p.name));
        assert!(map.people_named(&p.name).contains(&p.id));
        let out: Vec<_> = map.ties_from(p.id).map(|t| t.id).collect();
        let mut expected: Vec<_> = rebuilt.ties_from(p.id).map(|t| t.id).collect();
        let mut got = out.clone();
        got.sort();
        expected.sort();
        assert_eq!(got, expected, "ties from {}", p.key);
    }
    assert_eq!(map.graph().edge_count(), rebuilt.graph().edge_count());
    assert_eq!(map.graph().node_count(), rebuilt.graph().node_count());
}

/// The map as data, in an order that does not depend on how it was read.
fn sorted(file: &MapFile) -> advocate_core::data::MapData {
    let mut d = advocate_core::data::MapData::from_map(file.map());
    d.people.sort_by(|a, b| a.id.cmp(&b.id));
    d.departments.sort_by(|a, b| a.name.cmp(&b.name));
    d.ties
        .sort_by(|a, b| (&a.from, &a.to, &a.kind).cmp(&(&b.from, &b.to, &b.kind)));
    d
}

/// Whatever an edit touches (a person, a tie, a department whose removal reaches its people,
/// the home team and the audience, the engagement log, a person whose removal takes their ties
/// and entries), the map in memory afterwards is the map in the file: with the changeset log
/// on, the rows an edit touched are read from its changeset; with it off, from the undo journal.
#[test]
fn after_every_kind_of_edit_memory_holds_what_the_file_does() {
    for logged in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.advocate");
        let mut file = small_map(&path);
        file.set_logging(logged);
        let check = |file: &MapFile, what: &str| {
            let reopened = MapFile::open(file.path()).unwrap();
            assert_eq!(
                sorted(file),
                sorted(&reopened),
                "after {what} (log {logged})"
            );
            assert_eq!(file.map().counts(), reopened.map().counts(), "{what}");
        };
        let asha = file.map().find_person("p1").unwrap().id;
        let tom = file.map().find_person("p2").unwrap().id;
        let sam = file
            .add_person(&PersonData {
                id: Some("p3".into()),
                department: Some("IT".into()),
                ..person("Sam Okafor")
            })
            .unwrap();
        check(&file, "adding a person in a new department");
        file.edit_person(
            tom,
            &PersonPatch {
                stance: Some(Stance::Sceptic),
                notes: Some("wants numbers".into()),
                ..PersonPatch::default()
            },
        )
        .unwrap();
        check(&file, "editing a person");
        file.edit_person(tom, &PersonPatch::default()).unwrap();
        check(&file, "an edit that changes nothing");
        file.set_home(&Group {
            people: vec![asha],
            department: None,
        })
        .unwrap();
        file.set_goal(
            Some("Coaching pilot"),
            Some(&Group {
                people: vec![tom],
                department: None,
            }),
        )
        .unwrap();
        check(&file, "setting the home team and the audience");
        file.log_engagement(tom, "2026-11-02", "met", "coffee", Some(Stance::Supporter))
            .unwrap();
        file.put_tie(&tie("p3", "p2", "line manager", None))
            .unwrap();
        check(&file, "logging a meeting and adding a tie");
        let it = file.map().person(sam).unwrap().department.unwrap();
        file.remove_department(it).unwrap();
        check(&file, "removing a department with people in it");
        file.remove_person(tom).unwrap();
        check(
            &file,
            "removing a person with ties, a log and a place in the audience",
        );
        file.put_kind("mentor", 0.4).unwrap();
        file.rename("Coaching pilot map").unwrap();
        check(&file, "a new kind of tie and a new name");
        file.undo().unwrap().unwrap();
        file.undo().unwrap().unwrap();
        file.undo().unwrap().unwrap();
        check(&file, "three undos");
        file.redo().unwrap().unwrap();
        check(&file, "a redo");
    }
}
