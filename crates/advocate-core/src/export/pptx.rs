//! PPTX placeholder.
use crate::export::{ExportOptions, SlideExtras};
use crate::model::Map;
pub fn render(
    _map: &Map,
    _options: &ExportOptions,
    _extras: &SlideExtras,
) -> Result<Vec<u8>, String> {
    Err("todo".into())
}
