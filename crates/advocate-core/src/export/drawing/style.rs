//! The look every drawn export shares: the stance palette (the one place the product's stance
//! colours are defined), department tints, inks, the font, and the dash of each tie kind.

use crate::model::{Stance, TieKind};

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

/// The line style of a tie, by its kind: eleven styles, each drawn alike in SVG, PNG, PDF and
/// PowerPoint, so every kind of a map (up to eleven) has its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dash {
    Solid,
    Dash,
    LongDash,
    Dot,
    DashDot,
    LongDashDot,
    LongDashDotDot,
    ShortDash,
    ShortDashDot,
    ShortDashDotDot,
    SparseDot,
}

impl Dash {
    /// The SVG `stroke-dasharray` for a line of width `w`, if not solid.
    pub fn svg_array(self, w: f64) -> Option<String> {
        let u = w.max(1.0);
        let pattern: &[f64] = match self {
            Dash::Solid => return None,
            Dash::Dash => &[4.0, 3.0],
            Dash::LongDash => &[8.0, 3.0],
            Dash::Dot => &[1.0, 1.0],
            Dash::DashDot => &[4.0, 3.0, 1.0, 3.0],
            Dash::LongDashDot => &[8.0, 3.0, 1.0, 3.0],
            Dash::LongDashDotDot => &[8.0, 3.0, 1.0, 3.0, 1.0, 3.0],
            Dash::ShortDash => &[3.0, 1.0],
            Dash::ShortDashDot => &[3.0, 1.0, 1.0, 1.0],
            Dash::ShortDashDotDot => &[3.0, 1.0, 1.0, 1.0, 1.0, 1.0],
            Dash::SparseDot => &[1.0, 3.0],
        };
        Some(
            pattern
                .iter()
                .map(|p| crate::formats::xml::num(p * u))
                .collect::<Vec<_>>()
                .join(" "),
        )
    }

    /// The DrawingML preset dash (`a:prstDash`), the same pattern as [`Dash::svg_array`].
    pub fn pptx(self) -> &'static str {
        match self {
            Dash::Solid => "solid",
            Dash::Dash => "dash",
            Dash::LongDash => "lgDash",
            Dash::Dot => "sysDot",
            Dash::DashDot => "dashDot",
            Dash::LongDashDot => "lgDashDot",
            Dash::LongDashDotDot => "lgDashDotDot",
            Dash::ShortDash => "sysDash",
            Dash::ShortDashDot => "sysDashDot",
            Dash::ShortDashDotDot => "sysDashDotDot",
            Dash::SparseDot => "dot",
        }
    }
}

/// The styles of the built-in kinds: formal lines of authority solid, peers dashed, informal
/// ties dotted; each its own.
const BUILTIN_DASHES: [(&str, Dash); 7] = [
    ("line manager", Dash::Solid),
    ("peer", Dash::Dash),
    ("executive peer", Dash::LongDash),
    ("sponsor", Dash::LongDashDotDot),
    ("mentor", Dash::DashDot),
    ("informal ally", Dash::Dot),
    ("l&d contact", Dash::LongDashDot),
];

/// The styles left for kinds the user names, in turn.
const OTHER_DASHES: [Dash; 4] = [
    Dash::ShortDash,
    Dash::ShortDashDot,
    Dash::ShortDashDotDot,
    Dash::SparseDot,
];

/// The dash of a tie kind on its own (a built-in kind's, else a stable pick from the styles left
/// for named kinds). Drawings of a map use [`kind_dash_in`], which keeps a map's kinds apart.
pub fn kind_dash(kind: &str) -> Dash {
    let k = kind.trim().to_lowercase();
    if let Some((_, d)) = BUILTIN_DASHES.iter().find(|(name, _)| *name == k) {
        return *d;
    }
    let h = k
        .bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
    OTHER_DASHES[(h % OTHER_DASHES.len() as u32) as usize]
}

/// The dash of a tie kind among a map's kinds: built-in kinds keep theirs, and the kinds the user
/// named take the remaining styles in the map's order, so that no two kinds of the map look alike
/// (up to four named kinds; beyond that the styles repeat).
pub fn kind_dash_in(kinds: &[TieKind], kind: &str) -> Dash {
    let k = kind.trim().to_lowercase();
    if let Some((_, d)) = BUILTIN_DASHES.iter().find(|(name, _)| *name == k) {
        return *d;
    }
    let named = kinds
        .iter()
        .map(|t| t.name.trim().to_lowercase())
        .filter(|n| !BUILTIN_DASHES.iter().any(|(b, _)| b == n));
    let mut seen: Vec<String> = Vec::new();
    for n in named {
        if !seen.contains(&n) {
            seen.push(n);
        }
    }
    match seen.iter().position(|n| *n == k) {
        Some(i) => OTHER_DASHES[i % OTHER_DASHES.len()],
        None => kind_dash(kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of a map looks different: the built-in kinds and up to four named ones (advice
    /// and friendship must not look like peer), in every format.
    #[test]
    fn every_kind_of_a_map_has_its_own_line_style() {
        let mut kinds: Vec<TieKind> = crate::model::BUILTIN_KINDS
            .iter()
            .map(|(name, s)| TieKind {
                name: name.to_string(),
                default_strength: *s,
            })
            .collect();
        for name in ["advice", "friendship", "reports to", "coffee buddy"] {
            kinds.push(TieKind {
                name: name.into(),
                default_strength: 0.2,
            });
        }
        let dashes: Vec<Dash> = kinds
            .iter()
            .map(|k| kind_dash_in(&kinds, &k.name))
            .collect();
        for (i, a) in dashes.iter().enumerate() {
            for (j, b) in dashes.iter().enumerate().skip(i + 1) {
                assert_ne!(a, b, "{} and {}", kinds[i].name, kinds[j].name);
                assert_ne!(a.pptx(), b.pptx());
                assert_ne!(a.svg_array(1.0), b.svg_array(1.0));
            }
        }
        assert_eq!(
            kind_dash_in(&kinds, "L&D Contact"),
            kind_dash("l&d contact")
        );
    }
}
