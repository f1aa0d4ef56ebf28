//! The commands the window calls: each takes the session's lock, makes one advocate-core call
//! and answers with the map as it now is ([`MapView`]), or, for an edit, with what it changed
//! ([`Edited`]), or a readable message. No rule lives here: validation, undo and saving are the
//! core's.

use std::path::Path;

use advocate_core::data::{DepartmentData, PersonData, TieData};
use advocate_core::model::{Node, PersonKey};
use advocate_core::store::{PeoplePatch, PersonPatch, TiePatch};
use advocate_core::views::ViewLayout;
use advocate_core::{Group, Position, TieId};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::paths;
use crate::session::OpenError;
use crate::view::{Edited, EngagementInput, MapView};
pub use crate::windows::AppState;

/// Runs one edit on the open map and answers with what it changed.
pub(crate) fn edit(
    state: &AppState,
    f: impl FnOnce(&mut advocate_core::MapFile) -> Result<(), advocate_core::Error>,
) -> Result<Edited, String> {
    let mut session = state.lock()?;
    let reread = std::mem::take(&mut session.reread);
    let file = session.file_mut()?;
    f(file).map_err(|e| e.to_string())?;
    Ok(if reread {
        Edited::Whole {
            map: Box::new(MapView::of(file)),
        }
    } else {
        Edited::of(file)
    })
}

/// An encrypted map waiting for its passphrase: what the window's prompt shows.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Locked {
    /// The map's file, to send back to `open_map` with the passphrase.
    pub path: String,
    /// Its file name, as the user sees it in their folder.
    pub name: String,
    /// Whether a passphrase was tried and did not open it (or none was typed).
    pub retry: bool,
    /// What the prompt says: what is asked, or why the last try failed.
    pub message: String,
}

impl Locked {
    pub(crate) fn new(path: &Path, tried: Option<&str>) -> Locked {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let message = match tried {
            None => format!("{name} is encrypted. Type its passphrase to open it."),
            Some("") => format!("Type the passphrase of {name} to open it."),
            Some(_) => format!(
                "That passphrase does not open {name}. Check it and try again (passphrases are case-sensitive); the file was not changed."
            ),
        };
        Locked {
            path: path.display().to_string(),
            name,
            retry: tried.is_some(),
            message,
        }
    }
}

/// What the window shows at start: the open map, a problem met opening it, and the encrypted
/// map that waits for its passphrase, if any.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Startup {
    pub map: Option<MapView>,
    pub notice: Option<String>,
    pub locked: Option<Locked>,
}

/// The open map, any notice from start-up (given once), and the encrypted map to unlock.
#[tauri::command]
#[specta::specta]
pub async fn start(state: AppState) -> Result<Startup, String> {
    let mut session = state.lock()?;
    let notice = session.notice.take();
    session.reread = false;
    Ok(Startup {
        map: session.file.as_ref().map(MapView::of),
        notice,
        locked: session.locked.as_deref().map(|p| Locked::new(p, None)),
    })
}

/// The open map.
#[tauri::command]
#[specta::specta]
pub async fn get_map(state: AppState) -> Result<MapView, String> {
    let session = state.lock()?;
    Ok(MapView::of(session.file()?))
}

/// What opening a map came to.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Opened {
    /// The map is open.
    Open { map: Box<MapView> },
    /// The map is encrypted and the passphrase was missing or wrong: ask for it and call
    /// `open_map` again. The map that was open stays open, and the file was not changed.
    NeedsPassphrase { locked: Locked },
}

/// Opens a map file: an encrypted one with its passphrase, else the answer asks for it.
#[tauri::command]
#[specta::specta]
pub async fn open_map(
    state: AppState,
    path: String,
    passphrase: Option<String>,
) -> Result<Opened, String> {
    let path = paths::map_to_open(&path)?;
    let tried = passphrase.as_deref();
    let mut session = state.lock()?;
    match session.open(&path, tried.filter(|p| !p.is_empty())) {
        Ok(()) => Ok(Opened::Open {
            map: Box::new(MapView::of(session.file()?)),
        }),
        Err(OpenError::NeedsPassphrase | OpenError::WrongPassphrase) => {
            Ok(Opened::NeedsPassphrase {
                locked: Locked::new(&path, tried),
            })
        }
        Err(OpenError::Failed(message)) => Err(message),
    }
}

/// Creates a new, empty map and opens it.
#[tauri::command]
#[specta::specta]
pub async fn new_map(state: AppState, path: String, name: String) -> Result<MapView, String> {
    let path = paths::map_to_write(&path)?;
    let mut session = state.lock()?;
    session.create(&path, &name)?;
    Ok(MapView::of(session.file()?))
}

