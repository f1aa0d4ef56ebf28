//! Which map this is and which copy of it: the map's identity (made when the map is created and
//! kept by every copy), this copy's replica id and its band of row ids, and recognising a copy.
//!
//! Rows made in two copies must never share an id, or a merge could not tell them apart: replica
//! band `b` makes ids from `b * 2^32 + 1` up ([`next_id`]), and bands are drawn at random from
//! 2^21 − 2, so ids stay below 2^53 and a window's JavaScript reads them exactly. A file copied
//! with the file manager, a sync client or "Save as" keeps the replica row of the file it came
//! from; it is recognised on opening by its path, device and inode, and becomes a new replica.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

/// How many ids a replica's band holds.
pub const BAND: i64 = 1 << 32;

/// The highest band, so that every id stays below 2^53.
const BANDS: i64 = (1 << 21) - 2;

/// This copy: the map's identity, the replica id and band.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replica {
    pub identity: String,
    pub replica: String,
    pub band: i64,
}

/// A fresh random id of `bytes` bytes in hex.
pub fn random_hex(bytes: usize) -> String {
    use rand::RngExt;
    let mut rng = rand::rng();
    (0..bytes)
        .map(|_| format!("{:02x}", rng.random::<u8>()))
        .collect()
}

fn random_band() -> i64 {
    use rand::RngExt;
    rand::rng().random_range(1..=BANDS)
}

/// A new map's identity, written when it is created.
pub fn create_identity(conn: &Connection) -> rusqlite::Result<()> {
    let uuid = random_hex(16);
    let uuid = format!(
        "{}-{}-{}-{}-{}",
        &uuid[0..8],
        &uuid[8..12],
        &uuid[12..16],
        &uuid[16..20],
        &uuid[20..32]
    );
    conn.execute(
        "INSERT OR REPLACE INTO map_identity(id, uuid) VALUES (1, ?1)",
        params![uuid],
    )?;
    Ok(())
}

/// Reads this copy's identity and replica.
pub fn read(conn: &Connection) -> rusqlite::Result<Replica> {
    conn.query_row(
        "SELECT (SELECT uuid FROM map_identity), replica, band FROM replica_self",
        [],
        |r| {
            Ok(Replica {
                identity: r.get(0)?,
                replica: r.get(1)?,
                band: r.get(2)?,
            })
        },
    )
}

/// Where a file is: its path, device and inode (the device and inode only on Unix).
fn place(path: &Path) -> (String, Option<i64>, Option<i64>) {
    let shown = std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string();
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata(path) {
            return (shown, Some(m.dev() as i64), Some(m.ino() as i64));
        }
    }
    (shown, None, None)
}

/// Recognises a copy: when the file is not where this replica was last opened, it is a copy
/// (or was moved, which is as safe), and it becomes a new replica with a new band. The first
/// open only records the place. Writes nothing when the file is where it was.
pub fn claim(conn: &Connection, path: &Path) -> rusqlite::Result<()> {
    let (shown, device, inode) = place(path);
    let recorded: Option<(Option<String>, Option<i64>, Option<i64>)> = conn
        .query_row(
            "SELECT path, device, inode FROM replica_self WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((old_path, old_device, old_inode)) = recorded else {
        return Ok(());
    };
    if old_path.as_deref() == Some(shown.as_str()) && old_device == device && old_inode == inode {
        return Ok(());
    }
    if old_path.is_none() {
        conn.execute(
            "UPDATE replica_self SET path = ?1, device = ?2, inode = ?3",
            params![shown, device, inode],
        )?;
    } else {
        conn.execute(
            "UPDATE replica_self SET replica = ?1, band = ?2, path = ?3, device = ?4, inode = ?5, last_id = 0",
            params![random_hex(8), random_band(), shown, device, inode],
        )?;
    }
    Ok(())
}

/// The SQL expression of the next id of `table` in this replica's band, for an insert's `id`
/// column (`INSERT INTO person(id, …) VALUES (<next_id>, …)`): above every id the table holds
/// in the band and every id the replica ever gave ([`note_ids`]), so that the id of a removed
/// row, which another copy may still hold, is not given again.
pub fn next_id(table: &str) -> String {
    format!(
        "(SELECT max(coalesce((SELECT max(id) FROM {table} WHERE id > r.band * {BAND} AND id < (r.band + 1) * {BAND}), 0), r.band * {BAND}, r.last_id) + 1 FROM replica_self r)"
    )
}

/// The tables whose rows get ids from the band.
const ID_TABLES: [&str; 8] = [
    "tie_kind",
    "department",
    "person",
    "tie",
    "engagement",
    "action",
    "dismissed_suggestion",
    "saved_view",
];

/// Remembers the highest id given in the band so far; called as an edit commits.
pub fn note_ids(conn: &Connection) -> rusqlite::Result<()> {
    let highest = ID_TABLES
        .iter()
        .map(|t| {
            format!(
                "(SELECT coalesce(max(id), 0) FROM {t} WHERE id > replica_self.band * {BAND} AND id < (replica_self.band + 1) * {BAND})"
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    conn.prepare_cached(&format!(
        "UPDATE replica_self SET last_id = max(last_id, {highest}) WHERE max(last_id, {highest}) > last_id"
    ))?
    .execute([])?;
    Ok(())
}

/// This replica's band as a range of ids `(low, high)`: ids `low < id < high`.
pub fn band_range(conn: &Connection) -> rusqlite::Result<(i64, i64)> {
    let band: i64 = conn.query_row("SELECT band FROM replica_self", [], |r| r.get(0))?;
    Ok((band * BAND, (band + 1) * BAND))
}
