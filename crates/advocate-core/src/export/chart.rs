//! The progress chart: how many people stood where at the end of each month, the audience
//! highlighted beside everyone. It is laid out once, as marks on a 960 × 540 canvas (a 16:9
//! slide in points), and every shell draws those marks: the SVG (which the PNG and PDF
//! rasterise), the deck's Progress slide (as native shapes) and the app (the SVG).
//!
//! Each month has two stacked columns of shares: a narrow, pale one for everyone on the map
//! and a wide, outlined one for the audience, champions at the bottom so that "on our side"
//! grows from the baseline. Shares, not counts, so the two groups compare; the audience's
//! column is topped by how many of them are on our side.

use std::fmt::Write as _;

use serde::Serialize;

use crate::campaign::progress::{MonthCounts, StanceCounts, by_month};
use crate::export::drawing::{FONT_FAMILY, INK, MUTED_INK, stance_caption, stance_colour};
use crate::formats::xml::{esc, num};
use crate::model::{Map, Stance};

/// The canvas, in points.
pub const WIDTH: f64 = 960.0;
pub const HEIGHT: f64 = 540.0;
/// The colour of people whose stance was not yet recorded.
pub const UNRECORDED: &str = "#E4E7EB";
/// At most this many months are drawn (the latest).
pub const MAX_MONTHS: usize = 24;
/// At least this many months are drawn, so a young campaign still shows a trend's frame.
pub const MIN_MONTHS: usize = 6;

/// Where a text is anchored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// One thing drawn, in the canvas's points (y downwards; a text's y is its baseline).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "mark", rename_all = "lowercase")]
pub enum Mark {
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: String,
        /// 0–1.
        opacity: f64,
        stroke: Option<String>,
        /// What the rectangle stands for, in words (the SVG's tooltip, the shape's description).
        title: String,
    },
    Line {
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        colour: String,
        width: f64,
    },
    Text {
        x: f64,
        y: f64,
        text: String,
        size: f64,
        bold: bool,
        colour: String,
        anchor: Anchor,
    },
}

/// The chart, laid out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    pub title: String,
    pub subtitle: String,
    /// The plot, the axes and the legend (the title and subtitle are drawn by each shell, so the
    /// deck can use its own heading).
    pub marks: Vec<Mark>,
    /// The months drawn, `YYYY-MM`.
    pub months: Vec<String>,
}

/// The stances in the order they stack, from the baseline up; `None` is "not yet recorded".
const STACK: [Option<Stance>; 6] = [
    Some(Stance::Champion),
    Some(Stance::Supporter),
    Some(Stance::Neutral),
    Some(Stance::Sceptic),
    Some(Stance::Blocker),
    None,
];

fn colour(stance: Option<Stance>) -> &'static str {
    stance.map_or(UNRECORDED, stance_colour)
}

fn caption(stance: Option<Stance>) -> &'static str {
    stance.map_or("Not yet recorded", stance_caption)
}

/// "Sep 2026" for `2026-09`.
pub fn month_label(month: &str) -> String {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let m: usize = month.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
    match (NAMES.get(m.wrapping_sub(1)), month.get(..4)) {
        (Some(n), Some(y)) => format!("{n} {y}"),
        _ => month.to_string(),
    }
}

/// The months a progress chart shows by default: from the month of the log's first recorded
/// stance to `today`'s month, at least [`MIN_MONTHS`] and at most [`MAX_MONTHS`] of them.
pub fn default_range(map: &Map, today: &str) -> (String, String) {
    let end = today.get(..7).unwrap_or(today).to_string();
    let first = map
        .engagements()
        .filter(|e| e.stance_after.is_some() && e.date.as_str() <= today)
        .map(|e| e.date.get(..7).unwrap_or(&e.date))
        .min()
        .map(str::to_string);
    let earliest = shift_month(&end, -(MAX_MONTHS as i32 - 1));
    let latest_start = shift_month(&end, -(MIN_MONTHS as i32 - 1));
    let start = match first {
        Some(f) if f < latest_start => f.max(earliest),
        _ => latest_start,
    };
    (start, end)
}

/// `YYYY-MM` moved by `by` months.
fn shift_month(month: &str, by: i32) -> String {
    let y: i32 = month.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2000);
    let m: i32 = month.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    let total = y * 12 + (m - 1) + by;
    format!(
        "{:04}-{:02}",
        total.div_euclid(12),
        total.rem_euclid(12) + 1
    )
}