/// Writes a copy of the map to `path` and carries on editing the copy (encrypted with the same
/// passphrase when the map is).
#[tauri::command]
#[specta::specta]
pub async fn save_map_as(state: AppState, path: String) -> Result<MapView, String> {
    let path = paths::map_to_write(&path)?;
    let mut session = state.lock()?;
    session.save_as(&path)?;
    Ok(MapView::of(session.file()?))
}

/// A change to the open map's passphrase. Passphrase-bearing: no `Debug`, so that it cannot
/// end up in a log.
#[derive(Clone, Deserialize, Type)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum PassphraseChange {
    /// Encrypt the map with a passphrase, or change the one it has: typed twice, the same.
    Set {
        passphrase: String,
        repeated: String,
    },
    /// Store the map unencrypted again, once the user has confirmed it.
    Remove { confirmed: bool },
}

/// Adds, changes or removes the open map's passphrase. The file is rewritten through a copy
/// that replaces it whole, so a failure leaves it as it was; the map stays open either way.
#[tauri::command]
#[specta::specta]
pub async fn change_passphrase(
    state: AppState,
    change: PassphraseChange,
) -> Result<MapView, String> {
    let mut session = state.lock()?;
    let file = session.file_mut()?;
    let new = match &change {
        PassphraseChange::Set {
            passphrase,
            repeated,
        } => {
            advocate_core::store::check_repeated_passphrase(passphrase, repeated)
                .map_err(|e| e.to_string())?;
            Some(passphrase.as_str())
        }
        PassphraseChange::Remove { confirmed } => {
            if !file.is_encrypted() {
                return Err("This map has no passphrase to remove.".into());
            }
            if !confirmed {
                return Err("Removing the passphrase stores the map unencrypted: confirm it to go on. Nothing was changed.".into());
            }
            None
        }
    };
    file.set_passphrase(new).map_err(|e| e.to_string())?;
    Ok(MapView::of(file))
}

/// The maps opened lately, most recent first.
#[tauri::command]
#[specta::specta]
pub async fn recent_maps(state: AppState) -> Result<Vec<String>, String> {
    Ok(state.lock()?.settings.recent.clone())
}

#[tauri::command]
#[specta::specta]
pub async fn rename_map(state: AppState, name: String) -> Result<Edited, String> {
    edit(&state, |f| f.rename(&name))
}

#[tauri::command]
#[specta::specta]
pub async fn add_person(state: AppState, person: PersonData) -> Result<Edited, String> {
    edit(&state, |f| f.add_person(&person).map(|_| ()))
}

#[tauri::command]
#[specta::specta]
pub async fn edit_person(
    state: AppState,
    key: PersonKey,
    patch: PersonPatch,
) -> Result<Edited, String> {
    edit(&state, |f| {
        let id = f.map().id_of(&key)?;
        f.edit_person(id, &patch)
    })
}

/// Changes the stance, department or tags of several people as one step.
#[tauri::command]
#[specta::specta]
pub async fn edit_people(
    state: AppState,
    keys: Vec<PersonKey>,
    patch: PeoplePatch,
) -> Result<Edited, String> {
    edit(&state, |f| {
        let ids = f.map().ids_of(&keys)?;
        f.edit_people(&ids, &patch)
    })
}

/// Removes people, with their ties and engagement logs (one step each: several people answer
/// with the whole map, as the latest step's change is only the last person's).
#[tauri::command]
#[specta::specta]
pub async fn remove_people(state: AppState, keys: Vec<PersonKey>) -> Result<Edited, String> {
    let mut session = state.lock()?;
    let reread = std::mem::take(&mut session.reread);
    let file = session.file_mut()?;
    let ids = file.map().ids_of(&keys).map_err(|e| e.to_string())?;
    for id in &ids {
        file.remove_person(*id).map_err(|e| e.to_string())?;
    }
    Ok(if ids.len() == 1 && !reread {
        Edited::of(file)
    } else {
        Edited::Whole {
            map: Box::new(MapView::of(file)),
        }
    })
}

/// The kind a new tie from `from` to `to` is offered with (the core's rule: the default kind, or
/// the first the pair lacks); `None` when they are linked in every kind.
#[tauri::command]
#[specta::specta]
pub async fn new_tie_kind(
    state: AppState,
    from: PersonKey,
    to: PersonKey,
) -> Result<Option<String>, String> {
    let session = state.lock()?;
    let map = session.file()?.map();
    let (a, b) = (
        map.id_of(&from).map_err(|e| e.to_string())?,
        map.id_of(&to).map_err(|e| e.to_string())?,
    );
    Ok(map.kind_for_new_tie(a, b))
}

