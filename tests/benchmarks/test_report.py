"""common.report(): a readable line always, a JSON line only when asked; machine_flags()."""

from __future__ import annotations

import json


def test_report_appends_one_json_line_per_figure(common, tmp_path, monkeypatch, capsys):
    out = tmp_path / "figures.jsonl"
    monkeypatch.setenv("MOODPLAYER_BENCH_REPORT", str(out))
    common.report("drop -> first sound", 94.123456, "ms", target="< 1000 ms", ok=True)
    common.report("analyze throughput, 12MP", 44.2, "img/s", target=">= 80% of the bare encoder",
                  baseline=112.0, ok=False, echo=False)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["figure"] for r in rows] == ["drop -> first sound", "analyze throughput, 12MP"]
    assert rows[0]["value"] == 94.12 and rows[0]["unit"] == "ms"
    assert rows[0]["target"] == "< 1000 ms" and rows[0]["ok"] is True
    assert rows[1]["ok"] is False
    assert rows[1]["ratio"] == round(44.2 / 112.0, 4)  # from the baseline when not given
    printed = capsys.readouterr().out.splitlines()
    assert printed == ["drop -> first sound: 94.12 ms   target < 1000 ms: met"]  # echo=False


def test_report_takes_numpy_scalars(common, tmp_path, monkeypatch):
    import numpy as np

    out = tmp_path / "figures.jsonl"
    monkeypatch.setenv("MOODPLAYER_BENCH_REPORT", str(out))
    common.report("queue", np.float64(14.2), "ms", target="< 100 ms", ok=np.bool_(True))
    row = json.loads(out.read_text())
    assert row["value"] == 14.2 and row["ok"] is True


def test_report_writes_no_file_when_the_variable_is_unset(common, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("MOODPLAYER_BENCH_REPORT", raising=False)
    monkeypatch.chdir(tmp_path)
    row = common.report("rescan", 3.0, "s", target="< 2 s", ok=False)
    assert list(tmp_path.iterdir()) == []
    assert row["ok"] is False
    assert "NOT met" in capsys.readouterr().out


def test_machine_flags_name_the_cpu_units_and_torch(common):
    flags = common.machine_flags()
    assert flags["cores"] >= 1 and flags["cpu"]
    for name in ("avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_bf16"):
        assert flags[name] in (True, False, None)
    assert flags["torch"]  # the dev environment has torch
    assert "cpu_capability" in flags and "cuda" in flags
    json.dumps(flags)  # the summary passes them between processes as JSON
