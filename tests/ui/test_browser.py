"""The command centre in a real browser (Playwright + Debian's Chromium) against the real assistant.

Screenshots land in test-artifacts/ui-*.png.
"""

from __future__ import annotations

import re

import pytest

from core.vocabulary import INCIDENT_TYPES, PRIORITIES

pytestmark = pytest.mark.slow

REPORT = "Thick smoke pouring from a 3rd floor window at Kamppi, two people on the balcony, fire spreading."
EVACUATION_REQUEST = "Plan the evacuation of Kamppi because of the fire, about 200 residents."


def _notice(page) -> str:
    return page.locator("#notice").inner_text()


def _choose(page, dropdown_id: str, value: str) -> None:
    """Pick a value in a Gradio dropdown the way an operator does: open it, click the option."""
    box = page.locator(f"#{dropdown_id} input")
    box.click()
    options = page.locator(f"#{box.get_attribute('aria-controls')} li[role=option]")
    exact = options.filter(has=page.locator(f"xpath=self::*[@aria-label='{value}']"))
    (exact if exact.count() else options.filter(has_text=value)).first.click()


def _triage(page, text: str) -> str:
    page.fill("#report textarea", text)
    page.click("#triage-btn")
    page.wait_for_selector("[data-testid=triage-result]")
    return page.locator("[data-testid=triage-result]").inner_text()


def test_a_report_is_triaged_with_confidence(open_page, artifacts_dir, ui_assistant) -> None:
    page = open_page()
    status = page.locator("[data-testid=status]").inner_text()
    assert "LLM:" in status and "Triage model:" in status and "documents" in status
    shown = _triage(page, REPORT)
    kind = page.locator(".eca-type").inner_text().strip().replace(" ", "_").lower()
    prio = page.locator(".eca-prio").inner_text().strip()
    assert kind in INCIDENT_TYPES and prio in PRIORITIES
    assert page.locator(".eca-bar").count() >= 4 and "%" in shown
    # The correction dropdowns start at the model's answer, and the incident appears in the list.
    assert page.locator("#type-dd input").input_value().replace(" ", "_") == kind
    assert "INC-" in page.locator("#incidents input").input_value()
    page.screenshot(path=str(artifacts_dir / "ui-a-triage.png"), full_page=True)


def test_b_evacuation_plan_shows_route_on_map_and_cited_plan(open_page, artifacts_dir) -> None:
    page = open_page()
    _triage(page, REPORT)
    page.fill("#chat-in textarea", EVACUATION_REQUEST)
    page.click("#send-btn")
    page.wait_for_selector("#plan .eca-cite", timeout=150_000)
    # Tool steps are collapsible messages in the chat; the answer carries expandable citations.
    chat = page.locator("#chat")
    chat.get_by_text(EVACUATION_REQUEST).first.wait_for()
    plan = page.locator("[data-testid=plan]")
    assert "Evacuation" in plan.inner_text()
    first_cite = plan.locator("details.eca-cite").first
    first_cite.locator("summary").click()
    passage = first_cite.locator("blockquote").inner_text()
    assert len(passage) > 20 and "not available" not in passage  # the passage itself, not just a title
    legend = page.locator("#map .legendtext").evaluate_all("els => els.map(e => e.textContent)")
    assert "Evacuation route" in legend and "Shelter" in legend
    page.locator("#map").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / "ui-b-plan.png"), full_page=True)
    # Export buttons are live once there is a plan.
    with page.expect_download() as download:
        page.click("#export-json")
    assert download.value.suggested_filename.endswith(".json")


def test_c_corrected_triage_lands_in_the_incident_log(open_page, artifacts_dir, ui_assistant) -> None:
    page = open_page()
    _triage(page, "Strong gas smell in the stairwell at Yliopistonkatu 7, residents feel dizzy.")
    model_type = page.locator("#type-dd input").input_value().replace(" ", "_")
    corrected = "hazmat" if model_type != "hazmat" else "fire"
    _choose(page, "type-dd", corrected)
    _choose(page, "prio-dd", "P1")
    page.click("#correct-btn")
    page.wait_for_selector(".eca-decision")
    assert "Corrected" in page.locator(".eca-decision").inner_text()
    assert page.locator(".eca-type").inner_text().lower().startswith(corrected.replace("_", " ")) and page.locator(".eca-prio").inner_text() == "P1"
    page.click("#log-accordion button, #log-accordion .label-wrap")
    log_row = page.locator("#log").get_by_text(re.compile(rf"corrected .*→ {corrected} / P1"))
    log_row.first.wait_for()
    page.screenshot(path=str(artifacts_dir / "ui-c-correction.png"), full_page=True)
    # The correction is in the real incident log, as training data.
    incident_id = page.locator("#incidents input").input_value().split(" ")[0]
    decisions = ui_assistant.incident_log(incident_id, kind="triage_decision")
    assert decisions and decisions[-1].payload["accepted"] is False
    assert decisions[-1].payload["incident_type"] == corrected and decisions[-1].payload["priority"] == "P1"


