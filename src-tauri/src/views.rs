//! The saved views commands the Views tab and Present mode call: the sequence, saving the
//! window's view (its region, layout and highlight), renaming, moving and removing one, and
//! what a view shows today (the path, board or people its highlight picks out, worked out by
//! the core as the deck does). Each is one advocate-core call; views are named by key, people
//! by key.

use advocate_core::model::PersonKey;
use advocate_core::store::{ViewDraft, ViewPatch};
use advocate_core::views::{Highlight, Region, SavedView, Shown, ViewLayout, resolve};

use crate::commands::{AppState, edit};
use crate::view::Edited;

/// The saved views, in the order they are presented, people by key.
#[tauri::command]
#[specta::specta]
pub async fn saved_views(state: AppState) -> Result<Vec<SavedView<PersonKey>>, String> {
    let session = state.lock()?;
    let map = session.file()?.map();
    Ok(map.views.iter().map(|v| v.keyed(map)).collect())
}

/// Saves the window's view at the end of the sequence: `region` in map coordinates (none: the
/// whole map), the layout shown and the highlight.
#[tauri::command]
#[specta::specta]
pub async fn save_view(
    state: AppState,
    caption: String,
    layout: ViewLayout,
    region: Option<Region>,
    highlight: Highlight<PersonKey>,
) -> Result<Edited, String> {
    edit(&state, |f| {
        let highlight = highlight.by_row(f.map())?;
        f.add_view(&ViewDraft {
            key: None,
            caption,
            layout,
            region,
            highlight,
        })
        .map(|_| ())
    })
}

/// Renames a view.
#[tauri::command]
#[specta::specta]
pub async fn rename_view(state: AppState, key: String, caption: String) -> Result<Edited, String> {
    edit(&state, |f| {
        f.edit_view(
            &key,
            &ViewPatch {
                caption: Some(caption),
                ..ViewPatch::default()
            },
        )
    })
}

/// Moves a view to place `to` (from 1) in the sequence.
#[tauri::command]
#[specta::specta]
pub async fn move_view(state: AppState, key: String, to: u32) -> Result<Edited, String> {
    edit(&state, |f| f.move_view(&key, to as usize))
}

/// Removes a view.
#[tauri::command]
#[specta::specta]
pub async fn remove_view(state: AppState, key: String) -> Result<Edited, String> {
    edit(&state, |f| f.remove_view(&key))
}

/// What the view shows on the map today: the view, and the chain, board or people its
/// highlight picks out, with a sentence saying so. Worked out on a copy of the map, off the
/// window's thread (a board samples the network).
#[tauri::command]
#[specta::specta]
pub async fn show_view(state: AppState, key: String) -> Result<Shown, String> {
    let (map, view) = {
        let session = state.lock()?;
        let file = session.file()?;
        let view = file.find_view(&key).map_err(|e| e.to_string())?;
        (file.map().clone(), view)
    };
    tauri::async_runtime::spawn_blocking(move || {
        Ok(resolve(&map, &view.highlight).keyed(&map, &view))
    })
    .await
    .map_err(|e| format!("the view stopped unexpectedly: {e}"))?
}
