"""The sitrep's "likely the same as INC-…" (a stream candidate beside an open incident) and a plan's "Likely duplicate of
INC-…" tie two reports to one event only at one place: two different named buildings or addresses are two places even
when near (review s15-rv2: Kiasma and Lasipalatsi, 186 m apart, were linked).  The same building, the building and its
own street address, or an approximate place near it still are."""

from __future__ import annotations

import pytest

from agent.incident_scope import ReportPlace, same_precise_place

T0 = 1_764_511_200.0


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


def _stream_cluster(store, cluster_id: str, place: str, text: str) -> None:
    """What `eca monitor` leaves in the log for a fire cluster the locator placed at ``place``."""
    store.add_stream_reports([{"report_id": f"SR-{cluster_id}-{k}", "event_time": T0 + 60 * k, "source": "call",
                               "text": f"{text} ({k})", "cluster_id": cluster_id,
                               "triage": {"incident_type": "fire", "priority": "P1", "type_confidence": 0.9},
                               "detail": {"place": place, "reason": "same place and type"}} for k in range(3)])


def _candidate_line(sitrep: str, cluster_id: str) -> str:
    return next(line for line in sitrep.splitlines() if line.startswith(f"- {cluster_id} "))


@pytest.mark.parametrize("report, near, same", [
    ("Fire at the Kiasma museum, smoke from the roof, visitors evacuating", "Lasipalatsi", "Kiasma"),  # 186 m apart
    ("Kiasma美术馆着火了，屋顶冒烟，参观者正在撤离", "Musiikkitalo", "Kiasma"),  # 198 m apart
    ("Smoke pouring out of Stockmann department store, shoppers coming out", "Yrjönkatu 21", "Aleksanterinkatu 52"),
])
def test_a_stream_candidate_at_another_named_place_is_not_likely_the_same(assistant, report, near, same):
    incident = assistant.plan(report, narrative=False).incident_id
    store = assistant._store
    _stream_cluster(store, "C09001", near, f"Fire and smoke at {near}, people inside")
    _stream_cluster(store, "C09002", same, f"Fire and smoke at {same}, people inside")
    sitrep = assistant.sitrep().text
    assert "likely the same" not in _candidate_line(sitrep, "C09001"), sitrep     # another building or address
    assert f"likely the same as {incident}" in _candidate_line(sitrep, "C09002"), sitrep  # the same building


def test_a_report_at_another_named_building_is_not_flagged_a_duplicate(assistant):
    kiasma = assistant.plan("Fire at the Kiasma museum, smoke from the roof", narrative=False)
    other = assistant.plan("Fire at Lasipalatsi, smoke from the cinema on the ground floor", narrative=False)
    assert other.incident_id != kiasma.incident_id
    assert not any("Likely duplicate" in w for w in other.warnings), other.warnings
    again = assistant.plan("Kiasma is on fire, black smoke over Mannerheiminaukio", narrative=False)
    assert any(f"Likely duplicate of {kiasma.incident_id}" in w for w in again.warnings), again.warnings


def test_the_rule_on_places():
    kiasma = ReportPlace(60.17202, 24.93667, 65.0, name="Kiasma")
    lasipalatsi = ReportPlace(60.17034, 24.93664, 73.5, name="Lasipalatsi")
    b14 = ReportPlace(60.16510, 24.93992, 33.8, name="Bulevardi 14")
    b16 = ReportPlace(60.16490, 24.93925, 42.0, name="Bulevardi 16")
    near_kiasma = ReportPlace(60.17150, 24.93700, 120.0, name="")          # an approximate, unnamed fix beside it
    assert not same_precise_place(kiasma, lasipalatsi)
    assert not same_precise_place(b14, b16)
    assert same_precise_place(b14, ReportPlace(60.16512, 24.93990, 30.0, name="Bulevardi 14"))
    assert same_precise_place(kiasma, near_kiasma)
    assert same_precise_place(ReportPlace(60.16829, 24.94216, 69.5, name="Stockmann"),
                              ReportPlace(60.16829, 24.94216, 70.0, name="Aleksanterinkatu 52"))  # its own address