/// Adds a tie "from sways to" (refused when the two are tied already).
#[tauri::command]
#[specta::specta]
pub async fn add_tie(state: AppState, tie: TieData) -> Result<Edited, String> {
    edit(&state, |f| f.add_tie(&tie).map(|_| ()))
}

/// Changes a tie's kind, strength or notes; its strength stays unless a new one is given.
#[tauri::command]
#[specta::specta]
pub async fn edit_tie(state: AppState, id: TieId, patch: TiePatch) -> Result<Edited, String> {
    edit(&state, |f| f.edit_tie(id, &patch))
}

#[tauri::command]
#[specta::specta]
pub async fn remove_tie(state: AppState, id: TieId) -> Result<Edited, String> {
    edit(&state, |f| f.remove_tie(id))
}

/// Adds a department, or changes the one of that name.
#[tauri::command]
#[specta::specta]
pub async fn put_department(state: AppState, department: DepartmentData) -> Result<Edited, String> {
    edit(&state, |f| f.put_department(&department).map(|_| ()))
}

#[tauri::command]
#[specta::specta]
pub async fn rename_department(
    state: AppState,
    id: advocate_core::DepartmentId,
    name: String,
) -> Result<Edited, String> {
    edit(&state, |f| f.rename_department(id, &name))
}

#[tauri::command]
#[specta::specta]
pub async fn remove_department(
    state: AppState,
    id: advocate_core::DepartmentId,
) -> Result<Edited, String> {
    edit(&state, |f| f.remove_department(id))
}

/// Logs an engagement; a recorded stance change becomes the person's stance.
#[tauri::command]
#[specta::specta]
pub async fn log_engagement(
    state: AppState,
    engagement: EngagementInput,
) -> Result<Edited, String> {
    edit(&state, |f| {
        let person = f.map().id_of(&engagement.person)?;
        f.log_engagement(
            person,
            &engagement.date,
            &engagement.action,
            &engagement.summary,
            engagement.stance_after,
        )
        .map(|_| ())
    })
}

/// The moves with each node named by its row, as the core's edits take them.
fn by_rows(
    map: &advocate_core::Map,
    moves: &[(Node<PersonKey>, Position)],
) -> Result<Vec<(Node, Position)>, advocate_core::Error> {
    moves
        .iter()
        .map(|(node, at)| Ok((node.by_row(map)?, *at)))
        .collect()
}

/// Saves where nodes sit on the drawing, as one step.
#[tauri::command]
#[specta::specta]
pub async fn set_positions(
    state: AppState,
    moves: Vec<(Node<PersonKey>, Position)>,
) -> Result<Edited, String> {
    edit(&state, |f| f.set_positions(&by_rows(f.map(), &moves)?))
}

/// Saves where a layout put everyone, as one step that knows its layout (so that undoing it
/// says which layout the places are in again).
#[tauri::command]
#[specta::specta]
pub async fn lay_out(
    state: AppState,
    layout: ViewLayout,
    moves: Vec<(Node<PersonKey>, Position)>,
) -> Result<Edited, String> {
    edit(&state, |f| f.lay_out(layout, &by_rows(f.map(), &moves)?))
}

/// Sets the initiative and its audience.
#[tauri::command]
#[specta::specta]
pub async fn set_goal(
    state: AppState,
    initiative: String,
    audience: Group<PersonKey>,
) -> Result<Edited, String> {
    edit(&state, |f| {
        let audience = audience.by_row(f.map())?;
        f.set_goal(Some(&initiative), Some(&audience))
    })
}

/// Sets who "we" are on this map.
#[tauri::command]
#[specta::specta]
pub async fn set_home(state: AppState, home: Group<PersonKey>) -> Result<Edited, String> {
    edit(&state, |f| {
        let home = home.by_row(f.map())?;
        f.set_home(&home)
    })
}

/// Takes back the latest edit (nothing happens when there is none).
#[tauri::command]
#[specta::specta]
pub async fn undo(state: AppState) -> Result<Edited, String> {
    edit(&state, |f| f.undo().map(|_| ()))
}

/// Replays the latest undone edit (nothing happens when there is none).
#[tauri::command]
#[specta::specta]
pub async fn redo(state: AppState) -> Result<Edited, String> {
    edit(&state, |f| f.redo().map(|_| ()))
}
