//! Every path the window sends is checked here, once, before any file is opened or written:
//! the map to open (Open, Open Recent, the command line, the last map), the file a new map or
//! Save As writes, the files to import and where an export goes. A path the window sends may
//! come from a native dialog, from a field the user typed into, or from `settings.json`; none
//! of them is trusted. The messages say what is wrong in the user's words.

use std::fs;
use std::path::{Path, PathBuf};

use advocate_core::import::MAX_FILE_BYTES;

/// The extension every map file has.
pub const MAP_EXTENSION: &str = "advocate";

/// The longest path accepted, in bytes (Linux's `PATH_MAX`).
pub const MAX_PATH_BYTES: usize = 4096;

/// The most files one import reads.
pub const MAX_IMPORT_FILES: usize = 64;

/// What every path must be: given, absolute, free of NUL and control characters, and without
/// the replacement character that stands for bytes that were not UTF-8.
fn well_formed(raw: &str) -> Result<PathBuf, String> {
    if raw.trim().is_empty() {
        return Err("No file was chosen: choose one and try again.".into());
    }
    if raw.contains('\0') {
        return Err(
            "The path holds a NUL character, which no file name can contain: choose the file again."
                .into(),
        );
    }
    if raw.chars().any(char::is_control) {
        return Err(format!(
            "{} holds a control character (a line break or a tab, say), which Advocate does not accept in a path: rename the file or choose another.",
            raw.escape_debug()
        ));
    }
    if raw.contains('\u{FFFD}') {
        return Err(format!(
            "{raw} has a name that is not valid UTF-8 (shown as \u{FFFD}): rename the file and choose it again."
        ));
    }
    if raw.len() > MAX_PATH_BYTES {
        return Err(format!(
            "The path is {} bytes long; Advocate accepts paths of up to {MAX_PATH_BYTES} bytes.",
            raw.len()
        ));
    }
    let path = PathBuf::from(raw);
    if !path.is_absolute() {
        return Err(format!(
            "{raw} is not a full path: choose the file with the dialog, or give its whole path from the top of the disk."
        ));
    }
    Ok(path)
}

/// The file's name as the user sees it in their folder.
fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

/// A file that must exist and be a regular file (not a folder, a pipe or a device, which could
/// block the app or never end).
fn existing_file(path: &Path) -> Result<fs::Metadata, String> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!(
            "{} does not exist: it may have been moved, renamed or deleted.",
            path.display()
        ),
        _ => format!("{} could not be read: {e}", path.display()),
    })?;
    if meta.is_dir() {
        return Err(format!("{} is a folder, not a file.", path.display()));
    }
    if !meta.is_file() {
        return Err(format!(
            "{} is not a regular file (it is a device, a pipe or a socket).",
            path.display()
        ));
    }
    Ok(meta)
}

/// The folder a new file goes into must exist.
fn parent_exists(path: &Path) -> Result<(), String> {
    let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Err(format!("{} is not a file name.", path.display()));
    };
    match fs::metadata(parent) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(format!("{} is not a folder.", parent.display())),
        Err(_) => Err(format!(
            "The folder {} does not exist: choose a folder that does.",
            parent.display()
        )),
    }
}

/// A file about to be written: not a folder, not something other than a regular file, in a
/// folder that exists.
fn writable_file(path: &Path) -> Result<(), String> {
    if path.file_name().is_none() {
        return Err(format!("{} is not a file name.", path.display()));
    }
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(format!(
                "{} is a folder: choose a file name.",
                path.display()
            ));
        }
        Ok(m) if !m.is_file() => {
            return Err(format!(
                "{} is not a regular file (a link, a device or a pipe): choose another name.",
                path.display()
            ));
        }
        _ => {}
    }
    parent_exists(path)
}

/// A map to open: an existing, regular `.advocate` file.
pub fn map_to_open(raw: &str) -> Result<PathBuf, String> {
    let path = well_formed(raw)?;
    existing_file(&path)?;
    if !has_extension(&path, MAP_EXTENSION) {
        return Err(format!(
            "{} is not an Advocate map: map files end in .{MAP_EXTENSION}.",
            name_of(&path)
        ));
    }
    Ok(path)
}

/// A copy of the map to merge: an existing, regular file of any name (an export chosen by
/// mistake is refused by the core, which says why it is not a copy).
pub fn copy_to_merge(raw: &str) -> Result<PathBuf, String> {
    let path = well_formed(raw)?;
    existing_file(&path)?;
    Ok(path)
}

