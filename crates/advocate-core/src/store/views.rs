//! The saved views in the map file (the `saved_view` table of migration 0008): reading them,
//! the edit verbs (add, edit, remove, move in the sequence), each one undoable step, and merging
//! views from an import by their id.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::replica::next_id;
use super::{Error, MAX_NAME, MapFile, Result, short};
use crate::model::{PersonId, Stance};
use crate::views::{Highlight, Region, SavedView, ViewData, ViewId, ViewLayout, check_caption};

const COLUMNS: &str = "id, key, position, caption, layout, x0, y0, x1, y1, highlight, path_from, path_to, board_size, board_include_audience, board_balanced, stances, path_avoid_opposed";

fn stances_text(stances: &[Stance]) -> String {
    stances
        .iter()
        .map(|s| s.value().to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn view(row: &Row<'_>) -> rusqlite::Result<SavedView> {
    let layout: String = row.get(4)?;
    let corners: [Option<f64>; 4] = [row.get(5)?, row.get(6)?, row.get(7)?, row.get(8)?];
    let region = match corners {
        [Some(x0), Some(y0), Some(x1), Some(y1)] => Region::new(x0, y0, x1, y1).ok(),
        _ => None,
    };
    let kind: String = row.get(9)?;
    let to: Option<i64> = row.get(11)?;
    let stances: String = row.get(15)?;
    let highlight = match kind.as_str() {
        // A path whose end was removed from the map highlights nothing.
        "path" => match to {
            Some(to) => Highlight::Path {
                from: row.get::<_, Option<i64>>(10)?.map(PersonId),
                to: PersonId(to),
                avoid_opposed: row.get(16)?,
            },
            None => Highlight::None,
        },
        "board" => Highlight::Board {
            size: row.get::<_, Option<u32>>(12)?.unwrap_or(5),
            include_audience: row.get(13)?,
            balanced: row.get(14)?,
        },
        "stances" => Highlight::Stances {
            stances: stances
                .split(',')
                .filter_map(|v| v.trim().parse::<i64>().ok())
                .filter_map(Stance::from_value)
                .collect(),
        },
        _ => Highlight::None,
    };
    Ok(SavedView {
        id: Some(ViewId(row.get(0)?)),
        key: row.get(1)?,
        position: row.get(2)?,
        caption: row.get(3)?,
        layout: ViewLayout::from_name(&layout).unwrap_or_default(),
        region,
        highlight,
    })
}

/// Reads the views in sequence order (position, then id for views that share one).
pub(crate) fn load(conn: &Connection) -> rusqlite::Result<Vec<SavedView>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM saved_view ORDER BY position, key"
    ))?;
    stmt.query_map([], view)?.collect()
}

/// A new view's key: random, so two laptops never make the same one.
pub fn new_view_key() -> String {
    use rand::RngExt;
    format!("view-{:08x}", rand::rng().random::<u32>())
}

/// A view to add, or what an edit makes of one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewDraft {
    /// `None`: a new random key.
    pub key: Option<String>,
    pub caption: String,
    pub layout: ViewLayout,
    pub region: Option<Region>,
    pub highlight: Highlight,
}

/// Changes to a view; `None` leaves a field alone.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewPatch {
    pub caption: Option<String>,
    pub layout: Option<ViewLayout>,
    /// `Some(None)`: the whole map.
    pub region: Option<Option<Region>>,
    pub highlight: Option<Highlight>,
}

fn sql<'a>(tx: &'a Transaction<'_>) -> impl Fn(rusqlite::Error) -> Error + 'a {
    move |source| Error::Sqlite {
        path: tx.path().unwrap_or("map").to_string(),
        source,
    }
}

/// The row values of a highlight: kind, from, to, avoid opposed, board size, include
/// audience, balanced, stances.
type HighlightRow = (
    &'static str,
    Option<i64>,
    Option<i64>,
    bool,
    Option<u32>,
    bool,
    bool,
    String,
);

