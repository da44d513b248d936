"""s18 (HIGH): a Chinese report that names its place in Latin script (a Finnish street, a district) is filed.

Before this change "公寓冒烟 Annankatu 12" and "Annankatu 12 有人晕倒" got the help text: the short-report path
(``agent.intents._short_report``) skipped every message with Han characters (left to the intent classifier, trained on
all-Chinese and all-English messages), and the classifier, reading a Chinese hazard beside a Finnish address, was
unsure and fell back to help.  A hazard the words name beside a place of the map is a report whatever the script of
each part, unless it is asked as a question ("Annankatu 12 着火了要疏散多远？").  Real router, real city, quick
triage model."""

from __future__ import annotations

import pytest

from core.text import has_han


def _final(assistant, message: str):
    return [e for e in assistant.chat(message, None) if e.kind in ("final", "error")][-1]


# (message, incident type, street the gazetteer resolves, life at risk: P1; None: injuries of unknown severity, P1 or P2
# (the quick model's reading: P1 before its s19 retraining, P2 after; never P3/P4)
REPORTS = [
    ("公寓冒烟 Annankatu 12", "fire", "Annankatu", False),
    ("Annankatu 12 公寓冒烟", "fire", "Annankatu", False),
    ("Annankatu 12 有人晕倒", "medical", "Annankatu", True),
    ("有人晕倒 Annankatu 12", "medical", "Annankatu", True),
    ("Annankatu 12有人晕倒，怎么办？", "medical", "Annankatu", True),
    ("Mannerheimintie 5 发生车祸，两人受伤", "traffic_accident", "Mannerheimintie", None),
    ("发生车祸 Mannerheimintie 5，两人受伤", "traffic_accident", "Mannerheimintie", None),
    ("Kamppi 商场有人持刀", "public_security", "Kamppi", True),
    ("Kamppi商场有人持刀伤人，怎么办？", "public_security", "Kamppi", True),
    ("Fredrikinkatu 20 厨房起火 有人被困", "fire", "Fredrikinkatu", True),
    ("公寓冒烟，Annankatu 12。", "fire", "Annankatu", False),
    ("Annankatu 12：公寓冒烟！怎么办？", "fire", "Annankatu", False),
]


@pytest.mark.parametrize("message, hazard, street, life", REPORTS)
def test_a_chinese_report_at_a_latin_address_is_filed_in_chinese(make_assistant, message, hazard, street, life):
    assistant = make_assistant(llm_backend="none")
    final = _final(assistant, message)
    assert final.plan is not None and final.plan.incident_id, final.text[:300]
    summary = next(s for s in assistant.incidents() if s.incident_id == final.plan.incident_id)
    # a crash with two hurt may be filed as the medical call it also is (the quick triage model's reading); never help
    assert summary.incident_type == hazard or (hazard == "traffic_accident" and summary.incident_type == "medical"), (message, summary)
    if life:
        assert summary.priority == "P1", (message, summary)
    elif life is None:
        assert summary.priority in ("P1", "P2"), (message, summary)
    assert street.casefold() in (final.plan.location or "").casefold(), (message, final.plan.location)
    first = next(line for line in final.text.splitlines() if line.strip())
    assert has_han(first), first  # answered in Chinese


@pytest.mark.parametrize("message", ["Annankatu 12 着火了要疏散多远？", "Kamppi 发生燃气泄漏一般疏散多远", "Kamppi 有人晕倒吗",
                                     "Kamppi 火灾演习", "ERO-E1 已到达 Kamppi 火场"])
def test_a_chinese_question_about_a_hazard_at_a_place_is_no_short_report(city, message):
    """The short-report reading takes no question, no drill and no crew's update (a unit named): those are read by the
    cue rules and the classifier as before."""
    from agent.intents import _short_report, router_text

    unit_ids = [unit.id for _, unit in city.units()]
    assert not _short_report(router_text(message, city), city, unit_ids)
