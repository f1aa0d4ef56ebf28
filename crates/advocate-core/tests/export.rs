//! The export formats: SVG, PNG, PDF, PPTX, GraphML and GEXF written from a map built in a
//! temporary map file; redaction; Unicode names; reading GraphML and GEXF back; and the files
//! opened by the tools users open them with (networkx, LibreOffice, poppler).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use advocate_core::data::MapData;
use advocate_core::export::{self, ExportOptions, Format, Page, Redact, SlideExtras};
use advocate_core::model::{Map, Position, Stance};
use advocate_core::store::MapFile;
use support::*;

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
    // Percentages, with enough digits to defend the order (0.42 → 42.00%).
    assert!(slide2.contains("<a:t>42.00%</a:t>"), "{slide2}");
    assert!(slide2.contains("<a:t>70.0%</a:t>"));
    assert!(slide2.contains("<a:t>100%</a:t>"));
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
    // Every format of one file (the CSV tables are several: tests/export_write.rs).
    for format in Format::ALL.into_iter().filter(|f| f.extension().is_some()) {
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
        .filter(|p| {
            p.position
                .is_some_and(|q| (-180.0..380.0).contains(&q.x) && (-180.0..280.0).contains(&q.y))
        })
        .map(|p| p.name.clone())
        .collect();
    let outside: Vec<String> = m
        .map()
        .people()
        .filter(|p| {
            p.position
                .is_some_and(|q| q.x > 500.0 || q.y > 400.0 || q.x < -300.0 || q.y < -300.0)
        })
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

#[test]
fn the_bundled_demo_marks_its_audience_and_home_team_and_says_so_in_the_legend() {
    let m = build(&advocate_core::demo::demo());
    let scene = advocate_core::export::drawing::scene(m.map(), &ExportOptions::default());
    let audience = m.map().audience();
    let home = m.map().members(&m.map().home);
    assert!(!audience.is_empty() && !home.is_empty());
    for p in &scene.people {
        assert_eq!(p.audience, audience.contains(&p.id), "{}", p.full_label);
        assert_eq!(p.home, home.contains(&p.id), "{}", p.full_label);
    }
    assert!(scene.legend.audience && scene.legend.home);
    let svg = String::from_utf8(render(m.map(), Format::Svg, &ExportOptions::default())).unwrap();
    assert!(svg.contains(">Audience of the goal</text>"));
    assert!(svg.contains(">Home team</text>"));
    // One dashed ring per audience member, one square badge per home-team member.
    let rings = svg
        .split("<circle ")
        .filter(|c| {
            c.starts_with("cx=")
                && c.contains("fill=\"none\"")
                && c.split("/>")
                    .next()
                    .unwrap_or("")
                    .contains("stroke-dasharray")
        })
        .count();
    assert_eq!(rings, audience.len());
    let badges = svg
        .split("<rect ")
        .filter(|r| {
            r.split("/>")
                .next()
                .unwrap_or("")
                .contains("stroke=\"#FFFFFF\"")
        })
        .count();
    assert_eq!(badges, home.len());
}
