#!/usr/bin/env bash
# Add the built double-click app (dist/MoodPlayer) to the desktop's application
# menu. (scripts/install.sh does this for the normal, pip-installed app.)
set -euo pipefail
cd "$(dirname "$0")/.."
appdir="$(pwd)/dist/MoodPlayer"
[ -x "$appdir/MoodPlayer" ] || { echo "Build first: scripts/build_app.sh" >&2; exit 2; }
icon="$appdir/_internal/resources/icons/hicolor/256x256/apps/moodplayer.png"
dest="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$dest"
sed -e "s#^Exec=.*#Exec=$appdir/MoodPlayer %F#" -e "s#^Icon=.*#Icon=$icon#" \
  packaging/moodplayer.desktop > "$dest/moodplayer.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$dest" || true
echo "Installed $dest/moodplayer.desktop"
