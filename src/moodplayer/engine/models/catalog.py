"""Known good CLIP models: what to offer a person choosing one.

Every entry is an open_clip ``NAME:TAG`` whose weights are on the Hugging
Face hub (the repository comes from open_clip's own pretrained registry, see
``hub_file``), has an open_clip ViT image tower and open_clip's text
transformer (so analysis *and* tuning work with it), and is listed with
numbers a person can choose by:

* ``download_mb``: the weights file (fp32 safetensors), about; the exact
  size comes from the hub when downloading.
* ``cpu_photos_per_s``: photos per second through the image encoder, fp32,
  on a shared 2-core x86 virtual machine (``benchmarks/bench_models.py``,
  docs/BENCHMARKS.md): rough, for comparing the models with each other. A
  recent 8-core laptop is several times faster, a GPU 10-100x, and bf16
  weights on a CPU with AMX (picked automatically) about 3-5x.
* ``imagenet``: zero-shot ImageNet top-1 accuracy as published by open_clip,
  a rough guide to how much the model "knows".
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional

from ..errors import MoodPlayerError
from ..settings import DEFAULT_MODEL

# The weights file names open_clip looks for in a hub repository, best first
# (open_clip.pretrained: safetensors when available, else the pickle).
WEIGHTS_FILES = ("open_clip_model.safetensors", "open_clip_pytorch_model.bin")
CONFIG_FILE = "open_clip_config.json"


@dataclass(frozen=True)
class KnownModel:
    spec: str  # what --model / MOODPLAYER_MODEL / settings take, "NAME:TAG"
    hub_repo: str  # its Hugging Face repository (checked against open_clip's registry in the tests)
    title: str
    download_mb: int
    cpu_photos_per_s: float
    imagenet: float  # zero-shot ImageNet top-1, percent
    good_for: str

    @property
    def name(self) -> str:
        return self.spec.partition(":")[0]

    @property
    def tag(self) -> str:
        return self.spec.partition(":")[2]

    @property
    def is_default(self) -> bool:
        return self.spec == DEFAULT_MODEL

    @property
    def hub_url(self) -> str:
        return f"https://huggingface.co/{self.hub_repo}"


KNOWN_MODELS = (
    KnownModel(
        "ViT-B-32:laion2b_s34b_b79k", "laion/CLIP-ViT-B-32-laion2B-s34B-b79K",
        "ViT-B/32, LAION-2B (default)", 605, 5.0, 66.6,
        "The default: fast on any CPU, good enough to tell the moods of photos apart."),
    KnownModel(
        "ViT-B-32:datacomp_xl_s13b_b90k", "laion/CLIP-ViT-B-32-DataComp.XL-s13B-b90K",
        "ViT-B/32, DataComp-XL", 605, 5.0, 72.7,
        "Same size and speed as the default, trained on cleaner data: a free upgrade in accuracy."),
    KnownModel(
        "ViT-B-16:datacomp_xl_s13b_b90k", "laion/CLIP-ViT-B-16-DataComp.XL-s13B-b90K",
        "ViT-B/16, DataComp-XL", 598, 1.5, 73.5,
        "Finer detail (16-pixel patches) at about a third of the default's CPU speed."),
    KnownModel(
        "ViT-B-16:openai", "timm/vit_base_patch16_clip_224.openai",
        "ViT-B/16, OpenAI CLIP", 598, 1.5, 68.3,
        "The original CLIP; the backbone most prompt-tuning papers (DAPT, CoOp) report on."),
    KnownModel(
        "ViT-L-14:datacomp_xl_s13b_b90k", "laion/CLIP-ViT-L-14-DataComp.XL-s13B-b90K",
        "ViT-L/14, DataComp-XL", 1710, 0.8, 79.2,
        "Clearly better reading of subtle scenes; for a GPU, or a patient CPU."),
    KnownModel(
        "ViT-H-14:laion2b_s32b_b79k", "laion/CLIP-ViT-H-14-laion2B-s32B-b79K",
        "ViT-H/14, LAION-2B", 3944, 0.3, 78.0,
        "The largest here: needs a GPU with 8 GB or more to be pleasant."),
)


def known_models() -> tuple:
    """The table above, the default first."""
    return tuple(sorted(KNOWN_MODELS, key=lambda m: not m.is_default))


def find_known(spec: str) -> Optional[KnownModel]:
    """The catalog entry for a spec (``NAME:TAG`` or ``hf-hub:REPO``), or None."""
    spec = (spec or "").strip()
    for model in KNOWN_MODELS:
        if spec == model.spec or spec == f"hf-hub:{model.hub_repo}":
            return model
    return None


def default_model() -> KnownModel:
    found = find_known(DEFAULT_MODEL)
    if found is None:  # a test keeps the two in step
        raise MoodPlayerError(f"the default model {DEFAULT_MODEL} is missing from the catalog")
    return found


def hub_file(name: str, tag: str) -> tuple:
    """``(repo_id, filenames)`` open_clip downloads for ``NAME:TAG``, from its registry.

    ``filenames`` are the candidates in the order open_clip tries them (the
    safetensors file first). Raises MoodPlayerError for an unknown pair or
    weights that are not on the hub.
    """
    import open_clip

    cfg = open_clip.get_pretrained_cfg(name, tag) if tag else {}
    if not cfg:
        tags = open_clip.list_pretrained_tags_by_model(name)
        if not tags:
            raise MoodPlayerError(f"unknown open_clip model '{name}'")
        raise MoodPlayerError(f"unknown pretrained tag '{tag}' for {name}; known tags: {', '.join(tags)}")
    hub = cfg.get("hf_hub") or ""
    if not hub:
        raise MoodPlayerError(f"the weights of {name}:{tag} are not on the Hugging Face hub "
                              f"(open_clip fetches them from {cfg.get('url') or 'elsewhere'}); "
                              f"loading the model downloads them")
    # open_clip's convention: 'org/repo/' = its default file name, 'org/repo/file' = that file.
    repo, filename = os.path.split(hub)
    if not filename or filename == WEIGHTS_FILES[1]:
        return repo, WEIGHTS_FILES
    stem, ext = os.path.splitext(filename)  # open_clip tries a .safetensors twin first
    return repo, ((stem + ".safetensors", filename) if ext in (".bin", ".pth") else (filename,))
