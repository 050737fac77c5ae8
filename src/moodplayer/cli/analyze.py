"""``moodplayer analyze``: the emotions of photos, as a table or one JSON object."""

from __future__ import annotations

import sys

from ..engine.fsnames import display
from .common import (EXIT_NOTHING, EXIT_OK, add_json, add_model_options, epilog, load_reader,
                     print_json, settings_from)
from .progress import Progress


def _bar(p: float, width: int = 20) -> str:
    n = int(round(p * width))
    return "#" * n + "." * (width - n)


def print_analysis_table(analysis, out=sys.stdout) -> None:
    for photo in analysis.photos:
        if photo.result is None:
            print(f"{display(photo.path)}\n  could not read: {photo.error}\n", file=out)
            continue
        _print_result(display(photo.path), photo.result, out)
    if analysis.combined is not None and len(analysis.ok) > 1:
        _print_result(f"Combined mood of {len(analysis.ok)} photos", analysis.combined, out)


def _print_result(title, r, out) -> None:
    print(title, file=out)
    ranked = sorted(r.emotions.items(), key=lambda kv: -kv[1])
    for name, p in ranked:
        print(f"  {name:<12} {_bar(p)} {p * 100:5.1f}%", file=out)
    print(f"  valence {r.valence:+.2f}  arousal {r.arousal:+.2f}  "
          f"confidence {r.confidence:.2f}  top: {', '.join(r.top)}\n", file=out)


def cmd_analyze(args) -> int:
    from ..core.mood_session import MoodSession

    photos = MoodSession.expand(args.paths)
    if photos.empty:
        print("No photos found in the given paths.", file=sys.stderr)
        return EXIT_NOTHING
    settings = settings_from(args)
    if photos.found:
        reader = load_reader(settings, quiet=args.quiet, adapter=args.adapter)
        with Progress("analyze", quiet=args.quiet) as progress:
            analysis = MoodSession.analyse(reader, photos, progress)
    else:  # only missing or unreadable paths: say so now, without loading the model first
        analysis = _nothing_readable(photos.errors)
    if args.json:
        print_json(analysis.to_json())
        for photo in analysis.photos:
            if photo.error:
                print(f"could not read {display(photo.path)}: {photo.error}", file=sys.stderr)
    else:
        print_analysis_table(analysis)
    return EXIT_OK if analysis.ok else EXIT_NOTHING


def _nothing_readable(errors):
    from ..engine.emotions.result import Analysis, PhotoResult  # no torch: answers at once

    return Analysis([PhotoResult(e.path, error=e.reason) for e in errors], None)


def register(sub) -> None:
    p = sub.add_parser(
        "analyze", help="read the emotions of photos or folders of photos",
        description="Read the emotions photos evoke: each photo's distribution over the "
                    "emotions, its valence and arousal, and the combined mood of them all.",
        epilog=epilog("moodplayer analyze beach.jpg",
                      "moodplayer analyze ~/Pictures/holiday --json > moods.json",
                      "moodplayer -q analyze *.jpg --adapter ~/my-tuned.safetensors",
                      done="done: at least one photo was read"))
    p.add_argument("paths", nargs="+", metavar="PATH", help="photos and/or folders (recursive)")
    add_json(p, "print one JSON object: every photo and the combined mood")
    p.add_argument("--adapter", metavar="FILE",
                   help="a tuned adapter (from 'moodplayer tune'); default: the one the "
                        "settings name, if it still fits the model")
    add_model_options(p)
    p.set_defaults(run=cmd_analyze)
