//! The campaign commands the Plan tab calls: the plan (next steps, actions, gaps, targets),
//! accepting or dismissing a suggestion, marking an action done (with the log entry it produced)
//! or dropped, a person's target, the progress chart and the map as of a date, and the chart's
//! and the calendar's exports. Each is one advocate-core call; actions and people are named by
//! key. "Today" is the core's.

use advocate_core::analysis::Progress;
use advocate_core::campaign::next::Suggestion;
use advocate_core::campaign::plan::{self, AsOfMap, Plan};
use advocate_core::export::{Format, chart};
use advocate_core::model::PersonKey;
use advocate_core::store::Outcome;
use advocate_core::{Error, MapFile, Stance};

use crate::commands::{AppState, edit};
use crate::files::ExportSettings;
use crate::paths;
use crate::view::Edited;

fn today() -> String {
    advocate_core::store::today()
}

/// The step with this key among those suggested `today` (not a planned or dismissed one), as
/// the command line's `accept` and `dismiss` find it.
fn suggested(f: &MapFile, key: &str, today: &str) -> Result<Suggestion, Error> {
    let steps = plan::current_steps(f.map(), f.campaign(), today, false, &Progress::new())
        .map_err(|e| Error::Invalid(e.to_string()))?;
    plan::find_suggestion(steps, key).map_err(Error::Invalid)
}

/// The plan as of today: suggested next steps (dismissed and planned ones marked), the
/// actions as a to-do list, everyone below target and the targets set. Worked out on a copy of
/// the map, off the window's thread.
#[tauri::command]
#[specta::specta]
pub async fn campaign_plan(state: AppState) -> Result<Plan, String> {
    let map = state.lock()?.file()?.map().clone();
    tauri::async_runtime::spawn_blocking(move || {
        plan::plan(&map, &map.campaign, &today(), &Progress::new()).map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| format!("the plan stopped unexpectedly: {e}"))?
}

/// Accepts a suggested step: an open action, owned by `owner`, due on `due` (default: two weeks
/// from today).
#[tauri::command]
#[specta::specta]
pub async fn accept_suggestion(
    state: AppState,
    key: String,
    owner: String,
    due: Option<String>,
) -> Result<Edited, String> {
    let day = today();
    let due = match due.filter(|d| !d.trim().is_empty()) {
        Some(d) => d,
        None => plan::default_due(&day)?,
    };
    edit(&state, |f| {
        let s = suggested(f, &key, &day)?;
        f.accept_suggestion(&s, &owner, Some(&due), &day)
            .map(|_| ())
    })
}

/// Dismisses a suggestion with why: it stays quiet until its inputs change.
#[tauri::command]
#[specta::specta]
pub async fn dismiss_suggestion(
    state: AppState,
    key: String,
    reason: String,
) -> Result<Edited, String> {
    let day = today();
    edit(&state, |f| {
        let s = suggested(f, &key, &day)?;
        f.dismiss_suggestion(&s, &reason, &day)
    })
}

/// Marks an open action done with the engagement entry it produced (its stance becomes the
/// person's), linked to it, as one undo step.
#[tauri::command]
#[specta::specta]
pub async fn complete_action(
    state: AppState,
    key: String,
    outcome: Outcome,
) -> Result<Edited, String> {
    edit(&state, |f| {
        let id = f.find_action_by_key(&key)?;
        f.complete_action(id, &outcome).map(|_| ())
    })
}

/// Drops an open action (it stays in the plan's history).
#[tauri::command]
#[specta::specta]
pub async fn drop_action(state: AppState, key: String) -> Result<Edited, String> {
    let day = today();
    edit(&state, |f| {
        let id = f.find_action_by_key(&key)?;
        f.drop_action(id, &day)
    })
}

/// Sets where we need a person (by key); `None` clears their own target.
#[tauri::command]
#[specta::specta]
pub async fn set_target(
    state: AppState,
    person: PersonKey,
    target: Option<Stance>,
) -> Result<Edited, String> {
    edit(&state, |f| {
        let id = f.map().id_of(&person)?;
        f.set_target(id, target)
    })
}

/// The progress chart as SVG (the same drawing as the export and the deck), from `since` (a
/// month or date; default: the log's first stance) to today.
#[tauri::command]
#[specta::specta]
pub async fn progress_chart(state: AppState, since: Option<String>) -> Result<String, String> {
    let session = state.lock()?;
    let map = session.file()?.map();
    let c = chart::progress_chart(map, since.as_deref().filter(|s| !s.is_empty()), &today())?;
    Ok(chart::svg(&c, chart::WIDTH, chart::HEIGHT, true, false))
}

/// The map at the end of `date`: everyone's stance then (those who changed since first), and
/// the ties made, removed or changed since.
#[tauri::command]
#[specta::specta]
pub async fn map_as_of(state: AppState, date: String) -> Result<AsOfMap, String> {
    let session = state.lock()?;
    session
        .file()?
        .as_of(&date, &today())
        .map_err(|e| e.to_string())
}

/// Exports the progress chart as SVG, PNG or PDF, as `advocate export --chart` does.
#[tauri::command]
#[specta::specta]
pub async fn export_chart(
    state: AppState,
    format: Format,
    path: String,
    since: Option<String>,
    settings: Option<ExportSettings>,
) -> Result<String, String> {
    let path = paths::export_target(&path, format.extension())?;
    let map = state.lock()?.file()?.map().clone();
    let options = settings.unwrap_or_default().options(&map)?;
    tauri::async_runtime::spawn_blocking(move || {
        chart::write(
            &map,
            format,
            &options,
            since.as_deref().filter(|s| !s.is_empty()),
            &today(),
            &path,
        )
        .map(|()| path.display().to_string())
    })
    .await
    .map_err(|e| format!("the export stopped unexpectedly: {e}"))?
}

/// Writes the open actions with a due date as a calendar (iCalendar) that Outlook, Google
/// Calendar and Thunderbird import; answers with how many events it holds.
#[tauri::command]
#[specta::specta]
pub async fn export_calendar(state: AppState, path: String) -> Result<u32, String> {
    let path = paths::export_target(&path, Some("ics"))?;
    let session = state.lock()?;
    advocate_core::campaign::ics::write_file(session.file()?.map(), &path, false).map(|n| n as u32)
}
