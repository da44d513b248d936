"""A dispatch by incident id (trial 16, H7): "dispatch ERO-R1 and HAK-A1 to INC-…" for an incident whose place is not on
the map was answered "will be dispatched" while nothing was proposed.  An answer never claims a state change that was
not proposed: the proposal is filed, or the answer says nothing was dispatched and why.  Real assistant, triage,
city and incident log; the LLM of the last test is scripted (an echo of the order cannot be provoked on demand)."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from agent.backends import LLMBackend


class EchoModel(GenericFakeChatModel):
    def bind_tools(self, tools, **kwargs):
        return self


def _two_incidents(assistant, report_far: str):
    far = [e for e in assistant.chat(report_far, None) if e.kind == "final"][-1].plan.incident_id
    here = [e for e in assistant.chat("Car on fire in the car park at Kamppi centre, driver out, smoke spreading.", None)
            if e.kind == "final"][-1].plan.incident_id
    assert far and here and far != here
    return far, here


@pytest.mark.parametrize("report_far, order", [
    ("Man fell through the ice off Diagon Alley pier, in the water, shouting.", "dispatch ERO-R1 and HAK-A1 to {far}"),
    ("对角巷码头有人掉进冰窟窿，人在水里呼救。", "把ERO-R1和HAK-A1派到{far}"),
])
def test_a_dispatch_to_an_incident_off_the_map_is_proposed_or_plainly_not_done(make_assistant, restore_units, report_far, order):
    assistant = make_assistant()
    far, here = _two_incidents(assistant, report_far)
    events = list(assistant.chat(order.format(far=far), here, session_incidents=(far, here)))
    final = [e for e in events if e.kind == "final"][-1]
    units = {u for p in final.proposals for u in (p.args.get("unit_ids") or [p.args.get("unit_id")])}
    if final.proposals:
        assert units == {"ERO-R1", "HAK-A1"} and {p.args.get("incident_id") or p.incident_id for p in final.proposals} == {far}
        # a Chinese chat says the proposal in Chinese (trial s20 L2): "已提议：把 … 投入 INC-…"; which language the order
        # reads as depends on how many letters the random incident id draws, so both are accepted
        assert far in final.text and ("Proposed" in final.text or "已提议" in final.text), final.text
    else:
        assert "nothing was dispatched" in final.text.lower() or "未派出" in final.text, final.text
    assert f"no place called '{far}'" not in final.text, final.text


@pytest.mark.parametrize("order, claim", [
    ("send an ambulance to {far}", "An ambulance will be dispatched to {far}."),
    ("派一辆救护车到{far}", "救护车已派往{far}。"),
])
def test_the_llm_never_claims_a_dispatch_that_was_not_proposed(make_assistant, restore_units, order, claim):
    assistant = make_assistant()
    far, here = _two_incidents(assistant, "Man fell through the ice off Diagon Alley pier, in the water, shouting.")
    replies = iter([AIMessage(content=""), AIMessage(content=claim.format(far=far))] * 3)
    assistant.backend = LLMBackend(kind="openai", model="scripted", chat_model=EchoModel(messages=replies), timeout_s=30)
    events = list(assistant.chat(order.format(far=far), here, session_incidents=(far, here)))
    final = [e for e in events if e.kind == "final"][-1]
    assert not final.proposals
    assert claim.format(far=far) not in final.text, final.text
    assert "nothing was dispatched" in final.text.lower(), final.text
