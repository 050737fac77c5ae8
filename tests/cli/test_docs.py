"""docs/CLI.md is generated from the parser; it must match what the code says today."""

import subprocess
import sys
from pathlib import Path

from moodplayer.cli import build_parser
from moodplayer.cli.docs import render
from moodplayer.cli.parser_tree import commands, optionals
from moodplayer.engine.settings import SCHEMA

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "CLI.md"


def test_cli_md_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == render(build_parser()), \
        "docs/CLI.md is out of date: run python scripts/gen_cli_docs.py"


def test_the_docs_cover_every_command_option_and_setting():
    text = render(build_parser())
    for name, (_, parser) in commands(build_parser()).items():
        assert f"## moodplayer {name}\n" in text
        section = text.split(f"## moodplayer {name}\n")[1].split("\n## ")[0]
        for action in optionals(parser):
            if "-h" in action.option_strings:
                continue  # every command has --help; the table leaves it out
            assert all(f"`{s}" in section for s in action.option_strings), (name, action.dest)
        assert "exit codes:" in section and "examples:" in section
    for key in SCHEMA:
        assert f"| `{key}` |" in text


def test_the_script_checks_and_writes(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_cli_docs.py"), "--check"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "up to date" in out.stdout
