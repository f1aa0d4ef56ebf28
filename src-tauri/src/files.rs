//! Import and export commands: the importer's dry run (on a copy of the map, so the preview
//! shows exactly what the merge would add, update and reject without writing the user's map),
//! the import itself (one undo step), and the core's JSON and CSV exports.

use std::path::PathBuf;

use advocate_core::ImportReport;
use advocate_core::export::{self, Format, Page, Redact};
use advocate_core::import::{self, ImportOptions};
use advocate_core::model::PersonKey;
use advocate_core::store::Rejected;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::commands::AppState;
use crate::paths;
use crate::view::MapView;

/// What an import would do: the report, or the message saying why nothing would be imported.
/// A view type because the core answers with a report or an error, and the window shows either.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ImportPreview {
    pub report: Option<ImportReport>,
    pub error: Option<String>,
    /// Each bad row, when the import would be refused for them.
    pub rejected: Vec<Rejected>,
}

/// Runs the import on a copy of the open map and throws the copy away: nothing is written to
/// the map itself.
#[tauri::command]
#[specta::specta]
pub async fn import_preview(
    state: AppState,
    paths: Vec<String>,
    request: ImportOptions,
) -> Result<ImportPreview, String> {
    let paths = paths::files_to_import(&paths)?;
    let scratch = tempdir()?;
    let copy_path = scratch.join("preview.advocate");
    let result = (|| {
        // The copy of an encrypted map is encrypted with the same passphrase.
        let mut copy = state
            .lock()?
            .file()?
            .open_copy(&copy_path)
            .map_err(|e| e.to_string())?;
        Ok::<_, String>(match import::import_files(&mut copy, &paths, &request) {
            Ok(report) => ImportPreview {
                report: Some(report),
                error: None,
                rejected: Vec::new(),
            },
            Err(e) => ImportPreview {
                report: None,
                error: Some(e.to_string()),
                rejected: match &e {
                    import::ImportError::Invalid(rows) => rows.clone(),
                    _ => Vec::new(),
                },
            },
        })
    })();
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

/// What an import did, and the map as it now is.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Imported {
    pub report: ImportReport,
    pub map: MapView,
}

/// Imports the files into the open map as one undo step.
#[tauri::command]
#[specta::specta]
pub async fn import_files(
    state: AppState,
    paths: Vec<String>,
    request: ImportOptions,
) -> Result<Imported, String> {
    let paths = paths::files_to_import(&paths)?;
    let mut session = state.lock()?;
    let file = session.file_mut()?;
    let report = import::import_files(file, &paths, &request).map_err(|e| e.to_string())?;
    Ok(Imported {
        report,
        map: MapView::of(file),
    })
}

/// How an export looks, as the Export dialog sets it. Every field may be left out. An input type
/// because the dialog's shape is not the core's `ExportOptions`: the width and height come from
/// two fields, the people to highlight are those the window showed (by key, checked here against
/// the map), and the view is the rectangle the canvas shows.
#[derive(Debug, Clone, Default, Deserialize, Type)]
#[serde(default)]
pub struct ExportSettings {
    pub redact: Redact,
    /// Pixel size of a PNG (or drawing size of an SVG), both or neither.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// A PNG the size of the page at this resolution, for print.
    pub dpi: Option<f32>,
    /// No background (SVG, PNG, PDF).
    pub transparent: bool,
    pub page: Option<Page>,
    /// Replace the default title (the initiative) and subtitle (the map's name and the date).
    pub title: Option<String>,
    pub subtitle: Option<String>,
    /// A chain of introductions to draw in bold (people by key, first first).
    pub highlight_path: Vec<PersonKey>,
    /// A board of advocates to ring (people by key).
    pub highlight_board: Vec<PersonKey>,
    /// Only the part of the map the window shows, in the map's coordinates.
    pub view: Option<ViewRect>,
}

/// A rectangle of the map's layout: two opposite corners.
#[derive(Debug, Clone, Copy, Deserialize, Type)]
pub struct ViewRect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl ExportSettings {
    /// The core's options, or what is wrong with the settings in the user's words.
    pub fn options(
        &self,
        map: &advocate_core::Map,
    ) -> Result<advocate_core::export::ExportOptions, String> {
        use advocate_core::PersonId;
        use advocate_core::export::ExportOptions;
        let size = match (self.width, self.height) {
            (None, None) => None,
            (Some(w), Some(h)) => Some((w, h)),
            _ => return Err("Give the image both a width and a height, or neither.".into()),
        };
        let people = |keys: &[PersonKey], what: &str| -> Result<Vec<PersonId>, String> {
            keys.iter()
                .map(|key| {
                    map.id_of(key).map_err(|_| {
                        format!("The {what} to highlight names someone no longer on the map: show it again, then export.")
                    })
                })
                .collect()
        };
        let text = |t: &Option<String>| {
            t.as_ref()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
        };
        let options = ExportOptions {
            redact: self.redact,
            highlight_path: people(&self.highlight_path, "path")?,
            highlight_board: people(&self.highlight_board, "board")?,
            highlight_people: Vec::new(),
            title: text(&self.title),
            subtitle: text(&self.subtitle),
            size,
            dpi: self.dpi,
            transparent: self.transparent,
            page: self.page,
            influence: None,
            view: self
                .view
                .map(|v| advocate_core::export::View::new(v.x0, v.y0, v.x1, v.y1))
                .transpose()
                .map_err(|e| format!("Cannot export this view: {e}."))?,
        };
        options.check().map_err(|e| format!("{e}."))?;
        Ok(options)
    }
}

/// Exports the open map (off the UI thread: drawings of big maps take a while) as the settings
/// say, with the core's `export::write` as the command line does; answers with the files written.
#[tauri::command]
#[specta::specta]
pub async fn export_map(
    state: AppState,
    format: Format,
    path: String,
    settings: Option<ExportSettings>,
) -> Result<Vec<String>, String> {
    let path = paths::export_target(&path, format.extension())?;
    let map = state.lock()?.file()?.map().clone();
    let options = settings.unwrap_or_default().options(&map)?;
    tauri::async_runtime::spawn_blocking(move || {
        export::write(&map, format, &options, &path)
            .map(|files| files.iter().map(|f| f.display().to_string()).collect())
    })
    .await
    .map_err(|e| format!("the export stopped unexpectedly: {e}"))?
}

fn tempdir() -> Result<PathBuf, String> {
    let dir = std::env::temp_dir().join(format!(
        "advocate-preview-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
    ));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(dir)
}
