"""Write docs/CLI.md from the command-line parser (run after changing a command or option).

    python scripts/gen_cli_docs.py          # rewrite docs/CLI.md
    python scripts/gen_cli_docs.py --check  # exit 1 when docs/CLI.md is out of date

tests/cli/test_docs.py runs the same check.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # the checkout's code, not an installed copy

from moodplayer.cli.docs import render  # noqa: E402
from moodplayer.cli.main import build_parser  # noqa: E402

TARGET = ROOT / "docs" / "CLI.md"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only say whether the file is current")
    args = ap.parse_args()
    text = render(build_parser())
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run python scripts/gen_cli_docs.py", file=sys.stderr)
            return 1
        print(f"{TARGET} is up to date")
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
