"""Session 19 (issue 14, stream grouping of duplicate reports): the place gate refuses a join only where the two
reports are confidently of different hazards.  A follow-up the triage calls not_incident ("the bag was harmless,
cordon lifted") has its leftover type probabilities renormalised, which can look peaked on some hazard: that is no
confident reading of another hazard, and it must not stop the follow-up joining its incident when only a guessed
place (the locator's unconfirmed reading of "the museum") fails to agree."""

from __future__ import annotations

import numpy as np
import pytest

from agent.monitor.grouping import GroupingConfig, Item, OnlineGrouper, PlaceFix
from tests.monitor.conftest import usem3_unit_vector

T0 = 1_795_000_000.0
KIASMA = PlaceFix("Kiasma", 60.17202, 24.93667, 65)
# the locator's guess for "the museum": another museum ~510 m off, unconfirmed, +-300 m
GUESSED_MUSEUM = PlaceFix("Ateneum", 60.17000, 24.94500, 300, unconfirmed=True)

_vec = usem3_unit_vector


def _typed(key: str, second: float, text: str, place: PlaceFix) -> Item:
    probs = {"public_security": 0.85, "hazmat": 0.05, "fire": 0.04, "medical": 0.03, "not_incident": 0.03}
    return Item(key, T0 + second, text, "public_security", 2, _vec(text), place, type_confidence=0.85,
                type_probs=probs)


def _noise(key: str, second: float, text: str, place: PlaceFix, leftover: str) -> Item:
    """Triaged not_incident (62 %); what is left over peaks on ``leftover``, a hazard the words do not name."""
    probs = {"not_incident": 0.62, leftover: 0.25, "medical": 0.08, "flood": 0.05}
    return Item(key, T0 + second, text, "not_incident", 4, _vec(text), place, type_confidence=0.62,
                type_probs=probs, join_only=True)


@pytest.mark.parametrize("text, leftover", [
    ("Suitcase x-rayed, only clothes inside, owner found, cordon lifted at the museum", "fire"),
    ("The abandoned bag at the museum was harmless after all, police tape is down", "utility_outage"),
    ("博物馆门口的可疑行李箱检查完了，里面只是衣服，警戒线已经撤了", "fire"),
])
def test_a_not_incident_follow_up_is_no_confident_other_hazard_at_a_guessed_place(text, leftover):
    g = OnlineGrouper(GroupingConfig.profile("city"))
    bag, _ = g.add(_typed("a", 0, "Unattended suitcase at the museum entrance, 100 m cordon, bomb squad requested",
                          KIASMA))
    g.add(_typed("b", 420, "Police cordon all around the museum because of an abandoned suitcase, square empty",
                 KIASMA))
    g.add(_typed("d", 600, "博物馆门口有可疑行李箱，警察拉了警戒线", KIASMA))
    follow, _ = g.add(_noise("c", 2400, text, GUESSED_MUSEUM, leftover))
    assert follow.cluster_id == bag.cluster_id, follow.reason


@pytest.mark.parametrize("other", [
    "Car trapped in the flooded underpass at Hakaniemi, water up to the windows",
    "哈卡涅米地下通道被淹，一辆车困在里面",
])
def test_two_confident_readings_of_different_hazards_at_places_that_disagree_stay_apart(other):
    """The gate still refuses where both readings are sure (trial s18 M11), whatever the words share."""
    g = OnlineGrouper(GroupingConfig.profile("city"))
    probs = lambda t: {t: 0.9, "medical": 0.05, "not_incident": 0.05}  # noqa: E731
    street = PlaceFix("Unioninkatu", 60.1722, 24.9500, 300)
    tree, _ = g.add(Item("a", T0, "Tree fell on a car on Unioninkatu, driver trapped inside", "severe_weather", 2,
                         _vec("Tree fell on a car on Unioninkatu, driver trapped inside"), street,
                         type_confidence=0.9, type_probs=probs("severe_weather")))
    flood, _ = g.add(Item("c", T0 + 60, other, "flood", 2, _vec(other), PlaceFix("under Hakaniemen tori", 60.1790,
                          24.9510, 300), type_confidence=0.9, type_probs=probs("flood")))
    assert flood.cluster_id != tree.cluster_id, flood.reason
