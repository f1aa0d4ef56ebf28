//! The `advocate-desktop` binary: only starts the app; everything else is in the library.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    advocate_desktop::run();
}
