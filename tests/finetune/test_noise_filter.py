"""finetune.noise_filter: the CrisisLexT26-fitted noise filter is a plain estimator, cached, and abstains on Chinese.

The fits here use a small CSV in the CrisisLexT26 layout written by the test (real sklearn, real fit cache); the
real-data figure is bench/bench_notrel.py's (leave-one-event-out, too slow for a unit test).
"""

from __future__ import annotations

import logging

import numpy as np
import pytest

from finetune.noise_filter import HELD_OUT_EVENTS, NoiseFilter, form_features, load_noise_filter, read_crisislex

RELATED = [
    "Flood water rising fast on Main St, cars under water, stay away #floods",
    "Evacuation centre open at the school gym for flood victims #floods",
    "Bridge closed after the river burst its banks, police diverting traffic",
    "Praying for everyone hit by the floods tonight, stay safe",
    "Red Cross asks for blood donors after the earthquake, hospital full",
    "Aftershock felt again downtown, buildings cracked, people sleeping outside",
    "Fire crews still fighting the bushfire north of town, homes lost",
    "Smoke from the bushfire reaching the city, schools closed tomorrow",
]
NOT_RELATED = [
    "It's going to be a #RedOctober: game 3 tickets giveaway, RT to enter",
    "Club night THIS SATURDAY celebrating @someone birthday #RedOctober http://t.co/x",
    "New single out now, link in bio http://t.co/abc #music",
    "@friend lol that match last night was a flood of goals haha",
    "Happy birthday to my best friend, love you loads",
    "Check out my holiday photos http://t.co/xyz #travel",
    "This new burger place is fire, go try it",
    "Watching the game with the boys, let's go team",
]


def _csv(path, rows):
    import pandas as pd

    pd.DataFrame(rows, columns=["event", "Tweet ID", "Tweet Text", "Information Source", "Information Type",
                                "Informativeness"]).to_csv(path, index=False)


def _rows(events=("2013_Alberta_floods", "2013_Manila_floods")):
    rows = []
    for k, ev in enumerate(events):
        for i, t in enumerate(RELATED):
            rows.append((ev, f"{k}{i}1", f"{t} {k}", "", "", "Related and informative"))
        for i, t in enumerate(NOT_RELATED):
            rows.append((ev, f"{k}{i}2", f"{t} {k}", "", "", "Not related"))
    return rows


def test_the_filter_is_a_fit_predict_estimator_that_separates_off_topic_posts():
    texts = RELATED + NOT_RELATED
    y = np.array([False] * len(RELATED) + [True] * len(NOT_RELATED))
    f = NoiseFilter(C=10.0).fit(texts, y)
    p = f.predict_proba(["RT to win tickets for the game #RedOctober http://t.co/q",
                         "Flood water in the basement, cars under water on Main St"])
    assert p.shape == (2,) and 0.0 <= p.min() <= p.max() <= 1.0
    assert p[0] > p[1], p
    assert f.predict(["Happy birthday love you", "Evacuation centre open at the gym"]).tolist() == [True, False]


def test_the_threshold_is_chosen_on_folds_grouped_by_event():
    texts = [f"{t} {g}" for g in "abcd" for t in RELATED + NOT_RELATED]
    y = np.array(([False] * len(RELATED) + [True] * len(NOT_RELATED)) * 4)
    groups = np.repeat(list("abcd"), len(RELATED) + len(NOT_RELATED))
    f = NoiseFilter(C=10.0, folds=2).fit(texts, y, groups=groups)
    assert f.cv_f1 is not None and 0.30 <= f.threshold <= 0.95


@pytest.mark.parametrize("text", ["新年快乐！集市广场好热闹，烟花太美了", "生日快乐！今晚的派对太棒了",
                                  "祝大家周末愉快，天气真好"])
def test_a_chinese_post_is_out_of_the_labelled_tweets_reach_and_the_filter_abstains(text):
    f = NoiseFilter(C=10.0).fit(RELATED + NOT_RELATED, [False] * len(RELATED) + [True] * len(NOT_RELATED))
    assert f.predict_proba([text])[0] == 0.0
    assert not f.predict([text])[0]


def test_the_form_features_carry_no_script_so_other_scripts_are_not_noise_by_form():
    en, zh = form_features(["Fire at the market, people inside", "集市着火了，里面有人"])
    assert en[list(range(4))].tolist() == zh[list(range(4))].tolist()  # hashtags, mentions, links, retweet


def test_fit_and_use_refuse_bad_input_with_a_clear_message():
    with pytest.raises(ValueError, match="both classes"):
        NoiseFilter().fit(["a", "b"], [True, True])
    with pytest.raises(RuntimeError, match="not fitted"):
        NoiseFilter().predict(["a"])


def test_load_noise_filter_fits_once_then_reads_the_cache_and_leaves_the_stream_test_events_out(tmp_path, caplog):
    csv = tmp_path / "crisislex.csv"
    rows = _rows() + [(next(iter(HELD_OUT_EVENTS)), "999", "Held-out event tweet nobody may fit on", "", "",
                       "Not related")]
    _csv(csv, rows)
    texts, y, events = read_crisislex(csv)
    assert not set(events) & HELD_OUT_EVENTS and len(texts) == len(rows) - 1
    cache = tmp_path / "cache" / "noise_filter.joblib"
    with caplog.at_level(logging.INFO, logger="core.fit_cache"):
        first = load_noise_filter(csv, cache)
        second = load_noise_filter(csv, cache)
    assert isinstance(first, NoiseFilter) and isinstance(second, NoiseFilter)
    assert cache.is_file() and any("loaded the cached fit" in r.message for r in caplog.records)
    assert np.allclose(first.predict_proba(NOT_RELATED), second.predict_proba(NOT_RELATED))


def test_no_labelled_data_turns_the_filter_off_with_a_reason(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="finetune.noise_filter"):
        assert load_noise_filter(tmp_path / "missing.csv", tmp_path / "c.joblib") is None
    assert any("noise filter off" in r.message for r in caplog.records)
