"""Extended M3U in UTF-8 (.m3u8), the format every player reads.

Paths are written relative to the playlist's folder when the media lies
below it (the pair can be moved together), absolute otherwise; a name that
is not valid UTF-8 is written as a file:// URI with its bytes
percent-encoded, so the file stays valid UTF-8 and the name exact. Reading
accepts a BOM, CRLF, file:// URIs, plain M3U without #EXTINF, and resolves
relative paths against the playlist file's own folder (never the current
directory of whoever reads it).
"""

from __future__ import annotations

import os
from pathlib import Path
from ..fsnames import display, is_exact
from ..tracks import Track, guess_kind
from .files import read_text, uri_path, write_atomically


def _rel_or_abs(media: str, folder: Path) -> str:
    if not is_exact(media):
        return Path(os.path.abspath(media)).as_uri()  # percent-encodes the raw bytes
    try:
        rel = os.path.relpath(media, folder)
    except ValueError:  # another drive on Windows
        return media
    return media if rel.startswith("..") else rel


def write(path, entries, title=None) -> Path:
    path = Path(path)
    lines = ["#EXTM3U"]
    if title:
        lines.append(f"#PLAYLIST:{title}")
    for e in entries:
        secs = int(round(e.duration)) if e.duration else -1
        label = display(" - ".join(x for x in (e.artist, e.title) if x) or Path(e.path).stem)
        lines.append(f"#EXTINF:{secs},{label}".replace("\n", " "))
        if e.album:
            lines.append(f"#EXTALB:{display(e.album)}".replace("\n", " "))
        lines.append(_rel_or_abs(e.path, path.parent.resolve()))
    text = "\n".join(lines) + "\n"
    return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def read(path) -> list:
    path = Path(os.path.abspath(path))  # relative entries are relative to *its* folder
    text = read_text(path).decode("utf-8-sig", errors="replace")
    entries, pending = [], {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#EXTINF:"):
            head, _, label = line[8:].partition(",")
            try:
                secs = float(head.split()[0]) if head.split() else -1
            except ValueError:
                secs = -1
            artist, sep, title = label.partition(" - ")
            pending = {"duration": secs if secs > 0 else None,
                       "artist": artist.strip() if sep else None,
                       "title": (title if sep else label).strip() or None}
            continue
        if line.startswith("#EXTALB:"):
            pending["album"] = line[8:].strip() or None
            continue
        if line.startswith("#"):
            continue
        if line.lower().startswith("file://"):
            media = uri_path(line)
        elif "://" in line:
            media = line  # a stream URL: kept as it is
        else:
            media = line if os.path.isabs(line) else os.path.normpath(str(path.parent / line))
        entries.append(Track(media, kind=guess_kind(media), **pending))
        pending = {}
    return entries
