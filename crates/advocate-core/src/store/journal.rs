//! The undo/redo journal inside the map file.
//!
//! Triggers on every table of the model record, for each row an edit inserts, updates or deletes,
//! the SQL statement that reverses it, under the edit's step. Undoing a step replays its entries
//! newest first; while it does, the same triggers record the statements that redo it. So undo and
//! redo survive closing the file, and one mechanism covers every kind of edit, imports included.
//! The triggers are generated from the tables' columns each time a map is opened, so they always
//! match the schema after a migration.

use rusqlite::{Connection, params};

/// The tables whose rows are edits, in the order a refresh of the in-memory map reads them.
pub const JOURNALED: [&str; 12] = [
    "map_info",
    "tie_kind",
    "department",
    "person",
    "tie",
    "home_member",
    "audience_member",
    "engagement",
    "person_target",
    "action",
    "dismissed_suggestion",
    "saved_view",
];

/// How many steps are kept; older ones are forgotten.
pub const MAX_STEPS: i64 = 200;

fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let cols = stmt
        .query_map([], |r| r.get::<_, String>(1))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols)
}

fn primary_key(table: &str) -> &'static str {
    match table {
        "home_member" | "audience_member" | "person_target" => "person",
        _ => "id",
    }
}

/// (Re)creates the journal's triggers for the current schema. A file whose triggers are already
/// current is not written to, so opening a map changes nothing in it.
pub fn install_triggers(conn: &Connection) -> rusqlite::Result<()> {
    let mut triggers: Vec<(String, String)> = Vec::new();
    for table in JOURNALED {
        let cols = columns(conn, table)?;
        let pk = primary_key(table);
        let quoted = |prefix: &str| {
            cols.iter()
                .map(|c| format!("quote({prefix}.\"{c}\")"))
                .collect::<Vec<_>>()
                .join("||','||")
        };
        let col_list = cols
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(",");
        let assignments = cols
            .iter()
            .map(|c| format!("'\"{c}\"='||quote(old.\"{c}\")"))
            .collect::<Vec<_>>()
            .join("||','||");
        let record = |name: &str, event: &str, row: &str, inverse: String| {
            // Inserts of a bulk step into these tables are journaled as ranges by `end_bulk`.
            let bulk = if event == "INSERT" && BULK_TABLES.contains(&table) {
                " AND bulk = 0"
            } else {
                ""
            };
            (
                name.to_string(),
                format!(
                    "CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN\n\
                   INSERT INTO undo_entry(step, dir, tbl, row_id, sql)\n\
                   SELECT step, dir, '{table}', {row}.\"{pk}\", {inverse} FROM undo_state WHERE recording = 1{bulk};\n\
                 END"
                ),
            )
        };
        triggers.push(record(
            &format!("journal_{table}_insert"),
            "INSERT",
            "new",
            format!("'DELETE FROM {table} WHERE \"{pk}\"='||quote(new.\"{pk}\")"),
        ));
        triggers.push(record(
            &format!("journal_{table}_update"),
            "UPDATE",
            "old",
            format!(
                "'UPDATE {table} SET '||{assignments}||' WHERE \"{pk}\"='||quote(new.\"{pk}\")"
            ),
        ));
        triggers.push(record(
            &format!("journal_{table}_delete"),
            "DELETE",
            "old",
            format!(
                "'INSERT INTO {table}({col_list}) VALUES('||{}||')'",
                quoted("old")
            ),
        ));
    }
    let mut current =
        conn.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1")?;
    let mut stale = Vec::new();
    for (name, sql) in &triggers {
        let installed: Option<String> = current
            .query_row(params![name], |r| r.get(0))
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        if installed.as_deref() != Some(sql.as_str()) {
            stale.push(format!("DROP TRIGGER IF EXISTS {name};\n{sql};\n"));
        }
    }
    if !stale.is_empty() {
        conn.execute_batch(&format!("BEGIN IMMEDIATE;\n{}COMMIT;", stale.concat()))?;
    }
    Ok(())
}

/// Starts recording a new step, forgetting anything that could have been redone.
pub fn begin_step(conn: &Connection, label: &str, at: &str) -> rusqlite::Result<i64> {
    conn.execute(
        "DELETE FROM undo_entry WHERE step IN (SELECT step FROM undo_step WHERE undone = 1)",
        [],
    )?;
    conn.execute("DELETE FROM undo_step WHERE undone = 1", [])?;
    conn.execute(
        "INSERT INTO undo_step(label, at, undone) VALUES (?1, ?2, 0)",
        params![label, at],
    )?;
    let step = conn.last_insert_rowid();
    conn.execute(
        "UPDATE undo_state SET recording = 1, step = ?1, dir = 'undo'",
        params![step],
    )?;
    Ok(step)
}

/// The tables whose inserts a bulk step journals as ranges of row ids.
const BULK_TABLES: [&str; 5] = ["tie_kind", "department", "person", "tie", "engagement"];

/// The highest row id of each bulk table, before a bulk step writes.
/// Only this replica's band is read: the rows a step inserts get ids there ([`super::replica`]).
pub fn begin_bulk(conn: &Connection) -> rusqlite::Result<Vec<i64>> {
    conn.execute("UPDATE undo_state SET bulk = 1", [])?;
    let (low, high) = super::replica::band_range(conn)?;
    BULK_TABLES
        .iter()
        .map(|t| {
            conn.query_row(
                &format!("SELECT coalesce(max(id), ?1) FROM {t} WHERE id > ?1 AND id < ?2"),
                params![low, high],
                |r| r.get(0),
            )
        })
        .collect()
}

