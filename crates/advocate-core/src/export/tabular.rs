//! Exporting a whole map as the project's JSON format or as a folder of CSV tables, in the forms
//! the importers read, so that an export imported into a new map gives back the same map.
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

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use crate::data::{GroupData, MapData};
use crate::export::Redact;
use crate::export::drawing::display_names;
use crate::model::{Map, Position, Stance};

/// The files [`write_csv`] writes, in the order an import should read them.
pub const CSV_FILES: [&str; 6] = [
    "map.csv",
    "kinds.csv",
    "departments.csv",
    "people.csv",
    "ties.csv",
    "engagements.csv",
];

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{path} could not be written: {source}")]
pub struct ExportError {
    pub path: String,
    pub source: std::io::Error,
}

/// Writes the map as the project's JSON format, replacing `path` whole or not at all; with a
/// redaction, the [`redacted`] map.
pub fn write_json(map: &Map, path: &Path, redact: Redact) -> Result<(), ExportError> {
    let mut text = redacted(map, redact).to_json();
    text.push('\n');
    write_atomically(path, text.as_bytes())
}

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

/// The map as data, for sharing without saying who is who: each person's name is replaced as
/// the redaction says (the drawings' labels), their id by a neutral one (`p1`, `p2`, … in the
/// map's order), and what was written about them (notes, tags, imported columns, the
/// engagement log's summaries, the ties' notes) is left out. What the analysis needs stays:
/// stances, power, interest, decision-makers, departments, ties, the stance history, the
/// layout, the home team and the goal. Without a redaction, the whole map.
pub fn redacted(map: &Map, redact: Redact) -> MapData {
    let mut data = MapData::from_map(map);
    if !redact.is_on() {
        return data;
    }
    // The drawings' names for people, and neutral ids numbered the same way (map order).
    let names = display_names(map, redact);
    let neutral: HashMap<String, (String, String)> = map
        .people()
        .enumerate()
        .map(|(i, p)| {
            let name = names.get(&p.id).cloned().unwrap_or_default();
            (p.key.clone(), (format!("p{}", i + 1), name))
        })
        .collect();
    let id = |key: &str| neutral.get(key).map(|n| n.0.clone()).unwrap_or_default();
    for p in &mut data.people {
        let key = p.id.clone().unwrap_or_default();
        p.name = neutral.get(&key).map(|n| n.1.clone()).unwrap_or_default();
        p.id = Some(id(&key));
        p.tags = Some(Vec::new());
        p.notes = Some(String::new());
        p.attributes.clear();
    }
    for t in &mut data.ties {
        t.from = id(&t.from);
        t.to = id(&t.to);
        t.notes = Some(String::new());
    }
    for e in &mut data.engagements {
        e.person = id(&e.person);
        e.summary.clear();
    }
    for group in data
        .home
        .iter_mut()
        .chain(data.goal.as_mut().map(|g| &mut g.audience))
    {
        for p in &mut group.people {
            *p = id(p);
        }
    }
    data
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

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let error = |source| ExportError {
        path: path.display().to_string(),
        source,
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let temporary = path.with_file_name(format!(".{name}.{}.partial", std::process::id()));
    let result = fs::write(&temporary, bytes).and_then(|()| fs::rename(&temporary, path));
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result.map_err(error)
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
const PEOPLE_HEADER: [&str; 13] = crate::import::records::PEOPLE_COLUMNS;

fn people_table(data: &MapData) -> Rows {
    let attributes: BTreeSet<&String> = data
        .people
        .iter()
        .flat_map(|p| p.attributes.keys())
        .filter(|k| !crate::import::is_reserved_column(k))
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
