//! The look every drawn export shares: the stance palette (the one place the product's stance
//! colours are defined), department tints, inks, the font, and the dash of each tie kind.

use crate::model::Stance;

/// The colour of each stance, champion first: a colour-blind-aware diverging palette.
pub const STANCE_COLOURS: [(Stance, &str); 5] = [
    (Stance::Champion, "#0072B2"),
    (Stance::Supporter, "#56B4E9"),
    (Stance::Neutral, "#BBBBBB"),
    (Stance::Sceptic, "#E69F00"),
    (Stance::Blocker, "#D55E00"),
];

/// The colour of a stance in every drawing.
pub fn stance_colour(stance: Stance) -> &'static str {
    match stance {
        Stance::Champion => STANCE_COLOURS[0].1,
        Stance::Supporter => STANCE_COLOURS[1].1,
        Stance::Neutral => STANCE_COLOURS[2].1,
        Stance::Sceptic => STANCE_COLOURS[3].1,
        Stance::Blocker => STANCE_COLOURS[4].1,
    }
}

/// How a stance reads in the legend.
pub fn stance_caption(stance: Stance) -> &'static str {
    match stance {
        Stance::Champion => "Champion",
        Stance::Supporter => "Supporter",
        Stance::Neutral => "Neutral",
        Stance::Sceptic => "Sceptic",
        Stance::Blocker => "Blocker",
    }
}

/// Tints for departments without a colour of their own, in order of first appearance.
pub const DEPARTMENT_TINTS: [&str; 8] = [
    "#4E79A7", "#59A14F", "#B07AA1", "#9C755F", "#76B7B2", "#EDC948", "#FF9DA7", "#79706E",
];

/// Text colour, tie colour, highlight colours.
pub const INK: &str = "#1F2933";
pub const MUTED_INK: &str = "#52606D";
pub const TIE_COLOUR: &str = "#7B8794";
pub const PATH_COLOUR: &str = "#111111";
pub const BOARD_COLOUR: &str = "#CC79A7";

/// The font families of every drawing: DejaVu Sans covers Latin, Greek, Cyrillic, Arabic and
/// Hebrew; Noto Sans CJK covers Chinese, Japanese and Korean.
pub const FONT_FAMILY: &str =
    "DejaVu Sans, Noto Sans CJK SC, Noto Sans CJK JP, Noto Sans, Arial, sans-serif";

/// The line style of a tie, by its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dash {
    Solid,
    Dash,
    LongDash,
    Dot,
    DashDot,
    LongDashDot,
}

impl Dash {
    /// The SVG `stroke-dasharray` for a line of width `w`, if not solid.
    pub fn svg_array(self, w: f64) -> Option<String> {
        let u = w.max(1.0);
        let pattern: &[f64] = match self {
            Dash::Solid => return None,
            Dash::Dash => &[4.0, 3.0],
            Dash::LongDash => &[8.0, 3.0],
            Dash::Dot => &[1.0, 2.0],
            Dash::DashDot => &[5.0, 2.5, 1.0, 2.5],
            Dash::LongDashDot => &[9.0, 3.0, 1.5, 3.0],
        };
        Some(
            pattern
                .iter()
                .map(|p| crate::formats::xml::num(p * u))
                .collect::<Vec<_>>()
                .join(" "),
        )
    }

    /// The DrawingML preset dash (`a:prstDash`).
    pub fn pptx(self) -> &'static str {
        match self {
            Dash::Solid => "solid",
            Dash::Dash => "dash",
            Dash::LongDash => "lgDash",
            Dash::Dot => "sysDot",
            Dash::DashDot => "dashDot",
            Dash::LongDashDot => "lgDashDot",
        }
    }
}

/// The dash of a tie kind: formal lines of authority solid, peers dashed, informal ties dotted.
/// A kind the user named gets a stable style of its own.
pub fn kind_dash(kind: &str) -> Dash {
    match kind.trim().to_lowercase().as_str() {
        "line manager" | "sponsor" => Dash::Solid,
        "peer" => Dash::Dash,
        "executive peer" => Dash::LongDash,
        "mentor" => Dash::DashDot,
        "informal ally" => Dash::Dot,
        "l&d contact" => Dash::LongDashDot,
        other => {
            let h = other
                .bytes()
                .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
            [Dash::Dash, Dash::LongDash, Dash::DashDot, Dash::LongDashDot][(h % 4) as usize]
        }
    }
}
