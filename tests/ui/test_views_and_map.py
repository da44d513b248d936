"""The UI's building blocks without a server: map over the real road network, views, input checks, binding rules."""

from __future__ import annotations

import json

import pytest

from agent.assistant import InputError
from agent.schemas import Citation, PlanItem, ResponsePlan, Source, SystemStatus, TriageSummary
from ui.security import UIConfigError, check_bind, is_loopback
from ui.export import export_plan
from ui.inputs import MAX_UPLOAD_BYTES, clean_text, read_upload
from ui.map import MapRenderer, RoadLayer
from agent.render import to_markdown
from ui.views import plan_html, status_html, triage_html


@pytest.fixture(scope="session")
def road_layer() -> RoadLayer:
    from tools.city import CityModel

    return RoadLayer.from_city(CityModel.load())


def _plan(**extra) -> ResponsePlan:
    features = [
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[24.940, 60.168], [24.944, 60.168], [24.944, 60.171], [24.940, 60.168]]]},
         "properties": {"kind": "hazard", "name": "Smoke area"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [24.941, 60.169]}, "properties": {"kind": "incident", "name": "Fire"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [24.950, 60.172]},
         "properties": {"kind": "shelter", "name": "School", "load": 330, "capacity": 300}},
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[24.941, 60.169], [24.945, 60.170], [24.950, 60.172]]},
         "properties": {"kind": "route", "name": "R1", "people": 120, "travel_time_min": 7.5}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [24.946, 60.166]},
         "properties": {"kind": "unit", "name": "Engine", "unit_id": "E11", "unit_type": "engine", "status": "dispatched"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [24.946, 60.166]}, "properties": {"kind": "teleporter", "name": "?"}},
    ]
    base = dict(
        plan_id="PLAN-1", incident_id="INC-1", report="<script>alert(1)</script> fire at Kamppi",
        evacuation=[PlanItem(text="Evacuate <b>120</b> people", sources=[Source(kind="citation", ref="C1"), Source(kind="tool", ref="plan_evacuation")])],
        citations=[Citation(ref="C1", source="plans/evac.md", title="Evacuation plan", section="3.2", text="Shelters open <img src=x> within 30 min")],
        geojson={"type": "FeatureCollection", "features": features},
    )
    base.update(extra)
    return ResponsePlan(**base)


def test_road_layer_comes_from_the_scenario_network(road_layer: RoadLayer) -> None:
    assert road_layer.segments > 500  # central Helsinki: ~1.3k drivable street segments
    min_lon, min_lat, max_lon, max_lat = road_layer.bounds
    assert 24.90 < min_lon < max_lon < 24.99 and 60.15 < min_lat < max_lat < 60.19


def test_map_draws_each_kind_once_over_cached_streets(road_layer: RoadLayer) -> None:
    renderer = MapRenderer(road_layer)
    fig = renderer.figure(_plan().geojson)
    names = [t.name for t in fig.data]
    assert names[0] == "Streets"
    for label in ("Hazard area", "Incident", "Shelter", "Evacuation route", "Unit"):
        assert label in names, label
    assert "teleporter" not in json.dumps(fig.to_plotly_json()["data"], default=str)
    # The overloaded shelter is flagged red; route hover carries people and time.
    shelter = next(t for t in fig.data if t.name == "Shelter")
    assert list(shelter.marker.color) == ["#c0392b"] and "330/300" in shelter.text[0]
    route = next(t for t in fig.data if t.name == "Evacuation route")
    assert "120 people" in route.text[0] and "7.5 min" in route.text[0]
    # Equal ground scale: at 60°N a degree of latitude is ~2x a degree of longitude on screen.
    assert fig.layout.yaxis.scaleanchor == "x" and 1.9 < fig.layout.yaxis.scaleratio < 2.1
    # The street trace is built once and shared by every figure.
    assert renderer.figure(None).data[0] is not None and renderer._road_trace is renderer._road_trace


