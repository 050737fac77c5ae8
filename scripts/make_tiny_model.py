"""Write a tiny random-weight open_clip model folder and print its path.

    <venv>/bin/python scripts/make_tiny_model.py FOLDER

For checks that need *a* model but no download: the install check in CI
(moodplayer --self-test --model local-dir:FOLDER) and the frozen app's
self-test (scripts/build_app.sh). Same configuration as the tests' model
(tests/conftest.py): loads in well under a second, reads nothing real.
"""

import sys

from moodplayer.engine.vision.model import save_model_folder

TINY_MODEL_CFG = {
    "embed_dim": 32,
    "vision_cfg": {"image_size": 32, "layers": 2, "width": 64, "patch_size": 8, "head_width": 32},
    "text_cfg": {"context_length": 77, "vocab_size": 49408, "width": 64, "heads": 2, "layers": 2},
}

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(save_model_folder(sys.argv[1], TINY_MODEL_CFG))
