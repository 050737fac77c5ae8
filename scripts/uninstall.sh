#!/usr/bin/env bash
# Remove what scripts/install.sh added, and nothing else:
#   the environment   ${XDG_DATA_HOME:-~/.local/share}/moodplayer/ (the venv)
#   the command       ~/.local/bin/moodplayer
#   the menu entry    ${XDG_DATA_HOME:-~/.local/share}/applications/moodplayer.desktop
#   the icons         ${XDG_DATA_HOME:-~/.local/share}/icons/hicolor/*/apps/moodplayer.{png,svg}
# Your library, playlists, settings, tuned adapters and downloaded models are
# kept (it says where); the Debian packages too (other programs may use them).
set -euo pipefail
source "$(dirname "$0")/common.sh"
case "${1:-}" in
  -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
  "") ;;
  *) die "unknown option '$1'" ;;
esac

removed=0
gone() { echo "    removed $1"; removed=$((removed + 1)); }

say "Removing MoodPlayer"
if [ -L "$LAUNCHER" ] && [ "$(readlink "$LAUNCHER")" = "$VENV/bin/moodplayer" ]; then
  rm -f "$LAUNCHER" && gone "$LAUNCHER"
elif [ -e "$LAUNCHER" ] || [ -L "$LAUNCHER" ]; then
  warn "$LAUNCHER was not made by install.sh: left alone"
fi
if [ -f "$DESKTOP_FILE" ]; then
  if grep -qx 'Exec=moodplayer %F' "$DESKTOP_FILE"; then
    rm -f "$DESKTOP_FILE" && gone "$DESKTOP_FILE"
  else
    warn "$DESKTOP_FILE starts another MoodPlayer (the double-click app?): left alone"
  fi
fi
icons=0
for size in "${ICON_SIZES[@]}"; do
  f="$ICON_THEME_DIR/${size}x${size}/apps/moodplayer.png"
  [ -f "$f" ] && rm -f "$f" && icons=$((icons + 1))
done
f="$ICON_THEME_DIR/scalable/apps/moodplayer.svg"
[ -f "$f" ] && rm -f "$f" && icons=$((icons + 1))
[ "$icons" -gt 0 ] && gone "$icons icons from $ICON_THEME_DIR"
if [ -d "$VENV" ]; then
  rm -rf "$VENV" && gone "$VENV (the Python environment)"
fi
rmdir "$INSTALL_DIR" 2>/dev/null || true

# Refresh the desktop's caches (they list every application, not only ours);
# the "Open with" cache goes when no other entry is left to list.
apps="$(dirname "$DESKTOP_FILE")"
if [ -d "$apps" ] && ! compgen -G "$apps/*.desktop" >/dev/null; then
  rm -f "$apps/mimeinfo.cache"
elif command -v update-desktop-database >/dev/null && [ -d "$apps" ]; then
  update-desktop-database -q "$apps" || true
fi
# Folders install.sh made for the icons, when nothing else is in them.
for size in "${ICON_SIZES[@]}" scalable; do
  d="$ICON_THEME_DIR/$( [ "$size" = scalable ] && echo scalable || echo "${size}x${size}")"
  rmdir "$d/apps" "$d" 2>/dev/null || true
done
rmdir "$ICON_THEME_DIR" "$(dirname "$ICON_THEME_DIR")" "$apps" 2>/dev/null || true
if command -v gtk-update-icon-cache >/dev/null && [ -f "$ICON_THEME_DIR/icon-theme.cache" ]; then
  gtk-update-icon-cache -q -t -f "$ICON_THEME_DIR" || true
fi
[ "$removed" -eq 0 ] && echo "    nothing to remove: MoodPlayer was not installed for $(id -un)"

# What stays. The app's folder is appdirs' user_data_dir("MoodPlayer") (engine/paths.py).
data="${MOODPLAYER_HOME:-$DATA_HOME/MoodPlayer}"
echo
say "Kept (your data)"
if [ -d "$data" ]; then
  echo "    $data  ($(du -sh "$data" 2>/dev/null | cut -f1))"
  echo "      settings.json, library.sqlite3 (library, playlists, labels), adapters/ (tuning),"
  echo "      models/ (downloaded CLIP weights), cache/, logs/"
  echo "    To delete it too:  rm -rf \"$data\""
else
  echo "    no app data folder ($data does not exist)"
fi
hub="${HF_HUB_CACHE:-${HF_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/huggingface}/hub}"
if compgen -G "$hub/models--*CLIP*" >/dev/null; then
  echo "    CLIP models in the Hugging Face cache shared with other programs: $hub"
fi
[ -e "$LAUNCHER.old" ] && echo "    $LAUNCHER.old (a command install.sh had moved aside)"
echo "    Debian packages (libVLC, ffmpeg, python3-venv...) stay: other programs may use them."
exit 0
