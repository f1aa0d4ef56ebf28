//! The data formats, each read back after it is written: GraphML and GEXF (also as networkx
//! reads them, and as other tools write them, and refused naming the line when malformed), and
//! the project's JSON and CSV tables (an export imported into a new map gives back the same map;
//! a redacted one hides who people are and keeps the network).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use advocate_core::data::{GoalData, GroupData, MapData, PersonData};
use advocate_core::export::{self, ExportOptions, Format, Redact, SlideExtras};
use advocate_core::formats::{csv::CSV_FILES, csv::write_csv, json::write_json};
use advocate_core::import::import_files;
use advocate_core::model::{Map, Node, Position, Stance, TieKind};
use advocate_core::store::{MapFile, MergeMode};
use support::*;

fn python(script: &str, file: &Path) -> String {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(file)
        .output()
        .expect("python3 is needed to check the graph formats");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("No module named 'networkx'"),
        "networkx is missing: pip install networkx"
    );
    assert!(out.status.success(), "python failed: {err}");
    String::from_utf8(out.stdout).unwrap()
}

const NX_SUMMARY: &str = r#"
import sys, json, networkx as nx
path = sys.argv[1]
g = nx.read_graphml(path) if path.endswith('.graphml') else nx.read_gexf(path)
node = g.nodes['p1']
edge = next(iter(g.edges(data=True)))
print(json.dumps({'directed': g.is_directed(), 'nodes': g.number_of_nodes(), 'edges': g.number_of_edges(),
  'p1': {k: v for k, v in node.items() if k != 'viz'}, 'p0': {k: v for k, v in g.nodes['p0'].items() if k != 'viz'},
  'edge': [edge[0], edge[1], edge[2].get('kind'), edge[2].get('strength'), edge[2].get('weight')]}, sort_keys=True, ensure_ascii=False))
"#;

#[test]
fn networkx_reads_graphml_and_gexf_with_every_attribute() {
    let m = build(&rich_data());
    let map = m.map();
    let dir = tempfile::tempdir().unwrap();
    let first_tie = map.ties().next().unwrap();
    let key = |id| map.person(id).unwrap().key.clone();
    for format in [Format::Graphml, Format::Gexf] {
        let path = dir.path().join(format!("map.{}", format.name()));
        export::export(
            map,
            format,
            &ExportOptions::default(),
            &SlideExtras::default(),
            &path,
        )
        .unwrap();
        let out = python(NX_SUMMARY, &path);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["directed"], true);
        assert_eq!(v["nodes"], 40, "{format:?}");
        assert_eq!(v["edges"], map.ties().count(), "{format:?}");
        let p1 = &v["p1"];
        let name_key = if format == Format::Graphml {
            "name"
        } else {
            "label"
        };
        assert_eq!(p1[name_key], "王小明", "{format:?}: {p1}");
        assert_eq!(p1["title"], "Role 1 lead");
        assert_eq!(p1["department"], "IT");
        assert_eq!(p1["stance"], "supporter");
        assert_eq!(p1["power"], 2);
        assert_eq!(p1["interest"], 4);
        assert_eq!(p1["decision_maker"], false);
        let p0 = &v["p0"];
        assert_eq!(p0["tags"], "pilot; mobile");
        assert_eq!(p0["notes"], "secret note 0");
        assert_eq!(p0["location"], "Site 0");
        assert_eq!(p0["x"], 0.0);
        assert_eq!(p0["pinned"], true);
        assert_eq!(v["edge"][0], key(first_tie.from).as_str());
        assert_eq!(v["edge"][1], key(first_tie.to).as_str());
        assert_eq!(v["edge"][2], first_tie.kind.as_str());
        assert_eq!(v["edge"][3], first_tie.strength);
        assert_eq!(v["edge"][4], first_tie.strength);
    }
}

/// People and ties of a map in a comparable form, by key.
fn content(map: &Map) -> (Vec<String>, Vec<String>) {
    let dept = |p: &advocate_core::Person| {
        p.department
            .and_then(|d| map.department(d))
            .map(|d| d.name.clone())
    };
    let mut people: Vec<String> = map
        .people()
        .map(|p| {
            format!(
                "{}|{}|{}|{:?}|{}|{}|{}|{}|{:?}|{}|{:?}|{:?}",
                p.key,
                p.name,
                p.title,
                dept(p),
                p.stance,
                p.power,
                p.interest,
                p.decision_maker,
                p.tags,
                p.notes,
                p.attributes,
                p.position
            )
        })
        .collect();
    people.sort();
    let key = |id| map.person(id).unwrap().key.clone();
    let mut ties: Vec<String> = map
        .ties()
        .map(|t| format!("{}>{}|{}|{}", key(t.from), key(t.to), t.kind, t.strength))
        .collect();
    ties.sort();
    (people, ties)
}

