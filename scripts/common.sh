# Shared by install.sh, uninstall.sh, test.sh and build_app.sh (sourced, not run).
# Where a per-user install of MoodPlayer lives, and small helpers.

CHECKOUT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
INSTALL_DIR="$DATA_HOME/moodplayer"          # install.sh's own folder (the venv)
VENV="$INSTALL_DIR/venv"
BIN_DIR="$HOME/.local/bin"
LAUNCHER="$BIN_DIR/moodplayer"
DESKTOP_FILE="$DATA_HOME/applications/moodplayer.desktop"
ICON_THEME_DIR="$DATA_HOME/icons/hicolor"
ICON_SIZES=(16 24 32 48 64 128 256 512)
# The system Python: Debian 12 and Ubuntu 24.04 mark it "externally managed"
# (PEP 668), which is why MoodPlayer gets a virtual environment of its own.
SYSTEM_PYTHON="${MOODPLAYER_PYTHON:-/usr/bin/python3}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
warn() { printf '\033[1;33mWARNING:\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

# apt_install PKG...: install the Debian packages that are not installed yet
# (nothing to do, no apt-get update, when all are there). sudo when not root.
apt_install() {
  local missing=() pkg
  if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    warn "not a Debian/Ubuntu system: install these with your package manager: $*"
    return 0
  fi
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "need root to install ${missing[*]}: run as root, or install sudo"
    sudo=(sudo)
  fi
  say "Installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}
