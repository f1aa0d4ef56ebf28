//! Saved views: the sequence a user presents to a sponsor or a steering group. Each view is a
//! region of the map (a rectangle of the layout, or the whole map), the layout it was saved in,
//! a highlight (the best path from the home team or a person to someone, a board of advocates,
//! or the people of some stances) and a caption. The app's Present mode shows them in turn and
//! the deck has a slide for each.
//!
//! This module owns the record ([`SavedView`]), its rules (what a caption, a region, a layout
//! and a highlight may be) and what a view's highlight picks out on the map today
//! ([`resolve`]): the one answer Present mode and the deck both draw, so they match. The map
//! file keeps the views (`store/views.rs`) and makes every change to them undoable.

use std::convert::Infallible;

use serde::{Deserialize, Serialize};

use crate::analysis::{Csr, Progress};
use crate::data::Origin;
use crate::model::{Map, PersonId, PersonKey, Stance};

/// The longest caption, in characters.
pub const MAX_CAPTION: usize = 200;
/// The largest board a view asks for.
pub const MAX_BOARD: usize = 20;

/// A saved view's row in the map file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ViewId(pub i64);

/// The layouts of the app, by the names its Layout menu and the map file use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum ViewLayout {
    #[default]
    Force,
    Department,
    Orgchart,
    Grid,
}

impl ViewLayout {
    pub const ALL: [ViewLayout; 4] = [
        ViewLayout::Force,
        ViewLayout::Department,
        ViewLayout::Orgchart,
        ViewLayout::Grid,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ViewLayout::Force => "force",
            ViewLayout::Department => "department",
            ViewLayout::Orgchart => "orgchart",
            ViewLayout::Grid => "grid",
        }
    }

    /// The undo journal's label for the move that lays a map out this way; the window shows it
    /// ("Undone: Lay out as the power/interest grid").
    pub fn step_label(self) -> &'static str {
        match self {
            ViewLayout::Force => "Lay out by force",
            ViewLayout::Department => "Lay out by department",
            ViewLayout::Orgchart => "Lay out as the org chart",
            ViewLayout::Grid => "Lay out as the power/interest grid",
        }
    }

    /// The layout whose move an undo step's label names, if it is a layout's.
    pub fn of_step_label(label: &str) -> Option<ViewLayout> {
        ViewLayout::ALL
            .into_iter()
            .find(|l| l.step_label() == label)
    }

    /// Reads a layout as a user names it (any case; "org chart" and "by department" too).
    pub fn from_name(name: &str) -> Result<ViewLayout, String> {
        let n: String = name
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        match n.trim_start_matches("by") {
            "force" => Ok(ViewLayout::Force),
            "department" | "departments" => Ok(ViewLayout::Department),
            "orgchart" => Ok(ViewLayout::Orgchart),
            "grid" => Ok(ViewLayout::Grid),
            _ => Err(format!(
                "unknown layout {name:?}: expected force, department, orgchart or grid"
            )),
        }
    }
}

impl std::fmt::Display for ViewLayout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A rectangle of the layout, in the map's coordinates (as stored: y downwards), with its
/// corners in order.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Region {
    /// The rectangle with its corners in order, or why it is not one.
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Result<Region, String> {
        let v = crate::export::View::new(x0, y0, x1, y1)?;
        Ok(Region {
            x0: v.x0,
            y0: v.y0,
            x1: v.x1,
            y1: v.y1,
        })
    }

    /// Reads `X,Y,W,H` (the corner and the size, as `export --view` takes it).
    pub fn parse(text: &str) -> Result<Region, String> {
        let parts: Vec<f64> = text
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| format!("the region {text:?} is not X,Y,WIDTH,HEIGHT in numbers"))?;
        match parts.as_slice() {
            [x, y, w, h] if *w > 0.0 && *h > 0.0 => Region::new(*x, *y, x + w, y + h),
            [_, _, _, _] => Err(format!(
                "the region {text:?} needs a width and a height above 0"
            )),
            _ => Err(format!(
                "the region {text:?} is not X,Y,WIDTH,HEIGHT: give four numbers"
            )),
        }
    }

    /// The region as the export's view.
    pub fn view(&self) -> crate::export::View {
        crate::export::View {
            x0: self.x0,
            y0: self.y0,
            x1: self.x1,
            y1: self.y1,
        }
    }
}