def test_d_two_sessions_do_not_see_each_others_chat(open_page, artifacts_dir) -> None:
    alice, bob = open_page(), open_page()
    # Bob reports an incident (a question alone opens none, test_g), so there is one of his to switch to
    for page, text in ((alice, "Alice asks: status of the Kamppi fire?"),
                       (bob, "Bob asks: kitchen fire at Lönnrotinkatu 25, smoke in the stairwell, what now?")):
        page.fill("#chat-in textarea", text)
        page.click("#send-btn")
        page.locator("#chat").get_by_text(text).first.wait_for()
    for page, own, other in ((alice, "Alice asks", "Bob asks"), (bob, "Bob asks", "Alice asks")):
        page.wait_for_function("() => !document.querySelector('#send-btn').disabled")
        chat = page.locator("#chat").inner_text()
        assert own in chat and other not in chat
    # Switching to the other operator's incident is explicit, and restores that incident's chat.
    bob.wait_for_function("() => document.querySelector('#incidents input').value.startsWith('INC-')", timeout=120_000)
    bob_incident = bob.locator("#incidents input").input_value().split(" ")[0]
    alice.reload(wait_until="load")
    alice.wait_for_selector("[data-testid=status]")
    assert "Bob asks" not in alice.locator("#chat").inner_text()
    _choose(alice, "incidents", bob_incident)
    alice.locator("#chat").get_by_text("Bob asks").first.wait_for()
    alice.screenshot(path=str(artifacts_dir / "ui-d-switch.png"), full_page=True)


def _send(page, text: str) -> None:
    page.fill("#chat-in textarea", text)
    page.click("#send-btn")
    page.locator("#chat").get_by_text(text).first.wait_for()
    page.wait_for_function("() => !document.querySelector('#send-btn').disabled", timeout=150_000)


def _selected_incident(page) -> str:
    return page.locator("#incidents input").input_value().split(" ")[0]


def test_g_a_question_opens_no_incident_and_the_selector_follows_a_report(open_page, ui_assistant) -> None:
    page = open_page()
    before = {i.incident_id for i in ui_assistant.incidents()}
    _send(page, "How many shelters are still open right now?")
    assert {i.incident_id for i in ui_assistant.incidents()} == before  # a question: no incident opened
    assert not _selected_incident(page).startswith("INC-")
    _send(page, "Smoke from a 4th floor window at Albertinkatu 40, a woman shouting for help")
    page.wait_for_function("() => document.querySelector('#incidents input').value.startsWith('INC-')")
    first = _selected_incident(page)
    assert first in {i.incident_id for i in ui_assistant.incidents()} - before
    _send(page, "另一起火灾：Kaisaniemi metro station 入口起火，隧道里有烟")  # another place: its own incident, and the page follows
    page.wait_for_function(f"() => !document.querySelector('#incidents input').value.startsWith('{first}')")
    second = _selected_incident(page)
    assert second.startswith("INC-") and second != first
    assert second in {i.incident_id for i in ui_assistant.incidents()}


def test_bad_input_gets_a_clear_message_and_the_page_stays_usable(open_page, tmp_path, artifacts_dir) -> None:
    page = open_page()
    page.click("#triage-btn")
    page.get_by_text(re.compile("report is empty")).wait_for()
    page.locator("#report textarea").fill("x" * 1_000_000)
    page.click("#triage-btn")
    page.get_by_text(re.compile(r"1,000,000 characters long; the limit is 250,000")).wait_for()
    page.screenshot(path=str(artifacts_dir / "ui-bad-input.png"))
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    page.locator("input[type=file]").set_input_files(str(image))
    page.get_by_text(re.compile(r"Invalid file type: photo\.png")).first.wait_for()  # Gradio's own check
    disguised = tmp_path / "report.txt"
    disguised.write_bytes(image.read_bytes())
    page.locator("input[type=file]").set_input_files(str(disguised))
    page.get_by_text("'report.txt' is a binary file, not text.").wait_for()  # ours, on the server
    page.click("#send-btn")
    page.get_by_text(re.compile("message is empty")).wait_for()
    # Still usable: a real report goes through afterwards.
    assert "%" in _triage(page, REPORT)


def test_e_click_on_the_map_sets_the_location_and_replans(open_page, artifacts_dir, ui_assistant, city) -> None:
    page = open_page()
    page.fill("#report textarea", "Man collapsed and is not breathing, his friend is doing CPR, caller does not know the street.")
    page.click("#plan-btn")
    page.locator("[data-testid=plan]").get_by_text(re.compile("Resources")).first.wait_for(timeout=150_000)
    # The operator clicks a spot on the map: its coordinates land in the two boxes.
    area = page.locator("#map .nsewdrag").first
    area.wait_for()
    box = area.bounding_box()
    area.click(position={"x": box["width"] * 0.5, "y": box["height"] * 0.5})
    page.wait_for_function("() => document.querySelector('#set-lat input').value !== ''")
    lat = float(page.locator("#set-lat input").input_value())
    lon = float(page.locator("#set-lon input").input_value())
    s, w, n, e = city.bbox
    assert s - 0.01 < lat < n + 0.01 and w - 0.01 < lon < e + 0.01
    page.click("#relocate-btn")
    plan = page.locator("[data-testid=plan]")
    plan.get_by_text(re.compile("set by the operator")).first.wait_for(timeout=150_000)
    text = plan.inner_text()
    assert "ETA" in text and "LOCATION UNCONFIRMED" not in text
    # The re-planned incident sits where the operator clicked, in the logged plan too.
    incident_id = page.locator("#incidents input").input_value().split(" ")[0]
    saved = ui_assistant.latest_plan(incident_id)
    assert saved is not None and abs(saved.tool_outputs["locate"]["lat"] - lat) < 1e-5
    page.locator("#map").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / "ui-e-map-location.png"), full_page=True)


def test_no_request_left_the_machine(outside_requests) -> None:
    # Runs last in this module: every page above recorded its non-loopback requests here.
    assert outside_requests == []
