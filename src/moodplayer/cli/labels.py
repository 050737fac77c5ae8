"""``moodplayer label`` / ``moodplayer labels``: your corrections, from the shell.

The window stores a label when you right-click a photo ("this feels like...");
these commands do the same and export the labels as the ``path,label`` CSV
that ``moodplayer tune --data FILE.csv`` reads, so the CLI can tune from the
same corrections the app collected.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from ..engine.fsnames import json_path
from .common import (EXIT_NOTHING, EXIT_OK, add_json, add_model_options, epilog, note,
                     open_library, print_json, settings_from)


def cmd_label(args) -> int:
    from ..engine.vision.images import decode_image

    lib = open_library(settings_from(args))
    emotion = args.emotion.strip().lower()
    if emotion not in lib.taxonomy.names:
        print(f"'{args.emotion}' is not an emotion of {lib.taxonomy.id}; choose one of: "
              f"{', '.join(lib.taxonomy.names)}", file=sys.stderr)
        return EXIT_NOTHING
    decode_image(args.photo)  # a clear PhotoError now beats a useless label later
    path = Path(args.photo).resolve()
    lib.add_label(path, emotion)
    if args.json:
        print_json({"path": str(path), "label": emotion})
    else:
        print(f"{args.photo}: labelled {emotion}")
    return EXIT_OK


def _export(rows, path: str) -> int:
    kept = [(p, label) for p, label, _, _ in rows if Path(p).exists()]
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["path", "label"])
        writer.writerows(kept)
    return len(kept)


def _export_note(written: int, gone: int, path: str) -> str:
    text = f"wrote {written} label{'s' if written != 1 else ''} to {path}"
    if gone == 1:
        text += " (1 photo no longer exists and was left out)"
    elif gone:
        text += f" ({gone} photos no longer exist and were left out)"
    return text + f" (tune with: moodplayer tune --data {path} --method dapt)"


def cmd_labels(args) -> int:
    lib = open_library(settings_from(args))
    rows = lib.label_rows()  # the latest label of each photo
    if args.export:
        n = _export(rows, args.export)
        note(_export_note(n, len(rows) - n, args.export), args.quiet)
    if args.json:
        print_json([{**json_path(p), "label": lbl, "source": src, "time": when}
                    for p, lbl, src, when in rows])
    elif not args.export:
        counts = lib.label_counts(lib.taxonomy.names)
        print(f"{len(rows)} labelled photos: " + ", ".join(f"{n} {c}" for n, c in counts.items()))
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser(
        "label", help="store what a photo really feels like (a correction)",
        description="Store your own reading of a photo, as the window's right-click "
                    "'this feels like...' does; 'tune' learns from these labels.",
        epilog=epilog("moodplayer label beach.jpg contentment",
                      "moodplayer label --taxonomy my-emotions.json storm.jpg fear"))
    p.add_argument("photo", help="the photo")
    p.add_argument("emotion", help="one of the taxonomy's emotions, e.g. awe")
    add_json(p, "print the stored label as one JSON object")
    add_model_options(p, taxonomy_only=True)
    p.set_defaults(run=cmd_label)

    p = sub.add_parser(
        "labels", help="list your labels, or export them as CSV for tune",
        description="Count your labels per emotion, list them (--json), or write them as the "
                    "path,label CSV that 'moodplayer tune --data' reads.",
        epilog=epilog("moodplayer labels",
                      "moodplayer labels --export labels.csv && moodplayer tune --data labels.csv",
                      "moodplayer labels --json"))
    p.add_argument("--export", metavar="FILE.csv", help="write path,label rows for 'tune --data'")
    add_json(p, "print one JSON list: path, label, source and time of each labelled photo")
    add_model_options(p, taxonomy_only=True)
    p.set_defaults(run=cmd_labels)
