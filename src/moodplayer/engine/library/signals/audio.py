"""audio: what the track sounds like (tempo, loudness, brightness, key and mode).

Fed from stored features (``audio_analysis``, filled by the background
listening job), mapped to a mood by ``engine.audio.mood`` on fixed reference
scales. Weighted above genre, cover art and title words: it is the only
signal that comes from the music itself. Items not heard yet get no part.
"""

from __future__ import annotations

from .. import audio_store
from .parts import make_part
from .registry import Signal, register


class Audio(Signal):
    name = "audio"
    weight = 1.3

    def load(self, session, item_ids):
        return audio_store.features_of(session, item_ids)

    def compute(self, items, loaded, ctx):
        if not loaded:
            return {}
        from ...audio.mood import remap  # numpy only; librosa is for the analysis job

        out = {}
        for item_id in items:
            features = loaded.get(item_id)
            mood = remap(features, ctx.taxonomy) if features else None
            if mood is not None:
                out[item_id] = make_part(self.name, mood.probs, ctx.taxonomy, mood.confidence,
                                         mood.detail, valence=mood.valence, arousal=mood.arousal)
        return out


register(Audio())
