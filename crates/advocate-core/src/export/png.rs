//! The PNG export: the SVG drawing rasterised with resvg at a chosen pixel size or resolution,
//! optionally on a transparent background. Also owns the font set every rendered export (PNG,
//! PDF) loads once: the system's fonts, DejaVu Sans first.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::export::drawing;
use crate::export::{ExportOptions, Page};
use crate::model::Map;

/// The pixel size of a PNG: the options' size, else the page (16:9 by default) at the options'
/// dpi, else 1920 × 1080.
pub fn pixel_size(options: &ExportOptions) -> (u32, u32) {
    if let Some((w, h)) = options.size.filter(|(w, h)| *w > 0 && *h > 0) {
        return (w, h);
    }
    match options.dpi.filter(|d| *d > 0.0) {
        Some(dpi) => {
            let (w, h) = options.page.unwrap_or(Page::Widescreen).inches();
            (
                (w * dpi as f64).round().max(1.0) as u32,
                (h * dpi as f64).round().max(1.0) as u32,
            )
        }
        None => (1920, 1080),
    }
}

/// The system's fonts, loaded once per process.
pub(crate) fn fonts() -> Result<Arc<usvg::fontdb::Database>, String> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    let db = FONTS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_system_fonts();
        db.set_sans_serif_family("DejaVu Sans");
        Arc::new(db)
    });
    if db.is_empty() {
        return Err(
            "no fonts found on this system to draw the labels with; install DejaVu Sans (Debian: fonts-dejavu-core) and, for Chinese, Japanese and Korean names, Noto Sans CJK (fonts-noto-cjk)"
                .into(),
        );
    }
    Ok(db.clone())
}

/// Parses an SVG of ours into a usvg tree with the system fonts.
pub(crate) fn tree(svg: &str) -> Result<usvg::Tree, String> {
    let options = usvg::Options {
        font_family: "DejaVu Sans".into(),
        fontdb: fonts()?,
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| format!("cannot draw the map: {e}"))
}

/// The PNG of a map.
pub fn render(map: &Map, options: &ExportOptions) -> Result<Vec<u8>, String> {
    let (w, h) = pixel_size(options);
    if u64::from(w) * u64::from(h) > 400_000_000 {
        return Err(format!(
            "{w}x{h} is too large for a PNG; choose a size under 20000x20000"
        ));
    }
    let sized = ExportOptions {
        size: Some((w, h)),
        ..options.clone()
    };
    let scene = drawing::scene(map, &sized);
    let svg = crate::export::svg::write_scene(&scene, w as f64, h as f64);
    let tree = tree(&svg)?;
    let mut pixmap =
        tiny_skia::Pixmap::new(w, h).ok_or_else(|| format!("cannot make a {w}x{h} image"))?;
    if !options.transparent {
        pixmap.fill(tiny_skia::Color::WHITE);
    }
    let size = tree.size();
    let transform =
        tiny_skia::Transform::from_scale(w as f32 / size.width(), h as f32 / size.height());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the PNG: {e}"))
}
