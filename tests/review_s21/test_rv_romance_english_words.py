"""Review s21: the Romance impact words (agent.monitor.evidence._IMPACT) caught English words. A word of impact beside
a warning makes it no warning (``hazard_warning`` -> None), so an English warning read as an event that happened:
"Mort" (a name, Sydney's Mort Bay) matched the French singular 'mort', "rigor mortis" matched 'mort[oia]s', and the
English name Danni before "in" matched Italian 'danni in'."""

from __future__ import annotations

import pytest

from agent.monitor.evidence import hazard_warning, read_report


@pytest.mark.parametrize("text", [
    "Flood warning issued for Mort Bay and the lower Parramatta river",
    "Severe storm warning for Mort Bay Park tonight, secure loose items",
    "Flood warning: Danni in Lismore says move your car to high ground now",
    "Bushfire risk of extreme level tomorrow; rigor mortis jokes aside, have a plan",
])
def test_an_english_warning_stays_a_warning(text: str):
    assert hazard_warning(text) is not None


@pytest.mark.parametrize("text", [
    "Inondations dans le Var : deux morts et des centaines d'évacués",
    "Terremoto in Calabria: crollate due case, un morto e cinque feriti",
    "Séisme au Maroc: un mort et des dégâts importants",
])
def test_romance_tolls_still_read(text: str):
    assert read_report(text, {}) is not None
