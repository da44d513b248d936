from agent.grounding import GroundingChecker, supported_sentences


def test_unknown_facilities_units_and_streets_are_flagged(city):
    checker = GroundingChecker(city.gazetteer, [unit.id for _, unit in city.units()])
    report = checker.check(
        "Send ERO-E1 and ERO-E9 to Aleksanterinkatu. Open the Kallio Sports Hall shelter and close Mordorinkatu."
    )
    assert "ERO-E9" in report.unknown
    assert "Mordorinkatu" in report.unknown
    assert any("Kallio" in u for u in report.unknown)
    assert "ERO-E1" not in report.unknown and "Aleksanterinkatu" not in report.unknown
    assert "[unverified: ERO-E9]" in report.text


def test_known_names_pass(city):
    checker = GroundingChecker(city.gazetteer, [unit.id for _, unit in city.units()])
    shelter = city.scenario.shelters[0].name
    assert checker.check(f"Evacuees go to {shelter} via Kaivokatu; KAM-A1 transports.").ok


def test_unsupported_sentences_are_withheld():
    facts = "1,221 people from Kamppi to Helsingin päärautatieasema, 16 min. Clearance time 76 min."
    kept, dropped = supported_sentences(
        "1,221 people from Kamppi go to Helsingin päärautatieasema. The army will airlift residents to Tampere.", facts)
    assert "päärautatieasema" in kept and "Tampere" not in kept and dropped == 1
