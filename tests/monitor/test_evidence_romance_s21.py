"""Session 21 (issue 14, alert delay): the first posts of an event abroad are often in the local language, and the
triage (trained on calls in English and Chinese) reads such a headline as no incident.  The stream then alerts only
when a post it can read arrives: on the CrisisLexT26 dev3 stream the Sardinia floods were first reported in Italian
('#maltempo ha sconvolto la #Sardegna'), then alerted 44 minutes later on an Italian post the classifier happened to
type.  ``read_report`` (a hazard's name and what it did) and ``read_warning`` read the hazard and impact words of
Spanish, Portuguese, Italian and French too, with their drill words.  The posts below are written for this test."""

from __future__ import annotations

import pytest

from agent.monitor.evidence import hazard_evidence, read_report, read_warning


@pytest.mark.parametrize("text, type_", [
    ("Fuerte sismo en el sur de Chile deja tres muertos y varias casas derrumbadas", "earthquake_collapse"),
    ("Terremoto in Calabria: crollate due case, un morto e cinque feriti", "earthquake_collapse"),
    ("Un séisme secoue la région de Nice : deux morts et plusieurs blessés", "earthquake_collapse"),
    ("Enchente deixa três mortos e centenas de desalojados em Minas Gerais", "flood"),
    ("Alluvione in Liguria, strade distrutte e famiglie evacuate", "flood"),
    ("Incendio forestal en Valparaíso: al menos 12 fallecidos y cientos de viviendas destruidas", "fire"),
    ("Explosión en una refinería de Campeche deja dos heridos", "fire"),
    ("Descarrilamiento de un tren cerca de Sevilla, decenas de heridos", "traffic_accident"),
])
def test_a_headline_in_a_romance_language_reports_the_hazard(text, type_):
    reading = read_report(text, {})
    assert reading is not None, text
    assert reading.incident_type == type_, reading


@pytest.mark.parametrize("text", [
    "Simulacro de sismo en las escuelas de Lima: ningún herido, todo salió bien",
    "Esercitazione antincendio al porto, nessun ferito",
    "Il Milan distrugge la Juve, un terremoto in classifica",   # a figure of speech, no hazard
    "Me muero de risa con este vídeo del perro",                 # no hazard named
    "Danni Minogue says the fire at the gig was amazing",        # an English name, not Italian 'danni' (damage)
])
def test_what_is_no_report_stays_none(text):
    assert read_report(text, {}) is None, text


@pytest.mark.parametrize("text, type_", [
    ("Alerta roja por huracán: se espera que toque tierra el jueves en Yucatán", "severe_weather"),
    ("Allerta meteo: rischio di alluvione in Toscana domani", "flood"),
    ("Vigilance rouge inondations dans le Gard pour la nuit de mardi", "flood"),
])
def test_a_warning_in_a_romance_language_is_a_warning(text, type_):
    reading = read_warning(text, {})
    assert reading is not None and reading.incident_type == type_, (text, reading)


def test_english_vigilance_is_no_warning_word():
    assert read_warning("thanks for your vigilance during the fire last night", {}) is None


def test_hazard_evidence_reads_the_hazards_name_of_a_typed_post():
    assert hazard_evidence("Fuerte terremoto sacude la capital", "earthquake_collapse")
    assert hazard_evidence("Incendie dans un immeuble de Marseille", "fire")
