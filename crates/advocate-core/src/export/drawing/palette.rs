//! The palette as data, for the desktop app: the exports' stance colours (Okabe-Ito, safe for
//! the common colour-vision deficiencies), each department's tint and each tie kind's dash, so
//! that the map on screen and on a slide look the same and the window defines no colour of its
//! own for them. Built from the same constants and rules the drawings use. Also the rule for how
//! big the app draws a person ([`NODE_RADIUS`]), which the demo's layout keeps room for.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{
    BOARD_COLOUR, PATH_COLOUR, STANCE_COLOURS, TIE_COLOUR, department_tint, kind_dash_in,
    stance_caption,
};
use crate::model::{DepartmentId, Map, Stance};

/// The kind of tie that says who manages whom (the org chart is drawn along it).
pub const MANAGER_KIND: &str = "line manager";
pub use crate::model::DEFAULT_KIND;

/// How big the app's canvas draws a person: a disc whose radius in pixels grows with their power
/// (1 to 5). The demo's layout ([`crate::demo`]) leaves room for it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NodeRadius {
    /// Pixels before power counts.
    pub base: f64,
    /// Pixels added per point of power.
    pub per_power: f64,
}

/// A person of power 1 has a radius of 6.6 pixels, one of power 5 of 17 pixels.
pub const NODE_RADIUS: NodeRadius = NodeRadius {
    base: 4.0,
    per_power: 2.6,
};

/// The highest power a person has.
const MOST_POWER: u8 = 5;

impl NodeRadius {
    /// The radius of a person of `power`, in pixels.
    pub fn of(self, power: u8) -> f64 {
        self.base + self.per_power * f64::from(power)
    }

    /// The biggest person's radius (power 5), in pixels.
    pub fn largest(self) -> f64 {
        self.of(MOST_POWER)
    }
}

/// A stance's colour and how the legend names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StanceStyle {
    pub stance: Stance,
    /// `#RRGGBB`.
    pub colour: String,
    pub caption: String,
}

/// A department's tint: its own colour, else one of the palette's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DepartmentTint {
    pub department: DepartmentId,
    /// `#RRGGBB`.
    pub tint: String,
}

/// How ties of a kind are drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct KindStyle {
    pub kind: String,
    /// An SVG dash pattern for a line one unit wide; `None`: solid (lines of authority).
    pub dash: Option<String>,
    /// Whether the kind says who manages whom ([`MANAGER_KIND`]).
    pub manages: bool,
}

/// Everything the window colours and dashes as the exports do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Palette {
    /// Champion first.
    pub stances: Vec<StanceStyle>,
    /// Every department of the map.
    pub departments: Vec<DepartmentTint>,
    /// Every kind of the map.
    pub kinds: Vec<KindStyle>,
    /// The kind a new tie gets.
    pub default_kind: String,
    pub tie: String,
    /// A highlighted chain of introductions.
    pub path: String,
    /// The ring around a board member.
    pub board: String,
    /// A person whose stance was not yet recorded at a past date (the map as of a date, the
    /// progress chart).
    pub unrecorded: String,
    /// How big a person is drawn, by power.
    pub node_radius: NodeRadius,
}

/// Each department's tint, as a drawing of the whole map gives it: its own colour when it is a
/// hex colour, else the palette's in turn — first the departments that have people (by row, as
/// the drawing meets them), then the others.
pub fn department_tints(map: &Map) -> Vec<DepartmentTint> {
    let staffed: BTreeSet<DepartmentId> = map.people().filter_map(|p| p.department).collect();
    let mut rows: Vec<DepartmentId> = staffed.iter().copied().collect();
    let mut empty: Vec<DepartmentId> = map
        .departments()
        .map(|d| d.id)
        .filter(|d| !staffed.contains(d))
        .collect();
    empty.sort();
    rows.extend(empty);
    rows.into_iter()
        .enumerate()
        .filter_map(|(k, id)| {
            let d = map.department(id)?;
            let tint = department_tint(d.colour.as_deref(), k);
            Some(DepartmentTint {
                department: id,
                tint,
            })
        })
        .collect()
}

impl Palette {
    pub fn of(map: &Map) -> Palette {
        Palette {
            stances: STANCE_COLOURS
                .iter()
                .map(|(stance, colour)| StanceStyle {
                    stance: *stance,
                    colour: (*colour).to_string(),
                    caption: stance_caption(*stance).to_string(),
                })
                .collect(),
            departments: department_tints(map),
            kinds: map
                .kinds
                .iter()
                .map(|k| KindStyle {
                    kind: k.name.clone(),
                    dash: kind_dash_in(&map.kinds, &k.name).svg_array(1.0),
                    manages: k.name.trim().eq_ignore_ascii_case(MANAGER_KIND),
                })
                .collect(),
            default_kind: DEFAULT_KIND.to_string(),
            tie: TIE_COLOUR.to_string(),
            path: PATH_COLOUR.to_string(),
            board: BOARD_COLOUR.to_string(),
            unrecorded: crate::export::chart::UNRECORDED.to_string(),
            node_radius: NODE_RADIUS,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::export::{ExportOptions, svg};

    #[test]
    fn the_palette_is_the_drawings_own() {
        let dir = tempfile::tempdir().unwrap();
        let file =
            crate::MapFile::create_from(&dir.path().join("m.advocate"), &crate::demo::demo())
                .unwrap();
        let map = file.map();
        let palette = Palette::of(map);
        // The SVG legend shows each stance in the colour the window gets.
        let drawn = svg::render(map, &ExportOptions::default());
        for s in &palette.stances {
            assert!(drawn.contains(&s.colour), "{} {}", s.caption, s.colour);
            assert!(
                drawn.contains(&format!(">{}</text>", s.caption)),
                "{}",
                s.caption
            );
        }
        assert_eq!(palette.stances[0].colour, "#0072B2");
        // Every department has a tint, and the drawn blocks use the same ones.
        assert_eq!(palette.departments.len(), map.departments().count());
        let scene = super::super::build_scene(map, &ExportOptions::default(), 1600.0, 900.0);
        let tint_of = |id: DepartmentId| {
            let t = palette.departments.iter().find(|t| t.department == id);
            t.unwrap().tint.clone()
        };
        // Drawn as blocks, or (when a stored layout mixes them) as halos around people.
        let mut compared = 0;
        for block in &scene.departments {
            assert_eq!(tint_of(block.id), block.tint, "{}", block.name);
            compared += 1;
        }
        for (drawn, person) in scene.people.iter().zip(map.people()) {
            if let (Some(tint), Some(d)) = (&drawn.tint, person.department) {
                assert_eq!(&tint_of(d), tint, "{}", person.name);
                compared += 1;
            }
        }
        assert!(compared > 0, "the drawing shows the departments' tints");
        let manager = palette
            .kinds
            .iter()
            .find(|k| k.kind == MANAGER_KIND)
            .unwrap();
        assert!(manager.manages && manager.dash.is_none());
        assert!(palette.kinds.iter().filter(|k| k.manages).count() == 1);
    }
}
