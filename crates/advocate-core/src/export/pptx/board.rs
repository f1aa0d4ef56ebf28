//! The deck's Board slide and its speaker notes: the board of advocates the core chose (each
//! member's chance of being recruited, what they add and whom they reach), its expected reach,
//! and the seats (our own leader, executive sponsor, IT partner, communications or marketing)
//! with the best candidate for each open one. Tables and text boxes, editable like the other
//! slides.

use crate::analysis::coalition::Board;
use crate::export::Redact;
use crate::export::drawing::MUTED_INK;
use crate::model::Map;

use super::SLIDE_W;
use super::shapes::{Shapes, heading, run};
use super::slides::{shorten_cell, shown_name};

/// At most this many members are listed (the seats table must fit below).
const MAX_MEMBERS: usize = 6;
const ROW_H: i64 = 370_840;
const LEFT: i64 = 457_200;

/// A person of the board as this export shows them, from their key.
fn who(map: &Map, key: &str, redact: Redact) -> String {
    match (redact, map.person_by_key(key)) {
        (Redact::None, Some(p)) => p.name.clone(),
        _ => shown_name(map, key, redact),
    }
}

fn pct(share: f64) -> String {
    if share > 0.0 && share < 0.0005 {
        "under 0.1%".to_string()
    } else {
        format!("{:.1}%", 100.0 * share)
    }
}

