//! Merging a colleague's copy (or a shared folder's changesets): the edits this map has not
//! seen are brought in, conflicts are found and decided, in one transaction and one undo step.
//!
//! Both logs name their changesets by (replica, sequence). The edits to bring in (U) are theirs
//! this map lacks; the edits of this map they lack (M) are what happened here since the two
//! last shared history. A conflict is one field of one record that both U and M changed and
//! that ends different; a record removed on one side and changed on the other; or a record both
//! made separately that collides on a key (a person's key, a department's name, a tie's two ends
//! and kind), which is taken as the same record. U is replayed in its order with its new values,
//! not compared with its old values: a conflict a third copy already decided is not asked again.
//! What the merge did to this map (cascades included) is logged as an edit of this copy, and the
//! decisions as a changeset of this copy too, so that a copy merging this one later replays them
//! and takes the decisions as they are; that is what makes two copies that merged each other
//! identical.
//!
//! Replaying another copy's history meets records in an order that copy never saw them in, so
//! these rules keep the replay true to how things ended there. A record of theirs that meets a
//! twin this map did not touch since the two last met waits, with every change to it, until the
//! rest is applied: their history may yet remove our twin (then theirs comes in as it is). If the
//! twin is still there, theirs is passed over when they removed theirs and made our twin
//! themselves (there the two never met), else it is our twin, which keeps its values unless a
//! decision of theirs sends the record as it ended. A removal that a later decision of theirs
//! refused is not replayed (it would take the record's log entries and ties with it). Rows
//! brought in before the merge learnt that the record they name is a twin are re-pointed at this
//! map's record; a row brought in and dropped is recorded as a decision to drop it.
//!
//! Twins are learnt after the fact, so a log written before its copy took two records as one
//! still names them apart. A twin of theirs is not folded into ours when their history removes
//! ours first (an undo where it was made; theirs then comes in after it, as it did there); a
//! removal of one of their records does not remove this map's row when that row also stands for
//! another of their records made there before the removal and not taken as one with it there;
//! and their merge making again a record this map has, which they took as a twin of another,
//! writes nothing (there it met the twin). These rules are in `twin_rules`.

mod twin_rules;

use std::collections::{HashMap, HashSet};

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde::Serialize;

use super::changes::{
    self, Key, LogEntry, Op, RowChange, Schema, TableInfo, invalid_log, names_in, read_row, row_id,
    show, show_in, show_row, touches, twins,
};
pub use super::decide::{Conflict, Prefer};
use super::decide::{Decisions, conflict_id};
use super::replica::next_id;
use super::{Error, MapFile, Result};

/// What a merge did, or the conflicts that stopped it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MergeReport {
    pub source: String,
    /// How many of their edits this map had not seen.
    pub edits: usize,
    pub conflicts: Vec<Conflict>,
    /// The side of the conflicts not decided one by one (each conflict says how it went);
    /// `None` when there was no choice to make or each was decided alone.
    pub prefer: Option<Prefer>,
    /// False when conflicts stopped the merge for want of a choice: nothing was changed.
    pub merged: bool,
    /// Records that could not be kept because what they belong to was removed on the other side.
    pub dropped: Vec<String>,
    /// Nothing was new because this map merged these edits before and then undid that merge:
    /// they are seen, so merging again brings nothing; Redo brings the merge back.
    pub undone: bool,
}

/// A change held back: as it came, who made it, whether a decision, and its entry's place.
struct Parked(RowChange, String, bool, usize);

