//! `advocate`: the command line over advocate-core. It parses arguments, calls the core and
//! prints; every decision is in the core. Each command that prints results takes `--json`.
//! Failures print one line on stderr and exit with a non-zero code.

mod analysis_cmds;
mod campaign_cmds;
mod collab_cmds;
mod edit_cmds;
mod export_cmd;
mod file_cmds;
mod secret;
mod show;
mod views_cmds;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use advocate_core::store::journal::Direction;

/// Large imports and maps allocate millions of small strings; mimalloc does that several times
/// faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use advocate_core::{MapFile, MergeMode};

/// What `advocate --version` prints after the name: the version and the formats this build
/// writes (the map file's, upgraded from older files when opened, and the JSON export's).
static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "{} (map file format {}, JSON format {})",
        env!("CARGO_PKG_VERSION"),
        advocate_core::store::SCHEMA_VERSION,
        advocate_core::data::FORMAT_VERSION
    )
});

#[derive(Parser)]
#[command(
    name = "advocate",
    version = VERSION.as_str(),
    about = "Map stakeholder influence: who speaks for L&D, the best path to a decision-maker, the board of advocates",
    long_about = None
)]
struct Cli {
    /// Read the passphrase of an encrypted map from this file (else ADVOCATE_PASSPHRASE, else a prompt)
    #[arg(long, global = true, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
    /// Who makes the edits, for the map's history (else ADVOCATE_AUTHOR)
    #[arg(long, global = true, value_name = "NAME")]
    author: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new, empty map file
    New {
        /// The map file to create (e.g. rollout.advocate)
        map: PathBuf,
        /// The map's name (default: the file's name)
        #[arg(long)]
        name: Option<String>,
        /// The home team: the department that is "us" (usually L&D); created if missing
        #[arg(long)]
        home: Option<String>,
    },
    /// Write the bundled demo map: an L&D team rolling out mobile learning
    Demo {
        /// The map file to create
        map: PathBuf,
    },
    /// Write a synthetic organisation for scale tests (about five ties a person)
    Generate(file_cmds::GenerateArgs),
    /// Import people, ties, departments, engagements or an org chart (CSV, TSV, XLSX, JSON)
    Import(file_cmds::ImportArgs),
    /// Export the map: svg, png, pdf, pptx (slides), graphml, gexf, json (the project's own format), csv (a folder of the import tables) or ics (open actions in a calendar)
    Export {
        map: PathBuf,
        #[command(flatten)]
        args: export_cmd::ExportArgs,
    },
    /// Who is best placed to speak on our behalf to the audience, with the reasons
    Rank {
        map: PathBuf,
        #[command(flatten)]
        args: analysis_cmds::RankArgs,
    },
    /// The most reliable chain of introductions to a person, with alternatives
    Path {
        map: PathBuf,
        #[command(flatten)]
        args: analysis_cmds::PathArgs,
    },
    /// The board of advocates: K people who together sway the audience best
    Coalition {
        map: PathBuf,
        #[command(flatten)]
        args: analysis_cmds::CoalitionArgs,
    },
    /// Network measures: influence (PageRank and eigenvector against the ties), reach (closeness), broker (betweenness), swayed by (PageRank along the ties), degrees, communities
    Metrics {
        map: PathBuf,
        #[command(flatten)]
        args: analysis_cmds::MetricsArgs,
    },
    /// Where we stand: power/interest grid, stance by department, who needs attention
    Grid {
        map: PathBuf,
        #[command(flatten)]
        args: analysis_cmds::GridArgs,
    },
    /// What if someone leaves, changes stance or a tie is made: answers before and after
    Whatif {
        map: PathBuf,
        #[command(flatten)]
        args: analysis_cmds::WhatifArgs,
    },
    /// Show a map's summary: counts by department and stance, the home team, the goal
    Show {
        map: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Add, edit or remove a person
    Person {
        #[command(subcommand)]
        action: edit_cmds::PersonAction,
    },
    /// Add, edit or remove an influence tie ("A sways B")
    Tie {
        #[command(subcommand)]
        action: edit_cmds::TieAction,
    },
    /// Add, edit or remove a department
    Department {
        #[command(subcommand)]
        action: edit_cmds::DepartmentAction,
    },
    /// The engagement log: dated interactions with a person
    Log {
        #[command(subcommand)]
        action: edit_cmds::LogAction,
    },
    /// Set where we need a person (target stance; "none" clears it)
    Target(campaign_cmds::TargetArgs),
    /// Who is below target, ordered by power × gap
    Gaps(campaign_cmds::GapsArgs),
    /// Plan, list, edit and close actions (what, about whom, via whom, owner, due date)
    Action {
        #[command(subcommand)]
        action: campaign_cmds::ActionCmd,
    },
    /// The saved views Present mode and the deck show: list them, or add, edit, remove, move one
    Views(views_cmds::ViewsArgs),
    /// Suggested next steps, each with the rule that fired, its inputs, the chain and its worth
    Next(campaign_cmds::NextArgs),
    /// Accept a suggested next step: it becomes an open action
    Accept(campaign_cmds::AcceptArgs),
    /// Dismiss a suggested next step, with why: quiet until its inputs change
    Dismiss(campaign_cmds::DismissArgs),
    /// Days without an engagement after which a powerful person is neglected (the map's setting)
    StaleDays(campaign_cmds::StaleDaysArgs),
    /// What changed since a date (stances, actions done and overdue), and stance counts by month
    Progress(campaign_cmds::ProgressArgs),
    /// Set the initiative and the audience it needs
    SetGoal(edit_cmds::SetGoalArgs),
    /// Set the home team: who "we" are on this map
    SetHome(edit_cmds::SetHomeArgs),
    /// Undo the latest edit (the journal is kept in the map file)
    Undo {
        map: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Redo the latest undone edit
    Redo {
        map: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Write a copy of the map to another file (a consistent copy, safe while the map is open)
    SaveAs { map: PathBuf, target: PathBuf },
    /// Protect a map with a passphrase (the new one from --new-passphrase-file, ADVOCATE_NEW_PASSPHRASE or a prompt)
    Encrypt(secret::RekeyArgs),
    /// Change an encrypted map's passphrase
    Rekey(secret::RekeyArgs),
    /// Remove a map's passphrase, storing it in the clear
    Decrypt { map: PathBuf },
    /// Who changed what, when (newest first); with a person, only what concerns them
    History(collab_cmds::HistoryArgs),
    /// Bring in the edits of a colleague's copy of this map; conflicts are listed, and stop the merge unless --prefer decides them
    Merge(collab_cmds::MergeArgs),
    /// Exchange edits with colleagues through a shared folder (each copy writes only its own files there)
    Sync(collab_cmds::SyncArgs),
}

fn main() -> ExitCode {
    no_huge_pages();
    let cli = Cli::parse();
    secret::set_passphrase_file(cli.passphrase_file);
    collab_cmds::set_author(cli.author);
    match run(cli.command) {
        Ok(out) => {
            // A closed pipe (`advocate show … | head`) is not a failure of the command.
            if !out.is_empty() {
                let _ = writeln!(std::io::stdout(), "{out}");
            }
            ExitCode::SUCCESS
        }
        Err(e) if e.is::<collab_cmds::Stopped>() => {
            // A merge stopped by conflicts: the list is the answer, and the exit code says so.
            let _ = writeln!(std::io::stdout(), "{e}");
            ExitCode::from(2)
        }
        Err(e) => {
            // Each cause once: a message that already says what its source says is enough.
            let mut message = String::new();
            for cause in e.chain() {
                let text = cause.to_string();
                if !message.contains(&text) {
                    if !message.is_empty() {
                        message.push_str(": ");
                    }
                    message.push_str(&text);
                }
                // The core's errors say all there is to say; what lies below them is SQLite's.
                if cause.is::<advocate_core::Error>()
                    || cause.is::<advocate_core::import::ImportError>()
                {
                    break;
                }
            }
            eprintln!("error: {}", message.replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}

/// Asks Linux for no transparent huge pages in this process. mimalloc asks for them, and each
/// is a 2 MiB block zeroed whole at its first touch: on a map of 100 000 people that came to
/// about 20 MiB more peak memory, and a fifth of `rank`'s time was spent clearing pages. A
/// command lives for a second; huge pages pay off in long-running programs, not here.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE only sets a flag of this process; no memory is touched.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Opens a map file for a command, asking for the passphrase of an encrypted one.
pub fn open(map: &std::path::Path) -> Result<MapFile> {
    let mut file = secret::open(map)?;
    file.set_author(collab_cmds::author());
    Ok(file)
}

fn run(command: Command) -> Result<String> {
    match command {
        Command::New { map, name, home } => {
            let name = name.unwrap_or_else(|| {
                map.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "Influence map".into())
            });
            let mut file = MapFile::create(&map, &name)?;
            file.set_author(collab_cmds::author());
            if let Some(home) = home {
                let data = advocate_core::MapData {
                    departments: vec![advocate_core::data::DepartmentData {
                        name: home.clone(),
                        ..Default::default()
                    }],
                    home: Some(advocate_core::data::GroupData {
                        people: vec![],
                        department: Some(home),
                    }),
                    ..Default::default()
                };
                file.merge(&data, MergeMode::AllOrNothing, "Set home team")
                    .context("setting the home team")?;
            }
            Ok(format!("created {} ({name})", map.display()))
        }
        Command::Show { map: path, json } => read(&path, |m| show::summary(m, &path, json)),
        Command::Demo { map } => file_cmds::demo(&map),
        Command::Rank { map, args } => {
            let (m, csr) = secret::read_network(&map)?;
            let out = analysis_cmds::run_rank_in(&m, &csr, &args);
            // As `read`: the process ends right after; freeing a big map takes as long as the
            // answer.
            std::mem::forget((m, csr));
            out
        }
        Command::Path { map, args } => read(&map, |m| analysis_cmds::run_path(m, &args)),
        Command::Coalition { map, args } => read(&map, |m| analysis_cmds::run_coalition(m, &args)),
        Command::Metrics { map, args } => read(&map, |m| analysis_cmds::run_metrics(m, &args)),
        Command::Grid { map, args } => read(&map, |m| analysis_cmds::run_grid(m, &args)),
        Command::Whatif { map, args } => read(&map, |m| analysis_cmds::run_whatif(m, &args)),
        Command::Generate(args) => file_cmds::generate(&args),
        Command::Import(args) => file_cmds::import(&args),
        Command::Export { map, args } => file_cmds::export(&map, &args),
        Command::Person { action } => edit_cmds::person(action),
        Command::Tie { action } => edit_cmds::tie(action),
        Command::Department { action } => edit_cmds::department(action),
        Command::Log { action } => edit_cmds::log(action),
        Command::Target(args) => campaign_cmds::target(args),
        Command::Gaps(args) => campaign_cmds::run_gaps(args),
        Command::Action { action } => campaign_cmds::action(action),
        Command::Views(args) => views_cmds::views(args),
        Command::Next(args) => campaign_cmds::run_next(args),
        Command::Accept(args) => campaign_cmds::accept(args),
        Command::Dismiss(args) => campaign_cmds::dismiss(args),
        Command::StaleDays(args) => campaign_cmds::stale_days(args),
        Command::Progress(args) => campaign_cmds::run_progress(args),
        Command::SetGoal(args) => edit_cmds::set_goal(args),
        Command::SetHome(args) => edit_cmds::set_home(args),
        Command::Undo { map, json } => step(&map, Direction::Undo, json),
        Command::Redo { map, json } => step(&map, Direction::Redo, json),
        Command::SaveAs { map, target } => {
            open(&map)?.write_copy(&target)?;
            Ok(format!("wrote {}", target.display()))
        }
        Command::Encrypt(args) => secret::encrypt(args),
        Command::Rekey(args) => secret::rekey(args),
        Command::Decrypt { map } => secret::decrypt(&map),
        Command::History(args) => collab_cmds::history(args),
        Command::Merge(args) => collab_cmds::merge(args),
        Command::Sync(args) => collab_cmds::sync(args),
    }
}

/// Answers a question of a map opened only to read it. The map is not freed: on a big map that
/// takes as long as the answer, and the process ends right after (the file itself is closed).
fn read(
    path: &std::path::Path,
    answer: impl FnOnce(&advocate_core::Map) -> Result<String>,
) -> Result<String> {
    let map = secret::open_for_reading(path)?.into_map();
    let out = answer(&map);
    std::mem::forget(map);
    out
}

fn step(map: &std::path::Path, direction: Direction, json: bool) -> Result<String> {
    let mut file = open(map)?;
    let (done, verb) = match direction {
        Direction::Undo => (file.undo()?, "undid"),
        Direction::Redo => (file.redo()?, "redid"),
    };
    let Some(label) = done else {
        let what = if direction == Direction::Undo {
            "undo"
        } else {
            "redo"
        };
        if json {
            return Ok(serde_json::json!({ "done": null }).to_string());
        }
        bail!("nothing to {what} in {}", map.display());
    };
    if json {
        return Ok(serde_json::json!({ "done": label }).to_string());
    }
    Ok(format!("{verb}: {label}"))
}
