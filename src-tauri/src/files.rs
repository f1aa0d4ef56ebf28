//! Import and export commands: the importer's dry run (on a copy of the map, so the preview
//! shows exactly what the merge would add, update and reject without writing the user's map),
//! the import itself (one undo step), and the core's JSON and CSV exports.

use std::path::PathBuf;

use advocate_core::ImportReport;
use advocate_core::import::{self, ImportOptions};
use advocate_core::store::Rejected;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::commands::AppState;
use crate::paths;
use crate::view::MapView;

/// Added / updated / unchanged records of one kind.
#[derive(Debug, Clone, Serialize, Type)]
pub struct CountsView {
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
}

/// A row that was not imported: where it was ("people.csv line 4, column \"power\"") and why.
#[derive(Debug, Clone, Serialize, Type)]
pub struct RejectedView {
    pub place: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ReportView {
    pub people: CountsView,
    pub departments: CountsView,
    pub ties: CountsView,
    pub engagements: CountsView,
    pub rejected: Vec<RejectedView>,
}

impl From<&ImportReport> for ReportView {
    fn from(r: &ImportReport) -> Self {
        let c = |added: usize, updated: usize, unchanged: usize| CountsView {
            added: added as u32,
            updated: updated as u32,
            unchanged: unchanged as u32,
        };
        ReportView {
            people: c(r.people.added, r.people.updated, r.people.unchanged),
            departments: c(
                r.departments.added,
                r.departments.updated,
                r.departments.unchanged,
            ),
            ties: c(r.ties.added, r.ties.updated, r.ties.unchanged),
            engagements: c(
                r.engagements.added,
                r.engagements.updated,
                r.engagements.unchanged,
            ),
            rejected: r.rejected.iter().map(rejected).collect(),
        }
    }
}

fn rejected(r: &Rejected) -> RejectedView {
    RejectedView {
        place: r.place.clone(),
        reason: r.reason.clone(),
    }
}

/// How to read the files: as the importer's options say.
#[derive(Debug, Clone, Copy, Deserialize, Type)]
pub struct ImportRequest {
    /// Read every table as an HR org-chart export.
    pub org_chart: bool,
    /// Import the good rows and list the bad ones, instead of importing nothing.
    pub skip_invalid: bool,
}

impl From<ImportRequest> for ImportOptions {
    fn from(r: ImportRequest) -> Self {
        ImportOptions {
            org_chart: r.org_chart,
            skip_invalid: r.skip_invalid,
        }
    }
}

/// What an import would do: the report, or the message saying why nothing would be imported.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ImportPreview {
    pub report: Option<ReportView>,
    pub error: Option<String>,
    /// Each bad row, when the import would be refused for them.
    pub rejected: Vec<RejectedView>,
}

/// Runs the import on a copy of the open map and throws the copy away: nothing is written to
/// the map itself.
#[tauri::command]
#[specta::specta]
pub async fn import_preview(
    state: AppState,
    paths: Vec<String>,
    request: ImportRequest,
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
        Ok::<_, String>(
            match import::import_files(&mut copy, &paths, &request.into()) {
                Ok(report) => ImportPreview {
                    report: Some((&report).into()),
                    error: None,
                    rejected: Vec::new(),
                },
                Err(e) => ImportPreview {
                    report: None,
                    error: Some(e.to_string()),
                    rejected: match &e {
                        import::ImportError::Invalid(rows) => rows.iter().map(rejected).collect(),
                        _ => Vec::new(),
                    },
                },
            },
        )
    })();
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

/// What an import did, and the map as it now is.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Imported {
    pub report: ReportView,
    pub map: MapView,
}

/// Imports the files into the open map as one undo step.
#[tauri::command]
#[specta::specta]
pub async fn import_files(
    state: AppState,
    paths: Vec<String>,
    request: ImportRequest,
) -> Result<Imported, String> {
    let paths = paths::files_to_import(&paths)?;
    let mut session = state.lock()?;
    let file = session.file_mut()?;
    let report = import::import_files(file, &paths, &request.into()).map_err(|e| e.to_string())?;
    Ok(Imported {
        report: (&report).into(),
        map: MapView::of(file),
    })
}

/// The formats the core exports.
#[derive(Debug, Clone, Copy, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// The project's JSON format, one file.
    Json,
    /// The CSV tables (people, ties, departments, …) into a folder.
    Csv,
    /// The drawing as SVG.
    Svg,
    /// The drawing as PNG.
    Png,
    /// The drawing on a PDF page.
    Pdf,
    /// A slide deck with the drawing, the ranking and the best chains.
    Pptx,
    /// The network for other tools.
    Graphml,
    Gexf,
}

