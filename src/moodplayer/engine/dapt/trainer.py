"""One few-shot trainer for DAPT, CoOp and the linear probe.

The backbone never changes: it is frozen (``requires_grad_(False)``), only the
prompt or probe parameters reach the optimiser, and the training forward runs
on an fp32 backbone:

* the learnable parameters stay fp32 (an SGD step of lr*grad is lost in
  fp16/bf16 rounding);
* when the app's model is fp16/bf16 (its inference precision) the trainer
  works on an fp32 *copy* placed on ``device`` instead of casting the shared
  model in place: the inference worker may be using it at the same time.
  bf16/fp16 -> fp32 is exact, so the copy computes with the same weights;
* on CUDA the forward runs under autocast (bf16 where supported, else fp16
  with a gradient scaler): tensor-core speed, fp32 master values. On the CPU
  it runs plain fp32: CPU autocast re-casts every op and was measured several
  times slower than plain weights (see vision/model.py).

CoOp and the linear probe do not change the image features, so those are
computed once (each photo and its mirror image) and training only runs the
text tower (CoOp) or a matrix product (linear): orders of magnitude faster
than DAPT, which runs the image tower with its visual prompts every step.

What is trained, and how a method adjusts the config, is up to the method
(``methods/``, one module per method); this module names none of them.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import logging
import math
import time
from dataclasses import dataclass, field
from typing import Optional

import torch
import torch.nn.functional as F

from ..emotions.taxonomy import Taxonomy
from ..errors import MoodPlayerError
from ..tasks import CancelToken, ProgressFn, check, no_progress
from ..vision.model import LoadedModel
from . import methods
from .adapter import Adapter, backbone_meta, taxonomy_meta
from .data import LabelledSet, load_pixels
from .losses import class_prototypes, dapt_loss

log = logging.getLogger(__name__)

# Learning rates for SGD, per method (each method module says why its own);
# tune them per dataset and backbone with ``eval``.
DEFAULT_LR = {name: methods.find(name).default_lr for name in methods.names(trainable=True)}


def default_epochs(shots: Optional[int]) -> int:
    """The paper's schedule: 50 epochs for 1 shot, 100 for 2-4, 200 for 8 and more."""
    if shots is not None and shots <= 1:
        return 50
    if shots is not None and shots <= 4:
        return 100
    return 200


@dataclass
class TuneConfig:
    method: str = "dapt"
    shots: Optional[int] = None  # photos per class, only used for the default epochs
    epochs: Optional[int] = None  # None: default_epochs(shots)
    lr: Optional[float] = None  # None: the method's default_lr (DEFAULT_LR)
    batch_size: int = 32
    n_text: int = 16
    n_visual: int = 16
    beta_v: float = 0.1
    beta_t: float = 0.1
    rbf_t: float = 2.0
    momentum: float = 0.9
    weight_decay: float = 5e-4
    warmup_epochs: int = 1
    warmup_lr: float = 1e-5
    seed: int = 1
    ctx_init: Optional[str] = None  # words the text context starts from; None: random (paper)
    flip: bool = True  # random horizontal mirror: emotions do not depend on left/right
    # The visual prompts' rate as a multiple of ``lr``. 1 = one rate for both
    # prompt sets, as the paper. The two live on different scales: text context
    # in token-embedding space (row norm ~0.15 on the test model), visual
    # prompts in the ViT's residual stream behind a LayerNorm, where the MSE
    # term's gradient is ~4e-3; on the test model the text context falls apart
    # above lr 0.003 while the visual prompts need ~100x that to move at all.
    visual_lr_scale: float = 1.0

    def resolved(self) -> "TuneConfig":
        method = methods.find(self.method)
        if method is None or not method.trainable:
            raise MoodPlayerError(f"unknown tuning method '{self.method}': "
                                  f"use {', '.join(methods.names(trainable=True))}")
        out = dataclasses.replace(self)
        if out.epochs is None:
            out.epochs = default_epochs(out.shots)
        if out.lr is None:
            out.lr = method.default_lr
        if out.epochs < 1 or out.batch_size < 1 or out.lr <= 0 or out.visual_lr_scale <= 0:
            raise MoodPlayerError("epochs, batch size and learning rates must be positive")
        method.resolve(out)  # drops what the method does not use, refuses what it cannot run
        return out


