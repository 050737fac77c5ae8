"""The CPU plan: measured once per machine and model, kept, and followed."""

import json

import pytest
import torch

from moodplayer.engine import paths
from moodplayer.engine.vision import calibrate, cpu_plan, machine
from moodplayer.engine.vision.cpu_plan import CpuPlan, load_plan, save_plan
from moodplayer.engine.vision.int8 import available_engines
from moodplayer.engine.vision.model import load_model


@pytest.fixture(autouse=True)
def quiet_machine(monkeypatch):
    """Measured as on an idle machine (a busy one is measured again; tested apart)."""
    monkeypatch.setattr(machine, "load_average", lambda: 0.0)


def _r(batch, single, cosine=0.9999):
    return {"batch_img_s": batch, "single_ms": single, "min_cosine": cosine}


def test_the_fastest_path_that_keeps_fp32_features_wins():
    results = {"fp32": _r(10, 100), "bf16": _r(20, 50), "int8-x86": _r(30, 40),
               "int8-onednn": _r(40, 30, cosine=0.998)}  # fastest, but changes what it sees
    label, reason = calibrate.choose(results)
    assert label == "int8-x86"
    assert "3.00x fp32's batch speed" in reason and "0.40x its time" in reason


def test_failed_paths_and_noise_level_gains_keep_fp32():
    results = {"fp32": _r(10, 100), "int8-x86": {"error": "no engine"},
               "bf16": _r(10.3, 99)}  # 2% faster: within noise
    assert calibrate.choose(results)[0] == "fp32"


def test_speedup_weighs_batch_and_single_photo_alike():
    base = _r(10, 100)
    assert calibrate.speedup(_r(40, 100), base) == pytest.approx(2.0)
    assert calibrate.speedup(_r(10, 25), base) == pytest.approx(2.0)


def test_thread_choices_halve_from_the_default():
    assert calibrate.thread_choices(2) == [2, 1]
    assert calibrate.thread_choices(16) == [16, 8, 4]
    assert calibrate.thread_choices(1) == [1]


def test_calibration_images_are_fixed_and_photo_like():
    a, b = calibrate.calibration_images(3), calibrate.calibration_images(3)
    assert [im.tobytes() for im in a] == [im.tobytes() for im in b]
    assert len({im.tobytes() for im in a}) == 3 and a[0].mode == "RGB"


def test_auto_measures_once_then_follows_the_kept_plan(tiny_spec, monkeypatch):
    said = []
    first = load_model(tiny_spec, device="cpu", precision="auto", note=said.append)
    assert said and "only this once" in said[0]
    plan = first.plan
    assert set(plan.measured) >= {"fp32"} and plan.measured["fp32"]["min_cosine"] == 1.0
    assert first.precision == plan.precision and plan.threads_batch >= 1
    assert plan.machine == machine.describe()
    kept = json.loads((paths.cache_dir() / cpu_plan.FILE_NAME).read_text())
    assert kept["version"] == cpu_plan.VERSION and len(kept["plans"]) == 1

    def must_not_measure(*_a, **_k):
        raise AssertionError("measured again although a plan was kept")

    monkeypatch.setattr(calibrate, "calibrate", must_not_measure)
    said.clear()
    second = load_model(tiny_spec, device="cpu", precision="auto", note=said.append)
    assert not said and second.plan.reason == plan.reason


def test_a_damaged_plan_file_means_measuring_again(tiny_spec):
    path = paths.cache_dir() / cpu_plan.FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    model = load_model(tiny_spec, device="cpu", precision="auto")
    assert model.plan is not None and model.plan.measured
    assert json.loads(path.read_text())["version"] == cpu_plan.VERSION


def test_a_plan_with_an_unknown_precision_is_ignored():
    save_plan("k", CpuPlan(precision="int8", engine="x86"))
    assert load_plan("k").engine == "x86"
    data = json.loads((paths.cache_dir() / cpu_plan.FILE_NAME).read_text())
    data["plans"]["k"]["precision"] = "int3"
    (paths.cache_dir() / cpu_plan.FILE_NAME).write_text(json.dumps(data))
    assert load_plan("k") is None


def test_machine_key_follows_kernel_limits(monkeypatch):
    monkeypatch.delenv("ONEDNN_MAX_CPU_ISA", raising=False)
    before = machine.machine_key()
    monkeypatch.setenv("ONEDNN_MAX_CPU_ISA", "AVX2")
    assert machine.machine_key() != before


