//! The campaign in the exports: the progress chart (SVG, PNG, PDF), its change when an action is
//! done with a new stance, and the deck's Plan and Progress slides, opened by LibreOffice.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;
use std::path::Path;
use std::process::Command;

use advocate_core::campaign::plan::{open_by_owner, plan};
use advocate_core::demo::{DEMO_TODAY, demo_on};
use advocate_core::export::{self, ExportOptions, Format, Redact, SlideExtras, chart};
use advocate_core::model::Stance;
use advocate_core::store::{MapFile, MergeMode, Outcome};

fn demo(dir: &Path) -> MapFile {
    let mut file = MapFile::create(&dir.join("demo.advocate"), "Demo").unwrap();
    file.merge(&demo_on(DEMO_TODAY), MergeMode::AllOrNothing, "Demo")
        .unwrap();
    file
}

fn part(pptx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(pptx)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The "n/N" on-our-side figure above the last month's audience column.
fn last_on_side(svg: &str) -> String {
    let texts: Vec<&str> = svg
        .lines()
        .filter(|l| l.starts_with("<text") && l.contains("font-weight=\"bold\""))
        .filter_map(|l| l.split('>').nth(1)?.split('<').next())
        .filter(|t| t.contains('/') && t.chars().all(|c| c.is_ascii_digit() || c == '/'))
        .collect();
    texts.last().unwrap().to_string()
}

#[test]
fn the_chart_shows_the_audience_beside_everyone_month_by_month() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let map = file.map();
    let c = chart::progress_chart(map, None, DEMO_TODAY).unwrap();
    // From the log's first recorded stance to this month.
    assert_eq!(c.months.last().map(String::as_str), Some("2026-12"));
    assert!(c.months.len() >= chart::MIN_MONTHS);
    assert!(
        c.subtitle
            .contains(&format!("audience ({})", map.audience().len()))
    );
    let svg = chart::svg(&c, 960.0, 540.0, true, false);
    assert!(svg.starts_with("<?xml"));
    assert!(svg.contains(">Stance over time</text>"));
    for caption in [
        "Champion",
        "Supporter",
        "Neutral",
        "Sceptic",
        "Blocker",
        "Not yet recorded",
        "the audience",
        "everyone",
    ] {
        assert!(svg.contains(&format!(">{caption}</text>")), "{caption}");
    }
    assert!(svg.contains(">Dec 2026</text>"));
    // Every month has an audience column, each outlined, with its shares summing to the whole.
    let audience_rects = svg
        .lines()
        .filter(|l| l.contains("<title>The audience, "))
        .count();
    assert!(audience_rects >= c.months.len());
    assert!(
        svg.lines()
            .filter(|l| l.contains("<title>The audience, "))
            .all(|l| l.contains("stroke="))
    );
    let n = map.audience().len();
    assert!(last_on_side(&svg).ends_with(&format!("/{n}")));
    // Parsed as SVG by the same library that draws the PNG.
    let png = chart::render(
        map,
        Format::Png,
        &ExportOptions {
            size: Some((1200, 675)),
            ..ExportOptions::default()
        },
        None,
        DEMO_TODAY,
    )
    .unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1200);
    let pdf = chart::render(
        map,
        Format::Pdf,
        &ExportOptions::default(),
        None,
        DEMO_TODAY,
    )
    .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn the_chart_moves_when_an_action_is_done_with_a_new_stance() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = demo(dir.path());
    let before = chart::svg(
        &chart::progress_chart(file.map(), None, DEMO_TODAY).unwrap(),
        960.0,
        540.0,
        true,
        false,
    );
    // An open action about an audience member below supporter, done: they are won over.
    let audience = file.map().audience();
    let action = file
        .campaign()
        .actions
        .values()
        .find(|a| {
            a.state == advocate_core::campaign::ActionState::Open
                && audience.contains(&a.person)
                && file.map().person(a.person).unwrap().stance.value() < Stance::Supporter.value()
        })
        .cloned()
        .expect("the demo plans to win over an audience member");
    file.complete_action(
        action.id,
        &Outcome {
            date: DEMO_TODAY.into(),
            action: "met".into(),
            summary: "Agreed to back the rollout.".into(),
            stance_after: Some(Stance::Champion),
        },
    )
    .unwrap();
    let after = chart::svg(
        &chart::progress_chart(file.map(), None, DEMO_TODAY).unwrap(),
        960.0,
        540.0,
        true,
        false,
    );
    let on_side = |s: &str| -> usize { s.split('/').next().unwrap().parse().unwrap() };
    assert_eq!(
        on_side(&last_on_side(&after)),
        on_side(&last_on_side(&before)) + 1,
        "one more of the audience on our side this month"
    );
    // Undone, the chart is as it was.
    file.undo().unwrap();
    let undone = chart::svg(
        &chart::progress_chart(file.map(), None, DEMO_TODAY).unwrap(),
        960.0,
        540.0,
        true,
        false,
    );
    assert_eq!(undone, before);
}

#[test]
fn the_chart_refuses_what_it_cannot_draw() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let o = ExportOptions::default();
    let e = chart::render(file.map(), Format::Json, &o, None, DEMO_TODAY).unwrap_err();
    assert!(e.contains("svg, png or pdf"), "{e}");
    let e = chart::render(file.map(), Format::Svg, &o, Some("2027-01"), DEMO_TODAY).unwrap_err();
    assert!(e.contains("after today"), "{e}");
    let e =
        chart::render(file.map(), Format::Svg, &o, Some("last spring"), DEMO_TODAY).unwrap_err();
    assert!(e.contains("\"last spring\""), "{e}");
    // A since gives the months from it; a written file is whole.
    let c = chart::progress_chart(file.map(), Some("2026-10-15"), DEMO_TODAY).unwrap();
    assert_eq!(c.months, ["2026-10", "2026-11", "2026-12"]);
    let path = dir.path().join("progress.svg");
    chart::write(
        file.map(),
        Format::Svg,
        &o,
        Some("2026-10"),
        DEMO_TODAY,
        &path,
    )
    .unwrap();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .ends_with("</svg>\n")
    );
}

