"""The JSON API as a program uses it (s22 new-user trial): real HTTP requests through ``gradio_client`` to the served
app of ``tests/ui/conftest.py`` (a real assistant on loopback, the deterministic router).

1. A text over the input limit is refused at once, the same way on every text route, and nothing is stored (a
   200 KB paste ran 361 s before).
2. ``/chat`` with no incident and a report opens the incident the page's chat would open (the same ``Actions.chat``)
   and returns its id and the proposals the turn filed.
3. A ``/plan`` retried after an interruption completes the incident the first try opened, not a second one.
4. A second move or retype proposal for one incident supersedes the first.
5. A Finnish or Swedish sitrep / unit-board question gets its headings in that language."""

from __future__ import annotations

import os
import time

import pytest

pytestmark = pytest.mark.slow
os.environ.setdefault("HF_HUB_OFFLINE", "1")  # gradio_client must not phone a hub either


@pytest.fixture(scope="module")
def client(ui_server):
    from gradio_client import Client

    return Client(ui_server.url, verbose=False)


def _stored(assistant) -> tuple[int, int]:
    """(incidents, log events): what a refused request must leave as it was."""
    return len(assistant.incidents()), len(assistant._store.events())


# --- 1. over the input limit -----------------------------------------------------------------------------------
# a CAD export pasted whole: Swedish dispatch lines, a real emergency somewhere in the middle, ~200 KB
_LINE = "12:04:{:02d} SOS 112 — samtal loggat, ingen åtgärd, linjen tyst, operatören väntar på återuppringning.\n"
HUGE = "".join(_LINE.format(i % 60) for i in range(1100)) + "Brand i trapphuset på Fredrikinkatu 30, två personer instängda.\n" \
    + "".join(_LINE.format(i % 60) for i in range(1100))


@pytest.mark.parametrize("route", ["/triage", "/plan", "/chat"])
def test_a_text_over_the_limit_is_refused_at_once_and_nothing_is_stored(client, ui_assistant, route):
    from gradio_client.exceptions import AppError

    assert len(HUGE) > 200_000
    before = _stored(ui_assistant)
    started = time.monotonic()
    with pytest.raises(AppError) as refused:
        client.predict(HUGE, "", api_name=route)
    took = time.monotonic() - started
    said = str(refused.value)
    assert f"{len(HUGE):,}" in said and "20,000" in said and "Nothing was filed" in said, said
    assert took < 15, f"refused after {took:.0f} s"
    assert _stored(ui_assistant) == before


# --- 2. /chat opens the incident and returns it --------------------------------------------------------------------
def test_chat_with_a_report_and_no_incident_opens_one_and_returns_its_id_and_proposals(client, ui_assistant):
    before = {i.incident_id for i in ui_assistant.incidents()}
    reply = client.predict("Liikenneonnettomuus Mannerheimintie 5: kaksi autoa, yksi kuljettaja puristuksissa, "
                           "bensaa valuu tielle", "", api_name="/chat")
    assert not reply["errors"], reply
    opened = reply["incident_id"]
    assert opened and opened not in before and opened in {i["incident_id"] for i in client.predict(api_name="/incidents")}
    assert reply["plan_id"] and ui_assistant.latest_plan(opened).plan_id == reply["plan_id"]
    # what the turn proposed is in the answer, and is what /proposals lists for the incident (pending, not applied)
    listed = {p["proposal_id"] for p in client.predict(opened, api_name="/proposals")}
    assert {p["proposal_id"] for p in reply["proposals"]} == listed
    assert all(p["state"] == "pending" and p["incident_id"] == opened for p in reply["proposals"])


def test_chat_proposals_are_returned_for_a_unit_order(client, ui_assistant):
    incident = client.predict("Vattenläcka i källaren, Bulevardi 14, vatten upp till knäna", "", api_name="/triage")["incident_id"]
    reply = client.predict("send ERO-E1 to Bulevardi 14", incident, api_name="/chat")
    assert reply["incident_id"] == incident
    [proposal] = reply["proposals"]
    assert proposal["action"] == "commit_dispatch" and "ERO-E1" in proposal["args"]["unit_ids"]
    client.predict(proposal["proposal_id"], api_name="/reject_proposal")


