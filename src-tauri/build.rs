//! Tauri's build step: reads tauri.conf.json and the capabilities, and gives every app command
//! its own permission (the app manifest), so that the window may call only the commands its
//! capability lists.

include!("src/command_names.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/command_names.rs");
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        // Cargo shows a build script's panic with its message: the capability that names a
        // permission that does not exist, say.
        panic!("tauri-build failed: {e:#}");
    }
}
