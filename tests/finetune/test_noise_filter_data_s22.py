"""The noise filter switched on where its labelled tweets are not (s22): its default data path lies in the shared data
folder beside the checkout (``../shared``), which a fresh clone has not.  The operator is told, in one logged line,
that the filter is off, what file it needs and which setting points at it; a file that is not the labelled CSV is
refused by name, never a KeyError from pandas."""

from __future__ import annotations

import logging

import pytest

from core.settings import Settings
from finetune.noise_filter import load_noise_filter, read_crisislex


def _warning(caplog, data, tmp_path):
    with caplog.at_level(logging.WARNING, logger="finetune.noise_filter"):
        assert load_noise_filter(data, tmp_path / "cache" / "noise_filter.joblib") is None
    return " ".join(r.getMessage() for r in caplog.records if r.name == "finetune.noise_filter")


def test_the_default_data_lies_beside_the_checkout_and_its_absence_is_told_plainly(tmp_path, caplog):
    default = Settings().noise_filter_data
    assert default.parts[-4:] == ("shared", "data", "crisis", "crisislex_t26_labeled.csv")
    # a clone with no ../shared beside it: the same path under a folder that has none
    said = _warning(caplog, tmp_path / "clone" / ".." / "shared" / "data" / "crisis" / default.name, tmp_path)
    assert "ECA_NOISE_FILTER_DATA" in said and "crisislex_t26_labeled.csv" in said and "CrisisLexT26" in said
    assert "without" in said and "off" in said  # the monitor goes on, and says the filter is not applied


def test_a_folder_given_for_the_data_is_named_as_a_folder(tmp_path, caplog):
    said = _warning(caplog, tmp_path, tmp_path)
    assert "is a folder" in said and str(tmp_path) in said and "ECA_NOISE_FILTER_DATA" in said


@pytest.mark.parametrize("header", ["id,text,label\n1,hello,x\n", "event,Tweet Text\n2013_Alberta_floods,flooding downtown\n"])
def test_a_csv_that_is_not_the_labelled_tweets_is_refused_by_name(tmp_path, header):
    data = tmp_path / "tweets.csv"
    data.write_text(header, encoding="utf-8")
    with pytest.raises(ValueError, match=r"tweets\.csv.*(Informativeness|event)"):
        read_crisislex(data)
