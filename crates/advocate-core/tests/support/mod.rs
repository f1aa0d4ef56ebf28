//! Helpers the integration tests share: a synthetic demo map built in a temporary map file (and
//! a richer one with positions and imported columns), rendering with slide extras, and the import
//! fixtures with the check that a refused import leaves the map as it was.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use advocate_core::data::{DepartmentData, GoalData, GroupData, MapData, PersonData, TieData};
use advocate_core::export::{self, ExportOptions, Format, PathRow, RankRow, SlideExtras};
use advocate_core::import::{ImportOptions, import_files};
use advocate_core::model::{Map, Position, Stance};
use advocate_core::store::{MapFile, MergeMode, journal::Direction};

pub const DEPARTMENTS: [&str; 6] = ["L&D", "IT", "Finance", "Marketing", "Operations", "HR"];
pub const FIRST: [&str; 12] = [
    "Asha", "Tom", "Maria", "Kenji", "Fatima", "Lars", "Chloé", "Ivan", "Priya", "Owen", "Zoë",
    "Sam",
];
pub const LAST: [&str; 8] = [
    "Patel", "Reed", "García", "Sato", "Haddad", "Nilsson", "Dubois", "Novak",
];

/// A map of about 40 people in six departments, with Unicode, right-to-left and markup names.
pub fn demo_data(people: usize) -> MapData {
    let mut data = MapData {
        name: Some("Mobile learning".into()),
        goal: Some(GoalData {
            initiative: "Mobile learning rollout".into(),
            audience: GroupData::default(),
        }),
        home: Some(GroupData {
            people: vec!["p0".into()],
            department: None,
        }),
        ..MapData::default()
    };
    data.departments = DEPARTMENTS
        .iter()
        .map(|d| DepartmentData {
            name: (*d).into(),
            ..DepartmentData::default()
        })
        .collect();
    let special = [
        "王小明",
        "فاطمة الزهراء",
        "דוד כהן",
        "<script>alert(1)</script> & Co",
        "Maximiliane Alexandra von Hohenzollern-Sigmaringen",
        "Renée Ångström",
    ];
    let stances = [
        Stance::Champion,
        Stance::Supporter,
        Stance::Neutral,
        Stance::Sceptic,
        Stance::Blocker,
        Stance::Neutral,
        Stance::Supporter,
    ];
    for i in 0..people {
        let name = if i > 0 && i <= special.len() {
            special[i - 1].to_string()
        } else {
            format!(
                "{} {}",
                FIRST[i % FIRST.len()],
                LAST[(i / FIRST.len()) % LAST.len()]
            )
        };
        data.people.push(PersonData {
            id: Some(format!("p{i}")),
            name,
            title: Some(format!("Role {i} lead")),
            department: Some(DEPARTMENTS[i % DEPARTMENTS.len()].into()),
            stance: Some(stances[i % stances.len()]),
            power: Some((i % 5) as u8 + 1),
            interest: Some(((i * 3) % 5) as u8 + 1),
            decision_maker: Some(i % 9 == 4),
            tags: Some(if i % 4 == 0 {
                vec!["pilot".into(), "mobile".into()]
            } else {
                vec![]
            }),
            notes: Some(if i % 2 == 0 {
                format!("secret note {i}")
            } else {
                String::new()
            }),
            ..PersonData::default()
        });
    }
    let kinds = ["line manager", "peer", "sponsor", "informal ally", "mentor"];
    for i in 1..people {
        let j = (i * 7 + 3) % i;
        data.ties.push(TieData {
            from: format!("p{j}"),
            to: format!("p{i}"),
            kind: kinds[i % kinds.len()].into(),
            strength: Some(((i % 9) as f64 + 1.0) / 10.0),
            ..TieData::default()
        });
        if i % 3 == 0 {
            data.ties.push(TieData {
                from: format!("p{i}"),
                to: format!("p{}", (i + 1) % people),
                kind: "peer".into(),
                strength: None,
                ..TieData::default()
            });
        }
    }
    data
}

