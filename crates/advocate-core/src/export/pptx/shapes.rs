//! Building a slide's shape tree: numbered shapes, text runs, ellipses, connectors, tables and
//! the heading every slide starts with, as DrawingML.

use std::fmt::Write as _;

use crate::export::drawing::{INK, MUTED_INK};
use crate::formats::xml::esc;

use super::{EMPTY_GROUP, NS, SLIDE_W};

pub(super) fn hex(colour: &str) -> String {
    colour.trim_start_matches('#').to_ascii_uppercase()
}

/// Builds a slide's shape tree, numbering shapes.
pub(super) struct Shapes {
    pub(super) xml: String,
    pub(super) next_id: u32,
}

/// A run of text: content, size in points, bold, colour.
pub(super) struct Run<'a> {
    pub(super) text: &'a str,
    pub(super) pt: f64,
    pub(super) bold: bool,
    pub(super) colour: &'a str,
}

impl Shapes {
    pub(super) fn new() -> Shapes {
        Shapes {
            xml: String::with_capacity(64 * 1024),
            next_id: 2,
        }
    }

    pub(super) fn id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    pub(super) fn paragraphs(&mut self, lines: &[Vec<Run>], align: &str) {
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
    pub(super) fn text_box(
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
    pub(super) fn shape(
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

    /// An unfilled ellipse drawn with a dashed outline (the audience's ring).
    pub(super) fn dashed_ring(
        &mut self,
        name: &str,
        (x, y, w, h): (i64, i64, i64, i64),
        colour: &str,
        width: i64,
    ) {
        let id = self.id();
        let _ = write!(
            self.xml,
            r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom><a:noFill/><a:ln w="{width}"><a:solidFill><a:srgbClr val="{}"/></a:solidFill><a:prstDash val="dash"/></a:ln></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-GB" dirty="0"/></a:p></p:txBody></p:sp>"#,
            esc(name),
            hex(colour)
        );
    }

    /// A straight connector with an arrowhead at `(x2, y2)`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn arrow(
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

    pub(super) fn group_start(&mut self, name: &str, (x, y, w, h): (i64, i64, i64, i64)) {
        let id = self.id();
        let _ = write!(
            self.xml,
            r#"<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{id}" name="{}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/><a:chOff x="{x}" y="{y}"/><a:chExt cx="{w}" cy="{h}"/></a:xfrm></p:grpSpPr>"#,
            esc(name)
        );
    }

    pub(super) fn group_end(&mut self) {
        self.xml.push_str("</p:grpSp>");
    }

    /// A table with a header row; `widths` in EMU.
    pub(super) fn table(
        &mut self,
        name: &str,
        (x, y): (i64, i64),
        widths: &[i64],
        rows: &[Vec<String>],
    ) {
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

    pub(super) fn slide(self) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sld {NS}><p:cSld><p:spTree>{EMPTY_GROUP}{}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"#,
            self.xml
        )
    }
}

pub(super) fn run<'a>(text: &'a str, pt: f64, bold: bool, colour: &'a str) -> Run<'a> {
    Run {
        text,
        pt,
        bold,
        colour,
    }
}

/// Slide title and subtitle at the top left.
pub(super) fn heading(shapes: &mut Shapes, title: &str, subtitle: &str) {
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
