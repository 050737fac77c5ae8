"""User corrections of a photo's emotion, stored for the tuning engine.

A label is tied to the photo's content (sha256 of its bytes), not only to its
path, so renaming or moving a photo keeps its label and two copies share one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from .db import Label

SOURCES = ("user", "import")


def content_hash(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def add_label(session: Session, photo_path, label: str, taxonomy: str, source: str = "user",
              content_hash_: Optional[str] = None) -> Label:
    """Record one label; the hash is computed from the file when not given."""
    if source not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}, not {source!r}")
    digest = content_hash_ or content_hash(photo_path)
    row = Label(photo_path=str(Path(photo_path)), content_hash=digest, label=label,
                taxonomy=taxonomy, source=source,
                created_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None))
    session.add(row)
    session.flush()
    return row


def list_labels(session: Session, taxonomy: Optional[str] = None) -> list:
    """Every label, oldest first (optionally one taxonomy's only)."""
    q = select(Label).order_by(Label.id)
    if taxonomy is not None:
        q = q.where(Label.taxonomy == taxonomy)
    return list(session.scalars(q))


def latest_labels(session: Session, taxonomy: str) -> list:
    """[(path, label, source, iso time)]: a later correction of a photo wins, by path."""
    latest = {}
    for r in list_labels(session, taxonomy):
        latest[r.photo_path] = (r.photo_path, r.label, r.source,
                                r.created_at.isoformat(timespec="seconds"))
    return [latest[p] for p in sorted(latest)]