# --- 3. a retried plan ----------------------------------------------------------------------------------------------
def test_a_plan_retried_after_it_broke_mid_plan_completes_the_same_incident(client, ui_assistant, monkeypatch):
    """The interruption is provoked by making the planner fail once after the report was filed (the one fault no
    real request provokes on demand: a worker killed or timed out between filing the report and saving the plan)."""
    planner = ui_assistant._planner
    real_plan = planner.plan
    calls = []

    def broken_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise TimeoutError("planner interrupted")
        return real_plan(*args, **kwargs)

    from gradio_client.exceptions import AppError

    monkeypatch.setattr(planner, "plan", broken_once)
    report = "Caller (taxi driver) says a tram hit a cyclist at Kirkkokatu 8, cyclist not moving, tram passengers shaken"
    count = len(ui_assistant.incidents())
    with pytest.raises(AppError):
        client.predict(report, "", api_name="/plan")
    assert len(ui_assistant.incidents()) == count + 1  # the half-made incident: its report filed, no plan
    plan = client.predict(report, "", api_name="/plan")
    assert len(ui_assistant.incidents()) == count + 1, "the retry opened a second incident"
    assert len(ui_assistant.incident_log(plan["incident_id"], kind="report")) == 1  # its report, filed once
    assert ui_assistant.latest_plan(plan["incident_id"]).plan_id == plan["plan_id"]

def test_a_plan_sent_again_after_the_client_lost_the_answer_stays_on_its_incident(client, ui_assistant):
    report = "Relayed by the harbour office: diesel sheen spreading from a moored barge at Katajanokka quay, 30 m wide"
    count = len(ui_assistant.incidents())
    first = client.predict(report, "", api_name="/plan")
    again = client.predict(report, "", api_name="/plan")
    assert again["incident_id"] == first["incident_id"] and len(ui_assistant.incidents()) == count + 1


# --- 4. a second move / retype supersedes the first -----------------------------------------------------------------
@pytest.mark.parametrize(("action", "first", "second"), [
    ("relocate_incident", "sorry, not Mannerheimintie 5, it's Annankatu 20", "sorry, wrong again: not Annankatu 20, it is Fredrikinkatu 30"),
    ("retype_incident", "no fire after all, it's a gas leak, strong smell in the stairwell",
     "not a fire, it was a man who collapsed in the courtyard, not breathing"),
])
def test_a_second_change_of_the_same_kind_supersedes_the_first(client, ui_assistant, action, first, second):
    from gradio_client.exceptions import AppError

    incident = client.predict("Car on fire in the courtyard of Mannerheimintie 5", "", api_name="/plan")["incident_id"]
    one = client.predict(first, incident, api_name="/chat")["proposals"]
    two = client.predict(second, incident, api_name="/chat")["proposals"]
    [old] = [p for p in one if p["action"] == action]
    [new] = [p for p in two if p["action"] == action]
    pending = {p["proposal_id"] for p in client.predict(incident, api_name="/proposals")}
    assert old["proposal_id"] not in pending and new["proposal_id"] in pending
    with pytest.raises(AppError, match=f"superseded by {new['proposal_id']}"):
        client.predict(old["proposal_id"], api_name="/confirm_proposal")
    client.predict(new["proposal_id"], api_name="/reject_proposal")


# --- 5. Finnish / Swedish headings ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("question", "heading"), [
    ("Tilannekuva, kiitos", "Tilannekatsaus"),
    ("Mikä on yksiköiden tilanne nyt?", "Yksiköiden tilanne"),
    ("Ge mig en lägesrapport", "Lägesrapport"),
    ("Vilka enheter är lediga just nu?", "Enheternas status"),
])
def test_a_finnish_or_swedish_sitrep_or_board_has_headings_in_that_language(client, ui_assistant, question, heading):
    incident = ui_assistant.open_incident("api headings", "op").incident_id
    reply = client.predict(question, incident, api_name="/chat")
    assert reply["text"].startswith(heading), reply["text"][:200]


@pytest.mark.parametrize("question", ["status on units", "sitrep on Kamppi"])
def test_a_short_english_question_with_on_keeps_the_english_view(client, ui_assistant, question):
    """'on' is English too: the word-list fallback for short messages read these as Finnish."""
    incident = ui_assistant.open_incident("api headings en", "op").incident_id
    text = client.predict(question, incident, api_name="/chat")["text"]
    assert text.startswith(("Units:", "Open incidents:")), text[:200]
