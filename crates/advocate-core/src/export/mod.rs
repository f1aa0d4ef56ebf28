//! Exporting a map for sponsors, steering groups and other tools: the drawing formats (SVG, PNG,
//! PDF), a slide deck (PPTX) and the graph formats (GraphML, GEXF), whose writers live with their
//! readers in [`crate::formats`] (as do the JSON and CSV writers).
//!
//! Every drawing format starts from one [`drawing::Scene`] computed from the map's stored layout,
//! so a person, their stance colour and their ties look the same in every format. The options
//! ([`ExportOptions`]) say how big, which page, what to highlight, and whether names are redacted.

pub mod chart;
pub mod drawing;
pub mod pdf;
pub mod png;
pub mod pptx;
pub mod svg;

use std::path::Path;

use crate::model::{Map, PersonId};

/// Every format a map is exported in: the drawings, the deck, the graph formats, and the
/// project's own JSON and CSV tables (their writers live in [`crate::formats`]). In JSON, its
/// lower-case name (`"svg"`, `"csv"`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Format {
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
    /// The project's JSON format, one file.
    Json,
    /// The CSV tables (people, ties, departments, …), into a folder.
    Csv,
}

/// How many advocates a deck's ranking slide shows.
pub const DECK_ADVOCATES: usize = 10;
/// How many people the deck's board of advocates has (as the app's Board tab starts with).
pub const DECK_BOARD: usize = 5;

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Svg,
        Format::Png,
        Format::Pdf,
        Format::Pptx,
        Format::Graphml,
        Format::Gexf,
        Format::Json,
        Format::Csv,
    ];

    /// Reads a format as a user names it: `svg`, `png`, `pdf`, `pptx`, `graphml`, `gexf`, `json`
    /// or `csv` (any case, a leading dot allowed).
    pub fn from_name(name: &str) -> Result<Format, String> {
        let n = name.trim().trim_start_matches('.').to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.name() == n)
            .ok_or_else(|| {
                format!(
                    "unknown export format {name:?}: expected one of svg, png, pdf, pptx, graphml, gexf, json, csv"
                )
            })
    }

    /// The format a file name's extension names, if any; a folder that exists, without an
    /// extension, takes the CSV tables.
    pub fn from_extension(path: &Path) -> Option<Format> {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) => Format::from_name(ext).ok(),
            None => path.is_dir().then_some(Format::Csv),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Pptx => "pptx",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }

    /// The extension of the one file the format writes; `None` for the CSV tables, which go
    /// into a folder.
    pub fn extension(self) -> Option<&'static str> {
        match self {
            Format::Csv => None,
            other => Some(other.name()),
        }
    }
}

/// What replaces people's names in an export shown outside the team. In JSON: `"none"`,
/// `"titles"`, `"initials"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Redact {
    /// Names as they are.
    #[default]
    None,
    /// Each person's job title (or "Person N" when they have none).
    Titles,
    /// Each person's initials.
    Initials,
}

impl Redact {
    pub fn from_name(name: &str) -> Result<Redact, String> {
        match name.trim().to_ascii_lowercase().as_str() {
            "none" | "" => Ok(Redact::None),
            "titles" | "title" => Ok(Redact::Titles),
            "initials" => Ok(Redact::Initials),
            _ => Err(format!(
                "unknown redaction {name:?}: expected titles or initials"
            )),
        }
    }
    pub fn is_on(self) -> bool {
        self != Redact::None
    }
}

/// A page for PDF (and the aspect of the other drawings when no size is given). Always landscape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Page {
    A4,
    Letter,
    /// 16:9, the size of a widescreen slide (13.333 × 7.5 in).
    #[default]
    Widescreen,
}

impl Page {
    pub fn from_name(name: &str) -> Result<Page, String> {
        match name.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Page::A4),
            "letter" => Ok(Page::Letter),
            "16:9" | "widescreen" | "wide" | "16x9" => Ok(Page::Widescreen),
            _ => Err(format!(
                "unknown page {name:?}: expected a4, letter or 16:9"
            )),
        }
    }

    /// Width and height in points (1/72 in), landscape.
    pub fn points(self) -> (f64, f64) {
        match self {
            Page::A4 => (841.89, 595.28),
            Page::Letter => (792.0, 612.0),
            Page::Widescreen => (960.0, 540.0),
        }
    }

    /// Width and height in inches, landscape.
    pub fn inches(self) -> (f64, f64) {
        let (w, h) = self.points();
        (w / 72.0, h / 72.0)
    }
}

