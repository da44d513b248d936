"""The monitor's optional noise filter (finetune.noise_filter): it may turn a social post into noise, never a call.

Real triage model, real sklearn; the filter is fitted in the test on a few off-topic and on-topic posts (the real-data
figure is bench/bench_notrel.py's)."""

from __future__ import annotations

import numpy as np
import pytest

from agent.monitor.feed import FeedRecord
from agent.monitor.pipeline import MonitorConfig, MonitorPipeline
from finetune.noise_filter import NoiseFilter

T = 1_767_600_000.0
ON_TOPIC = ["Fire in the apartment block on Main St, people on the balconies, send help",
            "Car crashed into the tram stop, two people hurt on the ground",
            "Man collapsed on the platform, not breathing, someone doing CPR",
            "Water pouring into the metro station, people wading out"] * 2
OFF_TOPIC = ["RT to win tickets for game 3 #RedOctober http://t.co/a", "#RedOctober giveaway RT to enter @club",
             "RT @club: tickets giveaway tonight #RedOctober", "win tickets RT #RedOctober http://t.co/b"] * 2


@pytest.fixture(scope="module")
def noise_filter():
    return NoiseFilter(C=10.0).fit(ON_TOPIC + OFF_TOPIC, [False] * len(ON_TOPIC) + [True] * len(OFF_TOPIC))


def _both(triage_model, noise_filter, text):
    """The social post and a call with the same words, through a pipeline without and one with the filter."""
    assert noise_filter.predict([text])[0], "the filter fitted here should call this post noise"
    rows = [FeedRecord(text, T, "social", None, None, external_id="s"),
            FeedRecord(text, T + 20, "call", None, None, external_id="c")]
    plain = MonitorPipeline(triage_model, config=MonitorConfig())
    filtered = MonitorPipeline(triage_model, config=MonitorConfig(), noise_filter=noise_filter)
    return plain.process(rows)[0], filtered.process(rows)[0], filtered


@pytest.mark.parametrize("text", [
    "Minor fender bender in the stadium car park lol, RT to win tickets #RedOctober http://t.co/x",
    "bike stolen outside the stadium again smh, RT to win tickets #RedOctober http://t.co/x",
])
def test_an_off_topic_social_post_is_noise_but_the_same_words_from_a_call_are_triaged_as_before(
        triage_model, noise_filter, text):
    before, after, filtered = _both(triage_model, noise_filter, text)
    assert before[0].incident_type != "not_incident" and before[0].priority != "P1", \
        f"precondition: the test model reads this post as a non-P1 incident ({before[0].incident_type} {before[0].priority})"
    social, call = after
    assert social.incident_type == "not_incident" and social.cluster_id is None, social.reason
    assert filtered.noise_filtered == 1
    assert (call.incident_type, call.priority) == (before[1].incident_type, before[1].priority)  # a call: never


def test_a_post_the_triage_gives_p1_is_never_filtered(triage_model, noise_filter):
    before, after, filtered = _both(triage_model, noise_filter,
                                    "Fire at the stadium!! RT to win tickets for game 3 #RedOctober http://t.co/x")
    assert before[0].priority == "P1", f"precondition: the test model gives this post P1 ({before[0].priority})"
    assert after[0].incident_type == before[0].incident_type and filtered.noise_filtered == 0


def test_without_a_filter_nothing_changes(triage_model):
    text = "Fire at the stadium!! RT to win tickets for game 3 #RedOctober http://t.co/x"
    p = MonitorPipeline(triage_model, config=MonitorConfig())
    done, _ = p.process([FeedRecord(text, T, "social", None, None)])
    assert p.noise_filtered == 0 and np.isfinite(done[0].time)
