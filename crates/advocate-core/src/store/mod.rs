//! The map file: one map is one SQLite file (`.advocate`).
//!
//! [`MapFile`] opens or creates a file, refuses anything that is not a map (leaving it untouched),
//! upgrades older files with the migrations beside this module, and holds the [`Map`] in memory,
//! kept in step with every edit. Every edit is one transaction and one step of the undo journal
//! ([`journal`]) kept in the file, so undo works after closing and reopening. "Save as" writes a
//! consistent copy with `VACUUM INTO`, never a file copy of a live database (in `copies`, with
//! the scratch copy a dry run opens and [`change_passphrase`]).
//!
//! The rooms: the edit verbs in `edits`, the rules a record must keep in `rules`, merging imported
//! records in `import_merge` (with what it looks up in `lookup`), writing the home team and the
//! audience in `group`, the campaign's targets and actions in `campaign`, the saved views in `views`, reading a file into a
//! [`Map`] in `load`, what the latest edit changed record by record in `changed`, and undo in
//! [`journal`].

mod bulk;
mod campaign;
mod changed;
pub mod changes;
mod copies;
mod decide;
mod edits;
mod group;
mod import_merge;
pub mod journal;
mod load;
mod lookup;
mod merge;
pub mod replica;
mod rules;
mod secret;
mod sync;
mod tie_changes;
mod ties;
mod views;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior, params};

use crate::model::Map;
use crate::views::ViewLayout;

pub use bulk::PeoplePatch;
pub use campaign::{ActionDraft, ActionPatch, Outcome, new_action_key};
pub use changed::Changed;
pub use changes::{HistoryChange, HistoryEntry};
pub use copies::change_passphrase;
pub use decide::{Decision, Decisions};
pub use edits::PersonPatch;
pub use import_merge::{ImportReport, MergeMode, Rejected};
pub use merge::{Conflict, MergeReport, Prefer};
pub use rules::{MAX_NAME, MAX_NOTE, check_date};
pub use secret::{
    BLANK_PASSPHRASE, PASSPHRASES_DIFFER, check_new_passphrase, check_repeated_passphrase,
};
pub use sync::{SYNC_EXTENSION, SyncReport};
pub use ties::TiePatch;
pub use views::{ViewDraft, ViewPatch, new_view_key};

/// `PRAGMA application_id` of a map file: "ADVC".
pub const APPLICATION_ID: i32 = 0x4144_5643;

/// The schema's history, one SQL file a step, applied in order in one transaction.
const MIGRATIONS: [(&str, &str); 8] = [
    ("initial", include_str!("migrations/0001_initial.sql")),
    ("layout", include_str!("migrations/0002_layout.sql")),
    (
        "bulk journal",
        include_str!("migrations/0003_bulk_journal.sql"),
    ),
    (
        "department functions, a tie per kind",
        include_str!("migrations/0004_functions_and_tie_kinds.sql"),
    ),
    ("campaign", include_str!("migrations/0005_campaign.sql")),
    (
        "identity, replicas, changesets",
        include_str!("migrations/0006_collab.sql"),
    ),
    ("merged twins", include_str!("migrations/0007_twins.sql")),
    ("saved views", include_str!("migrations/0008_views.sql")),
];

/// Above this many rows touched, an edit re-reads the map whole rather than row by row.
pub const REREAD_WHOLE_ABOVE: usize = 2000;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// What can go wrong with a map file. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    NotAMap(String),
    #[error(
        "{path} was written by a newer Advocate (map file version {found}); this Advocate reads up to version {supported}"
    )]
    Newer {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error("{0}")]
    Invalid(String),
    #[error(
        "{path} is encrypted (or is not an Advocate map): give its passphrase (--passphrase-file FILE or ADVOCATE_PASSPHRASE)"
    )]
    Encrypted { path: String },
    #[error("wrong passphrase for {path} (or it is not an Advocate map); the file was not changed")]
    WrongPassphrase { path: String },
    #[error("{path} is read-only: it is open for viewing, and edits cannot be saved")]
    ReadOnly { path: String },
    #[error("{path}: {}", describe(source))]
    Sqlite {
        path: String,
        source: rusqlite::Error,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

pub type Result<T> = std::result::Result<T, Error>;

/// What a failure of SQLite means to someone keeping a map: the cases a laptop meets (a full
/// disk, a removed drive, another program holding the file) in words, the rest as SQLite says.
fn describe(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => {
            "the disk is full: the change was not saved, and the map is as it was before it".into()
        }
        Some(ErrorCode::SystemIoFailure) => format!(
            "the disk could not be read or written ({e}): is it full, read-only or removed? The map keeps its last saved change"
        ),
        Some(ErrorCode::CannotOpen) => {
            "the file could not be opened: is the disk full, or the folder read-only or removed?"
                .into()
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "the map is busy in another program; try again in a moment".into()
        }
        Some(ErrorCode::ReadOnly) => {
            "the file or its folder is read-only; the change was not saved".into()
        }
        _ => e.to_string(),
    }
}

