#!/usr/bin/env bash
# Add the built app (dist/MoodPlayer) to the desktop's application menu, so it
# can be started with a double-click or from the launcher.
set -euo pipefail
cd "$(dirname "$0")/.."
appdir="$(pwd)/dist/MoodPlayer"
[ -x "$appdir/MoodPlayer" ] || { echo "Build first: pyinstaller --noconfirm build.spec" >&2; exit 2; }
dest="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$dest"
sed "s#@APPDIR@#$appdir#g" packaging/moodplayer.desktop > "$dest/moodplayer.desktop"
chmod +x "$dest/moodplayer.desktop"
cp packaging/moodplayer.desktop "$appdir/moodplayer.desktop.in"
echo "Installed $dest/moodplayer.desktop"
