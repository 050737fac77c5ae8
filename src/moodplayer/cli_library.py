"""Library subcommands: scan, queue, playlists. Registered into moodplayer.cli."""

from __future__ import annotations

import json
import sys

from .cli import (EXIT_INTERRUPTED, EXIT_NOTHING, EXIT_OK, EXTENSIONS, add_model_options,
                  build_extractor, command, settings_from)
from .engine import errors


def _open_library(settings):
    """Imported lazily so `moodplayer --help` stays fast."""
    from .engine.emotions.taxonomy import load_taxonomy
    from .engine.library import Library

    return Library(taxonomy=load_taxonomy(settings.taxonomy))


def _try_extractor(settings, quiet: bool):
    """The model if it loads; scanning goes on without it (tags and genres only)."""
    try:
        return build_extractor(settings, progress_to_stderr=not quiet)
    except (errors.ModelNotAvailable, errors.ModelLoadError) as exc:
        text = " ".join(str(exc).split()) or type(exc).__name__
        first = text.split(". ")[0].rstrip(".")  # one line: the full story is in `analyze`
        print(f"warning: no CLIP model ({first}); cover art and title signals are skipped "
              f"and will be computed when the model is available.", file=sys.stderr)
        return None


@command("scan")
def cmd_scan(args) -> int:
    settings = settings_from(args)
    lib = _open_library(settings)
    extractor = None if args.no_model else _try_extractor(settings, args.json)
    report = lib.scan(args.folders, extractor=extractor, keyframes=not args.no_keyframes)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        print(f"added {report.added}, updated {report.updated}, unchanged {report.unchanged}, "
              f"moved {report.moved}, missing {report.missing}, failed {report.failed} "
              f"({report.seconds:.1f} s)")
        for path, reason in report.failures:
            print(f"  failed: {path}: {reason}")
        waiting = getattr(report.profiles, "waiting_for_model", 0)
        if waiting:
            print(f"{waiting} items wait for the CLIP model to read their cover art and titles.")
    if report.cancelled:
        return EXIT_INTERRUPTED
    nothing = report.added + report.updated + report.unchanged + report.moved
    if nothing == 0 and report.failed and all(r.startswith("cannot read this folder")
                                              for _, r in report.failures):
        print("None of the given folders could be read.", file=sys.stderr)
        return EXIT_NOTHING
    return EXIT_OK


def _analyze(extractor, inputs, what: str):
    from .engine.vision.images import iter_image_paths

    missing = []
    paths = list(iter_image_paths(inputs, errors=missing))
    analysis = extractor.analyze_paths(paths, errors=missing)
    for photo in analysis.photos:
        if photo.error:
            print(f"could not read {photo.path}: {photo.error}", file=sys.stderr)
    if analysis.combined is None:
        raise errors.MoodPlayerError(f"no readable photo among the {what} paths")
    return analysis.combined


@command("queue")
def cmd_queue(args) -> int:
    from .engine.library.errors import EmptyLibrary
    from .engine.matching import MoodTarget, QueueOptions
    from .engine.playlists import PlaylistEntryData, write_playlist
    from .engine.vision.images import iter_image_paths

    settings = settings_from(args)
    lib = _open_library(settings)
    counts = lib.counts()
    if counts["total"] == 0:
        print("The library is empty: add music or videos with `moodplayer scan FOLDER` first.",
              file=sys.stderr)
        return EXIT_NOTHING
    unreadable = []
    if not list(iter_image_paths(args.paths, errors=unreadable)) and not unreadable:
        print("No photos found in the given paths.", file=sys.stderr)
        return EXIT_NOTHING
    extractor = build_extractor(settings, progress_to_stderr=not args.json)
    if counts["waiting_for_model"]:
        lib.update_profiles(extractor)  # the model is here now: finish the profiles
    mood = _analyze(extractor, args.paths, "given")
    to_mood = _analyze(extractor, args.to, "--to") if args.to else None
    options = QueueOptions(
        length=args.length if args.minutes is None else None, minutes=args.minutes,
        kind=args.kind or settings.queue_kind, diversity=args.diversity
        if args.diversity is not None else settings.diversity,
        max_per_artist=args.max_per_artist, max_per_album=args.max_per_album,
        genres_include=tuple(args.genre or ()), genres_exclude=tuple(args.exclude_genre or ()))
    try:
        queue = lib.build_queue(MoodTarget.from_result(mood), options,
                                to_target=MoodTarget.from_result(to_mood) if to_mood else None)
    except EmptyLibrary as exc:
        print(f"{str(exc)[0].upper()}{str(exc)[1:]}.", file=sys.stderr)
        return EXIT_NOTHING
    if args.export:
        write_playlist(args.export, [PlaylistEntryData.from_queue_item(q) for q in queue],
                       title="MoodPlayer: " + ", ".join(mood.top[:2]))
    if args.save:
        from .engine.playlists.store import save_playlist

        with lib.db.session() as s:
            save_playlist(s, args.save, [PlaylistEntryData.from_queue_item(q) for q in queue],
                          mood=mood.to_json(), reasons=[q.reason for q in queue])
    if args.json:
        out = {"mood": mood.to_json(),
               "items": [{"path": q.path, "title": q.title, "artist": q.artist, "kind": q.kind,
                          "score": round(q.score, 6), "reason": q.reason} for q in queue]}
        if to_mood is not None:
            out["to_mood"] = to_mood.to_json()
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(f"Mood: {', '.join(mood.top)} (valence {mood.valence:+.2f}, arousal {mood.arousal:+.2f})")
        for n, q in enumerate(queue, 1):
            who = f"{q.artist} - " if q.artist else ""
            print(f"{n:3d}. {who}{q.title}  [{q.kind}, {q.score:.2f}]\n       {q.reason}")
        if args.export:
            print(f"Exported to {args.export}")
    return EXIT_OK


