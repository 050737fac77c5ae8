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

Methods that do not change the image features (CoOp, the linear probe, DAPT
without visual prompts) get each photo's features once, for a few augmented
views (``augment.frozen_views``), and training then only runs the text tower
or a matrix product: orders of magnitude faster than visual prompts, which
run the image tower every step.

Guards (``TrainingRun.epoch``): the gradient of each prompt set is clipped
to norm ``clip_grad``; a loss that is not finite, or a prompt vector pushed
far past its natural size (``Trainable.constrain``), ends the run as blown
up. ``train`` then raises ``TrainingDiverged`` and nothing is saved.

What is trained, and how a method adjusts the config, is up to the method
(``methods/``, one module per method); this module names none of them.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
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
from .augment import augment, frozen_views
from .data import LabelledSet, load_pixels
from .losses import class_prototypes, dapt_loss

# Learning rates for SGD when one is asked for without the automatic search
# (each method module says why its own).
DEFAULT_LR = {name: methods.find(name).default_lr for name in methods.names(trainable=True)}


class TrainingDiverged(MoodPlayerError):
    """The learning rate was too high: the run blew up and was thrown away."""


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
    epochs: Optional[int] = None  # None: default_epochs(shots); the length of the lr schedule
    stop_epoch: Optional[int] = None  # stop here, the schedule still spanning ``epochs``
    lr: Optional[float] = None  # None: the method's default_lr (DEFAULT_LR)
    batch_size: int = 32
    text_prompts: str = "anchored"  # see prompts.py: anchored | ensemble | shared (CoOp's)
    template: Optional[int] = None  # anchored: the template learned (None: the closest)
    n_text: int = 16  # shared only
    n_visual: int = 16
    visual_gate: bool = True  # visual prompts start closed: step 0 reads as zero-shot
    beta_v: float = 0.1
    beta_t: float = 0.1
    rbf_t: float = 2.0
    momentum: float = 0.9
    weight_decay: float = 5e-4
    warmup_epochs: int = 1
    warmup_lr: float = 1e-5
    seed: int = 1
    ctx_init: Optional[str] = None  # shared only: words the context starts as; None: random
    flip: bool = True  # random horizontal mirror: emotions do not depend on left/right
    crop: bool = True  # random resized crop (the authors' augmentation)
    views: int = 4  # cached views per photo when the image tower is frozen and crops are on
    clip_grad: float = 1.0  # largest gradient norm per prompt set
    # The visual prompts' rate as a multiple of ``lr``. The two live on
    # different scales: text context in token-embedding space (row norm ~0.16
    # on the test model), visual prompts in the ViT's residual stream behind a
    # LayerNorm (row norm ~sqrt(width)), where the gradients are far smaller.
    visual_lr_scale: float = 10.0  # measured: at 1x the gates barely opened (0.04 after 40 epochs)

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
        if out.epochs < 1 or out.batch_size < 1 or out.lr <= 0 or out.visual_lr_scale <= 0 \
                or out.clip_grad <= 0 or (out.stop_epoch is not None and out.stop_epoch < 1):
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


def training_backbone(model: LoadedModel, device) -> torch.nn.Module:
    """The frozen CLIP the trainer runs: the shared one when already fp32 on device."""
    device = torch.device(device)
    if model.pending_int8 or model.pending_measure:
        # settled now: a rewrite must never happen under a running tuning
        from ..vision.cpu_plan import finish_pending

        finish_pending(model)
    if model.precision == "int8":
        # int8 weights have no gradients and cannot be cast back exactly: the
        # trainer gets the fp32 weights again from where the model came from.
        from ..vision.model import load_model

        return load_model(model.spec.raw, str(device), "fp32").model
    if model.dtype == torch.float32 and model.device == device:
        return model.model
    clip = copy.deepcopy(model.model).to(device=device, dtype=torch.float32)
    return clip.eval().requires_grad_(False)