#[test]
fn graphml_and_gexf_round_trip_people_ties_and_attributes() {
    let original = build(&rich_data());
    let expected = content(original.map());
    for format in [Format::Graphml, Format::Gexf] {
        let text =
            String::from_utf8(render(original.map(), format, &ExportOptions::default())).unwrap();
        let data = match format {
            Format::Graphml => advocate_core::formats::graphml::read_graphml(&text, "map.graphml"),
            _ => advocate_core::formats::gexf::read_gexf(&text, "map.gexf"),
        }
        .unwrap();
        assert_eq!(data.name.as_deref(), Some("Mobile learning"));
        let back = build(&data);
        assert_eq!(content(back.map()), expected, "{format:?}");
    }
}

#[test]
fn graphml_and_gexf_from_other_tools_map_labels_and_weights() {
    let graphml = r#"<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="label" attr.type="string"/>
  <key id="d1" for="node" attr.name="Department" attr.type="string"/>
  <key id="d2" for="edge" attr.name="weight" attr.type="double"/>
  <graph edgedefault="undirected">
    <node id="n0"><data key="d0">Ann Lee</data><data key="d1">IT</data></node>
    <node id="n1"><data key="d0">Bo Chen</data></node>
    <edge source="n0" target="n1"><data key="d2">0.4</data></edge>
  </graph>
</graphml>"#;
    let data = advocate_core::formats::graphml::read_graphml(graphml, "yed.graphml").unwrap();
    assert_eq!(data.people[0].name, "Ann Lee");
    assert_eq!(data.people[0].department.as_deref(), Some("IT"));
    assert_eq!(data.ties.len(), 2, "an undirected edge sways both ways");
    assert_eq!(data.ties[0].strength, Some(0.4));
    let gexf = r#"<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed">
      <nodes><node id="a" label="Ann"/><node id="b" label="Bo"><viz:position xmlns:viz="http://gexf.net/1.3/viz" x="3" y="4"/></node></nodes>
      <edges><edge source="a" target="b" weight="0.7" label="mentor"/></edges></graph></gexf>"#;
    let data = advocate_core::formats::gexf::read_gexf(gexf, "gephi.gexf").unwrap();
    assert_eq!(data.people[1].name, "Bo");
    assert_eq!(
        data.people[1].position.map(|p| (p.x, p.y)),
        Some((3.0, 4.0))
    );
    assert_eq!(data.ties[0].kind, "mentor");
    assert_eq!(data.ties[0].strength, Some(0.7));
}

#[test]
fn malformed_graph_files_are_refused_naming_the_line() {
    let err = advocate_core::formats::graphml::read_graphml(
        "<graphml>\n<graph>\n<node id=\"a\">\n</graph>\n</graphml>",
        "bad.graphml",
    )
    .unwrap_err();
    assert!(err.starts_with("bad.graphml line 4:"), "{err}");
    let err = advocate_core::formats::gexf::read_gexf("<gexf>\n<graph>\n<nodes>\n<node id=\"a\" label=\"x\"/>\n<node id=\"a\"/>\n</nodes></graph></gexf>", "dup.gexf").unwrap_err();
    assert!(
        err.contains("dup.gexf line 5") && err.contains("twice"),
        "{err}"
    );
    let err = advocate_core::formats::graphml::read_graphml(
        "<graphml><key id=\"s\" for=\"node\" attr.name=\"stance\"/><graph>\n<node id=\"a\"><data key=\"s\">fan</data></node></graph></graphml>",
        "s.graphml",
    )
    .unwrap_err();
    assert!(
        err.contains("s.graphml line 2") && err.contains("fan"),
        "{err}"
    );
    let err = advocate_core::formats::gexf::read_gexf("<svg/>", "x.gexf").unwrap_err();
    assert!(err.contains("not GEXF"), "{err}");
}

