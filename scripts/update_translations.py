"""Refresh the translation catalogues from the source, then compile them.

    PYTHONPATH=src python scripts/update_translations.py          # update .ts, build .qm
    PYTHONPATH=src python scripts/update_translations.py --check  # exit 1 if a .ts lacks text

1. ``pyside6-lupdate`` reads every tr()/translate()/QT_TRANSLATE_NOOP in
   src/moodplayer/app and core/describe.py into resources/i18n/moodplayer_<lang>.ts,
   keeping existing translations and dropping strings the code no longer has.
   Locations are left out so the catalogue does not change with every edit of a file.
2. Translate what is new (Qt Linguist: ``pyside6-linguist resources/i18n/moodplayer_ko.ts``).
3. ``pyside6-lrelease`` compiles each .ts to the .qm the app loads (both are committed,
   so a checkout runs without Qt's tools).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ["ko"]


def sources() -> list:
    """Every file whose strings are translated: the window, and the words core gives it."""
    app = sorted((ROOT / "src" / "moodplayer" / "app").rglob("*.py"))
    return app + [ROOT / "src" / "moodplayer" / "core" / "describe.py"]


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        raise SystemExit(f"{name} not found: it comes with PySide6 (pip install PySide6)")
    return found


def unfinished(ts: Path) -> list:
    """(context, source) of every message without a finished translation."""
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("unfinished",) or not (tr.text or "").strip():
                if tr is None or tr.get("type") not in ("obsolete", "vanished"):
                    out.append((name, msg.findtext("source")))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="only report untranslated strings")
    args = ap.parse_args()
    files = [str(p.relative_to(ROOT)) for p in sources()]
    status = 0
    for lang in LANGUAGES:
        ts = I18N / f"moodplayer_{lang}.ts"
        if not args.check:
            I18N.mkdir(parents=True, exist_ok=True)
            subprocess.run([tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "none",
                            "-target-language", lang, "-ts", str(ts.relative_to(ROOT))],
                           cwd=ROOT, check=True)
            subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
                           check=True)
        missing = unfinished(ts)
        for context, source in missing:
            print(f"{ts.name}: untranslated in {context}: {source!r}")
        status |= bool(missing)
    return status


if __name__ == "__main__":
    sys.exit(main())
