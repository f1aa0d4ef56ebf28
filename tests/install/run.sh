#!/usr/bin/env bash
# Advocate as installed from its .deb, as a user gets it: installs the package with apt-get,
# checks the desktop entry, the MIME type and its default application, the command line on
# /usr/bin, the installed app started as the desktop entry starts it (tests/install/installed.mjs:
# it draws the map, a second launch opens a second window in the same process, the file manager's
# recent list gets the maps), then removes the package and checks that the user's maps and
# settings are still there. Needs root (apt-get). Usage: tests/install/run.sh advocate_X_amd64.deb
set -euo pipefail
deb=$(realpath "$1")
cd "$(dirname "$0")/../.."
source scripts/lib/install.sh
source scripts/lib/desktop.sh
need_e2e_deps
# desktop-file-validate; xdg-mime and the MIME database tool it asks (mimetype); a session bus
# for the single-instance plugin; xdotool to see which process owns which window.
need_apt desktop-file-utils xdg-utils libfile-mimeinfo-perl shared-mime-info dbus dbus-daemon xdotool

fail() { echo "FAILED: $*" >&2; exit 1; }
check() { echo "  ok: $*"; }

# A package left by an earlier, interrupted run would make apt-get keep the old files.
if dpkg -s advocate >/dev/null 2>&1; then as_root apt-get remove -y -qq advocate >/dev/null; fi

echo "== install: apt-get install $(basename "$deb")"
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
[ -x /usr/bin/advocate-desktop ] || fail "/usr/bin/advocate-desktop is missing"
[ -x /usr/bin/advocate ] || fail "/usr/bin/advocate is missing"
check "installed $(dpkg-query -W -f '${Package} ${Version}' advocate)"

entry=/usr/share/applications/Advocate.desktop
desktop-file-validate "$entry" || fail "desktop-file-validate $entry"
grep -qx 'Exec=advocate-desktop %F' "$entry" || fail "the desktop entry does not pass the files it opens: $(grep ^Exec "$entry")"
grep -qx 'MimeType=application/x-advocate;' "$entry" || fail "the desktop entry does not name application/x-advocate"
check "desktop-file-validate $entry"
for size in 16x16 32x32 48x48 128x128 256x256 512x512; do
  [ -f "/usr/share/icons/hicolor/$size/apps/advocate-desktop.png" ] || fail "no $size icon"
done
check "icons at 16 to 512 pixels"

home=$(mktemp -d /tmp/advocate-install-XXXXXX)
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
maps="$home/Documents"
mkdir -p "$maps"
cd "$maps"

version_line=$(advocate --version)
[[ "$version_line" =~ ^advocate\ [0-9]+\.[0-9]+\.[0-9]+\ \(map\ file\ format\ [0-9]+,\ JSON\ format\ [0-9]+\)$ ]] \
  || fail "advocate --version says: $version_line"
[ "$(advocate-desktop --version)" = "advocate-desktop ${version_line#advocate }" ] \
  || fail "advocate-desktop --version says: $(advocate-desktop --version)"
check "$version_line"

advocate demo demo.advocate >/dev/null
people=$(advocate show demo.advocate --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["people"])')
[ "$people" -gt 50 ] || fail "advocate show found $people people on the demo map"
advocate show demo.advocate | head -1
check "/usr/bin/advocate demo and show ($people people)"
advocate new second.advocate --name "Second map" >/dev/null
for who in "Ada Moss" "Ben Cole" "Cy Dunn"; do advocate person add second.advocate "$who" >/dev/null; done

type=$(xdg-mime query filetype demo.advocate)
[ "$type" = application/x-advocate ] || fail "xdg-mime query filetype demo.advocate says $type"
# An encrypted map has no magic bytes: the name alone says what it is.
head -c 4096 /dev/urandom > encrypted.advocate
type=$(xdg-mime query filetype encrypted.advocate)
[ "$type" = application/x-advocate ] || fail "xdg-mime query filetype encrypted.advocate says $type"
rm encrypted.advocate
default=$(xdg-mime query default application/x-advocate)
[ "$default" = Advocate.desktop ] || fail "the default application for application/x-advocate is '$default'"
check "xdg-mime: *.advocate is application/x-advocate, opened by $default"

echo "== the installed app (tauri-driver, Xvfb, a session bus)"
cd - >/dev/null
timeout 600 dbus-run-session -- xvfb-run -a --server-args="-screen 0 1600x1000x24" \
  node tests/install/installed.mjs "$entry" "$maps/demo.advocate" "$people" "$maps/second.advocate" 3

echo "== remove: apt-get remove advocate"
settings="$XDG_DATA_HOME/app.advocate.desktop/settings.json"
[ -f "$settings" ] || fail "the app wrote no settings at $settings"
before=$(sha256sum "$maps/demo.advocate" "$maps/second.advocate" "$settings")
as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq advocate >/dev/null
[ ! -e /usr/bin/advocate-desktop ] || fail "/usr/bin/advocate-desktop is still there"
[ "$(sha256sum "$maps/demo.advocate" "$maps/second.advocate" "$settings")" = "$before" ] \
  || fail "removing the package changed the user's maps or settings"
check "the package is gone; the maps and settings are as they were"
rm -rf "$home"
