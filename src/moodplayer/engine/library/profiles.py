"""A mood profile for every library item, built from every signal it has.

Each signal is stored as its own part (an emotion distribution, a
valence/arousal point, a confidence and a short 'detail' for reasons):

  art      cover art or video keyframes through the CLIP emotion extractor
  genre    the genre tag through the prior table in resources/genre_emotions.json
  tags     mood, BPM and key tags
  text     title/artist/album through CLIP's text encoder
  neutral  only when nothing else is known: uniform, very low confidence

Parts are combined with weights only when the item matrix is built
(``combine_parts``), so changing a weight never needs a rescan or even a
database write. Cheap parts (genre, tags) are written right after a scan,
with or without a model; the model parts (art, text) are filled in batches
whenever an extractor is available, and redone when the model, adapter or
taxonomy changes.

Audio features (tempo, loudness, brightness) are left out on purpose:
decoding audio costs 50-500 ms a track against ~1 ms for tags, and the BPM
tag already covers the tempo cue for the libraries that have it.
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass
from typing import Optional

import numpy as np
from sqlalchemy import delete, select, update

from .. import paths
from ..emotions.taxonomy import Taxonomy
from ..errors import TaxonomyError
from ..tasks import CancelToken, ProgressFn, no_progress
from .artwork import decode_jpeg
from .db import Artwork, Database, Item, ItemImage, Meta, ProfilePart, bump_generation

log = logging.getLogger(__name__)

SIGNALS = ("art", "genre", "tags", "text", "neutral")
DEFAULT_WEIGHTS = {"art": 1.0, "genre": 0.8, "tags": 1.0, "text": 0.35, "neutral": 1.0}
NEUTRAL_CONFIDENCE = 0.05
TEXT_CONFIDENCE_SCALE = 0.5  # CLIP reads pictures far better than song titles
VA_SIGMA = 0.45  # width of the kernel that turns a valence/arousal point into a distribution


@dataclass
class Part:
    signal: str
    probs: np.ndarray  # float32 [C]
    valence: float
    arousal: float
    confidence: float
    detail: str = ""
    embedding: Optional[np.ndarray] = None
    backbone: Optional[str] = None


def va_matrix(taxonomy: Taxonomy) -> np.ndarray:
    return np.array([[e.valence, e.arousal] for e in taxonomy.emotions], dtype=np.float32)


def va_to_probs(valence: Optional[float], arousal: Optional[float], taxonomy: Taxonomy) -> np.ndarray:
    """Emotions near a (possibly half-known) valence/arousal point get the mass."""
    va = va_matrix(taxonomy)
    d2 = np.zeros(len(va), dtype=np.float32)
    if valence is not None:
        d2 += (va[:, 0] - valence) ** 2
    if arousal is not None:
        d2 += (va[:, 1] - arousal) ** 2
    p = np.exp(-d2 / (2 * VA_SIGMA ** 2))
    return (p / p.sum()).astype(np.float32)


def make_part(signal: str, probs, taxonomy: Taxonomy, confidence: float, detail: str = "",
              valence=None, arousal=None, **extra) -> Part:
    p = np.asarray(probs, dtype=np.float32)
    p = p / p.sum() if p.sum() > 0 else np.full(len(taxonomy), 1.0 / len(taxonomy), np.float32)
    v, a = (p @ va_matrix(taxonomy)).tolist()
    return Part(signal, p, float(v if valence is None else valence),
                float(a if arousal is None else arousal), float(confidence), detail, **extra)


def neutral_part(taxonomy: Taxonomy) -> Part:
    return make_part("neutral", np.ones(len(taxonomy)), taxonomy, NEUTRAL_CONFIDENCE,
                     "no usable signal yet")


# --- genre and mood-tag priors (data, not code) ---------------------------------------

def _norm_words(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[_/]+", " ", text.lower())).strip()


class Priors:
    """resources/genre_emotions.json, mapped onto the active taxonomy."""

    def __init__(self, data: dict, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        source = data.get("taxonomy", "mikels8")
        conf = data.get("confidence", {})
        self.genre_conf = float(conf.get("genre", 0.45))
        self.partial_conf = float(conf.get("genre_partial", 0.3))
        self.mood_conf = float(conf.get("mood", 0.6))
        self.aliases = {_norm_words(k): _norm_words(v) for k, v in data.get("aliases", {}).items()}
        self.genres = {_norm_words(k): self._convert(v, source) for k, v in data["genres"].items()}
        self.moods = {_norm_words(k): self._convert(v, source) for k, v in data.get("moods", {}).items()}
        # Longest names first: "death metal" must win over "metal" in partial matches.
        self._by_length = sorted(self.genres, key=len, reverse=True)

    def _convert(self, dist: dict, source: str) -> np.ndarray:
        t = self.taxonomy
        if source == t.id or all(name in t.names for name in dist):
            p = np.zeros(len(t), dtype=np.float32)
            for name, w in dist.items():
                p[t.index(name)] = w
            return p / p.sum()
        # Another taxonomy: go through the valence/arousal point of the source emotions.
        from ..emotions.taxonomy import load_taxonomy

        src = load_taxonomy(source)
        v = sum(w * src.emotions[src.index(n)].valence for n, w in dist.items())
        a = sum(w * src.emotions[src.index(n)].arousal for n, w in dist.items())
        return va_to_probs(v, a, t)

    @classmethod
    def load(cls, taxonomy: Taxonomy, path=None) -> "Priors":
        path = path or paths.resources_dir() / "genre_emotions.json"
        try:
            return cls(json.loads(open(path, encoding="utf-8").read()), taxonomy)
        except (OSError, ValueError, KeyError) as exc:
            raise TaxonomyError(f"genre prior table {path} is unreadable: {exc}") from None

    def genre(self, genre: Optional[str]) -> Optional[tuple]:
        """(probs, confidence, matched name) for a genre tag, or None if unknown."""
        if not genre:
            return None
        hits = []
        for raw in re.split(r"[;,|]", genre):
            g = _norm_words(raw)
            g = self.aliases.get(g, g)
            if not g:
                continue
            if g in self.genres:
                hits.append((self.genres[g], self.genre_conf, g))
                continue
            padded = f" {g.replace('-', ' ')} "
            for name in self._by_length:  # "progressive rock" -> "rock"
                if f" {name.replace('-', ' ')} " in padded:
                    hits.append((self.genres[name], self.partial_conf, name))
                    break
        if not hits:
            return None
        probs = np.mean([h[0] for h in hits], axis=0)
        return probs / probs.sum(), max(h[1] for h in hits), ", ".join(dict.fromkeys(h[2] for h in hits))

    def mood(self, mood: Optional[str]) -> Optional[tuple]:
        if not mood:
            return None
        words = [self.moods[w] for w in re.split(r"[;,|/ ]+", _norm_words(mood)) if w in self.moods]
        if not words:
            return None
        p = np.mean(words, axis=0)
        return p / p.sum(), self.mood_conf


def bpm_arousal(bpm: float) -> float:
    """60 BPM is calm, 100 neutral, 160+ as aroused as it gets."""
    return float(max(-1.0, min(1.0, (bpm - 100.0) / 60.0)))


def key_valence(key: Optional[str]) -> Optional[float]:
    """Minor keys lean sad, major keys lean bright; a weak, well-known cue."""
    if not key:
        return None
    k = key.strip()
    if re.search(r"(minor|moll|\bmin\b)", k, re.I) or re.fullmatch(r"[A-Ga-g][#b]?m", k) \
            or re.fullmatch(r"\d{1,2}A", k):  # Camelot 1A-12A are minor
        return -0.3
    if re.search(r"major|dur", k, re.I) or re.fullmatch(r"[A-G][#b]?", k) \
            or re.fullmatch(r"\d{1,2}B", k):
        return 0.2
    return None


def tag_parts(item, priors: Priors, taxonomy: Taxonomy) -> list:
    """Genre and tag parts of one item (anything with genre/mood/bpm/musical_key attrs)."""
    parts = []
    g = priors.genre(item.genre)
    if g:
        parts.append(make_part("genre", g[0], taxonomy, g[1], f"genre {g[2]}"))
    mood = priors.mood(item.mood)
    arousal = bpm_arousal(item.bpm) if item.bpm and 20 <= item.bpm <= 300 else None
    valence = key_valence(item.musical_key)
    if mood or arousal is not None or valence is not None:
        details, conf = [], 0.0
        if mood:
            probs, conf = mood[0], mood[1]
            details.append(f"mood tag '{item.mood}'")
            if arousal is not None or valence is not None:  # nudge toward the tempo/key point
                probs = 0.7 * probs + 0.3 * va_to_probs(valence, arousal, taxonomy)
        else:
            probs = va_to_probs(valence, arousal, taxonomy)
        if arousal is not None:
            details.append(f"{item.bpm:.0f} BPM")
            conf = max(conf, 0.25)
        if valence is not None:
            details.append(f"key {item.musical_key}")
            conf = max(conf, 0.1) + 0.05
        p = make_part("tags", probs, taxonomy, min(conf, 0.9), ", ".join(details))
        if not mood:  # the point itself is what the tags say; keep it exact
            if arousal is not None:
                p.arousal = arousal
            if valence is not None:
                p.valence = valence
        parts.append(p)
    return parts


def text_prompt(item) -> Optional[str]:
    bits = []
    if item.title:
        bits.append(f"a song called {item.title}" if item.kind == "music" else f"a video called {item.title}")
    if item.artist:
        bits.append(f"by {item.artist}")
    if item.album and item.album != item.title:
        bits.append(f"from {item.album}")
    return " ".join(bits)[:300] or None


# --- combining ------------------------------------------------------------------------

def combine_parts(probs: np.ndarray, va: np.ndarray, conf: np.ndarray, weights: np.ndarray):
    """Vectorised over items: probs [S, N, C], va [S, N, 2], conf [S, N] (0 = absent).

    Returns (probs [N, C], va [N, 2], confidence [N]). A signal counts by
    weight x confidence; the combined confidence is the chance that at least
    one signal is right, treating them as independent.
    """
    w = weights[:, None] * conf  # [S, N]
    total = w.sum(0)
    safe = np.where(total > 0, total, 1.0)
    p = np.einsum("sn,snc->nc", w, probs) / safe[:, None]
    p[total <= 0] = 1.0 / probs.shape[2]
    point = np.einsum("sn,snk->nk", w, va) / safe[:, None]
    c = 1.0 - np.prod(1.0 - np.clip(conf * np.minimum(weights[:, None], 1.0), 0, 0.99), axis=0)
    return p.astype(np.float32), point.astype(np.float32), c.astype(np.float32)


# --- computing and storing --------------------------------------------------------------

def _part_row(item_id: int, part: Part, taxonomy: Taxonomy) -> ProfilePart:
    emb = None
    if part.embedding is not None:
        emb = np.asarray(part.embedding, dtype=np.float16).tobytes()
    return ProfilePart(item_id=item_id, signal=part.signal, taxonomy=taxonomy.id,
                       probs=np.asarray(part.probs, np.float32).tobytes(),
                       valence=part.valence, arousal=part.arousal, confidence=part.confidence,
                       detail=part.detail, embedding=emb, backbone=part.backbone)


def model_id(extractor) -> str:
    """The model and head that made the art/text parts; a change means recompute."""
    head = extractor.head
    head_id = getattr(head, "id", None) or type(head).__name__
    return f"{extractor.model.backbone_id}|{head_id}"


@dataclass
class ProfileReport:
    cheap: int = 0  # items given genre/tag parts
    model: int = 0  # items given art/text parts
    neutral: int = 0  # items with no usable signal
    waiting_for_model: int = 0
    cancelled: bool = False


class ProfileBuilder:
    """Writes profile parts for items that need them. Services are passed in."""

    def __init__(self, db: Database, taxonomy: Taxonomy, priors: Optional[Priors] = None,
                 extractor=None, chunk: int = 64):
        self.db = db
        self.taxonomy = taxonomy
        self.priors = priors or Priors.load(taxonomy)
        self.extractor = extractor
        self.chunk = chunk

    def _meta(self, s, key: str) -> Optional[str]:
        return s.execute(select(Meta.value).where(Meta.key == key)).scalar()

    def _invalidate_if_changed(self) -> None:
        """A new taxonomy redoes everything; a new model/adapter redoes art and text."""
        with self.db.session() as s:
            if self._meta(s, "profiles_taxonomy") != self.taxonomy.fingerprint:
                s.execute(update(Item).values(profile_state="pending"))
                s.merge(Meta(key="profiles_taxonomy", value=self.taxonomy.fingerprint))
            if self.extractor is not None:
                mid = model_id(self.extractor)
                if self._meta(s, "profiles_model") != mid:
                    s.execute(update(Item).where(Item.profile_state == "done")
                              .values(profile_state="cheap"))
                    s.merge(Meta(key="profiles_model", value=mid))

    def update(self, progress: ProgressFn = no_progress,
               cancel: Optional[CancelToken] = None) -> ProfileReport:
        from ..errors import Cancelled

        report = ProfileReport()
        self._invalidate_if_changed()
        try:
            self._cheap_pass(report, progress, cancel)
            if self.extractor is not None:
                self._model_pass(report, progress, cancel)
        except Cancelled:
            report.cancelled = True
        with self.db.session() as s:
            report.waiting_for_model = s.query(Item).filter(
                Item.status == "ok", Item.profile_state != "done").count()
        return report

    def _cheap_pass(self, report, progress, cancel) -> None:
        with self.db.session() as s:
            ids = list(s.scalars(select(Item.id).where(Item.profile_state == "pending")
                                 .order_by(Item.id)))
        for start in range(0, len(ids), 500):
            if cancel is not None:
                cancel.check()
            progress(start, len(ids), "reading genres and tags")
            with self.db.session() as s:
                items = list(s.scalars(select(Item).where(Item.id.in_(ids[start:start + 500]))))
                item_ids = [it.id for it in items]
                s.execute(delete(ProfilePart).where(ProfilePart.item_id.in_(item_ids)))
                for it in items:
                    parts = tag_parts(it, self.priors, self.taxonomy)
                    if not parts:
                        parts = [neutral_part(self.taxonomy)]
                        report.neutral += 1
                    for p in parts:
                        s.add(_part_row(it.id, p, self.taxonomy))
                    it.profile_state = "cheap"
                report.cheap += len(items)
                bump_generation(s)

    def _model_pass(self, report, progress, cancel) -> None:
        ex = self.extractor
        mid = model_id(ex)
        with self.db.session() as s:
            ids = list(s.scalars(select(Item.id).where(Item.profile_state == "cheap",
                                                       Item.status == "ok").order_by(Item.id)))
        for start in range(0, len(ids), self.chunk):
            if cancel is not None:
                cancel.check()
            progress(start, len(ids), "reading cover art and titles with CLIP")
            chunk_ids = ids[start:start + self.chunk]
            with self.db.session() as s:
                items = {it.id: it for it in s.scalars(select(Item).where(Item.id.in_(chunk_ids)))}
                images = self._images(s, chunk_ids)
            parts = {i: [] for i in chunk_ids}
            self._art_parts(images, parts, mid)
            self._text_parts(items, parts, mid)
            with self.db.session() as s:
                s.execute(delete(ProfilePart).where(ProfilePart.item_id.in_(chunk_ids),
                                                    ProfilePart.signal.in_(("art", "text"))))
                for item_id, plist in parts.items():
                    if plist:  # a real signal arrived: the neutral placeholder goes
                        s.execute(delete(ProfilePart).where(ProfilePart.item_id == item_id,
                                                            ProfilePart.signal == "neutral"))
                    for p in plist:
                        s.add(_part_row(item_id, p, self.taxonomy))
                s.execute(update(Item).where(Item.id.in_(chunk_ids)).values(profile_state="done"))
                bump_generation(s)
            report.model += len(chunk_ids)
        progress(len(ids), len(ids), "profiles done")

    def _images(self, s, item_ids) -> dict:
        rows = s.execute(select(ItemImage.item_id, ItemImage.source, Artwork.jpeg)
                         .join(Artwork, Artwork.id == ItemImage.artwork_id)
                         .where(ItemImage.item_id.in_(item_ids))
                         .order_by(ItemImage.item_id, ItemImage.position))
        out = {}
        for item_id, source, jpeg in rows:
            out.setdefault(item_id, []).append((source, jpeg))
        return out

    def _art_parts(self, images: dict, parts: dict, mid: str) -> None:
        flat, owners = [], []
        for item_id, imgs in images.items():
            for source, jpeg in imgs:
                try:
                    flat.append(decode_jpeg(jpeg))
                    owners.append((item_id, source))
                except Exception:  # a damaged stored thumbnail loses that signal only
                    log.info("stored artwork of item %s is unreadable", item_id)
        if not flat:
            return
        bs = max(1, getattr(self.extractor.encoder, "batch_size", 16))
        results = []
        for i in range(0, len(flat), bs):
            results.extend(self.extractor.analyze_images(flat[i:i + bs]))
        per_item: dict = {}
        for (item_id, source), r in zip(owners, results):
            per_item.setdefault(item_id, []).append((source, r))
        for item_id, rs in per_item.items():
            probs = np.mean([r.probs() for _, r in rs], axis=0)
            emb = None
            embs = [r.embedding for _, r in rs if r.embedding is not None]
            if embs:
                e = np.mean(embs, axis=0)
                emb = e / (np.linalg.norm(e) or 1.0)
            sources = {s for s, _ in rs}
            detail = ("embedded cover" if "embedded" in sources else
                      "folder cover" if "folder" in sources else f"{len(rs)} video keyframes")
            conf = float(np.mean([r.confidence for _, r in rs]))
            part = make_part("art", probs, self.taxonomy, conf, detail, embedding=emb, backbone=mid)
            parts[item_id].append(part)

    def _text_parts(self, items: dict, parts: dict, mid: str) -> None:
        ids, prompts = [], []
        for item_id, it in items.items():
            text = text_prompt(it)
            if text:
                ids.append(item_id)
                prompts.append(text)
        if not prompts:
            return
        import torch

        feats = self.extractor.model.encode_text(prompts).cpu()
        probs = torch.softmax(self.extractor.head.logits(feats), dim=-1).numpy()
        n = probs.shape[1]
        for item_id, p in zip(ids, probs):
            nz = p[p > 0]
            conf = 1.0 - float(-(nz * np.log(nz)).sum()) / math.log(n)
            parts[item_id].append(make_part("text", p, self.taxonomy,
                                            max(0.0, conf) * TEXT_CONFIDENCE_SCALE,
                                            "title/artist words", backbone=mid))
