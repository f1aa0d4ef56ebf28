//! Saved views: kept in the map file and undoable like every edit, reordered, checked (a path
//! naming nobody, a caption of two lines, a board of none, an unknown layout), carried by the
//! JSON format and merged by id, only counted in a redacted export, brought in from a
//! colleague's copy, and drawn as the deck's last slides with their captions and highlights.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::Read;

use advocate_core::data::{PersonData, TieData};
use advocate_core::export::{self, ExportOptions, Format, Redact};
use advocate_core::model::{PersonKey, Stance};
use advocate_core::store::{MapFile, MergeMode, ViewDraft, ViewPatch};
use advocate_core::views::{Highlight, Region, ViewData, ViewLayout, resolve};
use advocate_core::{MapData, PersonId};

fn person(key: &str, name: &str, stance: Stance, x: f64) -> PersonData {
    PersonData {
        id: Some(key.into()),
        name: name.into(),
        stance: Some(stance),
        position: Some(advocate_core::Position {
            x,
            y: 0.0,
            pinned: false,
        }),
        ..PersonData::default()
    }
}

fn tie(from: &str, to: &str, strength: f64) -> TieData {
    TieData {
        from: from.into(),
        to: to.into(),
        kind: "peer".into(),
        strength: Some(strength),
        ..TieData::default()
    }
}

/// Four people in a row (x 0, 100, 200, 300): Ana sways Bo sways Cy; Di is a sceptic.
fn small(dir: &std::path::Path) -> MapFile {
    let mut f = MapFile::create(&dir.join("views.advocate"), "Views").unwrap();
    let data = MapData {
        people: vec![
            person("ana", "Ana Reed", Stance::Champion, 0.0),
            person("bo", "Bo Sato", Stance::Supporter, 100.0),
            person("cy", "Cy Novak", Stance::Neutral, 200.0),
            person("di", "Di Park", Stance::Sceptic, 300.0),
        ],
        ties: vec![
            tie("ana", "bo", 0.5),
            tie("bo", "cy", 0.5),
            tie("di", "cy", 0.2),
        ],
        ..MapData::default()
    };
    f.merge(&data, MergeMode::AllOrNothing, "people").unwrap();
    f
}

fn id(f: &MapFile, key: &str) -> PersonId {
    f.map().person_by_key(key).unwrap().id
}

fn captions(f: &MapFile) -> Vec<String> {
    f.views().iter().map(|v| v.caption.clone()).collect()
}

fn path_view(f: &MapFile, caption: &str) -> ViewDraft {
    ViewDraft {
        key: None,
        caption: caption.into(),
        layout: ViewLayout::Department,
        region: Some(Region::new(-50.0, -50.0, 250.0, 50.0).unwrap()),
        highlight: Highlight::Path {
            from: Some(id(f, "ana")),
            to: id(f, "cy"),
            avoid_opposed: false,
        },
    }
}

#[test]
fn views_are_saved_edited_moved_and_removed_as_undoable_steps_kept_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = small(dir.path());
    let first = f.add_view(&path_view(&f, "The way to Cy")).unwrap();
    let second = f
        .add_view(&ViewDraft {
            caption: "Sceptics".into(),
            highlight: Highlight::Stances {
                stances: vec![Stance::Sceptic, Stance::Blocker],
            },
            ..ViewDraft::default()
        })
        .unwrap();
    f.add_view(&ViewDraft {
        key: Some("whole".into()),
        caption: String::new(),
        ..ViewDraft::default()
    })
    .unwrap();
    assert_eq!(captions(&f), ["The way to Cy", "Sceptics", ""]);
    assert_eq!(
        f.views()[2].title(),
        "View 3",
        "an empty caption reads as its place"
    );

    f.move_view(&second, 1).unwrap();
    assert_eq!(captions(&f), ["Sceptics", "The way to Cy", ""]);
    assert_eq!(
        f.views().iter().map(|v| v.position).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    f.edit_view(
        &first,
        &ViewPatch {
            caption: Some("Ana's way to Cy".into()),
            region: Some(None),
            ..ViewPatch::default()
        },
    )
    .unwrap();
    assert_eq!(f.find_view("2").unwrap().caption, "Ana's way to Cy");
    assert_eq!(f.find_view("2").unwrap().region, None);
    f.remove_view("Sceptics").unwrap();
    assert_eq!(captions(&f), ["Ana's way to Cy", ""]);
    assert_eq!(f.views()[1].position, 2, "the views after it move up");

    // Each was one step: undo walks back through them, redo forward again.
    assert_eq!(f.undo().unwrap().unwrap(), "Remove view 1: Sceptics");
    assert_eq!(captions(&f), ["Sceptics", "Ana's way to Cy", ""]);
    f.undo().unwrap();
    assert_eq!(f.find_view(&first).unwrap().caption, "The way to Cy");
    assert!(f.find_view(&first).unwrap().region.is_some());
    f.undo().unwrap();
    assert_eq!(captions(&f), ["The way to Cy", "Sceptics", ""]);
    f.redo().unwrap();
    assert_eq!(captions(&f), ["Sceptics", "The way to Cy", ""]);

    // The file keeps them, highlight, layout and region included.
    let path = f.path().to_path_buf();
    let before = f.views().to_vec();
    drop(f);
    let f = MapFile::open(&path).unwrap();
    assert_eq!(f.views(), before.as_slice());
    let way = f.find_view(&first).unwrap();
    assert_eq!(way.layout, ViewLayout::Department);
    assert_eq!(
        way.highlight,
        Highlight::Path {
            from: Some(id(&f, "ana")),
            to: id(&f, "cy"),
            avoid_opposed: false,
        }
    );
    assert_eq!(f.integrity_check().unwrap(), "ok");
}

