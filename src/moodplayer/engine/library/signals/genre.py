"""genre: the genre tag through the prior table (resources/genre_emotions.json)."""

from __future__ import annotations

from typing import Optional

from ...emotions.taxonomy import Taxonomy
from .parts import Part, make_part
from .priors import Priors
from .registry import Signal, register


def genre_part(item, priors: Priors, taxonomy: Taxonomy) -> Optional[Part]:
    """The genre part of one item (anything with a ``genre`` attribute), or None."""
    g = priors.genre(item.genre)
    if not g:
        return None
    return make_part("genre", g[0], taxonomy, g[1], f"genre {g[2]}")


class Genre(Signal):
    name = "genre"
    weight = 0.8

    def compute(self, items, loaded, ctx):
        out = {}
        for item_id, item in items.items():
            part = genre_part(item, ctx.priors, ctx.taxonomy)
            if part is not None:
                out[item_id] = part
        return out


register(Genre())
