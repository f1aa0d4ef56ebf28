//! The project's own JSON format: writing a whole map (or its redacted form) and reading it back
//! into [`MapData`], with a message naming the line and column of a mistake. Export then import
//! gives back the same map.

use std::path::Path;

use super::{ExportError, redacted, write_atomically};
use crate::data::{FORMAT, FORMAT_VERSION, MapData};
use crate::export::Redact;
use crate::model::Map;

/// Writes the map as the project's JSON format, replacing `path` whole or not at all; with a
/// redaction, the [`redacted`] map.
pub fn write_json(map: &Map, path: &Path, redact: Redact) -> Result<(), ExportError> {
    let mut text = redacted(map, redact).to_json();
    text.push('\n');
    write_atomically(path, text.as_bytes())
}

impl MapData {
    /// Reads the JSON format, with a message naming the line and column of a mistake.
    pub fn from_json(text: &str, file: &str) -> Result<MapData, String> {
        let data: MapData =
            serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
                // serde_json ends its message with the place, which this message starts with.
                let what = e.to_string();
                let what = what
                    .split(" at line ")
                    .next()
                    .unwrap_or_default()
                    .to_string();
                format!("{file} line {} column {}: {what}", e.line(), e.column())
            })?;
        if data.format != FORMAT {
            return Err(format!(
                "{file}: the \"format\" field is {:?}, expected {FORMAT:?}",
                data.format
            ));
        }
        if data.version > FORMAT_VERSION {
            return Err(format!(
                "{file} is version {} of the Advocate JSON format; this Advocate reads up to version {FORMAT_VERSION}",
                data.version
            ));
        }
        Ok(data)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }
}
