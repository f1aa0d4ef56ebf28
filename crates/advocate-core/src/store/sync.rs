//! The two ways colleagues' edits arrive: a copy of the map file (`advocate merge`), and a
//! shared folder that a sync client already keeps (`advocate sync`).
//!
//! In the folder each replica writes only its own files, never changing one once written:
//! `REPLICA-NNNNNN.advocate-changes`, a small SQLite file (encrypted with the map's passphrase
//! when the map is) holding changesets of the log with a header of the map's identity, the
//! format, how many entries and bytes it holds and their checksum. A file is written beside its
//! final name and renamed into place, so a reader never meets a half-written one of ours; a
//! half-synced, damaged, foreign or newer file is skipped with a warning and read again next
//! time, and is never applied in part.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, params};
use serde::Serialize;

use super::changes::{self, LogEntry};
use super::decide::Decisions;
use super::merge::{MergeReport, Prefer};
use super::{Error, MapFile, Result, connect};

/// The extension of the files in a shared folder.
pub const SYNC_EXTENSION: &str = "advocate-changes";

/// The version of those files this Advocate writes and reads.
const SYNC_FORMAT: i64 = 1;

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SyncReport {
    pub folder: String,
    /// The edits brought in from the folder, and the conflicts.
    pub merge: MergeReport,
    /// How many edits of this map were written to the folder for the others.
    pub sent: usize,
    /// The file written, if any.
    pub file: Option<String>,
    /// Files skipped, and why.
    pub warnings: Vec<String>,
}

/// FNV-1a over the entries, in order: the checksum of a folder file.
fn checksum(entries: &[LogEntry]) -> (i64, i64) {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut bytes: i64 = 0;
    let mut feed = |b: &[u8]| {
        bytes += b.len() as i64;
        for x in b.iter().chain(&[0xff]) {
            hash ^= u64::from(*x);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for e in entries {
        feed(e.replica.as_bytes());
        feed(&e.seq.to_le_bytes());
        feed(e.author.as_bytes());
        feed(e.at.as_bytes());
        feed(e.label.as_bytes());
        feed(e.kind.as_bytes());
        feed(&e.data);
    }
    (hash as i64, bytes)
}

/// A folder file's replica and number, from its name.
fn file_name_parts(name: &str) -> Option<(String, u32)> {
    let stem = name.strip_suffix(&format!(".{SYNC_EXTENSION}"))?;
    let (replica, n) = stem.rsplit_once('-')?;
    Some((replica.to_string(), n.parse().ok()?))
}

/// Reads one folder file, whole or not at all.
fn read_file(
    path: &Path,
    identity: &str,
    passphrase: Option<&str>,
) -> std::result::Result<Vec<LogEntry>, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("could not be read ({e})"))?
        .len();
    if size == 0 || !size.is_multiple_of(512) {
        return Err(
            "is incomplete (a sync client may still be copying it); it is read again next time"
                .into(),
        );
    }
    let unreadable = |e: rusqlite::Error| {
        format!("could not be read: it is damaged, or encrypted with another passphrase ({e})")
    };
    let conn = connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY, passphrase).map_err(unreadable)?;
    let meta = |key: &str| -> std::result::Result<String, String> {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .map_err(unreadable)
    };
    let format: i64 = meta("format")?.parse().unwrap_or(i64::MAX);
    if format > SYNC_FORMAT {
        return Err(format!(
            "was written by a newer Advocate (shared-folder format {format}, this one reads {SYNC_FORMAT}); update Advocate to bring it in"
        ));
    }
    let theirs = meta("identity")?;
    if theirs != identity {
        return Err(format!(
            "belongs to another map (identity {theirs}); only files of this map are read"
        ));
    }
    let count: i64 = meta("count")?.parse().unwrap_or(-1);
    let bytes: i64 = meta("bytes")?.parse().unwrap_or(-1);
    let sum: i64 = meta("checksum")?.parse().unwrap_or(0);
    let entries = read_entries(&conn).map_err(unreadable)?;
    let (found_sum, found_bytes) = checksum(&entries);
    if entries.len() as i64 != count || found_bytes != bytes || found_sum != sum {
        return Err(
            "is damaged: its entries do not match its header (count, length, checksum)".into(),
        );
    }
    Ok(entries)
}