/// An open map file and the map it holds.
pub struct MapFile {
    conn: Connection,
    path: PathBuf,
    map: Map,
    read_only: bool,
    passphrase: Option<String>,
    author: String,
    /// Whether edits store their changesets (always, but for measuring what that costs).
    logging: bool,
    /// What the latest edit, undo or redo changed.
    changed: Changed,
}

/// Today's date in ISO form, for the journal and the engagement log.
pub fn today() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}",
        now.year(),
        u8::from(now.month()),
        now.day()
    )
}

/// The start of a text for an undo label (the whole text when it is short).
fn short(text: &str) -> String {
    let t = text.trim();
    if t.chars().count() <= 48 {
        t.to_string()
    } else {
        format!("{}…", t.chars().take(47).collect::<String>())
    }
}

fn now_stamp() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        today(),
        now.hour(),
        now.minute(),
        now.second()
    )
}

impl MapFile {
    /// Creates a new, empty map. Refuses to overwrite an existing file.
    pub fn create(path: &Path, name: &str) -> Result<MapFile> {
        Self::create_at_version(path, name, SCHEMA_VERSION)?;
        Self::open(path)
    }

    /// Creates a map file with the schema as it was at `version`: the first versions exist so
    /// that tests can prove older files are upgraded.
    #[doc(hidden)]
    pub fn create_at_version(path: &Path, name: &str, version: i64) -> Result<()> {
        let shown = path.display().to_string();
        if path.exists() {
            return Err(Error::Invalid(format!(
                "{shown} already exists; choose another name or remove it first"
            )));
        }
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::Invalid("a map needs a name".into()));
        }
        let sql = |source| Error::Sqlite {
            path: shown.clone(),
            source,
        };
        let mut conn = Connection::open(path).map_err(sql)?;
        configure(&conn).map_err(sql)?;
        let tx = conn.transaction().map_err(sql)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(sql)?;
        apply_migrations(&tx, 0, version).map_err(sql)?;
        tx.execute(
            "INSERT INTO map_info(id, name, created_at) VALUES (1, ?1, ?2)",
            params![name, now_stamp()],
        )
        .map_err(sql)?;
        if version >= 6 {
            replica::create_identity(&tx).map_err(sql)?;
        }
        for (kind, strength) in crate::model::BUILTIN_KINDS {
            tx.execute(
                "INSERT INTO tie_kind(name, default_strength) VALUES (?1, ?2)",
                params![kind, strength],
            )
            .map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        Ok(())
    }

    /// Opens a map file, upgrading it if it comes from an older Advocate. A file that is not a
    /// map, or comes from a newer Advocate, is refused and left untouched.
    pub fn open(path: &Path) -> Result<MapFile> {
        Self::open_with(path, None)
    }

    /// Opens a map file that may be encrypted with `passphrase`. A plain map ignores it.
    pub fn open_with(path: &Path, passphrase: Option<&str>) -> Result<MapFile> {
        Self::open_as(path, passphrase, false)
    }

    /// Opens a map file only to read it (the analysis commands): nothing is written, no journal
    /// triggers are checked and a small page cache does, so a big map opens faster; edits are
    /// refused as on a read-only file. A file from an older Advocate is upgraded first, as
    /// [`MapFile::open_with`] does.
    pub fn open_for_reading(path: &Path, passphrase: Option<&str>) -> Result<MapFile> {
        Self::open_as(path, passphrase, true)
    }

    fn open_as(path: &Path, passphrase: Option<&str>, reading: bool) -> Result<MapFile> {
        let shown = path.display().to_string();
        let passphrase = check_is_map(path, passphrase)?;
        let sql = |source| Error::Sqlite {
            path: shown.clone(),
            source,
        };
        let file_read_only = fs::metadata(path)
            .map(|m| m.permissions().readonly())
            .unwrap_or(false)
            || fs::OpenOptions::new().append(true).open(path).is_err();
        let read_only = file_read_only || reading;
        // Reading a writable file still opens it read-write (writing nothing), so that closing
        // it tidies away the WAL files as a read-only connection cannot.
        let flags = if file_read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        };
        let conn = connect(path, flags, passphrase).map_err(sql)?;
        if !read_only {
            configure(&conn).map_err(sql)?;
        } else {
            conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000")
                .map_err(sql)?;
        }
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(sql)?;
        if version < SCHEMA_VERSION && reading && !file_read_only {
            drop(conn);
            return Self::open_with(path, passphrase);
        }
        if version < SCHEMA_VERSION {
            if read_only {
                return Err(Error::Invalid(format!(
                    "{shown} is from an older Advocate (map file version {version}) and is read-only, so it cannot be upgraded; make it writable and open it again"
                )));
            }
            let mut conn = conn;
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(sql)?;
            apply_migrations(&tx, version, SCHEMA_VERSION).map_err(sql)?;
            tx.commit().map_err(sql)?;
            return Self::finish_open(conn, path, read_only, passphrase);
        }
        Self::finish_open(conn, path, read_only, passphrase)
    }

    fn finish_open(
        conn: Connection,
        path: &Path,
        read_only: bool,
        passphrase: Option<&str>,
    ) -> Result<MapFile> {
        let shown = path.display().to_string();
        if !read_only {
            journal::install_triggers(&conn)
                .and_then(|_| replica::claim(&conn, path))
                .map_err(|source| Error::Sqlite {
                    path: shown.clone(),
                    source,
                })?;
        }
        let map = load::load(&conn, passphrase).map_err(|source| Error::Sqlite {
            path: shown,
            source,
        })?;
        Ok(MapFile {
            conn,
            path: path.to_path_buf(),
            map,
            read_only,
            passphrase: passphrase.map(String::from),
            author: String::new(),
            logging: true,
            changed: Changed::whole(),
        })
    }

    /// Closes the file and keeps the map in memory.
    pub fn into_map(self) -> Map {
        self.map
    }

    /// Whether the file is encrypted with a passphrase.
    pub fn is_encrypted(&self) -> bool {
        self.passphrase.is_some()
    }

    pub fn map(&self) -> &Map {
        &self.map
    }
    pub fn path(&self) -> &Path {
        &self.path
    }
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// A number that changes when another program (the command line, another window of the
    /// app) commits a change to the file; this map's own edits leave it as it is. Compare it
    /// with the one read after opening to know whether the map must be read again.
    pub fn data_version(&self) -> Result<i64> {
        self.conn
            .pragma_query_value(None, "data_version", |r| r.get(0))
            .map_err(|e| self.sql_error(e))
    }

    /// Reads the whole map again from the file, after another program changed it.
    pub fn reload(&mut self) -> Result<()> {
        let map =
            load::load(&self.conn, self.passphrase.as_deref()).map_err(|e| self.sql_error(e))?;
        self.map = map;
        self.changed = Changed::whole();
        Ok(())
    }

    fn sql_error(&self, source: rusqlite::Error) -> Error {
        Error::Sqlite {
            path: self.path.display().to_string(),
            source,
        }
    }

    /// The file's path for messages, or the read-only error when edits cannot be saved.
    pub(crate) fn writable_path(&self) -> Result<String> {
        let path = self.path.display().to_string();
        if self.read_only {
            return Err(Error::ReadOnly { path });
        }
        Ok(path)
    }

    /// Runs one edit: a transaction that is one step of the undo journal. On error nothing is
    /// written. Afterwards the in-memory map is brought in step with the rows the edit touched.
    pub fn edit<T>(
        &mut self,
        label: &str,
        f: impl FnOnce(&rusqlite::Transaction<'_>, &Map) -> Result<T>,
    ) -> Result<T> {
        self.edit_step(label, self.logging, f)
    }

    /// [`MapFile::edit`], recording the edit's changeset in the log or not (a merge records the
    /// changesets it brings instead).
    fn edit_step<T>(
        &mut self,
        label: &str,
        record: bool,
        f: impl FnOnce(&rusqlite::Transaction<'_>, &Map) -> Result<T>,
    ) -> Result<T> {
        let path = self.writable_path()?;
        let sql = |source| Error::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let at = now_stamp();
        let step = journal::begin_step(&tx, label, &at).map_err(sql)?;
        // With the log on, the rows the edit touched are read from its changeset; without, the
        // undo journal is asked.
        let (value, logged) = if record {
            let mut session = changes::start(&tx).map_err(sql)?;
            let value = f(&tx, &self.map)?;
            let data = changes::take(&mut session).map_err(sql)?;
            drop(session);
            changes::record(&tx, &self.author, &at, label, "edit", &data).map_err(sql)?;
            (value, changes::rows(&data).map_err(sql)?)
        } else {
            (f(&tx, &self.map)?, None)
        };
        let touched = match logged {
            Some(rows) => rows,
            None => journal::touched(&tx, step).map_err(sql)?,
        };
        journal::end_step(&tx, step).map_err(sql)?;
        replica::note_ids(&tx).map_err(sql)?;
        tx.commit().map_err(sql)?;
        self.refresh(&touched)?;
        Ok(value)
    }

    /// Brings the in-memory map in step with rows that changed in the file.
    fn refresh(&mut self, touched: &[(String, i64)]) -> Result<()> {
        // A large change is quicker to read whole than row by row; a bulk step's ranges
        // (row id -1) say nothing of which rows they hold.
        self.changed = Changed::whole();
        if touched.len() > REREAD_WHOLE_ABOVE || touched.iter().any(|(_, row)| *row < 0) {
            let map = load::load(&self.conn, self.passphrase.as_deref());
            self.map = map.map_err(|e| self.sql_error(e))?;
        } else {
            let before = changed::Before::of(&self.map, touched);
            let result = load::refresh(&self.conn, &mut self.map, touched);
            result.map_err(|e| self.sql_error(e))?;
            self.changed = before.changed(&self.map);
        }
        Ok(())
    }

    /// What the latest edit, undo or redo changed, record by record ([`Changed::whole`] when
    /// the map was read whole: after opening it, or after a change of more than
    /// [`REREAD_WHOLE_ABOVE`] rows).
    pub fn changed(&self) -> &Changed {
        &self.changed
    }

    /// Undoes the latest edit; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<String>> {
        self.replay(journal::Direction::Undo)
    }

    /// Redoes the latest undone edit; returns its label, or `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<String>> {
        self.replay(journal::Direction::Redo)
    }

    /// The label of the edit an undo (or redo) would replay.
    pub fn next_step(&self, direction: journal::Direction) -> Result<Option<String>> {
        journal::next_step(&self.conn, direction)
            .map(|s| s.map(|(_, label)| label))
            .map_err(|e| self.sql_error(e))
    }

    /// When the step an undo (or redo) would replay is a layout's move ([`MapFile::lay_out`]),
    /// the layout everyone's places are in once it is replayed: after a redo, the step's own;
    /// after an undo, that of the latest earlier layout step still done, or the force layout
    /// when there is none (the places a map starts with, or those of a layout older than the
    /// journal's memory). `None` when the step is not a layout's, or there is nothing to replay.
    pub fn layout_after(&self, direction: journal::Direction) -> Result<Option<ViewLayout>> {
        let sql = |e| self.sql_error(e);
        let Some((step, label)) = journal::next_step(&self.conn, direction).map_err(sql)? else {
            return Ok(None);
        };
        let Some(layout) = ViewLayout::of_step_label(&label) else {
            return Ok(None);
        };
        if direction == journal::Direction::Redo {
            return Ok(Some(layout));
        }
        let earlier = journal::done_before(&self.conn, step).map_err(sql)?;
        Ok(Some(
            earlier
                .iter()
                .find_map(|l| ViewLayout::of_step_label(l))
                .unwrap_or_default(),
        ))
    }

    fn replay(&mut self, direction: journal::Direction) -> Result<Option<String>> {
        let path = self.writable_path()?;
        let sql = |source| Error::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let Some((step, label)) = journal::next_step(&tx, direction).map_err(sql)? else {
            return Ok(None);
        };
        let mut session = changes::start(&tx).map_err(sql)?;
        let touched = journal::replay(&tx, step, direction).map_err(sql)?;
        let data = changes::take(&mut session).map_err(sql)?;
        drop(session);
        let label_done = match direction {
            journal::Direction::Undo => format!("Undo {label}"),
            journal::Direction::Redo => format!("Redo {label}"),
        };
        if self.logging {
            changes::record(&tx, &self.author, &now_stamp(), &label_done, "edit", &data)
                .map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        self.refresh(&touched)?;
        Ok(Some(label))
    }

    /// Runs `PRAGMA integrity_check` and returns its verdict ("ok" when the file is sound).
    pub fn integrity_check(&self) -> Result<String> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.sql_error(e))
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768;",
    )
}

