#!/usr/bin/env bash
# Install MoodPlayer for this user on Debian 12 / Ubuntu 24.04 or newer:
#
#   scripts/install.sh            then start it with: moodplayer
#   scripts/install.sh --no-apt   skip the Debian packages (you installed them)
#
# What it does (scripts/uninstall.sh undoes exactly this):
#   1. Debian packages (apt-get, with sudo when not root): libVLC and its
#      plugins, Qt's X11 libraries, ffmpeg, python3-venv.
#   2. A virtual environment made with the system Python (/usr/bin/python3)
#      at ${XDG_DATA_HOME:-~/.local/share}/moodplayer/venv, and MoodPlayer
#      installed into it from this checkout (a normal, non-editable install:
#      deleting the checkout afterwards does not break the app).
#   3. The command ~/.local/bin/moodplayer (a link to the venv's entry point).
#   4. A desktop menu entry and icons under ${XDG_DATA_HOME:-~/.local/share}.
# Running it again upgrades the installed app in place.
set -euo pipefail
source "$(dirname "$0")/common.sh"

use_apt=1
for arg in "$@"; do
  case "$arg" in
    --no-apt) use_apt=0 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) die "unknown option '$arg' (see scripts/install.sh --help)" ;;
  esac
done
start=$(date +%s)

APT_PACKAGES=(
  python3 python3-venv                                # the system Python + venv (PEP 668)
  libvlc5 vlc-plugin-base vlc-plugin-video-output     # playback (plugins make libVLC work)
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0   # Qt's xcb platform
  libegl1 libgl1 libfontconfig1 libdbus-1-3
  ffmpeg                                              # video duration + keyframes
)
[ "$use_apt" = 1 ] && apt_install "${APT_PACKAGES[@]}"

# 1. The system Python, at least 3.10.
[ -x "$SYSTEM_PYTHON" ] || die "$SYSTEM_PYTHON not found: install the python3 package"
"$SYSTEM_PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
  || die "MoodPlayer needs Python 3.10 or newer; $SYSTEM_PYTHON is $("$SYSTEM_PYTHON" -V 2>&1)"
pyver() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null; }

# 2. The virtual environment: reused when it works and matches the system Python
#    (so an upgrade keeps the ~5 GB of torch), made again when it does not
#    (e.g. after a distribution upgrade changed the Python version).
if [ -x "$VENV/bin/python" ] && [ "$(pyver "$VENV/bin/python")" = "$(pyver "$SYSTEM_PYTHON")" ] \
   && "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
  say "Upgrading MoodPlayer in $VENV"
else
  if [ -e "$VENV" ]; then
    warn "the environment in $VENV is broken or made by another Python: making it again"
    rm -rf "$VENV"
  fi
  say "Creating a virtual environment in $VENV"
  mkdir -p "$INSTALL_DIR"
  "$SYSTEM_PYTHON" -m venv "$VENV" \
    || die "could not create a virtual environment: install python3-venv (sudo apt install python3-venv)"
fi

say "Installing MoodPlayer and its Python packages (the first time downloads ~3 GB, mostly torch)"
# A normal install (wheel built from the checkout), not -e: the app keeps working
# when the checkout moves or goes. pip reinstalls a local folder every time, and
# leaves installed dependencies alone when they still satisfy pyproject.toml.
"$VENV/bin/python" -m pip install --disable-pip-version-check -q "$CHECKOUT" \
  || die "pip could not install MoodPlayer into $VENV (messages above)"
version="$("$VENV/bin/python" -c 'import moodplayer; print(moodplayer.__version__)')"

# 3. The command.
mkdir -p "$BIN_DIR"
if [ -e "$LAUNCHER" ] || [ -L "$LAUNCHER" ]; then
  if [ "$(readlink "$LAUNCHER" || true)" != "$VENV/bin/moodplayer" ]; then
    mv -f "$LAUNCHER" "$LAUNCHER.old"
    warn "an older $LAUNCHER (not made by this script) was moved to $LAUNCHER.old"
  fi
fi
ln -sfn "$VENV/bin/moodplayer" "$LAUNCHER"

# 4. Desktop entry and icons (PNGs rendered from the SVG and committed).
install -D -m 644 "$CHECKOUT/packaging/moodplayer.desktop" "$DESKTOP_FILE"
for size in "${ICON_SIZES[@]}"; do
  install -D -m 644 "$CHECKOUT/resources/icons/hicolor/${size}x${size}/apps/moodplayer.png" \
    "$ICON_THEME_DIR/${size}x${size}/apps/moodplayer.png"
done
install -D -m 644 "$CHECKOUT/resources/icons/moodplayer.svg" "$ICON_THEME_DIR/scalable/apps/moodplayer.svg"
touch "$ICON_THEME_DIR"  # icon caches compare this folder's time with their own
if command -v update-desktop-database >/dev/null; then
  update-desktop-database -q "$(dirname "$DESKTOP_FILE")" || true   # "Open with" for images
fi
# No icon cache is made where there was none (without one, desktops read the
# folders); one that exists is refreshed so it does not hide the new icons.
if command -v gtk-update-icon-cache >/dev/null && [ -f "$ICON_THEME_DIR/icon-theme.cache" ]; then
  gtk-update-icon-cache -q -t -f "$ICON_THEME_DIR" || true
fi

echo
say "MoodPlayer $version installed in $(( $(date +%s) - start )) s"
echo "    command:    $LAUNCHER -> $VENV/bin/moodplayer"
echo "    menu entry: $DESKTOP_FILE"
echo "    start it with: moodplayer   (or MoodPlayer in the application menu)"
echo "    The first start downloads the CLIP model (~600 MB, once) from huggingface.co."
case ":$PATH:" in
  *":$BIN_DIR:"*|*":$BIN_DIR/:"*) ;;
  *)
    if grep -qs '\.local/bin' "$HOME/.profile"; then
      later="Your ~/.profile adds it at your next login (the menu entry needs that too)."
    else
      later="To have it at every login (the menu entry needs that too), add this line to ~/.profile:
        PATH=\"\$HOME/.local/bin:\$PATH\""
    fi
    echo
    warn "$BIN_DIR is not on your PATH, so 'moodplayer' is not found in this shell yet.
    Start it this time with:  $LAUNCHER
    or first run, in this shell:  export PATH=\"\$HOME/.local/bin:\$PATH\"
    $later" ;;
esac