/// A redacted JSON or CSV export of the demo map says nothing of who people are (no name, id,
/// note, tag, imported column or engagement summary), yet imports into a map with the same
/// network: the same stances, ties and strengths.
#[test]
fn redacted_json_and_csv_hide_who_people_are_and_import_to_the_same_network() {
    use advocate_core::formats::{csv::write_csv, json::write_json, redacted};
    let dir = tempfile::tempdir().unwrap();
    let file = MapFile::create_from(
        &dir.path().join("demo.advocate"),
        &advocate_core::demo::demo(),
    )
    .unwrap();
    let map = file.map();
    let shown: Vec<String> = map
        .people()
        .map(|p| p.title.clone())
        .chain(map.departments().map(|d| d.name.clone()))
        .chain(map.kinds.iter().map(|k| k.name.clone()))
        .chain(map.engagements().map(|e| e.action.clone()))
        .chain([map.name.clone(), map.goal.initiative.clone()])
        .collect();
    let mut secrets: Vec<String> = Vec::new();
    for p in map.people() {
        secrets.extend([p.name.clone(), p.key.clone(), p.notes.clone()]);
        secrets.extend(p.tags.iter().cloned());
        secrets.extend(p.attributes.values().cloned());
    }
    secrets.extend(map.engagements().map(|e| e.summary.clone()));
    secrets.extend(map.ties().map(|t| t.notes.clone()));
    secrets.retain(|s| s.chars().count() >= 4 && !shown.iter().any(|x| x.contains(s.as_str())));
    assert!(
        secrets.len() > 100,
        "the demo has names, notes and tags to hide"
    );
    let stances = |m: &Map| {
        let mut s: Vec<_> = m.people().map(|p| p.stance).collect();
        s.sort();
        s
    };
    let strengths = |m: &Map| {
        let mut s: Vec<u64> = m.ties().map(|t| (t.strength * 1e9) as u64).collect();
        s.sort();
        s
    };
    for redact in [Redact::Titles, Redact::Initials] {
        let json = dir.path().join(format!("{redact:?}.json"));
        write_json(map, &json, redact).unwrap();
        let folder = dir.path().join(format!("{redact:?}-csv"));
        let files = write_csv(map, &folder, redact).unwrap();
        let mut texts = vec![std::fs::read_to_string(&json).unwrap()];
        texts.extend(files.iter().map(|f| std::fs::read_to_string(f).unwrap()));
        for (text, what) in texts.iter().zip([
            "json",
            "map",
            "kinds",
            "departments",
            "people",
            "ties",
            "engagements",
        ]) {
            for s in &secrets {
                assert!(
                    !text.contains(s.as_str()),
                    "{what} ({redact:?}) shows {s:?}"
                );
            }
        }
        let data = MapData::from_json(&texts[0], "redacted.json").unwrap();
        assert!(
            data.people
                .iter()
                .zip(&redacted(map, redact).people)
                .all(|(a, b)| a.id == b.id && a.name == b.name)
        );
        let copy =
            MapFile::create_from(&dir.path().join(format!("{redact:?}.advocate")), &data).unwrap();
        assert_eq!(copy.map().counts(), map.counts());
        assert_eq!(stances(copy.map()), stances(map));
        assert_eq!(strengths(copy.map()), strengths(map));
        assert_eq!(
            copy.map().members(&copy.map().home).len(),
            map.members(&map.home).len()
        );
        assert_eq!(copy.map().audience().len(), map.audience().len());
    }
}