/// What a view highlights. In JSON, an object with `kind`: `{"kind": "none"}`,
/// `{"kind": "path", "from": null, "to": "cfo"}` (no `from`: from the home team),
/// `{"kind": "board", "size": 3, "include_audience": false, "balanced": false}`,
/// `{"kind": "stances", "stances": ["sceptic", "blocker"]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    deny_unknown_fields,
    bound(deserialize = "P: Deserialize<'de>")
)]
pub enum Highlight<P = PersonId> {
    None,
    /// The most reliable chain of introductions from `from` (none: the home team) to `to`,
    /// through no sceptic or blocker when `avoid_opposed`.
    Path {
        #[serde(default)]
        from: Option<P>,
        to: P,
        #[serde(default)]
        avoid_opposed: bool,
    },
    /// The board of advocates of this size, as the Board tab chooses it with these options.
    Board {
        size: u32,
        #[serde(default)]
        include_audience: bool,
        #[serde(default)]
        balanced: bool,
    },
    /// The people of these stances stand out; everyone else is faded.
    Stances {
        stances: Vec<Stance>,
    },
}

// Not derived: a derived Default would ask `P: Default` of the people's type.
#[allow(clippy::derivable_impls)]
impl<P> Default for Highlight<P> {
    fn default() -> Self {
        Highlight::None
    }
}

impl Highlight {
    /// The highlight with its people named by key.
    pub fn keyed(&self, map: &Map) -> Highlight<PersonKey> {
        self.map_people(|p| map.key_of(*p))
    }
}

impl Highlight<PersonKey> {
    /// The highlight by row; a key nobody has is an error naming it.
    pub fn by_row(&self, map: &Map) -> crate::store::Result<Highlight> {
        self.try_map_people(|p| map.id_of(p))
    }
}

impl<P> Highlight<P> {
    /// The same highlight with each of its people (the path's start, then its end) turned into a
    /// `Q` by `person`; the first error stops it.
    pub fn try_map_people<Q, E>(
        &self,
        mut person: impl FnMut(&P) -> Result<Q, E>,
    ) -> Result<Highlight<Q>, E> {
        Ok(match self {
            Highlight::None => Highlight::None,
            Highlight::Path {
                from,
                to,
                avoid_opposed,
            } => Highlight::Path {
                from: from.as_ref().map(&mut person).transpose()?,
                to: person(to)?,
                avoid_opposed: *avoid_opposed,
            },
            Highlight::Board {
                size,
                include_audience,
                balanced,
            } => Highlight::Board {
                size: *size,
                include_audience: *include_audience,
                balanced: *balanced,
            },
            Highlight::Stances { stances } => Highlight::Stances {
                stances: stances.clone(),
            },
        })
    }

    /// [`Highlight::try_map_people`] for a `person` that cannot fail.
    pub fn map_people<Q>(&self, mut person: impl FnMut(&P) -> Q) -> Highlight<Q> {
        let Ok(mapped) = self.try_map_people(|p| Ok::<_, Infallible>(person(p)));
        mapped
    }

    /// Whether the highlight is one a view may keep, or why not.
    pub fn check(&self) -> Result<(), String> {
        match self {
            Highlight::Board { size, .. } if *size == 0 || *size as usize > MAX_BOARD => Err(
                format!("a board of {size} cannot be shown: choose from 1 to {MAX_BOARD} people"),
            ),
            Highlight::Stances { stances } if stances.is_empty() => {
                Err("a stance highlight needs at least one stance".into())
            }
            _ => Ok(()),
        }
    }

    /// The highlight's name in the map file's `highlight` column.
    pub fn name(&self) -> &'static str {
        match self {
            Highlight::None => "none",
            Highlight::Path { .. } => "path",
            Highlight::Board { .. } => "board",
            Highlight::Stances { .. } => "stances",
        }
    }
}

/// A saved view as the map holds it; on the wire with its people by key
/// (`SavedView<PersonKey>`, from [`SavedView::keyed`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SavedView<P = PersonId> {
    /// The view's lasting id: what imports merge by and what the command line names it by.
    pub key: String,
    /// Its place in the sequence, from 1.
    pub position: u32,
    /// The slide's title; may be empty (the deck and Present mode then say "View N").
    pub caption: String,
    pub layout: ViewLayout,
    /// None: the whole map.
    pub region: Option<Region>,
    pub highlight: Highlight<P>,
    /// The row in the map file.
    #[serde(skip)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub id: Option<ViewId>,
}

