"""Saved playlists in the library database (name -> ordered tracks).

Rows go in and come out as ``engine.tracks.Track``; the ORM rows never
leave this module.
"""

from __future__ import annotations

import json
import time
from typing import Optional

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..fsnames import text_safe
from ..playlists import PlaylistError
from ..tracks import Track, guess_kind
from .db import Playlist, PlaylistEntry


def _find(session: Session, name: str) -> Optional[Playlist]:
    return session.scalars(select(Playlist).where(Playlist.name == name)).first()


def save_playlist(session: Session, name: str, tracks, meta: Optional[dict] = None) -> Playlist:
    """Create or replace the playlist called ``name``; each track keeps its reason."""
    name = (name or "").strip()
    if not name:
        raise PlaylistError("a playlist needs a name")
    now = time.time()
    pl = _find(session, name)
    if pl is None:
        pl = Playlist(name=name, created_at=now, updated_at=now)
        session.add(pl)
        session.flush()
    else:
        pl.updated_at = now
        session.execute(delete(PlaylistEntry).where(PlaylistEntry.playlist_id == pl.id))
    pl.mood = json.dumps(meta) if meta else None
    for pos, t in enumerate(tracks):
        # the path is kept exactly (FsPath); text shown to people must be valid UTF-8
        # (a title taken from an odd file name is not)
        session.add(PlaylistEntry(playlist_id=pl.id, position=pos, path=t.path,
                                  title=text_safe(t.title), artist=text_safe(t.artist) or None,
                                  album=text_safe(t.album) or None, duration=t.duration,
                                  reason=text_safe(t.reason) or None))
    session.flush()
    return pl


def _meta(pl: Playlist) -> dict:
    try:
        meta = json.loads(pl.mood) if isinstance(pl.mood, str) else (pl.mood or {})
    except ValueError:
        meta = {}
    return meta if isinstance(meta, dict) else {}


def list_playlists(session: Session) -> list:
    """[{"name", "count", "auto", "created", "updated"}] by name (times: Unix seconds)."""
    counts = dict(session.execute(select(PlaylistEntry.playlist_id, func.count())
                                  .group_by(PlaylistEntry.playlist_id)).all())
    return [{"name": pl.name, "count": int(counts.get(pl.id, 0)),
             "auto": bool(_meta(pl).get("auto", False)),
             "created": float(pl.created_at), "updated": float(pl.updated_at)}
            for pl in session.scalars(select(Playlist).order_by(Playlist.name))]


def load_playlist(session: Session, name: str) -> list:
    pl = _find(session, name)
    if pl is None:
        raise PlaylistError(f"no saved playlist called '{name}'")
    rows = session.scalars(select(PlaylistEntry).where(PlaylistEntry.playlist_id == pl.id)
                           .order_by(PlaylistEntry.position))
    return [Track(r.path, r.title, r.artist, r.album, kind=guess_kind(r.path),
                  duration=r.duration, reason=r.reason or "") for r in rows]


def rename_playlist(session: Session, old: str, new: str) -> None:
    pl = _find(session, old)
    if pl is None:
        raise PlaylistError(f"no saved playlist called '{old}'")
    if old != new and _find(session, new) is not None:
        raise PlaylistError(f"a playlist called '{new}' already exists")
    pl.name = new
    pl.updated_at = time.time()


def delete_playlist(session: Session, name: str) -> bool:
    pl = _find(session, name)
    if pl is None:
        return False
    session.execute(delete(PlaylistEntry).where(PlaylistEntry.playlist_id == pl.id))
    session.delete(pl)
    return True
