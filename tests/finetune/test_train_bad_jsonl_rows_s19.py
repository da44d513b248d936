"""s19 audit: a JSON Lines training file with a line that is valid JSON but no object (a list, a string, a number, null)
is one clear error naming the line, not a TypeError traceback from pandas (`eca train` and `eca evaluate` both read
training files through ``finetune.dataset.read_table``).  The real `eca` program as a subprocess: nothing is loaded or
trained before the file is refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD = [{"text": "Fire in a flat at Mannerheimintie 5, two people trapped", "incident_type": "fire", "priority": "P1"},
        {"text": "Car crash at Kaivokatu 1, one injured", "incident_type": "traffic_accident", "priority": "P3"},
        {"text": "地铁站里有烟，很多人在往外跑", "incident_type": "fire", "priority": "P2"}]


@pytest.mark.parametrize("bad_line", ['["Fire at Kamppi", "fire", "P1"]', '"Fire at Kamppi, fire, P1"', "42", "null"])
def test_a_jsonl_line_that_is_no_object_is_one_error_naming_the_line(tmp_path: Path, bad_line: str):
    data = tmp_path / "labelled.jsonl"
    data.write_text("\n".join([json.dumps(GOOD[0]), json.dumps(GOOD[1]), bad_line, json.dumps(GOOD[2])]) + "\n",
                    encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ECA_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "ui.cli", "train", "--data", str(data), "--epochs", "1",
                           "--out", str(tmp_path / "models"), "--no-mark-current"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 2
    error = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(error) == 1 and "line 3" in error[0] and "object" in error[0], done.stderr[-2000:]
    assert not (tmp_path / "models").exists() or not any((tmp_path / "models").iterdir())  # nothing was trained


def test_read_table_names_the_line_of_a_row_that_is_no_object(tmp_path: Path):
    from finetune.dataset import read_table
    from finetune.errors import TrainingDataError

    data = tmp_path / "eval.jsonl"
    data.write_text(json.dumps(GOOD[0]) + "\n\n" + "[1, 2]\n", encoding="utf-8")  # a blank line still counts
    with pytest.raises(TrainingDataError, match=r"line 3 .*JSON list"):
        read_table(data)
    data.write_text(json.dumps(GOOD[0]) + "\n" + json.dumps(GOOD[1]) + "\n", encoding="utf-8")
    assert list(read_table(data)["incident_type"]) == ["fire", "traffic_accident"]