def test_map_without_streets_still_frames_the_plan() -> None:
    fig = MapRenderer(None).figure(_plan().geojson)
    assert fig.layout.xaxis.range[0] < 24.941 < fig.layout.xaxis.range[1]


def test_views_escape_report_and_passage_markup() -> None:
    html = plan_html(_plan())
    assert "<script>" not in html and "<img" not in html and "&lt;b&gt;120&lt;/b&gt;" in html
    assert 'id="cite-C1"' in html and "<details" in html and "DRAFT" in html
    approved = plan_html(_plan(), approval=("alice", "2026-11-28T13:00:00+00:00"))
    assert "APPROVED by alice" in approved


def test_triage_view_shows_both_labels_with_bars_and_flags_low_confidence() -> None:
    t = TriageSummary(incident_type="hazmat", priority="P2", type_confidence=0.9, priority_confidence=0.4,
                      type_probs={"hazmat": 0.9, "fire": 0.08}, priority_probs={"P2": 0.4, "P1": 0.35})
    html = triage_html(t, report_id="REP-1")
    assert "hazmat" in html and "P2" in html and html.count('class="eca-bar"') >= 4
    assert "Low confidence" in html and "REP-1" in html
    assert "Low confidence" not in triage_html(t.model_copy(update={"priority_confidence": 0.95}))


def test_triage_view_names_the_reader_and_a_type_taken_from_the_words_apart() -> None:
    t = TriageSummary(incident_type="missing_person", priority="P3", type_confidence=0.15, priority_confidence=0.5,
                      read_by="multilingual fallback", type_source="the report's words (model: not_incident)")
    html = triage_html(t)
    assert "read by the multilingual fallback" in html and "type from the report&#x27;s words (model: not_incident)" in html
    own = triage_html(t.model_copy(update={"read_by": "encoder", "type_source": "model"}))
    assert "multilingual fallback" not in own and "type from" not in own


def test_status_line_names_backend_reachability_model_and_kb() -> None:
    html = status_html(SystemStatus(llm_backend="openai", llm_model="qwen", llm_reachable=False,
                                    triage_model_version="v3", kb_documents=12))
    assert "openai" in html and "unreachable" in html and "v3" in html and "<b>12</b> documents" in html


def test_export_writes_markdown_and_json_that_round_trips(tmp_path) -> None:
    plan = _plan()
    md, js = export_plan(plan, tmp_path)
    assert ResponsePlan.model_validate_json(js.read_text()) == plan
    text = md.read_text()
    assert "## Evacuation" in text and "[C1]" in text and "Shelters open" in text and "DRAFT" in text
    assert to_markdown(plan, approval=("bob", "t")).count("approved by bob") == 1


@pytest.mark.parametrize("text, fragment", [
    ("", "empty"), ("   \n ", "empty"), ("a" * 20_001, "20,001 characters"), ("abc\x00def", "binary"),
])
def test_clean_text_rejects_with_a_specific_message(text: str, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        clean_text(text, what="report", max_chars=20_000)


def test_clean_text_keeps_chinese_and_strips() -> None:
    assert clean_text("  朝阳区建国路一栋居民楼起火 \n", what="report", max_chars=100) == "朝阳区建国路一栋居民楼起火"


def test_read_upload_accepts_text_and_names_what_is_wrong(tmp_path) -> None:
    good = tmp_path / "report.txt"
    good.write_text("Gas smell at Yliopistonkatu 7", encoding="utf-8")
    assert read_upload(good) == "Gas smell at Yliopistonkatu 7"
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(InputError, match="photo.png.*not a text report"):
        read_upload(image)
    disguised = tmp_path / "disguised.txt"
    disguised.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(InputError, match="binary"):
        read_upload(disguised)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (MAX_UPLOAD_BYTES + 1))
    with pytest.raises(InputError, match="limit"):
        read_upload(big)