fn highlight_row(h: &Highlight) -> HighlightRow {
    match h {
        Highlight::None => ("none", None, None, false, None, false, false, String::new()),
        Highlight::Path {
            from,
            to,
            avoid_opposed,
        } => (
            "path",
            from.map(|p| p.0),
            Some(to.0),
            *avoid_opposed,
            None,
            false,
            false,
            String::new(),
        ),
        Highlight::Board {
            size,
            include_audience,
            balanced,
        } => (
            "board",
            None,
            None,
            false,
            Some(*size),
            *include_audience,
            *balanced,
            String::new(),
        ),
        Highlight::Stances { stances } => (
            "stances",
            None,
            None,
            false,
            None,
            false,
            false,
            stances_text(stances),
        ),
    }
}

/// Writes a view's fields (not its key or position) on row `id`.
fn write_fields(tx: &Transaction<'_>, id: i64, d: &ViewDraft) -> rusqlite::Result<usize> {
    let (kind, from, to, avoid, size, audience, balanced, stances) = highlight_row(&d.highlight);
    let r = d.region;
    tx.execute(
        "UPDATE saved_view SET caption = ?2, layout = ?3, x0 = ?4, y0 = ?5, x1 = ?6, y1 = ?7, highlight = ?8, path_from = ?9, path_to = ?10, board_size = ?11, board_include_audience = ?12, board_balanced = ?13, stances = ?14, path_avoid_opposed = ?15
         WHERE id = ?1 AND (caption, layout, x0, y0, x1, y1, highlight, path_from, path_to, board_size, board_include_audience, board_balanced, stances, path_avoid_opposed) IS NOT (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            id,
            d.caption.trim(),
            d.layout.name(),
            r.map(|r| r.x0),
            r.map(|r| r.y0),
            r.map(|r| r.x1),
            r.map(|r| r.y1),
            kind,
            from,
            to,
            size,
            audience,
            balanced,
            stances,
            avoid
        ],
    )
}

/// Renumbers the views 1, 2, … in the order given (by row), writing only those that move.
fn renumber(tx: &Transaction<'_>, order: &[i64]) -> rusqlite::Result<()> {
    for (i, id) in order.iter().enumerate() {
        tx.execute(
            "UPDATE saved_view SET position = ?2 WHERE id = ?1 AND position IS NOT ?2",
            params![id, i as i64 + 1],
        )?;
    }
    Ok(())
}

impl MapFile {
    /// The saved views, in sequence order.
    pub fn views(&self) -> &[SavedView] {
        &self.map().views
    }

    /// Finds a view as a user names it: by its id, by its place in the sequence (`2`), by its
    /// caption (any case), or by the start of its id when only one id starts so.
    pub fn find_view(&self, reference: &str) -> Result<SavedView> {
        let r = reference.trim();
        let views = self.views();
        if let Some(v) = views.iter().find(|v| v.key == r) {
            return Ok(v.clone());
        }
        if let Ok(n) = r.parse::<usize>() {
            return views.get(n.wrapping_sub(1)).cloned().ok_or_else(|| {
                Error::Invalid(format!(
                    "there is no view {n}: this map has {} saved views",
                    views.len()
                ))
            });
        }
        let by_caption: Vec<&SavedView> = views
            .iter()
            .filter(|v| !r.is_empty() && v.caption.trim().to_lowercase() == r.to_lowercase())
            .collect();
        if let [one] = by_caption.as_slice() {
            return Ok((*one).clone());
        }
        let found: Vec<&SavedView> = views
            .iter()
            .filter(|v| !r.is_empty() && v.key.starts_with(r))
            .collect();
        match found.as_slice() {
            [one] => Ok((*one).clone()),
            [] if by_caption.len() > 1 => Err(Error::Invalid(format!(
                "{} views have the caption {r:?}: name one by its id or number",
                by_caption.len()
            ))),
            [] => Err(Error::Invalid(format!(
                "no saved view {r:?} in this map (name a view by its id, number or caption)"
            ))),
            many => Err(Error::Invalid(format!(
                "{r:?} starts the ids of {} views; give more of it",
                many.len()
            ))),
        }
    }

    fn check_view(&self, d: &ViewDraft) -> Result<()> {
        check_caption(&d.caption).map_err(Error::Invalid)?;
        d.highlight.check().map_err(Error::Invalid)?;
        if let Highlight::Path { from, to, .. } = &d.highlight {
            for p in from.iter().chain([to]) {
                if self.map().person(*p).is_none() {
                    return Err(Error::Invalid(format!(
                        "a path highlight names a person who is not on this map (row {})",
                        p.0
                    )));
                }
            }
            if *from == Some(*to) {
                return Err(Error::Invalid(
                    "a path highlight needs two different people: from and to are the same".into(),
                ));
            }
        }
        if let Some(r) = d.region {
            Region::new(r.x0, r.y0, r.x1, r.y1).map_err(Error::Invalid)?;
        }
        Ok(())
    }

