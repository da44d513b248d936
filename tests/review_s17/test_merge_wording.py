"""Review s17 (MED): three ways an operator's merge went wrong in the chat.

- "close INC-12, duplicate of INC-9" was a close: the duplicate's committed units were released (available again while
  at the scene), its reports stayed on a closed incident, its shelter places freed.  A duplicate is one event with the
  incident it duplicates: the close of a duplicate is proposed as the merge into it (units and reports move, nothing
  released), and the proposal says why.
- "把INC-B并入INC-A" (并入 without 到) got the help text.
- "merge INC-4 into INC-4" got the help text, and "INC-4 and INC-4 are the same fire" was filed as a report under the
  session's incident (a new plan).  The same id twice is answered plainly, nothing filed or proposed."""

from __future__ import annotations

import pytest

from agent.merge_request import MergeRequest, merge_request


@pytest.mark.parametrize(("text", "asked"), [
    ("close INC-B2, duplicate of INC-A1", ("INC-B2", "INC-A1", True)),
    ("Close incident INC-B2 as a duplicate of INC-A1", ("INC-B2", "INC-A1", True)),
    ("close this incident, same as INC-A1", (None, "INC-A1", True)),
    ("关闭INC-B2，与INC-A1重复", ("INC-B2", "INC-A1", True)),
    ("把INC-B2并入INC-A1", ("INC-B2", "INC-A1", True)),
    ("将INC-B2归并INC-A1", ("INC-B2", "INC-A1", True)),
])
def test_a_duplicate_close_and_bare_binru_are_merges(text, asked):
    got = merge_request(text)
    assert got is not None and (got.merged, got.into, got.directed) == asked, got


@pytest.mark.parametrize("text", ["close INC-12", "close this incident, all units back", "关闭INC-12",
                                  "close INC-12, it was a false alarm"])
def test_a_plain_close_is_no_merge(text):
    assert merge_request(text) is None


@pytest.fixture
def assistant(make_assistant, restore_units):
    return make_assistant()


@pytest.mark.parametrize("order", ["close {b}, duplicate of {a}", "关闭{b}，与{a}重复"])
def test_closing_a_duplicate_moves_its_units_and_reports_to_the_incident_kept(assistant, chat_turn, committed_plan, order):
    kept, _ = committed_plan(assistant, "Fire in the stairwell of Bulevardi 14, smoke on all floors")
    merged, units = committed_plan(assistant, "Smoke pouring out of the windows at Annankatu 16, courtyard side")
    reply = chat_turn(assistant, order.format(b=merged, a=kept), merged)
    [proposal] = reply.proposals
    assert proposal.action == "merge_incidents" and (proposal.args["merged"], proposal.args["into"]) == (merged, kept)
    assistant.confirm_proposal(proposal.proposal_id, "op-anna")
    statuses, commitments = assistant.unit_statuses(), assistant._store.unit_commitments()
    assert all(statuses[u] == "dispatched" and commitments[u] == kept for u in units)  # none released at the scene
    assert len(assistant._store.report_texts(kept)) == 2


@pytest.mark.parametrize(("order", "said"), [
    ("merge {x} into {x}", "itself"),
    ("{x} and {x} are the same fire", "itself"),
    ("把{x}合并到{x}", "同一个"),
])
def test_the_same_incident_twice_is_answered_and_nothing_filed(assistant, chat_turn, order, said):
    x = assistant.plan("Car on fire in the courtyard of Mannerheimintie 5", narrative=False).incident_id
    here = assistant.plan("Man collapsed at Bulevardi 14, not breathing", narrative=False).incident_id
    reply = chat_turn(assistant, order.format(x=x), here)
    assert not reply.proposals and reply.plan is None and said in reply.text, reply.text
    assert len(assistant._store.report_texts(here)) == 1 and len(assistant._store.report_texts(x)) == 1
