//! Importing: turning the files a user brings (people, influence, departments and engagement-log
//! CSV files, an HR org-chart export, the same tables as sheets of an .xlsx workbook, or the
//! project's own JSON) into [`MapData`], with every bad row named by file, line and column.
//!
//! Importers never write: [`read_files`] only reads, and [`import_files`] reads every file first
//! and then brings them into the map file with one [`MapFile::merge`], so an import of several
//! files is one undo step and, unless bad rows are to be skipped, all or nothing across files.
//!
//! A CSV file or a workbook sheet is recognised by its header (case and spaces do not matter:
//! "Decision maker" is `decision_maker`; `color` is `colour`):
//!
//! - org chart: `employee_id`, `name`, `manager_id` (and `title`, `department`, …): people keyed
//!   by employee_id, and a "line manager" tie from each manager to their report;
//! - influence ties: `from`, `to`, `kind`, `strength` (empty: the kind's default), `notes`;
//! - engagement log: `person`, `date`, `action`, `summary`, `stance_after`;
//! - tie kinds: `kind`, `default_strength`; map settings: `map`, `initiative`, `home_people`,
//!   `home_department`, `audience_people`, `audience_department` (both written by the export);
//! - departments: `name` with `parent`, `colour` and/or `function` (executive, it, communications,
//!   marketing, hr, finance, operations, sales, l&d, other; else guessed from the name), and none
//!   of the people columns;
//! - people: `name`, and `id`, `title`, `department`, `stance`, `power`, `interest`,
//!   `decision_maker`, `tags` (`;`-separated), `notes`, `x`, `y`, `pinned`; any other column is a
//!   custom attribute.
//!
//! Empty cells mean "not given": the merge leaves what the map has. Files are UTF-8 with or
//! without a byte-order mark, delimited by commas, semicolons or tabs; `.json` files are the
//! project's JSON format; `.xlsx` (and other workbooks) are read sheet by sheet.

pub(crate) mod records;
mod table;
mod text;
mod workbook;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::data::MapData;
use crate::store::{self, ImportReport, MapFile, MergeMode, Rejected};

/// How to read the files of an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportOptions {
    /// Read every table as an HR org-chart export, even when its header does not say so.
    pub org_chart: bool,
    /// Import the good rows and list the bad ones, instead of importing nothing.
    pub skip_invalid: bool,
}

/// What the files of an import hold: the records to merge and the rows that were rejected while
/// reading them (only ever non-empty when bad rows are skipped).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub data: MapData,
    pub rejected: Vec<Rejected>,
}

/// Why nothing was imported. Every message names the file, and a row's line and column.
#[derive(Debug)]
pub enum ImportError {
    /// A file that cannot be read as a table at all: missing, empty, not text, not a table
    /// Advocate knows, or a loop in an org chart's manager chain.
    File(String),
    /// Rows that break a rule, in file order.
    Invalid(Vec<Rejected>),
    /// The merge refused the records, or the map file could not be written.
    Store(store::Error),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::File(message) => write!(f, "{message}; nothing was imported"),
            ImportError::Invalid(rejected) => {
                match rejected.first() {
                    Some(first) => write!(f, "{first}")?,
                    None => write!(f, "the files hold rows that break a rule")?,
                }
                match rejected.len() {
                    0 | 1 => {}
                    2 => write!(f, " (and 1 more problem)")?,
                    n => write!(f, " (and {} more problems)", n - 1)?,
                }
                write!(f, "; nothing was imported")
            }
            ImportError::Store(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ImportError::Store(e) => Some(e),
            _ => None,
        }
    }
}

impl From<store::Error> for ImportError {
    fn from(e: store::Error) -> ImportError {
        ImportError::Store(e)
    }
}

