import pytest

from .synthetic import write_image_folder


@pytest.fixture(scope="session")
def synthetic_folder(tmp_path_factory, taxonomy):
    """8 emotions x 20 photos, classes told apart by colour and block position."""
    return write_image_folder(tmp_path_factory.mktemp("synthetic"), taxonomy.names, 20, seed=0)


@pytest.fixture(scope="session")
def synthetic_set(synthetic_folder, taxonomy):
    from moodplayer.engine.dapt.data import load_labelled

    return load_labelled(synthetic_folder, taxonomy)


@pytest.fixture(scope="session")
def pretrained_spec(tmp_path_factory, tiny_model_cfg, taxonomy):
    """The tiny CLIP after a few seconds of contrastive pretraining (pretrain.py),
    written in the local-dir layout and loaded back the way users' folders are.

    Its image tower has 4 layers instead of the shared tiny model's 2: visual
    prompts act through attention, and with 2 layers DAPT's intra-dispersion
    ended at 0.018-0.023 against CoOp's 0.021-0.022 over four seeds (4 layers:
    0.011-0.015 against 0.017-0.020, six seeds of six).
    """
    from .pretrain import pretrain

    from moodplayer.engine.vision.model import load_model, save_model_folder

    cfg = {**tiny_model_cfg, "vision_cfg": {**tiny_model_cfg["vision_cfg"], "layers": 4}}
    root = tmp_path_factory.mktemp("pretrained-clip")
    random_dir = save_model_folder(root / "random", cfg)
    model = load_model(f"local-dir:{random_dir}", device="cpu", precision="fp32")
    pretrain(model, taxonomy)
    folder = save_model_folder(root / "pretrained", cfg,
                               state_dict=model.model.state_dict())
    return f"local-dir:{folder}"


@pytest.fixture(scope="session")
def pretrained_model(pretrained_spec):
    from moodplayer.engine.vision.model import load_model

    return load_model(pretrained_spec, device="cpu", precision="fp32")


@pytest.fixture(scope="session")
def faded_set(tmp_path_factory, taxonomy):
    """Domain B: 8 emotions x 20 faded photos (colour nearly gone, layout kept)."""
    from moodplayer.engine.dapt.data import load_labelled

    folder = write_image_folder(tmp_path_factory.mktemp("faded"), taxonomy.names, 20, seed=0,
                                saturation=0.12)
    return load_labelled(folder, taxonomy)


@pytest.fixture(autouse=True, scope="session")
def one_thread():
    """The tiny model's steps are too small to share: on a busy 2-core machine one
    thread ran prompt tuning 3x faster than two."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)
