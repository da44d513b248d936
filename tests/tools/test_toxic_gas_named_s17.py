"""A toxic gas the report names (hydrogen sulphide, 硫化氢, sulphur dioxide) is that gas in the protective action, never
another one from the table (trial 17: an H2S alarm read as "small chlorine release"), and a toxic gas released where
people are needs the hazmat unit, not only the gas utility's crew (trial 17 T21: a metro platform H2S alarm)."""

from __future__ import annotations

import pytest

from tools.protective import decide, extract_protective_cues
from tests.tools.helpers import codes, needs

H2S_REPORTS = [
    ("[SENSOR ALERT] gas detector GD-7 at the metro station platform: H2S 40 ppm, rising. Ventilation fault.", "hydrogen sulphide"),
    ("Strong smell of hydrogen sulfide in the underground car park, the detector reads 60 ppm", "hydrogen sulphide"),
    ("地铁站台的气体探测器报警：硫化氢浓度45ppm，还在上升", "hydrogen sulphide"),
    ("Sulphur dioxide leaking from a pipe at the swimming hall plant room outside, people coughing on the pavement", "sulphur dioxide"),
]


@pytest.mark.parametrize(("text", "gas"), H2S_REPORTS)
def test_the_protective_action_names_the_reported_gas_never_another(text, gas):
    d = decide("hazmat", extract_protective_cues(text))
    assert d is not None
    assert "chlorine" not in d.reason and "ammonia" not in d.reason, d.reason
    if d.rule in ("H9", "H10"):  # the toxic-gas rows say the gas; H3 (inside a building) names none
        assert gas in d.reason, d.reason
    assert d.rule in ("H9", "H10", "H3"), d


def test_the_metro_platform_alarm_is_a_toxic_gas_row_naming_hydrogen_sulphide():
    d = decide("hazmat", extract_protective_cues(H2S_REPORTS[0][0]))
    assert d.rule == "H9" and "hydrogen sulphide" in d.reason, d


def test_an_unnamed_toxic_gas_is_said_unidentified():
    d = decide("hazmat", extract_protective_cues("Toxic gas alarm in the metro tunnel, readings rising, trains stopped"))
    assert d is not None and "chlorine" not in d.reason
    assert "unidentified toxic gas" in d.reason, d.reason


def test_chlorine_itself_is_still_chlorine():
    d = decide("hazmat", extract_protective_cues("Chlorine gas leaking from a cylinder at the water plant yard, a yellow-green cloud"))
    assert "chlorine" in d.reason


@pytest.mark.parametrize("text", [t for t, _ in H2S_REPORTS] + ["Toxic gas alarm in the metro tunnel, readings rising",
                                                               "地铁站有毒气体报警器响了，站台上有乘客"])
def test_a_toxic_gas_release_gets_the_hazmat_unit(text):
    assert "chemical_release" in codes(text), codes(text)
    assert needs("hazmat", "P2", text).get("hazmat") == 1, needs("hazmat", "P2", text)


@pytest.mark.parametrize("text", ["Gas detector alarm in the basement of the flats, smells of gas",
                                  "燃气报警器响了，厨房里有煤气味"])
def test_a_fuel_gas_leak_still_gets_the_utility_crew_not_the_hazmat_unit(text):
    n = needs("hazmat", "P2", text)
    assert n.get("utility_crew") == 1 and "hazmat" not in n, n