/// Journals the rows a bulk step inserted as one entry per table (rows above the old maximum),
/// whose undo deletes them; the delete triggers then journal the redo row by row.
pub fn end_bulk(conn: &Connection, before: &[i64]) -> rusqlite::Result<()> {
    conn.execute("UPDATE undo_state SET bulk = 0", [])?;
    let step: i64 = conn.query_row("SELECT step FROM undo_state", [], |r| r.get(0))?;
    let (_, high) = super::replica::band_range(conn)?;
    for (table, max) in BULK_TABLES.iter().zip(before) {
        let added: bool = conn.query_row(
            &format!("SELECT EXISTS(SELECT 1 FROM {table} WHERE id > ?1 AND id < ?2)"),
            params![max, high],
            |r| r.get(0),
        )?;
        if added {
            conn.execute(
                "INSERT INTO undo_entry(step, dir, tbl, row_id, sql) VALUES (?1, 'undo', ?2, -1, ?3)",
                params![
                    step,
                    table,
                    format!("DELETE FROM {table} WHERE id > {max} AND id < {high}")
                ],
            )?;
        }
    }
    Ok(())
}

/// Stops recording; drops the step if the edit changed nothing, and forgets the oldest steps.
pub fn end_step(conn: &Connection, step: i64) -> rusqlite::Result<()> {
    conn.execute("UPDATE undo_state SET recording = 0", [])?;
    let entries: i64 = conn.query_row(
        "SELECT count(*) FROM undo_entry WHERE step = ?1",
        params![step],
        |r| r.get(0),
    )?;
    if entries == 0 {
        conn.execute("DELETE FROM undo_step WHERE step = ?1", params![step])?;
    }
    conn.execute(
        "DELETE FROM undo_entry WHERE step <= (SELECT max(step) FROM undo_step) - ?1",
        params![MAX_STEPS],
    )?;
    conn.execute(
        "DELETE FROM undo_step WHERE step <= (SELECT max(step) FROM undo_step) - ?1",
        params![MAX_STEPS],
    )?;
    Ok(())
}

/// Which way to move through the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Undo,
    Redo,
}

/// The step an undo or redo would replay, with its label.
pub fn next_step(
    conn: &Connection,
    direction: Direction,
) -> rusqlite::Result<Option<(i64, String)>> {
    let sql = match direction {
        Direction::Undo => {
            "SELECT step, label FROM undo_step WHERE undone = 0 ORDER BY step DESC LIMIT 1"
        }
        Direction::Redo => {
            "SELECT step, label FROM undo_step WHERE undone = 1 ORDER BY step ASC LIMIT 1"
        }
    };
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    match rows.next()? {
        Some(r) => Ok(Some((r.get(0)?, r.get(1)?))),
        None => Ok(None),
    }
}

/// The labels of the steps still done before `step`, newest first.
pub fn done_before(conn: &Connection, step: i64) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn
        .prepare("SELECT label FROM undo_step WHERE undone = 0 AND step < ?1 ORDER BY step DESC")?;
    stmt.query_map(params![step], |r| r.get(0))?.collect()
}

/// Replays one step in the given direction inside the caller's transaction, and returns the
/// rows it touched as `(table, row id)`.
pub fn replay(
    conn: &Connection,
    step: i64,
    direction: Direction,
) -> rusqlite::Result<Vec<(String, i64)>> {
    let (read, write, undone) = match direction {
        Direction::Undo => ("undo", "redo", 1),
        Direction::Redo => ("redo", "undo", 0),
    };
    let entries: Vec<(i64, String, i64, String)> = {
        let mut stmt = conn.prepare(
            "SELECT seq, tbl, row_id, sql FROM undo_entry WHERE step = ?1 AND dir = ?2 ORDER BY seq DESC",
        )?;
        stmt.query_map(params![step, read], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
    };
    conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    conn.execute(
        "UPDATE undo_state SET recording = 1, step = ?1, dir = ?2",
        params![step, write],
    )?;
    conn.execute(
        "DELETE FROM undo_entry WHERE step = ?1 AND dir = ?2",
        params![step, write],
    )?;
    let mut touched = Vec::with_capacity(entries.len());
    for (_, table, row, sql) in &entries {
        conn.execute_batch(sql)?;
        touched.push((table.clone(), *row));
    }
    conn.execute(
        "DELETE FROM undo_entry WHERE step = ?1 AND dir = ?2",
        params![step, read],
    )?;
    conn.execute("UPDATE undo_state SET recording = 0", [])?;
    conn.execute(
        "UPDATE undo_step SET undone = ?2 WHERE step = ?1",
        params![step, undone],
    )?;
    Ok(touched)
}

/// The rows a step touched, for refreshing the in-memory map after an edit.
pub fn touched(conn: &Connection, step: i64) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut stmt =
        conn.prepare("SELECT tbl, row_id FROM undo_entry WHERE step = ?1 ORDER BY seq")?;
    stmt.query_map(params![step], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}
