import json

from moodplayer.cli import main


def test_tune_then_eval_and_analyze_with_the_adapter(tmp_path, tiny_spec, synthetic_folder, capsys):
    out = tmp_path / "mine.safetensors"
    rc = main(["tune", "--data", str(synthetic_folder), "--method", "coop", "--shots", "2",
               "--epochs", "2", "--model", tiny_spec, "--out", str(out), "--json"])
    assert rc == 0 and out.is_file()
    assert json.loads(capsys.readouterr().out)["adapter"] == str(out)

    rc = main(["eval", "--data", str(synthetic_folder), "--method", "linear", "--shots", "2",
               "--epochs", "3", "--seeds", "1,2", "--model", tiny_spec, "--json"])
    report = json.loads(capsys.readouterr().out)
    assert rc == 0
    assert report["method"] == "linear" and report["shots"] == 2 and report["seeds"] == [1, 2]
    assert 0 <= report["accuracy"] <= 1 and 0 <= report["macro_f1"] <= 1
    assert set(report["per_class"]) >= {"awe", "sadness"}

    photo = next((synthetic_folder / "awe").iterdir())
    assert main(["analyze", str(photo), "--adapter", str(out), "--model", tiny_spec, "--json"]) == 0


def test_bad_data_is_a_message_not_a_traceback(tmp_path, tiny_spec, capsys):
    rc = main(["tune", "--data", str(tmp_path / "nope"), "--model", tiny_spec])
    err = capsys.readouterr().err
    assert rc == 2 and "no such folder" in err and "Traceback" not in err


def test_paper_hyperparameters_reach_the_adapter(tmp_path, tiny_spec, synthetic_folder, capsys):
    from moodplayer.engine.dapt.adapter import load_adapter

    out = tmp_path / "dapt.safetensors"
    rc = main(["tune", "--data", str(synthetic_folder), "--method", "dapt", "--shots", "1",
               "--epochs", "1", "--beta-v", "100", "--beta-t", "10", "--rbf-t", "1.5",
               "--visual-lr-scale", "50", "--train-batch", "4", "--no-flip",
               "--model", tiny_spec, "--out", str(out), "--json"])
    assert rc == 0, capsys.readouterr().err
    hyper = load_adapter(out).meta["hyperparameters"]
    assert (hyper["beta_v"], hyper["beta_t"], hyper["rbf_t"]) == (100.0, 10.0, 1.5)
    assert (hyper["visual_lr_scale"], hyper["batch_size"], hyper["flip"]) == (50.0, 4, False)