fn apply_migrations(conn: &Connection, from: i64, to: i64) -> rusqlite::Result<()> {
    for (i, (_, sql)) in MIGRATIONS.iter().enumerate() {
        let version = i as i64 + 1;
        if version > from && version <= to {
            conn.execute_batch(sql)?;
            conn.pragma_update(None, "user_version", version)?;
        }
    }
    Ok(())
}

/// Opens a connection, giving SQLCipher the passphrase before anything is read.
fn connect(
    path: &Path,
    flags: OpenFlags,
    passphrase: Option<&str>,
) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    if let Some(p) = passphrase {
        // SQLCipher logs a failed key to stderr; the caller says it better.
        let _ = conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()));
        conn.pragma_update(None, "key", p)?;
    }
    Ok(conn)
}

/// Refuses, without writing a byte, anything that is not an Advocate map this build can read.
/// Returns the passphrase to open it with: `None` for a plain map.
fn check_is_map<'p>(path: &Path, passphrase: Option<&'p str>) -> Result<Option<&'p str>> {
    let shown = path.display().to_string();
    let io = |source| Error::Io {
        path: shown.clone(),
        source,
    };
    if !path.exists() {
        return Err(Error::NotAMap(format!(
            "{shown} does not exist (create a map with `advocate new {shown}`)"
        )));
    }
    if path.is_dir() {
        return Err(Error::NotAMap(format!(
            "{shown} is a folder, not an Advocate map"
        )));
    }
    let mut header = [0u8; 16];
    let mut file = fs::File::open(path).map_err(io)?;
    let read = file.read(&mut header).map_err(io)?;
    if read == 0 {
        return Err(Error::NotAMap(format!(
            "{shown} is an empty file, not an Advocate map"
        )));
    }
    let plain = read == 16 && &header == b"SQLite format 3\0";
    // An encrypted map looks like random bytes; anything shorter than a page is neither.
    let size = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if !plain && (size < 1024 || !size.is_multiple_of(512)) {
        return Err(Error::NotAMap(format!(
            "{shown} is not an Advocate map (it is not a SQLite database)"
        )));
    }
    let key = if plain { None } else { passphrase };
    if !plain && key.is_none() {
        return Err(Error::Encrypted { path: shown });
    }
    let sql = |source| Error::Sqlite {
        path: shown.clone(),
        source,
    };
    let conn = connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY, key).map_err(sql)?;
    if key.is_some()
        && conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .is_err()
    {
        return Err(Error::WrongPassphrase { path: shown });
    }
    let (app, version): (i32, i64) = conn
        .query_row(
            "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(
                rusqlite::ErrorCode::SystemIoFailure
                | rusqlite::ErrorCode::CannotOpen
                | rusqlite::ErrorCode::DiskFull
                | rusqlite::ErrorCode::DatabaseBusy
                | rusqlite::ErrorCode::DatabaseLocked,
            ) => Error::Sqlite {
                path: shown.clone(),
                source: e,
            },
            _ => Error::NotAMap(format!(
                "{shown} is not an Advocate map (SQLite could not read it: {e})"
            )),
        })?;
    if app != APPLICATION_ID {
        return Err(Error::NotAMap(format!(
            "{shown} is a SQLite database but not an Advocate map"
        )));
    }
    if version > SCHEMA_VERSION {
        return Err(Error::Newer {
            path: shown,
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(key)
}
