//! File formats, each one's reader and writer side by side so a round trip is visible in one
//! file: the project's JSON ([`json`]), the CSV tables ([`csv`], whose reader, shared with
//! workbooks, is `crate::import`), GraphML ([`graphml`]) and GEXF ([`gexf`]), with the XML helpers
//! they and the drawings share ([`xml`]). Also what the data formats share: the [`redacted`] map,
//! and writing a file whole or not at all.
//!
//! `crate::import` finds the right reader for the files a user brings and merges what they hold;
//! `crate::export` owns the export options and the drawings (SVG, PNG, PDF, PPTX) and dispatches
//! to the writers here. Formats use the export options and the drawings' names for people, and
//! never the importer.

pub mod csv;
pub mod gexf;
pub mod graphml;
pub mod json;
pub(crate) mod xml;

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use crate::data::MapData;
use crate::export::Redact;
use crate::export::drawing::display_names;
use crate::model::Map;

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{path} could not be written: {source}")]
pub struct ExportError {
    pub path: String,
    pub source: std::io::Error,
}

/// The map as data, for sharing without saying who is who: each person's name is replaced as
/// the redaction says (the drawings' labels), their id by a neutral one (`p1`, `p2`, … in the
/// map's order), and what was written about them (notes, tags, imported columns, the
/// engagement log's summaries, the ties' notes) is left out, and the actions planned and the
/// saved views are only counted. What the analysis needs stays:
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
    for t in &mut data.targets {
        t.person = id(&t.person);
    }
    // Actions say what we plan to do about whom: only how many there are goes out.
    data.action_counts = crate::campaign::records::counts(&data.actions);
    data.actions.clear();
    // A view's caption is free text and its path names people: only how many go out.
    data.view_count = (!data.views.is_empty()).then_some(data.views.len());
    data.views.clear();
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

pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
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
