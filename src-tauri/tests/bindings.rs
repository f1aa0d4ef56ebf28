//! The TypeScript bindings committed in ui/src/bindings.ts must be what the commands export now:
//! a stale file fails here. `UPDATE_BINDINGS=1 cargo test -p advocate-desktop --test bindings`
//! rewrites it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn committed_bindings_match_the_commands() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("bindings.ts");
    advocate_desktop::export_bindings(&fresh).unwrap();
    let fresh_text = std::fs::read_to_string(&fresh).unwrap();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&committed, &fresh_text).unwrap();
        return;
    }
    let committed_text = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        committed_text == fresh_text,
        "ui/src/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p advocate-desktop --test bindings` and commit it"
    );
}

/// The commands the window calls (`commands.someName(` in ui/src, outside the tests), in the
/// snake_case Tauri knows them by.
fn commands_the_window_calls() -> BTreeSet<String> {
    fn walk(dir: &Path, found: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                walk(&path, found);
                continue;
            }
            if name == "bindings.ts"
                || name.contains(".test.")
                || !(name.ends_with(".ts") || name.ends_with(".svelte"))
            {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (at, _) in text.match_indices("commands.") {
                let rest = &text[at + "commands.".len()..];
                let ident: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                if ident.is_empty() || !rest[ident.len()..].starts_with('(') {
                    continue;
                }
                let mut snake = String::new();
                for c in ident.chars() {
                    if c.is_ascii_uppercase() {
                        snake.push('_');
                        snake.push(c.to_ascii_lowercase());
                    } else {
                        snake.push(c);
                    }
                }
                found.insert(snake);
            }
        }
    }
    let mut found = BTreeSet::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src"),
        &mut found,
    );
    found
}

/// The app commands the main window's capability allows (`allow-some-name`).
fn commands_the_capability_allows() -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/default.json");
    let capability: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| !p.contains(':'))
        .map(|p| {
            p.strip_prefix("allow-")
                .unwrap_or_else(|| panic!("{p} is not an allow- permission"))
                .replace('-', "_")
        })
        .collect()
}

#[test]
fn the_capability_allows_exactly_the_commands_the_window_calls() {
    let calls = commands_the_window_calls();
    assert!(calls.contains("open_map") && calls.contains("change_passphrase"));
    assert_eq!(
        commands_the_capability_allows(),
        calls,
        "src-tauri/capabilities/default.json must allow the commands ui/src calls, and no other"
    );
}

#[test]
fn every_registered_command_has_a_permission_in_the_app_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("bindings.ts");
    advocate_desktop::export_bindings(&fresh).unwrap();
    let text = std::fs::read_to_string(&fresh).unwrap();
    let registered: BTreeSet<String> = text
        .match_indices("TAURI_INVOKE(\"")
        .map(|(at, _)| {
            let rest = &text[at + "TAURI_INVOKE(\"".len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect();
    let manifest: BTreeSet<String> = advocate_desktop::command_names::COMMANDS
        .iter()
        .map(|c| (*c).to_string())
        .collect();
    assert_eq!(
        registered, manifest,
        "every command registered in lib.rs needs its name in src/command_names.rs"
    );
}
