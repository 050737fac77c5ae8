"""XSPF (XML Shareable Playlist Format, xspf.org/ns/0/): locations are file:// URIs."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
import os
from urllib.parse import unquote_to_bytes

from ..fsnames import display
from ..tracks import Track, guess_kind
from .files import PlaylistError, read_text, uri_path, write_atomically

NS = "http://xspf.org/ns/0/"


def write(path, entries, title=None) -> Path:
    path = Path(path)
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}playlist", version="1")
    if title:
        ET.SubElement(root, f"{{{NS}}}title").text = title
    tracks = ET.SubElement(root, f"{{{NS}}}trackList")
    for e in entries:
        t = ET.SubElement(tracks, f"{{{NS}}}track")
        p = Path(e.path)
        location = p.resolve().as_uri() if p.is_absolute() or p.exists() else e.path
        ET.SubElement(t, f"{{{NS}}}location").text = display(location)
        for tag, value in (("title", e.title), ("creator", e.artist), ("album", e.album)):
            if value:
                ET.SubElement(t, f"{{{NS}}}{tag}").text = display(value)
        if e.duration:
            ET.SubElement(t, f"{{{NS}}}duration").text = str(int(round(e.duration * 1000)))
    return write_atomically(
        path, lambda tmp: ET.ElementTree(root).write(tmp, encoding="UTF-8", xml_declaration=True))


def read(path) -> list:
    path = Path(os.path.abspath(path))  # relative locations are relative to *its* folder
    try:
        root = ET.fromstring(read_text(path))
    except ET.ParseError as exc:
        raise PlaylistError(f"cannot read {display(path)}: {exc}") from None
    ns = {"x": NS}
    out = []
    for t in root.iterfind("x:trackList/x:track", ns):
        loc = (t.findtext("x:location", default="", namespaces=ns) or "").strip()
        if not loc:
            continue
        if loc.lower().startswith("file://"):
            media = uri_path(loc)
        elif "://" in loc:
            media = loc
        else:
            media = os.path.normpath(path.parent / os.fsdecode(unquote_to_bytes(loc)))
        dur = t.findtext("x:duration", default=None, namespaces=ns)
        try:
            seconds = int(dur) / 1000.0 if dur else None
        except ValueError:
            seconds = None
        out.append(Track(
            media, t.findtext("x:title", default=None, namespaces=ns),
            t.findtext("x:creator", default=None, namespaces=ns),
            t.findtext("x:album", default=None, namespaces=ns), kind=guess_kind(media),
            duration=seconds))
    return out
