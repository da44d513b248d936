"""Trial 18 (storm night): which incident a chat message is attached to.

Reproduced with ``Assistant.chat`` as ``eca chat`` calls it (the session follows the incident each reply opens):

- H1: a report of a person in the water off an island the map lacks was filed INTO the care-home power cut the session
  was on, and raised its priority to P1.  It opens its own incident; the care home keeps its reports and priority.
- H2: "Open a new incident: ..." / "Uusi tehtävä: ..." / "新事件：..." was filed into the session's incident.
- H3: reports were filed into a CLOSED incident (the session's, just closed), and a report naming a closed incident's id
  went to another open one.  A closed incident gets nothing: the reply says it is closed and a new incident opens; an
  open incident named by id gets the report.
- H9: the precise place of an incident named by id, with "approve the plan for INC-…", opened a second incident at the
  same place: it is a proposed move of the named incident, and its plan's units are proposed.
- H5: a follow-up that reads as a higher priority raised the incident unconfirmed; the operator's "the care home is P1"
  was ignored.  Both are proposals now: nothing changes until confirmed.
"""

from __future__ import annotations

import pytest

# (the trial's words began "Palvelutalo Kruununhaka, Maneesikatu 4: …"; the suite's quick router answers that with the
# help text, so the power cut is named in English)
CARE_HOME = ("Power cut at the care home Palvelutalo Kruununhaka, Maneesikatu 4: generator running, fuel for about 2 hours, "
             "40 residents, 12 on oxygen concentrators.")
TREE = "Tree down across Unioninkatu by Kaisaniemi park, blocking both lanes, nobody hurt"
ROOF = "Roof blown off at Kaisaniemenkatu 5, sheet metal on the street, two people under debris at the bus stop, one not moving"
UNDERPASS = ("Caller on 112: the underpass at Hakaniemi is full of water, there's a car down there with a man still inside, "
             "water is up to the windows")


class Desk:
    """``eca chat``'s loop (as the trial's driver): the session follows the incident each reply's plan names."""

    def __init__(self, assistant):
        self.a, self.incident, self.session = assistant, None, []

    def say(self, message: str):
        final = [e for e in self.a.chat(message, self.incident, session_incidents=tuple(self.session)) if e.kind == "final"][-1]
        if final.plan is not None and final.plan.incident_id and final.plan.incident_id != self.incident:
            self.incident = final.plan.incident_id
            self.session = [i for i in self.session if i != self.incident] + [self.incident]
        return final


@pytest.fixture
def care_home(make_assistant):
    assistant = make_assistant()
    desk = Desk(assistant)
    desk.say(CARE_HOME)
    home = desk.incident
    assert home is not None
    return assistant, desk, home


@pytest.fixture
def tree(make_assistant):
    """An incident below P1 (the suite's quick triage model reads the care home as P1 already)."""
    assistant = make_assistant()
    desk = Desk(assistant)
    desk.say(TREE)
    assert desk.incident is not None and assistant._store.get_incident(desk.incident).priority in ("P3", "P4")
    return assistant, desk, desk.incident


# --- H1 -------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("report", [
    "Capsized sailing boat off Tervasaari, two people in the water clinging to the hull, waves 1.5 m",
    "Boat has capsized near Tervasaari, a man and a woman are in the water holding on to it",
    "特瓦萨里岛外一艘帆船翻了，两个人落水，抓着船身",
])
def test_a_water_rescue_elsewhere_opens_its_own_incident(care_home, report):
    assistant, desk, home = care_home
    before = assistant._store.get_incident(home)
    reply = desk.say(report)
    assert desk.incident != home, reply.text[:400]
    after = assistant._store.get_incident(home)
    assert (after.incident_type, after.priority) == (before.incident_type, before.priority)
    assert assistant._store.report_texts(home) == [CARE_HOME]
    assert home in reply.text  # the reply says the care home stays open


@pytest.mark.parametrize("report", [
    # Finnish and Swedish: the suite's quick router does not plan these as reports (routing is not this test's
    # subject), so the filing decision is asked directly, as the chat asks it
    "Purjevene kaatunut saaren edustalla, kaksi ihmistä vedessä veneen kyljessä kiinni",
    "Segelbåt har kantrat utanför ön, två personer i vattnet håller sig i skrovet",
    "Capsized sailing boat off Tervasaari, two people in the water clinging to the hull, waves 1.5 m",
])
def test_the_filing_rule_reads_people_in_the_water_in_every_language(care_home, report):
    assistant, _, home = care_home
    assert assistant._filer.incident_for_report(report, home, assistant._triage_only, [home]) is None


@pytest.mark.parametrize("report", [
    "Generator fuel now down to one hour, the staff are moving residents to the ground floor",
    "Aggregaatin polttoaine loppuu tunnin päästä, henkilökunta siirtää asukkaita alakertaan",
    "发电机燃料只剩一小时，工作人员正在把老人转到一楼",
])
def test_the_filing_rule_keeps_the_care_homes_own_news(care_home, report):
    assistant, _, home = care_home
    assert assistant._filer.incident_for_report(report, home, assistant._triage_only, [home]) == home


