"""Trial s19 M16 (part): with many open incidents each plan carried "⚠ KAM-A1 is also proposed for INC-… (32 ids)"
and the sitrep's alert listed every id (the same helper writes both).  The warning names at most a few incidents (the most urgent first) and counts
the rest."""

from __future__ import annotations

import re

REPORTS = [
    "Man collapsed on Bulevardi 14, not breathing",
    "Woman fell down the stairs at Annankatu 16, leg broken",
    "Cyclist hit by a car on Kaivokatu, bleeding from the head",
    "Elderly man unconscious at Kaisaniemenkatu 3",
    "Child with a severe allergic reaction at Yliopistonkatu 5",
    "Man stabbed in the arm on Mannerheimintie 10, conscious",
]


def test_the_also_proposed_warning_names_a_few_incidents_and_counts_the_rest(make_assistant, restore_units):
    assistant = make_assistant()
    for report in REPORTS:
        assistant.plan(report, narrative=False)
    plan = assistant.plan("Woman not breathing at Fredrikinkatu 20", narrative=False)
    warnings = [w for w in plan.warnings if "is also proposed for" in w]
    assert warnings, plan.warnings
    for warning in warnings:
        named = re.findall(r"INC-[0-9A-F]+", warning)
        assert len(named) <= 3, warning
    assert any("more" in w for w in warnings), warnings  # the rest counted, not dropped silently
