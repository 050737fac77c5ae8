"""``moodplayer scan`` and ``moodplayer queue``: the library from the shell."""

from __future__ import annotations

import sys

from ..engine import errors
from ..engine.fsnames import UNREADABLE_FOLDER, display, json_path
from ..engine.settings import SCHEMA
from .common import (EXIT_INTERRUPTED, EXIT_NOTHING, EXIT_OK, add_json, add_model_options, epilog,
                     load_reader, open_library, print_json, setting_value, settings_from,
                     try_reader)
from .progress import Progress

# The settings' queue kinds (what the window writes) plus their other spellings.
KIND_CHOICES = list(SCHEMA["queue_kind"].choices) + [a for a, _ in SCHEMA["queue_kind"].aliases]


def _with_waits(progress):
    """The scan's progress, plus a line whenever the scan has to wait its turn."""
    from ..engine.library import SCAN_WAITING

    def show(done, total, message: str = "") -> None:
        if message.startswith(SCAN_WAITING):
            print(message, file=sys.stderr, flush=True)
        progress(done, total, message)
    return show


def cmd_scan(args) -> int:
    settings = settings_from(args)
    lib = open_library(settings)
    with Progress("scan", quiet=args.quiet) as progress:
        report = lib.scan(args.folders, _with_waits(progress), keyframes=not args.no_keyframes)
    # The model only when some item needs it: rescanning an unchanged library stays instant.
    if not (args.no_model or report.cancelled) and report.profiles.waiting_for_model:
        reader = try_reader(settings, args.quiet)
        if reader is not None:
            with Progress("profiles", quiet=args.quiet) as progress:
                report.profiles = lib.update_profiles(reader, progress)
            report.cancelled = report.profiles.cancelled
    heard = None
    if args.audio and not report.cancelled:
        from .listen import listen

        heard = listen(lib, args.quiet or args.json)
    if args.json:
        out = report.to_json()
        if heard is not None:
            out["audio"] = {"heard": heard.heard, "failed": heard.failed}
        print_json(out)
    else:
        print(f"added {report.added}, updated {report.updated}, unchanged {report.unchanged}, "
              f"moved {report.moved}, missing {report.missing}, failed {report.failed} "
              f"({report.seconds:.1f} s)")
        for path, reason in report.failures:
            print(f"  failed: {display(path)}: {reason}")
        waiting = getattr(report.profiles, "waiting_for_model", 0)
        if waiting:
            print(f"{waiting} items wait for the CLIP model to read their cover art and titles.")
    if report.cancelled:
        return EXIT_INTERRUPTED
    nothing = report.added + report.updated + report.unchanged + report.moved
    if nothing == 0 and report.failed and all(r.startswith(UNREADABLE_FOLDER)
                                              for _, r in report.failures):
        print("None of the given folders could be read.", file=sys.stderr)
        return EXIT_NOTHING
    return EXIT_OK


def _mood_of(session, reader, inputs, what: str, quiet: bool):
    photos = session.expand(inputs)
    with Progress("analyze", quiet=quiet) as progress:
        analysis = session.analyse(reader, photos, progress)
    for photo in analysis.photos:
        if photo.error:
            print(f"could not read {display(photo.path)}: {photo.error}", file=sys.stderr)
    if analysis.combined is None:
        raise errors.MoodPlayerError(f"no readable photo among the {what} paths")
    return analysis.combined


def _options(session, args):
    return session.options(
        kind=args.kind, length=args.length if args.minutes is None else None,
        minutes=args.minutes, diversity=args.diversity, max_per_artist=args.max_per_artist,
        max_per_album=args.max_per_album, genres_include=tuple(args.genre or ()),
        genres_exclude=tuple(args.exclude_genre or ()))


