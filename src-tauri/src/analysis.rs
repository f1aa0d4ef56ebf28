//! The analysis commands: each takes a copy of the open map, runs one advocate-core analysis off
//! the UI thread (`spawn_blocking`), reports progress on a channel and can be cancelled with
//! `cancel_analysis`. The answers are the core's, in typed records for the window.

use std::sync::{Arc, Mutex};

use advocate_core::analysis::{
    self, AnalysisError, Progress, coalition::CoalitionQuery, grid::GridOptions,
    metrics::MetricsOptions, paths::PathQuery, rank::RankQuery,
};
use advocate_core::{Map, PersonId, Stance};
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::ipc::Channel;

use crate::commands::AppState;
use crate::view::StanceView;

/// The analysis under way in a window, which `cancel_analysis` stops (each window has its own,
/// given to the command like `AppState`).
#[derive(Default, Clone)]
pub struct Running(pub Arc<Mutex<Option<Arc<Progress>>>>);

/// Work done out of work to do, as the core counts it.
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

/// A chain of introductions to one audience member.
#[derive(Debug, Clone, Serialize, Type)]
pub struct AudiencePathView {
    pub to: String,
    /// People's ids (keys), in order.
    pub path: Vec<String>,
    pub reliability: f64,
}

/// One advocate and the parts of their score.
#[derive(Debug, Clone, Serialize, Type)]
pub struct AdvocateView {
    /// The person's id (key).
    pub id: String,
    pub name: String,
    pub stance: StanceView,
    pub score: f64,
    /// Can we reach them: the reliability of the best chain from the home team.
    pub access: f64,
    /// Will they speak for us: from their stance.
    pub willingness: f64,
    /// Does their word carry to the audience.
    pub carry: f64,
    pub access_path: Vec<String>,
    pub audience_paths: Vec<AudiencePathView>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct RankingView {
    pub audience: Vec<String>,
    pub advocates: Vec<AdvocateView>,
    pub to_win_over: Vec<AdvocateView>,
}

fn advocate(a: &analysis::rank::Advocate) -> AdvocateView {
    AdvocateView {
        id: a.id.clone(),
        name: a.name.clone(),
        stance: a.stance.into(),
        score: a.score,
        access: a.access,
        willingness: a.willingness,
        carry: a.carry,
        access_path: a.access_path.clone(),
        audience_paths: a
            .audience_paths
            .iter()
            .map(|p| AudiencePathView {
                to: p.to.clone(),
                path: p.path.clone(),
                reliability: p.reliability,
            })
            .collect(),
    }
}

/// Who is best placed to speak for us to the goal's audience.
#[tauri::command]
#[specta::specta]
pub async fn rank_advocates(
    state: AppState,
    running: Running,
    top: u32,
    on_progress: Channel<ProgressView>,
) -> Result<RankingView, String> {
    run(&state, &running, on_progress, move |map, progress| {
        let query = RankQuery {
            top: Some(top as usize),
            ..RankQuery::default()
        };
        analysis::rank::rank(map, &query, progress).map(|r| RankingView {
            audience: r.audience.clone(),
            advocates: r.advocates.iter().map(advocate).collect(),
            to_win_over: r.to_win_over.iter().map(advocate).collect(),
        })
    })
    .await
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct StepView {
    pub from: String,
    pub to: String,
    pub kind: String,
    pub strength: f64,
}

/// A chain of introductions: people's ids (keys) in order, and its reliability (the product of
/// the strengths along it).
#[derive(Debug, Clone, Serialize, Type)]
pub struct PathView {
    pub people: Vec<String>,
    pub names: Vec<String>,
    pub reliability: f64,
    pub steps: Vec<StepView>,
}

/// The most reliable chain of introductions to a person, and alternatives.
#[tauri::command]
#[specta::specta]
pub async fn find_paths(
    state: AppState,
    running: Running,
    from: Option<i64>,
    to: i64,
    alternatives: u32,
    avoid_opposed: bool,
    on_progress: Channel<ProgressView>,
) -> Result<Vec<PathView>, String> {
    run(&state, &running, on_progress, move |map, _| {
        let from = match from {
            Some(id) => vec![PersonId(id)],
            None => map.members(&map.home),
        };
        if from.is_empty() {
            return Err(AnalysisError::Missing(
                "the map has no home team: pick who the chains start from".into(),
            ));
        }
        let mut query = PathQuery::new(from, PersonId(to));
        query.alternatives = alternatives as usize;
        query.avoid = avoid_opposed.then_some(Stance::Sceptic);
        analysis::paths::find_paths(map, &query).map(|paths| {
            paths
                .iter()
                .map(|p| PathView {
                    people: p.people.clone(),
                    names: p.names.clone(),
                    reliability: p.reliability,
                    steps: p
                        .steps
                        .iter()
                        .map(|s| StepView {
                            from: s.from.clone(),
                            to: s.to.clone(),
                            kind: s.kind.clone(),
                            strength: s.strength,
                        })
                        .collect(),
                })
                .collect()
        })
    })
    .await
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct BoardMemberView {
    pub id: String,
    pub name: String,
    /// The share of the audience this person adds to the board chosen before them.
    pub marginal_gain: f64,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct BoardView {
    pub board: Vec<BoardMemberView>,
    /// The expected share (0-1) of the audience the board sways.
    pub expected_reach: f64,
    pub expected_people: f64,
    pub standard_error: f64,
    pub audience: Vec<String>,
}

/// The board of advocates: `size` people who together reach the audience best.
#[tauri::command]
#[specta::specta]
pub async fn choose_board(
    state: AppState,
    running: Running,
    size: u32,
    on_progress: Channel<ProgressView>,
) -> Result<BoardView, String> {
    run(&state, &running, on_progress, move |map, progress| {
        let query = CoalitionQuery::new(size as usize);
        analysis::coalition::coalition(map, &query, progress).map(|b| BoardView {
            board: b
                .board
                .iter()
                .map(|m| BoardMemberView {
                    id: m.id.clone(),
                    name: m.name.clone(),
                    marginal_gain: m.marginal_gain,
                })
                .collect(),
            expected_reach: b.expected_reach,
            expected_people: b.expected_people,
            standard_error: b.standard_error,
            audience: b.audience.clone(),
        })
    })
    .await
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct PersonMetricsView {
    pub id: String,
    pub name: String,
    pub pagerank: f64,
    pub betweenness: f64,
    pub closeness: f64,
    pub eigenvector: Option<f64>,
    pub in_degree: f64,
    pub out_degree: f64,
    pub community: u32,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct MetricsView {
    pub people: Vec<PersonMetricsView>,
    pub modularity: f64,
    pub communities: u32,
    /// Whether betweenness and closeness were estimated from a sample (big maps).
    pub sampled: bool,
}

/// Network measures: PageRank (influence), betweenness (brokers), closeness, degrees, communities.
#[tauri::command]
#[specta::specta]
pub async fn network_metrics(
    state: AppState,
    running: Running,
    on_progress: Channel<ProgressView>,
) -> Result<MetricsView, String> {
    run(&state, &running, on_progress, move |map, progress| {
        analysis::metrics::metrics(map, &MetricsOptions::default(), progress).map(|m| MetricsView {
            people: m
                .people
                .iter()
                .map(|p| PersonMetricsView {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    pagerank: p.pagerank,
                    betweenness: p.betweenness,
                    closeness: p.closeness,
                    eigenvector: p.eigenvector,
                    in_degree: p.in_degree,
                    out_degree: p.out_degree,
                    community: p.community as u32,
                })
                .collect(),
            modularity: m.modularity,
            communities: m.communities as u32,
            sampled: m.sample.is_some(),
        })
    })
    .await
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct GridPersonView {
    pub id: String,
    pub name: String,
    pub power: u8,
    pub interest: u8,
    /// Manage closely, keep satisfied, keep informed or monitor.
    pub quadrant: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct DepartmentStandView {
    pub department: String,
    pub supporters: u32,
    pub neutrals: u32,
    pub opponents: u32,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct AttentionView {
    pub id: String,
    pub name: String,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct StandView {
    pub people: Vec<GridPersonView>,
    pub departments: Vec<DepartmentStandView>,
    pub attention: Vec<AttentionView>,
}

/// Where we stand: the power/interest grid, stance by department and the attention list.
#[tauri::command]
#[specta::specta]
pub async fn where_we_stand(
    state: AppState,
    running: Running,
    on_progress: Channel<ProgressView>,
) -> Result<StandView, String> {
    run(&state, &running, on_progress, move |map, progress| {
        let options = GridOptions::new(analysis::grid::today());
        analysis::grid::grid(map, &options, progress).map(|g| StandView {
            people: g
                .people
                .iter()
                .map(|p| GridPersonView {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    power: p.power,
                    interest: p.interest,
                    quadrant: p.quadrant.label().to_string(),
                })
                .collect(),
            departments: g
                .departments
                .iter()
                .map(|d| DepartmentStandView {
                    department: d.department.clone(),
                    supporters: d.supporters as u32,
                    neutrals: d.neutrals as u32,
                    opponents: d.opponents as u32,
                })
                .collect(),
            attention: g
                .attention
                .iter()
                .map(|a| AttentionView {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    reasons: a.reasons.clone(),
                })
                .collect(),
        })
    })
    .await
}

/// One change of a what-if scenario; people by row.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ChangeInput {
    /// The person leaves, with their ties.
    Leaves { person: i64 },
    /// The person's stance becomes this.
    Stance { person: i64, stance: StanceView },
    /// A tie `from → to` with this strength is made (or its strength changed).
    Tie { from: i64, to: i64, strength: f64 },
}

impl From<&ChangeInput> for analysis::whatif::Change {
    fn from(c: &ChangeInput) -> Self {
        use analysis::whatif::Change;
        match c {
            ChangeInput::Leaves { person } => Change::Remove(PersonId(*person)),
            ChangeInput::Stance { person, stance } => {
                Change::Stance(PersonId(*person), (*stance).into())
            }
            ChangeInput::Tie { from, to, strength } => Change::Tie {
                from: PersonId(*from),
                to: PersonId(*to),
                strength: *strength,
            },
        }
    }
}

/// Which answer a scenario is compared on.
#[derive(Debug, Clone, Copy, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum WhatIfQuestion {
    Ranking,
    Board,
}

/// The scenario as the core describes it, and how the answer changes, in its words.
#[derive(Debug, Clone, Serialize, Type)]
pub struct WhatIfView {
    pub changes: Vec<String>,
    pub summary: Vec<String>,
}

/// What if: the answer on the map as it is and as it would be after the changes (the map itself
/// is never touched).
#[tauri::command]
#[specta::specta]
pub async fn what_if(
    state: AppState,
    running: Running,
    changes: Vec<ChangeInput>,
    question: WhatIfQuestion,
    board_size: u32,
    on_progress: Channel<ProgressView>,
) -> Result<WhatIfView, String> {
    run(&state, &running, on_progress, move |map, progress| {
        use analysis::whatif::{Change, Question};
        let changes: Vec<Change> = changes.iter().map(Into::into).collect();
        let question = match question {
            WhatIfQuestion::Ranking => Question::Rank(RankQuery::default()),
            WhatIfQuestion::Board => Question::Coalition(CoalitionQuery::new(board_size as usize)),
        };
        analysis::whatif::what_if(map, &changes, &question, progress).map(|w| WhatIfView {
            changes: w.changes.clone(),
            summary: w.summary.clone(),
        })
    })
    .await
}