@dataclass
class TuneResult:
    adapter: Adapter
    history: list = field(default_factory=list)  # one dict per epoch
    seconds: float = 0.0
    seconds_per_epoch: float = 0.0


def lr_at(epoch: int, cfg: TuneConfig) -> float:
    """Constant warm-up, then cosine decay to 0 over the remaining epochs."""
    if epoch < cfg.warmup_epochs:
        return cfg.warmup_lr
    span = max(1, cfg.epochs - cfg.warmup_epochs)
    return 0.5 * cfg.lr * (1 + math.cos(math.pi * (epoch - cfg.warmup_epochs) / span))


def training_backbone(model: LoadedModel, device: torch.device) -> torch.nn.Module:
    """The frozen CLIP the trainer runs: the shared one when already fp32 on device."""
    device = torch.device(device)
    if model.dtype == torch.float32 and model.device == device:
        return model.model
    clip = copy.deepcopy(model.model).to(device=device, dtype=torch.float32)
    return clip.eval().requires_grad_(False)


def _autocast(device: torch.device):
    if device.type == "cuda":
        dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        return torch.autocast("cuda", dtype=dtype), dtype == torch.float16
    return contextlib.nullcontext(), False


@torch.no_grad()
def _frozen_features(clip, pixels: torch.Tensor, device, batch: int = 64) -> torch.Tensor:
    out = []
    for i in range(0, len(pixels), batch):
        ctx, _ = _autocast(device)
        with ctx:
            f = clip.encode_image(pixels[i:i + batch].to(device))
        out.append(F.normalize(f.float(), dim=-1))
    return torch.cat(out)