/// The merge in progress inside its transaction.
struct Merging<'a> {
    conn: &'a Connection,
    schema: &'a Schema,
    /// How the user decides the conflicts.
    decide: &'a Decisions,
    /// Fields whose conflict this map wins: their changes to them are not applied.
    keep_field: HashSet<(String, i64, usize)>,
    /// Rows whose conflict this map wins: their changes to them are not applied.
    keep_row: HashSet<Key>,
    /// Rows removed here that theirs wins: brought back from their values here before removal.
    bring_back: HashMap<Key, Vec<Option<Value>>>,
    /// Their row id → this map's, for records made separately on both sides.
    remap: HashMap<Key, i64>,
    /// The rows this map's own edits (those the other side lacks) touched.
    touched_here: HashSet<Key>,
    /// The rows the edits brought in make, and those they remove, by their own ids.
    made_there: HashSet<Key>,
    removed_there: HashSet<Key>,
    /// The place among the entries brought in where each of their records is first made.
    made_at_there: HashMap<Key, usize>,
    /// The records the other side took as one (theirs → the one it kept), by its ids.
    their_twins: HashMap<Key, i64>,
    /// Records a decision brought in keeps (writes whole), by their own ids, with the place of
    /// the last such decision among the entries brought in.
    kept_there: HashMap<Key, usize>,
    /// The place of the entry being applied among those brought in.
    entry: usize,
    /// Whether that entry is a decision (records as they ended there).
    deciding: bool,
    /// Their records whose making met an untouched twin here, by their own ids, and every change
    /// to them, held until the rest is applied (see [`Merging::apply`]).
    parked_keys: HashSet<Key>,
    parked: Vec<Parked>,
    /// Whether the held changes are being applied.
    replaying: bool,
    conflicts: Vec<Conflict>,
    /// The decisions, as row changes of this replica.
    decisions: Vec<RowChange>,
    /// Fields decided, written to the log as they are after the merge.
    decided: Vec<(Key, Vec<usize>)>,
    /// Records kept or brought back by a decision, written to the log whole.
    decided_rows: Vec<Key>,
    /// Records whose removal there won, with their values before: written as removed, or whole
    /// when a later edit of the same merge made them again (a redo there).
    decided_gone: Vec<(Key, Vec<Option<Value>>)>,
    dropped: Vec<String>,
    /// The names of the records brought in, for conflicts to name them (see [`names_in`]).
    their_names: HashMap<Key, String>,
}