def test_threads_for_uses_the_plan_and_restores(tiny_spec):
    model = load_model(tiny_spec, device="cpu", precision="fp32")
    before = torch.get_num_threads()
    model.plan = CpuPlan(threads_batch=before, threads_single=1)
    with model.threads_for(1):
        inside = torch.get_num_threads()
    assert inside == 1 and torch.get_num_threads() == before
    with model.threads_for(8):
        assert torch.get_num_threads() == before


@pytest.mark.skipif(not available_engines(), reason="no int8 engine in this PyTorch")
def test_int8_asked_for_is_followed_even_when_auto_chose_otherwise(tiny_spec):
    auto = load_model(tiny_spec, device="cpu", precision="auto")
    forced = load_model(tiny_spec, device="cpu", precision="int8")
    assert forced.precision == "int8" and forced.plan.engine in available_engines()
    assert forced.plan.threads_batch == auto.plan.threads_batch  # measured threads still apply


def test_explicit_precisions_do_not_measure(tiny_spec):
    model = load_model(tiny_spec, device="cpu", precision="fp32")
    assert model.plan is None and model.precision == "fp32"
    assert not (paths.cache_dir() / cpu_plan.FILE_NAME).exists()
    assert load_model(tiny_spec, device="cpu", precision="bf16").precision == "bf16"


def test_a_plan_measured_on_a_busy_machine_is_measured_again_a_few_times(tiny_spec, monkeypatch):
    monkeypatch.setattr(machine, "load_average", lambda: 40.0)  # others kept every core busy
    said = []
    plans = [load_model(tiny_spec, device="cpu", note=said.append).plan for _ in range(4)]
    assert [p.tries for p in plans] == [1, 2, 3, 3]
    assert all(p.busy_load == 40.0 for p in plans)
    assert len(said) == 3 and "busy" in said[1]
    monkeypatch.setattr(machine, "load_average", lambda: 0.1)
    assert not machine.busy(0.1) and machine.busy(40.0)


@pytest.mark.skipif(not available_engines(), reason="no int8 engine in this PyTorch")
def test_deferred_int8_reads_the_first_photo_in_fp32_then_rewrites(tiny_spec, tmp_path):
    from PIL import Image

    from moodplayer.engine.emotions.extractor import EmotionExtractor
    from moodplayer.engine.emotions.taxonomy import load_taxonomy
    from moodplayer.engine.vision.int8 import is_quantized

    model = load_model(tiny_spec, device="cpu", precision="int8", defer=True)
    assert model.pending_int8 and model.precision == "fp32" and model.path_name == "int8"
    photos = []
    for i in range(3):
        photos.append(tmp_path / f"{i}.png")
        Image.new("RGB", (40, 40), (80 * i, 40, 200 - 60 * i)).save(photos[-1])
    ex = EmotionExtractor(model, load_taxonomy("mikels8"))
    first_key = ex.reader_key()
    ex.analyze_paths(photos[:1])
    assert not is_quantized(model.model.visual) and model.pending_int8  # one photo: fp32
    ex.analyze_paths(photos[1:])
    assert is_quantized(model.model.visual) and model.precision == "int8"
    assert not model.pending_int8 and model.weights_digest
    assert ex.reader_key() != first_key  # int8 features are cached apart from fp32 ones
    again = ex.analyze_paths(photos[:1])  # read again in int8, under the int8 key
    assert again.photos[0].result is not None


def test_a_batch_first_rewrites_before_reading(tiny_spec):
    if not available_engines():
        pytest.skip("no int8 engine in this PyTorch")
    from moodplayer.engine.vision.int8 import is_quantized

    model = load_model(tiny_spec, device="cpu", precision="int8", defer=True)
    model.settle(4)
    assert is_quantized(model.model.visual)


def test_a_deferred_reader_measures_after_its_first_photo(tiny_spec, tmp_path):
    from PIL import Image

    from moodplayer.engine.emotions.extractor import EmotionExtractor
    from moodplayer.engine.emotions.taxonomy import load_taxonomy

    said = []
    model = load_model(tiny_spec, device="cpu", precision="auto", note=said.append, defer=True)
    plan_file = paths.cache_dir() / cpu_plan.FILE_NAME
    assert model.pending_measure is not None and not said and not plan_file.exists()
    photo = tmp_path / "p.png"
    Image.new("RGB", (40, 40), (200, 90, 30)).save(photo)
    ex = EmotionExtractor(model, load_taxonomy("mikels8"))
    assert ex.analyze_paths([photo]).photos[0].result is not None
    assert not plan_file.exists() and not said  # the first photo did not wait
    assert ex.analyze_paths([photo, photo]).photos[1].result is not None
    assert plan_file.exists() and model.pending_measure is None
    assert "only this once" in said[0] and said[-1] == cpu_plan.MEASURED
    assert model.plan.measured and model.path_name == model.plan.precision
