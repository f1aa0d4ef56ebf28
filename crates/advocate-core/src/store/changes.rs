//! The changeset log: every committed edit's changes as SQLite's session extension records them,
//! kept in the file with the replica and sequence that name it, its author and time; reading
//! changesets back as row changes; and the history (`advocate history`) told from them.
//!
//! A session is attached to the model's tables ([`super::journal::JOURNALED`]) for the length
//! of one edit, undo or redo, and its changeset is stored beside the edit in the same
//! transaction ([`record`]). A merge's decisions are a changeset too, written by [`encode`]
//! in SQLite's changeset format so that everything in the log reads the same way.

use std::collections::HashMap;
use std::io::Read;

use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::hooks::Action;
use rusqlite::session::{ChangesetIter, Session};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::journal::JOURNALED;
use super::{Error, Result};

/// What a row change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Insert,
    Update,
    Delete,
}

/// One row's change read from a changeset. `old` and `new` hold a value per column, `None`
/// where the changeset leaves the column out (an update's unchanged columns).
#[derive(Debug, Clone, PartialEq)]
pub struct RowChange {
    pub table: String,
    pub op: Op,
    pub old: Vec<Option<Value>>,
    pub new: Vec<Option<Value>>,
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub replica: String,
    pub seq: i64,
    pub author: String,
    pub at: String,
    pub label: String,
    pub kind: String,
    pub data: Vec<u8>,
}

impl LogEntry {
    pub fn id(&self) -> (String, i64) {
        (self.replica.clone(), self.seq)
    }
}

/// A table's columns as the changesets number them, its primary key column and the columns
/// that name another table's row by its id.
#[derive(Debug, Clone)]
pub struct TableInfo {
    pub columns: Vec<String>,
    pub not_null: Vec<bool>,
    pub pk: usize,
    /// (column, parent table) for every column referring to a parent's `id`.
    pub refers: Vec<(usize, String)>,
}

/// The model's tables by name.
pub type Schema = HashMap<String, TableInfo>;

/// Reads the model tables' columns and references.
pub fn schema(conn: &Connection) -> rusqlite::Result<Schema> {
    let mut out = HashMap::new();
    for table in JOURNALED {
        let mut columns = Vec::new();
        let mut not_null = Vec::new();
        let mut pk = 0;
        let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let name: String = r.get(1)?;
            if r.get::<_, i64>(5)? > 0 {
                pk = columns.len();
            }
            not_null.push(r.get::<_, i64>(3)? != 0);
            columns.push(name);
        }
        let mut refers = Vec::new();
        let mut stmt = conn.prepare(&format!("PRAGMA foreign_key_list({table})"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let parent: String = r.get(2)?;
            let from: String = r.get(3)?;
            let to: Option<String> = r.get(4)?;
            if to.as_deref().is_none_or(|t| t == "id")
                && let Some(i) = columns.iter().position(|c| *c == from)
            {
                refers.push((i, parent));
            }
        }
        out.insert(
            table.to_string(),
            TableInfo {
                columns,
                not_null,
                pk,
                refers,
            },
        );
    }
    Ok(out)
}

/// Starts recording the model's tables.
pub fn start(conn: &Connection) -> rusqlite::Result<Session<'_>> {
    let mut session = Session::new(conn)?;
    for table in JOURNALED {
        session.attach(Some(table))?;
    }
    Ok(session)
}

/// The changeset recorded so far, empty when nothing changed.
pub fn take(session: &mut Session<'_>) -> rusqlite::Result<Vec<u8>> {
    if session.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    session.changeset_strm(&mut out)?;
    Ok(out)
}

/// The rows a changeset changes, as (table, id): what an edit touched, read from the changeset
/// it has just made rather than asked of the undo journal again. `None` if a row's key is not
/// a single integer (no model table's is).
pub fn rows(data: &[u8]) -> rusqlite::Result<Option<Vec<(String, i64)>>> {
    let mut out = Vec::new();
    if data.is_empty() {
        return Ok(Some(out));
    }
    let mut reader: &[u8] = data;
    let input: &mut dyn Read = &mut reader;
    let mut iter = ChangesetIter::start_strm(&input)?;
    while let Some(item) = iter.next()? {
        let op = item.op()?;
        let pk = item.pk()?;
        let (Some(col), 1) = (
            pk.iter().position(|k| *k != 0),
            pk.iter().filter(|k| **k != 0).count(),
        ) else {
            return Ok(None);
        };
        let id = match op.code() {
            Action::SQLITE_INSERT => item.new_value(col)?,
            _ => item.old_value(col)?,
        };
        let ValueRef::Integer(id) = id else {
            return Ok(None);
        };
        out.push((op.table_name().to_string(), id));
    }
    Ok(Some(out))
}

