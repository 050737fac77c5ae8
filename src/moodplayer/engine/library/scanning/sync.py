"""Steps 2 and 3b of a scan: bringing the database in line with what the walk found.

Every write is one transaction: moves and vanished files together, then
each batch of read files, so an interruption never leaves a half-written
row and never costs a committed batch.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Optional

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ...fsnames import text_safe
from ...tasks import CancelToken
from ..artwork import sha1, thumbnail
from ..db import (Artwork, Database, Item, ItemImage, Label, PlayHistory, PlaylistEntry,
                  ScanFailure, bump_generation)
from ..tags import kind_of
from .report import ScanReport
from .walk import fingerprint, under

log = logging.getLogger(__name__)


def _path_range(root: str) -> tuple:
    """(lo, hi) bounds of every path strictly under ``root``, for an indexed range query."""
    return root.rstrip(os.sep) + os.sep, root.rstrip(os.sep) + chr(ord(os.sep) + 1)


def known_items(db: Database, roots) -> dict:
    """path -> row (id, path, size, mtime_ns, status, fingerprint) of items under ``roots``."""
    known = {}
    with db.session() as s:
        for root in roots:
            lo, hi = _path_range(root)
            rows = s.execute(select(Item.id, Item.path, Item.size, Item.mtime_ns, Item.status,
                                    Item.fingerprint)
                             .where(Item.path > lo, Item.path < hi))
            for row in rows:
                known[row.path] = row
    return known


def find_moves(vanished, new_files, cancel: Optional[CancelToken]) -> list:
    """[(vanished row, Found)] pairs with the same size and fingerprint."""
    if not vanished or not new_files:
        return []
    by_size = {}
    for row in vanished:
        if row.fingerprint:
            by_size.setdefault(row.size, []).append(row)
    moves, taken = [], set()
    for f in new_files:
        candidates = [r for r in by_size.get(f.size, []) if r.id not in taken]
        if not candidates:
            continue
        if cancel is not None:
            cancel.check()
        try:
            fp = fingerprint(f.path, f.size)
        except OSError:
            continue
        for row in candidates:
            if row.fingerprint == fp:
                moves.append((row, f))
                taken.add(row.id)
                break
    return moves


def commit_moves_and_missing(db: Database, vanished, moves, restored,
                             report: ScanReport) -> None:
    """Moved rows follow their file; vanished ones are marked missing; returned ones ok."""
    moved_ids = {row.id for row, _ in moves}
    gone = [row.id for row in vanished if row.id not in moved_ids]
    if not (moves or gone or restored):
        return
    now = time.time()
    with db.session() as s:
        for row, f in moves:
            s.execute(update(Item).where(Item.id == row.id).values(
                path=f.path, folder=f.root, mtime_ns=f.mtime_ns, size=f.size, status="ok",
                missing_since=None))
            follow_move(s, row.path, f.path)
        if gone:
            for i in range(0, len(gone), 500):
                s.execute(update(Item).where(Item.id.in_(gone[i:i + 500]))
                          .values(status="missing", missing_since=now))
        if restored:
            s.execute(update(Item).where(Item.id.in_(restored))
                      .values(status="ok", missing_since=None))
        bump_generation(s)
    report.moved += len(moves)
    report.missing += len(gone)
    report.updated += len(restored)


def follow_move(s, old: str, new: str) -> None:
    """Everything the user keeps that names the old path now names the new one.

    Saved playlists and the play history store paths (so they survive a
    missing drive and can be exported); without this, a moved song would
    play from its playlist as "the file is missing".
    """
    s.execute(update(PlaylistEntry).where(PlaylistEntry.path == old).values(path=new))
    s.execute(update(PlayHistory).where(PlayHistory.path == old).values(path=new))
    s.execute(update(Label).where(Label.photo_path == old).values(photo_path=new))


def _artwork_id(s, data: bytes, cache: dict) -> Optional[int]:
    key = sha1(data)
    if key in cache:
        return cache[key]
    existing = s.execute(select(Artwork.id).where(Artwork.sha1 == key)).scalar()
    if existing is None:
        thumb = thumbnail(data)
        if thumb is None:
            cache[key] = None  # not an image: the item simply has no cover
            return None
        art = Artwork(sha1=key, jpeg=thumb[0], width=thumb[1], height=thumb[2])
        s.add(art)
        s.flush()
        existing = art.id
    cache[key] = existing
    return existing


def _text(value):
    """Tag text as valid UTF-8 (a tag or a name can hold undecodable bytes)."""
    return text_safe(value) if isinstance(value, str) else value


def _item_values(f, info, fp, now: float) -> dict:
    return dict(
        path=f.path, folder=f.root, kind=kind_of(f.path), size=f.size,
        mtime_ns=f.mtime_ns, fingerprint=fp, status="ok", title=_text(info.title),
        artist=_text(info.artist), album=_text(info.album),
        album_artist=_text(info.album_artist), genre=_text(info.genre), year=info.year,
        duration=info.duration, track=info.track, mood=_text(info.mood), bpm=info.bpm,
        musical_key=_text(info.key), scanned_at=now, missing_since=None,
        profile_state="pending")


def _upsert_item(s, values: dict) -> int:
    """Insert a new file's row; if another writer stored the path meanwhile, update it.

    Scans hold the scan lock, so this is the second line of defence: a
    duplicate path can never end a scan with a UNIQUE-constraint error.
    """
    stmt = sqlite_insert(Item).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=[Item.path],
        set_={k: getattr(stmt.excluded, k) for k in values if k != "path"})
    s.execute(stmt)
    return s.execute(select(Item.id).where(Item.path == values["path"])).scalar_one()


def commit_batch(db: Database, batch, known: dict, report: ScanReport, artwork_ids: dict) -> None:
    """One transaction for a batch of read files (``read_found`` results; None skipped)."""
    batch = [b for b in batch if b is not None]
    if not batch:
        return
    now = time.time()
    pending_cache = dict(artwork_ids)
    with db.session() as s:
        for f, info, fp, images in batch:
            values = _item_values(f, info, fp, now)
            row = known.get(f.path)
            if row is None:
                item_id = _upsert_item(s, values)
            else:
                item_id = row.id
                s.execute(update(Item).where(Item.id == item_id).values(**values))
            s.execute(delete(ItemImage).where(ItemImage.item_id == item_id))
            position = 0
            for data, source in images:
                art_id = _artwork_id(s, data, pending_cache)
                if art_id is not None:
                    s.add(ItemImage(item_id=item_id, position=position, artwork_id=art_id,
                                    source=source))
                    position += 1
        bump_generation(s)
    # Only after the commit succeeded do these ids exist for later batches.
    artwork_ids.update(pending_cache)
    for f, *_ in batch:
        if f.path in known:
            report.updated += 1
        else:
            report.added += 1


def record_failures(db: Database, roots, report: ScanReport) -> None:
    """Keep the latest failures per folder so the CLI and GUI can list them later."""
    now = time.time()
    try:
        with db.session() as s:
            for root in roots:
                lo, hi = _path_range(root)
                s.execute(delete(ScanFailure).where(
                    (ScanFailure.folder == root) | ((ScanFailure.path > lo) & (ScanFailure.path < hi))))
            for path, reason in report.failures:
                root = next((r for r in roots if under(path, r)), path)
                s.merge(ScanFailure(path=path, folder=root, reason=text_safe(reason), seen_at=now))
    except Exception:  # the report itself still reaches the caller
        log.exception("could not record scan failures")
