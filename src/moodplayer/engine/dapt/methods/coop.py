"""CoOp: text context only, plain cross-entropy (DAPT without its additions)."""

from __future__ import annotations

from .prompt_tuning import PromptMethod
from .registry import register


class CoOp(PromptMethod):
    name = "coop"
    # CoOp's paper uses 0.002 from a random context; from zero-shot's words
    # 0.006-0.02 trained best on the test models and 0.06 blew up (docs/DAPT.md).
    default_lr = 0.006
    lr_grid = (0.002, 0.006, 0.02)

    def drop_unused(self, cfg) -> None:
        cfg.n_visual, cfg.beta_v, cfg.beta_t = 0, 0.0, 0.0


register(CoOp())