/// A shared folder: an existing folder, given by its whole path.
pub fn shared_folder(raw: &str) -> Result<PathBuf, String> {
    let path = well_formed(raw)?;
    match fs::metadata(&path) {
        Ok(m) if m.is_dir() => Ok(path),
        Ok(_) => Err(format!(
            "{} is a file, not a folder: choose the folder your colleagues sync with.",
            path.display()
        )),
        Err(_) => Err(format!(
            "The folder {} does not exist (or cannot be reached): choose a folder that does.",
            path.display()
        )),
    }
}

/// The file a new map or Save As writes: a `.advocate` name in a folder that exists.
pub fn map_to_write(raw: &str) -> Result<PathBuf, String> {
    let path = well_formed(raw)?;
    if !has_extension(&path, MAP_EXTENSION) {
        return Err(format!(
            "A map's file name must end in .{MAP_EXTENSION}, and {} does not.",
            name_of(&path)
        ));
    }
    writable_file(&path)?;
    Ok(path)
}

/// The files to import: at least one; each an existing regular file no bigger than the
/// importer reads, and not a map file (which is opened, not imported).
pub fn files_to_import(raw: &[String]) -> Result<Vec<PathBuf>, String> {
    if raw.is_empty() {
        return Err("Choose at least one file to import.".into());
    }
    if raw.len() > MAX_IMPORT_FILES {
        return Err(format!(
            "{} files were chosen; one import reads up to {MAX_IMPORT_FILES}.",
            raw.len()
        ));
    }
    raw.iter()
        .map(|r| {
            let path = well_formed(r)?;
            let meta = existing_file(&path)?;
            if meta.len() > MAX_FILE_BYTES {
                const MB: u64 = 1024 * 1024;
                return Err(format!(
                    "{} is {} MB; an import reads files of up to {} MB.",
                    name_of(&path),
                    meta.len().div_ceil(MB),
                    MAX_FILE_BYTES / MB
                ));
            }
            if has_extension(&path, MAP_EXTENSION) {
                return Err(format!(
                    "{} is an Advocate map, not a table: open it with Open, or export it as JSON and import that.",
                    name_of(&path)
                ));
            }
            Ok(path)
        })
        .collect()
}

/// Where an export goes. `extension` is the file's for a one-file export; `None` for the CSV
/// tables, which go into a folder (created if need be, in a folder that exists).
pub fn export_target(raw: &str, extension: Option<&str>) -> Result<PathBuf, String> {
    let path = well_formed(raw)?;
    match extension {
        Some(extension) => {
            if !has_extension(&path, extension) {
                return Err(format!(
                    "An export as {} must end in .{extension}, and {} does not.",
                    extension.to_uppercase(),
                    name_of(&path)
                ));
            }
            writable_file(&path)?;
        }
        None => match fs::metadata(&path) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(format!(
                    "{} is a file; the CSV tables go into a folder: choose a folder.",
                    path.display()
                ));
            }
            Err(_) => parent_exists(&path)?,
        },
    }
    Ok(path)
}

/// Whether a path remembered in `settings.json` (the recent list, the last map) may be offered
/// again: a well-formed, absolute `.advocate` path. Whether it still exists is asked when it is
/// opened (a removed drive may come back).
pub fn is_remembered_map(raw: &str) -> bool {
    well_formed(raw).is_ok_and(|p| has_extension(&p, MAP_EXTENSION))
}

