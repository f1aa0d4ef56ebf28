//! The PDF export: the SVG drawing converted to a vector PDF page (A4, Letter or 16:9, landscape)
//! with svg2pdf; the labels stay selectable, searchable text with the fonts embedded.

use crate::export::drawing;
use crate::export::{ExportOptions, Page};
use crate::model::Map;

/// The PDF of a map, one page; A4 unless the options name another page.
pub fn render(map: &Map, options: &ExportOptions) -> Result<Vec<u8>, String> {
    let page = options.page.unwrap_or(Page::A4);
    let paged = ExportOptions {
        size: None,
        page: Some(page),
        ..options.clone()
    };
    let scene = drawing::scene(map, &paged);
    let (w, h) = page.points();
    let svg = crate::export::svg::write_scene(&scene, w, h);
    let tree = crate::export::png::tree(&svg)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions { dpi: 72.0 },
    )
    .map_err(|e| format!("cannot write the PDF: {e}"))
}