def test_an_incident_said_in_ordinary_words_is_not_about_the_water(make_assistant):
    """Only words of water make an incident one "about the water" ("is", "the", "vest" are no such words)."""
    assistant = make_assistant()
    desk = Desk(assistant)
    desk.say("The power is out at the care home at Maneesikatu 4, the generator is running, staff in hi-vis vests, "
             "12 residents on oxygen")
    home = desk.incident
    assert home is not None
    for report in ("Capsized sailing boat off Tervasaari, two people in the water clinging to the hull",
                   "Segelbåt har kantrat utanför ön, två personer i vattnet"):
        assert assistant._filer.incident_for_report(report, home, assistant._triage_only, [home]) is None


def test_people_in_the_water_of_a_flood_stay_with_it(make_assistant):
    assistant = make_assistant()
    desk = Desk(assistant)
    desk.say("Flooding at Kauppatori, the market square is under water, water rising fast")
    flood = desk.incident
    assert flood is not None
    for report in ("Two people are in the water by the stalls, swept off their feet", "两个人落水了，被水冲倒"):
        assert assistant._filer.incident_for_report(report, flood, assistant._triage_only, [flood]) == flood


def test_the_water_rescue_opens_as_p1_and_asks_where(care_home):
    assistant, desk, home = care_home
    reply = desk.say("Capsized sailing boat off Tervasaari, two people in the water clinging to the hull, waves 1.5 m")
    new = assistant._store.get_incident(desk.incident)
    assert desk.incident != home and new.priority == "P1"
    assert "unconfirmed" in reply.text.lower() or "unknown" in reply.text.lower()


@pytest.mark.parametrize("report", [
    "Generator fuel now down to one hour, the staff are moving residents to the ground floor",
])
def test_more_of_the_care_home_stays(care_home, report):
    assistant, desk, home = care_home
    desk.say(report)
    assert desk.incident == home
    assert len(assistant._store.report_texts(home)) == 2


# --- H2 -------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("message", [
    "The capsized boat is a separate incident, not the care home! Open a new incident: sailing boat capsized off "
    "Tervasaari, 2 persons in water",
    "New incident: a second care home has lost power too, residents on oxygen, generator failing",
    "新事件：另一家养老院也停电了，有老人靠制氧机",
])
def test_an_explicit_new_incident_opens_one(care_home, message):
    assistant, desk, home = care_home
    reply = desk.say(message)
    assert desk.incident != home, reply.text[:400]
    assert assistant._store.report_texts(home) == [CARE_HOME]


@pytest.mark.parametrize(("message", "asked"), [
    ("Open a new incident: sailing boat capsized off Tervasaari, 2 persons in water", True),
    ("Separate incident - car on fire in the car park", True),
    ("Uusi tehtävä: toinenkin palvelutalo ilman sähköä, asukkaita happirikastimilla", True),
    ("Ny händelse: ett annat äldreboende är utan ström, boende med syrgas", True),
    ("另开一个事件：码头有人落水", True),
    ("Not a new incident, the same care home: generator fuel now down to one hour", False),
    ("Don't log it as a new incident, same fire", False),
    ("Tämä ei ole uusi tehtävä, sama palvelutalo", False),
    ("不是新事件，还是那家养老院", False),
    ("Second call about the same fire at Bulevardi 14", False),
])
def test_the_words_that_ask_for_a_new_incident(message, asked):
    from agent.report_filing import asks_new_incident

    assert asks_new_incident(message) is asked


@pytest.mark.parametrize("message", [
    "Not a new incident, the same care home: generator fuel now down to one hour",
    "不是新事件，还是那家养老院：发电机燃料只剩一小时",
])
def test_not_a_new_incident_stays(care_home, message):
    assistant, desk, home = care_home
    desk.say(message)
    assert desk.incident == home


# --- H3 -------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("report", [
    "Generator at the care home has stopped, residents on oxygen need help now",
    "Fire in the care home kitchen now, smoke in the corridor, residents trapped upstairs",
    "养老院起火了，浓烟很大，老人被困在三楼",
])
def test_a_report_on_a_closed_session_incident_opens_a_new_one(care_home, report):
    assistant, desk, home = care_home
    assistant._store.close_incident(home, "op")
    reply = desk.say(report)
    assert assistant._store.report_texts(home) == [CARE_HOME]
    assert desk.incident != home and desk.incident is not None
    assert assistant._store.get_incident(desk.incident).status == "open"
    assert home in reply.text and ("closed" in reply.text or "已结" in reply.text or "关闭" in reply.text)


@pytest.fixture
def two_incidents(care_home):
    assistant, desk, home = care_home
    desk.say(ROOF)
    roof = desk.incident
    assert roof not in (None, home)
    return assistant, desk, home, roof


