"""Finding 3 in a real browser: a unit status confirmed by another process on the same incident log (an `eca chat` in
a terminal) shows on the running command centre's Refresh.

The other process is stood in for by a second connection to the log that writes the confirmed status event the way
``ProposalBook.confirm`` does; the server's city is not touched, so only reading the log can show it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _board_row(page, unit_id: str) -> str:
    cell = page.locator("#unit-board").get_by_text(unit_id, exact=True).first
    cell.wait_for()
    return cell.locator("xpath=ancestor::*[self::tr or @role='row'][1]").inner_text()


def test_h_refresh_sees_a_status_confirmed_elsewhere(open_page, ui_assistant) -> None:
    from agent.store import IncidentStore

    unit = "KAM-A1"
    before = ui_assistant._city.unit_status()[unit]
    assert before == "available"
    try:
        page = open_page()
        assert "dispatched" not in _board_row(page, unit)
        other = IncidentStore(ui_assistant._store.path)  # the terminal's own connection
        incident = other.create_incident("P1 fire: terminal incident", "cli-op").incident_id
        other.log_event(incident, "unit_status", {"unit_id": unit, "status": "dispatched", "proposal_id": "PRO-CLI"}, "cli-op")
        other.close()
        page.click("#refresh-btn")
        page.wait_for_function(
            f"() => [...document.querySelectorAll('#unit-board tr, #unit-board [role=row]')]"
            f".some(r => r.innerText.includes('{unit}') && r.innerText.includes('dispatched'))", timeout=60_000)
    finally:
        ui_assistant._city.set_unit_status(unit, before)