impl SavedView {
    /// This view with its people named by key.
    pub fn keyed(&self, map: &Map) -> SavedView<PersonKey> {
        SavedView {
            key: self.key.clone(),
            position: self.position,
            caption: self.caption.clone(),
            layout: self.layout,
            region: self.region,
            highlight: self.highlight.keyed(map),
            // Shells name a view by its key, never by its row.
            id: None,
        }
    }
}

impl<P> SavedView<P> {
    /// The title of the view's slide: its caption, else "View N".
    pub fn title(&self) -> String {
        if self.caption.trim().is_empty() {
            format!("View {}", self.position)
        } else {
            self.caption.trim().to_string()
        }
    }
}

/// A view's caption as it may be stored, or why not: one line, at most [`MAX_CAPTION`]
/// characters. An empty caption is allowed (the slide is then "View N").
pub fn check_caption(caption: &str) -> Result<(), String> {
    let chars = caption.chars().count();
    if chars > MAX_CAPTION {
        return Err(format!(
            "a caption is {chars} characters long; at most {MAX_CAPTION} fit a slide's title"
        ));
    }
    if caption.chars().any(char::is_control) {
        return Err(
            "a caption is one line: it holds a line break or another control character".into(),
        );
    }
    Ok(())
}

/// A saved view in the portable form of a map (the JSON format): people by key or name.
/// Fields left out mean "not given": a merge leaves them alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ViewData {
    /// The view's id: what merges go by.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<ViewLayout>,
    /// Absent: not given; `null` is not distinguished from absent, so a region is cleared only
    /// by an edit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub highlight: Option<Highlight<String>>,
    #[serde(skip)]
    pub origin: Origin,
}

/// The map's views in their portable form, in sequence order.
pub fn records(map: &Map) -> Vec<ViewData> {
    map.views
        .iter()
        .map(|v| {
            let keyed = v.keyed(map);
            ViewData {
                id: v.key.clone(),
                position: Some(v.position),
                caption: Some(v.caption.clone()),
                layout: Some(v.layout),
                region: v.region,
                highlight: Some(keyed.highlight.map_people(|k| k.0.clone())),
                origin: Origin::default(),
            }
        })
        .collect()
}

/// What a view's highlight picks out on the map as it is now: the chain of introductions (first
/// person first), the board, or the people of the stances, by row and by key; and a sentence
/// saying what it shows (or why nothing is highlighted: nobody reaches them, no home team…).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resolved {
    pub path: Vec<PersonId>,
    pub board: Vec<PersonId>,
    pub people: Vec<PersonId>,
    pub note: String,
}

/// What a view shows, on the wire: the same as [`Resolved`], people by key.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Shown {
    pub view: Option<SavedView<PersonKey>>,
    /// The chain of introductions, first person first.
    pub path: Vec<PersonKey>,
    pub board: Vec<PersonKey>,
    /// The people of the view's stances.
    pub people: Vec<PersonKey>,
    /// What the highlight shows, in a sentence (or why it shows nothing today).
    pub note: String,
}

impl Resolved {
    pub fn keyed(&self, map: &Map, view: &SavedView) -> Shown {
        let keys = |ids: &[PersonId]| ids.iter().map(|p| map.key_of(*p)).collect();
        Shown {
            view: Some(view.keyed(map)),
            path: keys(&self.path),
            board: keys(&self.board),
            people: keys(&self.people),
            note: self.note.clone(),
        }
    }
}