def test_binding_rules() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1") and not is_loopback("0.0.0.0")
    assert check_bind("127.0.0.1", None, None) is None
    assert check_bind("0.0.0.0", "ops", "s3cret") == ("ops", "s3cret")
    with pytest.raises(UIConfigError, match="ECA_UI_USERNAME and ECA_UI_PASSWORD"):
        check_bind("0.0.0.0", None, None)
    with pytest.raises(UIConfigError):
        check_bind("192.168.1.20", "ops", "")


def test_corrected_triage_headline_shows_the_operator_label_and_keeps_model_bars() -> None:
    t = TriageSummary(incident_type="hazmat", priority="P2", type_confidence=0.95, priority_confidence=0.9,
                      type_probs={"hazmat": 0.95, "fire": 0.04})
    html = triage_html(t, decision="Corrected by op", final=("fire", "P1"))
    assert '<span class="eca-type">fire (corrected)</span>' in html and ">P1</span>" in html
    assert "hazmat" in html  # the model's answer is still visible in the bars


def test_map_frames_the_plan_not_the_whole_city(road_layer: RoadLayer) -> None:
    fig = MapRenderer(road_layer).figure(_plan().geojson)
    lo, hi = fig.layout.xaxis.range
    assert lo > road_layer.bounds[0] and hi < road_layer.bounds[2] and lo < 24.941 < 24.950 < hi


def _units_at(points: list[tuple[float, float, str]]) -> dict:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
         "properties": {"kind": "unit", "unit_id": unit, "unit_type": "ambulance", "status": "available"}}
        for lon, lat, unit in points]}


@pytest.mark.parametrize("points", [
    # trial s19 L23: two units of one station printed their ids on top of each other ("KAM-A1" over "KAM-P2")
    [(24.9316, 60.1690, "KAM-A1"), (24.9316, 60.1690, "KAM-P2")],
    [(24.9500, 60.1650, "ERO-B1"), (24.95001, 60.16501, "ERO-E1"), (24.9500, 60.1650, "ERO-L2"), (24.9700, 60.1800, "HAK-P1")],
])
def test_unit_labels_at_one_place_are_written_once_not_overprinted(points) -> None:
    fig = MapRenderer(None).figure(_units_at(points))
    unit = next(t for t in fig.data if t.name == "Unit")
    labels = [label for label in unit.text if label]
    # every unit is still named, each once, and no two labels are written at the same place
    assert sorted(u for label in labels for u in label.replace(",", " ").split()) == sorted(u for *_, u in points)
    spots = [(round(x, 3), round(y, 3)) for x, y, label in zip(unit.x, unit.y, unit.text) if label]
    assert len(spots) == len(set(spots))
    assert len(unit.x) == len(points)  # every unit keeps its marker (and its hover)


def test_the_situation_map_draws_the_scenario_streets(road_layer: RoadLayer) -> None:
    from types import SimpleNamespace

    from ui.situation_tab import _map_figure

    recent = [SimpleNamespace(lat=60.1677, lon=24.9525, incident_type="fire", priority="P2", cluster_id="C1", text="kiosk fire")]
    fig = _map_figure(recent, road_layer)
    assert fig.data[0].name == "Streets" and len(fig.data[0].x) > 1000
    # framed on the reports, not the whole network
    assert fig.layout.xaxis.range[0] < 24.9525 < fig.layout.xaxis.range[1]
    assert fig.layout.xaxis.range[1] - fig.layout.xaxis.range[0] < 0.05
    assert _map_figure([], road_layer).data[0].name == "Streets"  # no reports yet: still the streets


def test_the_cluster_table_gives_the_incident_column_room() -> None:
    from ui.situation_tab import CLUSTER_COLUMNS, CLUSTER_COLUMN_WIDTHS

    widths = {c: float(w.rstrip("%")) for c, w in zip(CLUSTER_COLUMNS, CLUSTER_COLUMN_WIDTHS)}
    # an incident id ("INC-17288440") must fit on one line: at least as wide as the cluster id's column
    assert len(widths) == len(CLUSTER_COLUMNS) and widths["incident"] >= widths["cluster"] and sum(widths.values()) <= 100
