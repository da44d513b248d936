"""Input checks, script detection, data loading and validation (no model needed)."""

from __future__ import annotations


import pandas as pd
import pytest

from finetune.dataset import LabelSpec, check_trainable, expand_columns, prepare, read_table
from core.errors import InputError
from finetune.errors import TrainingDataError
from finetune.registry import HANDWRITTEN_TEST, SHIPPED_DATA
from core.vocabulary import INCIDENT_TYPES, PRIORITIES, TYPE_LABELS, render_markdown
from core.text import check_text, detect_language


@pytest.mark.parametrize("text, lang", [
    ("Fire at Mikonkatu 4", "en"), ("北京市朝阳区发生火灾", "zh"), ("Kamppi 商场起火了 people trapped", "zh"), ("112!!!", "en"),
])
def test_detect_language_by_script(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("bad, fragment", [
    ("", "empty"), ("   \n\t ", "empty"), (b"\xff\xfe\x00\x01", "not UTF-8"), ("abc\x00\x01\x02def", "binary"), (42, "int"),
])
def test_bad_reports_are_rejected_with_their_index(bad, fragment):
    with pytest.raises(InputError, match=fragment) as info:
        check_text(bad, what="report #7")
    assert "#7" in str(info.value)


def test_utf8_bytes_are_accepted_and_stripped():
    assert check_text("  火灾 ".encode("utf-8")) == "火灾"


def test_a_nul_byte_anywhere_is_rejected_not_only_in_the_opening_sample():
    with pytest.raises(InputError, match="binary"):
        check_text("Fire at Mikonkatu 4. " * 200 + "\x00 tail")


def test_non_utf8_file_is_rejected(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("text,incident_type\nTulipalo Mäkelänkatu,fire\n".encode("latin-1"))
    with pytest.raises(TrainingDataError, match="not UTF-8"):
        read_table(path)


def test_missing_column_unknown_label_and_single_class_are_named():
    df = pd.DataFrame({"text": ["a fire", "a flood"], "incident_type": ["fire", "volcano"]})
    with pytest.raises(TrainingDataError, match="missing column.*'priority'"):
        prepare(df, LabelSpec(priority_col="priority"))
    with pytest.raises(TrainingDataError, match="unknown label.*volcano"):
        prepare(df, LabelSpec(priority_col=None))
    one = prepare(pd.DataFrame({"text": ["x", "y"], "incident_type": ["fire", "fire"]}), LabelSpec(priority_col=None))
    with pytest.raises(TrainingDataError, match="only one class.*fire"):
        check_trainable(one)
    bad_prio = pd.DataFrame({"text": ["a", "b"], "incident_type": ["fire", "flood"], "priority": ["P1", "urgent"]})
    with pytest.raises(TrainingDataError, match="priority.*URGENT"):
        prepare(bad_prio, LabelSpec())


def test_multi_label_columns_and_constant_columns():
    df = pd.DataFrame({"msg": ["a", "b", "c"], "x": ["0", "1", "2"], "y": ["1", "0", "1"], "z": ["0", "0", "0"]})
    assert expand_columns("x..z", list(df.columns)) == ["x", "y", "z"]
    with pytest.raises(TrainingDataError, match="'nope'"):
        expand_columns("x,nope", list(df.columns))
    data = prepare(df, LabelSpec(text_col="msg", label_col=None, priority_col=None, multi_label_cols=("x", "y", "z")))
    assert data.type_targets.tolist() == [[0, 1, 0], [1, 0, 0], [1, 1, 0]]  # related=2 counts as positive
    with pytest.raises(TrainingDataError, match=r"\['z'\] are constant"):
        check_trainable(data)


def test_secondary_hazard_gets_part_of_the_target():
    df = pd.DataFrame({"text": ["car crash and fire"], "incident_type": ["traffic_accident"], "secondary_type": ["fire"]})
    data = prepare(df, LabelSpec(priority_col=None, secondary_col="secondary_type"))
    row = dict(zip(data.type_labels, data.type_targets[0]))
    assert row["traffic_accident"] == pytest.approx(0.7) and row["fire"] == pytest.approx(0.3)


def test_empty_rows_are_skipped_not_fatal():
    df = pd.DataFrame({"text": ["fire!", "  ", "flood"], "incident_type": ["fire", "fire", "flood"]})
    assert len(prepare(df, LabelSpec(priority_col=None))) == 2


def test_shipped_data_meets_the_brief():
    train = read_table(SHIPPED_DATA)
    test = read_table(HANDWRITTEN_TEST)
    assert len(train) >= 3000 and (train["language"] == "zh").mean() >= 0.10
    assert set(train["incident_type"]) == set(INCIDENT_TYPES) and set(train["priority"]) == set(PRIORITIES)
    assert {"sensor", "two_hazard", "shorthand", "social"} <= set(train["style"])
    assert len(test) >= 300 and (test["language"] == "zh").sum() >= 30
    assert set(test["incident_type"]) == set(INCIDENT_TYPES)
    assert not set(test["text"]) & set(train["text"]), "hand-written test reports must not appear in the training data"


def test_taxonomy_documents_every_label(tmp_path):
    doc = render_markdown()
    assert all(f"**{name}**" in doc for name in INCIDENT_TYPES + PRIORITIES)
    assert all(label.definition and len(label.examples) >= 2 for label in TYPE_LABELS.values())


def test_an_undecodable_byte_anywhere_is_rejected_not_only_many_in_the_opening_sample():
    """One byte that was not UTF-8 (kept by Python as a lone surrogate, e.g. from a command-line argument) would make
    the tokenizer raise a TypeError and SQLite an encoding error: it is refused here with a clear message."""
    with pytest.raises(InputError, match="not UTF-8 text"):
        check_text("Fire at Mikonkatu 4, smoke in the stairwell. " * 20 + "\udcff")


def test_standard_input_that_is_not_utf8_is_an_input_error(monkeypatch):
    import io
    import sys

    from core.text import read_stdin

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"fire \xff\xfe at Kamppi"), encoding="utf-8"))
    with pytest.raises(InputError, match="standard input is not UTF-8"):
        read_stdin()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("火灾 at Kamppi".encode()), encoding="utf-8"))
    assert read_stdin() == "火灾 at Kamppi"
