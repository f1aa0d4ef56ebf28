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
        paths: vec![PathRow {
            to_name: people[3].name.clone(),
            people_names: people.iter().map(|p| p.name.clone()).collect(),
            reliability: 0.12,
        }],
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
    assert!(!svg.contains(">Maximiliane Alexandra von Hohenzollern-Sigmaringen</tspan>"));
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
    assert_eq!(
        slide1.matches(r#"<a:prstGeom prst="ellipse">"#).count() >= 40,
        true
    );
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
