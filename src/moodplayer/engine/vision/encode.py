"""Photos in, CLIP image features out: parallel decode, batched encode.

Decoding runs on a small thread pool (Pillow releases the GIL while it
decodes) a few batches ahead of the encoder, so while torch encodes batch N
the pool is already decoding batch N+1. Photos prepared before the encoder
existed (a launch decodes its photos while the model loads, ``core.launch``)
are handed in with ``hand_in`` and used once instead of being decoded again.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

import torch

from ..errors import PhotoError
from ..tasks import CancelToken, ProgressFn, check, no_progress
from .images import decode_image
from .model import LoadedModel


@dataclass
class EncodedPhoto:
    path: Path
    feature: Optional[torch.Tensor]  # (D,) float32, L2-normalised, on CPU
    error: Optional[str] = None


class ImageEncoder:
    def __init__(self, model: LoadedModel, batch_size: int = 16, workers: Optional[int] = None,
                 encode_fn: Optional[Callable[[torch.Tensor], torch.Tensor]] = None):
        self.model = model
        # pixels -> features; an adapter with visual prompts supplies its own.
        self.encode_fn = encode_fn or (lambda px: model.encode_images(px).cpu())
        self.batch_size = max(1, int(batch_size))
        measured = model.plan.decode_workers if model.plan is not None else 0
        self.workers = workers or measured or max(1, min(4, os.cpu_count() or 1))
        self._ready: dict = {}  # str(path) -> CHW tensor or PhotoError, prepared ahead
        self._ready_lock = threading.Lock()

    def hand_in(self, prepared: dict) -> None:
        """Photos already decoded and preprocessed for this model (``prepare``'s result
        or its PhotoError), by path. Each is used once; a path changed on disk since is
        the caller's risk (a launch hands in what it decoded seconds before)."""
        with self._ready_lock:
            self._ready.update((str(p), t) for p, t in prepared.items())

    def _take_ready(self, path):
        with self._ready_lock:
            return self._ready.pop(str(path), None)

    def prepare(self, path) -> torch.Tensor:
        """Decode and preprocess one photo: CHW float tensor. Raises PhotoError."""
        ready = self._take_ready(path)
        if isinstance(ready, PhotoError):
            raise ready
        if ready is not None:
            return ready
        image = decode_image(path, target=self.model.image_size)
        try:
            return self.model.preprocess(image)
        except Exception as exc:  # a preprocessing failure is still that photo's problem
            raise PhotoError(path, f"could not be prepared for the model ({exc})") from None

    def encode_paths(
        self,
        paths: Iterable,
        progress: ProgressFn = no_progress,
        cancel: Optional[CancelToken] = None,
    ) -> Iterator[EncodedPhoto]:
        """Yield one EncodedPhoto per path, in input order, errors included."""
        paths = [Path(p) for p in paths]
        total = len(paths)
        if not total:
            return
        if total == 1:  # no thread hop for a single photo: it is latency-bound
            yield from self._encode_batch([(paths[0], self._safe_prepare(paths[0]))])
            progress(1, 1, str(paths[0]))
            return
        window = self.batch_size * 2  # decode at most two batches ahead: bounded memory
        done = 0
        with ThreadPoolExecutor(self.workers, thread_name_prefix="decode") as pool:
            pending: deque = deque()
            it = iter(paths)
            for p in it:
                pending.append((p, pool.submit(self._safe_prepare, p)))
                if len(pending) >= window:
                    break
            batch = []
            while pending:
                check(cancel)
                p, fut = pending.popleft()
                batch.append((p, fut.result()))
                nxt = next(it, None)
                if nxt is not None:
                    pending.append((nxt, pool.submit(self._safe_prepare, nxt)))
                if len(batch) == self.batch_size or not pending:
                    for out in self._encode_batch(batch):
                        done += 1
                        yield out
                    progress(done, total, str(batch[-1][0]))
                    batch = []

    def _safe_prepare(self, path: Path):
        try:
            return self.prepare(path)
        except PhotoError as err:
            return err

    def _encode_batch(self, batch) -> list:
        good = [(p, t) for p, t in batch if isinstance(t, torch.Tensor)]
        feats = {}
        if good:
            pixels = torch.stack([t for _, t in good])
            with self.model.threads_for(len(good)):  # measured per machine: batch vs one photo
                out = self.encode_fn(pixels)
            feats = {id(t): f for (_, t), f in zip(good, out)}
        results = []
        for p, t in batch:
            if isinstance(t, torch.Tensor):
                results.append(EncodedPhoto(p, feats[id(t)]))
            else:
                results.append(EncodedPhoto(p, None, t.reason))
        return results
