"""Data derived from a city for protective actions: the per-city memo (built once, also under concurrent first
calls), the coastline cached on disk like the other layers of an extract, the shore band built once per width."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import pytest

from tools.protective.per_city import per_city


def test_concurrent_first_callers_share_one_build():
    city, calls, inside = SimpleNamespace(), [], threading.Event()

    def slow_build() -> object:
        calls.append(1)
        inside.set()
        time.sleep(0.3)  # the second caller arrives while the first still builds
        return object()

    results: list[object] = []
    first = threading.Thread(target=lambda: results.append(per_city(city, "layer", slow_build)))
    first.start()
    assert inside.wait(5)
    second = per_city(city, "layer", slow_build)
    first.join(5)
    assert len(calls) == 1 and results == [second]


def test_a_build_may_read_another_key_and_a_failed_build_is_retried():
    city = SimpleNamespace()
    assert per_city(city, "band", lambda: ("band of", per_city(city, "coast", lambda: "coast"))) == ("band of", "coast")

    def broken() -> str:
        raise OSError("extract unreadable")

    with pytest.raises(OSError):
        per_city(city, "layer", broken)
    assert per_city(city, "layer", lambda: "rebuilt") == "rebuilt"
    assert per_city(SimpleNamespace(), "coast", lambda: "other city") == "other city"  # kept per city


def test_the_coastline_is_parsed_once_per_extract_then_read_from_the_cache(city, tmp_path, monkeypatch):
    import pyrosm

    from tools.protective.geometry import load_coastline

    pbf = city.scenario.pbf_path()
    parsed = load_coastline(pbf, tmp_path)
    assert parsed and list(tmp_path.glob("coastline-*.pkl"))

    def no_parse(*_args, **_kwargs):
        raise AssertionError("parsed the extract again")

    monkeypatch.setattr(pyrosm, "OSM", no_parse)
    assert [ln.wkb for ln in load_coastline(pbf, tmp_path)] == [ln.wkb for ln in parsed]


def test_the_shore_band_is_built_once_per_city_and_width_whichever_quays_are_named(city):
    from tools.protective.geometry import waterfront_band

    band = waterfront_band(city, 100)
    assert waterfront_band(city, 100, ["Eteläranta"]) is band  # the coastline band does not depend on the quays named
    assert waterfront_band(city, 50).area < band.area
