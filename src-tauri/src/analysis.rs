//! The analysis commands: each takes a copy of the open map, runs one advocate-core analysis off
//! the UI thread (`spawn_blocking`), reports progress on a channel and can be cancelled with
//! `cancel_analysis`. The answers are the core's records, as the command line's `--json` prints
//! them.

use std::sync::{Arc, Mutex};

use advocate_core::analysis::{
    self, AnalysisError, Progress,
    coalition::{Board, CoalitionQuery},
    grid::{Grid, GridOptions},
    metrics::{Metrics, MetricsOptions},
    paths::{Path, PathQuery},
    rank::{RankQuery, Ranking},
    whatif::{Change, WhatIf},
};
use advocate_core::model::PersonKey;
use advocate_core::{Map, Stance};
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::ipc::Channel;

use crate::commands::AppState;

/// The analysis under way in a window, which `cancel_analysis` stops (each window has its own,
/// given to the command like `AppState`).
#[derive(Default, Clone)]
pub struct Running(pub Arc<Mutex<Option<Arc<Progress>>>>);

/// Work done out of work to do, as the core counts it. A view type because the core reports
/// progress through a callback of two counts, not a record.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type)]
pub struct ProgressView {
    pub done: f64,
    pub total: f64,
}

/// Runs `work` on a copy of the map, off the UI thread, with progress and cancellation.
async fn run<T: Send + 'static>(
    state: &AppState,
    running: &Running,
    on_progress: Channel<ProgressView>,
    work: impl FnOnce(&Map, &Progress) -> Result<T, AnalysisError> + Send + 'static,
) -> Result<T, String> {
    let map = state.lock()?.file()?.map().clone();
    let progress = Arc::new(Progress::with_callback(move |done, total| {
        let _ = on_progress.send(ProgressView {
            done: done as f64,
            total: total as f64,
        });
    }));
    if let Ok(mut slot) = running.0.lock()
        && let Some(previous) = slot.replace(progress.clone())
    {
        previous.cancel();
    }
    let job = progress.clone();
    let result = tauri::async_runtime::spawn_blocking(move || work(&map, &job))
        .await
        .map_err(|e| format!("the analysis stopped unexpectedly: {e}"))?;
    if let Ok(mut slot) = running.0.lock()
        && slot.as_ref().is_some_and(|p| Arc::ptr_eq(p, &progress))
    {
        *slot = None;
    }
    result.map_err(|e| match e {
        AnalysisError::Cancelled => "cancelled".to_string(),
        other => other.to_string(),
    })
}

/// Stops the analysis under way, if any.
#[tauri::command]
#[specta::specta]
pub async fn cancel_analysis(running: Running) -> Result<(), String> {
    if let Some(p) = running.0.lock().map_err(|e| e.to_string())?.take() {
        p.cancel();
    }
    Ok(())
}

/// Who is best placed to speak for us to the goal's audience.
#[tauri::command]
#[specta::specta]
pub async fn rank_advocates(
    state: AppState,
    running: Running,
    top: u32,
    on_progress: Channel<ProgressView>,
) -> Result<Ranking, String> {
    run(&state, &running, on_progress, move |map, progress| {
        let query = RankQuery {
            top: Some(top as usize),
            ..RankQuery::default()
        };
        analysis::rank::rank(map, &query, progress)
    })
    .await
}

/// The most reliable chain of introductions to a person, and alternatives; from the home team
/// unless `from` is given.
#[tauri::command]
#[specta::specta]
pub async fn find_paths(
    state: AppState,
    running: Running,
    from: Option<PersonKey>,
    to: PersonKey,
    alternatives: u32,
    avoid_opposed: bool,
    on_progress: Channel<ProgressView>,
) -> Result<Vec<Path>, String> {
    run(&state, &running, on_progress, move |map, _| {
        let known = |key: &PersonKey| {
            map.id_of(key)
                .map_err(|e| AnalysisError::Missing(e.to_string()))
        };
        let to = known(&to)?;
        let from = from.as_ref().map(known).transpose()?;
        let from = analysis::rank::home_of(map, from.map(|id| vec![id]).as_ref())?;
        let mut query = PathQuery::new(from, to);
        query.alternatives = alternatives as usize;
        query.avoid = avoid_opposed.then_some(Stance::Sceptic);
        analysis::paths::find_paths(map, &query)
    })
    .await
}

/// The board of advocates: `size` people who together reach the audience best. With
/// `include_audience` an audience member may sit on it (to sway the others); `balanced` fills the
/// seats first (our leader, executive sponsor, IT, communications or marketing).
#[tauri::command]
#[specta::specta]
pub async fn choose_board(
    state: AppState,
    running: Running,
    size: u32,
    include_audience: bool,
    balanced: bool,
    on_progress: Channel<ProgressView>,
) -> Result<Board, String> {
    run(&state, &running, on_progress, move |map, progress| {
        let mut query = CoalitionQuery::new(size as usize);
        query.include_audience = include_audience;
        query.balanced = balanced;
        analysis::coalition::coalition(map, &query, progress)
    })
    .await
}

/// Network measures: PageRank (influence), betweenness (brokers), closeness, degrees, communities.
#[tauri::command]
#[specta::specta]
pub async fn network_metrics(
    state: AppState,
    running: Running,
    on_progress: Channel<ProgressView>,
) -> Result<Metrics, String> {
    run(&state, &running, on_progress, move |map, progress| {
        analysis::metrics::metrics(map, &MetricsOptions::default(), progress)
    })
    .await
}

/// Where we stand: the power/interest grid, stance by department and the attention list.
#[tauri::command]
#[specta::specta]
pub async fn where_we_stand(
    state: AppState,
    running: Running,
    on_progress: Channel<ProgressView>,
) -> Result<Grid, String> {
    run(&state, &running, on_progress, move |map, progress| {
        let options = GridOptions::new(analysis::grid::today());
        analysis::grid::grid(map, &options, progress)
    })
    .await
}

/// Which answer a scenario is compared on. An input type because the window asks only the
/// ranking or the board, with the core's default query for each.
#[derive(Debug, Clone, Copy, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum WhatIfQuestion {
    Ranking,
    Board,
}

/// What if: the answer on the map as it is and as it would be after the changes (the map itself
/// is never touched).
#[tauri::command]
#[specta::specta]
pub async fn what_if(
    state: AppState,
    running: Running,
    changes: Vec<Change<PersonKey>>,
    question: WhatIfQuestion,
    board_size: u32,
    on_progress: Channel<ProgressView>,
) -> Result<WhatIf, String> {
    run(&state, &running, on_progress, move |map, progress| {
        use analysis::whatif::Question;
        let question = match question {
            WhatIfQuestion::Ranking => Question::Rank(RankQuery::default()),
            WhatIfQuestion::Board => Question::Coalition(CoalitionQuery::new(board_size as usize)),
        };
        let changes = changes
            .iter()
            .map(|c| c.by_row(map))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| AnalysisError::Missing(e.to_string()))?;
        analysis::whatif::what_if(map, &changes, &question, progress)
    })
    .await
}
