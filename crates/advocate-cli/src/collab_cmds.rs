//! Working together: `advocate history`, `advocate merge` and `advocate sync`. Who makes the
//! edits comes from `--author` or `ADVOCATE_AUTHOR`; the merging and its conflicts are the core's.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{Result, bail};
use clap::Args;

use advocate_core::MapFile;
use advocate_core::store::{Error, HistoryEntry, MergeReport, Prefer, SyncReport};

static AUTHOR: OnceLock<String> = OnceLock::new();

/// Sets who makes this command's edits: `--author`, else `ADVOCATE_AUTHOR`.
pub fn set_author(author: Option<String>) {
    let author = author
        .or_else(|| std::env::var("ADVOCATE_AUTHOR").ok())
        .unwrap_or_default();
    let _ = AUTHOR.set(author);
}

/// Who makes the edits of this command ("" when nobody said).
pub fn author() -> &'static str {
    AUTHOR.get().map(String::as_str).unwrap_or("")
}

/// A merge that stopped on conflicts: the list is printed on stdout and the command exits with 2.
#[derive(Debug)]
pub struct Stopped(pub String);

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Stopped {}

#[derive(Args)]
pub struct HistoryArgs {
    map: PathBuf,
    /// Only the edits concerning this person (key or name)
    person: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn history(args: HistoryArgs) -> Result<String> {
    let file = crate::open(&args.map)?;
    let person = match &args.person {
        Some(p) => Some(file.map().find_person(p).map_err(anyhow::Error::msg)?.id),
        None => None,
    };
    let entries = file.history(person)?;
    if args.json {
        return Ok(serde_json::to_string_pretty(&entries)?);
    }
    if entries.is_empty() {
        return Ok("no edits recorded yet".into());
    }
    Ok(entries
        .iter()
        .map(show_entry)
        .collect::<Vec<_>>()
        .join("\n"))
}

fn show_entry(e: &HistoryEntry) -> String {
    let who = if e.author.is_empty() {
        "someone"
    } else {
        &e.author
    };
    let mut out = format!("{}  {who}: {}", e.at, e.label);
    for c in &e.changes {
        let fields = if c.fields.is_empty() {
            String::new()
        } else {
            format!(" ({})", c.fields.join(", "))
        };
        let _ = write!(out, "\n    {} {}{fields}", c.what, c.record);
    }
    out
}

#[derive(Args)]
pub struct MergeArgs {
    /// This map: the one that receives the edits
    mine: PathBuf,
    /// A colleague's copy of the same map
    theirs: PathBuf,
    /// Decide every conflict for this side: mine or theirs (without it, conflicts stop the merge)
    #[arg(long)]
    prefer: Option<Prefer>,
    /// Read the passphrase of their copy, if encrypted, from this file (else ADVOCATE_THEIR_PASSPHRASE, else the map's own)
    #[arg(long, value_name = "FILE")]
    their_passphrase_file: Option<PathBuf>,
    #[arg(long)]
    json: bool,
}

fn their_passphrase(args: &MergeArgs, mine: &MapFile) -> Result<Option<String>> {
    if let Some(file) = &args.their_passphrase_file {
        let text = std::fs::read_to_string(file)
            .map_err(|e| anyhow::anyhow!("reading the passphrase from {}: {e}", file.display()))?;
        return Ok(Some(text.trim_end_matches(['\n', '\r']).to_string()));
    }
    if let Ok(p) = std::env::var("ADVOCATE_THEIR_PASSPHRASE")
        && !p.is_empty()
    {
        return Ok(Some(p));
    }
    // Copies of one map often share its passphrase.
    Ok(mine.passphrase().map(String::from))
}

pub fn merge(args: MergeArgs) -> Result<String> {
    let mut file = crate::open(&args.mine)?;
    let pass = their_passphrase(&args, &file)?;
    let report = match file.merge_file(&args.theirs, pass.as_deref(), args.prefer) {
        Err(Error::Encrypted { path }) => bail!(
            "{path} is encrypted: give its passphrase with --their-passphrase-file FILE or ADVOCATE_THEIR_PASSPHRASE"
        ),
        other => other?,
    };
    finish(&report, args.json, show_merge(&report, &args.mine))
}

fn finish(report: &MergeReport, json: bool, text: String) -> Result<String> {
    let out = if json {
        serde_json::to_string_pretty(report)?
    } else {
        text
    };
    if !report.merged {
        return Err(Stopped(out).into());
    }
    Ok(out)
}

fn show_conflicts(report: &MergeReport) -> String {
    let mut out = String::new();
    for c in &report.conflicts {
        let by = |a: &str| {
            if a.is_empty() {
                String::new()
            } else {
                format!(" ({a})")
            }
        };
        let what = match (c.kind.as_str(), &c.field) {
            ("removed-here", _) => "removed here, changed there".to_string(),
            ("removed-there", _) => "changed here, removed there".to_string(),
            ("same-key", Some(f)) => format!("{f}, made separately on both sides"),
            (_, Some(f)) => f.clone(),
            (_, None) => "the record".into(),
        };
        let _ = writeln!(
            out,
            "  {}: {what}: mine {:?}{} / theirs {:?}{}",
            c.record,
            c.mine,
            by(&c.mine_author),
            c.theirs,
            by(&c.theirs_author)
        );
    }
    out
}

fn show_merge(report: &MergeReport, mine: &Path) -> String {
    if !report.merged {
        return format!(
            "{} conflict(s) with {}; nothing was changed. Decide with --prefer mine or --prefer theirs:\n{}",
            report.conflicts.len(),
            report.source,
            show_conflicts(report).trim_end()
        );
    }
    if report.edits == 0 && report.undone {
        return format!(
            "{} has nothing new for {}: its edits were merged before and that merge was undone. \
             `advocate redo` brings the merge back",
            report.source,
            mine.display()
        );
    }
    if report.edits == 0 {
        return format!("{} has nothing new for {}", report.source, mine.display());
    }
    let mut out = format!(
        "merged {} edit(s) from {} into {}",
        report.edits,
        report.source,
        mine.display()
    );
    if let Some(p) = report.prefer {
        let side = if p == Prefer::Mine { "mine" } else { "theirs" };
        let _ = write!(
            out,
            "\n{} conflict(s) decided for {side}:\n{}",
            report.conflicts.len(),
            show_conflicts(report).trim_end()
        );
    }
    for d in &report.dropped {
        let _ = write!(out, "\ndropped {d}: what it belongs to was removed");
    }
    out
}

#[derive(Args)]
pub struct SyncArgs {
    map: PathBuf,
    /// The shared folder (kept by OneDrive, SharePoint, Dropbox, Syncthing, a network drive…)
    folder: PathBuf,
    /// Decide every conflict for this side: mine or theirs (without it, conflicts stop the merge)
    #[arg(long)]
    prefer: Option<Prefer>,
    #[arg(long)]
    json: bool,
}

pub fn sync(args: SyncArgs) -> Result<String> {
    let mut file = crate::open(&args.map)?;
    let report = file.sync(&args.folder, args.prefer)?;
    let mut out = String::new();
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    if report.merge.merged {
        if report.merge.edits > 0 {
            out.push_str(&show_merge(&report.merge, &args.map));
        } else {
            out.push_str("nothing new in the shared folder");
        }
    } else {
        out.push_str(&show_merge(&report.merge, &args.map));
    }
    let _ = write!(out, "\n{}", sent(&report));
    if args.json {
        let text = serde_json::to_string_pretty(&report)?;
        if !report.merge.merged {
            return Err(Stopped(text).into());
        }
        return Ok(text);
    }
    if !report.merge.merged {
        return Err(Stopped(out).into());
    }
    Ok(out)
}

fn sent(report: &SyncReport) -> String {
    match &report.file {
        Some(f) => format!("sent {} edit(s) to {f}", report.sent),
        None => "nothing to send".into(),
    }
}
