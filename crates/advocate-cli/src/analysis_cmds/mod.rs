//! The analysis commands: rank, path, coalition, metrics, grid and whatif. Each parses its
//! arguments into a question for advocate-core's analysis (`args`) and renders the answer as text
//! (`text`) or JSON; the map file is opened by the caller (`MAP` is flattened in by main.rs).

mod args;
#[cfg(test)]
mod tests;
mod text;

use anyhow::{Context, Result, anyhow};
use clap::Parser;

use advocate_core::Map;
use advocate_core::analysis::Progress;
use advocate_core::analysis::coalition::coalition;
use advocate_core::analysis::grid::{GridOptions, grid, today};
use advocate_core::analysis::metrics::{MetricsOptions, metrics};
use advocate_core::analysis::paths::find_paths;
use advocate_core::analysis::rank::rank_in;
use advocate_core::analysis::whatif::{Question, what_if};

pub use args::{CoalitionArgs, GridArgs, MetricsArgs, PathArgs, RankArgs, WhatifArgs};
use args::{QuestionArgs, WhatifQuestion, changes, coalition_query, path_query, rank_query};
pub(crate) use text::chain;
use text::{board_text, grid_text, metrics_text, outcome_text, path_text, rank_text};

/// How far a long answer has got, on the terminal: a line on stderr (when it is a terminal)
/// once the work has run a second, redrawn a few times a second and cleared by [`Watched`]'s
/// drop. A ranking for a whole division (one search per audience member) can take a minute on a
/// 100 000-person map; a shell script piping the answer sees nothing of it.
struct Watched {
    progress: Progress,
    drawn: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Watched {
    fn new(what: &'static str) -> Watched {
        use std::io::IsTerminal;
        use std::sync::atomic::Ordering;
        use std::time::{Duration, Instant};
        let drawn = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        if !std::io::stderr().is_terminal() {
            return Watched {
                progress: Progress::new(),
                drawn,
            };
        }
        let start = Instant::now();
        let last = std::sync::Mutex::new(Duration::ZERO);
        let shown = drawn.clone();
        let progress = Progress::with_callback(move |done, total| {
            let now = start.elapsed();
            let Ok(mut last) = last.try_lock() else {
                return;
            };
            if now < Duration::from_secs(1) || now - *last < Duration::from_millis(250) {
                return;
            }
            *last = now;
            shown.store(true, Ordering::Relaxed);
            eprint!("\r{what}: {done} of {total} searches done…");
        });
        Watched { progress, drawn }
    }
}

impl Drop for Watched {
    fn drop(&mut self) {
        if self.drawn.load(std::sync::atomic::Ordering::Relaxed) {
            eprint!("\r\x1b[K");
        }
    }
}

fn json<T: advocate_core::analysis::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value).context("writing JSON")
}

#[cfg(test)]
pub fn run_rank(map: &Map, args: &RankArgs) -> Result<String> {
    run_rank_in(map, &advocate_core::analysis::Csr::from_map(map), args)
}

/// `rank` on a snapshot of the map's network already built (the map itself may hold no ties:
/// see `MapFile::read_network`).
pub fn run_rank_in(
    map: &Map,
    csr: &advocate_core::analysis::Csr,
    args: &RankArgs,
) -> Result<String> {
    let watched = Watched::new("ranking");
    let r = rank_in(map, csr, &rank_query(map, args)?, &watched.progress)?;
    drop(watched);
    if args.json {
        json(&r)
    } else {
        Ok(rank_text(map, &r))
    }
}

pub fn run_path(map: &Map, args: &PathArgs) -> Result<String> {
    let paths = find_paths(map, &path_query(map, args)?)?;
    if args.json {
        json(&paths)
    } else {
        Ok(path_text(map, &paths))
    }
}

pub fn run_coalition(map: &Map, args: &CoalitionArgs) -> Result<String> {
    let b = coalition(map, &coalition_query(map, args)?, &Progress::new())?;
    if args.json {
        json(&b)
    } else {
        Ok(board_text(map, &b))
    }
}

pub fn run_metrics(map: &Map, args: &MetricsArgs) -> Result<String> {
    let m = metrics(map, &MetricsOptions::default(), &Progress::new())?;
    if args.json {
        json(&m)
    } else {
        Ok(metrics_text(map, &m))
    }
}

pub fn run_grid(map: &Map, args: &GridArgs) -> Result<String> {
    let day = args.today.clone().unwrap_or_else(today);
    let g = grid(map, &GridOptions::new(day), &Progress::new())?;
    if args.json {
        json(&g)
    } else {
        Ok(grid_text(map, &g))
    }
}

pub fn run_whatif(map: &Map, args: &WhatifArgs) -> Result<String> {
    let q = WhatifQuestion::try_parse_from(&args.question)
        .map_err(|e| anyhow!("after --: {}", e.to_string().trim()))?;
    let changes = changes(map, args)?;
    let (question, json_out) = match &q.question {
        QuestionArgs::Rank(r) => (Question::Rank(rank_query(map, r)?), r.json),
        QuestionArgs::Path(p) => (Question::Path(path_query(map, p)?), p.json),
        QuestionArgs::Coalition(c) => (Question::Coalition(coalition_query(map, c)?), c.json),
    };
    let w = what_if(map, &changes, &question, &Progress::new())?;
    // Names in the "after" answer as the changed map has them.
    let after = advocate_core::analysis::whatif::apply(map, &changes)?;
    if args.json || json_out {
        return json(&w);
    }
    Ok(format!(
        "What if: {}\n\nBefore:\n{}\n\nAfter:\n{}\n\nWhat changed:\n{}",
        w.changes.join("; "),
        outcome_text(map, &w.before),
        outcome_text(&after, &w.after),
        w.summary
            .iter()
            .map(|l| format!("  {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    ))
}
