//! The SVG export: the whole map as a vector drawing (department tints, ties as arrows, people as
//! stance-coloured circles with labels, title, subtitle and legend). Text stays `<text>`, escaped;
//! each person and tie carries a `<title>` tooltip with the full name and details.
//!
//! The PNG and PDF exports render this same SVG.

use std::fmt::Write;

use crate::export::ExportOptions;
use crate::export::drawing::{
    self, BOARD_COLOUR, FONT_FAMILY, INK, MUTED_INK, PATH_COLOUR, Scene, TIE_COLOUR,
};
use crate::formats::xml::{esc, num, push_esc, push_num};
use crate::model::Map;

/// The SVG of a map. Its size: the options' size in pixels, else the page at 96 dpi, else the
/// logical canvas.
pub fn render(map: &Map, options: &ExportOptions) -> String {
    let scene = drawing::scene(map, options);
    let (w, h) = match (options.size, options.page) {
        (Some((w, h)), _) if w > 0 && h > 0 => (w as f64, h as f64),
        (_, Some(page)) => {
            let (pw, ph) = page.points();
            (pw * 96.0 / 72.0, ph * 96.0 / 72.0)
        }
        _ => (scene.width, scene.height),
    };
    write_scene(&scene, w, h)
}

/// The SVG of a scene, drawn at `width` × `height` (its viewBox is the scene's canvas).
pub fn write_scene(scene: &Scene, width: f64, height: f64) -> String {
    let mut s = String::with_capacity(2048 + scene.people.len() * 700 + scene.ties.len() * 260);
    let _ = write!(
        s,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{}" height="{}" viewBox="0 0 {} {}" font-family="{}">
<title>{}</title>
"#,
        num(width),
        num(height),
        num(scene.width),
        num(scene.height),
        esc(FONT_FAMILY),
        esc(&scene.title),
    );
    let a = scene.arrow;
    let _ = write!(
        s,
        r#"<defs>
<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="{a}" markerHeight="{a}" orient="auto" overflow="visible"><path d="M0,0 L10,5 L0,10 z" fill="{TIE_COLOUR}" fill-opacity="{o}"/></marker>
<marker id="arrow-faded" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="{a}" markerHeight="{a}" orient="auto" overflow="visible"><path d="M0,0 L10,5 L0,10 z" fill="{TIE_COLOUR}" fill-opacity="0.25"/></marker>
<marker id="arrow-path" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="{b}" markerHeight="{b}" orient="auto" overflow="visible"><path d="M0,0 L10,5 L0,10 z" fill="{PATH_COLOUR}"/></marker>
</defs>
"#,
        a = num(a),
        b = num(a * 1.4),
        o = num(scene.tie_opacity),
    );
    if !scene.transparent {
        let _ = writeln!(
            s,
            r##"<rect x="0" y="0" width="{}" height="{}" fill="#FFFFFF"/>"##,
            num(scene.width),
            num(scene.height)
        );
    }

    // Title and subtitle.
    let unit = scene.height / 900.0;
    let margin = 24.0 * unit;
    let _ = writeln!(
        s,
        r#"<text x="{}" y="{}" font-size="{}" font-weight="bold" fill="{INK}">{}</text>"#,
        num(margin),
        num(margin + scene.title_font),
        num(scene.title_font),
        esc(&scene.title)
    );
    let _ = writeln!(
        s,
        r#"<text x="{}" y="{}" font-size="{}" fill="{MUTED_INK}">{}</text>"#,
        num(margin),
        num(margin + scene.title_font + scene.subtitle_font + 8.0 * unit),
        num(scene.subtitle_font),
        esc(&scene.subtitle)
    );

    // Departments behind everything.
    s.push_str("<g id=\"departments\">\n");
    for d in &scene.departments {
        let _ = writeln!(
            s,
            r#"<g><title>{name}</title><rect x="{}" y="{}" width="{}" height="{}" rx="{r}" fill="{t}" fill-opacity="0.08" stroke="{t}" stroke-opacity="0.5" stroke-width="{sw}"/><text x="{}" y="{}" font-size="{}" font-weight="bold" fill="{t}">{short}</text></g>"#,
            num(d.x),
            num(d.y),
            num(d.w),
            num(d.h),
            num(d.x + scene.label_font * 0.6),
            num(d.y + scene.label_font * 1.3),
            num(scene.label_font * 1.05),
            name = esc(&d.name),
            short = esc(&drawing::shorten(
                &d.name,
                (d.w / (scene.label_font * 0.62)).max(4.0)
            )),
            r = num(scene.label_font * 0.8),
            t = d.tint,
            sw = num(unit.max(0.5)),
        );
    }
    s.push_str("</g>\n");

    // Ties, faded ones first so highlighted ones sit on top.
    s.push_str("<g id=\"ties\" fill=\"none\">\n");
    let mut order: Vec<&drawing::SceneTie> = scene.ties.iter().collect();
    order.sort_by_key(|t| (!t.faded, t.on_path));
    for t in order {
        let (colour, marker) = if t.on_path {
            (PATH_COLOUR, "arrow-path")
        } else if t.faded {
            (TIE_COLOUR, "arrow-faded")
        } else {
            (TIE_COLOUR, "arrow")
        };
        s.push_str("<line x1=\"");
        push_num(&mut s, t.x1);
        s.push_str("\" y1=\"");
        push_num(&mut s, t.y1);
        s.push_str("\" x2=\"");
        push_num(&mut s, t.x2);
        s.push_str("\" y2=\"");
        push_num(&mut s, t.y2);
        let _ = write!(
            s,
            "\" stroke=\"{colour}\" stroke-width=\"{}\" marker-end=\"url(#{marker})\"",
            num(t.width)
        );
        if let Some(dash) = t.dash.svg_array(t.width) {
            let _ = write!(s, " stroke-dasharray=\"{dash}\"");
        }
        // Opacity of the stroke, never of the element: an element's `opacity` makes renderers
        // draw it on a layer of its own, which for thousands of ties is very slow.
        if t.faded {
            s.push_str(" stroke-opacity=\"0.25\"");
        } else if !t.on_path {
            let _ = write!(s, " stroke-opacity=\"{}\"", num(scene.tie_opacity));
        }
        s.push_str("><title>");
        push_esc(&mut s, &scene.people[t.from].full_label);
        s.push_str(" → ");
        push_esc(&mut s, &scene.people[t.to].full_label);
        s.push_str(": ");
        push_esc(&mut s, &t.kind);
        let _ = write!(s, ", strength {}", num(t.strength));
        s.push_str("</title></line>\n");
    }
    s.push_str("</g>\n");

    // People: circle, rings, label with a white halo.
    let _ = writeln!(
        s,
        r#"<g id="people" font-size="{}" text-anchor="middle" fill="{INK}">"#,
        num(scene.label_font)
    );
    // Labels get a white halo to stand out from the ties; on dense maps the ties are light
    // enough without, and a thousand stroked labels would double the time to draw.
    let halo = if scene.people.len() <= 300 {
        format!(
            r##" stroke="#FFFFFF" stroke-width="{}" stroke-linejoin="round" paint-order="stroke""##,
            num(scene.label_font * 0.28)
        )
    } else {
        String::new()
    };
    for p in &scene.people {
        let _ = write!(s, "<g id=\"person-{}\"", p.id.0);
        if p.faded {
            // Inherited by the circle and the label, without a layer of its own.
            s.push_str(" fill-opacity=\"0.4\" stroke-opacity=\"0.4\"");
        }
        s.push_str("><title>");
        push_esc(&mut s, &p.full_label);
        s.push_str(" — ");
        push_esc(&mut s, &p.detail);
        s.push_str("</title>");
        if let Some(tint) = &p.tint {
            let _ = write!(
                s,
                r#"<circle cx="{}" cy="{}" r="{}" fill="{tint}" fill-opacity="0.35"/>"#,
                num(p.x),
                num(p.y),
                num(p.r * 1.45),
            );
        }
        let (stroke, sw) = if p.on_path {
            (PATH_COLOUR, p.r * 0.28)
        } else if p.decision_maker {
            (INK, p.r * 0.2)
        } else {
            ("#FFFFFF", p.r * 0.12)
        };
        let _ = write!(
            s,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{stroke}" stroke-width="{}"/>"#,
            num(p.x),
            num(p.y),
            num(p.r),
            p.fill,
            num(sw.max(0.5)),
        );
        if p.audience {
            let _ = write!(
                s,
                r#"<circle cx="{}" cy="{}" r="{}" fill="none" stroke="{INK}" stroke-width="{}" stroke-dasharray="{} {}"/>"#,
                num(p.x),
                num(p.y),
                num(p.r * 1.2 + 1.0),
                num((p.r * 0.1).max(0.6)),
                num((p.r * 0.3).max(1.5)),
                num((p.r * 0.2).max(1.0)),
            );
        }
        if p.home {
            let side = (p.r * 0.55).max(2.0);
            let _ = write!(
                s,
                r##"<rect x="{}" y="{}" width="{}" height="{}" fill="{INK}" stroke="#FFFFFF" stroke-width="{}"/>"##,
                num(p.x + p.r * 0.7 - side / 2.0),
                num(p.y - p.r * 0.7 - side / 2.0),
                num(side),
                num(side),
                num((side * 0.15).max(0.5)),
            );
        }
        if p.on_board {
            let _ = write!(
                s,
                r#"<circle cx="{}" cy="{}" r="{}" fill="none" stroke="{BOARD_COLOUR}" stroke-width="{}"/>"#,
                num(p.x),
                num(p.y),
                num(p.r * 1.35 + 1.0),
                num((p.r * 0.22).max(1.0)),
            );
        }
        let first_y = p.y + p.r * if p.on_board { 1.45 } else { 1.0 } + scene.label_font * 1.05;
        // One <text> a line: bidirectional text stays whole within each line.
        for (i, line) in p.label.iter().enumerate() {
            let _ = write!(
                s,
                r#"<text x="{}" y="{}"{halo}{}>"#,
                num(p.x),
                num(first_y + i as f64 * scene.label_font * 1.15),
                if p.decision_maker {
                    " font-weight=\"bold\""
                } else {
                    ""
                },
            );
            push_esc(&mut s, line);
            s.push_str("</text>");
        }
        s.push_str("</g>\n");
    }
    s.push_str("</g>\n");

    write_legend(&mut s, scene);
    s.push_str("</svg>\n");
    s
}

