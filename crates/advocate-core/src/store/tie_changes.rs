//! Which ties were made, removed, strengthened or weakened between two dates, told from the
//! changeset log: ties carry no dates of their own, but every edit to them is in the log with
//! its day and author.
//!
//! The ties as they stood at the end of a day are found by walking the log back from the map as
//! it is: undoing, row by row, every change made after that day. A tie is named by its two
//! people and its kind, so a tie removed and made again is no change, and a tie whose kind was
//! changed is one kind removed and another made. The entry that created the map (its first
//! contents) is where the map begins, not a change.

use std::collections::{BTreeMap, HashMap};

use rusqlite::Connection;
use rusqlite::types::Value;

use super::changes::{self, LogEntry, Op, RowChange, TableInfo};
use super::{Error, MapFile, Result};
use crate::campaign::plan::AsOfMap;
use crate::campaign::progress::{TieChange, TieChangeKind};
use crate::model::PersonKey;

/// The label of the log entry that fills a new map with its first contents.
pub const CREATE_LABEL: &str = "Create";

/// Whether a log entry is the one that made its copy's map: its first, labelled so.
fn creates_the_map(e: &LogEntry) -> bool {
    e.seq == 1 && e.label == CREATE_LABEL
}

/// One tie's columns as they stood: `None` for a column not known (yet).
#[derive(Debug, Clone, Default, PartialEq)]
struct Row(Vec<Option<Value>>);

/// The columns of the tie table that matter here.
struct Cols {
    from: usize,
    to: usize,
    kind: usize,
    strength: usize,
}

impl Cols {
    fn of(info: &TableInfo) -> Option<Cols> {
        let at = |name: &str| info.columns.iter().position(|c| c == name);
        Some(Cols {
            from: at("from_person")?,
            to: at("to_person")?,
            kind: at("kind")?,
            strength: at("strength")?,
        })
    }
}

/// The day an entry was made on, as `YYYY-MM-DD`.
fn day(e: &LogEntry) -> &str {
    e.at.get(..10).unwrap_or(&e.at)
}

/// Undoes one row change on the state of the rows it touches.
fn undo(state: &mut HashMap<i64, Option<Row>>, id: i64, c: &RowChange) {
    match c.op {
        Op::Insert => {
            state.insert(id, None);
        }
        Op::Delete => {
            state.insert(id, Some(Row(c.old.clone())));
        }
        Op::Update => {
            if let Some(Some(row)) = state.get_mut(&id) {
                for (i, v) in c.old.iter().enumerate() {
                    if v.is_some() {
                        row.0[i] = v.clone();
                    }
                }
            }
        }
    }
}

fn int(v: &Option<Value>) -> Option<i64> {
    match v {
        Some(Value::Integer(i)) => Some(*i),
        _ => None,
    }
}

fn text(v: &Option<Value>) -> Option<String> {
    match v {
        Some(Value::Text(s)) => Some(s.clone()),
        _ => None,
    }
}

fn real(v: &Option<Value>) -> Option<f64> {
    match v {
        Some(Value::Real(f)) => Some(*f),
        Some(Value::Integer(i)) => Some(*i as f64),
        _ => None,
    }
}

