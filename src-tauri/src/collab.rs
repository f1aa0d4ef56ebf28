//! Working together from the window: the user's name (the author of their edits), the history
//! of who changed what, merging a colleague's copy with its conflicts decided in the window, and
//! the map's shared folder with "Sync now". Every rule (what a conflict is, how a decision is
//! applied, what a sync reads and writes) is advocate-core's; the window decides, this passes on.

use advocate_core::model::PersonKey;
use advocate_core::store::{Decisions, HistoryEntry, MergeReport, SyncReport};
use serde::Serialize;
use specta::Type;

use crate::commands::{AppState, Locked};
use crate::paths;
use crate::view::MapView;
use crate::windows::AllSessions;

/// The longest name the app keeps for the user (the core's limit on a person's name).
const MAX_AUTHOR: usize = advocate_core::store::MAX_NAME;

/// What the window shows of working together on the open map. A view type because the user's
/// name and the shared folder are the app's settings, not the map's.
#[derive(Debug, Clone, Serialize, Type)]
pub struct CollabSettings {
    /// The user's name; `None` until they were asked (then the window asks, once).
    pub author: Option<String>,
    /// The open map's shared folder, if one is set.
    pub shared_folder: Option<String>,
}

fn settings_of(state: &AppState) -> Result<CollabSettings, String> {
    let session = state.lock()?;
    Ok(CollabSettings {
        author: session.settings.author.clone(),
        shared_folder: session.shared_folder(),
    })
}

/// The user's name and the open map's shared folder.
#[tauri::command]
#[specta::specta]
pub async fn collab_settings(state: AppState) -> Result<CollabSettings, String> {
    settings_of(&state)
}

/// Keeps the user's name in the settings and makes it the author of every window's edits from
/// now on. An empty name is kept too: the user was asked and chose to leave it blank.
#[tauri::command]
#[specta::specta]
pub async fn set_author(
    state: AppState,
    all: AllSessions,
    name: String,
) -> Result<CollabSettings, String> {
    let name = name.trim().to_string();
    if name.chars().count() > MAX_AUTHOR {
        return Err(format!(
            "Your name is {} characters long; Advocate keeps names of up to {MAX_AUTHOR}.",
            name.chars().count()
        ));
    }
    if name.chars().any(char::is_control) {
        return Err("Your name holds a line break or a tab: type it on one line.".into());
    }
    state
        .lock()?
        .update_settings(|s| s.author = Some(name.clone()));
    for session in all.0 {
        let mut session = session.lock()?;
        session.settings.author = Some(name.clone());
        if let Some(file) = session.file.as_mut() {
            file.set_author(&name);
        }
    }
    settings_of(&state)
}

/// Sets (or, with `None`, forgets) the folder the open map syncs through.
#[tauri::command]
#[specta::specta]
pub async fn set_shared_folder(
    state: AppState,
    folder: Option<String>,
) -> Result<CollabSettings, String> {
    let folder = match folder.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(paths::shared_folder(raw)?.display().to_string()),
    };
    {
        let mut session = state.lock()?;
        let key = session
            .map_key()
            .ok_or_else(|| "no map is open: use New or Open".to_string())?;
        session.update_settings(|s| match folder {
            Some(f) => {
                s.shared_folders.insert(key, f);
            }
            None => {
                s.shared_folders.remove(&key);
            }
        });
    }
    settings_of(&state)
}

/// Who changed what and when in the open map, newest first; with `person`, only what concerns
/// them (the core's history, as `advocate history` tells it).
#[tauri::command]
#[specta::specta]
pub async fn history(
    state: AppState,
    person: Option<PersonKey>,
) -> Result<Vec<HistoryEntry>, String> {
    let session = state.lock()?;
    let file = session.file()?;
    let person = person
        .map(|key| file.map().id_of(&key))
        .transpose()
        .map_err(|e| e.to_string())?;
    file.history(person).map_err(|e| e.to_string())
}

/// What merging a copy came to.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Merged {
    /// The copy is encrypted and the passphrase was missing or wrong: ask for it and merge
    /// again. Nothing was changed.
    NeedsPassphrase { locked: Locked },
    /// Conflicts wait for a decision: show them, and merge again with the decisions. Nothing
    /// was changed.
    Conflicts { report: MergeReport },
    /// The copy's edits are in (one undo step), with the conflicts as they were decided.
    Merged {
        report: MergeReport,
        map: Box<MapView>,
    },
}

/// Merges a colleague's copy of the open map. Without a passphrase, an encrypted copy is tried
/// with the open map's own (copies often share it).
#[tauri::command]
#[specta::specta]
pub async fn merge_copy(
    state: AppState,
    path: String,
    passphrase: Option<String>,
    decisions: Decisions,
) -> Result<Merged, String> {
    let path = paths::copy_to_merge(&path)?;
    let typed = passphrase.filter(|p| !p.is_empty());
    let mut session = state.lock()?;
    let file = session.file_mut()?;
    let tried = typed
        .clone()
        .or_else(|| file.passphrase().map(str::to_string));
    match file.merge_file_deciding(&path, tried.as_deref(), &decisions) {
        Ok(report) if report.merged => Ok(Merged::Merged {
            report,
            map: Box::new(MapView::of(file)),
        }),
        Ok(report) => Ok(Merged::Conflicts { report }),
        Err(advocate_core::Error::Encrypted { .. }) => Ok(Merged::NeedsPassphrase {
            locked: Locked::new(&path, None),
        }),
        Err(advocate_core::Error::WrongPassphrase { .. }) => Ok(Merged::NeedsPassphrase {
            locked: Locked::new(&path, typed.as_deref()),
        }),
        Err(e) => Err(e.to_string()),
    }
}

/// What a sync came to: the report (what came in, what went out, the files skipped and why)
/// and, when edits came in, the map as it now is. When `report.merge.merged` is false,
/// conflicts wait for a decision and nothing came in.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Synced {
    pub report: SyncReport,
    pub map: Option<MapView>,
}

/// Exchanges edits with the open map's shared folder.
#[tauri::command]
#[specta::specta]
pub async fn sync_now(state: AppState, decisions: Decisions) -> Result<Synced, String> {
    let mut session = state.lock()?;
    let folder = session.shared_folder().ok_or_else(|| {
        "No shared folder is set for this map: choose one with Shared folder… first.".to_string()
    })?;
    let folder = paths::shared_folder(&folder)?;
    let file = session.file_mut()?;
    let report = file
        .sync_deciding(&folder, &decisions)
        .map_err(|e| e.to_string())?;
    let map = (report.merge.merged && report.merge.edits > 0).then(|| MapView::of(file));
    Ok(Synced { report, map })
}
