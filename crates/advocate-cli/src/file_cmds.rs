//! Commands that create maps or move data in and out of them: demo, generate, import, export.

use std::path::PathBuf;

use anyhow::{Result, anyhow, bail};
use clap::Args;

use advocate_core::import::{ImportOptions, import_files};
use advocate_core::{MapData, MapFile};

use crate::open;

/// Creates a map file holding `data` from the start.
fn create_with(map: &std::path::Path, data: &MapData) -> Result<MapFile> {
    Ok(MapFile::create_from(map, data)?)
}

pub fn demo(map: &std::path::Path) -> Result<String> {
    let file = create_with(map, &advocate_core::demo::demo())?;
    let (people, departments, ties) = file.map().counts();
    Ok(format!(
        "wrote the demo map to {}: {people} people, {departments} departments, {ties} ties",
        map.display()
    ))
}

#[derive(Args)]
pub struct GenerateArgs {
    /// The map file to create
    map: PathBuf,
    /// How many people the organisation has
    #[arg(long)]
    people: usize,
    /// The same seed gives the same organisation
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn generate(args: &GenerateArgs) -> Result<String> {
    if args.people == 0 {
        bail!("--people must be at least 1");
    }
    let data = advocate_core::generate::generate(args.people, args.seed);
    let file = create_with(&args.map, &data)?;
    let (people, departments, ties) = file.map().counts();
    Ok(format!(
        "wrote {}: {people} people, {departments} departments, {ties} ties (seed {})",
        args.map.display(),
        args.seed
    ))
}

#[derive(Args)]
pub struct ImportArgs {
    /// The map to import into
    map: PathBuf,
    /// CSV, TSV, XLSX or Advocate JSON files: people, ties, departments, engagements, or an org chart
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Read the files as an HR org-chart export (employee_id, name, title, department, manager_id)
    #[arg(long)]
    org_chart: bool,
    /// Import the good rows and list the rejected ones (default: any bad row imports nothing)
    #[arg(long)]
    skip_invalid: bool,
    #[arg(long)]
    json: bool,
}

pub fn import(args: &ImportArgs) -> Result<String> {
    let mut file = open(&args.map)?;
    let report = import_files(
        &mut file,
        &args.files,
        &ImportOptions {
            org_chart: args.org_chart,
            skip_invalid: args.skip_invalid,
        },
    )?;
    if args.json {
        return Ok(serde_json::to_string_pretty(&report)?);
    }
    Ok(report.summary())
}

/// Writes an export: the project's own JSON and the CSV folder here, every drawing and graph
/// format through `export_cmd`.
pub fn export(map: &std::path::Path, args: &crate::export_cmd::ExportArgs) -> Result<String> {
    let file = open(map)?;
    let out = &args.output;
    let named = args.format.as_deref().map(str::to_lowercase);
    let extension = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let table = match named.as_deref() {
        Some("json") => Some(true),
        Some("csv") => Some(false),
        Some(_) => None,
        None if extension == "json" => Some(true),
        None if extension == "csv" || (extension.is_empty() && out.is_dir()) => Some(false),
        None => None,
    };
    let redact = match &args.redact {
        Some(r) => advocate_core::export::Redact::from_name(r).map_err(|e| anyhow!(e))?,
        None => advocate_core::export::Redact::None,
    };
    if named.as_deref() == Some("ics") || (named.is_none() && extension == "ics") {
        let events = advocate_core::campaign::ics::write_file(
            file.map(),
            out,
            redact != advocate_core::export::Redact::None,
        )
        .map_err(|e| anyhow!(e))?;
        return Ok(format!(
            "wrote {} ({events} open actions with a due date)",
            out.display()
        ));
    }
    match table {
        Some(true) => {
            advocate_core::formats::json::write_json(file.map(), out, redact)?;
            Ok(format!("wrote {}", out.display()))
        }
        Some(false) => {
            let written = advocate_core::formats::csv::write_csv(file.map(), out, redact)?;
            Ok(format!(
                "wrote {} files to {}",
                written.len(),
                out.display()
            ))
        }
        None => crate::export_cmd::run_export(file.map(), args),
    }
}
