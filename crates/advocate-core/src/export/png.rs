//! The PNG export: the SVG drawing rasterised with resvg at a chosen pixel size or resolution,
//! optionally on a transparent background. Also owns the font set every rendered export (PNG,
//! PDF) loads once: the system's fonts, DejaVu Sans first.

use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
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
        // Map each font file once and keep it: otherwise every label maps and parses its font
        // file again, which dominates the time of drawing a large map.
        let ids: Vec<_> = db.faces().map(|f| f.id).collect();
        for id in ids {
            // SAFETY: the mapping is of a system font file, read only; the same mapping is what
            // usvg makes for each text without this. A font file changed on disk while we draw
            // could be seen half-changed, as it could without this.
            let _ = unsafe { db.make_shared_face_data(id) };
        }
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
    rasterise(&svg, w, h, options.transparent)
}

/// Draws an SVG of ours as a `w` × `h` PNG, on white unless `transparent`.
pub fn rasterise(svg: &str, w: u32, h: u32, transparent: bool) -> Result<Vec<u8>, String> {
    if u64::from(w) * u64::from(h) > 400_000_000 {
        return Err(format!(
            "{w}x{h} is too large for a PNG; choose a size under 20000x20000"
        ));
    }
    let tree = tree(svg)?;
    let size = tree.size();
    let (sx, sy) = (w as f32 / size.width(), h as f32 / size.height());
    // Large images are drawn in horizontal bands in parallel, then joined row by row.
    let bands = if h >= 1000 {
        (rayon::current_num_threads() as u32).clamp(1, 8)
    } else {
        1
    };
    let band_h = h.div_ceil(bands);
    let parts: Vec<Option<tiny_skia::Pixmap>> = (0..bands)
        .into_par_iter()
        .map(|i| {
            let y0 = i * band_h;
            let bh = band_h.min(h.saturating_sub(y0));
            let mut pixmap = tiny_skia::Pixmap::new(w, bh.max(1))?;
            if !transparent {
                pixmap.fill(tiny_skia::Color::WHITE);
            }
            let transform =
                tiny_skia::Transform::from_scale(sx, sy).post_translate(0.0, -(y0 as f32));
            resvg::render(&tree, transform, &mut pixmap.as_mut());
            Some(pixmap)
        })
        .collect();
    let mut pixels: Vec<tiny_skia::PremultipliedColorU8> = Vec::with_capacity((w * h) as usize);
    for part in parts {
        let part = part.ok_or_else(|| format!("cannot make a {w}x{h} image"))?;
        pixels.extend_from_slice(part.pixels());
    }
    pixels.truncate((w * h) as usize);
    encode(&pixels, w, h, transparent)
}

/// Encodes with fast compression (a 4K map in a fraction of the default's time), as RGB when
/// the background is opaque.
fn encode(
    pixels: &[tiny_skia::PremultipliedColorU8],
    w: u32,
    h: u32,
    transparent: bool,
) -> Result<Vec<u8>, String> {
    let data: Vec<u8> = if transparent {
        pixels
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect()
    } else {
        pixels
            .iter()
            .flat_map(|p| [p.red(), p.green(), p.blue()])
            .collect()
    };
    let mut out = Vec::with_capacity(data.len() / 8);
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(if transparent {
            png::ColorType::Rgba
        } else {
            png::ColorType::Rgb
        });
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Fast);
        let mut writer = encoder
            .write_header()
            .map_err(|e| format!("cannot encode the PNG: {e}"))?;
        writer
            .write_image_data(&data)
            .map_err(|e| format!("cannot encode the PNG: {e}"))?;
    }
    Ok(out)
}
