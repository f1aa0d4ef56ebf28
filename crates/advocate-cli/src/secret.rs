//! Passphrases of encrypted maps: where the command line reads them (a file, the environment, a
//! prompt without echo), and the encrypt, rekey and decrypt commands.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{Context, Result, anyhow, bail};
use clap::Args;

use advocate_core::MapFile;
use advocate_core::store::{
    Error, change_passphrase, check_new_passphrase, check_repeated_passphrase,
};

static PASSPHRASE_FILE: OnceLock<Option<PathBuf>> = OnceLock::new();

pub fn set_passphrase_file(file: Option<PathBuf>) {
    let _ = PASSPHRASE_FILE.set(file);
}

fn read_file(path: &Path) -> Result<String> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the passphrase from {}", path.display()))?;
    let pass = text.trim_end_matches(['\n', '\r']).to_string();
    if pass.is_empty() {
        bail!("{} holds no passphrase", path.display());
    }
    Ok(pass)
}

fn prompt(question: &str) -> Result<String> {
    rpassword::prompt_password(question).map_err(|e| {
        anyhow!("could not read a passphrase from the terminal ({e}); use --passphrase-file or ADVOCATE_PASSPHRASE")
    })
}

/// The passphrase of the map being opened.
fn current_passphrase(map: &Path) -> Result<String> {
    if let Some(Some(file)) = PASSPHRASE_FILE.get() {
        return read_file(file);
    }
    if let Ok(p) = std::env::var("ADVOCATE_PASSPHRASE")
        && !p.is_empty()
    {
        return Ok(p);
    }
    prompt(&format!("Passphrase for {}: ", map.display()))
}

/// The passphrase a map is given.
fn new_passphrase(file: Option<&Path>) -> Result<String> {
    if let Some(f) = file {
        return read_file(f);
    }
    if let Ok(p) = std::env::var("ADVOCATE_NEW_PASSPHRASE")
        && !p.is_empty()
    {
        return Ok(p);
    }
    let first = prompt("New passphrase: ")?;
    check_new_passphrase(&first)?;
    check_repeated_passphrase(&first, &prompt("Repeat the new passphrase: ")?)?;
    Ok(first)
}

/// Opens a map, asking for the passphrase only when it is encrypted.
pub fn open(map: &Path) -> Result<MapFile> {
    match MapFile::open(map) {
        Err(Error::Encrypted { .. }) => {
            let pass = current_passphrase(map)?;
            Ok(MapFile::open_with(map, Some(&pass))?)
        }
        other => Ok(other?),
    }
}

/// Opens a map only to read it (the analysis commands), asking for the passphrase only when it is
/// encrypted.
pub fn open_for_reading(map: &Path) -> Result<MapFile> {
    match MapFile::open_for_reading(map, None) {
        Err(Error::Encrypted { .. }) => {
            let pass = current_passphrase(map)?;
            Ok(MapFile::open_for_reading(map, Some(&pass))?)
        }
        other => Ok(other?),
    }
}

/// Reads a map for ranking (its people and the snapshot of its network, no tie records), asking
/// for the passphrase only when it is encrypted.
pub fn read_network(map: &Path) -> Result<(advocate_core::Map, advocate_core::analysis::Csr)> {
    match MapFile::read_network(map, None) {
        Err(Error::Encrypted { .. }) => {
            let pass = current_passphrase(map)?;
            Ok(MapFile::read_network(map, Some(&pass))?)
        }
        other => Ok(other?),
    }
}

/// The passphrase that opens `map` now: `None` for a plain map.
fn existing(map: &Path) -> Result<Option<String>> {
    let file = open(map)?;
    if !file.is_encrypted() {
        return Ok(None);
    }
    drop(file);
    current_passphrase(map).map(Some)
}

#[derive(Args)]
pub struct RekeyArgs {
    map: PathBuf,
    /// Read the new passphrase from this file
    #[arg(long, value_name = "FILE")]
    new_passphrase_file: Option<PathBuf>,
}

pub fn encrypt(args: RekeyArgs) -> Result<String> {
    if existing(&args.map)?.is_some() {
        bail!(
            "{} is already encrypted; use `advocate rekey` to change its passphrase",
            args.map.display()
        );
    }
    let new = new_passphrase(args.new_passphrase_file.as_deref())?;
    change_passphrase(&args.map, None, Some(&new))?;
    Ok(format!("encrypted {}", args.map.display()))
}

pub fn rekey(args: RekeyArgs) -> Result<String> {
    let Some(old) = existing(&args.map)? else {
        bail!(
            "{} is not encrypted; use `advocate encrypt` to give it a passphrase",
            args.map.display()
        );
    };
    let new = new_passphrase(args.new_passphrase_file.as_deref())?;
    change_passphrase(&args.map, Some(&old), Some(&new))?;
    Ok(format!("changed the passphrase of {}", args.map.display()))
}

pub fn decrypt(map: &Path) -> Result<String> {
    let Some(old) = existing(map)? else {
        bail!("{} is not encrypted", map.display());
    };
    change_passphrase(map, Some(&old), None)?;
    Ok(format!("decrypted {}", map.display()))
}