/// How an export looks. The default is a full, unredacted drawing without highlights.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExportOptions {
    pub redact: Redact,
    /// A chain of introductions to draw in bold, first person first.
    pub highlight_path: Vec<PersonId>,
    /// A board of advocates to ring.
    pub highlight_board: Vec<PersonId>,
    /// People to show unfaded while everyone else fades (a saved view's stances).
    pub highlight_people: Vec<PersonId>,
    /// Replaces the default title (the goal's initiative, else the map's name).
    pub title: Option<String>,
    /// Replaces the default subtitle (the map's name and today's date).
    pub subtitle: Option<String>,
    /// Pixel size (PNG) or drawing size (SVG); PDF uses `page`.
    pub size: Option<(u32, u32)>,
    /// For PNG without a size: the page's size at this resolution.
    pub dpi: Option<f32>,
    /// No background fill (SVG, PNG, PDF).
    pub transparent: bool,
    /// The page of a PDF, and the aspect of a drawing without a size. Default 16:9.
    pub page: Option<Page>,
    /// A score per person (such as influence) that sizes the nodes instead of power.
    pub influence: Option<std::collections::HashMap<PersonId, f64>>,
    /// Draw only this part of the layout (what the window shows), not the whole map.
    pub view: Option<View>,
}

/// The largest side of an image, in pixels.
pub const MAX_PIXELS: u32 = 20_000;
/// The highest print resolution, in dots per inch.
pub const MAX_DPI: f32 = 2400.0;

/// Whether an image can be `w` × `h` pixels, or why not.
pub fn check_size(w: u32, h: u32) -> Result<(), String> {
    if (1..=MAX_PIXELS).contains(&w) && (1..=MAX_PIXELS).contains(&h) {
        Ok(())
    } else {
        Err(format!(
            "{w} × {h} pixels is not a size an image can have: give each side from 1 to {MAX_PIXELS}"
        ))
    }
}

impl ExportOptions {
    /// Whether these options can be drawn: a size with each side from 1 to [`MAX_PIXELS`], a
    /// resolution from 1 to [`MAX_DPI`] dots per inch. The command line and the app both ask.
    pub fn check(&self) -> Result<(), String> {
        if let Some((w, h)) = self.size {
            check_size(w, h)?;
        }
        if let Some(dpi) = self.dpi
            && !(1.0..=MAX_DPI).contains(&dpi)
        {
            return Err(format!(
                "{dpi} dots per inch is not a resolution to print at: choose from 1 to {MAX_DPI}"
            ));
        }
        Ok(())
    }
}

/// A rectangle of the layout, in the map's coordinates (y downwards, as stored): the part of the
/// map a window shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl View {
    /// The rectangle with its corners in order, or why it is not one.
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Result<View, String> {
        if ![x0, y0, x1, y1].iter().all(|v| v.is_finite()) || x0 == x1 || y0 == y1 {
            return Err(format!(
                "the view {x0},{y0} to {x1},{y1} is not a rectangle: give two opposite corners"
            ));
        }
        Ok(View {
            x0: x0.min(x1),
            y0: y0.min(y1),
            x1: x0.max(x1),
            y1: y0.max(y1),
        })
    }

    pub fn contains(&self, (x, y): (f64, f64)) -> bool {
        (self.x0..=self.x1).contains(&x) && (self.y0..=self.y1).contains(&y)
    }
}

/// One row of the advocates ranking, as the analysis computed it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RankRow {
    pub name: String,
    pub title: String,
    pub score: f64,
    pub access: f64,
    pub willingness: f64,
    pub carry: f64,
}

/// The best path from the home team to one decision-maker.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PathRow {
    pub to_name: String,
    /// The chain of introductions, home team first, the decision-maker last.
    pub people_names: Vec<String>,
    /// The product of the strengths along the path.
    pub reliability: f64,
}

/// The analysis results a slide deck shows after the map.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SlideExtras {
    pub ranking: Vec<RankRow>,
    pub paths: Vec<PathRow>,
    /// The board of advocates, shown on its own slide; none: no Board slide.
    pub board: Option<crate::analysis::coalition::Board>,
    /// The open actions by owner, for the Plan slide; `None`: the map has no plan, no slide.
    pub plan: Option<Vec<crate::campaign::plan::OwnerActions>>,
    /// The progress chart, for the Progress slide; `None`: no stance was logged, no slide.
    pub progress: Option<chart::Chart>,
}

