#!/usr/bin/env bash
# Build the double-click app (dist/MoodPlayer/) and prove it works:
#   scripts/build_app.sh            build, then run the frozen --self-test
# Uses the environment scripts/install.sh made (PyInstaller is added to it).
# The self-test needs a model: $MOODPLAYER_MODEL if set, else a tiny
# random-weight open_clip model made here (no network needed).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$CHECKOUT"
PY="$VENV/bin/python"
[ -x "$PY" ] || die "no MoodPlayer environment in $VENV: run scripts/install.sh first"
"$PY" -m pip install -q --disable-pip-version-check "pyinstaller>=6.5"

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --log-level WARN build.spec
took=$(( $(date +%s) - start ))
echo "build: ${took} s, bundle $(du -sh dist/MoodPlayer | cut -f1)"

model="${MOODPLAYER_MODEL:-}"
if [ -z "$model" ]; then
  model="local-dir:$(PYTHONPATH="$CHECKOUT/src" "$PY" scripts/make_tiny_model.py "$(mktemp -d)/tiny-clip")"
fi
HF_HUB_OFFLINE=1 dist/MoodPlayer/MoodPlayer --self-test --model "$model"