/// The ties changed after `since` began and up to the end of `today`, by their people and kind.
pub fn tie_changes(
    conn: &Connection,
    since: &str,
    today: &str,
) -> rusqlite::Result<Vec<TieChange>> {
    let schema = changes::schema(conn)?;
    let (Some(info), Some(person)) = (schema.get("tie"), schema.get("person")) else {
        return Ok(Vec::new());
    };
    let Some(cols) = Cols::of(info) else {
        return Ok(Vec::new());
    };
    let width = info.columns.len();
    let log = changes::log(conn)?;
    // Every tie row the log touches after the map began, as it is now.
    let mut now: HashMap<i64, Option<Row>> = HashMap::new();
    let mut parsed: Vec<(usize, Vec<RowChange>)> = Vec::new();
    // Who a person row is, from the log (people since removed) and then from the map.
    let mut who: HashMap<i64, (String, String)> = HashMap::new();
    let (p_key, p_name) = (
        person.columns.iter().position(|c| c == "key"),
        person.columns.iter().position(|c| c == "name"),
    );
    let mut stmt = conn.prepare_cached("SELECT * FROM tie WHERE id = ?1")?;
    for (n, e) in log.iter().enumerate() {
        let rows = changes::parse(&e.data)?;
        for c in &rows {
            if c.table == "person" {
                let Some(id) = changes::row_id(person, c) else {
                    continue;
                };
                for vals in [&c.old, &c.new] {
                    if let (Some(Some(k)), Some(Some(nm))) = (
                        p_key.map(|i| text(&vals[i])),
                        p_name.map(|i| text(&vals[i])),
                    ) {
                        who.insert(id, (k, nm));
                    }
                }
            }
        }
        if creates_the_map(e) || day(e) < since {
            continue;
        }
        let ties: Vec<RowChange> = rows.into_iter().filter(|c| c.table == "tie").collect();
        for c in &ties {
            let Some(id) = changes::row_id(info, c) else {
                continue;
            };
            if let std::collections::hash_map::Entry::Vacant(v) = now.entry(id) {
                let row = stmt
                    .query_row([id], |r| {
                        (0..width)
                            .map(|i| r.get::<_, Value>(i).map(Some))
                            .collect::<rusqlite::Result<Vec<_>>>()
                    })
                    .map(Row)
                    .ok();
                v.insert(row);
            }
        }
        if !ties.is_empty() {
            parsed.push((n, ties));
        }
    }
    let mut people = conn.prepare_cached("SELECT id, key, name FROM person")?;
    for r in people.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))? {
        let (id, k, nm) = r?;
        who.insert(id, (k, nm));
    }
    // Walk back: first past what came after today (the state at today's end), then past the
    // window (the state before it began).
    let mut state = now;
    let mut last: HashMap<i64, usize> = HashMap::new();
    for (n, ties) in parsed.iter().rev() {
        if day(&log[*n]) <= today {
            continue;
        }
        for c in ties.iter().rev() {
            if let Some(id) = changes::row_id(info, c) {
                undo(&mut state, id, c);
            }
        }
    }
    let after = state.clone();
    for (n, ties) in parsed.iter().rev() {
        if day(&log[*n]) > today {
            continue;
        }
        for c in ties.iter().rev() {
            if let Some(id) = changes::row_id(info, c) {
                undo(&mut state, id, c);
                last.entry(id).or_insert(*n);
            }
        }
    }
    let before = state;
    // By people and kind: (from, to, kind) → strength, then and now.
    type Key = (i64, i64, String);
    let by_key = |rows: &HashMap<i64, Option<Row>>| -> BTreeMap<Key, (f64, i64)> {
        rows.iter()
            .filter(|(id, _)| last.contains_key(id))
            .filter_map(|(id, r)| {
                let r = r.as_ref()?;
                Some((
                    (
                        int(&r.0[cols.from])?,
                        int(&r.0[cols.to])?,
                        text(&r.0[cols.kind])?,
                    ),
                    (real(&r.0[cols.strength])?, *id),
                ))
            })
            .collect()
    };
    let (then, later) = (by_key(&before), by_key(&after));
    let mut keys: Vec<&Key> = then.keys().chain(later.keys()).collect();
    keys.sort();
    keys.dedup();
    let name = |id: i64| {
        who.get(&id)
            .cloned()
            .unwrap_or_else(|| (format!("#{id}"), format!("person #{id}")))
    };
    let mut out = Vec::new();
    for key in keys {
        let (b, a) = (then.get(key), later.get(key));
        let what = match (b, a) {
            (None, Some(_)) => TieChangeKind::Added,
            (Some(_), None) => TieChangeKind::Removed,
            (Some((s0, _)), Some((s1, _))) if (s1 - s0).abs() > 1e-9 => {
                if s1 > s0 {
                    TieChangeKind::Stronger
                } else {
                    TieChangeKind::Weaker
                }
            }
            _ => continue,
        };
        let row = a.or(b).map(|(_, id)| *id).unwrap_or(0);
        let entry = &log[last[&row]];
        let (from, from_name) = name(key.0);
        let (to, to_name) = name(key.1);
        out.push(TieChange {
            from: PersonKey(from),
            from_name,
            to: PersonKey(to),
            to_name,
            kind: key.2.clone(),
            what,
            before: b.map(|(s, _)| *s),
            after: a.map(|(s, _)| *s),
            date: day(entry).to_string(),
            author: entry.author.clone(),
        });
    }
    out.sort_by(|x, y| {
        y.date
            .cmp(&x.date)
            .then_with(|| x.from_name.cmp(&y.from_name))
            .then_with(|| x.to_name.cmp(&y.to_name))
            .then_with(|| x.kind.cmp(&y.kind))
    });
    Ok(out)
}

