"""Loading a CLIP model through open_clip, offline-first.

A model spec (``spec.py``) is ``NAME:TAG``, ``hf-hub:ORG/REPO`` or
``local-dir:PATH`` (a folder in open_clip's hub layout).

Weights are looked up in the local caches first with the hub forced offline,
so a cached model loads instantly without touching the network; only when
nothing is cached do we check the network and download. When that is not
possible we raise ``ModelNotAvailable`` with a message a person can act on.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import torch

from .. import paths
from ..errors import ModelLoadError, ModelNotAvailable
from .spec import ModelSpec  # noqa: F401  (re-exported: the loader's spec parser)

log = logging.getLogger(__name__)

HUB_HOST = "huggingface.co"


@dataclass
class LoadedModel:
    """Everything needed to turn pixels and words into CLIP features."""

    spec: ModelSpec
    model: torch.nn.Module
    preprocess: Callable  # PIL image -> CHW float tensor
    tokenizer: Callable  # list[str] -> LongTensor
    device: torch.device
    dtype: torch.dtype
    image_size: int
    embed_dim: int
    precision: str = "fp32"  # fp32 | bf16 | fp16 | int8 (int8: fp32 activations, int8 Linear weights)
    plan: Optional[object] = None  # cpu_plan.CpuPlan on the CPU with precision auto/int8
    architecture: str = ""  # architecture_of() the weights as loaded, before any int8 rewrite
    weights_digest: str = ""  # digest.weights_digest() of the fp32 weights, where int8 replaced them
    pending_int8: bool = False  # int8 planned, the rewrite deferred until one photo was read
    pending_measure: Optional[tuple] = None  # (key, previous plan, note): measuring deferred too
    served: bool = False  # an encoder batch has run (settle)

    @property
    def path_name(self) -> str:
        """The path this model runs on, or will once settled: fp32, bf16, fp16 or int8."""
        return "int8" if self.pending_int8 else self.precision

    def settle(self, batch: int) -> None:
        """Before the photos of one read: what was deferred (measuring this computer,
        the int8 rewrite) happens now, unless this is the very first read and of
        one photo: the fp32 weights already in memory read it at once."""
        if (self.pending_int8 or self.pending_measure) and (self.served or batch > 1):
            from .cpu_plan import finish_pending

            finish_pending(self)
        self.served = True

    @property
    def backbone_id(self) -> str:
        """Names the weights, for adapters and cached profiles to check against."""
        return self.spec.raw

    @contextlib.contextmanager
    def threads_for(self, batch: int):
        """Run with the measured intra-op thread count for ``batch`` photos, then restore."""
        wanted = self.plan.threads_for(batch) if self.plan is not None else 0
        before = torch.get_num_threads()
        if wanted and wanted != before:
            torch.set_num_threads(wanted)
        try:
            yield
        finally:
            if wanted and wanted != before:
                torch.set_num_threads(before)

    @torch.inference_mode()
    def encode_text(self, texts: list) -> torch.Tensor:
        tokens = self.tokenizer(texts).to(self.device)
        feats = self.model.encode_text(tokens).float()
        return torch.nn.functional.normalize(feats, dim=-1)

    @torch.inference_mode()
    def encode_images(self, pixels: torch.Tensor) -> torch.Tensor:
        feats = self.model.encode_image(pixels.to(self.device, self.dtype)).float()
        return torch.nn.functional.normalize(feats, dim=-1)


def pick_device(requested: str = "auto") -> torch.device:
    requested = (requested or "auto").lower()
    if requested == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    if requested.startswith("cuda") and not torch.cuda.is_available():
        raise ModelLoadError("device 'cuda' was asked for but no CUDA GPU is available; "
                             "use --device auto or cpu")
    if requested not in ("cpu", "mps") and not requested.startswith("cuda"):
        raise ModelLoadError(f"unknown device '{requested}': use auto, cpu, cuda or mps")
    return torch.device(requested)


def cpu_has_fast_bf16() -> bool:
    """True when the CPU computes bf16 natively (AVX512-BF16 or AMX).

    Measured on such a CPU (ViT-B-32): fp32 ~21 img/s, bf16 weights ~70 img/s.
    Without native support bf16 is emulated and slower than fp32.
    """
    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except Exception:  # older torch or no oneDNN
        return False


PRECISIONS = ("auto", "fp32", "bf16", "fp16", "int8")


def pick_precision(device: torch.device, requested: str = "auto") -> torch.dtype:
    """The weights' dtype for an explicit precision, or auto on a GPU / without measuring.

    On the CPU, ``load_model`` measures instead (``cpu_plan``); this is the
    guess it starts from: bf16 where the CPU computes it natively, else fp32.
    """
    requested = (requested or "auto").lower()
    table = {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16,
             "int8": torch.float32}  # int8: weights in int8, activations stay fp32
    if requested in table:
        return table[requested]
    if requested != "auto":
        raise ModelLoadError(f"unknown precision '{requested}': use {', '.join(PRECISIONS)}")
    if device.type == "cuda":
        return torch.float16
    if device.type == "cpu" and cpu_has_fast_bf16():
        # bf16 *weights*, not torch.autocast: CPU autocast re-casts every op and
        # measured 6 img/s against 70 for plain bf16 weights on this CPU.
        return torch.bfloat16
    return torch.float32


@contextlib.contextmanager
def _hub_offline(offline: bool):
    """Force huggingface_hub offline so a cache lookup never waits on the network."""
    try:
        from huggingface_hub import constants
    except ImportError:  # no hub library: only local folders can work anyway
        yield
        return
    saved = constants.HF_HUB_OFFLINE
    constants.HF_HUB_OFFLINE = offline or saved
    try:
        yield
    finally:
        constants.HF_HUB_OFFLINE = saved


def hub_reachable(timeout: float = 3.0) -> bool:
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes"):
        return False
    try:
        with socket.create_connection((HUB_HOST, 443), timeout=timeout):
            return True
    except OSError:
        return False


def _not_available(spec: ModelSpec, looked_in: list) -> ModelNotAvailable:
    where = " and ".join(str(p) for p in looked_in)
    return ModelNotAvailable(
        f"The CLIP model {spec.describe()} is not downloaded yet, and it cannot be "
        f"downloaded now because {HUB_HOST} is not reachable. MoodPlayer looked for "
        f"its weights in {where}. To fix this, either run MoodPlayer once while "
        f"connected to the internet so it can download the weights (about 600 MB for "
        f"ViT-B-32; they are kept for offline use), or copy a model folder in "
        f"open_clip's layout (open_clip_config.json + open_clip_model.safetensors) to "
        f"this machine and point MOODPLAYER_MODEL (or --model) at "
        f"'local-dir:/path/to/that/folder'."
    )


def _create(spec: ModelSpec, device: torch.device, cache_dir: Optional[str]):
    import open_clip  # the only place in the project that imports open_clip

    from .skip_init import skip_random_init, weights_will_load

    # The checkpoint overwrites every parameter: drawing random ones first was ~5 s of ViT-B-32.
    with skip_random_init(weights_will_load(spec)):
        model, _, preprocess = open_clip.create_model_and_transforms(
            spec.open_clip_name(),
            pretrained=spec.pretrained if spec.kind == "name" else None,
            device=device,
            cache_dir=cache_dir,
        )
    from .lazy_tokenizer import LazyTokenizer

    tokenizer = LazyTokenizer(lambda: open_clip.get_tokenizer(spec.open_clip_name(),
                                                              cache_dir=cache_dir))
    return model, preprocess, tokenizer


def _looks_like_missing_download(exc: BaseException) -> bool:
    text = f"{type(exc).__name__} {exc}".lower()
    return any(s in text for s in (
        "offline", "download", "connection", "resolve", "network", "cannot find the requested files",
        "localentrynotfound", "outgoing traffic", "max retries", "urlopen",
    ))


def _load_modules(spec: ModelSpec, device: torch.device):
    if spec.kind == "local":
        folder = Path(spec.name)
        if not (folder / "open_clip_config.json").is_file():
            raise ModelLoadError(
                f"{folder} is not an open_clip model folder: it needs open_clip_config.json "
                f"and open_clip_model.safetensors (or open_clip_pytorch_model.bin)")
        try:
            return _create(spec, device, None)
        except Exception as exc:
            raise ModelLoadError(f"could not load the model folder {folder}: {exc}") from None

    if spec.kind == "name":
        import open_clip

        if spec.name not in open_clip.list_models():
            raise ModelLoadError(f"unknown open_clip model '{spec.name}'. Examples: ViT-B-32, "
                                 f"ViT-B-16, ViT-L-14 (see open_clip.list_models())")
        if spec.pretrained:
            tags = [t for m, t in open_clip.list_pretrained() if m == spec.name]
            if spec.pretrained not in tags and not os.path.isfile(spec.pretrained):
                raise ModelLoadError(f"unknown pretrained tag '{spec.pretrained}' for {spec.name}; "
                                     f"known tags: {', '.join(tags) or 'none'}")
        else:
            log.warning("model %s has no pretrained tag: weights are random", spec.name)
            return _create(spec, device, None)

    # Cached weights first (ours, then the user's own Hugging Face cache), offline.
    ours = str(paths.models_dir())
    looked = [ours, "the Hugging Face cache"]
    for cache in (ours, None):
        with _hub_offline(True):
            try:
                return _create(spec, device, cache)
            except Exception as exc:  # open_clip wraps hub errors in RuntimeError
                log.info("not in cache %s: %s", cache or "hf default", exc)
    if not hub_reachable():
        raise _not_available(spec, looked)
    try:
        return _create(spec, device, ours)
    except Exception as exc:
        if _looks_like_missing_download(exc):
            raise _not_available(spec, looked) from None
        raise ModelLoadError(f"could not load {spec.describe()}: {exc}") from None


def load_model(spec: str, device: str = "auto", precision: str = "auto",
               note: Optional[Callable[[str], None]] = None,
               defer: bool = False) -> LoadedModel:
    """Load a CLIP model for inference. Raises only MoodPlayerError subclasses.

    On the CPU, ``auto`` and ``int8`` follow this machine's measured plan
    (``cpu_plan``), measured now (a few seconds, said through ``note``) when
    there is none yet for this model; with ``defer`` that measurement and the
    int8 rewrite wait until the first photo was read (``LoadedModel.settle``).
    """
    parsed = ModelSpec.parse(spec)
    dev = pick_device(device)
    requested = (precision or "auto").lower()
    dtype = pick_precision(dev, requested)
    if requested == "int8" and dev.type != "cpu":
        raise ModelLoadError("precision int8 is for the CPU; on a GPU use auto (fp16) or fp32")
    model, preprocess, tokenizer = _load_modules(parsed, dev)
    model.eval().requires_grad_(False)
    visual = model.visual
    size = getattr(visual, "image_size", 224)
    size = size[0] if isinstance(size, (tuple, list)) else int(size)
    embed_dim = int(getattr(visual, "output_dim", 0) or model.text_projection.shape[1])
    loaded = LoadedModel(parsed, model, preprocess, tokenizer, dev, torch.float32, size, embed_dim,
                         architecture=architecture_of(model))
    if dev.type == "cpu" and requested in ("auto", "int8"):
        from .cpu_plan import use_cpu_plan

        use_cpu_plan(loaded, requested, note, defer)
    elif dtype != torch.float32:
        model.to(dtype)
        loaded.dtype = dtype
        loaded.precision = {torch.bfloat16: "bf16", torch.float16: "fp16"}[dtype]
    log.info("loaded %s on %s as %s", parsed.describe(), dev, loaded.precision)
    return loaded


def architecture_of(module: torch.nn.Module) -> str:
    """A short hash of every parameter's name and shape (the network, not its weights)."""
    import hashlib

    parts = [f"{k}:{tuple(v.shape)}" for k, v in module.state_dict().items()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def save_model_folder(folder, model_cfg: dict, preprocess_cfg: Optional[dict] = None,
                      seed: int = 0, state_dict: Optional[dict] = None) -> Path:
    """Write an open_clip model in the ``local-dir:`` layout.

    The weights are random (from ``seed``) unless ``state_dict`` is given,
    e.g. a tiny model the tests pretrained themselves. Used by the tests and
    the benchmarks (ViT-B-32, which runs at the speed of real weights), so
    both load through exactly the path users' offline model folders take.
    """
    import open_clip
    from safetensors.torch import save_model

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(seed)
    model = open_clip.CLIP(**model_cfg) if "custom_text" not in model_cfg \
        else open_clip.CustomTextCLIP(**model_cfg)
    size = model_cfg["vision_cfg"]["image_size"]
    pre = {"size": [size, size] if isinstance(size, int) else list(size),
           "mode": "RGB", "mean": list(open_clip.OPENAI_DATASET_MEAN),
           "std": list(open_clip.OPENAI_DATASET_STD), "interpolation": "bicubic",
           "resize_mode": "shortest", "fill_color": 0}
    pre.update(preprocess_cfg or {})
    if state_dict is not None:  # strict: a state dict of another architecture is an error
        model.load_state_dict(state_dict)
    (folder / "open_clip_config.json").write_text(
        json.dumps({"model_cfg": model_cfg, "preprocess_cfg": pre}, indent=2), encoding="utf-8")
    save_model(model, str(folder / "open_clip_model.safetensors"))
    return folder


def builtin_model_config(name: str) -> dict:
    """An open_clip architecture's config (e.g. ``ViT-B-32``) as a plain dict."""
    import open_clip

    cfg = open_clip.get_model_config(name)
    if cfg is None:
        raise ModelLoadError(f"unknown open_clip model '{name}'")
    return cfg
