#!/usr/bin/env bash
# Install everything MoodPlayer needs on Debian/Ubuntu: system libraries
# (libVLC and its plugins, Qt's xcb deps, ffmpeg for video keyframes) and
# the Python package itself in editable mode.
#   scripts/install.sh          the app
#   scripts/install.sh --test   the app + test tools (what CI runs)
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

APT_PACKAGES=(
  libvlc5 vlc-plugin-base vlc-plugin-video-output   # playback (plugins make libVLC work)
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0   # Qt's xcb platform
  libegl1 libgl1 libfontconfig1 libdbus-1-3
  ffmpeg                                            # video duration + keyframes
)
[ -n "$extras" ] && APT_PACKAGES+=(xvfb xauth sox)  # a real X screen and test audio

if command -v apt-get >/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${APT_PACKAGES[@]}" >/dev/null
else
  echo "Not a Debian-like system: install VLC (libVLC) and ffmpeg with your package manager." >&2
fi

python3 -m pip install -q -e ".${extras}"
echo "MoodPlayer installed. Start it with: moodplayer"
