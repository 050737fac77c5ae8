#!/usr/bin/env bash
# Build the double-click app (dist/MoodPlayer/) and prove it works:
#   scripts/build_app.sh            build, then run the frozen --self-test
# The self-test needs a model: $MOODPLAYER_MODEL if set, else a tiny
# random-weight open_clip model made here (no network needed).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q "pyinstaller>=6.5" 2>&1 | grep -v "root user" || true

start=$(date +%s)
pyinstaller --noconfirm --log-level WARN build.spec
took=$(( $(date +%s) - start ))
echo "build: ${took} s, bundle $(du -sh dist/MoodPlayer | cut -f1)"

model="${MOODPLAYER_MODEL:-}"
if [ -z "$model" ]; then
  tiny="$(mktemp -d)/tiny-clip"
  python3 - "$tiny" <<'PY'
import sys
from moodplayer.engine.vision.model import save_model_folder
cfg = {"embed_dim": 32,
       "vision_cfg": {"image_size": 32, "layers": 2, "width": 64, "patch_size": 8, "head_width": 32},
       "text_cfg": {"context_length": 77, "vocab_size": 49408, "width": 64, "heads": 2, "layers": 2}}
save_model_folder(sys.argv[1], cfg)
PY
  model="local-dir:$tiny"
fi
HF_HUB_OFFLINE=1 dist/MoodPlayer/MoodPlayer --self-test --model "$model"