#[test]
fn bad_views_are_refused_with_a_clear_message_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = small(dir.path());
    let refused = |f: &mut MapFile, draft: &ViewDraft| f.add_view(draft).unwrap_err().to_string();

    let err = refused(
        &mut f,
        &ViewDraft {
            caption: "two\nlines".into(),
            ..ViewDraft::default()
        },
    );
    assert!(err.contains("a caption is one line"), "{err}");
    let err = refused(
        &mut f,
        &ViewDraft {
            caption: "x".repeat(201),
            ..ViewDraft::default()
        },
    );
    assert!(err.contains("at most 200"), "{err}");
    let err = refused(
        &mut f,
        &ViewDraft {
            highlight: Highlight::Board {
                size: 0,
                include_audience: false,
                balanced: false,
            },
            ..ViewDraft::default()
        },
    );
    assert!(err.contains("choose from 1 to 20"), "{err}");
    let err = refused(
        &mut f,
        &ViewDraft {
            highlight: Highlight::Stances { stances: vec![] },
            ..ViewDraft::default()
        },
    );
    assert!(err.contains("at least one stance"), "{err}");
    let ana = id(&f, "ana");
    let err = refused(
        &mut f,
        &ViewDraft {
            highlight: Highlight::Path {
                from: Some(ana),
                to: ana,
                avoid_opposed: false,
            },
            ..ViewDraft::default()
        },
    );
    assert!(err.contains("two different people"), "{err}");
    let err = refused(
        &mut f,
        &ViewDraft {
            highlight: Highlight::Path {
                from: None,
                to: PersonId(987_654),
                avoid_opposed: false,
            },
            ..ViewDraft::default()
        },
    );
    assert!(err.contains("not on this map"), "{err}");
    assert!(f.views().is_empty());

    // From a shell, people come by key: a key nobody has is named.
    let wire: Highlight<PersonKey> = Highlight::Path {
        from: None,
        to: PersonKey::from("nobody"),
        avoid_opposed: false,
    };
    let err = wire.by_row(f.map()).unwrap_err().to_string();
    assert!(err.contains("\"nobody\""), "{err}");
    let err = ViewLayout::from_name("circle").unwrap_err();
    assert!(err.contains("unknown layout \"circle\""), "{err}");
    assert!(Region::new(1.0, 1.0, 1.0, 5.0).is_err());

    f.add_view(&ViewDraft::default()).unwrap();
    let err = f.move_view("1", 3).unwrap_err().to_string();
    assert!(err.contains("from 1 to 1, not 3"), "{err}");
    let err = f.find_view("nope").unwrap_err().to_string();
    assert!(err.contains("no saved view \"nope\""), "{err}");
}

#[test]
fn a_highlight_picks_out_the_path_the_people_of_the_stances_and_forgets_a_removed_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = small(dir.path());
    let key = f.add_view(&path_view(&f, "The way to Cy")).unwrap();
    let shown = resolve(f.map(), &f.find_view(&key).unwrap().highlight);
    assert_eq!(shown.path, [id(&f, "ana"), id(&f, "bo"), id(&f, "cy")]);
    assert!(
        shown.note.contains("Ana Reed → Bo Sato → Cy Novak"),
        "{}",
        shown.note
    );
    let sceptics = resolve(
        f.map(),
        &Highlight::Stances {
            stances: vec![Stance::Sceptic],
        },
    );
    assert_eq!(sceptics.people, [id(&f, "di")]);
    assert_eq!(sceptics.note, "1 sceptics");

    // Removing the person a path goes to leaves the view without a highlight; undo brings both.
    let cy = id(&f, "cy");
    f.remove_person(cy).unwrap();
    assert_eq!(f.find_view(&key).unwrap().highlight, Highlight::None);
    f.undo().unwrap();
    assert!(matches!(
        f.find_view(&key).unwrap().highlight,
        Highlight::Path { .. }
    ));
}

