"""open_clip imported lean: without timm/transformers when the model uses neither (a later
model that does use one still loads in the same process), and without torch's compiler
until something asks for it."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[3] / "src"

TIMM_TOWER = {
    "embed_dim": 32,
    "vision_cfg": {"timm_model_name": "test_vit", "timm_model_pretrained": False,
                   "timm_pool": "avg", "timm_proj": "linear", "image_size": 160},
    "text_cfg": {"context_length": 77, "vocab_size": 49408, "width": 64, "heads": 2, "layers": 2},
}

installed = pytest.mark.skipif(
    not all(importlib.util.find_spec(p) for p in ("timm", "transformers")),
    reason="needs timm and transformers installed (to see them left out and brought back)")


def write_config(folder: Path, model_cfg: dict) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "open_clip_config.json").write_text(json.dumps({"model_cfg": model_cfg}))
    return f"local-dir:{folder}"


def test_what_a_model_needs_is_read_from_its_config(tmp_path, tiny_spec):
    from moodplayer.engine.vision.lean_import import needed

    assert needed(tiny_spec) == set()
    assert needed(write_config(tmp_path / "t", TIMM_TOWER)) == {"timm"}
    hf = {"text_cfg": {"hf_model_name": "roberta-base"}, "vision_cfg": {}}
    assert needed(write_config(tmp_path / "h", hf)) == {"transformers"}
    tok = {"text_cfg": {"hf_tokenizer_name": "x"}, "vision_cfg": {}}
    assert needed(write_config(tmp_path / "k", tok)) == {"transformers"}
    assert needed("ViT-B-32:laion2b_s34b_b79k") == set()  # open_clip's own config file
    assert needed("ViT-B-16-SigLIP:webli") == {"timm", "transformers"}  # and its tokenizer
    assert needed("hf-hub:nobody/never-downloaded") is None  # unknown: hide nothing
    assert needed(f"local-dir:{tmp_path / 'missing'}") is None


@installed
def test_left_out_for_a_plain_model_and_brought_back_for_one_that_needs_it(tmp_path, tiny_spec):
    from moodplayer.engine.vision.model import save_model_folder

    timm_dir = save_model_folder(tmp_path / "timm-tower", TIMM_TOWER)
    script = """
import json, sys
from moodplayer.engine.vision import lean_import
from moodplayer.engine.vision.model import load_model
tiny, timm_spec = sys.argv[1:3]
with lean_import.for_model(tiny):
    load_model(tiny, "cpu", "fp32")
import open_clip.hf_model, open_clip.timm_model
out = {"timm": open_clip.timm_model.timm is not None,
       "transformers": open_clip.hf_model.transformers is not None,
       "already": sorted(m for m in ("timm", "transformers", "torch._dynamo",
                                     "torch._dynamo.utils") if m in sys.modules)}
# torchvision's one use of the compiler still answers, from the real module
roi = sys.modules["torchvision.ops.roi_align"]
out["compile_supported"] = roi.is_compile_supported("cpu")
import torch._dynamo.utils
out["real_compiler"] = not hasattr(torch._dynamo.utils, "stand_in") and \
    sys.modules["torch._dynamo.utils"] is torch._dynamo.utils
with lean_import.for_model(timm_spec):
    model = load_model(timm_spec, "cpu", "fp32")
out["timm_later"] = open_clip.timm_model.timm is not None and model.image_size == 160
import transformers  # the CLAP reader's import still works
out["transformers_later"] = transformers.__name__ == "transformers"
print(json.dumps(out))
"""
    env = dict(os.environ, PYTHONPATH=str(SRC), HF_HUB_OFFLINE="1")
    done = subprocess.run([sys.executable, "-c", script, tiny_spec, f"local-dir:{timm_dir}"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out == {"timm": False, "transformers": False, "already": [],
                   "compile_supported": True, "real_compiler": True,
                   "timm_later": True, "transformers_later": True}


def test_an_unknown_model_hides_nothing(monkeypatch):
    import sys as _sys

    from moodplayer.engine.vision import lean_import

    monkeypatch.delitem(_sys.modules, "open_clip", raising=False)
    monkeypatch.setattr(lean_import, "needed", lambda _spec: None)
    with lean_import.for_model("hf-hub:nobody/never-downloaded"):
        assert all(_sys.modules.get(p, ...) is not None for p in lean_import.OPTIONAL)
        # the compiler is deferred whatever the model (the real one is back on the way out)
        stand_in = _sys.modules.get(lean_import.DEFERRED)
        assert stand_in is None or not getattr(stand_in, "stand_in", False) or \
            stand_in.is_compile_supported("cpu") is True
    assert not getattr(_sys.modules.get(lean_import.DEFERRED), "stand_in", False)
