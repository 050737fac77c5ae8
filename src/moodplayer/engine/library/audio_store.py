"""Stored audio analysis: which items still need listening to, and keeping the results.

A row in ``audio_analysis`` means "tried": features on success, a reason on
failure. The job asks for items without a current row (newest files first,
so a fresh import is heard before the back catalogue), commits results in
batches (a crash or quit loses at most one batch), and the "audio" profile
signal is recomputed for exactly the items that got features.
"""

from __future__ import annotations

import time
from typing import Optional

from sqlalchemy import delete, or_, select

from .db import AudioAnalysis, Item, bump_generation


def pending(session, version: int, limit: Optional[int] = None) -> list:
    """[(item_id, path)] of playable items never heard, heard by an older analysis, or
    changed on disk since."""
    q = (select(Item.id, Item.path)
         .outerjoin(AudioAnalysis, AudioAnalysis.item_id == Item.id)
         .where(Item.status == "ok",
                or_(AudioAnalysis.item_id.is_(None), AudioAnalysis.analysis_version < version,
                    AudioAnalysis.mtime_ns != Item.mtime_ns))
         .order_by(Item.mtime_ns.desc(), Item.id.desc()))
    if limit:
        q = q.limit(limit)
    return [(row.id, row.path) for row in session.execute(q)]


def store(session, results: list, version: int) -> list:
    """Save ``[(item_id, features_json_or_None, reason_or_None)]``; returns ids with features."""
    ids = [r[0] for r in results]
    session.execute(delete(AudioAnalysis).where(AudioAnalysis.item_id.in_(ids)))
    mtimes = dict(session.execute(select(Item.id, Item.mtime_ns).where(Item.id.in_(ids))).all())
    now, heard = time.time(), []
    for item_id, features, reason in results:
        if item_id not in mtimes:  # removed from the library while it was being heard
            continue
        session.add(AudioAnalysis(item_id=item_id, analysis_version=version,
                                  mtime_ns=mtimes[item_id], features=features,
                                  error=None if features else (reason or "could not be analysed"),
                                  analysed_at=now))
        if features:
            heard.append(item_id)
    bump_generation(session)
    return heard


def features_of(session, item_ids: list) -> dict:
    """{item_id: features JSON} for the items that have them."""
    rows = session.execute(select(AudioAnalysis.item_id, AudioAnalysis.features)
                           .where(AudioAnalysis.item_id.in_(item_ids),
                                  AudioAnalysis.features.is_not(None)))
    return {item_id: features for item_id, features in rows}


def failures(session) -> list:
    """[(path, reason)] of items whose audio could not be analysed."""
    rows = session.execute(select(Item.path, AudioAnalysis.error)
                           .join(AudioAnalysis, AudioAnalysis.item_id == Item.id)
                           .where(AudioAnalysis.features.is_(None)).order_by(Item.path))
    return [(p, e) for p, e in rows]
