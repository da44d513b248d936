"""Review s18 of s17-tfd (13e228e, full Finnish reports).

- HIGH: "kaatui" (fell) was read as a person's fall whatever fell: a server or the radio network that crashed
  ("Palvelin kaatui hetkeksi, KAM-A1 tila ei päivity") opened a medical P1 incident, with an ambulance proposed.
- MED (overlaps the Finnish/Swedish misreads work): a Swedish question typed without a mark ("Hur långt ska vi
  evakuera runt gasläckan vid Kampin asema") was read as a short report (tfd taught the question reader Finnish
  question words only).  Mended at the question reader; the chat still files that message as a report through the
  classifier's unsure-evacuation path (a hazard at a place beside an evacuation question is filed by design, as "gas
  leak at X, how far do we evacuate?" is), so the chat-level case is not asserted here.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Palvelin kaatui hetkeksi, KAM-A1 tila ei päivity",
    "Järjestelmä kaatui taas, yksiköiden tilat eivät päivity",
    "Radioverkko on kaatunut Kampissa, käytetään puhelimia",
])
def test_a_system_that_crashed_is_no_fall(text):
    from agent.hazards import hazard_from_words

    assert hazard_from_words(text) != "medical"


@pytest.mark.parametrize("text", ["Vanha mies kaatunut, ei pääse ylös", "nainen kaatui jäisellä jalkakäytävällä",
                                  "Pyöräilijä kaatui Mannerheimintiellä, vuotaa päästä", "lapsi on kaatunut portaissa"])
def test_a_person_who_fell_is_still_medical(text):
    from agent.hazards import hazard_from_words

    assert hazard_from_words(text) == "medical"


@pytest.mark.parametrize("text", [
    "Hur långt ska vi evakuera runt gasläckan vid Kampin asema",
    "Vilka skyddsrum finns nära branden i Kamppi",
    "Ska vi evakuera huset vid Annankatu 12 på grund av röken",
])
def test_a_swedish_question_without_a_mark_is_a_question(text):
    from agent.follow_up import is_question

    assert is_question(text)


@pytest.mark.parametrize("text", ["Brand i Kamppi, folk inne", "Gasläcka vid Kampin asema, två personer yr"])
def test_a_swedish_report_is_no_question(text):
    from agent.follow_up import is_question

    assert not is_question(text)


@pytest.mark.parametrize("text", ["Palvelin kaatui hetkeksi, KAM-A1 tila ei päivity",
                                  "Järjestelmä kaatui taas, KAM-A2 ja ERO-E1 tilat eivät päivity"])
def test_no_incident_is_opened_in_chat(make_assistant, restore_units, text):
    assistant = make_assistant()
    final = [e for e in assistant.chat(text, None, "op-review") if e.kind == "final"][-1]
    assert not assistant.incidents(), final.text[:300]
