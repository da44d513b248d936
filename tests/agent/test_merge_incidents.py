"""Two incidents that are one event (two callers, two doors of one fire) are merged: "merge INC-B into INC-A",
"INC-B 和 INC-A 是同一起" is a merge proposal; once the operator confirms it, B is closed as merged into A, B's reports move
to A and B's committed units stay dispatched, now to A (never released on the way, nor after a restart); audited
(agent.merge_request, agent.incident_changes)."""

from __future__ import annotations

import pytest



@pytest.mark.parametrize(("text", "asked"), [
    ("merge INC-B2 into INC-A1", ("INC-B2", "INC-A1", True)),
    ("Merge inc-7 with INC-3, same fire", ("INC-7", "INC-3", False)),
    ("INC-B2 and INC-A1 are the same fire", ("INC-B2", "INC-A1", False)),
    ("INC-B2 和 INC-A1 是同一起", ("INC-B2", "INC-A1", False)),
    ("把INC-B2合并到INC-A1", ("INC-B2", "INC-A1", True)),
    ("this is the same incident as INC-A1", (None, "INC-A1", False)),
    ("这个事件和INC-A1是同一起火灾", (None, "INC-A1", False)),
])
def test_a_merge_is_read(text, asked):
    from agent.merge_request import MergeRequest, merge_request

    assert merge_request(text) == MergeRequest(*asked)


# "close INC-12, duplicate of INC-9" (a merge since review s17) and "merge INC-4 into INC-4" (answered plainly):
# tests/review_s17/test_merge_wording.py
@pytest.mark.parametrize("text", ["should we merge INC-1 into INC-2?", "INC-1 和 INC-2 是不是同一起？", "merge the two reports",
                                  "Send ERO-E1 and KAM-A1 to INC-3"])
def test_no_merge(text):
    from agent.merge_request import merge_request

    assert merge_request(text) is None


@pytest.fixture
def assistant(make_assistant, restore_units):
    return make_assistant()


def test_a_confirmed_merge_moves_reports_and_units_and_closes_the_merged_one(assistant, chat_turn, make_assistant, committed_plan):
    kept, kept_units = committed_plan(assistant, "Fire in the stairwell of Bulevardi 14, smoke on all floors")
    merged, merged_units = committed_plan(assistant, "Smoke pouring out of the windows at Annankatu 16, courtyard side")
    assert merged != kept and merged_units
    reply = chat_turn(assistant, f"merge {merged} into {kept}", merged)
    [proposal] = reply.proposals
    assert proposal.action == "merge_incidents" and "Awaiting your confirmation" in reply.text
    assert all(u in proposal.summary for u in merged_units) and "still dispatched" in proposal.summary
    assert merged in {i.incident_id for i in assistant.incidents()}  # nothing changes before the confirmation
    assert assistant.confirm_proposal(proposal.proposal_id, "op-anna").state == "confirmed"
    assert {i.incident_id for i in assistant.incidents()} == {kept}
    assert len(assistant._store.report_texts(kept)) == 2 and assistant._store.report_texts(merged) == []
    statuses, commitments = assistant.unit_statuses(), assistant._store.unit_commitments()
    for unit in [*kept_units, *merged_units]:
        assert statuses[unit] == "dispatched" and commitments[unit] == kept
    [closed] = assistant.incident_log(merged, kind="incident_closed")
    assert closed.payload["merged_into"] == kept and closed.operator == "op-anna"
    [moved] = assistant.incident_log(kept, kind="incident_merged")
    assert moved.payload["merged"] == merged and sorted(moved.payload["units"]) == sorted(merged_units)
    # a session still on the merged incident continues on the one kept: its next report is not filed under a closed one
    after = chat_turn(assistant, "Flames now visible on the roof, spreading", merged)
    assert after.text.startswith(f"{merged} was merged into {kept}") and after.plan.incident_id == kept
    # a restarted process (a second terminal, the web UI after a restart) does not release them either
    restarted = make_assistant()
    assert all(restarted.unit_statuses()[u] == "dispatched" for u in merged_units)


def test_the_same_event_in_chinese_keeps_the_incident_opened_first(assistant, chat_turn):
    first = assistant.plan("Kaisaniemenkatu 5 一楼厨房着火了", narrative=False).incident_id
    second = assistant.plan("Kaisaniemenkatu 7 有烟，好像是同一栋楼", narrative=False).incident_id
    reply = chat_turn(assistant, f"{second} 和 {first} 是同一起", second)
    [proposal] = reply.proposals
    assert (proposal.args["merged"], proposal.args["into"]) == (second, first) and "等待您的确认" in reply.text
    reply = chat_turn(assistant, f"{first} 和 {second} 是同一起", first)  # named the other way round: the same one is kept
    assert (reply.proposals[0].args["merged"], reply.proposals[0].args["into"]) == (second, first)


def test_a_rejected_or_impossible_merge_changes_nothing(assistant, chat_turn):
    kept = assistant.plan("Fire in the stairwell of Bulevardi 14, smoke on all floors", narrative=False).incident_id
    reply = chat_turn(assistant, f"merge INC-NOPE into {kept}", kept)
    assert not reply.proposals and "No merge proposed" in reply.text and "INC-NOPE" in reply.text
    merged = assistant.plan("Smoke pouring out of the windows at Annankatu 16", narrative=False).incident_id
    [proposal] = chat_turn(assistant, f"merge {merged} into {kept}", kept).proposals
    assistant.reject_proposal(proposal.proposal_id, "op-anna")
    assert {merged, kept} <= {i.incident_id for i in assistant.incidents()}
    assert assistant._store.report_texts(merged)


def test_the_cli_prompt_and_the_web_confirm_apply_a_merge(assistant, chat_turn):
    from agent.commands import confirm_in_terminal
    from ui.page import CommandCentre, new_session

    class _Request:
        username = "op-web"

    kept = assistant.plan("Fire in the stairwell of Bulevardi 14, smoke on all floors", narrative=False).incident_id
    merged = assistant.plan("Smoke pouring out of the windows at Annankatu 16", narrative=False).incident_id
    [proposal] = chat_turn(assistant, f"merge {merged} into {kept}", kept).proposals
    assert confirm_in_terminal(assistant, proposal, ask=lambda _: "y") is True
    assert merged not in {i.incident_id for i in assistant.incidents()}
    other = assistant.plan("Smoke from the roof at Annankatu 18", narrative=False).incident_id
    centre = CommandCentre(assistant, roads=None)
    session = new_session()
    history = list(centre.chat(f"{other} 和 {kept} 是同一起", [], session, _Request()))[-1][0]
    assert "等待您的确认" in history[-1]["content"]
    [pending] = assistant.pending_proposals()
    out = centre.confirm(pending.proposal_id, session, history, _Request())
    # the chat was Chinese, so is the outcome line (trial s20 L2; it was "✓ Confirmed: Merge ...")
    assert out[-1][-1]["content"].startswith("✓ 已确认：把 ") and "合并到" in out[-1][-1]["content"]
    assert other not in {i.incident_id for i in assistant.incidents()}
    [closed] = assistant.incident_log(other, kind="incident_closed")
    assert closed.operator == "op-web"
