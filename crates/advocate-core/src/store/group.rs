//! Writing a group the map names as a whole (the home team, the goal's audience): its people one
//! by one and its department, each changed only when it differs, so an unchanged group journals
//! nothing.

use rusqlite::{Transaction, params};

use super::Result;
use super::import_merge::sql;
use crate::model::Group;

pub(super) fn write_group(
    tx: &Transaction<'_>,
    table: &str,
    column: &str,
    g: &Group,
) -> Result<()> {
    let current: Vec<i64> = tx
        .prepare(&format!("SELECT person FROM {table} ORDER BY person"))
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(sql(tx))?;
    let mut wanted: Vec<i64> = g.people.iter().map(|p| p.0).collect();
    wanted.sort();
    wanted.dedup();
    if current != wanted {
        tx.execute(&format!("DELETE FROM {table}"), [])
            .map_err(sql(tx))?;
        for p in wanted {
            tx.execute(
                &format!("INSERT INTO {table}(person) VALUES (?1)"),
                params![p],
            )
            .map_err(sql(tx))?;
        }
    }
    tx.execute(
        &format!("UPDATE map_info SET {column} = ?1 WHERE {column} IS NOT ?1"),
        params![g.department.map(|d| d.0)],
    )
    .map_err(sql(tx))?;
    Ok(())
}
