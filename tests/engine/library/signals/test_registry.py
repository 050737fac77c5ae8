"""The signal registry: order, weights, and a signal fed from stored per-item data."""

import numpy as np
import pytest
from sqlalchemy import select, update

from moodplayer.engine.library import Library
from moodplayer.engine.library.db import Item, Meta
from moodplayer.engine.library.profiles import DEFAULT_WEIGHTS, SIGNALS, ProfileBuilder
from moodplayer.engine.library.signals import make_part, registered
from moodplayer.engine.library.signals.registry import Signal, register

from ..media import write_wav


def test_order_and_default_weights_are_unchanged():
    # New signals are appended, so matrices stored before them keep lining up.
    assert SIGNALS == ("art", "genre", "tags", "text", "neutral", "audio")
    assert DEFAULT_WEIGHTS == {"art": 1.0, "genre": 0.8, "tags": 1.0, "text": 0.35, "neutral": 1.0,
                               "audio": 1.3}
    # What the music sounds like outweighs what its genre tag, cover and title suggest.
    assert DEFAULT_WEIGHTS["audio"] > max(DEFAULT_WEIGHTS[s] for s in ("art", "genre", "text"))
    assert [s.name for s in registered() if s.needs_model] == ["art", "text"]
    assert [s.name for s in registered() if s.fallback] == ["neutral"]


def test_names_are_unique_and_fallbacks_need_no_model():
    class Again(Signal):
        name = "genre"

    class Odd(Signal):
        name = "odd"
        needs_model = True
        fallback = True

    with pytest.raises(ValueError, match="taken"):
        register(Again())
    with pytest.raises(ValueError, match="without the model"):
        register(Odd())


class Stored(Signal):
    """Reads a per-item number an 'analysis job' stored (here: in the meta table)."""

    name = "stored"
    weight = 1.5

    def load(self, session, item_ids):
        keys = {f"stored:{i}": i for i in item_ids}
        rows = session.execute(select(Meta.key, Meta.value).where(Meta.key.in_(list(keys))))
        return {keys[k]: float(v) for k, v in rows}

    def compute(self, items, loaded, ctx):
        return {i: make_part(self.name, np.ones(len(ctx.taxonomy)), ctx.taxonomy, 0.7,
                             f"measured {v:g}", arousal=v)
                for i, v in loaded.items() if i in items}


def _store(lib, item_id, value):
    with lib.db.session() as s:
        s.merge(Meta(key=f"stored:{item_id}", value=str(value)))


def _parts(lib, item_id):
    return {p.signal: p for p in lib.profile_parts(item_id)}


def test_a_signal_fed_from_stored_data(tmp_path, taxonomy):
    for name in ("a", "b"):
        write_wav(tmp_path / "music" / f"{name}.wav")
    lib = Library(tmp_path / "lib.sqlite3")
    lib.scan([tmp_path / "music"])  # no tags: both items are neutral
    a, b = (lib.item_by_path(tmp_path / "music" / f"{n}.wav").id for n in ("a", "b"))
    assert set(_parts(lib, a)) == {"neutral"}

    signals = [*registered(), Stored()]
    _store(lib, a, 0.5)
    builder = ProfileBuilder(lib.db, taxonomy, signals=signals)
    assert builder.refresh(["stored"], [a, b]) == 1  # no rescan, no model
    assert set(_parts(lib, a)) == {"stored"} and _parts(lib, a)["stored"].arousal == 0.5
    assert set(_parts(lib, b)) == {"neutral"}

    _store(lib, a, -0.25)  # the job measured again
    builder.refresh(["stored"], [a])
    assert _parts(lib, a)["stored"].detail == "measured -0.25"

    with pytest.raises(ValueError, match="not cheap signals"):
        builder.refresh(["art"], [a])

    with lib.db.session() as s:  # as after a rescan of changed files: the cheap pass reads it
        s.execute(update(Item).values(profile_state="pending"))
    report = builder.update()
    assert (report.cheap, report.neutral) == (2, 1)
    assert set(_parts(lib, a)) == {"stored"} and set(_parts(lib, b)) == {"neutral"}
    lib.close()