#[test]
fn views_travel_in_the_json_format_merge_by_id_and_are_only_counted_when_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = small(dir.path());
    f.add_view(&path_view(&f, "The way to Cy")).unwrap();
    f.add_view(&ViewDraft {
        key: Some("sceptics".into()),
        caption: "Sceptics".into(),
        layout: ViewLayout::Grid,
        highlight: Highlight::Stances {
            stances: vec![Stance::Sceptic],
        },
        ..ViewDraft::default()
    })
    .unwrap();
    let text = MapData::from_map(f.map()).to_json();
    assert!(text.contains("\"kind\": \"path\""), "{text}");
    let data = MapData::from_json(&text, "map.json").unwrap();

    let mut g = MapFile::create(&dir.path().join("copy.advocate"), "Copy").unwrap();
    let report = g.merge(&data, MergeMode::AllOrNothing, "import").unwrap();
    assert_eq!(report.views.added, 2);
    let keyed = |f: &MapFile| {
        f.views()
            .iter()
            .map(|v| v.keyed(f.map()))
            .collect::<Vec<_>>()
    };
    assert_eq!(keyed(&g), keyed(&f));

    // Again: nothing changes. A view of the same id with another caption is updated.
    let again = g.merge(&data, MergeMode::AllOrNothing, "import").unwrap();
    assert_eq!((again.views.added, again.views.unchanged), (0, 2));
    let mut changed = data.clone();
    changed.views[1].caption = Some("Who doubts us".into());
    changed.views[1].highlight = None;
    let report = g
        .merge(&changed, MergeMode::AllOrNothing, "import")
        .unwrap();
    assert_eq!(report.views.updated, 1);
    let v = g.find_view("sceptics").unwrap();
    assert_eq!(v.caption, "Who doubts us");
    assert!(
        matches!(v.highlight, Highlight::Stances { .. }),
        "a highlight left out is left alone"
    );

    // A path naming nobody on the map: all or nothing names the view; skip-invalid skips it.
    let mut bad = data.clone();
    bad.views.push(ViewData {
        id: "lost".into(),
        highlight: Some(Highlight::Path {
            from: None,
            to: "nobody".into(),
            avoid_opposed: false,
        }),
        ..ViewData::default()
    });
    let err = g
        .merge(&bad, MergeMode::AllOrNothing, "import")
        .unwrap_err()
        .to_string();
    assert!(err.contains("view 3") && err.contains("nobody"), "{err}");
    let report = g.merge(&bad, MergeMode::SkipInvalid, "import").unwrap();
    assert_eq!(report.rejected.len(), 1);
    assert!(g.find_view("lost").is_err());

    // A file written before views opens with none.
    let old = r#"{"format": "advocate-map", "version": 1, "people": [{"id": "a", "name": "A"}]}"#;
    assert!(
        MapData::from_json(old, "old.json")
            .unwrap()
            .views
            .is_empty()
    );

    // Redacted: the captions and the people a path names stay home; the count goes out.
    let redacted = advocate_core::formats::redacted(f.map(), Redact::Titles);
    assert!(redacted.views.is_empty());
    assert_eq!(redacted.view_count, Some(2));
    let json = redacted.to_json();
    assert!(!json.contains("The way to Cy"), "{json}");
    assert!(json.contains("\"view_count\": 2"), "{json}");
}

#[test]
fn a_map_of_the_last_schema_version_opens_with_no_views() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.advocate");
    MapFile::create_at_version(&path, "Old map", 7).unwrap();
    let mut f = MapFile::open(&path).unwrap();
    assert!(f.views().is_empty());
    f.add_view(&ViewDraft::default()).unwrap();
    assert_eq!(f.views().len(), 1);
    assert_eq!(f.integrity_check().unwrap(), "ok");
}

#[test]
fn a_view_saved_in_a_colleagues_copy_merges_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = small(dir.path());
    a.add_view(&path_view(&a, "Ours")).unwrap();
    let b_path = dir.path().join("theirs.advocate");
    a.write_copy(&b_path).unwrap();
    let mut b = MapFile::open(&b_path).unwrap();
    b.add_view(&ViewDraft {
        caption: "Theirs".into(),
        ..ViewDraft::default()
    })
    .unwrap();
    let first = b.views()[0].key.clone();
    b.edit_view(
        &first,
        &ViewPatch {
            caption: Some("Ours, renamed there".into()),
            ..ViewPatch::default()
        },
    )
    .unwrap();
    drop(b);
    a.merge_file(&b_path, None, None).unwrap();
    assert_eq!(captions(&a), ["Ours, renamed there", "Theirs"]);
    assert!(matches!(a.views()[0].highlight, Highlight::Path { .. }));
}

