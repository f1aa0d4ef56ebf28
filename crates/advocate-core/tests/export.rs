//! The export formats: SVG, PNG, PDF, PPTX, GraphML and GEXF written from a map built in a
//! temporary map file; redaction; Unicode names; reading GraphML and GEXF back; and the files
//! opened by the tools users open them with (networkx, LibreOffice, poppler).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use advocate_core::data::{DepartmentData, GoalData, GroupData, MapData, PersonData, TieData};
use advocate_core::export::{
    self, ExportOptions, Format, Page, PathRow, RankRow, Redact, SlideExtras,
};
use advocate_core::model::{Map, Position, Stance};
use advocate_core::store::{MapFile, MergeMode};

const DEPARTMENTS: [&str; 6] = ["L&D", "IT", "Finance", "Marketing", "Operations", "HR"];
const FIRST: [&str; 12] = [
    "Asha", "Tom", "Maria", "Kenji", "Fatima", "Lars", "Chloé", "Ivan", "Priya", "Owen", "Zoë",
    "Sam",
];
const LAST: [&str; 8] = [
    "Patel", "Reed", "García", "Sato", "Haddad", "Nilsson", "Dubois", "Novak",
];

/// A map of about 40 people in six departments, with Unicode, right-to-left and markup names.
fn demo_data(people: usize) -> MapData {
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

struct TestMap {
    _dir: tempfile::TempDir,
    file: MapFile,
}

impl TestMap {
    fn map(&self) -> &Map {
        self.file.map()
    }
}

fn build(data: &MapData) -> TestMap {
    let dir = tempfile::tempdir().unwrap();
    let mut file = MapFile::create(&dir.path().join("m.advocate"), "Mobile learning").unwrap();
    file.merge(data, MergeMode::AllOrNothing, "test map")
        .unwrap();
    TestMap { _dir: dir, file }
}

fn demo() -> TestMap {
    build(&demo_data(40))
}

fn render(map: &Map, format: Format, options: &ExportOptions) -> Vec<u8> {
    export::render(map, format, options, &extras(map)).unwrap()
}

fn extras(map: &Map) -> SlideExtras {
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
    }
}

/// Where previews go when `ADVOCATE_EXPORT_PREVIEW` names a folder (for looking at them).
fn preview(name: &str, bytes: &[u8]) {
    if let Ok(dir) = std::env::var("ADVOCATE_EXPORT_PREVIEW") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(Path::new(&dir).join(name), bytes).unwrap();
    }
}

#[test]
fn svg_has_every_person_tie_legend_and_title() {
    let m = demo();
    let svg = String::from_utf8(render(m.map(), Format::Svg, &ExportOptions::default())).unwrap();
    preview("demo.svg", svg.as_bytes());
    assert!(svg.starts_with("<?xml"));
    assert_eq!(svg.matches("<g id=\"person-").count(), 40);
    assert_eq!(svg.matches("<line x1=").count() - 5, m.map().ties().count());
    assert!(svg.contains("Mobile learning rollout"));
    for caption in ["Champion", "Supporter", "Neutral", "Sceptic", "Blocker"] {
        assert!(svg.contains(caption), "legend lacks {caption}");
    }
    assert!(svg.contains("王小明"));
    assert!(svg.contains("فاطمة الزهراء"));
    // Markup in names is escaped, never live.
    assert!(!svg.contains("<script>"));
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
    // The long name is wrapped or shortened in the label, and kept whole in the tooltip.
    assert!(svg.contains("<title>Maximiliane Alexandra von Hohenzollern-Sigmaringen —"));
    assert!(!svg.contains(">Maximiliane Alexandra von Hohenzollern-Sigmaringen</text>"));
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}

#[test]
fn png_at_a_size_or_a_resolution() {
    let m = demo();
    let png = render(m.map(), Format::Png, &ExportOptions::default());
    preview("demo.png", &png);
    assert_eq!(png_size(&png), (1920, 1080));
    let sized = ExportOptions {
        size: Some((800, 600)),
        transparent: true,
        ..ExportOptions::default()
    };
    let png = render(m.map(), Format::Png, &sized);
    assert_eq!(png_size(&png), (800, 600));
    let dpi = ExportOptions {
        dpi: Some(100.0),
        page: Some(Page::A4),
        ..ExportOptions::default()
    };
    assert_eq!(png_size(&render(m.map(), Format::Png, &dpi)), (1169, 827));
}