/// Stores a changeset of this replica in the log with the next sequence number. An empty one
/// is not stored.
pub fn record(
    conn: &Connection,
    author: &str,
    at: &str,
    label: &str,
    kind: &str,
    data: &[u8],
) -> rusqlite::Result<()> {
    if data.is_empty() {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO changeset(replica, seq, author, at, label, kind, data)
         SELECT r.replica, coalesce((SELECT max(seq) FROM changeset WHERE replica = r.replica), 0) + 1,
                ?1, ?2, ?3, ?4, ?5
         FROM replica_self r",
    )?
    .execute(params![author, at, label, kind, data])?;
    Ok(())
}

/// Adds another replica's entry to the log, once.
pub fn keep(conn: &Connection, e: &LogEntry) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO changeset(replica, seq, author, at, label, kind, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        e.replica, e.seq, e.author, e.at, e.label, e.kind, e.data
    ])?;
    Ok(())
}

/// The whole log in the order this copy received it.
pub fn log(conn: &Connection) -> rusqlite::Result<Vec<LogEntry>> {
    let mut stmt = conn
        .prepare("SELECT replica, seq, author, at, label, kind, data FROM changeset ORDER BY id")?;
    stmt.query_map([], entry)?.collect()
}

/// A log entry from a row of `replica, seq, author, at, label, kind, data`: how the log here and
/// a shared folder's file are read back.
pub(super) fn entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<LogEntry> {
    Ok(LogEntry {
        replica: r.get(0)?,
        seq: r.get(1)?,
        author: r.get(2)?,
        at: r.get(3)?,
        label: r.get(4)?,
        kind: r.get(5)?,
        data: r.get(6)?,
    })
}

fn owned(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

/// Reads a changeset into row changes.
pub fn parse(data: &[u8]) -> rusqlite::Result<Vec<RowChange>> {
    let mut out = Vec::new();
    if data.is_empty() {
        return Ok(out);
    }
    let mut reader: &[u8] = data;
    let input: &mut dyn Read = &mut reader;
    let mut iter = ChangesetIter::start_strm(&input)?;
    while let Some(item) = iter.next()? {
        let op = item.op()?;
        let table = op.table_name().to_string();
        let n = op.number_of_columns() as usize;
        let code = match op.code() {
            Action::SQLITE_INSERT => Op::Insert,
            Action::SQLITE_UPDATE => Op::Update,
            Action::SQLITE_DELETE => Op::Delete,
            _ => continue,
        };
        let mut old = vec![None; n];
        let mut new = vec![None; n];
        for (i, (o, w)) in old.iter_mut().zip(new.iter_mut()).enumerate() {
            if code != Op::Insert {
                *o = item.old_value(i).ok().map(owned);
            }
            if code != Op::Delete {
                *w = item.new_value(i).ok().map(owned);
            }
        }
        out.push(RowChange {
            table,
            op: code,
            old,
            new,
        });
    }
    Ok(out)
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    let mut groups = vec![(v & 0x7f) as u8];
    v >>= 7;
    while v > 0 {
        groups.push((v & 0x7f) as u8 | 0x80);
        v >>= 7;
    }
    out.extend(groups.iter().rev());
}

fn value(out: &mut Vec<u8>, v: &Option<Value>) {
    match v {
        None => out.push(0),
        Some(Value::Integer(i)) => {
            out.push(1);
            out.extend(i.to_be_bytes());
        }
        Some(Value::Real(f)) => {
            out.push(2);
            out.extend(f.to_bits().to_be_bytes());
        }
        Some(Value::Text(s)) => {
            out.push(3);
            varint(out, s.len() as u64);
            out.extend(s.as_bytes());
        }
        Some(Value::Blob(b)) => {
            out.push(4);
            varint(out, b.len() as u64);
            out.extend(b);
        }
        Some(Value::Null) => out.push(5),
    }
}

/// Writes row changes in SQLite's changeset format (what a session would have recorded).
pub fn encode(schema: &Schema, changes: &[RowChange]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut current: Option<&str> = None;
    for c in changes {
        let Some(info) = schema.get(&c.table) else {
            continue;
        };
        if current != Some(c.table.as_str()) {
            out.push(b'T');
            varint(&mut out, info.columns.len() as u64);
            out.extend((0..info.columns.len()).map(|i| u8::from(i == info.pk)));
            out.extend(c.table.as_bytes());
            out.push(0);
            current = Some(c.table.as_str());
        }
        let (code, records): (u8, Vec<&Vec<Option<Value>>>) = match c.op {
            Op::Insert => (18, vec![&c.new]),
            Op::Update => (23, vec![&c.old, &c.new]),
            Op::Delete => (9, vec![&c.old]),
        };
        out.push(code);
        out.push(0);
        for record in records {
            for i in 0..info.columns.len() {
                value(&mut out, record.get(i).unwrap_or(&None));
            }
        }
    }
    out
}

/// The id a row change is about (its primary key), remapped or not.
pub fn row_id(info: &TableInfo, c: &RowChange) -> Option<i64> {
    let v = match c.op {
        Op::Insert => &c.new[info.pk],
        _ => &c.old[info.pk],
    };
    match v {
        Some(Value::Integer(i)) => Some(*i),
        _ => None,
    }
}

/// One change of a history entry: which record, what happened to it, which fields changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HistoryChange {
    /// "person", "tie", "department", "engagement", …
    pub table: String,
    pub record: String,
    /// "added", "changed" or "removed".
    pub what: String,
    pub fields: Vec<String>,
}

