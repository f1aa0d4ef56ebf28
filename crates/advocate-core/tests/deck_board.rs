//! The deck's Board slide: the board of advocates the core chooses, worked out inside
//! `export::write`, with each member's recruitment chance and reach, the expected reach and the
//! seats; editable tables; names hidden in a redacted deck; and opened by LibreOffice.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::Read;
use std::path::Path;
use std::process::Command;

use advocate_core::analysis::Progress;
use advocate_core::analysis::coalition::{CoalitionQuery, coalition};
use advocate_core::export::{self, DECK_BOARD, ExportOptions, Format, Redact, SlideExtras};
use support::*;

fn parts(deck: &Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(deck).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).unwrap();
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            (entry.name().unwrap().to_string(), text)
        })
        .collect()
}

fn part<'a>(parts: &'a [(String, String)], name: &str) -> Option<&'a str> {
    parts
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, t)| t.as_str())
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[test]
fn the_deck_has_a_board_slide_with_chances_reach_and_seats() {
    let m = build(&advocate_core::demo::demo());
    let map = m.map();
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.pptx");
    export::write(map, Format::Pptx, &ExportOptions::default(), &deck).unwrap();
    let parts = parts(&deck);
    let slide = part(&parts, "ppt/slides/slide4.xml").expect("a fourth slide");
    assert!(slide.contains("<a:t>Board of advocates</a:t>"));

    // The board is the core's own: the same people, in the same order, with their chances.
    let board = coalition(map, &CoalitionQuery::new(DECK_BOARD), &Progress::new()).unwrap();
    assert!(!board.board.is_empty());
    let mut at = 0;
    for member in &board.board {
        let name = format!("<a:t>{}</a:t>", xml(&member.name));
        let found = slide[at..]
            .find(&name)
            .unwrap_or_else(|| panic!("{} is not on the slide in order", member.name));
        at += found + name.len();
        let chance = format!("{:.1}% ({})", 100.0 * member.recruitment, member.stance);
        assert!(slide.contains(&chance), "{chance} missing");
    }
    let reach = format!(
        "Expected reach {:.1}% of the audience",
        100.0 * board.expected_reach
    );
    assert!(slide.contains(&reach), "{reach} missing");
    // Nobody from the audience sits on the demo's board.
    for key in &board.audience {
        assert!(board.board.iter().all(|b| &b.id != key));
    }

    // Every seat has a row, and an open one names its best candidate and what they change.
    for label in [
        "Our own leader",
        "Executive sponsor",
        "IT partner",
        "Communications or marketing",
    ] {
        assert!(slide.contains(&format!("<a:t>{label}</a:t>")), "{label}");
    }
    let open = board
        .seats
        .iter()
        .find_map(|s| s.best_candidate.as_ref().filter(|_| s.filled_by.is_empty()))
        .expect("the demo's board leaves a seat open");
    assert!(slide.contains(&format!("<a:t>open: {}</a:t>", xml(&open.name))));
    if open.adds >= 0.0005 {
        assert!(slide.contains(&format!("→ {:.1}%", 100.0 * open.reach_with)));
    } else {
        assert!(slide.contains("almost nothing: reach stays"));
    }

    // Editable: tables of text, like the ranking slide, not a picture.
    assert_eq!(slide.matches("<a:tbl>").count(), 2);
    assert!(!slide.contains("<p:pic>"));

    // The notes explain the model and each member.
    let notes = part(&parts, "ppt/notesSlides/notesSlide4.xml").unwrap();
    assert!(notes.contains("access × willingness"));
    for member in &board.board {
        assert!(notes.contains(&format!("{}: recruited at", xml(&member.name))));
    }
    assert!(notes.contains(&xml(&open.name)));
    // The campaign's slides come after the board.
    assert!(
        part(&parts, "ppt/slides/slide5.xml").is_some_and(|s| !s.contains("Board of advocates"))
    );
}

#[test]
fn a_redacted_board_slide_names_nobody() {
    let m = build(&advocate_core::demo::demo());
    let map = m.map();
    let names: Vec<String> = map.people().map(|p| p.name.clone()).collect();
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.pptx");
    let options = ExportOptions {
        redact: Redact::Initials,
        ..ExportOptions::default()
    };
    export::write(map, Format::Pptx, &options, &deck).unwrap();
    let parts = parts(&deck);
    let slide = part(&parts, "ppt/slides/slide4.xml").unwrap();
    assert!(slide.contains("Board of advocates"));
    for name in &names {
        assert!(
            !slide.contains(&format!(">{}<", xml(name))) && !slide.contains(&xml(name)),
            "the redacted board slide shows {name}"
        );
    }
    assert!(!parts.iter().any(|(n, _)| n.contains("notesSlide")));
}

#[test]
fn a_map_without_a_home_team_has_no_board_slide() {
    let mut data = advocate_core::demo::demo();
    data.home = None;
    let m = build(&data);
    let extras = SlideExtras::for_map(m.map(), 10);
    assert!(extras.board.is_none());
    let deck = export::render(m.map(), Format::Pptx, &ExportOptions::default(), &extras).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deck.pptx");
    std::fs::write(&path, deck).unwrap();
    for (name, text) in parts(&path) {
        assert!(!text.contains("Board of advocates"), "{name} has a board");
    }
}

#[test]
fn libreoffice_opens_the_board_slide() {
    let m = build(&advocate_core::demo::demo());
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.pptx");
    export::write(m.map(), Format::Pptx, &ExportOptions::default(), &deck).unwrap();
    let profile = dir.path().join("lo-profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&deck)
        .output()
        .expect(
            "soffice is missing: this test needs it (Debian: apt-get install libreoffice-impress)",
        );
    let pdf = dir.path().join("deck.pdf");
    assert!(
        pdf.exists(),
        "LibreOffice did not convert the deck: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if let Ok(keep) = std::env::var("ADVOCATE_EXPORT_PREVIEW") {
        std::fs::copy(&pdf, Path::new(&keep).join("deck-board.pdf")).unwrap();
    }
    let slides = parts(&deck)
        .iter()
        .filter(|(n, _)| n.starts_with("ppt/slides/slide"))
        .count();
    assert!(slides >= 4);
    let info = Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo (poppler-utils)");
    assert!(
        String::from_utf8_lossy(&info.stdout).contains(&format!("Pages:           {slides}\n")),
        "LibreOffice does not show the {slides} slides"
    );
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let board = coalition(m.map(), &CoalitionQuery::new(DECK_BOARD), &Progress::new()).unwrap();
    assert!(text.contains("Board of advocates"), "{text}");
    assert!(text.contains("IT partner"), "{text}");
    for member in &board.board {
        assert!(
            text.contains(&member.name),
            "{} missing: {text}",
            member.name
        );
    }
}
