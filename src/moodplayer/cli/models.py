"""``moodplayer models``: the CLIP models on this computer, and the known good ones.

    moodplayer models list [--json]     on disk (size, which one is in use) + the known good table
    moodplayer models download [NAME]   progress on stderr; Ctrl-C pauses, the same command resumes
    moodplayer models remove NAME       deletes it, says what and how much
    moodplayer models path [NAME]       the folder to copy to a computer without internet
    moodplayer models speed             how this CPU runs the model (measured fp32/bf16/int8)

NAME defaults to the model in use (settings, or ``MOODPLAYER_MODEL``). The
engine does the work (``engine.models``); this module only words it.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time

from ..engine import errors, paths
from ..engine.models import (carry_instructions, describe_progress, find_known, find_on_disk,
                             human_bytes, known_models, list_models, open_clip_folder, plan_download,
                             remove_model, run_plan, validate_spec)
from ..engine.models.store import SHARED
from ..engine.settings import Settings
from ..engine.tasks import CancelToken
from . import models_speed
from .common import (EXIT_CODES_HELP, EXIT_INTERRUPTED, EXIT_NOTHING, EXIT_OK, add_json, epilog,
                     print_json)

PLAIN_EVERY_S = 10.0  # without a terminal: a line at least this often...
PLAIN_EVERY_PERCENT = 10  # ...or each time this much more is done
BAR_WIDTH = 24


class ProgressDisplay:
    """Download progress on stderr: a bar redrawn in place on a terminal, plain lines in a log.

    ``update`` is called from the download's thread; nothing else writes to
    stderr while it runs.
    """

    def __init__(self, stream=None, clock=time.monotonic):
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.clock = clock
        self.drawn = 0  # characters of the bar on screen
        self.last_line = (None, -PLAIN_EVERY_PERCENT)  # (time, percent) of the last plain line
        self.done = self.total = 0

    def update(self, done: int, total: int, rate: float) -> None:
        self.done, self.total = done, total
        text = describe_progress(done, total, rate)
        percent = int(100 * done / total) if total else 0
        if self.tty:
            filled = BAR_WIDTH * percent // 100
            line = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {percent:3d}%  {text}"
            width = shutil.get_terminal_size((100, 20)).columns - 1  # a wrapped line cannot be redrawn
            line = line[:width]
            self.stream.write("\r" + line + " " * max(self.drawn - len(line), 0))
            self.drawn = len(line)
            self.stream.flush()
            return
        now, (then, last_percent) = self.clock(), self.last_line
        if (done == total and percent != last_percent) or percent >= last_percent + PLAIN_EVERY_PERCENT \
                or then is None or now - then >= PLAIN_EVERY_S:
            self.last_line = (now, percent)
            print(f"  {percent:3d}%  {text}", file=self.stream, flush=True)

    def finish(self) -> None:
        """End the bar's line, so what follows starts on a fresh one."""
        if self.tty and self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = 0


def _in_use() -> str:
    return Settings.load().model


# ---------------------------------------------------------------- list


def _disk_json(model, in_use_path) -> dict:
    return {"spec": model.spec, "path": str(model.path), "where": model.where,
            "size_bytes": model.size_bytes, "partial_bytes": model.partial_bytes,
            "complete": model.complete, "in_use": model.path == in_use_path,
            "known": model.known.spec if model.known else None}


def _known_json(known, on_disk: bool, in_use: bool) -> dict:
    return {"spec": known.spec, "title": known.title, "hub_repo": known.hub_repo,
            "download_mb": known.download_mb, "cpu_photos_per_s": known.cpu_photos_per_s,
            "imagenet": known.imagenet, "good_for": known.good_for, "default": known.is_default,
            "on_disk": on_disk, "in_use": in_use}


