#!/usr/bin/env bash
# Run the tests against this checkout, in the environment scripts/install.sh made:
#
#   scripts/test.sh                          all tests (headless; no network, GPU or real weights)
#   scripts/test.sh tests/engine -k scan     any pytest arguments
#
# Installs what the tests need first (quick when it is there): the Debian
# packages below and the [test] extra of pyproject.toml (plus any dependency
# the checkout declares that the installed app lacks) into the app's venv.
# PYTHONPATH makes the tests, and the `python -m moodplayer` processes they
# start, use this checkout's code rather than the installed copy.
set -euo pipefail
source "$(dirname "$0")/common.sh"

PY="$VENV/bin/python"
[ -x "$PY" ] || die "no MoodPlayer environment in $VENV: run scripts/install.sh first"

# A real X screen, test audio, a session bus and MPRIS client, the .desktop validator.
apt_install xvfb xauth sox dbus playerctl desktop-file-utils

reqs="$("$PY" - "$CHECKOUT/pyproject.toml" <<'PY'
import sys
try:
    import tomllib
except ImportError:  # Python 3.10: let pip read pyproject.toml itself
    print("CHECKOUT")
    sys.exit()
with open(sys.argv[1], "rb") as f:
    project = tomllib.load(f)["project"]
print("\n".join(project["dependencies"] + project["optional-dependencies"]["test"]))
PY
)"
if [ "$reqs" = "CHECKOUT" ]; then
  "$PY" -m pip install -q --disable-pip-version-check "$CHECKOUT[test]"
else
  mapfile -t req_list <<<"$reqs"
  "$PY" -m pip install -q --disable-pip-version-check "${req_list[@]}"
fi

cd "$CHECKOUT"
export PYTHONPATH="$CHECKOUT/src${PYTHONPATH:+:$PYTHONPATH}"
exec "$PY" -m pytest -q "$@"