#[test]
fn pdf_is_one_vector_page_of_the_chosen_size() {
    let m = demo();
    let pdf = render(m.map(), Format::Pdf, &ExportOptions::default());
    preview("demo.pdf", &pdf);
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("/MediaBox [0 0 841.89 595.28]"),
        "A4 landscape by default"
    );
    let letter = ExportOptions {
        page: Some(Page::Letter),
        ..ExportOptions::default()
    };
    let pdf = render(m.map(), Format::Pdf, &letter);
    assert!(String::from_utf8_lossy(&pdf).contains("/MediaBox [0 0 792 612]"));
}

/// The parts of a PPTX (a zip), by name.
fn pptx_part(bytes: &[u8], name: &str) -> Option<String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut file = zip.by_name(name).ok()?;
    let mut s = String::new();
    file.read_to_string(&mut s).unwrap();
    Some(s)
}

fn pptx_names(bytes: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    zip.file_names().map(|n| n.unwrap().into_owned()).collect()
}

#[test]
fn pptx_map_slide_has_native_shapes_and_the_tables_and_notes() {
    let m = demo();
    let pptx = render(m.map(), Format::Pptx, &ExportOptions::default());
    preview("demo.pptx", &pptx);
    let slide1 = pptx_part(&pptx, "ppt/slides/slide1.xml").unwrap();
    assert!(slide1.matches(r#"<a:prstGeom prst="ellipse">"#).count() >= 40);
    assert_eq!(
        slide1.matches("<p:cxnSp>").count(),
        m.map().ties().count() + 5,
        "one connector per tie plus the legend's kinds"
    );
    assert!(slide1.contains(r#"<a:tailEnd type="triangle""#));
    assert!(slide1.contains("<a:t>Asha Patel</a:t>"));
    assert!(slide1.contains("王小明"));
    assert!(slide1.contains("&lt;script&gt;"));
    assert!(!slide1.contains("<script>"));
    assert!(slide1.contains("<a:t>Champion</a:t>"));
    let slide2 = pptx_part(&pptx, "ppt/slides/slide2.xml").unwrap();
    assert!(slide2.contains("<a:tbl>"));
    assert!(slide2.contains("<a:t>Willingness</a:t>"));
    assert!(slide2.contains("<a:t>0.42</a:t>"));
    let slide3 = pptx_part(&pptx, "ppt/slides/slide3.xml").unwrap();
    assert!(slide3.contains("Asha Patel → 王小明"));
    assert!(slide3.contains("<a:t>12%</a:t>"));
    let notes = pptx_part(&pptx, "ppt/notesSlides/notesSlide2.xml").unwrap();
    assert!(notes.contains("Access"));
    // Every XML part is well-formed.
    for name in pptx_names(&pptx) {
        let text = pptx_part(&pptx, &name).unwrap();
        let mut reader = quick_xml::Reader::from_str(&text);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed: {e}"),
            }
        }
    }
}

fn tool(name: &str, package: &str) -> PathBuf {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .unwrap();
    assert!(
        found.status.success(),
        "{name} is missing: this test needs it (Debian: apt-get install {package})"
    );
    PathBuf::from(String::from_utf8(found.stdout).unwrap().trim())
}

/// Converts a PPTX to PDF with LibreOffice, as a user opening it would.
fn libreoffice_pdf(pptx: &[u8], dir: &Path) -> PathBuf {
    let soffice = tool("soffice", "libreoffice-impress");
    let input = dir.join("deck.pptx");
    std::fs::write(&input, pptx).unwrap();
    let profile = dir.join("lo-profile");
    let out = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(&input)
        .output()
        .unwrap();
    let pdf = dir.join("deck.pdf");
    assert!(
        pdf.exists(),
        "LibreOffice did not convert the deck: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

fn pdf_pages(pdf: &Path) -> usize {
    let out = Command::new(tool("pdfinfo", "poppler-utils"))
        .arg(pdf)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&out.stdout);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo gave no page count: {info}"))
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new(tool("pdftotext", "poppler-utils"))
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn libreoffice_opens_the_deck_as_three_slides_with_the_names() {
    let m = demo();
    let pptx = render(m.map(), Format::Pptx, &ExportOptions::default());
    let dir = tempfile::tempdir().unwrap();
    let pdf = libreoffice_pdf(&pptx, dir.path());
    if let Ok(keep) = std::env::var("ADVOCATE_EXPORT_PREVIEW") {
        std::fs::copy(&pdf, Path::new(&keep).join("deck.pdf")).unwrap();
    }
    assert_eq!(pdf_pages(&pdf), 3);
    let text = pdf_text(&pdf);
    assert!(text.contains("Asha Patel"), "the deck's text: {text}");
    assert!(text.contains("Advocates"));
    assert!(text.contains("Best paths"));
}

#[test]
fn the_pdf_export_holds_names_as_text() {
    let m = demo();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.pdf");
    export::export(
        m.map(),
        Format::Pdf,
        &ExportOptions::default(),
        &SlideExtras::default(),
        &path,
    )
    .unwrap();
    assert_eq!(pdf_pages(&path), 1);
    let text = pdf_text(&path);
    assert!(text.contains("Asha Patel"), "{text}");
    assert!(text.contains("Mobile learning rollout"));
}

/// The demo map with stored positions for some people and an imported column.
fn rich_data() -> MapData {
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
    data
}

fn names_in(map: &Map) -> Vec<String> {
    map.people().map(|p| p.name.clone()).collect()
}

/// No name appears in `text`, as it is or escaped for XML.
fn assert_names_nowhere(text: &str, names: &[String], what: &str) {
    for name in names {
        let escaped = name
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(
            !text.contains(name.as_str()) && !text.contains(&escaped),
            "{what} shows {name:?}"
        );
    }
}

#[test]
fn redacted_exports_hold_no_name_and_no_notes() {
    let m = build(&rich_data());
    let names = names_in(m.map());
    let mut options = ExportOptions {
        redact: Redact::Titles,
        highlight_path: m.map().people().take(3).map(|p| p.id).collect(),
        ..ExportOptions::default()
    };
    for redact in [Redact::Titles, Redact::Initials] {
        options.redact = redact;
        for format in [Format::Svg, Format::Graphml, Format::Gexf] {
            let bytes = render(m.map(), format, &options);
            let text = String::from_utf8(bytes).unwrap();
            assert_names_nowhere(&text, &names, &format!("{format:?} {redact:?}"));
            assert!(!text.contains("secret note"), "{format:?} has notes");
            assert!(!text.contains("Site 3"), "{format:?} has imported columns");
        }
        let pptx = render(m.map(), Format::Pptx, &options);
        assert!(
            !pptx_names(&pptx).iter().any(|n| n.contains("notesSlide")),
            "a redacted deck has no speaker notes"
        );
        for part in pptx_names(&pptx) {
            let text = pptx_part(&pptx, &part).unwrap();
            assert_names_nowhere(&text, &names, &format!("{part} ({redact:?})"));
        }
    }
    let svg = String::from_utf8(render(m.map(), Format::Svg, &options)).unwrap();
    assert!(svg.contains(">A.P.</text>"), "initials replace names");
    options.redact = Redact::Titles;
    let svg = String::from_utf8(render(m.map(), Format::Svg, &options)).unwrap();
    assert!(svg.contains(">Role 0 lead</text>"), "titles replace names");
}

#[test]
fn highlights_mark_the_path_and_the_board() {
    let m = demo();
    let ids: Vec<_> = m.map().people().map(|p| p.id).collect();
    let options = ExportOptions {
        highlight_path: vec![ids[0], ids[3]],
        highlight_board: vec![ids[5], ids[6]],
        title: Some("Steering group".into()),
        subtitle: Some("March".into()),
        ..ExportOptions::default()
    };
    let svg = String::from_utf8(render(m.map(), Format::Svg, &options)).unwrap();
    preview("highlight.svg", svg.as_bytes());
    preview("highlight.png", &render(m.map(), Format::Png, &options));
    assert!(
        svg.contains("url(#arrow-path)"),
        "the path's tie is drawn bold"
    );
    assert!(svg.contains(">Best path</text>"));
    assert!(svg.contains(">Board of advocates</text>"));
    assert!(svg.contains(">Steering group</text>"));
    assert!(svg.contains(">March</text>"));
}

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
            Format::Graphml => export::graphml::read_graphml(&text, "map.graphml"),
            _ => export::gexf::read_gexf(&text, "map.gexf"),
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
    let data = export::graphml::read_graphml(graphml, "yed.graphml").unwrap();
    assert_eq!(data.people[0].name, "Ann Lee");
    assert_eq!(data.people[0].department.as_deref(), Some("IT"));
    assert_eq!(data.ties.len(), 2, "an undirected edge sways both ways");
    assert_eq!(data.ties[0].strength, Some(0.4));
    let gexf = r#"<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed">
      <nodes><node id="a" label="Ann"/><node id="b" label="Bo"><viz:position xmlns:viz="http://gexf.net/1.3/viz" x="3" y="4"/></node></nodes>
      <edges><edge source="a" target="b" weight="0.7" label="mentor"/></edges></graph></gexf>"#;
    let data = export::gexf::read_gexf(gexf, "gephi.gexf").unwrap();
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
    let err = export::graphml::read_graphml(
        "<graphml>\n<graph>\n<node id=\"a\">\n</graph>\n</graphml>",
        "bad.graphml",
    )
    .unwrap_err();
    assert!(err.starts_with("bad.graphml line 4:"), "{err}");
    let err = export::gexf::read_gexf("<gexf>\n<graph>\n<nodes>\n<node id=\"a\" label=\"x\"/>\n<node id=\"a\"/>\n</nodes></graph></gexf>", "dup.gexf").unwrap_err();
    assert!(
        err.contains("dup.gexf line 5") && err.contains("twice"),
        "{err}"
    );
    let err = export::graphml::read_graphml(
        "<graphml><key id=\"s\" for=\"node\" attr.name=\"stance\"/><graph>\n<node id=\"a\"><data key=\"s\">fan</data></node></graph></graphml>",
        "s.graphml",
    )
    .unwrap_err();
    assert!(
        err.contains("s.graphml line 2") && err.contains("fan"),
        "{err}"
    );
    let err = export::gexf::read_gexf("<svg/>", "x.gexf").unwrap_err();
    assert!(err.contains("not GEXF"), "{err}");
}

#[test]
fn formats_by_name_and_extension() {
    assert_eq!(Format::from_name("SVG"), Ok(Format::Svg));
    assert_eq!(Format::from_name(".gexf"), Ok(Format::Gexf));
    assert!(Format::from_name("docx").unwrap_err().contains("pptx"));
    assert_eq!(
        Format::from_extension(Path::new("out/map.graphml")),
        Some(Format::Graphml)
    );
    assert_eq!(Format::from_extension(Path::new("map")), None);
    assert_eq!(Page::from_name("16:9"), Ok(Page::Widescreen));
    assert_eq!(Redact::from_name("Initials"), Ok(Redact::Initials));
}

#[test]
fn an_empty_map_and_a_map_of_one_still_export() {
    let empty = build(&MapData::default());
    for format in Format::ALL {
        assert!(!render(empty.map(), format, &ExportOptions::default()).is_empty());
    }
    let one = build(&demo_data(1));
    let svg = String::from_utf8(render(one.map(), Format::Svg, &ExportOptions::default())).unwrap();
    assert!(svg.contains("Asha Patel"));
}

#[test]
fn a_stored_layout_that_mixes_departments_gets_halos_instead_of_blocks() {
    let mut data = demo_data(40);
    for (i, p) in data.people.iter_mut().enumerate() {
        // Scattered: each department spans the whole drawing.
        p.position = Some(Position {
            x: ((i * 37) % 100) as f64 * 10.0,
            y: ((i * 53) % 60) as f64 * 10.0,
            pinned: false,
        });
    }
    let m = build(&data);
    let svg = String::from_utf8(render(m.map(), Format::Svg, &ExportOptions::default())).unwrap();
    preview("scattered.svg", svg.as_bytes());
    preview(
        "scattered.png",
        &render(m.map(), Format::Png, &ExportOptions::default()),
    );
    assert_eq!(svg.matches(r#"fill-opacity="0.35""#).count(), 40);
    assert!(svg.contains(r#"font-weight="bold">Department</text>"#));
    assert!(!svg.contains("<title>Finance</title><rect"));
}

#[test]
fn nodes_are_sized_by_power_or_by_a_given_influence_score() {
    let m = demo();
    let map = m.map();
    let scene = export::drawing::scene(map, &ExportOptions::default());
    let radius = |scene: &export::drawing::Scene, key: &str| {
        let id = map.person_by_key(key).unwrap().id;
        scene.people.iter().find(|p| p.id == id).unwrap().r
    };
    // p4 has power 5, p0 power 1.
    assert!(radius(&scene, "p4") > radius(&scene, "p0") * 1.5);
    let mut scores = std::collections::HashMap::new();
    scores.insert(map.person_by_key("p0").unwrap().id, 1.0);
    let by_influence = ExportOptions {
        influence: Some(scores),
        ..ExportOptions::default()
    };
    let scene = export::drawing::scene(map, &by_influence);
    assert!(radius(&scene, "p0") > radius(&scene, "p4") * 1.5);
    assert_eq!(scene.legend.size_caption, "Size: influence");
    // The stance palette is one table, in the legend's order.
    assert_eq!(
        scene.legend.stances[0],
        (
            Stance::Champion,
            export::drawing::stance_colour(Stance::Champion)
        )
    );
}

/// A redacted JSON or CSV export of the demo map says nothing of who people are (no name, id,
/// note, tag, imported column or engagement summary), yet imports into a map with the same
/// network: the same stances, ties and strengths.
#[test]
fn redacted_json_and_csv_hide_who_people_are_and_import_to_the_same_network() {
    use advocate_core::export::tabular::{redacted, write_csv, write_json};
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

/// Exporting a view draws the people inside the rectangle, fitted to the page, and no one else.
#[test]
fn a_view_draws_only_the_people_inside_it() {
    use advocate_core::export::View;
    let dir = tempfile::tempdir().unwrap();
    let m =
        MapFile::create_from(&dir.path().join("d.advocate"), &advocate_core::demo::demo()).unwrap();
    let inside: Vec<String> = m
        .map()
        .people()
        .filter(|p| p.position.is_some_and(|q| q.x < 400.0 && q.y < 300.0))
        .map(|p| p.name.clone())
        .collect();
    let outside: Vec<String> = m
        .map()
        .people()
        .filter(|p| p.position.is_some_and(|q| q.x > 500.0 || q.y > 400.0))
        .map(|p| p.name.clone())
        .collect();
    assert!(inside.len() >= 5 && outside.len() >= 5);
    let options = ExportOptions {
        view: Some(View::new(400.0, 300.0, -200.0, -200.0).unwrap()),
        ..ExportOptions::default()
    };
    let svg = String::from_utf8(render(m.map(), Format::Svg, &options)).unwrap();
    preview("view.svg", svg.as_bytes());
    for name in &inside {
        assert!(
            svg.contains(&format!("<title>{name}")),
            "{name} is in the view"
        );
    }
    for name in &outside {
        assert!(
            !svg.contains(&format!("<title>{name}")),
            "{name} is outside the view"
        );
    }
    assert!(View::new(1.0, 2.0, 1.0, 5.0).is_err());
    assert!(View::new(f64::NAN, 2.0, 1.0, 5.0).is_err());
}

/// Sizes and resolutions an image cannot have are refused with a message saying the range.
#[test]
fn export_options_out_of_range_are_refused() {
    let too_big = ExportOptions {
        size: Some((20_001, 100)),
        ..ExportOptions::default()
    };
    assert_eq!(
        too_big.check().unwrap_err(),
        "20001 × 100 pixels is not a size an image can have: give each side from 1 to 20000"
    );
    let no_dots = ExportOptions {
        dpi: Some(0.0),
        ..ExportOptions::default()
    };
    assert!(
        no_dots
            .check()
            .unwrap_err()
            .contains("choose from 1 to 2400")
    );
    let nan = ExportOptions {
        dpi: Some(f32::NAN),
        ..ExportOptions::default()
    };
    assert!(nan.check().is_err());
    let fine = ExportOptions {
        size: Some((3840, 2160)),
        dpi: Some(300.0),
        ..ExportOptions::default()
    };
    assert_eq!(fine.check(), Ok(()));
}
