//! The campaign's slides: the Plan (open actions by owner and due date, as a table) and the
//! Progress chart (the marks of [`crate::export::chart`] as native shapes, so every column and
//! label can be moved and edited like the map's).

use crate::campaign::plan::OwnerActions;
use crate::export::Redact;
use crate::export::chart::{Anchor, Chart, Mark};
use crate::export::drawing::MUTED_INK;
use crate::model::Map;

use super::shapes::{Shapes, heading, run};
use super::slides::{MAX_ROWS, shorten_cell, shown_name};
use super::{EMU_PER_PT, SLIDE_W};

/// The Plan slide: each owner's open actions by due date. A redacted deck shows only how many
/// each owner has, and how many are overdue (the actions name people).
pub(super) fn plan_slide(map: &Map, owners: &[OwnerActions], redact: Redact) -> String {
    let mut shapes = Shapes::new();
    let open: usize = owners.iter().map(|o| o.actions.len()).sum();
    let overdue: usize = owners.iter().map(|o| o.overdue).sum();
    let subtitle = match (open, overdue) {
        (0, _) => "No open actions".to_string(),
        (n, 0) => format!("{n} open actions, by owner and due date"),
        (n, o) => format!("{n} open actions, {o} overdue, by owner and due date"),
    };
    heading(&mut shapes, "Plan", &subtitle);
    if open == 0 {
        shapes.text_box(
            "No actions",
            457_200,
            1_300_000,
            SLIDE_W - 914_400,
            600_000,
            &[vec![run(
                "Nothing is planned yet: accept a suggested next step in Advocate's Plan tab.",
                16.0,
                false,
                MUTED_INK,
            )]],
            "l",
        );
        return shapes.slide();
    }
    if redact.is_on() {
        let mut table = vec![vec![
            "Owner".to_string(),
            "Open".to_string(),
            "Overdue".to_string(),
            "Next due".to_string(),
        ]];
        for o in owners.iter().take(MAX_ROWS) {
            table.push(vec![
                shorten_cell(&o.owner, 40.0),
                o.actions.len().to_string(),
                o.overdue.to_string(),
                o.actions
                    .first()
                    .and_then(|a| a.due.clone())
                    .unwrap_or_else(|| "–".into()),
            ]);
        }
        shapes.table(
            "Open actions by owner",
            (457_200, 1_250_000),
            &[4_677_600, 2_000_000, 2_000_000, 2_600_000],
            &table,
        );
        return shapes.slide();
    }
    let mut table = vec![vec![
        "Owner".to_string(),
        "Action".to_string(),
        "About".to_string(),
        "Due".to_string(),
    ]];
    let mut shown = 0;
    'owners: for o in owners {
        for (i, a) in o.actions.iter().enumerate() {
            if shown == MAX_ROWS {
                break 'owners;
            }
            shown += 1;
            table.push(vec![
                if i == 0 {
                    shorten_cell(&o.owner, 22.0)
                } else {
                    String::new()
                },
                shorten_cell(&a.what, 70.0),
                shorten_cell(&shown_name(map, &a.person_name, redact), 26.0),
                match (&a.due, a.overdue) {
                    (Some(d), true) => format!("{d} overdue"),
                    (Some(d), false) => d.clone(),
                    (None, _) => "–".into(),
                },
            ]);
        }
    }
    if shown < open {
        table.push(vec![
            String::new(),
            format!("… and {} more", open - shown),
            String::new(),
            String::new(),
        ]);
    }
    shapes.table(
        "Open actions by owner",
        (457_200, 1_250_000),
        &[1_600_000, 5_377_600, 2_200_000, 2_100_000],
        &table,
    );
    shapes.slide()
}

/// EMU of a chart point (the chart's canvas is the slide, in points).
fn emu(v: f64) -> i64 {
    (v * EMU_PER_PT).round() as i64
}

/// The Progress slide: the chart's marks as shapes, under the slide's own heading.
pub(super) fn progress_slide(chart: &Chart) -> String {
    let mut shapes = Shapes::new();
    heading(&mut shapes, &chart.title, &chart.subtitle);
    shapes.group_start("Progress chart", (0, 0, SLIDE_W, super::SLIDE_H));
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
            } => shapes.shape(
                "rect",
                title,
                title,
                (emu(*x), emu(*y), emu(*w).max(1), emu(*h).max(1)),
                Some((fill, (opacity * 100_000.0).round() as u32)),
                stroke.as_deref().map(|c| (c, 9_525)),
                None,
            ),
            Mark::Line {
                x1,
                y1,
                x2,
                y2,
                colour,
                width,
            } => shapes.arrow(
                "Gridline",
                (emu(*x1), emu(*y1), emu(*x2), emu(*y2)),
                emu(*width),
                colour,
                100_000,
                "solid",
                false,
            ),
            Mark::Text {
                x,
                y,
                text,
                size,
                bold,
                colour,
                anchor,
            } => {
                // A box one line high whose baseline sits near the text's y.
                let w = 130.0;
                let left = match anchor {
                    Anchor::Start => *x,
                    Anchor::Middle => x - w / 2.0,
                    Anchor::End => x - w,
                };
                let align = match anchor {
                    Anchor::Start => "l",
                    Anchor::Middle => "ctr",
                    Anchor::End => "r",
                };
                shapes.text_box(
                    text,
                    emu(left),
                    emu(y - size),
                    emu(w),
                    emu(size * 1.4),
                    &[vec![run(text, *size, *bold, colour)]],
                    align,
                );
            }
        }
    }
    shapes.group_end();
    shapes.slide()
}