def cmd_list(args) -> int:
    in_use = _in_use()
    models = list_models()
    used = find_on_disk(in_use, models)
    used_path = used.path if used is not None else None
    wanted = find_known(in_use)
    known = [(k, find_on_disk(k.spec, models) is not None, k is wanted) for k in known_models()]
    if args.json:
        print_json({"models_dir": str(paths.models_dir()), "in_use": in_use,
                    "on_disk": [_disk_json(m, used_path) for m in models],
                    "known": [_known_json(*row) for row in known]})
        return EXIT_OK
    if used is not None and used.complete:
        state = "on this computer"
    else:
        state = "a model folder on this computer" if _local_folder(in_use) else "not downloaded yet"
    print(f"Model in use: {in_use} ({state})")
    print(f"Models folder: {paths.models_dir()}\n")
    _print_on_disk(models, used_path)
    print("\nKnown good models (moodplayer models download NAME; speed: photos/s on a small CPU):")
    print(f"    {'NAME':32} {'SIZE':>7} {'SPEED':>6}  {'HERE':4}  GOOD FOR")
    for k, here, in_use_now in known:
        mark = "*" if in_use_now else " "
        size = human_bytes(k.download_mb * 1e6)
        print(f"  {mark} {k.spec:32} {size:>7} {k.cpu_photos_per_s:>4.1f}/s  {'yes' if here else '-':4}  "
              f"{k.good_for}")
    print("\n(* = in use)")
    return EXIT_OK


def _print_on_disk(models: list, used_path) -> None:
    if not models:
        print("On this computer: no model yet (moodplayer models download fetches the one in use).")
        return
    print("On this computer:")
    for m in models:
        mark = "*" if m.path == used_path else " "
        notes = []
        if m.partial_bytes:
            notes.append(f"unfinished, {human_bytes(m.partial_bytes)} so far: "
                         f"`moodplayer models download {m.spec}` resumes it")
        elif not m.complete:
            notes.append("no weights")
        if m.where == SHARED:
            notes.append("in the Hugging Face cache, shared with other programs")
        note = f"  ({'; '.join(notes)})" if notes else ""
        print(f"  {mark} {m.spec:40} {human_bytes(m.size_bytes):>8}{note}")


# ---------------------------------------------------------------- download


def _download_in_thread(spec: str, display: ProgressDisplay, token) -> dict:
    """Run the download on a worker thread; the main thread only waits for Ctrl-C.

    A KeyboardInterrupt lands wherever the main thread happens to be; on a
    worker it could strike between moving a file and linking it. Here it only
    sets the cancel token, and the download stops cleanly between chunks.
    """
    box: dict = {}
    finished = threading.Event()  # not Thread.join: a join cut short by Ctrl-C can return early later

    def work():
        try:
            plan = plan_download(spec, cancel=token)
            here = f", {human_bytes(plan.have_bytes)} already here" if plan.have_bytes else ""
            print(f"Downloading {spec} ({human_bytes(plan.total_bytes)}{here}) into {plan.cache_dir}",
                  file=sys.stderr, flush=True)
            box["result"] = run_plan(plan, progress=display.update, cancel=token)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread
            box["error"] = exc
        finally:
            finished.set()

    threading.Thread(target=work, name="model-download", daemon=True).start()
    try:
        while not finished.wait(0.1):
            pass
    except KeyboardInterrupt:
        token.cancel()
        finished.wait()
        box["interrupted"] = True
    display.finish()
    return box