@pytest.mark.parametrize("template", [
    "{id}: the generator has stopped, 12 residents on oxygen need help",
    "{id}：养老院起火了，浓烟很大，老人被困在三楼",
])
def test_a_report_naming_a_closed_incident_is_not_filed_elsewhere(two_incidents, template):
    assistant, desk, home, roof = two_incidents
    assistant._store.close_incident(home, "op")
    before = assistant._store.report_texts(roof)
    reply = desk.say(template.format(id=home))
    assert assistant._store.report_texts(roof) == before, reply.text[:300]
    assert assistant._store.report_texts(home) == [CARE_HOME]
    assert home in reply.text and ("closed" in reply.text or "已结" in reply.text or "关闭" in reply.text)


@pytest.mark.parametrize("template", [
    "{id}: the generator has stopped, 12 residents on oxygen need help",
    "{id}：养老院起火了，浓烟很大，老人被困在三楼",
    "Update on {id}: fire in the kitchen now, residents trapped upstairs",
])
def test_a_report_naming_an_open_incident_is_filed_there(two_incidents, template):
    assistant, desk, home, roof = two_incidents
    before = assistant._store.report_texts(roof)
    reply = desk.say(template.format(id=home))
    assert assistant._store.report_texts(roof) == before, reply.text[:300]
    assert len(assistant._store.report_texts(home)) == 2
    assert desk.incident == home


# --- H9 -------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("template", [
    "The Hakaniemi underpass is at Siltasaarenkatu under the railway bridge, car with driver trapped. Approve the plan "
    "for {id}",
    "{id} is at Siltasaarenkatu under the railway bridge, the driver is still trapped. Approve the plan for {id}",
])
def test_the_place_of_a_named_incident_is_a_proposed_move(make_assistant, template):
    assistant = make_assistant()
    desk = Desk(assistant)
    desk.say(UNDERPASS)
    underpass = desk.incident
    desk.say(ROOF)
    assert desk.incident != underpass
    opened = {i.incident_id for i in assistant._store.list_incidents()}
    reply = desk.say(template.format(id=underpass))
    assert {i.incident_id for i in assistant._store.list_incidents()} == opened, reply.text[:400]
    actions = {(p.action, p.incident_id) for p in reply.proposals}
    assert ("relocate_incident", underpass) in actions, reply.text
    assert any(p.incident_id == underpass and p.action in ("commit_dispatch", "approve_plan") for p in reply.proposals), reply.text


# --- H5 -------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("message", [
    "Correction: the tree down is P1, a pedestrian is under it",
    "Korjaus: kaatunut puu on P1, jalankulkija sen alla",
    "更正：倒树事件应该是P1",
])
def test_the_operators_priority_correction_is_proposed(tree, message):
    assistant, desk, home = tree
    was = assistant._store.get_incident(home).priority
    reply = desk.say(message)
    raised = [p for p in reply.proposals if p.action == "retype_incident" and p.incident_id == home]
    assert raised and {p.args.get("priority") for p in raised} == {"P1"}, reply.text[:400]
    assert assistant._store.get_incident(home).priority == was  # until confirmed
    assistant.confirm_proposal(raised[0].proposal_id)
    assert assistant._store.get_incident(home).priority == "P1"


@pytest.mark.parametrize("report", [
    "A pedestrian is trapped under the fallen tree, unconscious and bleeding heavily",
    "Kaatuneen puun alla on jalankulkija jumissa, tajuton ja vuotaa runsaasti verta",
])
def test_a_follow_up_never_raises_the_priority_unconfirmed(tree, report):
    assistant, desk, home = tree
    was = assistant._store.get_incident(home).priority
    reply = desk.say(report)
    assert desk.incident == home
    assert assistant._store.get_incident(home).priority == was, reply.text[:400]
    raised = [p for p in reply.proposals if p.action == "retype_incident" and p.incident_id == home]
    assert reply.plan is not None and reply.plan.triage is not None
    read = reply.plan.triage.priority
    if read < was:  # "P1" < "P3": the report reads higher, so the raise is proposed and said
        assert [p.args["priority"] for p in raised] == [read], reply.text[:600]
        assert f"suggests {read}" in reply.text and raised[0].proposal_id in reply.text
        assistant.confirm_proposal(raised[0].proposal_id)
        assert assistant._store.get_incident(home).priority == read


@pytest.mark.parametrize(("text", "priority"), [
    ("Correction: the care home is P1, generator fuel runs out in under 2 hours", "P1"),
    ("Korjaus: palvelutalo on P1, polttoaine loppuu", "P1"),
    ("Rättelse: äldreboendet är P1 nu", "P1"),
    ("更正：养老院应该是P1", "P1"),
    ("which incidents are P1?", None),
    ("现在有几个P1事件还没有派出单位？", None),
    ("evacuate Kamppi, the priority is P1 for the fire", None),
    ("Fire at Bulevardi 14, P1, people trapped", None),
])
def test_an_incident_said_to_be_of_a_priority_is_a_request(text, priority):
    from agent.incident_request import incident_request

    request = incident_request(text)
    assert (request.priority if request else None) == priority