fn write_legend(s: &mut String, scene: &Scene) {
    let l = &scene.legend;
    let f = l.font;
    let line = f * 1.7;
    let (x, mut y) = (l.x, l.y);
    let _ = writeln!(s, r#"<g id="legend" font-size="{}" fill="{INK}">"#, num(f));
    let heading = |s: &mut String, y: f64, text: &str| {
        let _ = writeln!(
            s,
            r#"<text x="{}" y="{}" font-weight="bold">{}</text>"#,
            num(x),
            num(y),
            esc(text)
        );
    };
    // A legend row with a round swatch: `paint` are the circle's fill and stroke attributes,
    // `label` is escaped text.
    let swatch = |s: &mut String, y: f64, r: f64, paint: &str, label: &str| {
        let _ = writeln!(
            s,
            r#"<circle cx="{}" cy="{}" r="{}" {paint}/><text x="{}" y="{}">{label}</text>"#,
            num(x + f * 0.6),
            num(y - f * 0.35),
            num(f * r),
            num(x + f * 1.7),
            num(y),
        );
    };
    heading(s, y, "Stance");
    y += line * 0.9;
    for (stance, colour) in &l.stances {
        let paint = format!(r##"fill="{colour}" stroke="#FFFFFF""##);
        swatch(s, y, 0.55, &paint, drawing::stance_caption(*stance));
        y += line;
    }
    if l.decision_makers {
        let paint = format!(
            r##"fill="#FFFFFF" stroke="{INK}" stroke-width="{}""##,
            num(f * 0.2)
        );
        swatch(s, y, 0.5, &paint, "Decision-maker");
        y += line;
    }
    if l.audience {
        let paint = format!(
            r##"fill="#FFFFFF" stroke="{INK}" stroke-width="{}" stroke-dasharray="{} {}""##,
            num(f * 0.1),
            num(f * 0.2),
            num(f * 0.12)
        );
        swatch(s, y, 0.5, &paint, "Audience of the goal");
        y += line;
    }
    if l.home {
        let _ = writeln!(
            s,
            r##"<rect x="{}" y="{}" width="{}" height="{}" fill="{INK}"/><text x="{}" y="{}">Home team</text>"##,
            num(x + f * 0.35),
            num(y - f * 0.6),
            num(f * 0.5),
            num(f * 0.5),
            num(x + f * 1.7),
            num(y),
        );
        y += line;
    }
    let _ = writeln!(
        s,
        r#"<text x="{}" y="{}" fill="{MUTED_INK}">{}</text>"#,
        num(x),
        num(y),
        l.size_caption
    );
    y += line * 1.4;
    if !l.kinds.is_empty() {
        heading(s, y, "Influence (A sways B)");
        y += line * 0.9;
        for (kind, dash) in &l.kinds {
            let w = f * 0.18;
            let _ = write!(
                s,
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{TIE_COLOUR}" stroke-width="{}" marker-end="url(#arrow)""#,
                num(x),
                num(y - f * 0.35),
                num(x + f * 2.6),
                num(y - f * 0.35),
                num(w),
            );
            if let Some(d) = dash.svg_array(w * 2.0) {
                let _ = write!(s, " stroke-dasharray=\"{d}\"");
            }
            let _ = writeln!(
                s,
                r#"/><text x="{}" y="{}">{}</text>"#,
                num(x + f * 3.2),
                num(y),
                esc(&drawing::shorten(kind, 18.0))
            );
            y += line;
        }
        let _ = writeln!(
            s,
            r#"<text x="{}" y="{}" fill="{MUTED_INK}">Width: strength</text>"#,
            num(x),
            num(y)
        );
        y += line * 1.4;
    }
    if !l.departments.is_empty() {
        heading(s, y, "Department");
        y += line * 0.9;
        for (name, tint) in &l.departments {
            let paint = format!(r#"fill="{tint}" fill-opacity="0.5""#);
            swatch(s, y, 0.6, &paint, &esc(&drawing::shorten(name, 20.0)));
            y += line;
        }
        y += line * 0.4;
    }
    if l.path {
        let _ = writeln!(
            s,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{PATH_COLOUR}" stroke-width="{}"/><text x="{}" y="{}">Best path</text>"#,
            num(x),
            num(y - f * 0.35),
            num(x + f * 2.6),
            num(y - f * 0.35),
            num(f * 0.3),
            num(x + f * 3.2),
            num(y),
        );
        y += line;
    }
    if l.board {
        let paint = format!(
            r#"fill="none" stroke="{BOARD_COLOUR}" stroke-width="{}""#,
            num(f * 0.2)
        );
        swatch(s, y, 0.5, &paint, "Board of advocates");
    }
    s.push_str("</g>\n");
}
