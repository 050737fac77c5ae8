"""Many library items written straight into the database (no media files, no scan).

For browsing tests and benchmarks/bench_library_view.py: each item gets
known tags and one stored 'genre' profile part whose emotion is known, so
tests can compute the truth themselves. Inserted with executemany in one
transaction, 100,000 items take a few seconds.
"""

from __future__ import annotations

import numpy as np

GENRES = ["rock", "jazz", "ambient", "metal", "pop", ""]  # "" = no genre tag
ARTISTS = ["Sol Tide", "The Quiet Harbour", "Velvet Engines", "Moss & Mirrors", "Ånd Kör",
           "100% Pure", "under_score"]


def item_facts(i: int, n_emotions: int) -> dict:
    """What item ``i`` is, reproducibly (tests recompute it to know the truth)."""
    return {
        "path": f"/media/lib/{i % 97:02d}/{i:06d}.{'mkv' if i % 10 == 9 else 'mp3'}",
        "folder": "/media/lib",
        "kind": "video" if i % 10 == 9 else "music",
        "title": f"Song {i:06d}" if i % 50 else None,  # every 50th has no title tag
        "artist": ARTISTS[i % len(ARTISTS)],
        "album": f"Album {i % 300}",
        "genre": GENRES[i % len(GENRES)] or None,
        "duration": None if i % 40 == 0 else 60.0 + (i * 7919) % 400,
        "year": 1960 + i % 60,
        "track": i % 12 + 1,
        "status": "missing" if i % 100 == 3 else "ok",
        "emotion": (i * 5) % n_emotions,  # the one emotion its genre part says
    }


def insert_items(library, n: int, start: int = 0) -> list:
    """Write ``n`` items (ids start+1..start+n) and their genre parts; returns the facts."""
    taxonomy = library.taxonomy
    c = len(taxonomy)
    facts = [item_facts(i, c) for i in range(start, start + n)]
    items, parts = [], []
    for k, f in enumerate(facts, start=start + 1):
        items.append((k, f["path"], f["folder"], f["kind"], 1000, 0, f["status"], f["title"],
                      f["artist"], f["album"], f["genre"], f["year"], f["duration"],
                      f["track"], "done"))
        probs = np.full(c, 0.02, np.float32)
        probs[f["emotion"]] = 1.0
        probs /= probs.sum()
        e = taxonomy.emotions[f["emotion"]]
        parts.append((k, "genre", taxonomy.id, probs.tobytes(), e.valence, e.arousal, 0.6,
                      f"genre {f['genre'] or 'unknown'}"))
    raw = library.db.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.executemany(
            "INSERT INTO items (id, path, folder, kind, size, mtime_ns, status, title, artist, "
            "album, genre, year, duration, track, profile_state) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", items)
        cur.executemany(
            "INSERT INTO profile_parts (item_id, signal, taxonomy, probs, valence, arousal, "
            "confidence, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", parts)
        raw.commit()
    finally:
        raw.close()
    return facts