impl ExportFormat {
    /// The extension of the file the format writes; `None` for the CSV tables (a folder).
    pub fn extension(self) -> Option<&'static str> {
        Some(match self {
            ExportFormat::Json => "json",
            ExportFormat::Csv => return None,
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
            ExportFormat::Pdf => "pdf",
            ExportFormat::Pptx => "pptx",
            ExportFormat::Graphml => "graphml",
            ExportFormat::Gexf => "gexf",
        })
    }
}

/// Whether and how an export hides who people are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum RedactChoice {
    /// Names as they are.
    #[default]
    None,
    /// Job titles instead of names.
    Titles,
    /// Initials instead of names.
    Initials,
}

/// The page of a PDF (and the shape of a drawing given no size).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum PageChoice {
    A4,
    Letter,
    /// 16:9, a widescreen slide.
    Widescreen,
}

/// How an export looks, as the Export dialog sets it. Every field may be left out.
#[derive(Debug, Clone, Default, Deserialize, Type)]
#[serde(default)]
pub struct ExportSettings {
    pub redact: RedactChoice,
    /// Pixel size of a PNG (or drawing size of an SVG), both or neither.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// A PNG the size of the page at this resolution, for print.
    pub dpi: Option<f32>,
    /// No background (SVG, PNG, PDF).
    pub transparent: bool,
    pub page: Option<PageChoice>,
    /// Replace the default title (the initiative) and subtitle (the map's name and the date).
    pub title: Option<String>,
    pub subtitle: Option<String>,
    /// A chain of introductions to draw in bold (person rows, first first).
    pub highlight_path: Vec<i64>,
    /// A board of advocates to ring (person rows).
    pub highlight_board: Vec<i64>,
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
        use advocate_core::export::{ExportOptions, Page, Redact};
        let size = match (self.width, self.height) {
            (None, None) => None,
            (Some(w), Some(h)) => Some((w, h)),
            _ => return Err("Give the image both a width and a height, or neither.".into()),
        };
        let people = |ids: &[i64], what: &str| -> Result<Vec<PersonId>, String> {
            ids.iter()
                .map(|id| {
                    map.person(PersonId(*id)).map(|p| p.id).ok_or_else(|| {
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
            redact: match self.redact {
                RedactChoice::None => Redact::None,
                RedactChoice::Titles => Redact::Titles,
                RedactChoice::Initials => Redact::Initials,
            },
            highlight_path: people(&self.highlight_path, "path")?,
            highlight_board: people(&self.highlight_board, "board")?,
            title: text(&self.title),
            subtitle: text(&self.subtitle),
            size,
            dpi: self.dpi,
            transparent: self.transparent,
            page: self.page.map(|p| match p {
                PageChoice::A4 => Page::A4,
                PageChoice::Letter => Page::Letter,
                PageChoice::Widescreen => Page::Widescreen,
            }),
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
/// say; answers with the files written.
#[tauri::command]
#[specta::specta]
pub async fn export_map(
    state: AppState,
    format: ExportFormat,
    path: String,
    settings: Option<ExportSettings>,
) -> Result<Vec<String>, String> {
    use advocate_core::export::{self, Format, SlideExtras};
    let path = paths::export_target(&path, format.extension())?;
    let map = state.lock()?.file()?.map().clone();
    let options = settings.unwrap_or_default().options(&map)?;
    tauri::async_runtime::spawn_blocking(move || {
        let path = path.as_path();
        let drawing = |format: Format| {
            let extras = if matches!(format, Format::Pptx) {
                SlideExtras::for_map(&map, 10)
            } else {
                SlideExtras::default()
            };
            export::export(&map, format, &options, &extras, path)
                .map(|()| vec![path.display().to_string()])
        };
        match format {
            ExportFormat::Json => {
                advocate_core::formats::json::write_json(&map, path, options.redact)
                    .map(|()| vec![path.display().to_string()])
                    .map_err(|e| e.to_string())
            }
            ExportFormat::Csv => advocate_core::formats::csv::write_csv(&map, path, options.redact)
                .map(|files| files.iter().map(|f| f.display().to_string()).collect())
                .map_err(|e| e.to_string()),
            ExportFormat::Svg => drawing(Format::Svg),
            ExportFormat::Png => drawing(Format::Png),
            ExportFormat::Pdf => drawing(Format::Pdf),
            ExportFormat::Pptx => drawing(Format::Pptx),
            ExportFormat::Graphml => drawing(Format::Graphml),
            ExportFormat::Gexf => drawing(Format::Gexf),
        }
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