fn read_entries(conn: &Connection) -> rusqlite::Result<Vec<LogEntry>> {
    let mut stmt =
        conn.prepare("SELECT replica, seq, author, at, label, kind, data FROM entry ORDER BY id")?;
    stmt.query_map([], changes::entry)?.collect()
}

/// Writes a folder file beside its name and renames it into place.
fn write_file(
    target: &Path,
    identity: &str,
    replica: &str,
    passphrase: Option<&str>,
    entries: &[LogEntry],
) -> Result<()> {
    let shown = target.display().to_string();
    let dir = target.parent().unwrap_or(Path::new("."));
    let temporary = dir.join(format!(
        ".{}.{}.partial",
        target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id()
    ));
    let _ = std::fs::remove_file(&temporary);
    let sql = |source| Error::Sqlite {
        path: shown.clone(),
        source,
    };
    let written = (|| {
        let mut conn = connect(
            &temporary,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
            passphrase,
        )
        .map_err(sql)?;
        let tx = conn.transaction().map_err(sql)?;
        tx.execute_batch(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE entry (id INTEGER PRIMARY KEY, replica TEXT NOT NULL, seq INTEGER NOT NULL,
                author TEXT NOT NULL, at TEXT NOT NULL, label TEXT NOT NULL, kind TEXT NOT NULL,
                data BLOB NOT NULL);",
        )
        .map_err(sql)?;
        let (sum, bytes) = checksum(entries);
        for (key, value) in [
            ("format", SYNC_FORMAT.to_string()),
            ("identity", identity.to_string()),
            ("replica", replica.to_string()),
            ("count", entries.len().to_string()),
            ("bytes", bytes.to_string()),
            ("checksum", sum.to_string()),
        ] {
            tx.execute(
                "INSERT INTO meta(key, value) VALUES (?1, ?2)",
                params![key, value],
            )
            .map_err(sql)?;
        }
        for e in entries {
            tx.execute(
                "INSERT INTO entry(replica, seq, author, at, label, kind, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![e.replica, e.seq, e.author, e.at, e.label, e.kind, e.data],
            )
            .map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        drop(conn);
        std::fs::rename(&temporary, target).map_err(|source| Error::Io {
            path: shown.clone(),
            source,
        })
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// What a file that is not a map may be, for the refusal of a merge.
fn not_a_copy(path: &Path, error: Error) -> Error {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let export = matches!(
        ext.as_str(),
        "json" | "csv" | "graphml" | "gexf" | "xlsx" | "svg" | "png" | "pdf" | "pptx" | "zip"
    );
    if !export || !matches!(error, Error::NotAMap(_)) {
        return error;
    }
    let redacted = std::fs::read_to_string(path)
        .map(|t| t.contains("\"p1\""))
        .unwrap_or(false);
    Error::Invalid(format!(
        "{} is an export, not a copy of the map: {}an export carries no history of edits to match with this map. Ask for a copy of the .advocate file itself",
        path.display(),
        if redacted {
            "a redacted export names people by neutral ids (p1, p2…) and leaves out their notes, so nothing in it can be matched to the people of this map, and "
        } else {
            ""
        }
    ))
}

impl MapFile {
    /// Merges a copy of this map: brings in its edits this map has not seen. `passphrase`
    /// opens the copy if it is encrypted.
    pub fn merge_file(
        &mut self,
        theirs: &Path,
        passphrase: Option<&str>,
        prefer: Option<Prefer>,
    ) -> Result<MergeReport> {
        self.merge_file_deciding(theirs, passphrase, &Decisions::all(prefer))
    }

    /// Merges a copy of this map with its conflicts decided one by one (the app's conflict
    /// dialog); a conflict left undecided stops the merge, and the report lists them all.
    pub fn merge_file_deciding(
        &mut self,
        theirs: &Path,
        passphrase: Option<&str>,
        decisions: &Decisions,
    ) -> Result<MergeReport> {
        let shown = theirs.display().to_string();
        let same = std::fs::canonicalize(theirs)
            .ok()
            .zip(std::fs::canonicalize(self.path()).ok())
            .is_some_and(|(a, b)| a == b);
        if same {
            return Err(Error::Invalid(format!(
                "{shown} is this map itself; choose a colleague's copy"
            )));
        }
        let other =
            MapFile::open_for_reading(theirs, passphrase).map_err(|e| not_a_copy(theirs, e))?;
        let mine = self.replica()?;
        let them = other.replica()?;
        if mine.identity != them.identity {
            return Err(Error::Invalid(format!(
                "{shown} is not a copy of this map (it is another map, made separately); only copies of the same map can be merged"
            )));
        }
        let log = changes::log(other.connection()).map_err(|e| other.sql_error(e))?;
        // A copy made before records could be twins has none to tell.
        let twins = changes::twins(other.connection()).unwrap_or_default();
        drop(other);
        let ids: HashSet<(String, i64)> = log.iter().map(LogEntry::id).collect();
        let source = theirs
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or(shown);
        self.merge_log(&source, &log, &ids, &twins, decisions)
    }

    /// Exchanges edits through a shared folder: brings in the others' files, then writes this
    /// map's edits the folder lacks to a new file of its own.
    pub fn sync(&mut self, folder: &Path, prefer: Option<Prefer>) -> Result<SyncReport> {
        self.sync_deciding(folder, &Decisions::all(prefer))
    }

    /// Exchanges edits through a shared folder with the conflicts decided one by one.
    pub fn sync_deciding(&mut self, folder: &Path, decisions: &Decisions) -> Result<SyncReport> {
        let shown = folder.display().to_string();
        if !folder.is_dir() {
            return Err(Error::Invalid(format!(
                "{shown} is not a folder; give the shared folder the others sync with"
            )));
        }
        let me = self.replica()?;
        let io = |source| Error::Io {
            path: shown.clone(),
            source,
        };
        let mut files: Vec<(String, u32, PathBuf)> = Vec::new();
        for item in std::fs::read_dir(folder).map_err(io)? {
            let item = item.map_err(io)?;
            let name = item.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if let Some((replica, n)) = file_name_parts(&name) {
                files.push((replica, n, item.path()));
            }
        }
        files.sort();
        let mut warnings = Vec::new();
        let mut theirs = Vec::new();
        let mut mine_written = 0;
        for (replica, n, path) in &files {
            if *replica == me.replica {
                mine_written = mine_written.max(*n);
            }
            match read_file(path, &me.identity, self.passphrase.as_deref()) {
                Ok(entries) => theirs.extend(entries),
                Err(why) => warnings.push(format!("{} {why}", path.display())),
            }
        }
        let ids: HashSet<(String, i64)> = theirs.iter().map(LogEntry::id).collect();
        let merge = self.merge_log(
            "the shared folder",
            &theirs,
            &ids,
            &HashMap::new(),
            decisions,
        )?;
        let unsent: Vec<LogEntry> = changes::log(self.connection())
            .map_err(|e| self.sql_error(e))?
            .into_iter()
            .filter(|e| !ids.contains(&e.id()))
            .collect();
        let mut file = None;
        if !unsent.is_empty() {
            let target = folder.join(format!(
                "{}-{:06}.{SYNC_EXTENSION}",
                me.replica,
                mine_written + 1
            ));
            write_file(
                &target,
                &me.identity,
                &me.replica,
                self.passphrase.as_deref(),
                &unsent,
            )?;
            file = Some(target.display().to_string());
        }
        Ok(SyncReport {
            folder: shown,
            merge,
            sent: unsent.len(),
            file,
            warnings,
        })
    }
}