/// The map named on the command line: relative to the folder the app was started in.
pub fn map_argument(raw: &str) -> Result<PathBuf, String> {
    if raw.trim().is_empty() || raw.contains('\0') {
        return map_to_open(raw);
    }
    let absolute = std::path::absolute(raw).map_err(|e| format!("{raw}: {e}"))?;
    map_to_open(&absolute.to_string_lossy())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    struct Dir {
        _tmp: tempfile::TempDir,
        root: PathBuf,
    }

    impl Dir {
        fn new() -> Dir {
            let tmp = tempfile::tempdir().unwrap();
            let root = tmp.path().to_path_buf();
            fs::write(root.join("map.advocate"), b"not checked here").unwrap();
            fs::write(root.join("people.csv"), b"name\nAda\n").unwrap();
            fs::write(root.join("notes.txt"), b"x").unwrap();
            fs::create_dir(root.join("folder.advocate")).unwrap();
            fs::create_dir(root.join("out")).unwrap();
            Dir { _tmp: tmp, root }
        }
        fn at(&self, name: &str) -> String {
            self.root.join(name).display().to_string()
        }
    }

    #[test]
    fn empty_paths_are_refused() {
        for raw in ["", "   "] {
            assert_eq!(
                map_to_open(raw).unwrap_err(),
                "No file was chosen: choose one and try again."
            );
            assert_eq!(
                map_to_write(raw).unwrap_err(),
                "No file was chosen: choose one and try again."
            );
            assert_eq!(
                export_target(raw, Some("svg")).unwrap_err(),
                "No file was chosen: choose one and try again."
            );
        }
        assert_eq!(
            files_to_import(&[]).unwrap_err(),
            "Choose at least one file to import."
        );
        assert_eq!(
            files_to_import(&[String::new()]).unwrap_err(),
            "No file was chosen: choose one and try again."
        );
        assert_eq!(
            map_argument("").unwrap_err(),
            "No file was chosen: choose one and try again."
        );
    }

    #[test]
    fn a_nul_is_refused() {
        let message = "The path holds a NUL character, which no file name can contain: choose the file again.";
        assert_eq!(map_to_open("/tmp/a\0.advocate").unwrap_err(), message);
        assert_eq!(map_to_write("/tmp/a\0.advocate").unwrap_err(), message);
        assert_eq!(
            files_to_import(&["/tmp/a\0.csv".into()]).unwrap_err(),
            message
        );
        assert_eq!(export_target("/tmp/\0", None).unwrap_err(), message);
        assert_eq!(map_argument("a\0.advocate").unwrap_err(), message);
    }

    #[test]
    fn control_characters_and_undecodable_names_are_refused() {
        assert_eq!(
            map_to_open("/tmp/a\nb.advocate").unwrap_err(),
            "/tmp/a\\nb.advocate holds a control character (a line break or a tab, say), which Advocate does not accept in a path: rename the file or choose another."
        );
        assert_eq!(
            files_to_import(&["/tmp/caf\u{FFFD}.csv".into()]).unwrap_err(),
            "/tmp/caf\u{FFFD}.csv has a name that is not valid UTF-8 (shown as \u{FFFD}): rename the file and choose it again."
        );
    }

    #[test]
    fn overlong_paths_are_refused() {
        let raw = format!("/{}.advocate", "a".repeat(5000));
        assert_eq!(
            map_to_write(&raw).unwrap_err(),
            "The path is 5010 bytes long; Advocate accepts paths of up to 4096 bytes."
        );
    }

    #[test]
    fn relative_paths_are_refused() {
        assert_eq!(
            map_to_open("maps/rollout.advocate").unwrap_err(),
            "maps/rollout.advocate is not a full path: choose the file with the dialog, or give its whole path from the top of the disk."
        );
        assert_eq!(
            files_to_import(&["people.csv".into()]).unwrap_err(),
            "people.csv is not a full path: choose the file with the dialog, or give its whole path from the top of the disk."
        );
        assert_eq!(
            export_target("../map.svg", Some("svg")).unwrap_err(),
            "../map.svg is not a full path: choose the file with the dialog, or give its whole path from the top of the disk."
        );
    }

    #[test]
    fn a_map_to_open_exists_is_a_file_and_ends_in_advocate() {
        let d = Dir::new();
        assert_eq!(
            map_to_open(&d.at("map.advocate")).unwrap(),
            d.root.join("map.advocate")
        );
        assert_eq!(
            map_to_open(&d.at("gone.advocate")).unwrap_err(),
            format!(
                "{} does not exist: it may have been moved, renamed or deleted.",
                d.at("gone.advocate")
            )
        );
        assert_eq!(
            map_to_open(&d.at("folder.advocate")).unwrap_err(),
            format!("{} is a folder, not a file.", d.at("folder.advocate"))
        );
        assert_eq!(
            map_to_open(&d.at("people.csv")).unwrap_err(),
            "people.csv is not an Advocate map: map files end in .advocate."
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_or_a_pipe_is_not_opened() {
        assert_eq!(
            map_to_open("/dev/null").unwrap_err(),
            "/dev/null is not a regular file (it is a device, a pipe or a socket)."
        );
        assert_eq!(
            files_to_import(&["/dev/zero".into()]).unwrap_err(),
            "/dev/zero is not a regular file (it is a device, a pipe or a socket)."
        );
    }

    #[test]
    fn a_map_to_write_ends_in_advocate_in_a_folder_that_exists() {
        let d = Dir::new();
        assert_eq!(
            map_to_write(&d.at("new.advocate")).unwrap(),
            d.root.join("new.advocate")
        );
        assert!(map_to_write(&d.at("NEW.ADVOCATE")).is_ok());
        assert_eq!(
            map_to_write(&d.at("new.json")).unwrap_err(),
            "A map's file name must end in .advocate, and new.json does not."
        );
        assert_eq!(
            map_to_write(&d.at("folder.advocate")).unwrap_err(),
            format!(
                "{} is a folder: choose a file name.",
                d.at("folder.advocate")
            )
        );
        assert_eq!(
            map_to_write(&d.at("missing/new.advocate")).unwrap_err(),
            format!(
                "The folder {} does not exist: choose a folder that does.",
                d.at("missing")
            )
        );
        assert_eq!(
            map_to_write(&d.at("notes.txt/new.advocate")).unwrap_err(),
            format!("{} is not a folder.", d.at("notes.txt"))
        );
    }

    #[test]
    fn imports_are_regular_files_within_the_size_limit_and_not_maps() {
        let d = Dir::new();
        assert_eq!(
            files_to_import(&[d.at("people.csv")]).unwrap(),
            vec![d.root.join("people.csv")]
        );
        assert_eq!(
            files_to_import(&[d.at("out")]).unwrap_err(),
            format!("{} is a folder, not a file.", d.at("out"))
        );
        assert_eq!(
            files_to_import(&[d.at("people.csv"), d.at("nope.csv")]).unwrap_err(),
            format!(
                "{} does not exist: it may have been moved, renamed or deleted.",
                d.at("nope.csv")
            )
        );
        assert_eq!(
            files_to_import(&[d.at("map.advocate")]).unwrap_err(),
            "map.advocate is an Advocate map, not a table: open it with Open, or export it as JSON and import that."
        );
        let big = d.root.join("big.csv");
        let f = fs::File::create(&big).unwrap();
        f.set_len(MAX_FILE_BYTES + 1).unwrap();
        assert_eq!(
            files_to_import(&[d.at("big.csv")]).unwrap_err(),
            "big.csv is 257 MB; an import reads files of up to 256 MB."
        );
        let many: Vec<String> = (0..=MAX_IMPORT_FILES).map(|_| d.at("people.csv")).collect();
        assert_eq!(
            files_to_import(&many).unwrap_err(),
            "65 files were chosen; one import reads up to 64."
        );
    }

    #[test]
    fn an_export_has_its_formats_extension_and_a_folder_that_exists() {
        let d = Dir::new();
        assert_eq!(
            export_target(&d.at("map.svg"), Some("svg")).unwrap(),
            d.root.join("map.svg")
        );
        assert_eq!(
            export_target(&d.at("map.png"), Some("pdf")).unwrap_err(),
            "An export as PDF must end in .pdf, and map.png does not."
        );
        assert_eq!(
            export_target(&d.at("map.advocate"), Some("json")).unwrap_err(),
            "An export as JSON must end in .json, and map.advocate does not."
        );
        assert_eq!(
            export_target(&d.at("missing/map.svg"), Some("svg")).unwrap_err(),
            format!(
                "The folder {} does not exist: choose a folder that does.",
                d.at("missing")
            )
        );
        fs::create_dir(d.root.join("dir.svg")).unwrap();
        assert_eq!(
            export_target(&d.at("dir.svg"), Some("svg")).unwrap_err(),
            format!("{} is a folder: choose a file name.", d.at("dir.svg"))
        );
    }

    #[test]
    fn csv_tables_go_into_a_folder() {
        let d = Dir::new();
        assert_eq!(
            export_target(&d.at("out"), None).unwrap(),
            d.root.join("out")
        );
        assert_eq!(
            export_target(&d.at("new-folder"), None).unwrap(),
            d.root.join("new-folder")
        );
        assert_eq!(
            export_target(&d.at("people.csv"), None).unwrap_err(),
            format!(
                "{} is a file; the CSV tables go into a folder: choose a folder.",
                d.at("people.csv")
            )
        );
        assert_eq!(
            export_target(&d.at("missing/tables"), None).unwrap_err(),
            format!(
                "The folder {} does not exist: choose a folder that does.",
                d.at("missing")
            )
        );
    }

    #[test]
    fn only_well_formed_map_paths_are_remembered() {
        assert!(is_remembered_map("/home/ada/maps/rollout.advocate"));
        assert!(is_remembered_map("/gone/for/now.advocate"));
        for bad in [
            "",
            "rollout.advocate",
            "/etc/passwd",
            "/tmp/a\0.advocate",
            "/tmp/a\nb.advocate",
        ] {
            assert!(!is_remembered_map(bad), "{bad:?}");
        }
    }

    #[test]
    fn the_command_line_map_may_be_relative_to_where_the_app_started() {
        let here = std::env::current_dir().unwrap();
        let err = map_argument("no-such-map.advocate").unwrap_err();
        assert_eq!(
            err,
            format!(
                "{} does not exist: it may have been moved, renamed or deleted.",
                here.join("no-such-map.advocate").display()
            )
        );
    }
}