/// The progress chart of a map from `since` (a date or month; default: [`default_range`]) to
/// `today`, for everyone and the goal's audience.
pub fn progress_chart(map: &Map, since: Option<&str>, today: &str) -> Result<Chart, String> {
    crate::campaign::date_or_error("today", today)?;
    let (from, to) = match since {
        Some(s) => {
            let s = s.trim();
            if crate::campaign::parse_date(s).is_none()
                && crate::campaign::parse_date(&format!("{s}-01")).is_none()
            {
                return Err(format!(
                    "since {s:?} is not a date (YYYY-MM-DD) or a month (YYYY-MM)"
                ));
            }
            let from = s.get(..7).unwrap_or(s).to_string();
            let to = today.get(..7).unwrap_or(today).to_string();
            if from > to {
                return Err(format!("since ({s}) is after today ({today})"));
            }
            let earliest = shift_month(&to, -(MAX_MONTHS as i32 - 1));
            (from.max(earliest), to)
        }
        None => default_range(map, today),
    };
    let audience = map.audience();
    let months = by_month(map, &audience, &[], &from, &to);
    let everyone = map.people().len();
    let title = "Stance over time".to_string();
    let subtitle = if audience.is_empty() {
        format!("Everyone on the map ({everyone}), at the end of each month")
    } else {
        format!(
            "The audience ({}) against everyone on the map ({everyone}), at the end of each month",
            audience.len()
        )
    };
    Ok(lay_out(title, subtitle, &months, !audience.is_empty()))
}

/// The plot's frame, in points.
const PLOT: (f64, f64, f64, f64) = (80.0, 110.0, 752.0, 470.0);

/// Lays the chart out from the monthly counts.
pub fn lay_out(title: String, subtitle: String, months: &[MonthCounts], audience: bool) -> Chart {
    let (x0, y0, x1, y1) = PLOT;
    let mut marks = Vec::new();
    // Gridlines and the axis's shares.
    for i in 0..=4 {
        let share = i as f64 / 4.0;
        let y = y1 - share * (y1 - y0);
        marks.push(Mark::Line {
            x1: x0,
            y1: y,
            x2: x1,
            y2: y,
            colour: if i == 0 { MUTED_INK } else { "#D9DDE2" }.into(),
            width: if i == 0 { 1.0 } else { 0.5 },
        });
        marks.push(Mark::Text {
            x: x0 - 8.0,
            y: y + 4.0,
            text: format!("{}%", i * 25),
            size: 11.0,
            bold: false,
            colour: MUTED_INK.into(),
            anchor: Anchor::End,
        });
    }
    let n = months.len().max(1);
    let slot = (x1 - x0) / n as f64;
    // Label every month while they fit, else every second, third…
    let every = (56.0 / slot).ceil().max(1.0) as usize;
    for (i, m) in months.iter().enumerate() {
        let left = x0 + slot * i as f64;
        let (everyone_x, everyone_w, audience_x, audience_w) = if audience {
            (
                left + slot * 0.14,
                slot * 0.2,
                left + slot * 0.38,
                slot * 0.48,
            )
        } else {
            (left + slot * 0.2, slot * 0.6, 0.0, 0.0)
        };
        let label = month_label(&m.month);
        column(
            &mut marks,
            &m.everyone,
            (everyone_x, everyone_w),
            if audience { 0.45 } else { 1.0 },
            None,
            &format!("Everyone, {label}"),
        );
        if audience {
            column(
                &mut marks,
                &m.audience,
                (audience_x, audience_w),
                1.0,
                Some(INK),
                &format!("The audience, {label}"),
            );
            if m.audience.total() > 0 {
                marks.push(Mark::Text {
                    x: audience_x + audience_w / 2.0,
                    y: y0 - 6.0,
                    text: format!("{}/{}", m.audience.on_side(), m.audience.total()),
                    size: if slot < 40.0 { 8.0 } else { 11.0 },
                    bold: true,
                    colour: INK.into(),
                    anchor: Anchor::Middle,
                });
            }
        }
        if i % every == 0 || i + 1 == months.len() && every == 1 {
            marks.push(Mark::Text {
                x: left + slot / 2.0,
                y: y1 + 18.0,
                text: label,
                size: 11.0,
                bold: false,
                colour: MUTED_INK.into(),
                anchor: Anchor::Middle,
            });
        }
    }
    if months.is_empty() {
        marks.push(Mark::Text {
            x: (x0 + x1) / 2.0,
            y: (y0 + y1) / 2.0,
            text: "No months to show".into(),
            size: 14.0,
            bold: false,
            colour: MUTED_INK.into(),
            anchor: Anchor::Middle,
        });
    }
    legend(&mut marks, audience);
    Chart {
        title,
        subtitle,
        marks,
        months: months.iter().map(|m| m.month.clone()).collect(),
    }
}

