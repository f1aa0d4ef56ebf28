//! What the command line's integration tests share: running the `advocate` binary in a folder,
//! and checking that it succeeded (its output) or failed (its error).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // each test file uses its own part

use std::path::Path;
use std::process::{Command, Output};

/// `advocate ARGS` to be run in `dir`, for a test that sets its environment before running it.
pub fn command(args: &[&str], dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_advocate"));
    cmd.args(args).current_dir(dir);
    cmd
}

/// Runs `advocate ARGS` in `dir`, whatever its exit.
pub fn advocate(args: &[&str], dir: &Path) -> Output {
    command(args, dir).output().unwrap()
}

/// What `advocate ARGS` printed, after checking it succeeded (its error is the message if not).
pub fn succeeded(args: &[&str], out: Output) -> String {
    assert!(
        out.status.success(),
        "advocate {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `advocate ARGS` in `dir`, checks it succeeded, and answers what it printed.
pub fn ok(args: &[&str], dir: &Path) -> String {
    succeeded(args, advocate(args, dir))
}

/// Runs `advocate ARGS` in `dir`, checks it failed, and answers its error output.
pub fn fails(args: &[&str], dir: &Path) -> String {
    let out = advocate(args, dir);
    assert!(!out.status.success(), "advocate {args:?} should fail");
    String::from_utf8(out.stderr).unwrap()
}
