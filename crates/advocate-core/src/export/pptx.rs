//! The PPTX export: a 16:9 deck for a sponsor or steering group, written as Office Open XML
//! with plain templates (every text escaped) and the `zip` crate.
//!
//! Slide 1 is the map as native, editable shapes: a group per person (a stance-coloured ellipse
//! and its label), connectors with arrowheads for ties (width by strength, dash by kind),
//! department tints, title and legend. Slide 2 is the advocates ranking and slide 3 the best path
//! to each decision-maker, both as tables from rows the caller computed. Speaker notes explain
//! each slide, except in a redacted deck, which has no notes at all.

use std::fmt::Write as _;
use std::io::Write as _;

use crate::export::drawing::{
    self, BOARD_COLOUR, INK, MUTED_INK, PATH_COLOUR, Scene, TIE_COLOUR, redacted_name,
};
use crate::export::xml::esc;
use crate::export::{ExportOptions, Page, PathRow, RankRow, Redact, SlideExtras};
use crate::model::Map;

/// A 16:9 slide in EMU (English Metric Units: 914400 per inch).
const SLIDE_W: i64 = 12_192_000;
const SLIDE_H: i64 = 6_858_000;
const EMU_PER_PT: f64 = 12_700.0;

const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;

const EMPTY_GROUP: &str = r#"<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>"#;

fn hex(colour: &str) -> String {
    colour.trim_start_matches('#').to_ascii_uppercase()
}

/// Builds a slide's shape tree, numbering shapes.
struct Shapes {
    xml: String,
    next_id: u32,
}

/// A run of text: content, size in points, bold, colour.
struct Run<'a> {
    text: &'a str,
    pt: f64,
    bold: bool,
    colour: &'a str,
}

impl Shapes {
    fn new() -> Shapes {
        Shapes {
            xml: String::with_capacity(64 * 1024),
            next_id: 2,
        }
    }