/// One stacked column of shares.
fn column(
    marks: &mut Vec<Mark>,
    counts: &StanceCounts,
    (x, w): (f64, f64),
    opacity: f64,
    stroke: Option<&str>,
    what: &str,
) {
    let (_, y0, _, y1) = PLOT;
    let total = counts.total();
    if total == 0 {
        return;
    }
    let mut bottom = y1;
    for stance in STACK {
        let count = counts.get(stance);
        if count == 0 {
            continue;
        }
        let h = (y1 - y0) * count as f64 / total as f64;
        marks.push(Mark::Rect {
            x,
            y: bottom - h,
            w,
            h,
            fill: colour(stance).into(),
            opacity,
            stroke: stroke.map(String::from),
            title: format!(
                "{what}: {count} of {total} {} ({:.0}%)",
                caption(stance).to_lowercase(),
                100.0 * count as f64 / total as f64
            ),
        });
        bottom -= h;
    }
}

fn legend(marks: &mut Vec<Mark>, audience: bool) {
    let x = 780.0;
    let mut y = 130.0;
    for stance in STACK {
        marks.push(Mark::Rect {
            x,
            y: y - 11.0,
            w: 14.0,
            h: 14.0,
            fill: colour(stance).into(),
            opacity: 1.0,
            stroke: None,
            title: caption(stance).into(),
        });
        marks.push(Mark::Text {
            x: x + 22.0,
            y,
            text: caption(stance).into(),
            size: 12.0,
            bold: false,
            colour: INK.into(),
            anchor: Anchor::Start,
        });
        y += 24.0;
    }
    if audience {
        y += 12.0;
        for (w, opacity, stroke, text) in [
            (14.0, 1.0, Some(INK), "Wide, outlined:"),
            (6.0, 0.45, None, "Narrow, pale:"),
        ] {
            marks.push(Mark::Rect {
                x: x + (14.0 - w) / 2.0,
                y: y - 11.0,
                w,
                h: 14.0,
                fill: stance_colour(Stance::Supporter).into(),
                opacity,
                stroke: stroke.map(String::from),
                title: text.into(),
            });
            marks.push(Mark::Text {
                x: x + 22.0,
                y,
                text: text.into(),
                size: 12.0,
                bold: true,
                colour: INK.into(),
                anchor: Anchor::Start,
            });
            marks.push(Mark::Text {
                x: x + 22.0,
                y: y + 16.0,
                text: if stroke.is_some() {
                    "the audience"
                } else {
                    "everyone"
                }
                .into(),
                size: 12.0,
                bold: false,
                colour: INK.into(),
                anchor: Anchor::Start,
            });
            y += 42.0;
        }
        marks.push(Mark::Text {
            x,
            y: y + 4.0,
            text: "n/N: on our side".into(),
            size: 11.0,
            bold: false,
            colour: MUTED_INK.into(),
            anchor: Anchor::Start,
        });
    }
}