/// A map using every field: tags, attributes, unicode names, awkward notes, positions, an
/// engagement log with stance changes, custom tie kinds, a department tree, home team and goal.
fn everything(dir: &Path) -> MapFile {
    let mut file = MapFile::create(&dir.join("full.advocate"), "Mobile learning ✓").unwrap();
    let person = |id: &str, name: &str| PersonData {
        id: Some(id.into()),
        name: name.into(),
        ..PersonData::default()
    };
    let data = MapData {
        kinds: vec![TieKind {
            name: "coffee buddy".into(),
            default_strength: 0.15,
        }],
        departments: vec![
            advocate_core::data::DepartmentData {
                name: "Operations".into(),
                colour: Some("#1f77b4".into()),
                position: Some(Position {
                    x: 10.5,
                    y: -20.25,
                    pinned: true,
                }),
                ..Default::default()
            },
            advocate_core::data::DepartmentData {
                name: "IT".into(),
                parent: Some("Operations".into()),
                ..Default::default()
            },
            advocate_core::data::DepartmentData {
                name: "IT Security".into(),
                parent: Some("IT".into()),
                colour: Some("#abc".into()),
                ..Default::default()
            },
        ],
        people: vec![
            PersonData {
                title: Some("Head of L&D, EMEA".into()),
                department: Some("Operations".into()),
                stance: Some(Stance::Champion),
                power: Some(3),
                interest: Some(5),
                tags: Some(vec!["home team".into(), "pilot".into()]),
                notes: Some(
                    "Says \"yes\", then checks.\nSecond line, with commas, ; and \ttab".into(),
                ),
                attributes: BTreeMap::from([
                    ("Region".into(), "EMEA".into()),
                    ("Cost centre".into(), "4410".into()),
                ]),
                position: Some(Position {
                    x: 0.1,
                    y: 1e-7,
                    pinned: false,
                }),
                ..person("p1", "Zoë Ångström-Núñez")
            },
            PersonData {
                title: Some("CFO".into()),
                department: Some("IT Security".into()),
                stance: Some(Stance::Supporter),
                power: Some(5),
                interest: Some(2),
                decision_maker: Some(true),
                notes: Some("  leading and trailing spaces  ".into()),
                attributes: BTreeMap::from([("Region".into(), "APAC".into())]),
                ..person("p2", "王芳")
            },
            PersonData {
                title: Some("مدير تقنية المعلومات".into()),
                department: Some("IT".into()),
                stance: Some(Stance::Blocker),
                power: Some(4),
                interest: Some(1),
                position: Some(Position {
                    x: -300.0,
                    y: 42.0,
                    pinned: true,
                }),
                ..person("id, with \"quotes\"", "سارة العلي")
            },
            PersonData {
                stance: Some(Stance::Sceptic),
                ..person("p4", "O'Brien, Pat")
            },
        ],
        ties: vec![
            advocate_core::data::TieData {
                from: "p1".into(),
                to: "p2".into(),
                kind: "coffee buddy".into(),
                strength: Some(0.33),
                notes: Some("met at \"the\" offsite,\nstill in touch".into()),
                ..Default::default()
            },
            advocate_core::data::TieData {
                from: "p2".into(),
                to: "id, with \"quotes\"".into(),
                kind: "line manager".into(),
                ..Default::default()
            },
            advocate_core::data::TieData {
                from: "p4".into(),
                to: "p1".into(),
                kind: "board ally".into(),
                strength: Some(0.8),
                ..Default::default()
            },
        ],
        engagements: vec![
            advocate_core::data::EngagementData {
                person: "p2".into(),
                date: "2026-09-01".into(),
                action: "met".into(),
                summary: "Coffee, then \"numbers\"\non the cost".into(),
                stance_after: Some(Stance::Sceptic),
                ..Default::default()
            },
            advocate_core::data::EngagementData {
                person: "p2".into(),
                date: "2026-10-12".into(),
                action: "piloted".into(),
                summary: String::new(),
                stance_after: Some(Stance::Supporter),
                ..Default::default()
            },
            advocate_core::data::EngagementData {
                person: "id, with \"quotes\"".into(),
                date: "2026-10-13".into(),
                action: "emailed".into(),
                summary: "no reply".into(),
                stance_after: None,
                ..Default::default()
            },
        ],
        home: Some(GroupData {
            people: vec!["p1".into()],
            department: None,
        }),
        goal: Some(GoalData {
            initiative: "Mobile learning rollout".into(),
            audience: GroupData {
                people: vec!["p2".into(), "id, with \"quotes\"".into()],
                department: Some("IT".into()),
            },
        }),
        ..MapData::default()
    };
    file.merge(&data, MergeMode::AllOrNothing, "Build").unwrap();
    let p4 = file.map().find_person("p4").unwrap().id;
    file.set_positions(&[(
        Node::Person(p4),
        Position {
            x: 1.0,
            y: 2.0,
            pinned: false,
        },
    )])
    .unwrap();
    file
}

#[test]
fn csv_export_imported_into_a_new_map_gives_back_the_same_map() {
    let dir = tempfile::tempdir().unwrap();
    let original = everything(dir.path());
    let out = dir.path().join("export");
    let files = write_csv(original.map(), &out, Redact::None).unwrap();
    assert_eq!(
        files
            .iter()
            .map(|f| f.file_name().unwrap().to_str().unwrap())
            .collect::<Vec<_>>(),
        CSV_FILES.to_vec()
    );
    let people = fs::read_to_string(out.join("people.csv")).unwrap();
    assert!(people.starts_with("\u{feff}id,name,title,department,stance,power,interest,decision_maker,tags,notes,x,y,pinned,Cost centre,Region\n"), "{people}");
    let mut copy = MapFile::create(&dir.path().join("copy.advocate"), "Other name").unwrap();
    // A new map has no people, so the export's map name is taken.
    let report = import_files(&mut copy, &files, &STRICT).unwrap();
    assert!(report.rejected.is_empty());
    let a = MapData::from_map(original.map());
    let b = MapData::from_map(copy.map());
    assert_eq!(b, a);
    assert_eq!(copy.map().name, "Mobile learning ✓");
    // And once more: the copy's export is byte for byte the original's.
    let again = dir.path().join("again");
    write_csv(copy.map(), &again, Redact::None).unwrap();
    for name in CSV_FILES {
        assert_eq!(
            fs::read(out.join(name)).unwrap(),
            fs::read(again.join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn json_export_imported_into_a_new_map_gives_back_the_same_map() {
    let dir = tempfile::tempdir().unwrap();
    let original = everything(dir.path());
    let path = dir.path().join("map.json");
    write_json(original.map(), &path, Redact::None).unwrap();
    let mut copy = MapFile::create(&dir.path().join("copy.advocate"), "Other").unwrap();
    import_files(&mut copy, &[path], &STRICT).unwrap();
    assert_eq!(
        MapData::from_map(copy.map()),
        MapData::from_map(original.map())
    );
}
