//! `export::write`, the one export every shell calls: each format, JSON and the CSV tables
//! included, written where it is asked, with the deck's analysis worked out by the core.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::Read;

use advocate_core::export::{self, ExportOptions, Format, Redact};
use advocate_core::formats::csv::CSV_FILES;
use support::*;

#[test]
fn every_format_is_written_by_one_call() {
    let m = build(&advocate_core::demo::demo());
    let map = m.map();
    let dir = tempfile::tempdir().unwrap();
    for format in Format::ALL {
        let target = match format.extension() {
            Some(ext) => dir.path().join(format!("map.{ext}")),
            None => dir.path().join("tables"),
        };
        let written = export::write(map, format, &ExportOptions::default(), &target).unwrap();
        match format {
            Format::Csv => {
                let names: Vec<_> = written
                    .iter()
                    .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                    .collect();
                assert_eq!(names, CSV_FILES);
                assert!(written.iter().all(|p| p.starts_with(&target)));
            }
            _ => {
                assert_eq!(written, vec![target.clone()], "{format:?}");
                assert!(
                    std::fs::metadata(&target).unwrap().len() > 100,
                    "{format:?}"
                );
            }
        }
        assert_eq!(Format::from_name(format.name()), Ok(format));
    }
    // The JSON file is what `render` gives, and redaction reaches it.
    let json = dir.path().join("r.json");
    let redacted = ExportOptions {
        redact: Redact::Initials,
        ..ExportOptions::default()
    };
    export::write(map, Format::Json, &redacted, &json).unwrap();
    let text = std::fs::read_to_string(&json).unwrap();
    assert!(!text.contains("Henrik Johansson"));
    assert_eq!(
        text.into_bytes(),
        export::render(map, Format::Json, &redacted, &Default::default()).unwrap()
    );
    // The deck carries the core's analysis, worked out by `write` itself.
    let deck = std::fs::File::open(dir.path().join("map.pptx")).unwrap();
    let mut zip = zip::ZipArchive::new(deck).unwrap();
    let mut slides = String::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        if entry.name().unwrap().starts_with("ppt/slides/slide") {
            entry.read_to_string(&mut slides).unwrap();
        }
    }
    assert!(
        slides.contains("Who is best placed to speak for us") && slides.contains("Best paths"),
        "the deck has the core's ranking and paths"
    );
    // A folder without an extension takes the CSV tables; a name without one, nothing.
    assert_eq!(
        Format::from_extension(&dir.path().join("tables")),
        Some(Format::Csv)
    );
    assert!(
        export::render(
            map,
            Format::Csv,
            &ExportOptions::default(),
            &Default::default()
        )
        .unwrap_err()
        .contains("folder")
    );
}
