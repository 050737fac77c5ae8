"""``moodplayer playlists``: list, show, export, import, rename and delete saved playlists."""

from __future__ import annotations

from ..engine import errors
from ..engine.fsnames import display, json_path
from .common import EXIT_OK, add_json, epilog, open_library, print_json, settings_from


def _need(value, what: str) -> str:
    if not value:
        raise errors.MoodPlayerError(what)
    return value


def _list(lists, args) -> None:
    if args.json:
        print_json([{"name": p["name"], "count": p["count"], "auto": p["auto"]} for p in lists])
    elif not lists:
        print("No saved playlists.")
    else:
        for p in lists:
            print(f"{p['name']}  ({p['count']} items{', auto' if p['auto'] else ''})")


def _report(args, text: str, **fields) -> None:
    """What a changing action did: one JSON object with --json, else a sentence."""
    if args.json:
        print_json(fields)
    else:
        print(text)


def cmd_playlists(args) -> int:
    from ..core.playlists import Playlists

    playlists = Playlists(open_library(settings_from(args)))
    action = args.action or "list"
    if action == "list":
        _list(playlists.list(), args)
        return EXIT_OK
    name = _need(args.name, f"playlists {action} needs a playlist name"
                 if action != "import" else "playlists import needs a .m3u8 or .xspf file")
    if action == "show":
        tracks = playlists.load(name)
        if args.json:
            print_json({"name": name,
                        "items": [{**t.to_json(), **json_path(t.path)} for t in tracks]})
        for t in tracks if not args.json else []:
            print(display(t.path))
    elif action == "export":
        path = _need(args.file, "playlists export needs NAME and a .m3u8/.xspf FILE")
        tracks = playlists.load(name)
        written = playlists.export(path, tracks, title=name)
        _report(args, f"Exported '{name}' ({len(tracks)} items) to {written}",
                exported=name, file=str(written), items=len(tracks))
    elif action == "import":
        result = playlists.import_file(name, args.import_name)
        # The same counts as the other actions' reports, plus what was left out and why.
        _report(args, result.message, imported=result.name, file=name, items=result.kept,
                missing=[json_path(p) for p in result.missing],
                skipped=[{**json_path(p), "reason": why} for p, why in result.skipped])
    elif action == "rename":
        new = playlists.rename(name, _need(args.file, "playlists rename needs OLD and NEW names"))
        _report(args, f"Renamed '{name}' to '{new}'", renamed=name, to=new)
    elif action == "delete":
        playlists.delete(name)
        _report(args, f"Deleted '{name}'", deleted=name)
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser(
        "playlists", help="list, show, export, import, rename or delete playlists",
        description="Your saved playlists (queues you saved, and the auto-playlists of watched "
                    "folders). Without an action, lists them.",
        epilog=epilog("moodplayer playlists",
                      "moodplayer playlists show 'Calm evening' --json",
                      "moodplayer playlists export 'Calm evening' calm.xspf",
                      "moodplayer playlists import party.m3u8 --name Party",
                      "moodplayer playlists rename OLD NEW"))
    p.add_argument("action", nargs="?", default="list",
                   choices=["list", "show", "export", "import", "rename", "delete"],
                   help="what to do (default: list)")
    p.add_argument("name", nargs="?", help="playlist name (the file, for import)")
    p.add_argument("file", nargs="?", help="the .m3u8/.xspf file (export), or the new name (rename)")
    p.add_argument("--name", dest="import_name", metavar="NAME",
                   help="name for an imported playlist (default: the file's name)")
    add_json(p, "print one JSON object (a list for 'list')")
    p.set_defaults(run=cmd_playlists)