    fn id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    fn paragraphs(&mut self, lines: &[Vec<Run>], align: &str) {
        for line in lines {
            let _ = write!(self.xml, r#"<a:p><a:pPr algn="{align}"/>"#);
            for r in line {
                let _ = write!(
                    self.xml,
                    r#"<a:r><a:rPr lang="en-GB" sz="{}" b="{}" dirty="0"><a:solidFill><a:srgbClr val="{}"/></a:solidFill></a:rPr><a:t>{}</a:t></a:r>"#,
                    (r.pt * 100.0).round().max(100.0) as i64,
                    u8::from(r.bold),
                    hex(r.colour),
                    esc(r.text)
                );
            }
            self.xml.push_str("</a:p>");
        }
    }

    /// A text box; `lines` are paragraphs.
    #[allow(clippy::too_many_arguments)]
    fn text_box(
        &mut self,
        name: &str,
        x: i64,
        y: i64,
        w: i64,
        h: i64,
        lines: &[Vec<Run>],
        align: &str,
    ) {
        let id = self.id();
        let _ = write!(
            self.xml,
            r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t"><a:noAutofit/></a:bodyPr><a:lstStyle/>"#,
            esc(name)
        );
        self.paragraphs(lines, align);
        self.xml.push_str("</p:txBody></p:sp>");
    }

    /// A preset shape (ellipse, roundRect) with a fill and an outline.
    #[allow(clippy::too_many_arguments)]
    fn shape(
        &mut self,
        prst: &str,
        name: &str,
        descr: &str,
        (x, y, w, h): (i64, i64, i64, i64),
        fill: Option<(&str, u32)>,
        line: Option<(&str, i64)>,
        text: Option<(&[Vec<Run>], &str)>,
    ) {
        let id = self.id();
        let _ = write!(
            self.xml,
            r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{}" descr="{}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="{prst}"><a:avLst>{}</a:avLst></a:prstGeom>"#,
            esc(name),
            esc(descr),
            if prst == "roundRect" {
                r#"<a:gd name="adj" fmla="val 4000"/>"#
            } else {
                ""
            },
        );
        match fill {
            Some((c, alpha)) if alpha < 100_000 => {
                let _ = write!(
                    self.xml,
                    r#"<a:solidFill><a:srgbClr val="{}"><a:alpha val="{alpha}"/></a:srgbClr></a:solidFill>"#,
                    hex(c)
                );
            }
            Some((c, _)) => {
                let _ = write!(
                    self.xml,
                    r#"<a:solidFill><a:srgbClr val="{}"/></a:solidFill>"#,
                    hex(c)
                );
            }
            None => self.xml.push_str("<a:noFill/>"),
        }
        match line {
            Some((c, w)) => {
                let _ = write!(
                    self.xml,
                    r#"<a:ln w="{w}"><a:solidFill><a:srgbClr val="{}"/></a:solidFill></a:ln>"#,
                    hex(c)
                );
            }
            None => self.xml.push_str("<a:ln><a:noFill/></a:ln>"),
        }
        self.xml.push_str("</p:spPr>");
        match text {
            Some((lines, align)) => {
                self.xml.push_str(r#"<p:txBody><a:bodyPr wrap="square" lIns="45720" tIns="22860" rIns="45720" bIns="0" anchor="t"><a:noAutofit/></a:bodyPr><a:lstStyle/>"#);
                self.paragraphs(lines, align);
                self.xml.push_str("</p:txBody>");
            }
            None => self.xml.push_str(
                r#"<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-GB" dirty="0"/></a:p></p:txBody>"#,
            ),
        }
        self.xml.push_str("</p:sp>");
    }

    /// A straight connector with an arrowhead at `(x2, y2)`.
    #[allow(clippy::too_many_arguments)]
    fn arrow(
        &mut self,
        name: &str,
        (x1, y1, x2, y2): (i64, i64, i64, i64),
        width: i64,
        colour: &str,
        alpha: u32,
        dash: &str,
        head: bool,
    ) {
        let id = self.id();
        let flip = match (x2 < x1, y2 < y1) {
            (true, true) => r#" flipH="1" flipV="1""#,
            (true, false) => r#" flipH="1""#,
            (false, true) => r#" flipV="1""#,
            (false, false) => "",
        };
        let _ = write!(
            self.xml,
            r#"<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{id}" name="{}"/><p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr><p:spPr><a:xfrm{flip}><a:off x="{}" y="{}"/><a:ext cx="{}" cy="{}"/></a:xfrm><a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom><a:ln w="{width}"><a:solidFill><a:srgbClr val="{}"><a:alpha val="{alpha}"/></a:srgbClr></a:solidFill><a:prstDash val="{dash}"/>{}</a:ln></p:spPr></p:cxnSp>"#,
            esc(name),
            x1.min(x2),
            y1.min(y2),
            (x2 - x1).abs(),
            (y2 - y1).abs(),
            hex(colour),
            if head {
                r#"<a:tailEnd type="triangle" w="med" len="med"/>"#
            } else {
                ""
            },
        );
    }

    fn group_start(&mut self, name: &str, (x, y, w, h): (i64, i64, i64, i64)) {
        let id = self.id();
        let _ = write!(
            self.xml,
            r#"<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{id}" name="{}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/><a:chOff x="{x}" y="{y}"/><a:chExt cx="{w}" cy="{h}"/></a:xfrm></p:grpSpPr>"#,
            esc(name)
        );
    }

    fn group_end(&mut self) {
        self.xml.push_str("</p:grpSp>");
    }

    /// A table with a header row; `widths` in EMU.
    fn table(&mut self, name: &str, (x, y): (i64, i64), widths: &[i64], rows: &[Vec<String>]) {
        let id = self.id();
        let row_h = 370_840i64;
        let total_w: i64 = widths.iter().sum();
        let _ = write!(
            self.xml,
            r#"<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{id}" name="{}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{total_w}" cy="{}"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr firstRow="1" bandRow="1"/><a:tblGrid>"#,
            esc(name),
            row_h * rows.len() as i64
        );
        for w in widths {
            let _ = write!(self.xml, r#"<a:gridCol w="{w}"/>"#);
        }
        self.xml.push_str("</a:tblGrid>");
        for (i, row) in rows.iter().enumerate() {
            let _ = write!(self.xml, r#"<a:tr h="{row_h}">"#);
            let (fill, colour, bold) = if i == 0 {
                ("1F2933", "FFFFFF", 1)
            } else if i % 2 == 0 {
                ("F3F4F6", "1F2933", 0)
            } else {
                ("FFFFFF", "1F2933", 0)
            };
            for cell in row {
                let _ = write!(
                    self.xml,
                    r#"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-GB" sz="1200" b="{bold}" dirty="0"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:rPr><a:t>{}</a:t></a:r></a:p></a:txBody><a:tcPr marL="91440" marR="91440" marT="45720" marB="45720" anchor="ctr"><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></a:tcPr></a:tc>"#,
                    esc(cell)
                );
            }
            self.xml.push_str("</a:tr>");
        }
        self.xml
            .push_str("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>");
    }

    fn slide(self) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sld {NS}><p:cSld><p:spTree>{EMPTY_GROUP}{}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"#,
            self.xml
        )
    }
}

fn run<'a>(text: &'a str, pt: f64, bold: bool, colour: &'a str) -> Run<'a> {
    Run {
        text,
        pt,
        bold,
        colour,
    }
}

/// Slide title and subtitle at the top left.
fn heading(shapes: &mut Shapes, title: &str, subtitle: &str) {
    shapes.text_box(
        "Title",
        457_200,
        228_600,
        SLIDE_W - 914_400,
        520_000,
        &[vec![run(title, 24.0, true, INK)]],
        "l",
    );
    if !subtitle.is_empty() {
        shapes.text_box(
            "Subtitle",
            457_200,
            740_000,
            SLIDE_W - 914_400,
            320_000,
            &[vec![run(subtitle, 13.0, false, MUTED_INK)]],
            "l",
        );
    }
}

/// Slide 1: the map as shapes.
fn map_slide(scene: &Scene) -> String {
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
fn shown_name(map: &Map, name: &str, redact: Redact) -> String {
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

const MAX_ROWS: usize = 12;

/// Slide 2: the ranking of advocates.
fn ranking_slide(map: &Map, rows: &[RankRow], redact: Redact) -> String {
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
            format!("{:.2}", r.score),
            format!("{:.2}", r.access),
            format!("{:.2}", r.willingness),
            format!("{:.2}", r.carry),
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

fn shorten_cell(text: &str, max: f64) -> String {
    drawing::shorten(text, max)
}

/// Slide 3: the best path to each decision-maker.
fn paths_slide(map: &Map, rows: &[PathRow], redact: Redact) -> String {
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
fn notes_texts(map: &Map, scene: &Scene, extras: &SlideExtras) -> [Vec<String>; 3] {
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
            "{}: score {:.2} = access {:.2} × willingness {:.2} × carry {:.2}.",
            r.name, r.score, r.access, r.willingness, r.carry
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

fn notes_slide(paragraphs: &[String]) -> String {
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

const CLR_MAP: &str = r#"<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>"#;

fn theme(name: &str) -> String {
    let colours = [
        ("dk1", "1F2933"),
        ("lt1", "FFFFFF"),
        ("dk2", "52606D"),
        ("lt2", "F3F4F6"),
        ("accent1", "0072B2"),
        ("accent2", "56B4E9"),
        ("accent3", "009E73"),
        ("accent4", "E69F00"),
        ("accent5", "D55E00"),
        ("accent6", "CC79A7"),
        ("hlink", "0072B2"),
        ("folHlink", "7B8794"),
    ];
    let mut clr = String::new();
    for (k, v) in colours {
        let _ = write!(clr, r#"<a:{k}><a:srgbClr val="{v}"/></a:{k}>"#);
    }
    let font = r#"<a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/>"#;
    let fill = r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#;
    let ln = r#"<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#;
    let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="{name}"><a:themeElements><a:clrScheme name="Advocate">{clr}</a:clrScheme><a:fontScheme name="Advocate"><a:majorFont>{font}</a:majorFont><a:minorFont>{font}</a:minorFont></a:fontScheme><a:fmtScheme name="Advocate"><a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst><a:lnStyleLst>{ln}{ln}{ln}</a:lnStyleLst><a:effectStyleLst>{effect}{effect}{effect}</a:effectStyleLst><a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#
    )
}

fn rels(entries: &[(&str, &str, String)]) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (id, kind, target) in entries {
        let _ = write!(
            s,
            r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/{kind}" Target="{}"/>"#,
            esc(target)
        );
    }
    s.push_str("</Relationships>");
    s
}

const REL: &str = "officeDocument/2006/relationships";

/// The deck of a map: the map, the ranking and the paths, with speaker notes unless redacted.
pub fn render(map: &Map, options: &ExportOptions, extras: &SlideExtras) -> Result<Vec<u8>, String> {
    let wide = ExportOptions {
        size: None,
        page: Some(Page::Widescreen),
        ..options.clone()
    };
    let scene = drawing::scene(map, &wide);
    let with_notes = !options.redact.is_on();
    let slides = [
        map_slide(&scene),
        ranking_slide(map, &extras.ranking, options.redact),
        paths_slide(map, &extras.paths, options.redact),
    ];

    let mut parts: Vec<(String, String)> = Vec::new();
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#,
    );
    let mut override_part = |name: &str, kind: &str| {
        let _ = write!(
            types,
            r#"<Override PartName="/{name}" ContentType="application/vnd.openxmlformats-{kind}"/>"#
        );
    };
    override_part(
        "ppt/presentation.xml",
        "officedocument.presentationml.presentation.main+xml",
    );
    override_part(
        "ppt/slideMasters/slideMaster1.xml",
        "officedocument.presentationml.slideMaster+xml",
    );
    override_part(
        "ppt/slideLayouts/slideLayout1.xml",
        "officedocument.presentationml.slideLayout+xml",
    );
    override_part("ppt/theme/theme1.xml", "officedocument.theme+xml");
    override_part(
        "ppt/presProps.xml",
        "officedocument.presentationml.presProps+xml",
    );
    override_part(
        "ppt/viewProps.xml",
        "officedocument.presentationml.viewProps+xml",
    );
    override_part(
        "ppt/tableStyles.xml",
        "officedocument.presentationml.tableStyles+xml",
    );
    override_part("docProps/core.xml", "package.core-properties+xml");
    override_part("docProps/app.xml", "officedocument.extended-properties+xml");
    for i in 1..=slides.len() {
        override_part(
            &format!("ppt/slides/slide{i}.xml"),
            "officedocument.presentationml.slide+xml",
        );
        if with_notes {
            override_part(
                &format!("ppt/notesSlides/notesSlide{i}.xml"),
                "officedocument.presentationml.notesSlide+xml",
            );
        }
    }
    if with_notes {
        override_part(
            "ppt/notesMasters/notesMaster1.xml",
            "officedocument.presentationml.notesMaster+xml",
        );
        override_part("ppt/theme/theme2.xml", "officedocument.theme+xml");
    }
    types.push_str("</Types>");
    parts.push(("[Content_Types].xml".into(), types));

    parts.push((
        "_rels/.rels".into(),
        rels(&[
            (
                "rId1",
                &format!("{REL}/officeDocument"),
                "ppt/presentation.xml".into(),
            ),
            (
                "rId2",
                "package/2006/relationships/metadata/core-properties",
                "docProps/core.xml".into(),
            ),
            (
                "rId3",
                &format!("{REL}/extended-properties"),
                "docProps/app.xml".into(),
            ),
        ]),
    ));
    let date = crate::store::today();
    parts.push((
        "docProps/core.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>Advocate</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</dcterms:created></cp:coreProperties>"#,
            esc(&scene.title)
        ),
    ));
    parts.push((
        "docProps/app.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Advocate</Application><Slides>{}</Slides></Properties>"#,
            slides.len()
        ),
    ));

    // The presentation and its relationships.
    let mut pres_rels = vec![
        (
            "rId1".to_string(),
            format!("{REL}/slideMaster"),
            "slideMasters/slideMaster1.xml".to_string(),
        ),
        (
            "rId3".into(),
            format!("{REL}/theme"),
            "theme/theme1.xml".into(),
        ),
        (
            "rId4".into(),
            format!("{REL}/presProps"),
            "presProps.xml".into(),
        ),
        (
            "rId5".into(),
            format!("{REL}/viewProps"),
            "viewProps.xml".into(),
        ),
        (
            "rId6".into(),
            format!("{REL}/tableStyles"),
            "tableStyles.xml".into(),
        ),
    ];
    if with_notes {
        pres_rels.push((
            "rId2".into(),
            format!("{REL}/notesMaster"),
            "notesMasters/notesMaster1.xml".into(),
        ));
    }
    let mut slide_ids = String::new();
    for i in 1..=slides.len() {
        pres_rels.push((
            format!("rId{}", 10 + i),
            format!("{REL}/slide"),
            format!("slides/slide{i}.xml"),
        ));
        let _ = write!(
            slide_ids,
            r#"<p:sldId id="{}" r:id="rId{}"/>"#,
            255 + i,
            10 + i
        );
    }
    let notes_master_list = if with_notes {
        r#"<p:notesMasterIdLst><p:notesMasterId r:id="rId2"/></p:notesMasterIdLst>"#
    } else {
        ""
    };
    parts.push((
        "ppt/presentation.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:presentation {NS} saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>{notes_master_list}<p:sldIdLst>{slide_ids}</p:sldIdLst><p:sldSz cx="{SLIDE_W}" cy="{SLIDE_H}"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>"#
        ),
    ));
    let pres_rels: Vec<(&str, &str, String)> = pres_rels
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.clone()))
        .collect();
    parts.push(("ppt/_rels/presentation.xml.rels".into(), rels(&pres_rels)));
    parts.push((
        "ppt/presProps.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:presentationPr {NS}/>"#
        ),
    ));
    parts.push((
        "ppt/viewProps.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:viewPr {NS}><p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/></p:normalViewPr><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>"#
        ),
    ));
    parts.push((
        "ppt/tableStyles.xml".into(),
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"/>"#
            .into(),
    ));
    parts.push(("ppt/theme/theme1.xml".into(), theme("Advocate")));

    // Master and layout: blank, white.
    parts.push((
        "ppt/slideMasters/slideMaster1.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sldMaster {NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:effectLst/></p:bgPr></p:bg><p:spTree>{EMPTY_GROUP}</p:spTree></p:cSld>{CLR_MAP}<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>"#
        ),
    ));
    parts.push((
        "ppt/slideMasters/_rels/slideMaster1.xml.rels".into(),
        rels(&[
            (
                "rId1",
                &format!("{REL}/slideLayout"),
                "../slideLayouts/slideLayout1.xml".into(),
            ),
            (
                "rId2",
                &format!("{REL}/theme"),
                "../theme/theme1.xml".into(),
            ),
        ]),
    ));
    parts.push((
        "ppt/slideLayouts/slideLayout1.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sldLayout {NS} type="blank" preserve="1"><p:cSld name="Blank"><p:spTree>{EMPTY_GROUP}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"#
        ),
    ));
    parts.push((
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels".into(),
        rels(&[(
            "rId1",
            &format!("{REL}/slideMaster"),
            "../slideMasters/slideMaster1.xml".into(),
        )]),
    ));

    if with_notes {
        parts.push((
            "ppt/notesMasters/notesMaster1.xml".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:notesMaster {NS}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree>{EMPTY_GROUP}<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg" idx="2"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="381000" y="685800"/><a:ext cx="6096000" cy="3429000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr></p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" sz="quarter" idx="3"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="685800" y="4343400"/><a:ext cx="5486400" cy="4114800"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-GB"/></a:p></p:txBody></p:sp></p:spTree></p:cSld>{CLR_MAP}</p:notesMaster>"#
            ),
        ));
        parts.push((
            "ppt/notesMasters/_rels/notesMaster1.xml.rels".into(),
            rels(&[(
                "rId1",
                &format!("{REL}/theme"),
                "../theme/theme2.xml".into(),
            )]),
        ));
        parts.push(("ppt/theme/theme2.xml".into(), theme("Advocate notes")));
    }

    let notes = if with_notes {
        Some(notes_texts(map, &scene, extras))
    } else {
        None
    };
    for (i, slide) in slides.into_iter().enumerate() {
        let n = i + 1;
        parts.push((format!("ppt/slides/slide{n}.xml"), slide));
        let mut slide_rels = vec![(
            "rId1",
            format!("{REL}/slideLayout"),
            "../slideLayouts/slideLayout1.xml".to_string(),
        )];
        if let Some(notes) = &notes {
            slide_rels.push((
                "rId2",
                format!("{REL}/notesSlide"),
                format!("../notesSlides/notesSlide{n}.xml"),
            ));
            parts.push((
                format!("ppt/notesSlides/notesSlide{n}.xml"),
                notes_slide(&notes[i]),
            ));
            parts.push((
                format!("ppt/notesSlides/_rels/notesSlide{n}.xml.rels"),
                rels(&[
                    (
                        "rId1",
                        &format!("{REL}/notesMaster"),
                        "../notesMasters/notesMaster1.xml".into(),
                    ),
                    (
                        "rId2",
                        &format!("{REL}/slide"),
                        format!("../slides/slide{n}.xml"),
                    ),
                ]),
            ));
        }
        let slide_rels: Vec<(&str, &str, String)> = slide_rels
            .iter()
            .map(|(a, b, c)| (*a, b.as_str(), c.clone()))
            .collect();
        parts.push((
            format!("ppt/slides/_rels/slide{n}.xml.rels"),
            rels(&slide_rels),
        ));
    }

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        zip.start_file(name.as_str(), options)
            .and_then(|()| zip.write_all(content.as_bytes()).map_err(Into::into))
            .map_err(|e| format!("cannot write the slide deck: {e}"))?;
    }
    zip.finish()
        .map(std::io::Cursor::into_inner)
        .map_err(|e| format!("cannot write the slide deck: {e}"))
}
