"""`eca triage/train/evaluate` end to end, and the current-model registry."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ui.cli import main


def test_triage_cli_json(quick_model_dir, capsys):
    assert main(["triage", "--model", str(quick_model_dir), "--json", "Gas smell in the stairwell at Yliopistonkatu 7"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["incident_type"] in ("hazmat", "fire") and result["language"] == "en"


def test_triage_cli_rejects_empty_report_in_one_line(quick_model_dir, capsys):
    assert main(["triage", "--model", str(quick_model_dir), "  "]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "empty" in err and len(err.splitlines()) == 1


def test_triage_cli_rejects_a_folder_that_is_no_model(tmp_path, capsys):
    assert main(["triage", "--model", str(tmp_path), "fire"]) == 2
    assert "not a triage model directory" in capsys.readouterr().err


def test_evaluate_cli_writes_metrics_beside_baseline(quick_model_dir, tmp_path, capsys):
    from finetune.registry import HANDWRITTEN_TEST

    small = tmp_path / "hand.jsonl"
    lines = HANDWRITTEN_TEST.read_text(encoding="utf-8").splitlines()
    small.write_text("\n".join(lines[::4]) + "\n", encoding="utf-8")
    out = tmp_path / "eval"
    assert main(["evaluate", "--model", str(quick_model_dir), "--data", str(small), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "p1_recall" in printed and "baseline" in printed
    metrics = json.loads((out / "metrics.json").read_text())
    for side in ("model", "baseline"):
        assert {"all", "en", "zh"} <= set(metrics[side])
        assert 0 <= metrics[side]["all"]["priority"]["p1_recall"] <= 1
        assert "ece" in metrics[side]["all"]["type"]
    assert (out / "metrics_confusion.png").stat().st_size > 1000


def test_model_dir_has_the_promised_artifacts(quick_model_dir):
    for name in ("config.json", "heads.pt", "encoder/config.json", "zh_head.joblib", "metrics.json",
                 "metrics_confusion.png", "MODEL_CARD.md", "train_split.jsonl"):
        assert (quick_model_dir / name).is_file(), name
    card = (quick_model_dir / "MODEL_CARD.md").read_text()
    assert "baseline" in card and "p1_recall" in card


@pytest.mark.parametrize("args, message", [
    (["--label-col", "kind"], "missing column"),
    (["--label-col", "priority"], "unknown label"),
])
def test_train_cli_rejects_bad_data_clearly(tmp_path, capsys, args, message):
    data = tmp_path / "d.csv"
    pd.DataFrame({"text": ["fire at x", "flood at y"], "incident_type": ["fire", "flood"], "priority": ["P1", "P2"]}).to_csv(data, index=False)
    assert main(["train", "--data", str(data), "--out", str(tmp_path / "m"), *args]) == 2
    assert message in capsys.readouterr().err


def test_failed_training_keeps_the_current_model(quick_model_dir, tmp_path, capsys):
    """A run that dies mid-way (here: a base model folder holding no model) leaves CURRENT and the folder clean."""
    from finetune.registry import CURRENT_FILE, mark_current
    import shutil

    root = tmp_path / "models"
    root.mkdir()
    shutil.copytree(quick_model_dir, root / quick_model_dir.name)
    mark_current(root, quick_model_dir.name)
    data = tmp_path / "d.csv"
    pd.DataFrame({"text": [f"fire {i}" for i in range(20)] + [f"flood {i}" for i in range(20)],
                  "incident_type": ["fire"] * 20 + ["flood"] * 20}).to_csv(data, index=False)
    empty_model = tmp_path / "not-a-model"
    empty_model.mkdir()
    with pytest.raises(Exception):
        main(["train", "--data", str(data), "--out", str(root), "--base-model", str(empty_model), "--epochs", "1"])
    assert (root / CURRENT_FILE).read_text().strip() == quick_model_dir.name
    assert sorted(p.name for p in root.iterdir()) == sorted([CURRENT_FILE, quick_model_dir.name])


def test_current_model_registry(quick_model_dir, tmp_path, monkeypatch):
    from core.settings import Settings
    from finetune.errors import ModelNotFoundError
    from finetune.registry import current_model_dir, ensure_default_model, load_current_classifier, mark_current, models_root

    monkeypatch.delenv("ECA_TRIAGE_MODEL_DIR", raising=False)  # a developer's own model choice must not leak in
    settings = Settings(data_dir=tmp_path)
    assert current_model_dir(settings) is None
    with pytest.raises(ModelNotFoundError, match="eca train"):
        load_current_classifier(settings)
    root = models_root(settings)
    root.mkdir(parents=True)
    (root / "v1").symlink_to(quick_model_dir, target_is_directory=True)
    mark_current(root, "v1")
    assert current_model_dir(settings) == root / "v1"
    assert ensure_default_model(settings) == root / "v1"  # a current model exists: nothing is retrained
    assert load_current_classifier(settings).version
    with pytest.raises(ModelNotFoundError):
        mark_current(root, "v2")
    assert current_model_dir(Settings(data_dir=tmp_path, triage_model_dir=quick_model_dir)) == quick_model_dir


def test_multi_label_training_on_real_figure_eight_rows(shared_dir, tmp_path, capsys):
    """Real multi-label data (BCE path): a tiny run must produce a loadable multi-label model."""
    from finetune.predict import TriageClassifier

    source = shared_dir / "data" / "crisis" / "disaster_response_validation.csv"
    df = pd.read_csv(source).head(240)
    small = tmp_path / "fe.csv"
    df.to_csv(small, index=False)
    out = tmp_path / "m"
    assert main(["train", "--data", str(small), "--text-col", "message", "--multi-label-cols", "related,request,aid_related,weather_related",
                 "--epochs", "1", "--max-length", "32", "--out", str(out), "--no-mark-current"]) == 0
    (model_dir,) = [p for p in out.iterdir() if p.is_dir()]
    clf = TriageClassifier.load(model_dir)
    (result,) = clf.predict(["We need water and food, the flood destroyed our houses"])
    assert clf.mode == "multi" and set(result.type_probs) == {"related", "request", "aid_related", "weather_related"}
    assert result.priority == "n/a" and not (out / "CURRENT").exists()
    # The ONNX export must handle a network with no priority head (it once failed there and training broke).
    assert (model_dir / "encoder.onnx").is_file() and clf._onnx is not None


def test_an_exported_but_empty_model_dir_variable_means_the_current_model(monkeypatch, tmp_path) -> None:
    """ECA_TRIAGE_MODEL_DIR= (empty) once read as the path "." and failed with "not a triage model directory"."""
    from core.settings import Settings
    from finetune.registry import current_model_dir

    monkeypatch.setenv("ECA_TRIAGE_MODEL_DIR", "")
    monkeypatch.setenv("ECA_DATA_DIR", str(tmp_path))
    settings = Settings()
    assert settings.triage_model_dir is None
    assert current_model_dir(settings) is None  # nothing trained under this data dir: no model, not "."