#[test]
fn the_plan_lists_suggestions_actions_gaps_and_marks_the_overdue() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let p = plan(
        file.map(),
        file.campaign(),
        DEMO_TODAY,
        &advocate_core::analysis::Progress::new(),
    )
    .unwrap();
    assert!(!p.next.suggestions.is_empty());
    assert_eq!(p.actions.len(), 12);
    assert_eq!(p.open, 5);
    // Due 2026-11-20 and 11-27, open on 12-01: overdue, and first in the list.
    assert_eq!(p.overdue, 2);
    assert!(p.actions[0].overdue && p.actions[1].overdue);
    assert_eq!(
        (p.actions[0].key.as_str(), p.actions[0].person.as_str()),
        ("demo-mdm-cio", "cio")
    );
    assert_eq!(p.actions[0].via.as_deref(), Some("hrd"));
    assert!(!p.gaps.is_empty());
    assert!(
        p.targets
            .iter()
            .any(|t| t.person == "cio" && t.target == Stance::Champion)
    );
}

fn deck(file: &MapFile, redact: Redact) -> Vec<u8> {
    let extras = SlideExtras {
        ..SlideExtras::campaign(file.map(), DEMO_TODAY)
    };
    export::render(
        file.map(),
        Format::Pptx,
        &ExportOptions {
            redact,
            ..ExportOptions::default()
        },
        &extras,
    )
    .unwrap()
}

#[test]
fn the_deck_has_a_plan_slide_by_owner_and_an_editable_progress_chart() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let pptx = deck(&file, Redact::None);
    let plan = part(&pptx, "ppt/slides/slide4.xml");
    assert!(plan.contains("<a:t>Plan</a:t>"));
    assert!(plan.contains("5 open actions, 2 overdue"), "{plan}");
    let owners = open_by_owner(file.map(), file.campaign(), DEMO_TODAY);
    for o in &owners {
        assert!(
            plan.contains(&format!("<a:t>{}</a:t>", o.owner)),
            "{}",
            o.owner
        );
    }
    assert!(plan.contains("2026-11-20 overdue"));
    assert!(
        plan.contains("Get Security&apos;s device management")
            || plan.contains("Get Security's device management")
    );
    let progress = part(&pptx, "ppt/slides/slide5.xml");
    assert!(progress.contains("<a:t>Stance over time</a:t>"));
    assert!(progress.contains(r#"<a:prstGeom prst="rect">"#));
    assert!(progress.contains("<a:t>Dec 2026</a:t>"));
    assert!(part(&pptx, "ppt/notesSlides/notesSlide5.xml").contains("wide, outlined"));

    // Redacted: the plan by owner as counts, no action text and no name anywhere.
    let redacted = deck(&file, Redact::Titles);
    let plan = part(&redacted, "ppt/slides/slide4.xml");
    assert!(plan.contains("<a:t>Overdue</a:t>"));
    for a in file.campaign().actions.values() {
        assert!(!plan.contains(&a.what), "{}", a.what);
    }
    for p in file.map().people() {
        assert!(!plan.contains(&p.name), "{}", p.name);
    }

    // LibreOffice opens the deck: five slides with the plan and the chart, then a slide for
    // each of the demo's four saved views.
    let soffice = which("soffice");
    let input = dir.path().join("deck.pptx");
    std::fs::write(&input, &pptx).unwrap();
    let out = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&input)
        .output()
        .unwrap();
    let pdf = dir.path().join("deck.pdf");
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&out.stderr));
    if let Ok(keep) = std::env::var("ADVOCATE_EXPORT_PREVIEW") {
        std::fs::copy(&pdf, Path::new(&keep).join("campaign-deck.pdf")).unwrap();
    }
    let info = Command::new(which("pdfinfo")).arg(&pdf).output().unwrap();
    assert!(String::from_utf8_lossy(&info.stdout).contains("Pages:           9"));
    let text = Command::new(which("pdftotext"))
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Plan") && text.contains("Stance over time"),
        "{text}"
    );
    assert!(text.contains("Anjali"), "{text}");
}

#[test]
fn a_deck_written_by_export_write_carries_the_campaign_slides_only_when_there_is_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let path = dir.path().join("deck.pptx");
    export::write(file.map(), Format::Pptx, &ExportOptions::default(), &path).unwrap();
    let pptx = std::fs::read(&path).unwrap();
    assert!(
        part(&pptx, "ppt/presentation.xml")
            .matches("<p:sldId ")
            .count()
            >= 5
    );
    // A map without a plan or a logged stance: the three slides it always had.
    let empty = MapFile::create(&dir.path().join("empty.advocate"), "Empty").unwrap();
    let extras = SlideExtras::campaign(empty.map(), DEMO_TODAY);
    assert!(extras.plan.is_none() && extras.progress.is_none());
}

fn which(name: &str) -> std::path::PathBuf {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .unwrap();
    assert!(
        found.status.success(),
        "{name} is missing: this test needs it"
    );
    std::path::PathBuf::from(String::from_utf8(found.stdout).unwrap().trim())
}
