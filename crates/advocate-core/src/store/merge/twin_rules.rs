//! The twin rules of a merge: finding the record of this map that one of theirs collides with
//! on a key, deciding a twin of ours that their history removed, learning the twins the other
//! side took as one and following them to this map's record, and re-pointing or dropping the
//! rows left naming a record that is gone or that turned out to be a twin.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params_from_iter};

use super::Merging;
use crate::store::Result;
use crate::store::changes::{self, Key, Op, RowChange, TableInfo, read_row, show_in};
use crate::store::decide::{Conflict, Prefer, conflict_id};

impl Merging<'_> {
    /// The row of this map that `row` collides with on a unique key.
    pub(super) fn twin(
        &self,
        table: &str,
        info: &TableInfo,
        row: &[Option<Value>],
    ) -> Result<Option<i64>> {
        let indexes: Vec<String> = self
            .conn
            .prepare(&format!("PRAGMA index_list({table})"))
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))?
                    .filter_map(|r| match r {
                        Ok((name, 1)) => Some(Ok(name)),
                        Ok(_) => None,
                        Err(e) => Some(Err(e)),
                    })
                    .collect()
            })
            .map_err(self.sql())?;
        for index in indexes {
            let cols: Vec<String> = self
                .conn
                .prepare(&format!("PRAGMA index_info(\"{index}\")"))
                .and_then(|mut s| s.query_map([], |r| r.get(2))?.collect())
                .map_err(self.sql())?;
            let positions: Vec<usize> = cols
                .iter()
                .filter_map(|c| info.columns.iter().position(|x| x == c))
                .collect();
            if positions.len() != cols.len() || positions.contains(&info.pk) {
                continue;
            }
            let clause = cols
                .iter()
                .enumerate()
                .map(|(n, c)| format!("\"{c}\" = ?{}", n + 1))
                .collect::<Vec<_>>()
                .join(" AND ");
            let sql = format!(
                "SELECT \"{}\" FROM {table} WHERE {clause}",
                info.columns[info.pk]
            );
            let args = positions
                .iter()
                .map(|i| row[*i].clone().unwrap_or(Value::Null));
            let found: Option<i64> = self
                .conn
                .query_row(&sql, params_from_iter(args), |r| r.get(0))
                .optional()
                .map_err(self.sql())?;
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }

    /// A record made on both sides: it is taken as one, this map's row; the fields that differ
    /// are conflicts.
    pub(super) fn same_key(
        &mut self,
        table: &str,
        info: &TableInfo,
        theirs: &[Option<Value>],
        mine: i64,
        author: &str,
    ) -> Result<()> {
        let Some(row) = read_row(self.conn, table, info, mine)? else {
            return Ok(());
        };
        // A twin this map did not make or change since the two last met is known to the other
        // side too, which met the collision first: its later edits say how it ended, and a row
        // its decision sends is how it ended, taken as it is, positions included.
        if !self.touched_here.contains(&(table.to_string(), mine)) {
            if !self.deciding {
                return Ok(());
            }
            let theirs: Vec<(usize, Value)> = theirs
                .iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    let v = v.as_ref()?;
                    (i != info.pk && row[i] != *v).then(|| (i, v.clone()))
                })
                .collect();
            return self.update(table, info, mine, &theirs);
        }
        let mut differ = Vec::new();
        let mut placed = Vec::new();
        for (i, v) in theirs.iter().enumerate() {
            let Some(v) = v else { continue };
            if i == info.pk || row[i] == *v {
                continue;
            }
            // Two positions on the drawing are not worth asking about: this map's stays, and is
            // written as decided, so that a copy that placed theirs ends where this one does.
            if matches!(info.columns[i].as_str(), "x" | "y" | "pinned") {
                placed.push(i);
                continue;
            }
            differ.push((i, v.clone()));
        }
        let record = changes::describe(
            self.conn,
            table,
            &row.iter().cloned().map(Some).collect::<Vec<_>>(),
            mine,
        );
        let mut taken = Vec::new();
        for (i, v) in &differ {
            let column = &info.columns[*i];
            let mut conflict = Conflict {
                id: conflict_id("same-key", table, mine, Some(column)),
                table: table.into(),
                record: record.clone(),
                field: Some(column.clone()),
                kind: "same-key".into(),
                mine: show_in(
                    self.conn,
                    &self.their_names,
                    info,
                    table,
                    *i,
                    Some(&row[*i]),
                ),
                theirs: show_in(self.conn, &self.their_names, info, table, *i, Some(v)),
                mine_author: String::new(),
                theirs_author: author.into(),
                chosen: None,
            };
            match self.decide.decide(&mut conflict) {
                Some(Prefer::Mine) => {
                    self.keep_field.insert((table.into(), mine, *i));
                }
                Some(Prefer::Theirs) => taken.push((*i, v.clone())),
                None => {}
            }
            self.conflicts.push(conflict);
        }
        self.update(table, info, mine, &taken)?;
        if !differ.is_empty() || !placed.is_empty() {
            self.decided.push((
                (table.to_string(), mine),
                differ.iter().map(|(i, _)| *i).chain(placed).collect(),
            ));
        }
        Ok(())
    }

    /// Their twin of a record this map made or changed was removed there: listed, and decided.
    /// Returns whether the removal is to be applied here.
    pub(super) fn removed_twin(
        &mut self,
        table: &str,
        info: &TableInfo,
        id: i64,
        author: &str,
    ) -> Result<bool> {
        let Some(row) = read_row(self.conn, table, info, id)? else {
            return Ok(false);
        };
        let values: Vec<Option<Value>> = row.into_iter().map(Some).collect();
        let mut conflict = Conflict {
            id: conflict_id("removed-there", table, id, None),
            table: table.into(),
            record: changes::describe(self.conn, table, &values, id),
            field: None,
            kind: "removed-there".into(),
            mine: "(kept)".into(),
            theirs: "(removed)".into(),
            mine_author: String::new(),
            theirs_author: author.into(),
            chosen: None,
        };
        let side = self.decide.decide(&mut conflict);
        self.conflicts.push(conflict);
        match side {
            Some(Prefer::Mine) => {
                self.keep_row.insert((table.to_string(), id));
                self.decided_rows.push((table.to_string(), id));
                Ok(false)
            }
            _ => {
                self.decided_gone.push(((table.to_string(), id), values));
                Ok(true)
            }
        }
    }

    /// Whether this map's row `mine`, which their record `theirs` names, also stands for another
    /// of their records that the entries brought in made at or before the one being applied.
    /// A record the other side folded into `theirs` does not count: removing the one it kept
    /// removed both there. (A record it folded away was still apart when its removal was logged.)
    pub(super) fn stands_for_another(&self, table: &str, theirs: i64, mine: i64) -> bool {
        let root = |mut i: i64| {
            for _ in 0..8 {
                match self.their_twins.get(&(table.to_string(), i)) {
                    Some(to) if *to != i => i = *to,
                    _ => break,
                }
            }
            i
        };
        self.made_at_there.iter().any(|((t, id), at)| {
            t == table && *id != theirs && *at <= self.entry && root(*id) != theirs && {
                let mut v = Some(Value::Integer(*id));
                self.resolve(&mut v, table);
                v == Some(Value::Integer(mine))
            }
        })
    }

    /// Whether the edits brought in make this map's record `mine` (by its id, or as a twin).
    pub(super) fn makes_there(&self, table: &str, mine: i64) -> bool {
        self.made_there.iter().any(|(t, id)| {
            t == table && {
                let mut v = Some(Value::Integer(*id));
                self.resolve(&mut v, table);
                v == Some(Value::Integer(mine))
            }
        })
    }

    /// Follows twins (theirs → a third copy's → ours) to this map's record.
    pub(super) fn resolve(&self, v: &mut Option<Value>, table: &str) {
        if let Some(Value::Integer(i)) = v {
            for _ in 0..8 {
                match self.remap.get(&(table.to_string(), *i)) {
                    Some(to) if to != i => *i = *to,
                    _ => break,
                }
            }
        }
    }

    /// The other side's twins (records it took as one) become this map's: of the two, the one
    /// this map has stands for both, unless the edits brought in remove it (then theirs comes in
    /// after it, as it did there). Without them, a record the other side folded into another
    /// would come in here as a record of its own.
    pub(super) fn learn_twins(&mut self, theirs: &HashMap<Key, i64>) -> Result<()> {
        let mut pairs: Vec<(&Key, &i64)> = theirs.iter().collect();
        pairs.sort();
        for ((table, a), b) in pairs {
            let Some(info) = self.schema.get(table) else {
                continue;
            };
            let b = self.remap.get(&(table.clone(), *b)).copied().unwrap_or(*b);
            if self.remap.contains_key(&(table.clone(), *a)) || *a == b {
                continue;
            }
            let (has_a, has_b) = (self.exists(table, info, *a)?, self.exists(table, info, b)?);
            if !has_a {
                self.remap.insert((table.clone(), *a), b);
            } else if !has_b
                && !self.remap.contains_key(&(table.clone(), b))
                // Their history removes ours (an undo where it was made) before theirs comes in:
                // the two were never one here, and replaying that history settles them.
                && !self.removed_there.contains(&(table.clone(), *a))
            {
                self.remap.insert((table.clone(), b), *a);
            }
        }
        Ok(())
    }

    /// Rows left naming a record the other side removed: a reference that may be empty is
    /// emptied, any other row is dropped (and listed).
    pub(super) fn tidy_references(&mut self) -> Result<()> {
        for _ in 0..8 {
            let broken: Vec<(String, i64, i64)> = self
                .conn
                .prepare("PRAGMA foreign_key_check")
                .and_then(|mut s| {
                    s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(3)?)))?
                        .collect()
                })
                .map_err(self.sql())?;
            if broken.is_empty() {
                return Ok(());
            }
            for (table, rowid, fk) in broken {
                let (column, parent): (String, String) = self
                    .conn
                    .query_row(
                        &format!(
                            "SELECT \"from\", \"table\" FROM pragma_foreign_key_list('{table}') WHERE id = ?1"
                        ),
                        [fk],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .map_err(self.sql())?;
                // A row brought in before the merge learnt that the record it names is one of
                // this map's (a twin met later): it names ours.
                let named: Option<i64> = self
                    .conn
                    .query_row(
                        &format!("SELECT \"{column}\" FROM {table} WHERE rowid = ?1"),
                        [rowid],
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(self.sql())?
                    .flatten();
                if let Some(mine) = named.and_then(|v| self.remap.get(&(parent.clone(), v))) {
                    match self.conn.execute(
                        &format!("UPDATE {table} SET \"{column}\" = ?1 WHERE rowid = ?2"),
                        [*mine, rowid],
                    ) {
                        Ok(_) => continue,
                        // Ours already has the same row (a tie both sides made): theirs goes.
                        Err(rusqlite::Error::SqliteFailure(f, _))
                            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE => {}
                        Err(e) => return Err(self.sql()(e)),
                    }
                }
                let Some(info) = self.schema.get(&table) else {
                    continue;
                };
                let nullable = info
                    .columns
                    .iter()
                    .position(|c| *c == column)
                    .is_some_and(|i| !info.not_null[i] && i != info.pk);
                if nullable {
                    self.conn
                        .execute(
                            &format!("UPDATE {table} SET \"{column}\" = NULL WHERE rowid = ?1"),
                            [rowid],
                        )
                        .map_err(self.sql())?;
                } else {
                    let row = read_row(self.conn, &table, info, rowid)?.unwrap_or_default();
                    let values: Vec<_> = row.into_iter().map(Some).collect();
                    self.dropped
                        .push(changes::describe(self.conn, &table, &values, rowid));
                    // Brought in and dropped in one go, it leaves no trace in what the merge
                    // did; a copy that has it must still drop it when it replays this merge.
                    self.decisions.push(RowChange {
                        table: table.clone(),
                        op: Op::Delete,
                        old: values,
                        new: Vec::new(),
                    });
                    self.conn
                        .execute(&format!("DELETE FROM {table} WHERE rowid = ?1"), [rowid])
                        .map_err(self.sql())?;
                }
            }
        }
        Ok(())
    }
}
