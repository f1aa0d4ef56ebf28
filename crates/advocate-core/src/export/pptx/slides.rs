//! The three slides and their speaker notes: the map as native shapes, the advocates ranking and
//! the best path to each decision-maker, each table cut to what fits a slide.

use std::fmt::Write as _;

use crate::export::drawing::{
    self, BOARD_COLOUR, INK, MUTED_INK, PATH_COLOUR, Scene, TIE_COLOUR, redacted_name,
};
use crate::export::{PathRow, RankRow, Redact, SlideExtras};
use crate::formats::xml::esc;
use crate::model::Map;

use super::shapes::{Run, Shapes, heading, run};
use super::{EMPTY_GROUP, EMU_PER_PT, NS, SLIDE_W};

/// Slide 1: the map as shapes.
pub(super) fn map_slide(scene: &Scene) -> String {
    let mut shapes = Shapes::new();
    let k = SLIDE_W as f64 / scene.width;
    let e = |v: f64| (v * k).round() as i64;
    let pt = |units: f64| units * k / EMU_PER_PT;
    let unit = scene.height / 900.0;
    let margin = 24.0 * unit;

    shapes.text_box(
        "Title",
        e(margin),
        e(margin * 0.7),
        e(scene.width - 2.0 * margin),
        e(scene.title_font * 1.4),
        &[vec![run(&scene.title, pt(scene.title_font), true, INK)]],
        "l",
    );
    shapes.text_box(
        "Subtitle",
        e(margin),
        e(margin * 0.7 + scene.title_font * 1.4),
        e(scene.width - 2.0 * margin),
        e(scene.subtitle_font * 1.5),
        &[vec![run(
            &scene.subtitle,
            pt(scene.subtitle_font),
            false,
            MUTED_INK,
        )]],
        "l",
    );

    let lf = scene.label_font;
    for d in &scene.departments {
        shapes.shape(
            "roundRect",
            &format!("Department: {}", d.name),
            &d.name,
            (e(d.x), e(d.y), e(d.w), e(d.h)),
            Some((&d.tint, 10_000)),
            Some((&d.tint, 9525)),
            Some((
                &[vec![run(
                    &drawing::shorten(&d.name, (d.w / (lf * 0.62)).max(4.0)),
                    pt(lf * 1.05),
                    true,
                    &d.tint,
                )]],
                "l",
            )),
        );
    }

    for t in &scene.ties {
        let (from, to) = (&scene.people[t.from], &scene.people[t.to]);
        let (colour, alpha) = if t.on_path {
            (PATH_COLOUR, 100_000)
        } else if t.faded {
            (TIE_COLOUR, 30_000)
        } else {
            (TIE_COLOUR, (scene.tie_opacity * 100_000.0) as u32)
        };
        shapes.arrow(
            &format!(
                "Tie: {} → {} ({}, {:.2})",
                from.full_label, to.full_label, t.kind, t.strength
            ),
            (e(t.x1), e(t.y1), e(t.x2), e(t.y2)),
            e(t.width).max(3175),
            colour,
            alpha,
            t.dash.pptx(),
            true,
        );
    }

    for p in &scene.people {
        let label_w = (lf * 9.0).max(p.r * 2.0);
        let label_top = p.y + p.r * if p.on_board { 1.45 } else { 1.0 } + lf * 0.2;
        let label_h = lf * 1.25 * p.label.len() as f64 + lf * 0.3;
        let gx0 = (p.x - label_w / 2.0).min(p.x - p.r * 1.4);
        let gx1 = (p.x + label_w / 2.0).max(p.x + p.r * 1.4);
        let gy0 = p.y - p.r * 1.4;
        let gy1 = label_top + label_h;
        shapes.group_start(&p.full_label, (e(gx0), e(gy0), e(gx1 - gx0), e(gy1 - gy0)));
        if let Some(tint) = &p.tint {
            let r = p.r * 1.45;
            shapes.shape(
                "ellipse",
                "Department",
                "",
                (e(p.x - r), e(p.y - r), e(2.0 * r), e(2.0 * r)),
                Some((tint, 35_000)),
                None,
                None,
            );
        }
        let (outline, ow) = if p.on_path {
            (PATH_COLOUR, p.r * 0.28)
        } else if p.decision_maker {
            (INK, p.r * 0.2)
        } else {
            ("#FFFFFF", p.r * 0.12)
        };
        shapes.shape(
            "ellipse",
            &p.full_label,
            &format!("{} — {}", p.full_label, p.detail),
            (e(p.x - p.r), e(p.y - p.r), e(2.0 * p.r), e(2.0 * p.r)),
            Some((p.fill, if p.faded { 40_000 } else { 100_000 })),
            Some((outline, e(ow).max(3175))),
            None,
        );
        if p.audience {
            let r = p.r * 1.2 + 1.0;
            shapes.dashed_ring(
                "Audience of the goal",
                (e(p.x - r), e(p.y - r), e(2.0 * r), e(2.0 * r)),
                INK,
                e((p.r * 0.1).max(0.6)).max(3175),
            );
        }
        if p.home {
            let side = (p.r * 0.55).max(2.0);
            shapes.shape(
                "rect",
                "Home team",
                "",
                (
                    e(p.x + p.r * 0.7 - side / 2.0),
                    e(p.y - p.r * 0.7 - side / 2.0),
                    e(side),
                    e(side),
                ),
                Some((INK, 100_000)),
                Some(("#FFFFFF", e((side * 0.15).max(0.5)).max(3175))),
                None,
            );
        }
        if p.on_board {
            let r = p.r * 1.35 + 1.0;
            shapes.shape(
                "ellipse",
                "Board of advocates",
                "",
                (e(p.x - r), e(p.y - r), e(2.0 * r), e(2.0 * r)),
                None,
                Some((BOARD_COLOUR, e((p.r * 0.22).max(1.0)))),
                None,
            );
        }
        let lines: Vec<Vec<Run>> = p
            .label
            .iter()
            .map(|l| vec![run(l, pt(lf), p.decision_maker, INK)])
            .collect();
        shapes.text_box(
            &format!("Label: {}", p.full_label),
            e(p.x - label_w / 2.0),
            e(label_top),
            e(label_w),
            e(label_h),
            &lines,
            "ctr",
        );
        shapes.group_end();
    }

    // Legend.
    let l = &scene.legend;
    let f = l.font;
    let line = f * 1.7;
    let (x, mut y) = (l.x, l.y);
    let text = |shapes: &mut Shapes, x: f64, y: f64, s: &str, bold: bool, colour: &str| {
        shapes.text_box(
            &format!("Legend: {s}"),
            e(x),
            e(y - f * 1.05),
            e(l.w - (x - l.x)),
            e(f * 1.5),
            &[vec![run(s, pt(f), bold, colour)]],
            "l",
        );
    };
    text(&mut shapes, x, y, "Stance", true, INK);
    y += line * 0.9;
    for (stance, colour) in &l.stances {
        shapes.shape(
            "ellipse",
            &format!("Legend: {}", drawing::stance_caption(*stance)),
            "",
            (e(x), e(y - f * 0.9), e(f * 1.1), e(f * 1.1)),
            Some((colour, 100_000)),
            None,
            None,
        );
        text(
            &mut shapes,
            x + f * 1.7,
            y,
            drawing::stance_caption(*stance),
            false,
            INK,
        );
        y += line;
    }
    if l.decision_makers {
        shapes.shape(
            "ellipse",
            "Legend: decision-maker",
            "",
            (e(x + f * 0.1), e(y - f * 0.85), e(f), e(f)),
            None,
            Some((INK, e(f * 0.2))),
            None,
        );
        text(&mut shapes, x + f * 1.7, y, "Decision-maker", false, INK);
        y += line;
    }
    if l.audience {
        shapes.dashed_ring(
            "Legend: audience of the goal",
            (e(x + f * 0.1), e(y - f * 0.85), e(f), e(f)),
            INK,
            e(f * 0.1).max(3175),
        );
        text(
            &mut shapes,
            x + f * 1.7,
            y,
            "Audience of the goal",
            false,
            INK,
        );
        y += line;
    }
    if l.home {
        shapes.shape(
            "rect",
            "Legend: home team",
            "",
            (e(x + f * 0.35), e(y - f * 0.6), e(f * 0.5), e(f * 0.5)),
            Some((INK, 100_000)),
            None,
            None,
        );
        text(&mut shapes, x + f * 1.7, y, "Home team", false, INK);
        y += line;
    }
    text(&mut shapes, x, y, l.size_caption, false, MUTED_INK);
    y += line * 1.4;
    if !l.kinds.is_empty() {
        text(&mut shapes, x, y, "Influence (A sways B)", true, INK);
        y += line * 0.9;
        for (kind, dash) in &l.kinds {
            shapes.arrow(
                &format!("Legend: {kind}"),
                (e(x), e(y - f * 0.4), e(x + f * 2.6), e(y - f * 0.4)),
                e(f * 0.15).max(9525),
                TIE_COLOUR,
                100_000,
                dash.pptx(),
                true,
            );
            text(
                &mut shapes,
                x + f * 3.2,
                y,
                &drawing::shorten(kind, 18.0),
                false,
                INK,
            );
            y += line;
        }
        text(&mut shapes, x, y, "Width: strength", false, MUTED_INK);
        y += line * 1.4;
    }
    if !l.departments.is_empty() {
        text(&mut shapes, x, y, "Department", true, INK);
        y += line * 0.9;
        for (name, tint) in &l.departments {
            shapes.shape(
                "ellipse",
                &format!("Legend: {name}"),
                "",
                (e(x), e(y - f * 0.9), e(f * 1.2), e(f * 1.2)),
                Some((tint, 50_000)),
                None,
                None,
            );
            text(
                &mut shapes,
                x + f * 1.7,
                y,
                &drawing::shorten(name, 20.0),
                false,
                INK,
            );
            y += line;
        }
        y += line * 0.4;
    }
    if l.path {
        shapes.arrow(
            "Legend: best path",
            (e(x), e(y - f * 0.4), e(x + f * 2.6), e(y - f * 0.4)),
            e(f * 0.3),
            PATH_COLOUR,
            100_000,
            "solid",
            false,
        );
        text(&mut shapes, x + f * 3.2, y, "Best path", false, INK);
        y += line;
    }
    if l.board {
        shapes.shape(
            "ellipse",
            "Legend: board of advocates",
            "",
            (e(x + f * 0.1), e(y - f * 0.85), e(f), e(f)),
            None,
            Some((BOARD_COLOUR, e(f * 0.2))),
            None,
        );
        text(
            &mut shapes,
            x + f * 1.7,
            y,
            "Board of advocates",
            false,
            INK,
        );
    }
    shapes.slide()
}