/// What `highlight` picks out on `map` today. A path or a board that cannot be found (nobody
/// reaches the person, no home team or audience) highlights nothing, and the note says why.
pub fn resolve(map: &Map, highlight: &Highlight) -> Resolved {
    let name = |p: PersonId| {
        map.person(p)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| "someone no longer on the map".into())
    };
    match highlight {
        Highlight::None => Resolved::default(),
        Highlight::Path {
            from,
            to,
            avoid_opposed,
        } => {
            let start = match from {
                Some(p) => vec![*p],
                None => map.members(&map.home),
            };
            let from_name = match from {
                Some(p) => name(*p),
                None => "the home team".into(),
            };
            if start.is_empty() {
                return Resolved {
                    note: format!(
                        "No path to {}: the map has no home team to start from",
                        name(*to)
                    ),
                    ..Resolved::default()
                };
            }
            let csr = Csr::from_map(map);
            let mut query = crate::analysis::paths::PathQuery::new(start, *to);
            query.avoid = avoid_opposed.then_some(Stance::Sceptic);
            match crate::analysis::paths::find_paths_in(map, &csr, &query)
                .ok()
                .and_then(|p| p.into_iter().next())
            {
                Some(best) => Resolved {
                    note: format!(
                        "Best path from {from_name} to {}: {} (reliability {:.1}%)",
                        name(*to),
                        best.names.join(" → "),
                        best.reliability * 100.0
                    ),
                    path: best.ids,
                    ..Resolved::default()
                },
                None => Resolved {
                    note: format!(
                        "No chain of introductions reaches {} from {from_name}",
                        name(*to)
                    ),
                    ..Resolved::default()
                },
            }
        }
        Highlight::Board {
            size,
            include_audience,
            balanced,
        } => {
            let mut query = crate::analysis::coalition::CoalitionQuery::new(*size as usize);
            query.include_audience = *include_audience;
            query.balanced = *balanced;
            match crate::analysis::coalition::coalition(map, &query, &Progress::new()) {
                Ok(b) => {
                    let board: Vec<PersonId> = b
                        .board
                        .iter()
                        .filter_map(|m| map.person_by_key(&m.id).map(|p| p.id))
                        .collect();
                    Resolved {
                        note: format!(
                            "Board of advocates: {} (expected reach {:.1}% of the audience)",
                            b.board
                                .iter()
                                .map(|m| m.name.as_str())
                                .collect::<Vec<_>>()
                                .join(", "),
                            b.expected_reach * 100.0
                        ),
                        board,
                        ..Resolved::default()
                    }
                }
                Err(e) => Resolved {
                    note: format!("No board of advocates: {e}"),
                    ..Resolved::default()
                },
            }
        }
        Highlight::Stances { stances } => {
            let people: Vec<PersonId> = map
                .people()
                .filter(|p| stances.contains(&p.stance))
                .map(|p| p.id)
                .collect();
            let words: Vec<String> = stances.iter().map(|s| format!("{s}s")).collect();
            Resolved {
                note: format!("{} {}", people.len(), join_words(&words)),
                people,
                ..Resolved::default()
            }
        }
    }
}

/// "a", "a and b", "a, b and c".
fn join_words(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The export options that draw a view: its region and its highlight on top of `base` (the
/// deck's or the user's choices: size, redaction).
pub fn export_options(
    map: &Map,
    view: &SavedView,
    base: &crate::export::ExportOptions,
) -> crate::export::ExportOptions {
    let shown = resolve(map, &view.highlight);
    crate::export::ExportOptions {
        highlight_path: shown.path,
        highlight_board: shown.board,
        highlight_people: shown.people,
        view: view.region.map(|r| r.view()),
        title: Some(view.title()),
        // No highlight, no sentence: the map's usual subtitle (its name and the date).
        subtitle: (!shown.note.is_empty()).then_some(shown.note),
        ..base.clone()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn layouts_and_regions_are_read_as_users_write_them() {
        assert_eq!(
            ViewLayout::from_name("Org chart").unwrap(),
            ViewLayout::Orgchart
        );
        assert_eq!(
            ViewLayout::from_name("by department").unwrap(),
            ViewLayout::Department
        );
        let err = ViewLayout::from_name("circle").unwrap_err();
        assert!(
            err.contains("expected force, department, orgchart or grid"),
            "{err}"
        );
        let r = Region::parse("-10,20,100,50").unwrap();
        assert_eq!((r.x0, r.y0, r.x1, r.y1), (-10.0, 20.0, 90.0, 70.0));
        assert!(Region::parse("1,2,0,3").unwrap_err().contains("above 0"));
        assert!(Region::parse("1,2,3").unwrap_err().contains("four numbers"));
    }

    #[test]
    fn highlights_travel_as_tagged_objects() {
        let h: Highlight<String> =
            serde_json::from_str(r#"{"kind": "path", "to": "cfo"}"#).unwrap();
        assert_eq!(
            h,
            Highlight::Path {
                from: None,
                to: "cfo".into(),
                avoid_opposed: false,
            }
        );
        let s: Highlight<String> =
            serde_json::from_str(r#"{"kind": "stances", "stances": ["sceptic", "blocker"]}"#)
                .unwrap();
        assert_eq!(s.name(), "stances");
        assert!(
            Highlight::<String>::Board {
                size: 0,
                include_audience: false,
                balanced: false
            }
            .check()
            .is_err()
        );
        assert!(check_caption("two\nlines").is_err());
        assert!(check_caption("").is_ok());
    }
}