/// Reads every file into one [`MapData`]. In all-or-nothing mode (the default) any bad row is an
/// error listing the bad rows; with `skip_invalid` they are returned in [`Parsed::rejected`].
pub fn read_files(paths: &[PathBuf], options: &ImportOptions) -> Result<Parsed, ImportError> {
    let mut parsed = Parsed::default();
    for path in paths {
        read_file_into(path, options, &mut parsed)?;
    }
    if !options.skip_invalid && !parsed.rejected.is_empty() {
        return Err(ImportError::Invalid(parsed.rejected));
    }
    Ok(parsed)
}

/// Reads every file, then merges them all into the map in one step (one undo step; all or nothing
/// unless `skip_invalid`). The report lists the rows rejected by the merge followed by those
/// rejected while reading.
pub fn import_files(
    file: &mut MapFile,
    paths: &[PathBuf],
    options: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let mut parsed = read_files(paths, options)?;
    check_references(file.map(), &mut parsed);
    if !options.skip_invalid && !parsed.rejected.is_empty() {
        return Err(ImportError::Invalid(parsed.rejected));
    }
    let mode = if options.skip_invalid {
        MergeMode::SkipInvalid
    } else {
        MergeMode::AllOrNothing
    };
    let label = match paths {
        [one] => format!("Import {}", display_name(one)),
        many => format!("Import {} files", many.len()),
    };
    let mut report = file.merge(&parsed.data, mode, &label)?;
    report.rejected.extend(parsed.rejected);
    Ok(report)
}

/// Rejects ties and log entries naming a person who is neither on the map nor in the files,
/// naming the column, before the merge sees them.
fn check_references(map: &crate::model::Map, parsed: &mut Parsed) {
    use std::collections::HashSet;
    let mut known: HashSet<&str> = HashSet::new();
    for p in map.people() {
        known.insert(p.key.as_str());
        known.insert(p.name.as_str());
    }
    for p in &parsed.data.people {
        known.insert(p.key().trim());
        known.insert(p.name.trim());
    }
    let place = |origin: &crate::data::Origin, column: &str| {
        let at = origin.describe(String::new);
        if at.contains(" line ") || at.contains(" row ") {
            format!("{at}, column {column:?}")
        } else {
            format!("{at}, {column}")
        }
    };
    let unknown = |r: &str| {
        format!(
            "no person with id or name {:?} on the map or in the imported files",
            r.trim()
        )
    };
    let mut rejected = Vec::new();
    parsed.data.ties.retain(|t| {
        for (column, r) in [("from", &t.from), ("to", &t.to)] {
            if !known.contains(r.trim()) {
                rejected.push(Rejected {
                    place: place(&t.origin, column),
                    reason: unknown(r),
                });
                return false;
            }
        }
        true
    });
    parsed.data.engagements.retain(|e| {
        if known.contains(e.person.trim()) {
            return true;
        }
        rejected.push(Rejected {
            place: place(&e.origin, "person"),
            reason: unknown(&e.person),
        });
        false
    });
    parsed.rejected.extend(rejected);
}

pub use crate::formats::csv::is_reserved_column;

/// The name a file goes by in messages: its file name, as users see it in their folder.
pub(crate) fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The largest file an import reads: far beyond any real organisation's export, small enough
/// that a mistaken choice of file cannot exhaust the machine's memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

