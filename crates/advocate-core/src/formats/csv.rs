//! The CSV tables: writing a whole map as a folder of CSV tables in the form the importers read
//! (so that an export imported into a new map gives back the same map), and the vocabulary of
//! columns the writer and the table reader (`crate::import`, which reads the same tables from CSV
//! files and workbook sheets) share: the people columns, the reserved names, and how a header is
//! normalised.
//!
//! The CSV folder holds, each UTF-8 with a byte-order mark (so spreadsheet programs show accents
//! and CJK correctly) and a header row:
//!
//! - `map.csv`: one row of map settings: `map` (the map's name), `initiative`, `home_people` and
//!   `audience_people` (person ids separated by `;`), `home_department`, `audience_department`;
//! - `kinds.csv`: `kind`, `default_strength`, one row per tie kind;
//! - `departments.csv`: `name`, `parent`, `colour`, `x`, `y`, `pinned`;
//! - `people.csv`: `id`, `name`, `title`, `department`, `stance`, `power`, `interest`,
//!   `decision_maker`, `tags` (separated by `;`), `notes`, `x`, `y`, `pinned`, then one column per
//!   custom attribute;
//! - `ties.csv`: `from`, `to` (person ids), `kind`, `strength`, `notes`;
//! - `engagements.csv`: `person` (an id), `date`, `action`, `summary`, `stance_after`.
//!
//! Limits of the CSV form: a tag or a home/audience id containing `;` is split on import, and an
//! empty attribute value or an attribute named like a column the importers know (`notes`, `from`, `date`…) is not written.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::{ExportError, redacted, write_atomically};
use crate::data::{GroupData, MapData};
use crate::export::Redact;
use crate::model::{Map, Position, Stance};

/// The people table's columns, in the order the CSV export writes them.
pub(crate) const PEOPLE_COLUMNS: [&str; 13] = [
    "id",
    "name",
    "title",
    "department",
    "stance",
    "power",
    "interest",
    "decision_maker",
    "tags",
    "notes",
    "x",
    "y",
    "pinned",
];
/// Every column name that means something in some table.
pub(crate) const RESERVED: [&str; 29] = [
    "id",
    "name",
    "title",
    "department",
    "stance",
    "power",
    "interest",
    "decision_maker",
    "tags",
    "notes",
    "x",
    "y",
    "pinned",
    "employee_id",
    "manager_id",
    "from",
    "to",
    "kind",
    "strength",
    "parent",
    "colour",
    "person",
    "date",
    "action",
    "summary",
    "stance_after",
    "default_strength",
    "map",
    "initiative",
];

/// A header cell as the importers compare it: trimmed, lower case, spaces and hyphens as
/// underscores ("Decision maker" and "decision-maker" are `decision_maker`), and the American
/// spelling of colour folded into the British one.
pub(crate) fn normalise(header: &str) -> String {
    let h: String = header
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    if h == "color" {
        "colour".to_string()
    } else {
        h
    }
}

/// Whether a header names a column that one of the tables Advocate reads gives a meaning to, so
/// that it cannot be a custom attribute of a person.
pub fn is_reserved_column(header: &str) -> bool {
    RESERVED.contains(&normalise(header).as_str())
}

/// The files [`write_csv`] writes, in the order an import should read them.
pub const CSV_FILES: [&str; 6] = [
    "map.csv",
    "kinds.csv",
    "departments.csv",
    "people.csv",
    "ties.csv",
    "engagements.csv",
];

/// Writes the map as CSV tables in the folder `dir` (created if needed); returns the files
/// written, in [`CSV_FILES`] order, ready to be passed to [`crate::import::import_files`].
/// With a redaction, the tables are those of the [`redacted`] map.
pub fn write_csv(map: &Map, dir: &Path, redact: Redact) -> Result<Vec<PathBuf>, ExportError> {
    fs::create_dir_all(dir).map_err(|source| ExportError {
        path: dir.display().to_string(),
        source,
    })?;
    let data = redacted(map, redact);
    let tables = [
        settings_table(&data),
        kinds_table(&data),
        departments_table(&data),
        people_table(&data),
        ties_table(&data),
        engagements_table(&data),
    ];
    let mut written = Vec::new();
    for (name, rows) in CSV_FILES.iter().zip(tables) {
        let path = dir.join(name);
        write_atomically(&path, &csv_bytes(&rows))?;
        written.push(path);
    }
    Ok(written)
}

type Rows = Vec<Vec<String>>;

