//! The saved views' slides: one per view of the map's sequence, after the other slides, each
//! the map slide's drawing cropped to the view's region with its highlight, and its caption as
//! the title. What a highlight picks out comes from [`crate::views::resolve`], as in the app's
//! Present mode, so a slide and the app show the same people.

use crate::export::{ExportOptions, drawing};
use crate::model::Map;
use crate::views::{Highlight, export_options};

use super::slides::map_slide;

/// Each view's slide and its speaker notes, in sequence order. A redacted deck titles them
/// "View N" and says only what kind of highlight they show: a caption is free text, and a
/// path's or a board's description names people.
pub(super) fn view_slides(map: &Map, wide: &ExportOptions) -> Vec<(String, Vec<String>)> {
    let n = map.views.len();
    map.views
        .iter()
        .map(|view| {
            let mut options = export_options(map, view, wide);
            let note = options.subtitle.clone().unwrap_or_default();
            if wide.redact.is_on() {
                options.title = Some(format!("View {} of {n}", view.position));
                options.subtitle = Some(
                    match &view.highlight {
                        Highlight::None => "",
                        Highlight::Path { .. } => "The best chain of introductions, in bold",
                        Highlight::Board { .. } => "The board of advocates, ringed",
                        Highlight::Stances { .. } => "The people of the stances shown; the rest faded",
                    }
                    .to_string(),
                );
            }
            let scene = drawing::scene(map, &options);
            let mut notes = vec![format!(
                "Saved view {} of {n}: {}.",
                view.position,
                view.title()
            )];
            if !note.is_empty() {
                notes.push(format!("{note}."));
            }
            notes.push(match view.region {
                Some(_) => format!(
                    "The slide shows the part of the map saved with the view ({} of the {} people), as Present mode in Advocate shows it.",
                    scene.people.len(),
                    map.people().len()
                ),
                None => "The slide shows the whole map, as Present mode in Advocate shows it.".into(),
            });
            (map_slide(&scene), notes)
        })
        .collect()
}
