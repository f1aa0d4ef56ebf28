//! The `advocate-desktop` binary: only starts the app; everything else is in the library.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// Opening and importing large maps allocates millions of small strings; mimalloc does that
/// several times faster than the system allocator (as in the `advocate` command).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    advocate_desktop::run();
}