def _flip(pixels: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    mask = torch.rand(len(pixels), generator=generator) < 0.5
    if mask.any():
        pixels = pixels.clone()
        pixels[mask] = pixels[mask].flip(-1)
    return pixels


@dataclass
class _Run:
    """Everything one training run's steps share."""

    cfg: TuneConfig
    trainable: methods.Trainable
    clip: torch.nn.Module
    optim: torch.optim.Optimizer
    images: torch.Tensor  # (N, 3, H, W) pixels
    labels: torch.Tensor  # (N,)
    cached: Optional[torch.Tensor]  # (2, N, D) frozen features [original, mirror], or None
    prototypes: torch.Tensor
    device: torch.device
    gen: torch.Generator


def train(model: LoadedModel, taxonomy: Taxonomy, data: LabelledSet, config: TuneConfig,
          device, progress: ProgressFn = no_progress,
          cancel: Optional[CancelToken] = None, pixels=None) -> TuneResult:
    """Tune ``config.method`` on ``data``; returns the adapter (not yet saved).

    ``device`` is where training runs (a torch.device or "cpu"/"cuda:0"); the
    caller picks it. ``pixels`` = (pixels, labels) skips decoding when the
    caller already holds them (evaluation over seeds).
    Raises Cancelled when ``cancel`` is set; nothing is written either way.
    """
    cfg = config.resolved()
    device = torch.device(device)
    if pixels is None:
        pixels = load_pixels(data, model.preprocess, model.image_size, progress, cancel)
    images, labels = pixels
    torch.manual_seed(cfg.seed)  # dropout-free, but keeps any torch randomness reproducible
    gen = torch.Generator().manual_seed(cfg.seed)
    clip = training_backbone(model, device)
    started = time.perf_counter()

    trainable = methods.find(cfg.method).build(model, clip, taxonomy, cfg, gen, device)
    optim = torch.optim.SGD(trainable.param_groups, lr=cfg.lr, momentum=cfg.momentum,
                            weight_decay=cfg.weight_decay)
    frozen = _frozen_features(clip, images, device)  # prototypes, and cached-feature inputs
    prototypes = class_prototypes(frozen, labels.to(device), len(taxonomy))
    cached = None
    if trainable.frozen_images:
        mirrored = _frozen_features(clip, images.flip(-1), device) if cfg.flip else frozen
        cached = torch.stack([frozen, mirrored])  # (2, N, D): [original, mirror]
    run = _Run(cfg, trainable, clip, optim, images, labels, cached, prototypes, device, gen)
    history = _epochs(run, progress, cancel)
    seconds = time.perf_counter() - started

    meta = {
        "backbone": backbone_meta(model),
        "taxonomy": taxonomy_meta(taxonomy),
        "method": cfg.method,
        "hyperparameters": {k: v for k, v in dataclasses.asdict(cfg).items()
                            if k not in ("method", "seed")},
        "seed": cfg.seed,
        "data": {**data.summary(), "trained_on": int(len(labels))},
        "final": history[-1] if history else {},
        "device": str(device),
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    return TuneResult(Adapter(cfg.method, trainable.tensors(), meta), history, seconds,
                      seconds / max(1, cfg.epochs))


def _epochs(run: _Run, progress: ProgressFn, cancel: Optional[CancelToken]) -> list:
    """The SGD epochs; one history dict per epoch."""
    cfg = run.cfg
    autocast, fp16 = _autocast(run.device)
    scaler = torch.amp.GradScaler("cuda") if fp16 else None
    n = len(run.labels)
    steps = math.ceil(n / cfg.batch_size)
    total, done = cfg.epochs * steps, 0
    history = []
    for epoch in range(cfg.epochs):
        for group in run.optim.param_groups:
            group["lr"] = lr_at(epoch, cfg) * group["scale"]
        sums = {}
        correct = 0
        order = torch.randperm(n, generator=run.gen)
        for s in range(steps):
            check(cancel)
            idx = order[s * cfg.batch_size:(s + 1) * cfg.batch_size]
            parts, right = _step(run, idx, autocast, scaler)
            for k, v in parts.items():
                sums[k] = sums.get(k, 0.0) + float(v.detach()) * len(idx)
            correct += right
            done += 1
            progress(done, total, f"epoch {epoch + 1}/{cfg.epochs} loss {float(parts['total'].detach()):.3f}")
        history.append({"epoch": epoch + 1, "lr": lr_at(epoch, cfg), "train_acc": correct / n,
                        **{k: v / n for k, v in sums.items()}})
    return history


def _step(run: _Run, idx: torch.Tensor, autocast, scaler) -> tuple:
    """One SGD step on the photos ``idx``: (loss parts, number predicted right)."""
    cfg, device = run.cfg, run.device
    y = run.labels[idx].to(device)
    with autocast:
        if run.cached is not None:
            img = run.cached[_mirror_choice(idx, cfg, run.gen).to(device), idx.to(device)]
        else:
            px = _flip(run.images[idx], run.gen) if cfg.flip else run.images[idx]
            img = run.trainable.image_features(run.clip, px.to(device))
        logits, txt = run.trainable.logits(run.clip, img)
    parts = dapt_loss(logits.float(), y, img.float(), txt,
                      run.prototypes, cfg.beta_v, cfg.beta_t, cfg.rbf_t)
    run.optim.zero_grad(set_to_none=True)
    if scaler is not None:
        scaler.scale(parts["total"]).backward()
        scaler.step(run.optim)
        scaler.update()
    else:
        parts["total"].backward()
        run.optim.step()
    return parts, int((logits.argmax(-1) == y).sum())


def _mirror_choice(idx: torch.Tensor, cfg: TuneConfig, gen: torch.Generator) -> torch.Tensor:
    """Per photo: 0 = original features, 1 = mirror image's features (when flipping)."""
    if not cfg.flip:
        return torch.zeros(len(idx), dtype=torch.long)
    return (torch.rand(len(idx), generator=gen) < 0.5).long()  # drawn on the CPU: reproducible
