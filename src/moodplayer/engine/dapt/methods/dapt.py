"""DAPT: text context and visual prompts, with the two dispersion terms."""

from __future__ import annotations

from .prompt_tuning import PromptMethod
from .registry import register


class Dapt(PromptMethod):
    name = "dapt"
    # The DAPT authors tune lr per dataset (0.2 to 20 with fp16 CLIP and a
    # random context). With the context starting at zero-shot's words, 0.2 and
    # 0.06 blew it up on every pretrained test model, 0.002-0.02 trained
    # (docs/DAPT.md); the automatic search tries that range. ``default_lr``
    # is only for ``--lr``-less manual runs (tests, benchmarks).
    default_lr = 0.006
    lr_grid = (0.002, 0.006, 0.02)
    # The visual prompts sit behind a LayerNorm on a ~50x larger scale than the
    # token embeddings, and their gradient is far smaller: 10x and 100x the
    # text rate both won on some of the test splits.
    visual_scales = (10.0, 100.0)


register(Dapt())