def cmd_queue(args) -> int:
    from ..core.mood_session import MoodSession
    from ..core.playlists import Playlists
    from ..engine.library import EmptyLibrary

    settings = settings_from(args)
    lib = open_library(settings)
    if lib.count() == 0:
        print("The library is empty: add music or videos with `moodplayer scan FOLDER` first.",
              file=sys.stderr)
        return EXIT_NOTHING
    session = MoodSession(lib, settings)
    if session.expand(args.paths).empty:
        print("No photos found in the given paths.", file=sys.stderr)
        return EXIT_NOTHING
    reader = load_reader(settings, quiet=args.quiet)
    if lib.counts()["waiting_for_model"]:  # the model is here now: finish the profiles
        with Progress("profiles", quiet=args.quiet) as progress:
            lib.update_profiles(reader, progress)
    mood = _mood_of(session, reader, args.paths, "given", args.quiet)
    to_mood = _mood_of(session, reader, args.to, "--to", args.quiet) if args.to else None
    try:
        queue = session.path_queue(mood, to_mood, _options(session, args))
    except EmptyLibrary as exc:
        print(f"{str(exc)[0].upper()}{str(exc)[1:]}.", file=sys.stderr)
        return EXIT_NOTHING
    if args.export:
        Playlists.export(args.export, queue, title="MoodPlayer: " + ", ".join(mood.top[:2]))
    if args.save:
        Playlists(lib).save(args.save, queue, mood=mood)
    if args.json:
        out = {"mood": mood.to_json(),
               "items": [{**json_path(q.path), "title": q.title, "artist": q.artist, "kind": q.kind,
                          "score": round(q.score, 6), "reason": q.reason} for q in queue]}
        if to_mood is not None:
            out["to_mood"] = to_mood.to_json()
        print_json(out)
    else:
        _print_queue(mood, queue, args.export)
    return EXIT_OK


def _print_queue(mood, queue, exported) -> None:
    print(f"Mood: {', '.join(mood.top)} (valence {mood.valence:+.2f}, arousal {mood.arousal:+.2f})")
    for n, q in enumerate(queue, 1):
        who = f"{q.artist} - " if q.artist else ""
        print(f"{n:3d}. {who}{q.title}  [{q.kind}, {q.score:.2f}]\n       {q.reason}")
    if exported:
        print(f"Exported to {exported}")


def register(sub) -> None:
    _register_scan(sub)
    _register_queue(sub)


def _register_scan(sub) -> None:
    p = sub.add_parser(
        "scan", help="add music/video folders to the library (incremental)",
        description="Add music and video folders to the library, or bring it up to date: new, "
                    "changed, moved and missing files are found; unchanged ones cost nothing.",
        epilog=epilog("moodplayer scan ~/Music ~/Videos",
                      "moodplayer scan ~/Music --no-model --json",
                      done="done (some files may have failed: they are listed)"))
    p.add_argument("folders", nargs="+", metavar="DIR", help="music and video folders")
    add_json(p, "print the counts as one JSON object")
    p.add_argument("--no-model", action="store_true",
                   help="do not load CLIP now (tags and genres only; art later)")
    p.add_argument("--no-keyframes", action="store_true", help="do not decode video frames")
    p.add_argument("--audio", action="store_true",
                   help="then analyse the sound of every item not heard yet (tempo, loudness, "
                        "key; slower: about a second per track on 2 cores)")
    add_model_options(p)
    p.set_defaults(run=cmd_scan)


def _register_queue(sub) -> None:
    p = sub.add_parser(
        "queue", help="build a mood-matched queue from photos",
        description="Read the mood of photos and pick music and videos from the library that "
                    "fit it; print the queue, export it, or save it as a playlist.",
        epilog=epilog("moodplayer queue beach.jpg --length 10",
                      "moodplayer queue rainy/ --kind any --export rainy.xspf",
                      "moodplayer queue calm.jpg --to party.jpg --minutes 45 --save 'Warm up'"))
    p.add_argument("paths", nargs="+", metavar="PATH", help="photos and/or folders of photos")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--length", type=setting_value("queue_length"), metavar="N",
                      help="number of items (default: the settings, 20)")
    size.add_argument("--minutes", type=float, help="total duration instead of a count")
    p.add_argument("--kind", choices=KIND_CHOICES,
                   help="what to queue; any (or mixed) = music and videos (default: the settings)")
    p.add_argument("--to", nargs="+", metavar="PATH",
                   help="photos of the mood to arrive at: a path from PATH's mood to this one")
    p.add_argument("--genre", action="append", help="only genres containing this (repeatable)")
    p.add_argument("--exclude-genre", action="append",
                   help="skip genres containing this (repeatable)")
    p.add_argument("--diversity", type=setting_value("diversity"), metavar="0..1",
                   help="0 = best fit only, 1 = most varied (default: the settings, 0.3)")
    p.add_argument("--max-per-artist", type=int, default=2, metavar="N",
                   help="at most this many per artist (default 2)")
    p.add_argument("--max-per-album", type=int, default=2, metavar="N",
                   help="at most this many per album (default 2)")
    p.add_argument("--export", metavar="FILE", help="write FILE.m3u8 or FILE.xspf")
    p.add_argument("--save", metavar="NAME", help="save as a playlist in the library")
    add_json(p, "print one JSON object: the mood and the items")
    add_model_options(p)
    p.set_defaults(run=cmd_queue)