impl Merging<'_> {
    fn sql(&self) -> impl Fn(rusqlite::Error) -> Error + '_ {
        super::import_merge::sql_conn(self.conn)
    }

    fn exists(&self, table: &str, info: &TableInfo, id: i64) -> Result<bool> {
        let sql = format!(
            "SELECT EXISTS(SELECT 1 FROM {table} WHERE \"{}\" = ?1)",
            info.columns[info.pk]
        );
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row([id], |r| r.get(0)))
            .map_err(self.sql())
    }

    fn remapped(&self, info: &TableInfo, c: &mut RowChange) {
        let map = |v: &mut Option<Value>, parent: &str| self.resolve(v, parent);
        for (col, parent) in &info.refers {
            map(&mut c.old[*col], parent);
            map(&mut c.new[*col], parent);
        }
        let table = c.table.clone();
        map(&mut c.old[info.pk], &table);
        map(&mut c.new[info.pk], &table);
    }

    fn update(
        &self,
        table: &str,
        info: &TableInfo,
        id: i64,
        values: &[(usize, Value)],
    ) -> Result<()> {
        if values.is_empty() {
            return Ok(());
        }
        let sets = values
            .iter()
            .enumerate()
            .map(|(n, (i, _))| format!("\"{}\" = ?{}", info.columns[*i], n + 2))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "UPDATE {table} SET {sets} WHERE \"{}\" = ?1",
            info.columns[info.pk]
        );
        let args = std::iter::once(Value::Integer(id)).chain(values.iter().map(|(_, v)| v.clone()));
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.execute(params_from_iter(args)))
            .map_err(self.sql())?;
        Ok(())
    }

    /// Inserts their row; `false` when it collides with a row of this map on a unique key.
    fn insert(&self, table: &str, info: &TableInfo, row: &[Option<Value>]) -> Result<bool> {
        let cols = info
            .columns
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let marks = (1..=info.columns.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("INSERT INTO {table}({cols}) VALUES ({marks})");
        let args = row.iter().map(|v| v.clone().unwrap_or(Value::Null));
        match self
            .conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.execute(params_from_iter(args)))
        {
            Ok(_) => Ok(true),
            Err(rusqlite::Error::SqliteFailure(f, _))
                if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
            {
                Ok(false)
            }
            Err(e) => Err(self.sql()(e)),
        }
    }

    /// The decisions as row changes: decided fields as an update with their values now, kept
    /// or restored records whole.
    fn write_decisions(&mut self) -> Result<()> {
        for ((table, id), cols) in std::mem::take(&mut self.decided) {
            let info = &self.schema[&table];
            let Some(row) = read_row(self.conn, &table, info, id)? else {
                continue;
            };
            let n = info.columns.len();
            let mut old = vec![None; n];
            let mut new = vec![None; n];
            old[info.pk] = Some(Value::Integer(id));
            for i in cols {
                old[i] = Some(row[i].clone());
                new[i] = Some(row[i].clone());
            }
            self.decisions.push(RowChange {
                table,
                op: Op::Update,
                old,
                new,
            });
        }
        for ((table, id), old) in std::mem::take(&mut self.decided_gone) {
            let info = &self.schema[&table];
            if read_row(self.conn, &table, info, id)?.is_some() {
                self.decided_rows.push((table, id));
            } else {
                self.decisions.push(RowChange {
                    table,
                    op: Op::Delete,
                    old,
                    new: Vec::new(),
                });
            }
        }
        for (table, id) in std::mem::take(&mut self.decided_rows) {
            let info = &self.schema[&table];
            let Some(row) = read_row(self.conn, &table, info, id)? else {
                continue;
            };
            self.decisions.push(RowChange {
                table,
                op: Op::Insert,
                old: Vec::new(),
                new: row.into_iter().map(Some).collect(),
            });
        }
        Ok(())
    }

    fn apply(&mut self, mut c: RowChange, author: &str) -> Result<()> {
        let schema = self.schema;
        let Some(info) = schema.get(&c.table) else {
            return Ok(());
        };
        let theirs = row_id(info, &c);
        if !self.replaying
            && let Some(t) = theirs
            && self.parked_keys.contains(&(c.table.clone(), t))
        {
            self.parked
                .push(Parked(c, author.into(), self.deciding, self.entry));
            return Ok(());
        }
        let raw = (c.op == Op::Insert && !self.replaying).then(|| c.clone());
        self.remapped(info, &mut c);
        let Some(id) = row_id(info, &c) else {
            return Ok(());
        };
        let table = c.table.clone();
        let key = (table.clone(), id);
        if self.keep_row.contains(&key) {
            return Ok(());
        }
        // A removal that a later decision brought in refused: the record stays, and so does what
        // hangs from it (removing it first would take its log entries and ties with it).
        if c.op == Op::Delete
            && let Some(t) = theirs
            && self
                .kept_there
                .get(&(table.clone(), t))
                .is_some_and(|at| *at > self.entry)
        {
            return Ok(());
        }
        // A removal of one of their records that this map holds as the same row as another of
        // theirs, made there before it: there the two were apart, and the other one stays.
        if c.op == Op::Delete
            && let Some(t) = theirs
            && self.stands_for_another(&table, t, id)
        {
            return Ok(());
        }
        if c.op == Op::Delete && theirs != Some(id) && self.touched_here.contains(&key) {
            // They removed their twin of a record this map made or changed since: a conflict.
            if !self.removed_twin(&table, info, id, author)? {
                return Ok(());
            }
        }
        let writable = |i: usize, v: &Option<Value>| -> Option<(usize, Value)> {
            let v = v.as_ref()?;
            (i != info.pk && !self.keep_field.contains(&(table.clone(), id, i)))
                .then(|| (i, v.clone()))
        };
        match c.op {
            Op::Delete => {
                let sql = format!(
                    "DELETE FROM {table} WHERE \"{}\" = ?1",
                    info.columns[info.pk]
                );
                self.conn
                    .prepare_cached(&sql)
                    .and_then(|mut s| s.execute([id]))
                    .map_err(self.sql())?;
            }
            Op::Insert | Op::Update => {
                // Their record made again for a twin of ours already here: met as a twin.
                if c.op == Op::Insert && theirs != Some(id) && self.exists(&table, info, id)? {
                    return self.same_key(&table, info, &c.new, id, author);
                }
                // Their merge made again a record this map has, which the other side took as
                // one of its own there: it met that twin there and wrote nothing, so nothing here.
                if c.op == Op::Insert
                    && !self.deciding
                    && theirs == Some(id)
                    && self
                        .their_twins
                        .get(&(table.clone(), id))
                        .is_some_and(|to| *to != id)
                    && self.exists(&table, info, id)?
                {
                    return Ok(());
                }
                if self.exists(&table, info, id)? {
                    let values: Vec<_> = c
                        .new
                        .iter()
                        .enumerate()
                        .filter_map(|(i, v)| writable(i, v))
                        .collect();
                    return self.update(&table, info, id, &values);
                }
                let row = if c.op == Op::Insert {
                    c.new.clone()
                } else if let Some(mut row) = self.bring_back.remove(&key) {
                    for (i, v) in c.new.iter().enumerate() {
                        if v.is_some() {
                            row[i] = v.clone();
                        }
                    }
                    row
                } else {
                    return Ok(());
                };
                if !self.insert(&table, info, &row)? {
                    match self.twin(&table, info, &row)? {
                        // The other side removes theirs and makes this map's twin itself later
                        // on: there the two never met, so theirs is passed over, and its later
                        // edits with it.
                        Some(mine)
                            if self.replaying
                                && !self.touched_here.contains(&(table.clone(), mine))
                                && self.makes_there(&table, mine)
                                && theirs.is_some_and(|t| {
                                    self.removed_there.contains(&(table.clone(), t))
                                }) => {}
                        // Theirs meets a twin this map did not touch since the two last met: the
                        // other side knows ours, and its history (met here out of its order) may
                        // yet remove ours first. Theirs and its changes wait for the end.
                        Some(mine)
                            if !self.replaying
                                && !self.touched_here.contains(&(table.clone(), mine))
                                && let (Some(raw), Some(t)) = (raw, theirs) =>
                        {
                            self.parked_keys.insert((table.clone(), t));
                            self.parked
                                .push(Parked(raw, author.into(), self.deciding, self.entry));
                        }
                        Some(mine) => {
                            self.remap.insert(key, mine);
                            self.same_key(&table, info, &row, mine, author)?;
                        }
                        None => {
                            return Err(Error::Invalid(format!(
                                "{} could not be merged: it collides with a record of this map",
                                changes::describe(self.conn, &table, &row, id)
                            )));
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// What the entries do to records, by their own ids.
#[derive(Default)]
struct Made {
    /// Records inserted.
    made: HashSet<Key>,
    /// The place among the entries where each record is first inserted.
    made_at: HashMap<Key, usize>,
    /// Records removed.
    removed: HashSet<Key>,
    /// Records a decision keeps (writes whole), with the place of the last such decision.
    kept: HashMap<Key, usize>,
}

fn made(schema: &Schema, entries: &[&LogEntry], changes: &[Vec<RowChange>]) -> Made {
    let mut out = Made::default();
    for (n, (e, rows)) in entries.iter().zip(changes).enumerate() {
        for c in rows {
            let Some(id) = schema.get(&c.table).and_then(|info| row_id(info, c)) else {
                continue;
            };
            match c.op {
                Op::Insert => {
                    if e.kind == "decision" {
                        out.kept.insert((c.table.clone(), id), n);
                    }
                    out.made.insert((c.table.clone(), id));
                    out.made_at.entry((c.table.clone(), id)).or_insert(n);
                }
                Op::Delete => {
                    out.removed.insert((c.table.clone(), id));
                }
                Op::Update => {}
            }
        }
    }
    out
}

impl MapFile {
    /// Brings in the edits of `theirs` (a copy's log, or a shared folder's) that this map has
    /// not seen. `their_ids` names every changeset the other side has, so that this map's edits
    /// it lacks are known. A conflict `decisions` leaves undecided stops the merge and nothing
    /// changes.
    pub(crate) fn merge_log(
        &mut self,
        source: &str,
        theirs: &[LogEntry],
        their_ids: &HashSet<(String, i64)>,
        their_twins: &HashMap<Key, i64>,
        decisions: &Decisions,
    ) -> Result<MergeReport> {
        self.writable_path()?;
        let sql = |e| self.sql_error(e);
        let mine = changes::log(self.connection()).map_err(sql)?;
        let seen: HashSet<(String, i64)> = mine.iter().map(LogEntry::id).collect();
        let mut taken = HashSet::new();
        let unseen: Vec<&LogEntry> = theirs
            .iter()
            .filter(|e| !seen.contains(&e.id()) && taken.insert(e.id()))
            .collect();
        let mut report = MergeReport {
            source: source.into(),
            edits: unseen.len(),
            conflicts: Vec::new(),
            prefer: None,
            merged: true,
            dropped: Vec::new(),
            undone: false,
        };
        let label = format!("Merge {source}");
        if unseen.is_empty() {
            report.undone = self
                .next_step(super::journal::Direction::Redo)
                .ok()
                .flatten()
                .is_some_and(|next| next == label);
            return Ok(report);
        }
        let only_mine: Vec<&LogEntry> = mine
            .iter()
            .filter(|e| !their_ids.contains(&e.id()))
            .collect();
        let schema = changes::schema(self.connection()).map_err(sql)?;
        let mut order = Vec::new();
        let here = touches(&schema, &only_mine, &mut Vec::new())?;
        let there = touches(&schema, &unseen, &mut order)?;
        let author = self.author.clone();
        let mut stopped = None;
        // Each changeset brought in, read once: what it makes and removes, then applied.
        let mut parsed = unseen
            .iter()
            .map(|e| changes::parse(&e.data).map_err(invalid_log))
            .collect::<Result<Vec<_>>>()?;
        let Made {
            made: made_there,
            made_at: made_at_there,
            removed: removed_there,
            kept: kept_there,
        } = made(&schema, &unseen, &parsed);
        let result = self.edit_step(&label, false, |tx, _| {
            tx.execute_batch("PRAGMA defer_foreign_keys = ON")
                .map_err(super::import_merge::sql(tx))?;
            let mut m = Merging {
                conn: tx,
                schema: &schema,
                decide: decisions,
                keep_field: HashSet::new(),
                keep_row: HashSet::new(),
                bring_back: HashMap::new(),
                remap: twins(tx)?,
                touched_here: here.keys().cloned().collect(),
                made_there,
                made_at_there,
                their_twins: their_twins.clone(),
                removed_there,
                kept_there,
                entry: 0,
                deciding: false,
                parked_keys: HashSet::new(),
                parked: Vec::new(),
                replaying: false,
                conflicts: Vec::new(),
                decisions: Vec::new(),
                decided: Vec::new(),
                decided_rows: Vec::new(),
                decided_gone: Vec::new(),
                dropped: Vec::new(),
                their_names: names_in(&schema, parsed.iter().flatten()),
            };
            m.learn_twins(their_twins)?;
            let mut stances = Vec::new();
            for key in &order {
                let (Some(h), Some(t)) = (here.get(key), there.get(key)) else {
                    continue;
                };
                let info = &schema[&key.0];
                let row = read_row(tx, &key.0, info, key.1)?;
                let values: Vec<Option<Value>> = row.clone().unwrap_or_default().into_iter().map(Some).collect();
                let described = |vals: &[Option<Value>]| changes::describe(tx, &key.0, vals, key.1);
                match (&row, &t.removed) {
                    (Some(row), None) => {
                        let mut decided = Vec::new();
                        let mut cols: Vec<_> = t.cols.iter().collect();
                        cols.sort_by_key(|(i, _)| **i);
                        for (i, (v, who)) in cols {
                            let Some((_, mine_who)) = h.cols.get(i) else { continue };
                            let theirs = v.clone().unwrap_or(Value::Null);
                            if row[*i] == theirs {
                                continue;
                            }
                            let column = &info.columns[*i];
                            let mut conflict = Conflict {
                                id: conflict_id("field", &key.0, key.1, Some(column)),
                                table: key.0.clone(),
                                record: described(&values),
                                field: Some(column.clone()),
                                kind: "field".into(),
                                mine: show_in(tx, &m.their_names, info, &key.0, *i, Some(&row[*i])),
                                theirs: show_in(tx, &m.their_names, info, &key.0, *i, Some(&theirs)),
                                mine_author: mine_who.clone(),
                                theirs_author: who.clone(),
                                chosen: None,
                            };
                            let side = decisions.decide(&mut conflict);
                            m.conflicts.push(conflict);
                            if key.0 == "person" && column == "stance" {
                                stances.push((key.1, row[*i].clone(), mine_who.clone(), theirs, who.clone()));
                            }
                            if side == Some(Prefer::Mine) {
                                m.keep_field.insert((key.0.clone(), key.1, *i));
                            }
                            decided.push(*i);
                        }
                        if !decided.is_empty() {
                            m.decided.push((key.clone(), decided));
                        }
                    }
                    (None, None) if h.removed.is_some() => {
                        let mut conflict = Conflict {
                            id: conflict_id("removed-here", &key.0, key.1, None),
                            table: key.0.clone(),
                            record: described(h.removed.as_deref().unwrap_or_default()),
                            field: None,
                            kind: "removed-here".into(),
                            mine: "(removed)".into(),
                            theirs: "(changed)".into(),
                            mine_author: h.author.clone(),
                            theirs_author: t.author.clone(),
                            chosen: None,
                        };
                        let side = decisions.decide(&mut conflict);
                        m.conflicts.push(conflict);
                        match side {
                            Some(Prefer::Mine) => {
                                m.keep_row.insert(key.clone());
                                m.decisions.push(RowChange {
                                    table: key.0.clone(),
                                    op: Op::Delete,
                                    old: h.removed.clone().unwrap_or_default(),
                                    new: Vec::new(),
                                });
                            }
                            _ => {
                                m.bring_back.insert(key.clone(), h.removed.clone().unwrap_or_default());
                                m.decided_rows.push(key.clone());
                            }
                        }
                    }
                    (Some(_), Some(_)) if h.removed.is_none() && !h.cols.is_empty() => {
                        let mut conflict = Conflict {
                            id: conflict_id("removed-there", &key.0, key.1, None),
                            table: key.0.clone(),
                            record: described(&values),
                            field: None,
                            kind: "removed-there".into(),
                            mine: show_row(&values),
                            theirs: "(removed)".into(),
                            mine_author: h.author.clone(),
                            theirs_author: t.author.clone(),
                            chosen: None,
                        };
                        let side = decisions.decide(&mut conflict);
                        m.conflicts.push(conflict);
                        match side {
                            Some(Prefer::Mine) => {
                                m.keep_row.insert(key.clone());
                                m.decided_rows.push(key.clone());
                            }
                            _ => m.decided_gone.push((key.clone(), values.clone())),
                        }
                    }
                    _ => {}
                }
            }
            // What the merge does to this map, cascades and tidying included, is an edit of this
            // copy: a copy merging this one later replays it and ends where this one does.
            let mut session = changes::start(tx).map_err(super::import_merge::sql(tx))?;
            for (n, (e, rows)) in unseen.iter().zip(std::mem::take(&mut parsed)).enumerate() {
                m.entry = n;
                m.deciding = e.kind == "decision";
                for c in rows {
                    m.apply(c, &e.author)?;
                }
            }
            m.replaying = true;
            for Parked(c, author, deciding, entry) in std::mem::take(&mut m.parked) {
                m.deciding = deciding;
                m.entry = entry;
                m.apply(c, &author)?;
            }
            m.tidy_references()?;
            for ((table, theirs), mine) in &m.remap {
                tx.execute(
                    "INSERT OR IGNORE INTO merged_twin(tbl, theirs, mine) VALUES (?1, ?2, ?3)",
                    rusqlite::params![table, theirs, mine],
                )
                .map_err(super::import_merge::sql(tx))?;
            }
            let effects = changes::take(&mut session).map_err(super::import_merge::sql(tx))?;
            drop(session);
            if m.conflicts.iter().any(|c| c.chosen.is_none()) {
                stopped = Some((m.conflicts, m.dropped));
                return Err(Error::Invalid(String::new()));
            }
            m.write_decisions()?;
            // Both judgements of a stance go into the person's engagement log as logged stances,
            // each with who made it, whichever the map keeps: their stance history shows both.
            // The one kept is logged last, so the latest logged stance is the map's.
            for (person, mine, mine_who, theirs, their_who) in stances {
                let label = |v: &Value| show("person", "stance", Some(v));
                let kept: Value = tx
                    .query_row("SELECT stance FROM person WHERE id = ?1", [person], |r| r.get(0))
                    .optional()
                    .map_err(super::import_merge::sql(tx))?
                    .unwrap_or(Value::Null);
                let who = |w: &str| if w.is_empty() { "someone".to_string() } else { w.to_string() };
                let mut judgements = [(mine, who(&mine_who)), (theirs, who(&their_who))];
                if judgements[0].0 == kept {
                    judgements.swap(0, 1);
                }
                for (n, (stance, by)) in judgements.iter().enumerate() {
                    let (other, other_by) = &judgements[1 - n];
                    let summary = format!(
                        "Judged {} by {by}; {other_by} judged {}, and the merge keeps {}.",
                        label(stance),
                        label(other),
                        label(&kept)
                    );
                    tx.execute(
                        &format!(
                            "INSERT INTO engagement(id, person, date, action, summary, stance_after) VALUES ({}, ?1, ?2, ?3, ?4, ?5)",
                            next_id("engagement")
                        ),
                        rusqlite::params![person, super::today(), crate::model::MERGED_JUDGEMENT, summary, stance],
                    )
                    .map_err(super::import_merge::sql(tx))?;
                    let id = tx.last_insert_rowid();
                    let info = &schema["engagement"];
                    if let Some(row) = read_row(tx, "engagement", info, id)? {
                        m.decisions.push(RowChange {
                            table: "engagement".into(),
                            op: Op::Insert,
                            old: Vec::new(),
                            new: row.into_iter().map(Some).collect(),
                        });
                    }
                }
            }
            for e in &unseen {
                changes::keep(tx, e).map_err(super::import_merge::sql(tx))?;
            }
            let at = super::now_stamp();
            changes::record(tx, &author, &at, &label, "edit", &effects)
                .map_err(super::import_merge::sql(tx))?;
            if !m.decisions.is_empty() {
                m.decisions.sort_by_key(|c| super::journal::JOURNALED.iter().position(|t| *t == c.table));
                let data = changes::encode(&schema, &m.decisions);
                changes::record(
                    tx,
                    &author,
                    &at,
                    &format!("Decisions merging {source}"),
                    "decision",
                    &data,
                )
                .map_err(super::import_merge::sql(tx))?;
            }
            Ok((m.conflicts, m.dropped))
        });
        match (result, stopped) {
            (_, Some((conflicts, dropped))) => {
                report.conflicts = conflicts;
                report.dropped = dropped;
                report.merged = false;
                Ok(report)
            }
            (Ok((conflicts, dropped)), None) => {
                if !conflicts.is_empty() {
                    report.prefer = decisions.all;
                }
                report.conflicts = conflicts;
                report.dropped = dropped;
                Ok(report)
            }
            (Err(e), None) => Err(e),
        }
    }
}