/// The chart as SVG, `width` × `height` (its viewBox is the 960 × 540 canvas), with its title
/// and subtitle unless `titled` is false; `transparent` leaves out the white background.
pub fn svg(chart: &Chart, width: f64, height: f64, titled: bool, transparent: bool) -> String {
    let mut s = String::with_capacity(4096 + chart.marks.len() * 200);
    let _ = write!(
        s,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{}" height="{}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONT_FAMILY}">
<title>{}</title>
"#,
        num(width),
        num(height),
        esc(&chart.title)
    );
    if !transparent {
        let _ = writeln!(
            s,
            r##"<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#FFFFFF"/>"##
        );
    }
    if titled {
        let _ = writeln!(
            s,
            r#"<text x="40" y="48" font-size="24" font-weight="bold" fill="{INK}">{}</text>"#,
            esc(&chart.title)
        );
        let _ = writeln!(
            s,
            r#"<text x="40" y="74" font-size="13" fill="{MUTED_INK}">{}</text>"#,
            esc(&chart.subtitle)
        );
    }
    for m in &chart.marks {
        match m {
            Mark::Rect {
                x,
                y,
                w,
                h,
                fill,
                opacity,
                stroke,
                title,
            } => {
                let _ = write!(
                    s,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}""#,
                    num(*x),
                    num(*y),
                    num(*w),
                    num(*h),
                    esc(fill)
                );
                if *opacity < 1.0 {
                    let _ = write!(s, r#" fill-opacity="{}""#, num(*opacity));
                }
                if let Some(c) = stroke {
                    let _ = write!(s, r#" stroke="{}" stroke-width="1""#, esc(c));
                }
                let _ = writeln!(s, "><title>{}</title></rect>", esc(title));
            }
            Mark::Line {
                x1,
                y1,
                x2,
                y2,
                colour,
                width,
            } => {
                let _ = writeln!(
                    s,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>"#,
                    num(*x1),
                    num(*y1),
                    num(*x2),
                    num(*y2),
                    esc(colour),
                    num(*width)
                );
            }
            Mark::Text {
                x,
                y,
                text,
                size,
                bold,
                colour,
                anchor,
            } => {
                let _ = writeln!(
                    s,
                    r#"<text x="{}" y="{}" font-size="{}"{} fill="{}" text-anchor="{}">{}</text>"#,
                    num(*x),
                    num(*y),
                    num(*size),
                    if *bold { r#" font-weight="bold""# } else { "" },
                    esc(colour),
                    match anchor {
                        Anchor::Start => "start",
                        Anchor::Middle => "middle",
                        Anchor::End => "end",
                    },
                    esc(text)
                );
            }
        }
    }
    s.push_str("</svg>\n");
    s
}

/// Renders the progress chart in a drawn format (SVG, PNG or PDF), as `export --chart` and the
/// app's chart export do. The options' size (SVG, PNG), dpi, page (PDF), transparency and title
/// and subtitle apply; the chart names nobody, so redaction changes nothing.
pub fn render(
    map: &Map,
    format: super::Format,
    options: &super::ExportOptions,
    since: Option<&str>,
    today: &str,
) -> Result<Vec<u8>, String> {
    use super::Format;
    options.check()?;
    let mut chart = progress_chart(map, since, today)?;
    if let Some(t) = &options.title {
        chart.title = t.clone();
    }
    if let Some(t) = &options.subtitle {
        chart.subtitle = t.clone();
    }
    match format {
        Format::Svg => {
            let (w, h) = options
                .size
                .map_or((WIDTH, HEIGHT), |(w, h)| (w as f64, h as f64));
            Ok(svg(&chart, w, h, true, options.transparent).into_bytes())
        }
        Format::Png => {
            let (w, h) = super::png::pixel_size(options);
            super::png::rasterise(
                &svg(&chart, w as f64, h as f64, true, options.transparent),
                w,
                h,
                options.transparent,
            )
        }
        Format::Pdf => {
            let page = options.page.unwrap_or(super::Page::A4);
            let (w, h) = page.points();
            let tree = super::png::tree(&svg(&chart, w, h, true, options.transparent))?;
            svg2pdf::to_pdf(
                &tree,
                svg2pdf::ConversionOptions::default(),
                svg2pdf::PageOptions { dpi: 72.0 },
            )
            .map_err(|e| format!("cannot write the PDF: {e}"))
        }
        other => Err(format!(
            "the progress chart is a drawing: export it as svg, png or pdf, not {}",
            other.name()
        )),
    }
}

/// Writes the progress chart to `path` (whole or not at all).
pub fn write(
    map: &Map,
    format: super::Format,
    options: &super::ExportOptions,
    since: Option<&str>,
    today: &str,
    path: &std::path::Path,
) -> Result<(), String> {
    let bytes = render(map, format, options, since, today)?;
    super::write_whole(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_shift_across_years() {
        assert_eq!(shift_month("2026-01", -1), "2025-12");
        assert_eq!(shift_month("2026-11", 3), "2027-02");
        assert_eq!(shift_month("2026-12", -23), "2025-01");
        assert_eq!(month_label("2026-09"), "Sep 2026");
        assert_eq!(month_label("nonsense"), "nonsense");
    }
}