@contextlib.contextmanager
def threads(n: int):
    """Run torch on ``n`` CPU threads for a while. Steps through the text tower
    alone are small (8 sentences of ~14 tokens): on the shared 2-core machine
    one thread ran ViT-B-32's text step in 0.25 s, two in 0.4-1.6 s (the
    threads wait on each other and on the other jobs)."""
    before = torch.get_num_threads()
    torch.set_num_threads(min(n, before))
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _autocast(device: torch.device):
    if torch.device(device).type == "cuda":
        dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        return torch.autocast("cuda", dtype=dtype), dtype == torch.float16
    return contextlib.nullcontext(), False


def frozen_encoder(clip, device):
    """pixels -> normalised features of the frozen image tower (no prompts)."""
    device = torch.device(device)

    def encode(pixels):
        ctx, _ = _autocast(device)
        with ctx:
            return F.normalize(clip.encode_image(pixels.to(device)).float(), dim=-1)
    return encode


class TrainingRun:
    """One training run, an epoch at a time (the search stops runs early).

    ``clip`` and ``views`` let a caller that trains many runs on the same
    photos (the search, evaluation over seeds) share the backbone copy and the
    frozen features: ``views`` is (V, N, D) as ``augment.frozen_views`` makes.
    """

    def __init__(self, model: LoadedModel, taxonomy: Taxonomy, cfg: TuneConfig, device,
                 images: torch.Tensor, labels: torch.Tensor, clip=None, views=None):
        self.cfg = cfg = cfg.resolved()
        self.device = device = torch.device(device)
        self.images, self.labels = images, labels
        torch.manual_seed(cfg.seed)  # dropout-free, but keeps any torch randomness reproducible
        self.gen = torch.Generator().manual_seed(cfg.seed)
        self.clip = clip if clip is not None else training_backbone(model, device)
        self.trainable = methods.find(cfg.method).build(model, self.clip, taxonomy, cfg, self.gen, device)
        self.start = self.trainable.tensors()  # the untrained (zero-shot) point
        self.optim = torch.optim.SGD(self.trainable.param_groups, lr=cfg.lr, momentum=cfg.momentum,
                                     weight_decay=cfg.weight_decay)
        if views is None:  # prompts in the image tower need the photos' own features only
            frozen = self.trainable.frozen_images
            views = frozen_views(frozen_encoder(self.clip, device), images, self.gen,
                                 cfg.flip and frozen, cfg.crop and frozen, cfg.views)
        self.prototypes = class_prototypes(views[0].to(device), labels.to(device), len(taxonomy))
        self.cached = views.to(device) if self.trainable.frozen_images else None
        self.autocast, fp16 = _autocast(device)
        self.scaler = torch.amp.GradScaler("cuda") if fp16 else None
        self.history: list = []
        self.blown_up: Optional[str] = None  # why the run was stopped, in words

    @property
    def steps_per_epoch(self) -> int:
        return math.ceil(len(self.labels) / self.cfg.batch_size)

    @property
    def last_epoch(self) -> int:
        return self.cfg.stop_epoch or self.cfg.epochs

    def epoch(self, progress=None, cancel: Optional[CancelToken] = None) -> dict:
        """One epoch of SGD; ``progress(message)`` after each step. Sets ``blown_up``."""
        cfg, epoch = self.cfg, len(self.history)
        for group in self.optim.param_groups:
            group["lr"] = lr_at(epoch, cfg) * group["scale"]
        n = len(self.labels)
        sums, correct = {}, 0
        order = torch.randperm(n, generator=self.gen)
        for s in range(self.steps_per_epoch):
            check(cancel)
            idx = order[s * cfg.batch_size:(s + 1) * cfg.batch_size]
            parts, right = self._step(idx)
            total = float(parts["total"].detach())
            if not math.isfinite(total):
                self.blown_up = f"the loss became {total} in epoch {epoch + 1}"
            else:
                self.blown_up = self.trainable.constrain()
            if self.blown_up:
                break
            for k, v in parts.items():
                sums[k] = sums.get(k, 0.0) + float(v.detach()) * len(idx)
            correct += right
            if progress is not None:
                progress(f"epoch {epoch + 1}/{self.last_epoch} loss {total:.3f}")
        entry = {"epoch": epoch + 1, "lr": lr_at(epoch, cfg), "train_acc": correct / n,
                 **{k: v / n for k, v in sums.items()}}
        self.history.append(entry)
        return entry

    def _step(self, idx: torch.Tensor) -> tuple:
        """One SGD step on the photos ``idx``: (loss parts, number predicted right)."""
        cfg, device = self.cfg, self.device
        y = self.labels[idx].to(device)
        with self.autocast:
            if self.cached is not None:
                view = torch.randint(len(self.cached), (len(idx),), generator=self.gen)
                img = self.cached[view.to(device), idx.to(device)]
            else:
                px = augment(self.images[idx], self.gen, cfg.flip, cfg.crop)
                img = self.trainable.image_features(self.clip, px.to(device))
            logits, txt = self.trainable.logits(self.clip, img)
        parts = dapt_loss(logits.float(), y, img.float(), txt,
                          self.prototypes, cfg.beta_v, cfg.beta_t, cfg.rbf_t)
        self.optim.zero_grad(set_to_none=True)
        if self.scaler is not None:
            self.scaler.scale(parts["total"]).backward()
            self.scaler.unscale_(self.optim)
        else:
            parts["total"].backward()
        for group in self.optim.param_groups:
            torch.nn.utils.clip_grad_norm_(group["params"], cfg.clip_grad)
        if self.scaler is not None:
            self.scaler.step(self.optim)
            self.scaler.update()
        else:
            self.optim.step()
        return parts, int((logits.argmax(-1) == y).sum())

    @torch.no_grad()
    def logits(self, features: Optional[torch.Tensor] = None,
               pixels: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Logits of photos not trained on: frozen ``features`` when the image
        tower is untouched, else ``pixels`` run through it with the prompts."""
        with self.autocast:
            if self.trainable.frozen_images:
                img = features.to(self.device)
            else:
                img = torch.cat([self.trainable.image_features(self.clip, pixels[i:i + 64].to(self.device))
                                 for i in range(0, len(pixels), 64)])
            return self.trainable.logits(self.clip, img)[0].float().cpu()


def train(model: LoadedModel, taxonomy: Taxonomy, data: LabelledSet, config: TuneConfig,
          device, progress: ProgressFn = no_progress,
          cancel: Optional[CancelToken] = None, pixels=None) -> TuneResult:
    """Tune ``config.method`` on ``data`` with the settings given; returns the adapter (not yet saved).

    ``device`` is where training runs (a torch.device or "cpu"/"cuda:0"); the
    caller picks it. ``pixels`` = (pixels, labels) skips decoding when the
    caller already holds them (evaluation over seeds).
    Raises Cancelled when ``cancel`` is set and TrainingDiverged when the run
    blows up; nothing is written either way.
    """
    if pixels is None:
        pixels = load_pixels(data, model.preprocess, model.image_size, progress, cancel)
    images, labels = pixels
    started = time.perf_counter()
    run = TrainingRun(model, taxonomy, config, device, images, labels)
    total, done = run.last_epoch * run.steps_per_epoch, [0]

    def step(message):
        done[0] += 1
        progress(done[0], total, message)

    for _ in range(run.last_epoch):
        run.epoch(step, cancel)
        if run.blown_up:
            raise TrainingDiverged(
                f"Tuning blew up: {run.blown_up} (learning rate {run.cfg.lr:g}). Nothing was "
                f"saved. Use a smaller --lr, or leave it out and let MoodPlayer choose.")
    seconds = time.perf_counter() - started
    adapter = make_adapter(model, taxonomy, data, run, run.trainable.tensors())
    return TuneResult(adapter, run.history, seconds, seconds / max(1, len(run.history)))


def make_adapter(model, taxonomy, data: LabelledSet, run: TrainingRun, tensors: dict,
                 extra: Optional[dict] = None) -> Adapter:
    cfg = run.cfg
    meta = {
        "backbone": backbone_meta(model),
        "taxonomy": taxonomy_meta(taxonomy),
        "method": cfg.method,
        "hyperparameters": {k: v for k, v in dataclasses.asdict(cfg).items()
                            if k not in ("method", "seed")},
        "seed": cfg.seed,
        "data": {**data.summary(), "trained_on": int(len(run.labels))},
        "final": run.history[-1] if run.history else {},
        "device": str(run.device),
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        **(extra or {}),
    }
    return Adapter(cfg.method, tensors, meta)
