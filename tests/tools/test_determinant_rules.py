"""The shape of the determinant rules and what the table reads from them (tools/determinants.py, tools/response_table.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from tools import determinants
from tools.determinants import Determinant, extract
from tools.response_table import MAX_AMBULANCES_PER_COUNT, unit_needs

from tests.tools.helpers import codes, needs


def test_each_determinant_has_one_rule_with_all_its_phrasings() -> None:
    per_code = Counter(rule.code for rule in determinants.RULES)
    assert per_code and max(per_code.values()) == 1, [c for c, n in per_code.items() if n > 1]
    assert all(rule.phrasings for rule in determinants.RULES)
    # every code a rule can give (its own, or the other fact its words before make it) is described for the plan
    given = {rule.code for rule in determinants.RULES} | {r.other_after[1] for r in determinants.RULES if r.other_after}
    assert given <= set(determinants.DETERMINANTS)


@pytest.mark.parametrize(("text", "code", "absent"), [
    # the words just before a match, from the rule's own data
    ("he cut himself with the bread knife, it's bleeding a lot", "injured", "weapon"),
    ("孩子吃葡萄卡住了，喘不上气", "casualty_signs", "trapped"),
    ("there's a puddle under the van that smells of diesel", "fuel_leak", "vehicle_entrapment"),
    ("I'm worried she fell into the sea, her bike is at the pier", "feared_in_water", "person_in_water"),
])
def test_words_before_a_match_rule_it_out_or_make_it_another_fact(text: str, code: str, absent: str) -> None:
    found = codes(text)
    assert code in found and absent not in found


@pytest.mark.parametrize(("text", "line"), [
    ("a power line is down across the road, sparking", True),
    ("电线掉在地上冒火花", True),
    ("電線掉在地上冒火花", True),   # traditional characters: the line is named all the same
    ("the tram's pantograph is sparking", False),
])
def test_a_live_wire_carries_whether_a_line_is_named_and_the_table_reads_that(text: str, line: bool) -> None:
    wire = next(d for d in extract(text) if d.code == "live_wire")
    assert ("line" in wire.qualifiers) is line
    assert ("utility_crew" in needs("severe_weather", "P2", text)) is line


@pytest.mark.parametrize(("evidence", "crew"), [("a cable hanging off the pole", True), ("架空电线断了", True), ("架空電線斷了", True),
                                               ("something sparking by the tram stop", False)])
def test_a_determinant_built_outside_extract_reads_its_qualifier_from_its_own_words(evidence: str, crew: bool) -> None:
    # The public API's input and a JSON round trip carry no qualifiers: a live wire given as "a cable hanging off the
    # pole" is still a line down, and still gets the utility crew.
    wire = Determinant(code="live_wire", evidence=evidence, span=(0, len(evidence)))
    assert ("line" in wire.qualifiers) is crew
    assert ("utility_crew" in unit_needs("severe_weather", "P2", [wire]).counts) is crew
    again = Determinant.model_validate({k: v for k, v in wire.model_dump(mode="json").items() if k != "qualifiers"})
    assert again.qualifiers == wire.qualifiers


@pytest.mark.parametrize(("incident_type", "code"), [
    ("earthquake_collapse", "collapse_people_under"), ("medical", "person_in_water"), ("utility_outage", "medical_dependency"),
])
def test_people_counted_by_a_rule_get_one_ambulance_each_up_to_one_cap(incident_type: str, code: str) -> None:
    for count, expected in ((None, 1), (2, 2), (MAX_AMBULANCES_PER_COUNT + 3, MAX_AMBULANCES_PER_COUNT)):
        det = Determinant(code=code, count=count, evidence=code, span=(0, 1))
        assert unit_needs(incident_type, "P3", [det]).counts.get("ambulance") == expected, (code, count)


def test_a_word_by_word_transcript_is_joined_with_offsets_into_the_report() -> None:
    from core.text import unspaced_han_transcript

    text = "电梯 坏了 我 和 我 老伴 困 在 里面"
    joined, kept = unspaced_han_transcript(text)
    assert joined == "电梯坏了我和我老伴困在里面"
    assert "".join(text[i] for i in kept) == joined
    # an occasional space for a comma is no transcript: the text is read as written
    assert unspaced_han_transcript("看着没事 电车上满满的人") is None
    # the determinants' evidence quotes the report as written, spaces and all
    trapped = next(d for d in extract(text) if d.code == "trapped")
    assert text[slice(*trapped.span)] == trapped.evidence and " " in trapped.evidence


def test_a_co_detector_written_as_a_nordic_compound_is_carbon_monoxide():
    """Finnish and Swedish hyphenate the detector after the symbol ("CO-hälytys", "CO-larmet"): carbon monoxide, as
    "CO alarm" is; a co-op shop is not."""
    for text in ("CO-hälytys soi asunnossa, molemmilla huono olo", "CO-varoitin piippaa keittiössä",
                 "CO-larmet piper och barnen mår illa"):
        assert "carbon_monoxide" in codes(text), text
    assert "carbon_monoxide" not in codes("Fire in the CO-op shop on Hämeentie")


def test_a_live_line_named_in_finnish_or_swedish_sends_the_utility_crew():
    """The live-wire rule reads "sähköjohto" and "ledning": those are lines, so the utility makes them dead before
    anyone works near them, as for "power line down"; sparks alone name no line."""

    for text in ("Auto törmäsi pylvääseen, sähköjohto katkennut tielle", "Bilen körde in i stolpen, ledningen ligger på vägen",
                 "Car hit a pole, power line down on the road"):
        assert unit_needs("traffic_accident", "P2", extract(text)).counts.get("utility_crew") == 1, text
    assert "utility_crew" not in unit_needs("traffic_accident", "P2", extract("Car hit a pole, sparking from the bonnet")).counts