/// The Board slide.
pub(super) fn board_slide(map: &Map, board: &Board, redact: Redact) -> String {
    let mut shapes = Shapes::new();
    let subtitle = format!(
        "Expected reach {} of the audience (± {}). Each member is recruited with chance \
         access × willingness; their word then spreads tie by tie.",
        pct(board.expected_reach),
        pct(board.standard_error)
    );
    heading(&mut shapes, "Board of advocates", &subtitle);
    let mut y = 1_250_000;
    if board.board.is_empty() {
        shapes.text_box(
            "No board",
            LEFT,
            y,
            SLIDE_W - 2 * LEFT,
            600_000,
            &[vec![run(
                "Nobody we can reach is willing and reaches the audience.",
                16.0,
                false,
                MUTED_INK,
            )]],
            "l",
        );
        y += 700_000;
    } else {
        let mut table = vec![
            [
                "#",
                "Member",
                "Title",
                "Seat",
                "Recruited",
                "Adds",
                "Reaches",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
        ];
        for (i, m) in board.board.iter().take(MAX_MEMBERS).enumerate() {
            let seat = if m.seats.is_empty() {
                m.function.label().to_string()
            } else {
                m.seats
                    .iter()
                    .map(|s| s.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let title = map
                .person_by_key(&m.id)
                .map(|p| p.title.clone())
                .unwrap_or_default();
            let reaches = if m.reaches.is_empty() {
                "nobody directly".to_string()
            } else {
                let names: Vec<String> =
                    m.reaches.iter().map(|r| who(map, &r.to, redact)).collect();
                shorten_cell(
                    &format!(
                        "{} of {}: {}",
                        names.len(),
                        board.audience.len(),
                        names.join(", ")
                    ),
                    30.0,
                )
            };
            table.push(vec![
                (i + 1).to_string(),
                shorten_cell(&who(map, &m.id, redact), 22.0),
                shorten_cell(&title, 22.0),
                shorten_cell(&seat, 30.0),
                format!("{} ({})", pct(m.recruitment), m.stance),
                format!("+{}", pct(m.marginal_gain)),
                reaches,
            ]);
        }
        shapes.table(
            "Board members",
            (LEFT, y),
            &[
                350_000, 2_000_000, 1_900_000, 2_500_000, 1_500_000, 750_000, 2_277_600,
            ],
            &table,
        );
        // Room for a row LibreOffice or PowerPoint wraps after all.
        y += ROW_H * table.len() as i64 + 250_000;
    }

    shapes.text_box(
        "Seats",
        LEFT,
        y,
        SLIDE_W - 2 * LEFT,
        350_000,
        &[vec![run(
            "Seats: who fills each, and the best candidate for an open one",
            14.0,
            true,
            MUTED_INK,
        )]],
        "l",
    );
    y += 380_000;
    let mut seats = vec![vec![
        "Seat".to_string(),
        "Filled by / best candidate".to_string(),
        "Recruited".to_string(),
        "Adding them changes".to_string(),
    ]];
    for s in &board.seats {
        let row = if !s.filled_by.is_empty() {
            let names: Vec<String> = s.filled_by.iter().map(|k| who(map, k, redact)).collect();
            vec![
                shorten_cell(&names.join(", "), 40.0),
                String::new(),
                "filled".to_string(),
            ]
        } else if let Some(c) = &s.best_candidate {
            vec![
                shorten_cell(&format!("open: {}", who(map, &c.id, redact)), 40.0),
                format!("{} ({})", pct(c.recruitment), c.stance),
                adding(c.adds, board.expected_reach, c.reach_with),
            ]
        } else {
            vec![
                "open: nobody we can recruit sits here".to_string(),
                String::new(),
                String::new(),
            ]
        };
        let mut cells = vec![capitalised(&s.label)];
        cells.extend(row);
        seats.push(cells);
    }
    shapes.table(
        "Board seats",
        (LEFT, y),
        &[2_400_000, 3_900_000, 1_700_000, 3_277_600],
        &seats,
    );
    shapes.slide()
}

/// What adding a candidate changes, in words.
fn adding(adds: f64, reach: f64, reach_with: f64) -> String {
    if adds < 0.0005 {
        format!("almost nothing: reach stays {}", pct(reach))
    } else {
        format!("+{}: reach {} → {}", pct(adds), pct(reach), pct(reach_with))
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// The Board slide's speaker notes: the model, each member's chance and reach, the open seats.
pub(super) fn board_notes(map: &Map, board: &Board) -> Vec<String> {
    let name = |k: &str| who(map, k, Redact::None);
    let mut notes = vec![
        "How the board is chosen: each member is recruited with chance access × willingness \
         (the most reliable chain of introductions from the home team, and their stance), \
         independently; recruited members then sway others tie by tie, each tie passing the \
         word on with its strength as the chance. Expected reach is the expected share of the \
         audience swayed; the board is the one that maximises it."
            .to_string(),
        format!(
            "Expected reach: {} of the audience ({:.2} people), ± {} (standard error, {} samples).",
            pct(board.expected_reach),
            board.expected_people,
            pct(board.standard_error),
            board.sets
        ),
    ];
    for m in &board.board {
        let chain: Vec<String> = m.access_path.iter().map(|k| name(k)).collect();
        let reaches: Vec<String> = m
            .reaches
            .iter()
            .map(|r| format!("{} ({})", name(&r.to), pct(r.reliability)))
            .collect();
        notes.push(format!(
            "{}: recruited at {} = access {} × willingness {} ({}), through {}; adds {}; reaches {}.",
            m.name,
            pct(m.recruitment),
            pct(m.access),
            pct(m.willingness),
            m.stance,
            chain.join(" → "),
            pct(m.marginal_gain),
            if reaches.is_empty() {
                "nobody in the audience directly".to_string()
            } else {
                reaches.join(", ")
            }
        ));
    }
    for s in &board.seats {
        if s.filled_by.is_empty() {
            notes.push(match &s.best_candidate {
                Some(c) => format!(
                    "{}: open. Best candidate {} ({}, recruited at {}): adding them takes the \
                     expected reach from {} to {}.",
                    capitalised(&s.label),
                    c.name,
                    c.stance,
                    pct(c.recruitment),
                    pct(board.expected_reach),
                    pct(c.reach_with)
                ),
                None => format!(
                    "{}: open, and nobody we can recruit sits there.",
                    capitalised(&s.label)
                ),
            });
        }
    }
    notes
}
