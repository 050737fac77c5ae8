"""``moodplayer label`` / ``moodplayer labels``: your corrections, from the shell.

The window stores a label when you right-click a photo ("this feels like...");
these commands do the same and export the labels as the ``path,label`` CSV
that ``moodplayer tune --data FILE.csv`` reads, so the CLI can tune from the
same corrections the app collected.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from .cli import EXIT_NOTHING, EXIT_OK, EXTENSIONS, command, settings_from


def _library_and_taxonomy(args):
    from .cli_library import _open_library

    lib = _open_library(settings_from(args))
    return lib, lib.taxonomy


@command("label")
def cmd_label(args) -> int:
    from .engine.library import add_label
    from .engine.vision.images import decode_image

    lib, taxonomy = _library_and_taxonomy(args)
    emotion = args.emotion.strip().lower()
    if emotion not in taxonomy.names:
        print(f"'{args.emotion}' is not an emotion of {taxonomy.id}; choose one of: "
              f"{', '.join(taxonomy.names)}", file=sys.stderr)
        return EXIT_NOTHING
    decode_image(args.photo)  # a clear PhotoError now beats a useless label later
    with lib.db.session() as s:
        add_label(s, Path(args.photo).resolve(), emotion, taxonomy.id, source="user")
    print(f"{args.photo}: labelled {emotion}")
    return EXIT_OK


@command("labels")
def cmd_labels(args) -> int:
    from .engine.library import list_labels

    lib, taxonomy = _library_and_taxonomy(args)
    with lib.db.session() as s:
        rows = [(r.photo_path, r.label, r.source, r.created_at.isoformat(timespec="seconds"))
                for r in list_labels(s, taxonomy.id)]
    latest = {}
    for path, label, source, when in rows:  # a later correction of a photo wins
        latest[path] = (label, source, when)
    if args.export:
        with open(args.export, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["path", "label"])
            writer.writerows((p, v[0]) for p, v in latest.items() if Path(p).exists())
        print(f"wrote {len(latest)} labels to {args.export} (tune with: moodplayer tune "
              f"--data {args.export} --method dapt)", file=sys.stderr)
    if args.json:
        print(json.dumps([{"path": p, "label": v[0], "source": v[1], "time": v[2]}
                          for p, v in latest.items()], ensure_ascii=False))
    elif not args.export:
        counts = {n: 0 for n in taxonomy.names}
        for label, _, _ in latest.values():
            counts[label] = counts.get(label, 0) + 1
        print(f"{len(latest)} labelled photos: " + ", ".join(f"{n} {c}" for n, c in counts.items()))
    return EXIT_OK


def extend(sub) -> None:
    p = sub.add_parser("label", help="store what a photo really feels like (a correction)")
    p.add_argument("photo")
    p.add_argument("emotion")
    p.add_argument("--taxonomy")
    p = sub.add_parser("labels", help="list your labels, or export them as CSV for tune")
    p.add_argument("--export", metavar="FILE.csv")
    p.add_argument("--json", action="store_true")
    p.add_argument("--taxonomy")


EXTENSIONS.append(extend)