pub struct TestMap {
    pub _dir: tempfile::TempDir,
    pub file: MapFile,
}

impl TestMap {
    pub fn map(&self) -> &Map {
        self.file.map()
    }
}

pub fn build(data: &MapData) -> TestMap {
    let dir = tempfile::tempdir().unwrap();
    let mut file = MapFile::create(&dir.path().join("m.advocate"), "Mobile learning").unwrap();
    file.merge(data, MergeMode::AllOrNothing, "test map")
        .unwrap();
    TestMap { _dir: dir, file }
}

pub fn demo() -> TestMap {
    build(&demo_data(40))
}

pub fn render(map: &Map, format: Format, options: &ExportOptions) -> Vec<u8> {
    export::render(map, format, options, &extras(map)).unwrap()
}

pub fn extras(map: &Map) -> SlideExtras {
    let people: Vec<_> = map.people().take(4).collect();
    SlideExtras {
        ranking: people
            .iter()
            .map(|p| RankRow {
                name: p.name.clone(),
                title: p.title.clone(),
                score: 0.42,
                access: 0.7,
                willingness: 1.0,
                carry: 0.6,
            })
            .collect(),
        paths: people
            .last()
            .map(|last| PathRow {
                to_name: last.name.clone(),
                people_names: people.iter().map(|p| p.name.clone()).collect(),
                reliability: 0.12,
            })
            .into_iter()
            .collect(),
        ..SlideExtras::default()
    }
}

/// Where previews go when `ADVOCATE_EXPORT_PREVIEW` names a folder (for looking at them).
pub fn preview(name: &str, bytes: &[u8]) {
    if let Ok(dir) = std::env::var("ADVOCATE_EXPORT_PREVIEW") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(Path::new(&dir).join(name), bytes).unwrap();
    }
}

/// The demo map with stored positions for some people and an imported column.
pub fn rich_data() -> MapData {
    let mut data = demo_data(40);
    for (i, p) in data.people.iter_mut().enumerate() {
        if i % 2 == 0 {
            p.position = Some(Position {
                x: i as f64 * 37.5,
                y: (i % 7) as f64 * -12.25,
                pinned: i % 4 == 0,
            });
        }
        if i % 3 == 0 {
            p.attributes.insert("location".into(), format!("Site {i}"));
        }
    }
    // A pair linked in two ways: every format carries both ties.
    let first = data.ties[0].clone();
    let other = if first.kind == "mentor" {
        "peer"
    } else {
        "mentor"
    };
    data.ties.push(advocate_core::data::TieData {
        kind: other.into(),
        strength: Some(0.3),
        notes: None,
        ..first
    });
    data
}

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/import");

pub fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

pub fn fixtures(names: &[&str]) -> Vec<PathBuf> {
    names.iter().map(|n| fixture(n)).collect()
}

pub fn new_map(dir: &Path) -> MapFile {
    MapFile::create(&dir.join("m.advocate"), "Test map").unwrap()
}

pub const STRICT: ImportOptions = ImportOptions {
    org_chart: false,
    skip_invalid: false,
};
pub const SKIP: ImportOptions = ImportOptions {
    org_chart: false,
    skip_invalid: true,
};

/// A map with the good people, departments, ties and engagements already imported.
pub fn populated(dir: &Path) -> MapFile {
    let mut file = new_map(dir);
    import_files(
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
    file
}

pub fn state(file: &MapFile) -> (MapData, Option<String>) {
    (
        MapData::from_map(file.map()),
        file.next_step(Direction::Undo).unwrap(),
    )
}

/// Imports `paths`, expects exactly `expected` as the error, and checks the map is unchanged.
pub fn assert_refused(
    file: &mut MapFile,
    paths: &[PathBuf],
    options: &ImportOptions,
    expected: &str,
) {
    let before = state(file);
    let err = import_files(file, paths, options).unwrap_err().to_string();
    assert_eq!(err, expected);
    assert_eq!(state(file), before, "the map changed");
    drop(MapFile::open(file.path()).unwrap());
}
