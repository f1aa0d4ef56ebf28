# Shared by the desktop scripts: what building and testing the desktop app needs on a fresh
# Debian 12 machine (with Rust, Node 20 and npm), and the self-contained build.
# Expects scripts/lib/install.sh to be sourced first.

# Debian packages for building a Tauri 2 app (WebKitGTK 4.1 and friends).
need_desktop_build_deps() {
  need_apt libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev \
    libsoup-3.0-dev libjavascriptcoregtk-4.1-dev pkg-config build-essential
}

# What the end-to-end tests drive the app with: WebKitWebDriver, a virtual display, tauri-driver.
need_e2e_deps() {
  need_apt webkit2gtk-driver xvfb xauth
  if ! command -v tauri-driver >/dev/null 2>&1; then
    echo "installing: tauri-driver (cargo install --locked)"
    cargo install tauri-driver --locked --quiet
  fi
}

need_node() {
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is missing: install Node 20 and npm, then run again" >&2
    exit 1
  fi
}

# The ui's npm packages, exactly as locked (skipped when they are already in place).
need_ui_deps() {
  need_node
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Builds the ui, then the app with the ui embedded (tauri's custom-protocol feature, as
# `cargo tauri build --no-bundle` does), so the binary needs no dev server. `build_desktop
# release` builds optimised (what desktop-run starts); without it, the debug build the tests
# share with `cargo test`. Sets DESKTOP_BIN to the binary.
build_desktop() {
  (cd ui && npm run --silent build)
  if [ "${1:-}" = release ]; then
    cargo build --locked --release -p advocate-desktop --features custom-protocol
    DESKTOP_BIN=target/release/advocate-desktop
  else
    cargo build --locked -p advocate-desktop --features custom-protocol
    DESKTOP_BIN=target/debug/advocate-desktop
  fi
}
