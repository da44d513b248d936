"""A long pasted call with an emergency inside reaches a plan through every door (session 16, long-input defect).

Before: over 20,000 characters the chat, ``Assistant.plan``, ``eca plan`` and the page refused the whole message ("the
limit is 20,000"), and a 1,500-character Chinese call about a fire with people inside was answered "I can only help
with emergency command" (its triage read small talk). Now a message over the limit keeps its opening and the stretch
around its most urgent passage, the operator is told so, and the log keeps the whole message.
Real components: the default triage model (var/), the real plans, city and router."""
from __future__ import annotations

import pytest

from tests.long_calls import default_model  # noqa: F401 - a fixture
from tests.long_calls import EN_HAZARD, ZH_HAZARD, transcript



@pytest.fixture
def desk(base_settings, default_model, retriever, city, tmp_path):
    from agent.assistant import Assistant
    from agent.backends import build_backend
    from agent.store import IncidentStore
    from tests.conftest import share_fitted_models

    settings = base_settings.model_copy(update={"data_dir": tmp_path})
    share_fitted_models(settings.data_dir, base_settings.data_dir)
    return Assistant(settings, triage=default_model, retriever=retriever, city=city, backend=build_backend(settings),
                     store=IncidentStore(tmp_path / "incidents.sqlite"))


WANT = {"fire": "fire", "stabbing": "public_security"}


@pytest.mark.parametrize(("lang", "hazard", "total"), [("zh", "fire", 1500), ("zh", "stabbing", 5000), ("en", "stabbing", 5000),
                                                       ("en", "fire", 100_000), ("zh", "stabbing", 100_000)])
def test_a_long_call_in_the_chat_is_planned_p1(desk, lang, hazard, total):
    text = transcript(lang, hazard, total, "late")
    events = list(desk.chat(text, None))
    final = [e for e in events if e.kind == "final"][-1]
    assert final.plan is not None and final.plan.triage is not None, final.text[:300]
    assert (final.plan.triage.incident_type, final.plan.triage.priority) == (WANT[hazard], "P1")
    hazard_text = (EN_HAZARD if lang == "en" else ZH_HAZARD)[hazard]
    kept = desk.incident_view(final.plan.incident_id).report_text
    assert hazard_text in kept  # the report filed holds the emergency
    if total > 20_000:
        assert "100,000" in final.text and ("Kept and acted on" in final.text or "保留并处理" in final.text)
        logged = desk.incident_log(final.plan.incident_id, kind="long_input")
        assert logged and logged[0].payload["original"] == text  # nothing is lost: the whole paste is in the log


def test_eca_plan_path_keeps_the_hazard_of_a_huge_report(desk):
    text = transcript("en", "fire", 100_000, "middle")
    plan = desk.plan(text, narrative=False)
    assert (plan.triage.incident_type, plan.triage.priority) == ("fire", "P1")
    assert plan.warnings and plan.warnings[0].startswith("This report is 100,000 characters")


def test_past_the_paste_bound_a_clear_error_and_nothing_filed(desk):
    from agent.long_message import MAX_PASTE_CHARS

    events = list(desk.chat("x " * MAX_PASTE_CHARS, None))
    assert [e.kind for e in events] == ["error"] and "limit is 250,000" in events[0].text
    assert desk.incidents() == []