    /// Saves a view at the end of the sequence; answers with its id (key).
    pub fn add_view(&mut self, draft: &ViewDraft) -> Result<String> {
        self.check_view(draft)?;
        let key = match &draft.key {
            Some(k) => {
                let k = k.trim().to_string();
                if k.is_empty() || k.chars().count() > MAX_NAME || k.chars().any(char::is_control) {
                    return Err(Error::Invalid(
                        "a view's id is one line of up to 200 characters, not empty".into(),
                    ));
                }
                if self.views().iter().any(|v| v.key == k) {
                    return Err(Error::Invalid(format!(
                        "there is already a view with id {k:?}"
                    )));
                }
                k
            }
            None => new_view_key(),
        };
        let position = self.views().iter().map(|v| v.position).max().unwrap_or(0) + 1;
        let label = format!("Save view {position}: {}", short(&draft.caption));
        let written = key.clone();
        self.edit(&label, |tx, _| {
            tx.execute(
                &format!(
                    "INSERT INTO saved_view(id, key, position) VALUES ({}, ?1, ?2)",
                    next_id("saved_view")
                ),
                params![written, position],
            )
            .map_err(sql(tx))?;
            let id = tx.last_insert_rowid();
            write_fields(tx, id, draft).map_err(sql(tx))?;
            Ok(())
        })?;
        Ok(key)
    }

    /// Changes a view's caption, layout, region or highlight.
    pub fn edit_view(&mut self, key: &str, patch: &ViewPatch) -> Result<()> {
        let v = self.find_view(key)?;
        let draft = ViewDraft {
            key: None,
            caption: patch.caption.clone().unwrap_or(v.caption.clone()),
            layout: patch.layout.unwrap_or(v.layout),
            region: patch.region.unwrap_or(v.region),
            highlight: patch.highlight.clone().unwrap_or(v.highlight.clone()),
        };
        self.check_view(&draft)?;
        let id = v.id.map(|i| i.0).unwrap_or_default();
        self.edit(
            &format!("Edit view {}: {}", v.position, short(&draft.caption)),
            |tx, _| {
                write_fields(tx, id, &draft).map_err(sql(tx))?;
                Ok(())
            },
        )
    }

    /// Removes a view; the ones after it move up.
    pub fn remove_view(&mut self, key: &str) -> Result<()> {
        let v = self.find_view(key)?;
        let order: Vec<i64> = self
            .views()
            .iter()
            .filter(|o| o.key != v.key)
            .filter_map(|o| o.id.map(|i| i.0))
            .collect();
        let id = v.id.map(|i| i.0).unwrap_or_default();
        self.edit(
            &format!("Remove view {}: {}", v.position, short(&v.title())),
            |tx, _| {
                tx.execute("DELETE FROM saved_view WHERE id = ?1", params![id])
                    .map_err(sql(tx))?;
                renumber(tx, &order).map_err(sql(tx))?;
                Ok(())
            },
        )
    }

    /// Moves a view to place `to` (from 1) in the sequence; the others keep their order.
    pub fn move_view(&mut self, key: &str, to: usize) -> Result<()> {
        let v = self.find_view(key)?;
        let n = self.views().len();
        if !(1..=n).contains(&to) {
            return Err(Error::Invalid(format!(
                "a view can move to a place from 1 to {n}, not {to}"
            )));
        }
        let mut order: Vec<i64> = self
            .views()
            .iter()
            .filter(|o| o.key != v.key)
            .filter_map(|o| o.id.map(|i| i.0))
            .collect();
        order.insert(to - 1, v.id.map(|i| i.0).unwrap_or_default());
        self.edit(
            &format!("Move view {} to {to}: {}", v.position, short(&v.title())),
            |tx, _| {
                renumber(tx, &order).map_err(sql(tx))?;
                Ok(())
            },
        )
    }
}

