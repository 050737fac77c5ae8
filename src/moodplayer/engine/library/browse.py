"""Browsing the library: filtered, searched and sorted lists of items, one page at a time.

A library view over 100,000 items cannot hold a widget, or even a Python
object, per row. So browsing is two queries: ``ordered_ids`` returns only
the ids that match, in display order (SQLite does the search and the sort),
and ``rows_for`` turns one page of those ids into ``BrowseRow``s with each
item's mood combined from its stored profile parts. A view keeps the id
list and asks for the next page as the user scrolls; sorting or searching
again is one new id query, never a re-read of every row.

Search is case-insensitive ``LIKE`` on title, artist, album, genre and path;
every word must match somewhere ("miles blue" finds Miles Davis' Kind of
Blue). SQLite's LIKE folds ASCII case only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np
from sqlalchemy import and_, case, func, or_, select

from ..emotions.taxonomy import Taxonomy
from ..matching.combine import combine_parts
from ..tracks import Track
from .db import Item, ProfilePart
from .signals import DEFAULT_WEIGHTS, SIGNALS
from .signals.neutral import neutral_part

NO_GENRE = ""  # the genre filter's value for items without a genre tag
STATUSES = ("ok", "missing", "all")
SEARCHED = (Item.title, Item.artist, Item.album, Item.genre, Item.path)
ROW_COLUMNS = (Item.id, Item.path, Item.title, Item.artist, Item.album, Item.genre, Item.kind,
               Item.duration, Item.year, Item.status)
# Labels for the signal that made a part, when its detail is empty.
SIGNAL_WORDS = {"art": "cover", "genre": "genre", "tags": "tags", "text": "title words",
                "neutral": "no signal yet"}


class _Last:
    """An ORDER BY term that keeps its direction when the order is reversed:
    rows without a value stay at the end, ascending or descending."""

    def __init__(self, missing):
        self.term = case((missing, 1), else_=0)


def _text(column):
    """Rows without the text last, then A-z ignoring case."""
    return [_Last(func.coalesce(column, "") == ""), column.collate("NOCASE")]


# Sort keys -> ORDER BY terms. The id at the end makes every order total, so a
# page boundary never shows one row twice or skips one.
SORTS = {
    "title": lambda: _text(Item.title) + [Item.path],
    "artist": lambda: _text(Item.artist) + _text(Item.album) + [Item.track, Item.path],
    "album": lambda: _text(Item.album) + [Item.track, Item.path],
    "genre": lambda: _text(Item.genre) + _text(Item.artist) + [Item.path],
    "kind": lambda: [Item.kind] + _text(Item.artist) + [Item.path],
    "length": lambda: [_Last(Item.duration.is_(None)), Item.duration, Item.path],
    "year": lambda: [_Last(Item.year.is_(None)), Item.year] + _text(Item.artist) + [Item.path],
    "path": lambda: [Item.path],
}


@dataclass(frozen=True)
class BrowseQuery:
    """What the view shows: a search, filters and an order."""

    text: str = ""
    kind: Optional[str] = None  # "music" | "video" | None for both
    genre: Optional[str] = None  # a genre, NO_GENRE for untagged items, None for all
    status: str = "ok"  # "ok" (playable), "missing" (file gone) or "all"
    sort: str = "artist"  # a key of SORTS
    descending: bool = False


@dataclass
class BrowseRow:
    """One item as a library view shows it (no ORM object leaves this package)."""

    id: int
    path: str
    title: str
    artist: str
    album: str
    genre: str
    kind: str
    duration: Optional[float]
    year: Optional[int]
    status: str
    mood: str = ""  # the emotion the item feels most like
    mood_color: str = "#888888"
    valence: float = 0.0
    arousal: float = 0.0
    confidence: float = 0.0
    why: str = ""  # what the stored profile parts saw, strongest first

    def to_track(self) -> Track:
        return Track(self.path, self.title, self.artist, self.album, kind=self.kind,
                     duration=self.duration, item_id=self.id, valence=self.valence,
                     arousal=self.arousal)


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def conditions(query: BrowseQuery) -> list:
    """The WHERE terms for a query (all must hold)."""
    if query.status not in STATUSES:
        raise ValueError(f"unknown status {query.status!r}; use one of {', '.join(STATUSES)}")
    where = [] if query.status == "all" else [Item.status == query.status]
    if query.kind:
        where.append(Item.kind == query.kind)
    if query.genre == NO_GENRE:
        where.append(func.coalesce(Item.genre, "") == "")
    elif query.genre is not None:
        where.append(Item.genre.collate("NOCASE") == query.genre)
    for word in query.text.split():
        pattern = _like(word)
        where.append(or_(*(c.like(pattern, escape="\\") for c in SEARCHED)))
    return where


def order_by(query: BrowseQuery) -> list:
    try:
        terms = SORTS[query.sort]()
    except KeyError:
        raise ValueError(f"cannot sort by {query.sort!r}; use one of {', '.join(SORTS)}") from None
    terms.append(Item.id)
    return [t.term if isinstance(t, _Last) else t.desc() if query.descending else t
            for t in terms]


def ordered_ids(session, query: BrowseQuery) -> list:
    """The ids of every matching item, in display order (ints only: cheap even for 100k)."""
    stmt = select(Item.id).where(and_(True, *conditions(query))).order_by(*order_by(query))
    return list(session.scalars(stmt))


def genres(session, status: str = "ok") -> list:
    """[(genre, count)] by name; untagged items are counted under NO_GENRE."""
    where = [] if status == "all" else [Item.status == status]
    name = func.coalesce(Item.genre, "")
    stmt = (select(func.min(name), func.count()).where(and_(True, *where))
            .group_by(name.collate("NOCASE")).order_by(name.collate("NOCASE")))
    return [(g, int(n)) for g, n in session.execute(stmt)]


def rows_for(session, ids, taxonomy: Taxonomy) -> list:
    """BrowseRows for ``ids``, in that order, each with its combined mood and reasons."""
    ids = [int(i) for i in ids]
    if not ids:
        return []
    # Plain column tuples, not ORM objects: a page is read on every scroll step.
    items = {it.id: it for it in session.execute(select(*ROW_COLUMNS).where(Item.id.in_(ids)))}
    ids = [i for i in ids if i in items]  # deleted since the id list was made
    index = {item_id: k for k, item_id in enumerate(ids)}
    moods = _Moods(len(ids), taxonomy)
    parts = session.execute(
        select(ProfilePart.item_id, ProfilePart.signal, ProfilePart.probs, ProfilePart.valence,
               ProfilePart.arousal, ProfilePart.confidence, ProfilePart.detail)
        .where(ProfilePart.item_id.in_(ids), ProfilePart.taxonomy == taxonomy.id))
    for item_id, signal, probs, v, a, conf, detail in parts:
        moods.put(index[item_id], signal, probs, v, a, conf, detail)
    return [moods.row(k, items[item_id]) for k, item_id in enumerate(ids)]


class _Moods:
    """One page's profile parts, combined with the default weights like the matcher does."""

    def __init__(self, n: int, taxonomy: Taxonomy):
        s, c = len(SIGNALS), len(taxonomy)
        self.taxonomy = taxonomy
        self.probs = np.zeros((s, n, c), np.float32)
        self.va = np.zeros((s, n, 2), np.float32)
        self.conf = np.zeros((s, n), np.float32)
        self.detail = [[""] * n for _ in SIGNALS]
        self.weights = np.array([DEFAULT_WEIGHTS[name] for name in SIGNALS], np.float32)
        self._combined = None

    def put(self, k: int, signal: str, blob: bytes, v: float, a: float, conf: float,
            detail: Optional[str]) -> None:
        if signal not in SIGNALS:
            return
        p = np.frombuffer(blob, dtype=np.float32)
        if p.shape[0] != self.probs.shape[2]:
            return  # written for another version of the emotion list
        s = SIGNALS.index(signal)
        self.probs[s, k], self.va[s, k], self.conf[s, k] = p, (v, a), conf
        self.detail[s][k] = detail or ""

    def combined(self):
        if self._combined is None:
            none = self.conf.sum(0) == 0  # nothing computed yet: neutral, as in the matcher
            if none.any():
                neutral, s = neutral_part(self.taxonomy), SIGNALS.index("neutral")
                self.probs[s, none], self.conf[s, none] = neutral.probs, neutral.confidence
                self.va[s, none] = (neutral.valence, neutral.arousal)
                for k in np.flatnonzero(none):
                    self.detail[s][k] = neutral.detail
            self._combined = combine_parts(self.probs, self.va, self.conf, self.weights)
        return self._combined

    def why(self, k: int) -> str:
        strength = self.weights * self.conf[:, k]
        bits = []
        for s in np.argsort(-strength):
            if self.conf[s, k] <= 0:
                continue
            name = SIGNALS[s]
            detail = self.detail[s][k] or SIGNAL_WORDS.get(name, name)
            top = self.taxonomy.names[int(np.argmax(self.probs[s, k]))]
            bits.append(detail if name == "neutral" else f"{detail} → {top}")
        return "; ".join(bits)

    def row(self, k: int, it) -> BrowseRow:
        probs, va, conf = self.combined()
        top = self.taxonomy.emotions[int(np.argmax(probs[k]))]
        return BrowseRow(
            id=it.id, path=it.path, title=it.title or "", artist=it.artist or "",
            album=it.album or "", genre=it.genre or "", kind=it.kind, duration=it.duration,
            year=it.year, status=it.status, mood=top.name, mood_color=top.color,
            valence=float(va[k, 0]), arousal=float(va[k, 1]), confidence=float(conf[k]),
            why=self.why(k))
