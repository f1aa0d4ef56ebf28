//! Copies of a map file: "Save as" and the copy written beside it (`VACUUM INTO`, never a file
//! copy of a live database), the scratch copy a dry run opens, and encrypting, re-keying or
//! decrypting a map ([`change_passphrase`]) by rewriting it through a consistent copy.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use super::{APPLICATION_ID, Error, MapFile, Result, check_new_passphrase};

impl MapFile {
    /// Writes a consistent copy of the map to `target` (replacing it atomically if it exists)
    /// and carries on editing the copy, as "Save as" does.
    pub fn save_as(&mut self, target: &Path) -> Result<()> {
        *self = self.open_copy(target)?;
        Ok(())
    }

    /// Writes a consistent copy of the map to `target` and opens it with this map's passphrase
    /// (the copy of an encrypted map is encrypted with the same one): a scratch copy for a dry
    /// run, which the caller need not know the passphrase of.
    pub fn open_copy(&self, target: &Path) -> Result<MapFile> {
        self.write_copy(target)?;
        MapFile::open_with(target, self.passphrase.as_deref())
    }

    /// Encrypts, re-keys or decrypts this open map with [`change_passphrase`]: `new` is the
    /// passphrase it gets, `None` to store it in the clear. The map is closed while the file is
    /// rewritten (so that nothing of it is left in a write-ahead log), then opened again: with
    /// the new passphrase on success, with the old one when the change failed, which leaves the
    /// file as it was.
    pub fn set_passphrase(&mut self, new: Option<&str>) -> Result<()> {
        self.writable_path()?;
        if let Some(new) = new {
            check_new_passphrase(new)?;
        }
        let path = self.path.clone();
        let old = self.passphrase.clone();
        let closed = Connection::open_in_memory().map_err(|e| self.sql_error(e))?;
        drop(std::mem::replace(&mut self.conn, closed));
        let changed = change_passphrase(&path, old.as_deref(), new);
        let key = if changed.is_ok() { new } else { old.as_deref() };
        match MapFile::open_with(&path, key) {
            Ok(file) => {
                *self = file;
                changed
            }
            Err(e) => {
                // The file could not be opened again (removed, say): the map stays in view,
                // and edits are refused rather than written to nowhere.
                self.read_only = true;
                Err(changed.err().unwrap_or(e))
            }
        }
    }

    /// Writes a consistent copy of the map to `target` without switching to it.
    pub fn write_copy(&self, target: &Path) -> Result<()> {
        let shown = target.display().to_string();
        if target == self.path.as_path() {
            return Err(Error::Invalid(format!(
                "{shown} is the map that is open; choose another file"
            )));
        }
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let file_name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "map".into());
        let temporary = dir.join(format!(".{file_name}.{}.partial", std::process::id()));
        let _ = fs::remove_file(&temporary);
        let result = self
            .conn
            .execute("VACUUM INTO ?1", params![temporary.to_string_lossy()])
            .map_err(|source| Error::Sqlite {
                path: shown.clone(),
                source,
            })
            .and_then(|_| {
                fs::rename(&temporary, target).map_err(|source| Error::Io {
                    path: shown.clone(),
                    source,
                })
            });
        if result.is_err() {
            let _ = fs::remove_file(&temporary);
        }
        result
    }
}

/// Encrypts, re-keys or decrypts a map file: `old` opens it (`None` for a plain map), `new` is
/// the passphrase it gets (`None` to store it in the clear). The file is rewritten through a
/// consistent copy that replaces it atomically, so a failure leaves it as it was.
pub fn change_passphrase(path: &Path, old: Option<&str>, new: Option<&str>) -> Result<()> {
    let shown = path.display().to_string();
    if let Some(new) = new {
        check_new_passphrase(new)?;
    }
    let file = MapFile::open_with(path, old)?;
    if file.read_only {
        return Err(Error::ReadOnly { path: shown });
    }
    let sql = |source| Error::Sqlite {
        path: shown.clone(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temporary = dir.join(format!(
        ".{}.{}.rekey",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id()
    ));
    let _ = fs::remove_file(&temporary);
    let result = (|| {
        // The connection may not create files: the copy starts as an empty one.
        fs::File::create(&temporary).map_err(|source| Error::Io {
            path: temporary.display().to_string(),
            source,
        })?;
        let conn = &file.conn;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(sql)?;
        conn.execute(
            "ATTACH DATABASE ?1 AS target KEY ?2",
            params![temporary.to_string_lossy(), new.unwrap_or("")],
        )
        .map_err(sql)?;
        conn.query_row("SELECT sqlcipher_export('target')", [], |_| Ok(()))
            .map_err(sql)?;
        conn.pragma_update(Some("target"), "user_version", version)
            .map_err(sql)?;
        conn.pragma_update(Some("target"), "application_id", APPLICATION_ID)
            .map_err(sql)?;
        conn.execute("DETACH DATABASE target", []).map_err(sql)?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(sql)?;
        Ok(())
    })();
    drop(file);
    if let Err(e) = result {
        let _ = fs::remove_file(&temporary);
        return Err(e);
    }
    // The old file's write-ahead log must not be applied to the new one.
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        if suffix == "-wal" && fs::metadata(&side).is_ok_and(|m| m.len() > 0) {
            let _ = fs::remove_file(&temporary);
            return Err(Error::Invalid(format!(
                "{shown} is open in another program; close it there and try again"
            )));
        }
        if side.exists() {
            fs::remove_file(&side).map_err(|source| Error::Io {
                path: side.display().to_string(),
                source,
            })?;
        }
    }
    fs::rename(&temporary, path).map_err(|source| Error::Io {
        path: shown.clone(),
        source,
    })?;
    Ok(())
}
