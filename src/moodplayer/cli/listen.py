"""``moodplayer listen`` and ``moodplayer items``: hear the library, and show what was heard."""

from __future__ import annotations

import json
import sys

from .common import (EXIT_INTERRUPTED, EXIT_OK, add_json, add_model_options, epilog,
                     open_library, print_json, settings_from)
from .progress import Progress


def listen(lib, quiet: bool):
    """Hear every item that lacks audio features; returns the ListenReport."""
    from ..core.listening import Listening

    with Progress("listen", quiet=quiet) as progress:
        report = Listening(lib).run(progress)
    if not quiet:
        print(report.message, file=sys.stderr)
    return report


def cmd_listen(args) -> int:
    lib = open_library(settings_from(args))
    report = listen(lib, args.json or args.quiet)
    if args.json:
        print_json({"heard": report.heard, "failed": report.failed,
                    "remaining": report.remaining, "seconds": round(report.seconds, 2),
                    "failures": [{"path": p, "reason": r} for p, r in lib.audio_failures()]})
    return EXIT_INTERRUPTED if report.cancelled else EXIT_OK


def _audio_json(features):
    if not features:
        return None
    f = json.loads(features)
    return {"bpm": f.get("tempo_bpm"), "key": f.get("key") or None, "mode": f.get("mode") or None,
            "loudness_lufs": f.get("loudness_lufs"), "loudness_range_lu": f.get("loudness_range_lu"),
            "beat_strength": f.get("beat_strength"), "onset_rate": f.get("onset_rate"),
            "brightness_hz": f.get("centroid_hz"), "key_strength": f.get("key_strength")}


def cmd_items(args) -> int:
    lib = open_library(settings_from(args))
    rows = lib.item_moods(kind=args.kind, limit=args.limit)
    for r in rows:
        r["audio"] = _audio_json(r["audio"])
    if args.json:
        print_json({"items": rows})
        return EXIT_OK
    if not rows:
        print("The library is empty: add music or videos with `moodplayer scan FOLDER`.")
    for r in rows:
        heard = r["audio"]
        sound = (f"{heard['bpm']:.0f} BPM, {heard['key']} {heard['mode']}, "
                 f"{heard['loudness_lufs']:.0f} LUFS" if heard else "not heard yet")
        who = f"{r['artist']} - " if r["artist"] else ""
        print(f"{who}{r['title']}  [{r['kind']}] {', '.join(r['top'])} "
              f"(valence {r['valence']:+.2f}, arousal {r['arousal']:+.2f}); {sound}")
    return EXIT_OK


def _positive(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def register(sub) -> None:
    p = sub.add_parser(
        "listen", help="analyse the sound of library items not heard yet",
        description="Measure the sound of every library item not heard yet (loudness, tempo, "
                    "key and mode, brightness) in low-priority worker processes. Ctrl-C stops "
                    "it; the next run goes on where it stopped.",
        epilog=epilog("moodplayer listen", "moodplayer listen --json"))
    add_json(p, "print one JSON object: heard, failed, remaining and each failure's reason")
    add_model_options(p, taxonomy_only=True)
    p.set_defaults(run=cmd_listen)

    p = sub.add_parser(
        "items", help="list library items with their mood and what was heard",
        description="Every playable library item with its combined mood (valence, arousal, "
                    "top emotions) and its measured sound, or null when not heard yet.",
        epilog=epilog("moodplayer items --kind music --limit 20",
                      "moodplayer items --json"))
    add_json(p, 'print one JSON object {"items": [...]}')
    p.add_argument("--kind", choices=["music", "video"], help="only this kind")
    p.add_argument("--limit", type=_positive, metavar="N", help="at most N items")
    add_model_options(p, taxonomy_only=True)
    p.set_defaults(run=cmd_items)