/// A name from the analysis as this export shows it: redacted through the map when the person is
/// on it, else reduced to initials.
pub(super) fn shown_name(map: &Map, name: &str, redact: Redact) -> String {
    if redact == Redact::None {
        return name.to_string();
    }
    match map
        .people()
        .enumerate()
        .find(|(_, p)| p.name == name || p.key == name)
    {
        Some((i, p)) => redacted_name(p, i + 1, redact),
        None => drawing::initials(name).unwrap_or_else(|| "?".into()),
    }
}

pub(super) const MAX_ROWS: usize = 12;

/// Slide 2: the ranking of advocates.
pub(super) fn ranking_slide(map: &Map, rows: &[RankRow], redact: Redact) -> String {
    let mut shapes = Shapes::new();
    let subtitle = if rows.len() > MAX_ROWS {
        format!(
            "Who is best placed to speak for us: the top {MAX_ROWS} of {}",
            rows.len()
        )
    } else {
        "Who is best placed to speak for us".to_string()
    };
    heading(&mut shapes, "Advocates", &subtitle);
    if rows.is_empty() {
        shapes.text_box(
            "No ranking",
            457_200,
            1_300_000,
            SLIDE_W - 914_400,
            600_000,
            &[vec![run(
                "No ranking was computed for this export.",
                16.0,
                false,
                MUTED_INK,
            )]],
            "l",
        );
        return shapes.slide();
    }
    let mut table = vec![
        [
            "#",
            "Advocate",
            "Title",
            "Score",
            "Access",
            "Willingness",
            "Carry",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>(),
    ];
    for (i, r) in rows.iter().take(MAX_ROWS).enumerate() {
        table.push(vec![
            (i + 1).to_string(),
            shorten_cell(&shown_name(map, &r.name, redact), 32.0),
            shorten_cell(&r.title, 36.0),
            // Percentages with enough digits that the order can be defended from the slide.
            format!("{:.2}%", 100.0 * r.score),
            format!("{:.1}%", 100.0 * r.access),
            format!("{:.0}%", 100.0 * r.willingness),
            format!("{:.1}%", 100.0 * r.carry),
        ]);
    }
    shapes.table(
        "Advocates ranking",
        (457_200, 1_250_000),
        &[
            500_000, 3_000_000, 3_277_600, 1_000_000, 1_000_000, 1_300_000, 1_200_000,
        ],
        &table,
    );
    shapes.slide()
}

pub(super) fn shorten_cell(text: &str, max: f64) -> String {
    drawing::shorten(text, max)
}

/// Slide 3: the best path to each decision-maker.
pub(super) fn paths_slide(map: &Map, rows: &[PathRow], redact: Redact) -> String {
    let mut shapes = Shapes::new();
    let subtitle = if rows.len() > MAX_ROWS {
        format!(
            "The most reliable chain of introductions: {MAX_ROWS} of {}",
            rows.len()
        )
    } else {
        "The most reliable chain of introductions to each decision-maker".to_string()
    };
    heading(&mut shapes, "Best paths", &subtitle);
    if rows.is_empty() {
        shapes.text_box(
            "No paths",
            457_200,
            1_300_000,
            SLIDE_W - 914_400,
            600_000,
            &[vec![run(
                "No paths were computed for this export.",
                16.0,
                false,
                MUTED_INK,
            )]],
            "l",
        );
        return shapes.slide();
    }
    let mut table = vec![vec![
        "Decision-maker".to_string(),
        "Path (introductions)".to_string(),
        "Reliability".to_string(),
    ]];
    for r in rows.iter().take(MAX_ROWS) {
        let chain: Vec<String> = r
            .people_names
            .iter()
            .map(|n| shown_name(map, n, redact))
            .collect();
        table.push(vec![
            shorten_cell(&shown_name(map, &r.to_name, redact), 30.0),
            if chain.is_empty() {
                "no path".to_string()
            } else {
                shorten_cell(&chain.join(" → "), 90.0)
            },
            format!("{:.0}%", r.reliability * 100.0),
        ]);
    }
    shapes.table(
        "Best paths",
        (457_200, 1_250_000),
        &[2_800_000, 7_177_600, 1_300_000],
        &table,
    );
    shapes.slide()
}

/// The speaker notes of each slide (not written for a redacted deck).
pub(super) fn notes_texts(map: &Map, scene: &Scene, extras: &SlideExtras) -> [Vec<String>; 3] {
    let (people, _, ties) = map.counts();
    let map_notes = vec![
        format!(
            "This map shows {people} people and {ties} influence ties for \"{}\".",
            scene.title
        ),
        "Colour is stance: dark blue champion, light blue supporter, grey neutral, orange sceptic, red-orange blocker. A bold outline marks a decision-maker.".into(),
        format!(
            "An arrow from A to B means A sways B; its width is the strength of the tie (the chance that A's endorsement moves B) and its dash shows the kind. {}.",
            scene.legend.size_caption
        ),
        "Every shape can be moved and edited; each person is a group of a circle and a label.".into(),
    ];
    let mut ranking_notes = vec![
        "Each score is the product of three parts, so every ranking can be defended:".into(),
        "Access: how reliably we can reach them, the most reliable chain of introductions from the home team.".into(),
        "Willingness: whether they will speak for us, from their stance.".into(),
        "Carry: how strongly their word reaches the audience's members.".into(),
    ];
    for r in extras.ranking.iter().take(3) {
        ranking_notes.push(format!(
            "{}: score {:.2}% = access {:.1}% × willingness {:.0}% × carry {:.1}%.",
            r.name,
            100.0 * r.score,
            100.0 * r.access,
            100.0 * r.willingness,
            100.0 * r.carry
        ));
    }
    let mut path_notes = vec![
        "Reliability is the product of the strengths along the path: the chance that each introduction in turn lands.".into(),
    ];
    for r in &extras.paths {
        path_notes.push(format!(
            "To {}: {} ({:.0}%).",
            r.to_name,
            r.people_names.join(" → "),
            r.reliability * 100.0
        ));
    }
    [map_notes, ranking_notes, path_notes]
}

pub(super) fn notes_slide(paragraphs: &[String]) -> String {
    let mut body = String::new();
    for p in paragraphs {
        let _ = write!(
            body,
            r#"<a:p><a:r><a:rPr lang="en-GB" dirty="0"/><a:t>{}</a:t></a:r></a:p>"#,
            esc(p)
        );
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:notes {NS}><p:cSld><p:spTree>{EMPTY_GROUP}<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{body}</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"#
    )
}
