"""benchmarks/summary.py: the table, the README section, and a run over fake benchmarks."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import BENCHMARKS

ROOT = BENCHMARKS.parent
FLAGS = {"cpu": "Test CPU", "cores": 2, "avx2": True, "avx512f": True, "avx512_vnni": False,
         "avx512_bf16": False, "amx_bf16": False, "torch": "2.0", "cpu_capability": "AVX2",
         "cuda": None}


def figure(name, value, unit, target=None, ok=None, ratio=None):
    return {"figure": name, "value": value, "unit": unit, "target": target, "ok": ok,
            "ratio": ratio}


RESULTS = [
    {"name": "app", "status": "ok", "figures": [
        figure("drop -> first sound", 94.0, "ms", "< 1000 ms", True),
        figure("longest GUI stall", 61.5, "ms", "< 50 ms", False)]},
    {"name": "analyze", "status": "timed out after 600 s", "figures": [
        figure("analyze throughput | 1MP", 77.6, "img/s", ">= 80% of bare", False, 0.69)]},
    {"name": "precision", "status": "not present", "figures": []},
]


def test_markdown_has_a_row_per_figure_and_marks_an_unmet_target(summary):
    text = summary.render_markdown(RESULTS, FLAGS, "2030-01-02")
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert rows[0] == "| benchmark | figure | value | target | ratio | met? |"
    body = rows[2:]
    assert len(body) == 5  # 3 figures + the timed-out run + the missing script
    assert body[0] == "| app | drop -> first sound | 94.0 ms | < 1000 ms |  | yes |"
    assert body[1].endswith("| < 50 ms |  | **no** |")
    assert "analyze throughput \\| 1MP" in body[2] and "| 0.69x |" in body[2]
    assert body[3] == "| analyze |  | timed out after 600 s |  |  |  |"
    assert body[4] == "| precision |  | not present |  |  |  |"
    assert "2030-01-02" in text and "docs/BENCHMARKS.md" in text
    assert "Test CPU, 2 cores; avx2 avx512f (no avx512_vnni, avx512_bf16, amx_bf16)" in text


def test_text_table_puts_the_machine_above_it(summary):
    text = summary.render_text(RESULTS, FLAGS)
    lines = text.splitlines()
    assert lines[0].startswith("machine: Test CPU, 2 cores")
    assert lines[2].split() == ["benchmark", "figure", "value", "target", "ratio", "met?"]
    assert sum("NO" in line.split() for line in lines) == 2


README = """# X

intro

## Performance

<!-- perf:begin -->
old table
<!-- perf:end -->

## More
tail
"""


def test_readme_rewrite_replaces_only_between_the_markers(summary):
    new = summary.replace_section(README, "| new | table |\n")
    assert new == README.replace("old table", "| new | table |")


@pytest.mark.parametrize("broken", [
    README.replace("<!-- perf:begin -->\n", ""),
    README.replace("<!-- perf:end -->\n", ""),
    README.replace("perf:begin", "@").replace("perf:end", "perf:begin").replace("@", "perf:end"),
    README + "<!-- perf:end -->\n",
])
def test_readme_rewrite_refuses_without_one_pair_of_markers(summary, broken, tmp_path):
    with pytest.raises(ValueError, match="perf:begin"):
        summary.replace_section(broken, "x")
    readme = tmp_path / "README.md"
    readme.write_text(broken)
    with pytest.raises(SystemExit, match="cannot write the performance section"):
        summary.write_readme(readme, "x")
    assert readme.read_text() == broken  # untouched


def test_the_real_readme_has_its_markers_under_performance(summary):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    summary.replace_section(text, "x")  # raises unless exactly one pair
    headings = [line for line in text[:text.index(summary.BEGIN)].splitlines()
                if line.startswith("## ")]
    assert headings[-1] == "## Performance"


def test_every_planned_script_exists_or_is_one_still_being_written(summary):
    missing = {b.script for b in summary.PLAN if not (BENCHMARKS / b.script).exists()}
    assert missing <= {"bench_precision.py", "bench_first_emotion.py"}
    assert len({b.name for b in summary.PLAN}) == len(summary.PLAN)


def test_every_benchmark_script_is_in_the_summary(summary):
    planned = {b.script for b in summary.PLAN}
    assert {p.name for p in BENCHMARKS.glob("bench_*.py")} <= planned


def test_planned_options_are_ones_their_scripts_take(summary):
    """A renamed option would only show as a failed row at the end of a 15-minute run."""
    unknown = []
    for b in summary.PLAN:
        path = BENCHMARKS / b.script
        if path.exists():
            source = path.read_text(encoding="utf-8")
            unknown += [f"{b.script} {a}" for a in b.args + b.quick
                        if a.startswith("--") and f'"{a}"' not in source]
    assert unknown == []


def test_an_unknown_name_is_refused(summary, tmp_path):
    with pytest.raises(SystemExit, match="no benchmark 'nonsense'"):
        summary.select("nonsense", tmp_path)


def fake_benchmarks(folder: Path) -> None:
    """A benchmark that reports, one that reports and then fails, one that hangs."""
    head = f"import sys, time\nsys.path.insert(0, {str(BENCHMARKS)!r})\nfrom common import report\n"
    scripts = {
        "bench_fake.py": "report('fake figure', 42.0, 'ms', target='< 50 ms', ok=True)\n"
                         "report('args', len(sys.argv) - 1, 'count')\n",
        "bench_broken.py": "report('half done', 7.0, 's')\nsys.exit(3)\n",
        "bench_slow.py": "report('before the hang', 1.0, 's')\ntime.sleep(120)\n",
    }
    for name, body in scripts.items():
        (folder / name).write_text(head + body)


def test_summary_runs_fake_benchmarks_and_collects_their_figures(tmp_path):
    fake_benchmarks(tmp_path)
    readme = tmp_path / "README.md"
    readme.write_text(README)
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, str(BENCHMARKS / "summary.py"), "--benchmarks-dir", str(tmp_path),
         "--only", "fake,broken,slow,precision", "--timeout", "10", "--force",
         "--json", str(out), "--write-readme", "--readme", str(readme)],
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # one failed, one timed out
    results = {r["name"]: r for r in json.loads(out.read_text())["results"]}
    fake = results["fake"]
    assert fake["status"] == "ok"
    assert [(f["figure"], f["value"], f["ok"]) for f in fake["figures"]] == \
        [("fake figure", 42.0, True), ("args", 0.0, None)]  # no arguments outside PLAN
    assert results["broken"]["status"] == "failed (exit 3)"
    assert [f["figure"] for f in results["broken"]["figures"]] == ["half done"]
    assert results["slow"]["status"] == "timed out after 10 s"
    assert results["slow"]["seconds"] < 60
    assert results["precision"]["status"] == "not present"
    section = readme.read_text()
    assert "| fake | fake figure | 42.0 ms | < 50 ms |  | yes |" in section
    assert "timed out after 10 s" in section and section.endswith("## More\ntail\n")
    assert "fake figure" in proc.stdout and "machine:" in proc.stdout


def test_summary_will_not_start_beside_another_torch_process(summary, tmp_path):
    fake_benchmarks(tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import torch, sys; print('ready', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        assert holder.pid in [pid for pid, _ in summary.torch_processes()]
        assert summary.main(["--benchmarks-dir", str(tmp_path), "--only", "fake"]) == 2
    finally:
        holder.kill()
        holder.wait()