def cmd_download(args) -> int:
    spec = validate_spec(args.name or _in_use(), check_files=False).spec  # ModelLoadError: exit 3
    display = ProgressDisplay()
    box = _download_in_thread(spec, display, CancelToken())
    error = box.get("error")
    if box.get("interrupted") or isinstance(error, errors.Cancelled):
        kept = f" at {human_bytes(display.done)} of {human_bytes(display.total)}" if display.total else ""
        print(f"Download paused{kept}; run `moodplayer models download {spec}` again to resume.",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    if isinstance(error, errors.ModelNotAvailable):
        raise errors.ModelNotAvailable(f"{error}\n\n{carry_instructions(spec)}")
    if error is not None:
        raise error
    result = box["result"]
    fetched = (f"{human_bytes(result.downloaded_bytes)} fetched now" if result.downloaded_bytes
               else "it was already here")
    print(f"{spec} is on this computer ({human_bytes(result.total_bytes)}, {fetched}): {result.folder}")
    if spec != _in_use():
        print(f"To use it: --model {spec}, MOODPLAYER_MODEL={spec}, or Settings in the window.",
              file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------- remove


def cmd_remove(args) -> int:
    models = list_models()
    found = find_on_disk(args.name, models)
    if found is None:
        here = ", ".join(m.spec for m in models) or "none"
        print(f"{args.name} is not on this computer, nothing was removed. Models here: {here}.",
              file=sys.stderr)
        return EXIT_NOTHING
    if found.shared and not args.shared:
        print(f"{found.spec} is in the Hugging Face cache ({found.path}), which other programs may "
              f"use too; nothing was removed. Add --shared to remove it from there.", file=sys.stderr)
        return EXIT_NOTHING
    in_use = find_on_disk(_in_use(), models)
    freed = remove_model(found, allow_shared=args.shared)
    print(f"Removed {found.spec}: {human_bytes(freed)} freed ({found.path}).")
    if in_use is not None and in_use.path == found.path:
        print("It was the model in use: the window offers to download it again, or choose "
              "another in Settings.", file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------- path


def _local_folder(spec: str):
    """The folder of a ``local-dir:`` spec (or a bare folder) that holds a model, if it is one."""
    if not (spec.startswith("local-dir:") or os.path.isdir(os.path.expanduser(spec))):
        return None  # a NAME:TAG: no need to import open_clip to know
    try:
        checked = validate_spec(spec)
    except errors.ModelLoadError:
        return None
    return checked.folder if checked.kind == "local" else None


def cmd_path(args) -> int:
    spec = args.name or _in_use()
    found = find_on_disk(spec)
    folder = open_clip_folder(found) if found is not None else _local_folder(spec)
    if folder is not None:
        print(folder)
        print("Copy this folder to the other computer (cp -rL: its files may be links) and point "
              "MoodPlayer at the copy: --model local-dir:/path/to/the/copy, or Settings > Model > "
              "Choose a model folder…", file=sys.stderr)
        return EXIT_OK
    if found is not None and found.complete:  # weights without their config: the cache layout
        print(found.path)
        print(f"Copy this folder, links and all (tar -C {found.path.parent} -cf clip.tar "
              f"{found.path.name}), into MoodPlayer's models folder on the other computer "
              f"(`moodplayer models path` there names it): it is found under the same name.",
              file=sys.stderr)
        return EXIT_OK
    print(f"{spec} is not on this computer; download it first: moodplayer models download {spec}",
          file=sys.stderr)
    return EXIT_NOTHING


def register(sub) -> None:
    p = sub.add_parser("models", help="list, download and remove CLIP models",
                       epilog=epilog("moodplayer models list --json",
                                     "moodplayer models download ViT-B-32:laion2b_s34b_b79k",
                                     "moodplayer models path"),
                       description="The CLIP models on this computer, and the known good ones. "
                                   "NAME is a model spec (NAME:TAG, hf-hub:ORG/REPO); it defaults "
                                   "to the model in use. HF_ENDPOINT=URL downloads from a mirror.")
    add_json(p, "with no ACTION: the list as one JSON object")
    p.set_defaults(run=cmd_list)
    actions = p.add_subparsers(dest="models_action", metavar="ACTION")
    a = actions.add_parser("list", help="models on disk (size, in use) and the known good ones",
                           epilog=EXIT_CODES_HELP)
    add_json(a, "print one JSON object")
    a.set_defaults(run=cmd_list)
    a = actions.add_parser("download", help="download a model (Ctrl-C pauses; run again to resume)",
                           epilog=EXIT_CODES_HELP)
    a.add_argument("name", nargs="?", metavar="NAME", help="default: the model in use")
    a.set_defaults(run=cmd_download)
    a = actions.add_parser("remove", help="delete a downloaded model", epilog=EXIT_CODES_HELP)
    a.add_argument("name", metavar="NAME")
    a.add_argument("--shared", action="store_true",
                   help="also remove it from the Hugging Face cache other programs share")
    a.set_defaults(run=cmd_remove)
    a = actions.add_parser("path", help="the folder to copy to a computer without internet",
                           epilog=EXIT_CODES_HELP)
    a.add_argument("name", nargs="?", metavar="NAME", help="default: the model in use")
    a.set_defaults(run=cmd_path)
    models_speed.register(actions)
