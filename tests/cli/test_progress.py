"""Progress on stderr: plain lines in a log, a bar on a terminal, nothing with -q."""

import io
import json

from moodplayer.cli import main
from moodplayer.cli.progress import Progress

from .conftest import run_cli


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_plain_lines_every_tenth_and_at_the_end():
    out, clock = io.StringIO(), Clock()
    progress = Progress("scan", stream=out, delay=0, clock=clock)
    for done in range(0, 101):
        clock.now += 0.01
        progress(done, 100, f"/music/{done}.mp3")
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("scan: 0/100 (0%)")
    assert lines[-1].startswith("scan: 100/100 (100%)")
    assert len(lines) == 11 and "\r" not in out.getvalue()


def test_plain_lines_every_two_seconds_when_slow_or_total_unknown():
    out, clock = io.StringIO(), Clock()
    progress = Progress("scan", stream=out, delay=0, clock=clock)
    for step in range(10):  # 10 calls, 1 s apart, total unknown
        progress(step, 0, f"found {step} files")
        clock.now += 1.0
    assert out.getvalue().splitlines() == [f"scan: {n} found {n} files" if n else
                                           "scan: found 0 files" for n in (0, 2, 4, 6, 8)]


def test_a_new_phase_starts_its_own_count():
    out = io.StringIO()
    progress = Progress("scan", stream=out, delay=0, clock=Clock())
    progress(10, 10, "files done")
    progress(0, 4, "reading cover art")
    progress(4, 4, "profiles done")
    assert out.getvalue().splitlines() == ["scan: 10/10 (100%) files done",
                                           "scan: 0/4 (0%) reading cover art",
                                           "scan: 4/4 (100%) profiles done"]


def test_short_work_and_quiet_show_nothing():
    out, clock = io.StringIO(), Clock()
    quick = Progress("analyze", stream=out, delay=1.0, clock=clock)
    clock.now = 0.5
    quick(1, 1, "photo.jpg")
    Progress("analyze", stream=out, quiet=True, delay=0, clock=clock)(1, 1, "photo.jpg")
    assert out.getvalue() == ""
    clock.now = 1.5  # past the delay: shows
    quick(1, 1, "photo.jpg")
    assert out.getvalue().startswith("analyze: 1/1 (100%)")


def test_a_terminal_gets_a_bar_that_is_cleared():
    out = Terminal()
    with Progress("tune", stream=out, delay=0) as progress:
        for done in range(0, 21):
            progress(done, 20, f"epoch {done}")
        drawn = out.getvalue()
    assert drawn.startswith("\rtune:") and "/20 [" in drawn  # redrawn in place: no new lines
    assert "\n" not in out.getvalue() and out.getvalue().endswith("\r")  # cleared at the end


def test_analyze_folder_progress_in_a_pipe_and_quiet(photo_folder, tiny_spec, app_home):
    args = ["analyze", str(photo_folder), "--model", tiny_spec, "--batch-size", "4", "--json"]
    r = run_cli(args, app_home, {"MOODPLAYER_PROGRESS_DELAY": "0"})
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["photos"]) == 12  # stdout is still exactly one JSON object
    lines = [line for line in r.stderr.splitlines() if line.startswith("analyze:")]
    assert [line.split()[1] for line in lines] == ["4/12", "8/12", "12/12"]
    assert "\r" not in r.stderr

    r = run_cli(["-q"] + args, app_home, {"MOODPLAYER_PROGRESS_DELAY": "0"})
    assert r.returncode == 0 and len(json.loads(r.stdout)["photos"]) == 12
    assert r.stderr == ""


def test_tune_progress_is_plain_lines_when_not_a_terminal(tmp_path, tiny_spec, synthetic_folder,
                                                          capsys, monkeypatch):
    monkeypatch.setenv("MOODPLAYER_PROGRESS_DELAY", "0")
    rc = main(["tune", "--data", str(synthetic_folder), "--method", "linear", "--shots", "2",
               "--epochs", "3", "--lr", "0.5", "--model", tiny_spec,
               "--out", str(tmp_path / "a.safetensors"),
               "--json"])
    captured = capsys.readouterr()
    assert rc == 0 and json.loads(captured.out)["epochs"] == 3
    lines = [line for line in captured.err.splitlines() if line.startswith("tune:")]
    assert lines and lines[-1].startswith("tune: ") and "(100%)" in lines[-1]
    assert "\r" not in captured.err
