"""A synthetic LibraryArrays with controllable moods (no database, no model)."""

import numpy as np

from moodplayer.engine.library.profiles import DEFAULT_WEIGHTS, SIGNALS
from moodplayer.engine.matching.arrays import LibraryArrays


def synthetic_arrays(taxonomy, n=400, seed=0, artists=40, video_share=0.25, emb_dim=0):
    rng = np.random.default_rng(seed)
    names = taxonomy.names
    c, s = len(names), len(SIGNALS)
    va_table = np.array([[e.valence, e.arousal] for e in taxonomy.emotions], np.float32)
    main = rng.integers(0, c, n)  # each item is mostly one emotion
    probs = rng.dirichlet(np.full(c, 0.3), n).astype(np.float32)
    probs[np.arange(n), main] += 2.0
    probs /= probs.sum(1, keepdims=True)
    part_probs = np.zeros((s, n, c), np.float32)
    part_va = np.zeros((s, n, 2), np.float32)
    part_conf = np.zeros((s, n), np.float32)
    g = SIGNALS.index("genre")
    part_probs[g], part_va[g], part_conf[g] = probs, probs @ va_table, 0.6
    genres = ["rock", "jazz", "ambient", "metal", "pop"]
    emb = None
    if emb_dim:
        emb = rng.normal(size=(n, emb_dim)).astype(np.float32)
        emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    return LibraryArrays(
        names=list(names), ids=np.arange(1, n + 1, dtype=np.int64),
        paths=[f"/lib/{i}.mp3" for i in range(n)], titles=[f"T{i}" for i in range(n)],
        artists=[f"Artist {i % artists}" for i in range(n)],
        albums=[f"Album {i % (artists * 2)}" for i in range(n)],
        genres=[genres[i % len(genres)] for i in range(n)],
        kind=(rng.random(n) < video_share).astype(np.uint8),
        duration=rng.uniform(120, 360, n).astype(np.float32),
        part_probs=part_probs, part_va=part_va, part_conf=part_conf,
        part_detail=[[f"genre {genres[i % 5]}" if k == g else "" for i in range(n)]
                     for k in range(s)],
        embedding=emb, has_embedding=None if emb is None else np.ones(n, bool),
        signals=tuple(SIGNALS), default_weights=dict(DEFAULT_WEIGHTS))
