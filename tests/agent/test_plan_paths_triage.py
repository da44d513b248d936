"""One report, one reading, whichever way it is planned: `eca plan` (``Assistant.plan``), the UI's and the API's
triage-then-plan, and the chat all check the model's reading against the report's words
(``Assistant.report_triage`` -> ``agent.hazards.reconciled_triage``). Before, only the chat did: a suspicious object
the model read as P3 was planned P3 by `eca plan` and P2 in the chat, and a not_incident reading of a fire stayed a P4
non-incident outside the chat."""

from __future__ import annotations

import pytest

SUSPICIOUS = "A guard at the central railway station found an unattended suitcase by the lockers, we cannot find the owner"
SUSPICIOUS_ZH = "商场门口有个可疑包裹，上面还有电线"
SMOKE = "Smoke pouring out of a basement window on Fredrikinkatu, nobody answers the door"

# what the (stand-in) model reads each report as, and what every path must plan it as
READINGS = {
    SUSPICIOUS: (("public_security", "P3"), ("public_security", "P2")),
    SUSPICIOUS_ZH: (("public_security", "P3"), ("public_security", "P2")),
    SMOKE: (("not_incident", "P4"), ("fire", "P3")),
}


class _Reading:
    """The real triage model, except that a text holding one of ``READINGS``' reports gets that report's reading."""

    def __init__(self, model):
        self.model = model

    def predict(self, texts):
        return [self._fixed(text, out) for text, out in zip(texts, self.model.predict(texts))]

    @staticmethod
    def _fixed(text, out):
        report = next((r for r in READINGS if r in text), None)
        if report is None:
            return out
        kind, priority = READINGS[report][0]
        return out.model_copy(update={
            "incident_type": kind, "priority": priority, "type_confidence": 0.6, "priority_confidence": 0.6,
            "type_probs": {kind: 0.6, "public_security": 0.1, "fire": 0.1}, "priority_probs": {priority: 0.6, "P2": 0.2},
            "secondary_types": []})

    def __getattr__(self, name):
        return getattr(self.model, name)


class _Counting:
    """The real triage model, counting the texts it is asked to read."""

    def __init__(self, model):
        self.model = model
        self.texts: list[str] = []

    def predict(self, texts):
        self.texts += list(texts)
        return self.model.predict(texts)

    def __getattr__(self, name):
        return getattr(self.model, name)


@pytest.fixture
def assistant(make_assistant):
    made = make_assistant()
    made._triager = _Reading(made._triager)
    return made


def _read(plan) -> tuple[str, str]:
    assert plan is not None and plan.triage is not None
    return plan.triage.incident_type, plan.triage.priority


@pytest.mark.parametrize("report", list(READINGS))
def test_eca_plan_the_ui_and_the_chat_plan_a_report_with_one_type_and_priority(assistant, report):
    expected = READINGS[report][1]
    by_plan = _read(assistant.plan(report, narrative=False))  # `eca plan`, the API's plan
    assert by_plan == expected
    record = assistant.triage(report)  # the UI: triage first, then plan the same report
    assert (record.triage.incident_type, record.triage.priority) == expected
    by_ui = _read(assistant.plan(report, record.incident_id, narrative=False))
    incident = assistant.open_incident("chat", "op").incident_id
    by_chat = _read(list(assistant.chat(report, incident))[-1].plan)
    assert by_plan == by_ui == by_chat == expected, (by_plan, by_ui, by_chat)


def test_a_type_taken_from_the_words_says_the_models_own_reading_in_eca_plan_too(assistant):
    plan = assistant.plan(SMOKE, narrative=False)
    assert plan.triage.type_source == "the report's words (model: not_incident)"
    assert any("triage model read it as not_incident" in w for w in plan.warnings), plan.warnings


def test_a_type_taken_from_the_words_asks_the_model_once_on_each_plan_path(make_assistant):
    """The model's own reading travels on the triage (``TriageSummary.model_reading``): neither `eca plan` nor the UI's
    triage-then-plan asks the model a second time to say it (before, ``Assistant.plan`` predicted the report again)."""
    from core.triage_reading import ModelReading

    made = make_assistant()
    counting = _Counting(made._triager)
    made._triager = _Reading(counting)
    plan = made.plan(SMOKE, narrative=False)  # `eca plan`: triaged and planned in one call
    assert plan.triage.model_reading == ModelReading(incident_type="not_incident", priority="P4", type_confidence=0.6)
    assert any("read it as not_incident (P4, 60%)" in w for w in plan.warnings), plan.warnings
    assert counting.texts.count(SMOKE) == 1, counting.texts
    record = made.triage(SMOKE)  # the UI: triage first (the model reads it), then plan the logged report
    replanned = made.plan(SMOKE, record.incident_id, narrative=False)
    assert record.triage.model_reading == plan.triage.model_reading
    assert any("read it as not_incident (P4, 60%)" in w for w in replanned.warnings), replanned.warnings
    assert counting.texts.count(SMOKE) == 2, counting.texts