impl MapFile {
    /// The ties made, removed, strengthened or weakened from the start of `since` to the end
    /// of `today` (both `YYYY-MM-DD`), newest first.
    pub fn tie_changes(&self, since: &str, today: &str) -> Result<Vec<TieChange>> {
        crate::campaign::date_or_error("since", since).map_err(Error::Invalid)?;
        crate::campaign::date_or_error("today", today).map_err(Error::Invalid)?;
        tie_changes(&self.conn, since, today).map_err(|e| self.sql_error(e))
    }

    /// The map as it stood at the end of `date`: everyone's stance then, and the ties changed
    /// from the day after to the end of `today`.
    pub fn as_of(&self, date: &str, today: &str) -> Result<AsOfMap> {
        let people = crate::campaign::plan::as_of(self.map(), date).map_err(Error::Invalid)?;
        let ties = match crate::campaign::add_days(date, 1) {
            Some(after) if after.as_str() <= today => self.tie_changes(&after, today)?,
            _ => Vec::new(),
        };
        Ok(AsOfMap {
            date: date.to_string(),
            people,
            ties,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::campaign::add_days;
    use crate::data::TieData;
    use crate::store::ties::TiePatch;

    fn demo() -> (tempfile::TempDir, MapFile) {
        let dir = tempfile::tempdir().unwrap();
        let mut file =
            MapFile::create_from(&dir.path().join("m.advocate"), &crate::demo::demo()).unwrap();
        file.set_author("Ana");
        (dir, file)
    }

    fn tie(from: &str, to: &str, kind: &str, strength: f64) -> TieData {
        TieData {
            from: from.into(),
            to: to.into(),
            kind: kind.into(),
            strength: Some(strength),
            ..TieData::default()
        }
    }

    fn id_of(file: &MapFile, from: &str, to: &str) -> crate::model::TieId {
        let map = file.map();
        let (a, b) = (
            map.person_by_key(from).unwrap().id,
            map.person_by_key(to).unwrap().id,
        );
        map.tie_between(a, b).unwrap().id
    }

    fn told(changes: &[TieChange]) -> Vec<String> {
        let mut out: Vec<String> = changes
            .iter()
            .map(|c| {
                format!(
                    "{} > {} {} {} {:?} {:?} {}",
                    c.from,
                    c.to,
                    c.kind,
                    c.what.label(),
                    c.before,
                    c.after,
                    c.author
                )
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn the_map_as_created_is_no_change_and_each_edit_after_it_is_told_once_by_its_net_effect() {
        let (_dir, mut file) = demo();
        let today = time::OffsetDateTime::now_utc().date().to_string();
        let since = add_days(&today, -90).unwrap();
        // The demo's 159 ties were its first contents, not changes.
        assert_eq!(file.tie_changes(&since, &today).unwrap(), vec![]);

        file.add_tie(&tie("cos", "cfo", "mentor", 0.4)).unwrap();
        let (hrd, cos) = (id_of(&file, "hrd", "cfo"), id_of(&file, "cos", "ceo"));
        let hrd_cfo = file.map().tie(hrd).unwrap().strength;
        file.edit_tie(
            hrd,
            &TiePatch {
                strength: Some(0.9),
                ..TiePatch::default()
            },
        )
        .unwrap();
        let cos_ceo = file.map().tie(cos).unwrap().clone();
        file.remove_tie(cos).unwrap();
        // Made and removed in the same days: no change. A note alone is no change either.
        let brief = file.add_tie(&tie("hrd", "cio", "mentor", 0.3)).unwrap();
        file.remove_tie(brief).unwrap();
        let noted = id_of(&file, "cos", "ea");
        file.edit_tie(
            noted,
            &TiePatch {
                notes: Some("weekly".into()),
                ..TiePatch::default()
            },
        )
        .unwrap();

        let changes = file.tie_changes(&since, &today).unwrap();
        assert_eq!(
            told(&changes),
            vec![
                format!(
                    "cos > ceo {} removed Some({:?}) None Ana",
                    cos_ceo.kind, cos_ceo.strength
                ),
                "cos > cfo mentor added None Some(0.4) Ana".to_string(),
                format!(
                    "hrd > cfo {} stronger Some({hrd_cfo:?}) Some(0.9) Ana",
                    file.map().tie(hrd).unwrap().kind
                ),
            ]
        );
        let added = changes
            .iter()
            .find(|c| c.to == "cfo" && c.from == "cos")
            .unwrap();
        assert_eq!(added.from_name, "Amara Nwosu".to_string());
        assert_eq!(added.date, today);

        // Undone, the removal is no change any more.
        file.undo().unwrap(); // the note
        file.undo().unwrap(); // the brief tie's removal
        file.undo().unwrap(); // the brief tie
        file.undo().unwrap(); // the removal of cos > ceo
        let changes = file.tie_changes(&since, &today).unwrap();
        assert_eq!(changes.len(), 2, "{changes:?}");
        assert!(changes.iter().all(|c| c.to == "cfo"));

        // Days before the edits, or a span that starts after them, see nothing.
        let yesterday = add_days(&today, -1).unwrap();
        let tomorrow = add_days(&today, 1).unwrap();
        assert_eq!(file.tie_changes(&since, &yesterday).unwrap(), vec![]);
        assert_eq!(file.tie_changes(&tomorrow, &tomorrow).unwrap(), vec![]);
        assert!(
            file.tie_changes("last week", &today)
                .unwrap_err()
                .to_string()
                .contains("since \"last week\" is not a date")
        );
    }

    #[test]
    fn the_map_as_of_yesterday_has_the_ties_made_today_as_changes_and_as_of_today_none() {
        let (_dir, mut file) = demo();
        let today = time::OffsetDateTime::now_utc().date().to_string();
        let yesterday = add_days(&today, -1).unwrap();
        file.add_tie(&tie("cos", "cfo", "mentor", 0.4)).unwrap();
        let then = file.as_of(&yesterday, &today).unwrap();
        assert_eq!(then.people.len(), file.map().people().count());
        assert_eq!(
            told(&then.ties),
            vec!["cos > cfo mentor added None Some(0.4) Ana"]
        );
        assert_eq!(file.as_of(&today, &today).unwrap().ties, vec![]);
        assert!(file.as_of("soon", &today).is_err());
    }

    #[test]
    fn a_kind_changed_is_one_kind_removed_and_another_added() {
        let (_dir, mut file) = demo();
        let today = time::OffsetDateTime::now_utc().date().to_string();
        let id = id_of(&file, "hrd", "cfo");
        let was = file.map().tie(id).unwrap().clone();
        file.edit_tie(
            id,
            &TiePatch {
                kind: Some("mentor".into()),
                ..TiePatch::default()
            },
        )
        .unwrap();
        let changes = file.tie_changes(&today, &today).unwrap();
        let whats: Vec<(String, &str)> = changes
            .iter()
            .map(|c| (c.kind.clone(), c.what.label()))
            .collect();
        assert_eq!(whats.len(), 2, "{changes:?}");
        assert!(whats.contains(&(was.kind.to_string(), "removed")));
        assert!(whats.contains(&("mentor".to_string(), "added")));
    }
}
