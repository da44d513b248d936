"""Session 20 (dedup): the behaviour of code written twice, pinned before it is made one (a rumour question's check of
the log, the stand-off priority floor).  These tests must read the same before and after the move."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from agent.hazards import reconciled_triage
from agent.incident_scope import ReportPlace
from agent.schemas import TriageSummary


# --- the rumour question's words and its check of the log ----------------------------------------------------------
@pytest.mark.parametrize("text,asks", [
    ("People on social media say the metro is closed because of a bomb at Rautatientori. Is that true?", True),
    ("Someone posted that the Kamppi mall is on fire, can you confirm?", True),
    ("I heard there was a shooting at Itäkeskus, is it true?", True),
    ("网传赫尔辛基中央车站有枪手，是真的吗？", True),
    ("听说Kamppi着火了，能确认吗", True),
    ("Netissä kerrotaan, että Kampissa on tulipalo. Onko se totta?", True),
    ("Det sägs att det brinner på Stockmann, stämmer det?", True),
    ("Caller says there is a bomb at Rautatientori, a bag left by the metro entrance", False),  # a report, no question
    ("Is that true? The fire at Bulevardi is out", False),                                     # a question, no hearsay
    ("There is a rumour the shelter is full", False),                                          # hearsay, no question
])
def test_asks_if_rumour_true(text, asks):
    from agent.rumour_question import asks_if_rumour_true

    assert asks_if_rumour_true(text) is asks


@pytest.mark.parametrize("text,words", [
    ("People say there is a bomb at Rautatientori. Is that true?", ["bomb", "there bomb", "bomb Rautatientori"]),
    ("I heard on Twitter there is a gas leak at Kamppi, can you confirm?", ["gas leak"]),
    ("网上说火车站有炸弹，是真的吗？", ["炸弹", "有炸弹", "炸弹是"]),
    ("Is it true that the weather is nice at Kamppi?", []),
])
def test_claim_words(text, words):
    from agent.hazards import hazard_from_words
    from agent.rumours import claim_words

    got = claim_words(text, hazard_from_words(text))
    assert got == words, got


HERE = ReportPlace(60.1710, 24.9414, 150.0, name="Rautatientori")
FAR = ReportPlace(60.2100, 25.0800, 150.0, name="Itäkeskus")


@dataclass
class _Log:
    """The incident log as the check reads it: each incident's place, description and report texts."""
    places: dict
    texts: dict

    def place(self, incident_id):
        return self.places.get(incident_id)

    def describe(self, incident_id):
        return f"desc of {incident_id}"

    def reports(self, incident_id):
        return self.texts.get(incident_id, [])


def test_findings_at_the_claims_place():
    from agent.rumours import findings_at

    log = _Log({"INC-1": HERE, "INC-2": HERE, "INC-3": FAR, "INC-4": None},
               {"INC-1": ["Crowd crush at the metro doors"], "INC-2": ["Bomb threat phoned in, a bag by the entrance"],
                "INC-3": ["bomb in a bin"], "INC-4": ["bomb"]})
    opened = [("INC-1", "public_security"), ("INC-2", "public_security"), ("INC-3", "public_security"), ("INC-4", "fire")]
    text = "People say there is a bomb at Rautatientori. Is that true?"
    found = findings_at(HERE, text, opened, log.place, log.describe, log.reports)
    assert [(f.incident_id, f.described, f.incident_type, f.tells_the_claim) for f in found] == [
        ("INC-1", "desc of INC-1", "public_security", False), ("INC-2", "desc of INC-2", "public_security", True)]
    assert findings_at(None, text, opened, log.place, log.describe, log.reports) == []
    assert findings_at(ReportPlace(None, None, 0.0, name="x"), text, opened, log.place, log.describe, log.reports) == []


def test_rumour_answer_reads_the_same():
    from agent.rumour_question import rumour_answer
    from agent.rumours import RumourFinding

    text = "People say there is a bomb at Rautatientori. Is that true?"
    none = rumour_answer(text, HERE, [], [])
    assert none == ("This asks whether a claim others make is true (a rumour), not a report: nothing was filed and no "
                    "incident was opened.\nThe incident log has no open incident at Rautatientori.\nNothing in the incident "
                    "log confirms the claim: treat it as an unverified rumour and verify it with the police (the duty "
                    "officer) before any public statement.")
    crush = rumour_answer(text, HERE, [RumourFinding("INC-1", "crush", "public_security")], ["[1] Annex I: advice."])
    assert "The incident log at Rautatientori: INC-1 (crush)." in crush
    assert "None of their reports tells of this (public security). Nothing in the incident log confirms" in crush
    assert crush.endswith("The plan on rumours:\n[1] Annex I: advice.")
    told = rumour_answer(text, HERE, [RumourFinding("INC-2", "bag", "public_security", True)], [])
    assert "Open in the log and of this kind (public security): INC-2; check it with its desk" in told
    zh = rumour_answer("网上说火车站有炸弹，是真的吗？", None, [], [])
    assert zh.splitlines()[0] == "这是在询问一条未经证实的说法（传言），不是报告：未登记任何事件。"
    assert "事件日志中没有任何记录证实这一说法" in zh


# --- the stand-off priority floor ---------------------------------------------------------------------------------
def _summary(kind: str, priority: str) -> TriageSummary:
    return TriageSummary(incident_type=kind, priority=priority, type_confidence=0.6, priority_confidence=0.5,
                         type_probs={kind: 0.6, "public_security": 0.3}, priority_probs={priority: 0.5, "P2": 0.3})


@pytest.mark.parametrize("text,kind,priority,want", [
    ("Kiosk fire at the market, gas cylinders inside it", "fire", "P3", ("fire", "P2")),
    ("Grillkiosken brinner, det finns gasflaskor inne", "fire", "P4", ("fire", "P2")),
    ("小吃摊着火了，里面有煤气罐", "fire", "P3", ("fire", "P2")),
    ("Kiosk fire at the market, gas cylinders inside it", "fire", "P1", ("fire", "P1")),          # higher stays
    ("A bin is on fire by the kiosk, nobody near", "fire", "P3", ("fire", "P3")),                 # no cylinders
    ("Gas cylinders stored behind the kiosk, no fire", "public_security", "P3", ("public_security", "P3")),
    ("unattended suitcase next to the tram stop, nobody claims it", "not_incident", "P4", ("public_security", "P2")),
    ("unattended suitcase next to the tram stop, nobody claims it", "medical", "P3", ("public_security", "P2")),  # retyped first
    ("Kiosk fire at the market, gas cylinders inside it", "medical", "P3", ("medical", "P3")),  # no row for the type
    ("there's a suspicious backpack under a bench", "public_security", "P3", ("public_security", "P2")),
])
def test_standoff_floor(text, kind, priority, want):
    out = reconciled_triage(_summary(kind, priority), text)
    assert (out.incident_type, out.priority) == want, (text, out)
