# Shared by the scripts: install what a fresh Debian/Ubuntu machine lacks, loudly.

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""
need_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  echo "installing: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

need_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
  fi
  if ! command -v cargo >/dev/null 2>&1; then
    need_apt rustup || true
    rustup default stable || { echo "cargo is missing: install Rust (https://rustup.rs) and run again" >&2; exit 1; }
  fi
  # libclang and clang: rusqlite's `session` feature generates its bindings at build time.
  need_apt gcc pkg-config libssl-dev libclang-dev clang
  rustup component list --installed 2>/dev/null | grep -q rustfmt || rustup component add rustfmt clippy || true
}

need_python_package() {
  local module="$1" package="${2:-$1}"
  command -v python3 >/dev/null 2>&1 || need_apt python3 python3-pip
  python3 -c "import $module" 2>/dev/null && return 0
  echo "installing python package: $package"
  python3 -m pip install --quiet "$package" 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages "$package" \
    || { need_apt "python3-$package"; }
  python3 -c "import $module"
}
