import json

from moodplayer.cli import main


def test_tune_as_given_then_eval_and_analyze_with_the_adapter(tmp_path, tiny_spec, synthetic_folder,
                                                              capsys):
    out = tmp_path / "mine.safetensors"
    rc = main(["tune", "--data", str(synthetic_folder), "--method", "coop", "--shots", "2",
               "--lr", "0.006", "--epochs", "2", "--model", tiny_spec, "--out", str(out), "--json"])
    assert rc == 0 and out.is_file()
    summary = json.loads(capsys.readouterr().out)
    assert summary["adapter"] == str(out) and summary["outcome"] == "as given"

    rc = main(["eval", "--data", str(synthetic_folder), "--method", "linear", "--shots", "2",
               "--lr", "0.5", "--epochs", "3", "--seeds", "1,2", "--model", tiny_spec, "--json"])
    report = json.loads(capsys.readouterr().out)
    assert rc == 0
    assert report["method"] == "linear" and report["shots"] == 2 and report["seeds"] == [1, 2]
    assert 0 <= report["accuracy"] <= 1 and 0 <= report["macro_f1"] <= 1
    assert set(report["per_class"]) >= {"awe", "sadness"}

    photo = next((synthetic_folder / "awe").iterdir())
    assert main(["analyze", str(photo), "--adapter", str(out), "--model", tiny_spec, "--json"]) == 0


def test_automatic_tune_says_what_it_chose_and_saves_only_what_helps(tmp_path, tiny_spec,
                                                                      synthetic_folder, capsys):
    """The linear probe learns the synthetic classes even on the untrained tiny model."""
    out = tmp_path / "auto.safetensors"
    rc = main(["tune", "--data", str(synthetic_folder), "--method", "linear", "--shots", "6",
               "--no-flip", "--no-crop", "--model", tiny_spec, "--out", str(out), "--json"])
    assert rc == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["outcome"] in ("tuned", "blended"), summary["message"]
    assert summary["adapter"] == str(out) and out.is_file()
    assert summary["after"]["accuracy"] > summary["before"]["accuracy"]
    search = summary["search"]
    assert [t["lr"] for t in search["trials"]] == [0.1, 0.5, 2.0] and search["folds"] == 3
    assert "Now using" in summary["message"] and "learning rate" in summary["message"]


def test_a_blown_up_rate_is_a_message_and_nothing_is_saved(tmp_path, tiny_spec, synthetic_folder,
                                                           capsys):
    out = tmp_path / "boom.safetensors"
    rc = main(["tune", "--data", str(synthetic_folder), "--method", "coop", "--shots", "2",
               "--lr", "10000", "--epochs", "3", "--model", tiny_spec, "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2 and "blew up" in err and "Traceback" not in err
    from moodplayer.engine import paths

    assert not out.exists() and not list(paths.adapters_dir().glob("*"))


def test_eval_compare_is_one_table_over_seeds(tiny_spec, synthetic_folder, capsys):
    rc = main(["eval", "--compare", "--data", str(synthetic_folder), "--shots", "3", "--seeds", "1,2",
               "--max-epochs", "2", "--no-flip", "--no-crop", "--model", tiny_spec, "--json"])
    assert rc == 0
    table = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in table["rows"]] == ["zero-shot", "linear probe", "CoOp",
                                                  "DAPT, no visual prompts", "DAPT"]
    for row in table["rows"]:
        assert len(row["runs"]) == 2 and 0 <= row["accuracy"] <= 1 and row["accuracy_std"] >= 0
    zero_shot = table["rows"][0]
    assert zero_shot["runs"][0]["blend_weight"] is None and zero_shot["accuracy_std"] >= 0

    rc = main(["eval", "--compare", "--data", str(synthetic_folder), "--lr", "0.1",
               "--model", tiny_spec])
    assert rc == 2 and "leave out --lr" in capsys.readouterr().err


def test_bad_data_is_a_message_not_a_traceback(tmp_path, tiny_spec, capsys):
    rc = main(["tune", "--data", str(tmp_path / "nope"), "--model", tiny_spec])
    err = capsys.readouterr().err
    assert rc == 2 and "no such folder" in err and "Traceback" not in err


def test_paper_hyperparameters_reach_the_adapter(tmp_path, tiny_spec, synthetic_folder, capsys):
    from moodplayer.engine.dapt.adapter import load_adapter

    out = tmp_path / "dapt.safetensors"
    rc = main(["tune", "--data", str(synthetic_folder), "--method", "dapt", "--shots", "1",
               "--lr", "0.2", "--epochs", "1", "--beta-v", "100", "--beta-t", "10", "--rbf-t", "1.5",
               "--visual-lr-scale", "50", "--train-batch", "4", "--no-flip",
               "--text-prompts", "shared", "--model", tiny_spec, "--out", str(out), "--json"])
    assert rc == 0, capsys.readouterr().err
    hyper = load_adapter(out).meta["hyperparameters"]
    assert (hyper["beta_v"], hyper["beta_t"], hyper["rbf_t"]) == (100.0, 10.0, 1.5)
    assert (hyper["visual_lr_scale"], hyper["batch_size"], hyper["flip"]) == (50.0, 4, False)
    assert (hyper["text_prompts"], hyper["n_text"], hyper["lr"]) == ("shared", 16, 0.2)