fn csv_bytes(rows: &Rows) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    let mut writer = csv::WriterBuilder::new()
        .flexible(false)
        .from_writer(&mut out);
    for row in rows {
        // Writing into memory cannot fail.
        let _ = writer.write_record(row);
    }
    let _ = writer.flush();
    drop(writer);
    out
}

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_string()).collect()
}

fn number(v: f64) -> String {
    // Rust writes the shortest text that reads back as the same number.
    v.to_string()
}

fn yes_no(v: bool) -> String {
    if v { "yes" } else { "no" }.to_string()
}

fn position(p: Option<Position>) -> [String; 3] {
    match p {
        Some(p) => [number(p.x), number(p.y), yes_no(p.pinned)],
        None => Default::default(),
    }
}

fn stance(s: Option<Stance>) -> String {
    s.map(|s| s.label().to_string()).unwrap_or_default()
}

fn settings_table(data: &MapData) -> Rows {
    let empty = GroupData::default();
    let home = data.home.as_ref().unwrap_or(&empty);
    let goal = data.goal.clone().unwrap_or_default();
    vec![
        header(&[
            "map",
            "initiative",
            "home_people",
            "home_department",
            "audience_people",
            "audience_department",
        ]),
        vec![
            data.name.clone().unwrap_or_default(),
            goal.initiative,
            home.people.join(";"),
            home.department.clone().unwrap_or_default(),
            goal.audience.people.join(";"),
            goal.audience.department.unwrap_or_default(),
        ],
    ]
}

fn kinds_table(data: &MapData) -> Rows {
    let mut rows = vec![header(&["kind", "default_strength"])];
    rows.extend(
        data.kinds
            .iter()
            .map(|k| vec![k.name.clone(), number(k.default_strength)]),
    );
    rows
}

fn departments_table(data: &MapData) -> Rows {
    let mut rows = vec![header(&["name", "parent", "colour", "x", "y", "pinned"])];
    rows.extend(data.departments.iter().map(|d| {
        let mut row = vec![
            d.name.clone(),
            d.parent.clone().unwrap_or_default(),
            d.colour.clone().unwrap_or_default(),
        ];
        row.extend(position(d.position));
        row
    }));
    rows
}

/// The people table is written with the columns the importer reads, in one place.
const PEOPLE_HEADER: [&str; 13] = PEOPLE_COLUMNS;

fn people_table(data: &MapData) -> Rows {
    let attributes: BTreeSet<&String> = data
        .people
        .iter()
        .flat_map(|p| p.attributes.keys())
        .filter(|k| !is_reserved_column(k))
        .collect();
    let mut head = header(&PEOPLE_HEADER);
    head.extend(attributes.iter().map(|a| (*a).clone()));
    let mut rows = vec![head];
    rows.extend(data.people.iter().map(|p| {
        let mut row = vec![
            p.id.clone().unwrap_or_default(),
            p.name.clone(),
            p.title.clone().unwrap_or_default(),
            p.department.clone().unwrap_or_default(),
            stance(p.stance),
            p.power.map(|v| v.to_string()).unwrap_or_default(),
            p.interest.map(|v| v.to_string()).unwrap_or_default(),
            p.decision_maker.map(yes_no).unwrap_or_default(),
            p.tags.as_ref().map(|t| t.join(";")).unwrap_or_default(),
            p.notes.clone().unwrap_or_default(),
        ];
        row.extend(position(p.position));
        row.extend(
            attributes
                .iter()
                .map(|a| p.attributes.get(*a).cloned().unwrap_or_default()),
        );
        row
    }));
    rows
}

fn ties_table(data: &MapData) -> Rows {
    let mut rows = vec![header(&["from", "to", "kind", "strength", "notes"])];
    rows.extend(data.ties.iter().map(|t| {
        vec![
            t.from.clone(),
            t.to.clone(),
            t.kind.clone(),
            t.strength.map(number).unwrap_or_default(),
            t.notes.clone().unwrap_or_default(),
        ]
    }));
    rows
}

fn engagements_table(data: &MapData) -> Rows {
    let mut rows = vec![header(&[
        "person",
        "date",
        "action",
        "summary",
        "stance_after",
    ])];
    rows.extend(data.engagements.iter().map(|e| {
        vec![
            e.person.clone(),
            e.date.clone(),
            e.action.clone(),
            e.summary.clone(),
            stance(e.stance_after),
        ]
    }));
    rows
}