impl super::import_merge::Merger<'_, '_, '_> {
    /// Merges saved views by their id: the fields given replace the ones there; a new view
    /// without a place goes at the end.
    pub(super) fn views(&mut self, data: &crate::data::MapData) -> Result<()> {
        for (i, v) in data.views.iter().enumerate() {
            let place = v.origin.describe(|| format!("view {}", i + 1));
            match self.checked_view(v) {
                Ok((existing, highlight)) => self.write_view(v, existing, highlight)?,
                Err(reason) => self.reject(place, reason)?,
            }
        }
        Ok(())
    }

    fn checked_view(
        &self,
        v: &ViewData,
    ) -> std::result::Result<(Option<i64>, Option<Highlight>), String> {
        let key = v.id.trim();
        if key.is_empty() {
            return Err("every view needs an id".into());
        }
        if key.chars().count() > MAX_NAME || key.chars().any(char::is_control) {
            return Err(format!("the view id {key:?} is too long or not one line"));
        }
        if let Some(c) = &v.caption {
            check_caption(c)?;
        }
        if let Some(r) = v.region {
            Region::new(r.x0, r.y0, r.x1, r.y1)?;
        }
        let highlight = match &v.highlight {
            None => None,
            Some(h) => {
                h.check()?;
                Some(match h {
                    Highlight::None => Highlight::None,
                    Highlight::Path {
                        from,
                        to,
                        avoid_opposed,
                    } => {
                        let to = self
                            .index
                            .person(to)
                            .map_err(|e| format!("the path of view {key:?}: {e}"))?;
                        let from = match from {
                            Some(f) => Some(
                                self.index
                                    .person(f)
                                    .map_err(|e| format!("the path of view {key:?}: {e}"))?,
                            ),
                            None => None,
                        };
                        Highlight::Path {
                            from,
                            to,
                            avoid_opposed: *avoid_opposed,
                        }
                    }
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
        };
        let existing: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM saved_view WHERE key = ?1",
                params![key],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| e.to_string())?;
        Ok((existing, highlight))
    }

    fn write_view(
        &mut self,
        v: &ViewData,
        existing: Option<i64>,
        highlight: Option<Highlight>,
    ) -> Result<()> {
        let tx = self.tx;
        let current = match existing {
            Some(id) => tx
                .query_row(
                    &format!("SELECT {COLUMNS} FROM saved_view WHERE id = ?1"),
                    params![id],
                    view,
                )
                .optional()
                .map_err(sql(tx))?,
            None => None,
        };
        let draft = ViewDraft {
            key: None,
            caption: v
                .caption
                .clone()
                .or(current.as_ref().map(|c| c.caption.clone()))
                .unwrap_or_default(),
            layout: v
                .layout
                .or(current.as_ref().map(|c| c.layout))
                .unwrap_or_default(),
            region: v.region.or(current.as_ref().and_then(|c| c.region)),
            highlight: highlight
                .or(current.as_ref().map(|c| c.highlight.clone()))
                .unwrap_or_default(),
        };
        let id = match existing {
            Some(id) => id,
            None => {
                let position: i64 = match v.position {
                    Some(p) => i64::from(p),
                    None => tx
                        .query_row(
                            "SELECT coalesce(max(position), 0) + 1 FROM saved_view",
                            [],
                            |r| r.get(0),
                        )
                        .map_err(sql(tx))?,
                };
                tx.execute(
                    &format!(
                        "INSERT INTO saved_view(id, key, position) VALUES ({}, ?1, ?2)",
                        next_id("saved_view")
                    ),
                    params![v.id.trim(), position],
                )
                .map_err(sql(tx))?;
                self.report.views.added += 1;
                let id = tx.last_insert_rowid();
                write_fields(tx, id, &draft).map_err(sql(tx))?;
                return Ok(());
            }
        };
        let mut changed = write_fields(tx, id, &draft).map_err(sql(tx))?;
        if let Some(p) = v.position {
            changed += tx
                .execute(
                    "UPDATE saved_view SET position = ?2 WHERE id = ?1 AND position IS NOT ?2",
                    params![id, p],
                )
                .map_err(sql(tx))?;
        }
        if changed > 0 {
            self.report.views.updated += 1;
        } else {
            self.report.views.unchanged += 1;
        }
        Ok(())
    }
}
