"""From a CLIP image feature to an emotion distribution.

The zero-shot head scores an image feature against one text feature per
emotion: the mean of that emotion's prompt ensemble (every template x every
word), computed once per model and taxonomy and kept on disk
(``text_cache``), so a second process reads it instead of running the text
encoder over the whole ensemble again. A tuned adapter (DAPT, CoOp, linear probe)
plugs in as another head with the same two methods, so the rest of the app
never knows which one is active.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional, Protocol, Sequence

import torch

from .. import paths as app_paths
from ..errors import PhotoError
from ..tasks import CancelToken, ProgressFn, check, no_progress
from ..vision.encode import EncodedPhoto, ImageEncoder
from ..vision.model import LoadedModel
from . import text_cache
from .embedding_cache import FILE_NAME as CACHE_FILE
from .embedding_cache import EmbeddingCache, content_key, head_fingerprint, model_fingerprint
from .result import Analysis, EmotionResult, PhotoResult, combine  # noqa: F401 - re-exported
from .taxonomy import Taxonomy

ZERO_SHOT = "zero-shot"  # what the prompt-ensemble features are cached as


class Head(Protocol):
    """How a tuned or untuned model turns pixels into emotion logits."""

    def encode_images(self, pixels: torch.Tensor) -> torch.Tensor: ...
    def logits(self, features: torch.Tensor) -> torch.Tensor: ...


def class_text_features(model: LoadedModel, taxonomy: Taxonomy,
                        use_cache: bool = True) -> torch.Tensor:
    """(C, D) normalised prompt-ensemble text features, one row per emotion (fp32, CPU).

    Read from the disk cache when this model and taxonomy were seen before;
    ``use_cache=False`` always runs the text encoder (and leaves the cache alone).
    """
    if use_cache:
        return text_cache.cached_features(model, taxonomy,
                                          lambda: _ensemble_features(model, taxonomy), ZERO_SHOT)
    return _ensemble_features(model, taxonomy)


def _ensemble_features(model: LoadedModel, taxonomy: Taxonomy) -> torch.Tensor:
    rows = []
    for emotion in taxonomy.emotions:
        feats = encode_prompts(model, taxonomy.prompts(emotion))
        rows.append(torch.nn.functional.normalize(feats.mean(0), dim=-1))
    return torch.stack(rows).cpu()


@torch.inference_mode()
def encode_prompts(model: LoadedModel, texts: list) -> torch.Tensor:
    """``model.encode_text(texts)``, over only the token positions the prompts use.

    CLIP's text tower runs all 77 positions, but its attention is causal and it
    reads the end-of-text token's output: the padding after it changes nothing
    that is read. Prompts use ~12 positions, so cutting there gives the same
    features ~5x faster (the first launch's class text features: ~7 s -> ~1.5 s
    on a 2-core CPU). Prompt tuning's text pass (``dapt.towers.encode_embedded``)
    does exactly that; a text tower it does not know runs the usual full pass.
    """
    from ..dapt.towers import UnsupportedBackbone, encode_embedded, text_tower

    try:
        tower = text_tower(model.model)
    except UnsupportedBackbone:
        return model.encode_text(texts)
    tokens = model.tokenizer(texts).to(model.device)
    feats = encode_embedded(model.model, tower.token_embedding(tokens), tokens)
    return torch.nn.functional.normalize(feats.float(), dim=-1)


class ZeroShotHead:
    def __init__(self, model: LoadedModel, taxonomy: Taxonomy):
        self.model = model
        self.text = class_text_features(model, taxonomy)
        scale = getattr(model.model, "logit_scale", None)
        self.scale = float(scale.exp()) if scale is not None else 100.0

    def encode_images(self, pixels: torch.Tensor) -> torch.Tensor:
        return self.model.encode_images(pixels).cpu()

    @torch.inference_mode()
    def logits(self, features: torch.Tensor) -> torch.Tensor:
        return self.scale * features.float() @ self.text.T


class EmotionExtractor:
    """Photos -> emotions. ``cache``: an EmbeddingCache, None for the app's own
    (in its cache folder, looked up per call), or False for none."""

    def __init__(self, model: LoadedModel, taxonomy: Taxonomy, head: Optional[Head] = None,
                 batch_size: int = 16, cache=None):
        self.model = model
        self.taxonomy = taxonomy
        self.head = head or ZeroShotHead(model, taxonomy)
        # The encoder goes through the head: an adapter may add visual prompts.
        self.encoder = ImageEncoder(model, batch_size=batch_size, encode_fn=self.head.encode_images)
        self.cache = cache
        self._model_key: Optional[str] = None
        self._key_precision: Optional[str] = None
        self._reader_key: Optional[str] = None

    def set_head(self, head: Optional[Head]) -> None:
        """Switch adapter (or back to zero-shot with ``None``)."""
        self.head = head or ZeroShotHead(self.model, self.taxonomy)
        self.encoder.encode_fn = self.head.encode_images
        self._reader_key = None  # another head reads photos differently

    def reader_key(self) -> str:
        """What the cached features depend on: model, taxonomy and head (see embedding_cache)."""
        if self._model_key is None or self._key_precision != self.model.precision:
            # a deferred int8 rewrite changes the model under the same extractor
            self._model_key = model_fingerprint(self.model)
            self._key_precision = self.model.precision
            self._reader_key = None
        if self._reader_key is None:
            # exactly the zero-shot head: a subclass may read images its own way
            head = "zero-shot" if type(self.head) is ZeroShotHead \
                else head_fingerprint(self.head)
            self._reader_key = f"{self._model_key}|{self.taxonomy.fingerprint}|{head}"
        return self._reader_key

    def _cache(self):
        if self.cache is False:
            return None
        return self.cache or EmbeddingCache(app_paths.cache_dir() / CACHE_FILE)

    def from_features(self, features: torch.Tensor, keep_embedding: bool = True) -> list:
        probs = torch.softmax(self.head.logits(features), dim=-1).numpy()
        feats = features.float().numpy()
        return [EmotionResult.from_probs(p, self.taxonomy, f if keep_embedding else None)
                for p, f in zip(probs, feats)]

    def analyze_images(self, images: Sequence) -> list:
        """In-memory PIL images (cover art, video frames) -> EmotionResult each."""
        if not images:
            return []
        pixels = torch.stack([self.model.preprocess(im.convert("RGB")) for im in images])
        return self.from_features(self.head.encode_images(pixels))

    def analyze_paths(self, paths: Iterable, progress: ProgressFn = no_progress,
                      cancel: Optional[CancelToken] = None,
                      errors: Sequence[PhotoError] = ()) -> Analysis:
        """Every photo's own result plus one combined mood. Never raises PhotoError."""
        photos = [PhotoResult(e.path, error=e.reason) for e in errors]
        encoded = self._encode_cached(list(paths), progress, cancel)
        good = [e for e in encoded if e.feature is not None]
        # One head pass for the whole batch, not one per photo.
        results = iter(self.from_features(torch.stack([e.feature for e in good])) if good else [])
        for enc in encoded:
            if enc.feature is None:
                photos.append(PhotoResult(str(enc.path), error=enc.error))
            else:
                photos.append(PhotoResult(str(enc.path), result=next(results)))
        combined = combine([p.result for p in photos if p.result is not None], self.taxonomy)
        return Analysis(photos, combined)

    def _encode_cached(self, paths: list, progress: ProgressFn,
                       cancel: Optional[CancelToken]) -> list:
        """EncodedPhoto per path, in order: cached features first, the model for the rest."""
        # A deferred int8 rewrite happens before the cache key is taken, not in between.
        self.model.settle(len(paths))
        cache = self._cache()
        if cache is None:
            return list(self.encoder.encode_paths(paths, progress, cancel))
        keys = []
        for p in paths:
            check(cancel)
            keys.append(content_key(p))
        reader = self.reader_key()
        hits = cache.get_many(reader, keys)
        todo = [p for p, k in zip(paths, keys) if k not in hits]
        done = len(paths) - len(todo)
        if done:
            progress(done, len(paths), "already analysed")

        def shifted(n, _total, message):
            progress(done + n, len(paths), message)
        # Run the encoder to its end (a lazy walk would skip its final progress report).
        fresh = iter(list(self.encoder.encode_paths(todo, shifted, cancel)))
        out, new = [], {}
        for p, k in zip(paths, keys):
            if k in hits:
                out.append(EncodedPhoto(Path(p), hits[k]))
                continue
            enc = next(fresh)
            out.append(enc)
            if k and enc.feature is not None:
                new[k] = enc.feature
        cache.put_many(reader, new)
        return out