fn deck_parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).unwrap();
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            (entry.name().unwrap().to_string(), text)
        })
        .collect()
}

fn slide(parts: &[(String, String)], n: usize) -> &str {
    let name = format!("ppt/slides/slide{n}.xml");
    parts
        .iter()
        .find(|(p, _)| *p == name)
        .map(|(_, t)| t.as_str())
        .unwrap_or_else(|| panic!("no {name}"))
}

/// The names of the people drawn on a slide unfaded (full colour) and faded.
fn drawn(slide: &str) -> (Vec<String>, Vec<String>) {
    let (mut full, mut faded) = (Vec::new(), Vec::new());
    for shape in slide.split("<p:sp>").skip(1) {
        let Some(name) = shape
            .split("name=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
        else {
            continue;
        };
        if !shape.contains("prst=\"ellipse\"") || !shape.contains(" — ") {
            continue;
        }
        if shape.contains("<a:alpha val=\"40000\"/>") {
            faded.push(name.to_string());
        } else {
            full.push(name.to_string());
        }
    }
    (full, faded)
}

#[test]
fn the_deck_ends_with_a_slide_per_view_titled_by_its_caption_and_drawing_its_highlight() {
    let m = support::build(&advocate_core::demo::demo());
    let map = m.map();
    assert_eq!(map.views.len(), 4, "the demo tells its story in four views");
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.pptx");
    export::write(map, Format::Pptx, &ExportOptions::default(), &deck).unwrap();
    let bytes = std::fs::read(&deck).unwrap();
    let parts = deck_parts(&bytes);
    let slides = parts
        .iter()
        .filter(|(n, _)| n.starts_with("ppt/slides/slide") && n.ends_with(".xml"))
        .count();
    // Map, advocates, paths, board, plan, progress; then the four views.
    assert_eq!(slides, 6 + 4);
    for (i, v) in map.views.iter().enumerate() {
        let s = slide(&parts, 7 + i);
        let title = v.caption.replace('\'', "&apos;");
        assert!(s.contains(&title), "slide {} lacks {:?}", 7 + i, v.caption);
    }

    // View 2, the best path to the CFO: its three people in full colour, the others faded,
    // and its ties drawn in the path's colour.
    let (full, faded) = drawn(slide(&parts, 8));
    assert_eq!(
        full,
        ["Henrik Johansson", "Siobhán Gallagher", "Anjali Desai"].map(String::from),
        "in the map's order"
    );
    assert_eq!(full.len() + faded.len(), map.people().len());
    assert!(slide(&parts, 8).contains("Best path"));

    // View 3, the board among the executives: only the people inside its region are drawn,
    // the board of three ringed and unfaded.
    let s = slide(&parts, 9);
    let (full, faded) = drawn(s);
    let mut board = full.clone();
    board.sort();
    assert_eq!(
        board,
        ["Amara Nwosu", "Catherine Adebayo", "Siobhán Gallagher"]
    );
    assert!(
        full.len() + faded.len() < 15,
        "the region crops the map: {faded:?}"
    );
    assert_eq!(s.matches("name=\"Board of advocates\"").count(), 3);

    // View 4, the sceptics and blockers, and nobody else, in full colour.
    let (full, _) = drawn(slide(&parts, 10));
    let opposed: Vec<String> = map
        .people()
        .filter(|p| matches!(p.stance, Stance::Sceptic | Stance::Blocker))
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(full, opposed);

    // The map slide's legend has the audience and the home team (as the SVG's).
    let first = slide(&parts, 1);
    assert!(first.contains("Legend: audience of the goal"));
    assert!(first.contains("Legend: home team"));
    assert_eq!(
        first.matches("name=\"Audience of the goal\"").count(),
        map.audience().len()
    );

    // Redacted: no caption and no name; the slides say "View N of 4".
    let redacted = ExportOptions {
        redact: Redact::Titles,
        ..ExportOptions::default()
    };
    let bytes = export::render(
        map,
        Format::Pptx,
        &redacted,
        &advocate_core::export::SlideExtras::for_map(map, 10),
    )
    .unwrap();
    let parts = deck_parts(&bytes);
    let s = slide(&parts, 8);
    assert!(s.contains("View 2 of 4"));
    assert!(!s.contains("Henrik Johansson") && !s.contains("through our sponsor"));
}
