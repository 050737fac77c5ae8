"""DAPT: text context and visual prompts, with the two dispersion terms."""

from __future__ import annotations

from .prompt_tuning import PromptMethod
from .registry import register


class Dapt(PromptMethod):
    name = "dapt"
    # The DAPT authors tune lr per dataset (0.2 to 20 with fp16 CLIP); tune
    # it per dataset and backbone with ``eval``.
    default_lr = 0.2
    lr_grid = (0.002, 0.006, 0.02)
    visual_scales = (10.0, 100.0)


register(Dapt())