impl SlideExtras {
    /// The analysis a deck shows: the best `top` advocates for the goal's audience, and the best
    /// chain from the home team to each decision-maker in it (those the home team cannot reach
    /// are left out), and the board of [`DECK_BOARD`] advocates (default choice: reach first,
    /// nobody from the audience). Empty when the map has no home team or no audience yet.
    pub fn for_map(map: &Map, top: usize) -> SlideExtras {
        use crate::analysis::{Csr, Progress, paths, rank};
        let csr = Csr::from_map(map);
        let query = rank::RankQuery {
            top: Some(top),
            ..rank::RankQuery::default()
        };
        let ranking = rank::rank_in(map, &csr, &query, &Progress::new())
            .map(|r| {
                r.advocates
                    .into_iter()
                    .map(|a| RankRow {
                        title: map
                            .person_by_key(&a.id)
                            .map(|p| p.title.clone())
                            .unwrap_or_default(),
                        name: a.name,
                        score: a.score,
                        access: a.access,
                        willingness: a.willingness,
                        carry: a.carry,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let home = map.members(&map.home);
        let paths = map
            .audience()
            .into_iter()
            .filter_map(|to| {
                let query = paths::PathQuery {
                    from: home.clone(),
                    to,
                    alternatives: 0,
                    avoid: None,
                    via: None,
                };
                let best = paths::find_paths_in(map, &csr, &query)
                    .ok()?
                    .into_iter()
                    .next()?;
                Some(PathRow {
                    to_name: map.person(to)?.name.clone(),
                    people_names: best.names,
                    reliability: best.reliability,
                })
            })
            .collect();
        let board = crate::analysis::coalition::coalition_in(
            map,
            &csr,
            &crate::analysis::coalition::CoalitionQuery::new(DECK_BOARD),
            &Progress::new(),
        )
        .ok();
        let today = crate::store::today();
        SlideExtras {
            ranking,
            paths,
            board,
            ..SlideExtras::campaign(map, &today)
        }
    }

    /// The campaign's slides `today`: the Plan when the map has actions, the Progress chart
    /// when its log records a stance.
    pub fn campaign(map: &Map, today: &str) -> SlideExtras {
        let plan = (!map.campaign.actions.is_empty())
            .then(|| crate::campaign::plan::open_by_owner(map, &map.campaign, today));
        let progress = map
            .engagements()
            .any(|e| e.stance_after.is_some())
            .then(|| chart::progress_chart(map, None, today).ok())
            .flatten();
        SlideExtras {
            plan,
            progress,
            ..SlideExtras::default()
        }
    }
}

/// Renders a map in one format, in memory. The CSV tables are several files: [`write`] them.
pub fn render(
    map: &Map,
    format: Format,
    options: &ExportOptions,
    extras: &SlideExtras,
) -> Result<Vec<u8>, String> {
    Ok(match format {
        Format::Svg => svg::render(map, options).into_bytes(),
        Format::Png => png::render(map, options)?,
        Format::Pdf => pdf::render(map, options)?,
        Format::Pptx => pptx::render(map, options, extras)?,
        Format::Graphml => crate::formats::graphml::write(map, options).into_bytes(),
        Format::Gexf => crate::formats::gexf::write(map, options).into_bytes(),
        Format::Json => {
            let mut text = crate::formats::redacted(map, options.redact).to_json();
            text.push('\n');
            text.into_bytes()
        }
        Format::Csv => {
            return Err("the CSV tables are several files: write them into a folder".to_string());
        }
    })
}

/// Exports a map in any format to `path` (a folder for the CSV tables, created if need be), as
/// the command line and the app both do; answers with the files written. A deck shows the
/// ranking of the best [`DECK_ADVOCATES`] advocates, the best chain to each decision-maker and
/// the board of [`DECK_BOARD`] advocates.
/// Each file is written whole or not at all.
pub fn write(
    map: &Map,
    format: Format,
    options: &ExportOptions,
    path: &Path,
) -> Result<Vec<std::path::PathBuf>, String> {
    match format {
        Format::Csv => {
            crate::formats::csv::write_csv(map, path, options.redact).map_err(|e| e.to_string())
        }
        Format::Json => crate::formats::json::write_json(map, path, options.redact)
            .map(|()| vec![path.to_path_buf()])
            .map_err(|e| e.to_string()),
        Format::Pptx => export(
            map,
            format,
            options,
            &SlideExtras::for_map(map, DECK_ADVOCATES),
            path,
        )
        .map(|()| vec![path.to_path_buf()]),
        _ => export(map, format, options, &SlideExtras::default(), path)
            .map(|()| vec![path.to_path_buf()]),
    }
}

/// Writes a map to `path` in one format. The file is written whole or not at all.
pub fn export(
    map: &Map,
    format: Format,
    options: &ExportOptions,
    extras: &SlideExtras,
    path: &Path,
) -> Result<(), String> {
    let bytes = render(map, format, options, extras)?;
    write_whole(path, &bytes)
}

/// Writes `bytes` to `path` through a file beside it, so the file is whole or not there.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let shown = path.display();
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let tmp = path.with_file_name(format!(".{file_name}.partial"));
    std::fs::write(&tmp, bytes).map_err(|e| format!("cannot write {shown}: {e}"))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write {shown}: {e}")
    })
}