@command("playlists")
def cmd_playlists(args) -> int:
    from .engine.playlists import read_playlist, write_playlist
    from .engine.playlists.store import list_playlists, load_playlist, save_playlist

    lib = _open_library(settings_from(args))
    with lib.db.session() as s:
        if args.action == "list" or not args.action:
            rows = list_playlists(s)
            if args.json:
                print(json.dumps([{"name": p.name} for p in rows], ensure_ascii=False))
            elif not rows:
                print("No saved playlists.")
            for p in rows if not args.json else []:
                print(p.name)
        elif not args.name:
            raise errors.MoodPlayerError(f"playlists {args.action} needs a playlist name")
        elif args.action == "show":
            for e in load_playlist(s, args.name):
                print(e.path)
        elif args.action == "export":
            if not args.file:
                raise errors.MoodPlayerError("playlists export needs NAME and a .m3u8/.xspf FILE")
            write_playlist(args.file, load_playlist(s, args.name), title=args.name)
            print(f"Exported '{args.name}' to {args.file}")
        elif args.action == "import":
            from pathlib import Path

            source = args.name  # for import the positional is the file
            if not source:
                raise errors.MoodPlayerError("playlists import needs a .m3u8 or .xspf file")
            entries = read_playlist(source)
            name = args.import_name or Path(source).stem
            save_playlist(s, name, entries)
            print(f"Imported {len(entries)} entries as '{name}'")
    return EXIT_OK


def extend(sub) -> None:
    p = sub.add_parser("scan", help="add music/video folders to the library (incremental)")
    p.add_argument("folders", nargs="+", metavar="DIR")
    p.add_argument("--json", action="store_true", help="print the counts as one JSON object")
    p.add_argument("--no-model", action="store_true",
                   help="do not load CLIP now (tags and genres only; art later)")
    p.add_argument("--no-keyframes", action="store_true", help="do not decode video frames")
    add_model_options(p)

    p = sub.add_parser("queue", help="build a mood-matched queue from photos")
    p.add_argument("paths", nargs="+", metavar="PATH", help="photos and/or folders of photos")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--length", type=int, default=20, help="number of items (default 20)")
    size.add_argument("--minutes", type=float, help="total duration instead of a count")
    p.add_argument("--kind", choices=["music", "video", "mixed"])
    p.add_argument("--to", nargs="+", metavar="PATH",
                   help="photos of the mood to arrive at: a path from PATH's mood to this one")
    p.add_argument("--genre", action="append", help="only genres containing this (repeatable)")
    p.add_argument("--exclude-genre", action="append", help="skip genres containing this")
    p.add_argument("--diversity", type=float, help="0 = best fit only, 1 = most varied")
    p.add_argument("--max-per-artist", type=int, default=2)
    p.add_argument("--max-per-album", type=int, default=2)
    p.add_argument("--export", metavar="FILE", help="write FILE.m3u8 or FILE.xspf")
    p.add_argument("--save", metavar="NAME", help="save as a playlist in the library")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    add_model_options(p)

    p = sub.add_parser("playlists", help="list, show, export or import saved playlists")
    p.add_argument("action", nargs="?", choices=["list", "show", "export", "import"], default="list")
    p.add_argument("name", nargs="?", help="playlist name (show/export), or the file (import)")
    p.add_argument("file", nargs="?", help="the .m3u8/.xspf file (export)")
    p.add_argument("--name", dest="import_name", help="name for an imported playlist")
    p.add_argument("--json", action="store_true")
    p.set_defaults(taxonomy=None)


EXTENSIONS.append(extend)