fn read_file_into(
    path: &Path,
    options: &ImportOptions,
    parsed: &mut Parsed,
) -> Result<(), ImportError> {
    let name = display_name(path);
    if path.is_dir() {
        return Err(ImportError::File(format!(
            "{name} is a folder; name the files in it instead"
        )));
    }
    let not_read = |e: std::io::Error| {
        ImportError::File(if e.kind() == std::io::ErrorKind::NotFound {
            format!("{} does not exist", path.display())
        } else {
            format!("{} could not be read: {e}", path.display())
        })
    };
    let size = std::fs::metadata(path).map_err(not_read)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ImportError::File(format!(
            "{name} is {} MB; an import reads files of up to {} MB",
            size / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(not_read)?;
    read_bytes_into(&name, bytes, options, parsed)
}

/// Reads one file's contents, as [`read_files`] does for a file called `name` (whose extension
/// says whether it is a workbook, JSON or delimited text).
pub fn read_bytes(
    name: &str,
    bytes: Vec<u8>,
    options: &ImportOptions,
) -> Result<Parsed, ImportError> {
    let mut parsed = Parsed::default();
    read_bytes_into(name, bytes, options, &mut parsed)?;
    if !options.skip_invalid && !parsed.rejected.is_empty() {
        return Err(ImportError::Invalid(parsed.rejected));
    }
    Ok(parsed)
}

fn read_bytes_into(
    name: &str,
    bytes: Vec<u8>,
    options: &ImportOptions,
    parsed: &mut Parsed,
) -> Result<(), ImportError> {
    let extension = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let is_workbook = workbook::is_workbook(&extension, &bytes);
    let tables = if is_workbook {
        workbook::read(name, bytes).map_err(ImportError::File)?
    } else if matches!(extension.as_str(), "json" | "graphml" | "gexf") {
        let text = text::decode(name, &bytes).map_err(ImportError::File)?;
        let data = match extension.as_str() {
            "graphml" => crate::formats::graphml::read_graphml(text, name),
            "gexf" => crate::formats::gexf::read_gexf(text, name),
            _ => MapData::from_json(text, name),
        }
        .map_err(ImportError::File)?;
        append(&mut parsed.data, with_origins(data, name));
        return Ok(());
    } else {
        vec![text::read_csv(name, &bytes).map_err(ImportError::File)?]
    };
    records::read_tables(&tables, options.org_chart, is_workbook, parsed).map_err(ImportError::File)
}

/// Names each record of a JSON file by its place in the file, for the merge's messages.
fn with_origins(mut data: MapData, file: &str) -> MapData {
    use crate::data::Origin;
    for (i, d) in data.departments.iter_mut().enumerate() {
        d.origin = Origin(Some(format!("{file} department {} ({:?})", i + 1, d.name)));
    }
    for (i, p) in data.people.iter_mut().enumerate() {
        p.origin = Origin(Some(format!("{file} person {} ({:?})", i + 1, p.name)));
    }
    for (i, t) in data.ties.iter_mut().enumerate() {
        t.origin = Origin(Some(format!(
            "{file} tie {} ({} > {})",
            i + 1,
            t.from,
            t.to
        )));
    }
    for (i, e) in data.engagements.iter_mut().enumerate() {
        e.origin = Origin(Some(format!("{file} engagement {}", i + 1)));
    }
    for (i, t) in data.targets.iter_mut().enumerate() {
        t.origin = Origin(Some(format!("{file} target {} ({})", i + 1, t.person)));
    }
    for (i, a) in data.actions.iter_mut().enumerate() {
        a.origin = Origin(Some(format!("{file} action {} ({})", i + 1, a.id)));
    }
    for (i, v) in data.views.iter_mut().enumerate() {
        v.origin = Origin(Some(format!("{file} view {} ({})", i + 1, v.id)));
    }
    data
}

/// Adds one file's records to those of the files before it; the map's name, home team and goal
/// are taken from the last file that gives them.
pub(crate) fn append(into: &mut MapData, from: MapData) {
    if from.name.is_some() {
        into.name = from.name;
    }
    if from.home.is_some() {
        into.home = from.home;
    }
    if from.goal.is_some() {
        into.goal = from.goal;
    }
    into.kinds.extend(from.kinds);
    into.departments.extend(from.departments);
    into.people.extend(from.people);
    into.ties.extend(from.ties);
    into.engagements.extend(from.engagements);
    into.targets.extend(from.targets);
    into.actions.extend(from.actions);
    into.views.extend(from.views);
    if from.view_count.is_some() {
        into.view_count = from.view_count;
    }
    if from.stale_days.is_some() {
        into.stale_days = from.stale_days;
    }
    if from.action_counts.is_some() {
        into.action_counts = from.action_counts;
    }
}
