"""Saved playlists in the library database (name -> ordered entries)."""

from __future__ import annotations

import json
import time
from typing import Optional

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..library.db import Playlist, PlaylistEntry
from .entry import PlaylistEntryData, PlaylistError


def save_playlist(session: Session, name: str, entries, mood: Optional[dict] = None,
                  reasons=None) -> Playlist:
    """Create or replace the playlist called ``name``."""
    name = (name or "").strip()
    if not name:
        raise PlaylistError("a playlist needs a name")
    now = time.time()
    pl = session.scalars(select(Playlist).where(Playlist.name == name)).first()
    if pl is None:
        pl = Playlist(name=name, created_at=now, updated_at=now)
        session.add(pl)
        session.flush()
    else:
        pl.updated_at = now
        session.execute(delete(PlaylistEntry).where(PlaylistEntry.playlist_id == pl.id))
    pl.mood = json.dumps(mood) if mood else None
    reasons = list(reasons or [])
    for pos, e in enumerate(entries):
        session.add(PlaylistEntry(playlist_id=pl.id, position=pos, path=e.path, title=e.title,
                                  artist=e.artist, album=e.album, duration=e.duration,
                                  reason=reasons[pos] if pos < len(reasons) else None))
    session.flush()
    return pl


def list_playlists(session: Session) -> list:
    return list(session.scalars(select(Playlist).order_by(Playlist.name)))


def load_playlist(session: Session, name: str) -> list:
    pl = session.scalars(select(Playlist).where(Playlist.name == name)).first()
    if pl is None:
        raise PlaylistError(f"no saved playlist called '{name}'")
    rows = session.scalars(select(PlaylistEntry).where(PlaylistEntry.playlist_id == pl.id)
                           .order_by(PlaylistEntry.position))
    return [PlaylistEntryData(r.path, r.title, r.artist, r.album, r.duration) for r in rows]


def delete_playlist(session: Session, name: str) -> bool:
    pl = session.scalars(select(Playlist).where(Playlist.name == name)).first()
    if pl is None:
        return False
    session.delete(pl)
    return True