/// One edit of the history: who made it, when, and what it changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HistoryEntry {
    pub replica: String,
    pub seq: i64,
    pub author: String,
    pub at: String,
    pub label: String,
    /// "edit", or "decision" for the conflicts a merge decided.
    pub kind: String,
    pub changes: Vec<HistoryChange>,
}

/// Names a record for people: a person by key, a department by name, a tie by its two ends.
pub fn describe(conn: &Connection, table: &str, values: &[Option<Value>], id: i64) -> String {
    let text = |i: usize| match values.get(i) {
        Some(Some(Value::Text(s))) => Some(s.clone()),
        _ => None,
    };
    let int = |i: usize| match values.get(i) {
        Some(Some(Value::Integer(n))) => Some(*n),
        _ => None,
    };
    let person = |id: Option<i64>| -> String {
        id.and_then(|id| {
            conn.query_row("SELECT key FROM person WHERE id = ?1", [id], |r| r.get(0))
                .ok()
        })
        .unwrap_or_else(|| format!("#{}", id.unwrap_or(0)))
    };
    let lookup = |sql: &str| -> Option<String> { conn.query_row(sql, [id], |r| r.get(0)).ok() };
    match table {
        "person" => text(1)
            .or_else(|| lookup("SELECT key FROM person WHERE id = ?1"))
            .unwrap_or_else(|| format!("person #{id}")),
        "department" => text(1)
            .or_else(|| lookup("SELECT name FROM department WHERE id = ?1"))
            .map(|n| format!("department {n}"))
            .unwrap_or_else(|| format!("department #{id}")),
        "tie_kind" => text(1)
            .or_else(|| lookup("SELECT name FROM tie_kind WHERE id = ?1"))
            .map(|n| format!("tie kind {n}"))
            .unwrap_or_else(|| format!("tie kind #{id}")),
        "tie" => {
            let ends = int(1).zip(int(2)).or_else(|| {
                conn.query_row(
                    "SELECT from_person, to_person FROM tie WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .ok()
            });
            match ends {
                Some((a, b)) => format!("tie {} → {}", person(Some(a)), person(Some(b))),
                None => format!("tie #{id}"),
            }
        }
        "engagement" => {
            let who = int(1).or_else(|| {
                conn.query_row("SELECT person FROM engagement WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .ok()
            });
            format!("engagement with {}", person(who))
        }
        "home_member" => format!("home team: {}", person(Some(id))),
        "audience_member" => format!("audience: {}", person(Some(id))),
        "person_target" => format!("target stance of {}", person(Some(id))),
        "map_info" => "the map".into(),
        "action" => text(1)
            .or_else(|| lookup("SELECT key FROM action WHERE id = ?1"))
            .map(|k| format!("action {k}"))
            .unwrap_or_else(|| format!("action #{id}")),
        "saved_view" => text(1)
            .or_else(|| lookup("SELECT key FROM saved_view WHERE id = ?1"))
            .map(|k| format!("saved view {k}"))
            .unwrap_or_else(|| format!("saved view #{id}")),
        _ => format!("{table} #{id}"),
    }
}

/// Whether a row change concerns `person`: the person's own row, or a row naming them.
fn concerns(info: &TableInfo, c: &RowChange, person: i64) -> bool {
    let is = |v: &Option<Value>| matches!(v, Some(Value::Integer(i)) if *i == person);
    if c.table == "person" {
        return row_id(info, c) == Some(person);
    }
    info.refers
        .iter()
        .filter(|(_, parent)| parent == "person")
        .any(|(i, _)| is(&c.old[*i]) || is(&c.new[*i]))
}

/// The history of the map, newest first; with `person`, only the edits that concern them.
pub fn history(conn: &Connection, person: Option<i64>) -> rusqlite::Result<Vec<HistoryEntry>> {
    let schema = schema(conn)?;
    let mut out = Vec::new();
    for e in log(conn)?.into_iter().rev() {
        let mut changes = Vec::new();
        for c in parse(&e.data)? {
            let Some(info) = schema.get(&c.table) else {
                continue;
            };
            if person.is_some_and(|p| !concerns(info, &c, p)) {
                continue;
            }
            let id = row_id(info, &c).unwrap_or(0);
            let values = if c.op == Op::Delete { &c.old } else { &c.new };
            let (what, fields) = match c.op {
                Op::Insert => ("added", Vec::new()),
                Op::Delete => ("removed", Vec::new()),
                Op::Update => (
                    "changed",
                    c.new
                        .iter()
                        .enumerate()
                        .filter(|(i, v)| v.is_some() && *i != info.pk)
                        .map(|(i, _)| info.columns[i].clone())
                        .collect(),
                ),
            };
            changes.push(HistoryChange {
                table: c.table.clone(),
                record: describe(conn, &c.table, values, id),
                what: what.into(),
                fields,
            });
        }
        if person.is_some() && changes.is_empty() {
            continue;
        }
        out.push(HistoryEntry {
            replica: e.replica,
            seq: e.seq,
            author: e.author,
            at: e.at,
            label: e.label,
            kind: e.kind,
            changes,
        });
    }
    Ok(out)
}

/// What one side's edits did to one row.
#[derive(Default)]
pub(super) struct Touch {
    /// Column → (its last value, who set it).
    pub cols: HashMap<usize, (Option<Value>, String)>,
    /// The last change removed the row; its values then.
    pub removed: Option<Vec<Option<Value>>>,
    pub author: String,
}

pub(super) type Key = (String, i64);

pub(super) fn touches(
    schema: &Schema,
    entries: &[&LogEntry],
    order: &mut Vec<Key>,
) -> Result<HashMap<Key, Touch>> {
    let mut out: HashMap<Key, Touch> = HashMap::new();
    for e in entries {
        for c in parse(&e.data).map_err(invalid_log)? {
            let Some(info) = schema.get(&c.table) else {
                continue;
            };
            let Some(id) = row_id(info, &c) else { continue };
            let key = (c.table.clone(), id);
            let t = out.entry(key.clone()).or_insert_with(|| {
                order.push(key);
                Touch::default()
            });
            t.author = e.author.clone();
            match c.op {
                Op::Delete => t.removed = Some(c.old.clone()),
                Op::Insert | Op::Update => {
                    t.removed = None;
                    for (i, v) in c.new.iter().enumerate() {
                        if v.is_some() && i != info.pk {
                            t.cols.insert(i, (v.clone(), e.author.clone()));
                        }
                    }
                }
            }
        }
    }
    Ok(out)
}

pub(super) fn invalid_log(e: rusqlite::Error) -> Error {
    Error::Invalid(format!("a changeset in the log could not be read: {e}"))
}

pub(super) fn read_row(
    conn: &Connection,
    table: &str,
    info: &TableInfo,
    id: i64,
) -> Result<Option<Vec<Value>>> {
    let sql = format!(
        "SELECT * FROM {table} WHERE \"{}\" = ?1",
        info.columns[info.pk]
    );
    conn.prepare_cached(&sql)
        .and_then(|mut s| {
            s.query_row([id], |r| {
                (0..info.columns.len())
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .optional()
        })
        .map_err(super::import_merge::sql_conn(conn))
}

/// A value as the conflict list shows it.
pub(super) fn show(table: &str, column: &str, v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "(none)".into(),
        Some(Value::Integer(i)) if table == "person" && column == "stance" => {
            crate::model::Stance::from_value(*i)
                .map(|s| s.label().to_string())
                .unwrap_or_else(|| i.to_string())
        }
        Some(Value::Integer(i)) => i.to_string(),
        Some(Value::Real(f)) => f.to_string(),
        Some(Value::Text(s)) => s.clone(),
        Some(Value::Blob(b)) => format!("({} bytes)", b.len()),
    }
}

/// The tables whose records a conflict names by a column of their own, and that column.
const NAMED_BY: [(&str, &str); 3] = [
    ("person", "name"),
    ("department", "name"),
    ("action", "key"),
];

/// The names of the records that row changes make or change (their people's and departments'
/// names, their actions' keys), by table and row: a merge's conflict names a record brought in
/// that is not in this map yet by them.
pub(super) fn names_in<'a>(
    schema: &Schema,
    changes: impl IntoIterator<Item = &'a RowChange>,
) -> HashMap<Key, String> {
    let mut out = HashMap::new();
    for c in changes {
        let Some((_, column)) = NAMED_BY.iter().find(|(t, _)| *t == c.table) else {
            continue;
        };
        let Some(info) = schema.get(&c.table) else {
            continue;
        };
        let (Some(at), Some(id)) = (
            info.columns.iter().position(|n| n == column),
            row_id(info, c),
        ) else {
            continue;
        };
        for vals in [&c.old, &c.new] {
            if let Some(Some(Value::Text(name))) = vals.get(at) {
                out.insert((c.table.clone(), id), name.clone());
            }
        }
    }
    out
}

/// A value as the conflict list shows it, a reference to another record by that record's name
/// (a person's name, a department's) rather than its row number: as this map has it, else as
/// the changes brought in (`theirs`, from [`names_in`]) name it.
pub(super) fn show_in(
    conn: &Connection,
    theirs: &HashMap<Key, String>,
    info: &TableInfo,
    table: &str,
    column: usize,
    v: Option<&Value>,
) -> String {
    let parent = info
        .refers
        .iter()
        .find(|(i, _)| *i == column)
        .map(|(_, p)| p.as_str());
    let name = |sql: &str, id: i64| -> Option<String> {
        conn.query_row(sql, [id], |r| r.get::<_, String>(0)).ok()
    };
    match (parent, v) {
        (Some(parent), Some(Value::Integer(id))) => match parent {
            "person" => name("SELECT name FROM person WHERE id = ?1", *id),
            "department" => name("SELECT name FROM department WHERE id = ?1", *id),
            "action" => name("SELECT key FROM action WHERE id = ?1", *id),
            _ => None,
        }
        .or_else(|| theirs.get(&(parent.to_string(), *id)).cloned())
        .unwrap_or_else(|| format!("{parent} #{id} (no longer on the map)")),
        _ => show(table, &info.columns[column], v),
    }
}

pub(super) fn show_row(row: &[Option<Value>]) -> String {
    if row.is_empty() {
        "(removed)".into()
    } else {
        "(kept)".into()
    }
}

/// The records of the other copies known to be ours (their row id → ours).
pub(super) fn twins(conn: &Connection) -> Result<HashMap<Key, i64>> {
    let mut stmt = conn
        .prepare("SELECT tbl, theirs, mine FROM merged_twin")
        .map_err(super::import_merge::sql_conn(conn))?;
    let rows = stmt
        .query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))
        .and_then(|rows| rows.collect::<rusqlite::Result<HashMap<Key, i64>>>())
        .map_err(super::import_merge::sql_conn(conn))?;
    Ok(rows)
}

impl super::MapFile {
    /// Stops storing edits' changesets, only to measure what storing them costs (the collab
    /// benchmark): a copy edited so cannot pass its edits on.
    #[doc(hidden)]
    pub fn set_logging(&mut self, on: bool) {
        self.logging = on;
    }

    /// Names who makes the edits from now on, for the history (`--author`, `ADVOCATE_AUTHOR`,
    /// the app's settings).
    pub fn set_author(&mut self, author: &str) {
        self.author = author.trim().to_string();
    }

    /// The map's identity and this copy's replica.
    pub fn replica(&self) -> Result<super::replica::Replica> {
        super::replica::read(&self.conn).map_err(|e| self.sql_error(e))
    }

    /// Who changed what and when, newest first; with `person`, only what concerns them.
    pub fn history(&self, person: Option<crate::model::PersonId>) -> Result<Vec<HistoryEntry>> {
        history(&self.conn, person.map(|p| p.0)).map_err(|e| self.sql_error(e))
    }
    /// The passphrase the map was opened with (`None` for a plain map): copies of one map often
    /// share it, so a merge tries it on the copy when given none.
    pub fn passphrase(&self) -> Option<&str> {
        self.passphrase.as_deref()
    }
}
