"""``moodplayer models`` end to end: the real command against the local fake hub."""

from __future__ import annotations

import _thread
import io
import json
import threading
import time
from collections import namedtuple

import pytest

from moodplayer.cli import main
from moodplayer.cli.models import ProgressDisplay
from moodplayer.engine import paths

from ..fake_hub import TINY_REPO, online_hub, server, tiny_hub  # noqa: F401 - fixtures

SPEC = f"hf-hub:{TINY_REPO}"
WEIGHTS = "open_clip_model.safetensors"


@pytest.fixture(autouse=True)
def own_hf_cache(tmp_path, monkeypatch):
    """The Hugging Face cache other programs share is listed too: an empty one of our own."""
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hf-cache"))


def run(capsys, *argv):
    code = main(["models", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_list_json_shows_the_known_models_and_the_one_in_use(capsys):
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["models_dir"] == str(paths.models_dir()) and data["on_disk"] == []
    assert data["in_use"] == "ViT-B-32:laion2b_s34b_b79k"
    known = data["known"]
    assert len(known) == 6 and known[0]["default"] and known[0]["in_use"]
    assert not any(k["in_use"] for k in known[1:]) and not any(k["on_disk"] for k in known)
    assert {"spec", "title", "hub_repo", "download_mb", "cpu_photos_per_s", "good_for"} <= set(known[0])
    code, out, _ = run(capsys)  # `moodplayer models` alone lists, as words
    assert code == 0 and "not downloaded yet" in out and "ViT-L-14:datacomp_xl_s13b_b90k" in out


def test_download_list_path_remove_round_trip(online_hub, capsys, monkeypatch):
    from moodplayer.engine.vision.model import load_model

    monkeypatch.setenv("MOODPLAYER_MODEL", SPEC)  # the model in use: NAME may be left out
    code, out, err = run(capsys, "download")
    total = sum(len(online_hub.hub_bytes(TINY_REPO, n)) for n in ("open_clip_config.json", WEIGHTS))
    assert code == 0, err
    assert out.startswith(f"{SPEC} is on this computer") and "fetched now" in out
    lines = [l for l in err.splitlines() if "%" in l]
    assert lines and "\r" not in err  # stderr is no terminal here: plain lines, no bar
    assert lines[-1].strip().startswith("100%")

    data = json.loads(run(capsys, "list", "--json")[1])
    [model] = data["on_disk"]
    assert (model["spec"], model["size_bytes"], model["complete"], model["in_use"]) == \
        (SPEC, total, True, True)

    code, out, err = run(capsys, "path")
    folder = out.strip()
    assert code == 0 and "--model local-dir:" in err and "Settings" in err
    assert load_model(f"local-dir:{folder}", device="cpu", precision="fp32").embed_dim == 32

    code, out, err = run(capsys, "download", SPEC)  # again: nothing to fetch
    assert code == 0 and "already here" in out and len(online_hub.gets()) == 2

    code, out, err = run(capsys, "remove", SPEC)
    assert code == 0 and out.startswith(f"Removed {SPEC}:") and "It was the model in use" in err
    assert not (paths.models_dir() / "models--test-org--tiny-clip").exists()
    assert json.loads(run(capsys, "list", "--json")[1])["on_disk"] == []
    code, _, err = run(capsys, "remove", SPEC)
    assert code == 2 and "nothing was removed" in err


def test_ctrl_c_pauses_and_the_same_command_resumes(online_hub, capsys):
    online_hub.delay, online_hub.chunk = 0.01, 16 * 1024  # ~1.6 MB/s: seconds for the 13 MB
    blobs = paths.models_dir() / "models--test-org--tiny-clip" / "blobs"

    def press_ctrl_c():  # as the terminal does: KeyboardInterrupt in the main thread
        end = time.monotonic() + 30
        while time.monotonic() < end:
            partial = list(blobs.glob("*.incomplete")) if blobs.is_dir() else []
            if partial and partial[0].stat().st_size > 100_000:
                _thread.interrupt_main()
                return
            time.sleep(0.01)

    threading.Thread(target=press_ctrl_c, daemon=True).start()
    code, out, err = run(capsys, "download", SPEC)
    assert code == 130 and "Download paused at" in err and f"models download {SPEC}" in err
    [partial] = blobs.glob("*.incomplete")
    kept = partial.stat().st_size
    assert 0 < kept < len(online_hub.hub_bytes(TINY_REPO, WEIGHTS))

    online_hub.delay = 0.0
    code, out, err = run(capsys, "download", SPEC)
    assert code == 0 and "already here" in err  # the plan counts the kept bytes
    assert online_hub.gets()[-1][1] == f"bytes={kept}-"  # only the rest travelled
    assert not list(blobs.glob("*.incomplete"))


def test_a_terminal_gets_a_bar_redrawn_in_place():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    display = ProgressDisplay(screen)
    for done in (0, 5_000_000, 10_000_000):
        display.update(done, 10_000_000, 2_000_000)
    display.finish()
    frames = screen.getvalue().split("\r")[1:]
    assert len(frames) == 3 and frames[-1].endswith("\n")
    assert frames[1].startswith("[############............]  50%  5.0 MB of 10 MB")
    assert "about 2 s left" in frames[1]


def test_plain_lines_come_every_ten_percent_or_ten_seconds():
    now = [0.0]
    log = io.StringIO()
    display = ProgressDisplay(log, clock=lambda: now[0])
    for done in range(0, 101, 1):  # 1% a second
        now[0] += 1.0
        display.update(done * 1_000_000, 100_000_000, 1_000_000)
    lines = log.getvalue().splitlines()
    assert [int(l.split("%")[0]) for l in lines] == list(range(0, 101, 10))
    slow = ProgressDisplay(io.StringIO(), clock=lambda: now[0])
    for second in range(31):  # stuck at 1%: a line every 10 s says it is still alive
        now[0] += 1.0
        slow.update(1_000_000, 100_000_000, 0)
    assert len(slow.stream.getvalue().splitlines()) == 4  # at 0, 10, 20, 30 s


def test_names_that_cannot_be_downloaded_are_refused_with_exit_3(capsys):
    code, _, err = run(capsys, "download", "ViT-B-32")
    assert code == 3 and "random weights" in err
    code, _, err = run(capsys, "download", "ViT-B-32:laion2b_s34b_b79k")  # tests run offline
    assert code == 3 and "HF_HUB_OFFLINE" in err
    assert "https://huggingface.co/laion/CLIP-ViT-B-32-laion2B-s34B-b79K" in err  # how to carry it
    assert "local-dir:" in err


def test_a_full_disk_is_refused_before_the_first_byte(online_hub, capsys, monkeypatch):
    from moodplayer.engine.models import space

    Usage = namedtuple("Usage", "total used free")
    monkeypatch.setattr(space.shutil, "disk_usage", lambda p: Usage(10**9, 10**9 - 10**6, 10**6))
    code, _, err = run(capsys, "download", SPEC)
    assert code == 2 and "Not enough disk space" in err
    assert online_hub.gets() == []


def test_a_model_folder_in_use_is_listed_as_here(capsys, tiny_spec, monkeypatch):
    monkeypatch.setenv("MOODPLAYER_MODEL", tiny_spec)
    code, out, _ = run(capsys, "list")
    assert code == 0 and f"Model in use: {tiny_spec} (a model folder on this computer)" in out


def test_path_and_remove_of_a_model_that_is_not_here(capsys, tiny_spec, tiny_model_dir):
    code, _, err = run(capsys, "path")
    assert code == 2 and "moodplayer models download ViT-B-32:laion2b_s34b_b79k" in err
    code, out, _ = run(capsys, "path", tiny_spec)  # a model folder anywhere is its own path
    assert code == 0 and out.strip() == str(tiny_model_dir)
    code, _, err = run(capsys, "remove", tiny_spec)  # ...but not ours to delete
    assert code == 2 and "nothing was removed" in err and tiny_model_dir.is_dir()


@pytest.mark.parametrize("argv", [["models", "--help"], ["models", "download", "--help"]])
def test_help_names_the_exit_codes(argv, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0 and "exit codes" in capsys.readouterr().out
