"""Issue 14, session 10: which words of a headline are names when it is weighed against the open incidents.

A headline the classifier read as no incident but that reports a hazard and its toll is held back when it is about an
open incident (``OnlineGrouper._known_incident``), and opens its own unconfirmed alert when it is about another one.
Title Case capitalises every word, so its capitals cannot be read as names; but word frequency cannot tell "Texas"
from "River" either.  The stream can: it writes "river" in lower case and "Texas" never."""

from __future__ import annotations

from dataclasses import replace

import pytest

from agent.monitor.grouping import GroupingConfig, Item, OnlineGrouper, PlaceFix
from agent.monitor.textvec import CaseCounts, names

T0 = 1_764_496_800.0
KAMPPI = PlaceFix("Kamppi", 60.1685, 24.9310, 250.0)
VALLILA = PlaceFix("Vallila", 60.1950, 24.9570, 400.0)

# Earlier posts of the stream, about other things: they write ordinary words in lower case (what a live stream has
# seen by the time a headline comes, hundreds of posts in)
CHATTER = ("huge queue at the shopping centre this morning, people everywhere",
           "people stuck on the top floor of the car park, the lifts are out",
           "two trams stopped, people walking along the tracks",
           "the river path is closed near the bridge, water over its banks",
           "burst water main, the street is flooded")


def _social() -> OnlineGrouper:
    return OnlineGrouper(GroupingConfig.profile("social"))


def _post(key, minute, text, type_="fire", place=None):
    return Item(key, T0 + 60 * minute, text, type_, 2, place=place, hazard_evidence=type_)


def _headline(key, minute, text, hazard="fire", impact="trapped", place=None):
    """A post the classifier read as no incident that names a hazard and what it did (evidence.read_report)."""
    return Item(key, T0 + 60 * minute, text, "not_incident", 2, place=place, join_only=True, hazard_evidence=hazard,
                opens_as=hazard, hazard_impact=impact)


def _kamppi_fire(chatter: bool = True, place=None) -> tuple[OnlineGrouper, str]:
    """An open, emerged fire incident in Kamppi (three posts), after some unrelated chatter."""
    g = _social()
    for i, text in enumerate(CHATTER if chatter else ()):
        g.add(Item(f"x{i}", T0 - 3600 + 60 * i, text, "not_incident", 4, join_only=True))
    first = None
    for i, text in enumerate(("Fire in a building in Kamppi, smoke everywhere",
                              "Big fire in Kamppi, smoke over the bus station",
                              "Crews fighting the fire in Kamppi, thick smoke")):
        a, _ = g.add(_post(f"k{i}", i, text, place=place))
        first = first or a.cluster_id
    assert g.clusters[first].emerging
    return g, first


def test_the_stream_learns_which_words_it_writes_in_lower_case():
    case = CaseCounts()
    for text in ("Flooding in Texas, the river over its banks", "Rain again in Texas tonight",
                 "FLOODS HIT TEXAS AS RIVER BURSTS",             # shouted: no evidence either way
                 "Four Dead As Floods Hit Texas"):               # Title Case: its capitals are no evidence
        case.observe(text)
    assert case.ordinary("river") and case.ordinary("banks") and case.ordinary("bank") is False
    assert not case.ordinary("texas")                             # never written in lower case
    assert not case.ordinary("floods")                            # seen only in a shouted line and a Title Case one
    case.observe("the floods are rising")
    assert case.ordinary("floods") and case.ordinary("flood") is False
    assert not case.ordinary("floors")
    case.observe("top floor closed")
    assert case.ordinary("floors")                                # a plural counts its singular's use


def test_in_a_title_case_line_only_words_the_stream_never_writes_in_lower_case_are_names():
    case = CaseCounts()
    for text in CHATTER:
        case.observe(text)
    read = lambda text: names(text, ordinary=case.ordinary)  # noqa: E731
    assert read("Huge Fire At Shopping Centre, People Trapped On Top Floor") == ["fire", "trapped"]
    assert read("Four Dead As Floods Hit Texas") == ["dead", "floods", "hit", "texas"]
    # a sentence keeps its capitals: the writer capitalised that word on purpose
    assert read("Long queues at the Shopping Centre in Kamppi this morning") == ["shopping", "centre", "kamppi"]
    assert names("Huge Fire At Shopping Centre, People Trapped On Top Floor") == [
        "fire", "shopping", "centre", "people", "trapped", "top", "floor"]   # without the stream's evidence: as before


def test_a_title_case_headline_about_the_open_incident_opens_no_second_alert():
    """Its capitalised words are ordinary ones (the stream writes them in lower case) or its own hazard and toll: it
    says no place, so it is read as a headline about the open fire.  Before, every capital read as a name it did not
    share with the incident, and it opened a duplicate candidate with a second unconfirmed alert."""
    g, fire = _kamppi_fire()
    same, alerts = g.add(_headline("h", 20, "Huge Fire At Shopping Centre, People Trapped On Top Floor"))
    assert same.cluster_id is None and alerts == [] and f"open incident, {fire}" in same.reason


def test_a_title_case_headline_sharing_the_incidents_gazetteer_place_opens_no_second_alert():
    """The place in common is the evidence, whatever the words: "Kamppi" on the map is where the fire is.  The
    social profile keeps one place per cluster (the most precise), which the test for a place in common did not read."""
    g, fire = _kamppi_fire(chatter=False, place=KAMPPI)
    same, alerts = g.add(_headline("h", 20, "Huge Fire Rips Through Kampin Kauppakeskus, Shoppers Trapped", place=KAMPPI))
    assert same.cluster_id in (None, fire) and alerts == []       # joined on the place, or held back as about it
    assert not [c for c in g.clusters.values() if c.cluster_id != fire]
    assert g._known_incident(_headline("h2", 21, "Shoppers Trapped As Fire Guts Kampin Kauppakeskus", place=KAMPPI)) \
        is g.clusters[fire]
    # another district of the city is another fire
    other, alerts = g.add(_headline("v", 25, "Huge Fire Rips Through Vallila Depot, Workers Trapped", place=VALLILA))
    assert other.new and [a.kind for a in alerts] == ["emerging"]


@pytest.mark.parametrize("text", ["Huge Fire At Tampere Shopping Centre, People Trapped",
                                  "Blaze In Texas Shopping Centre Leaves People Trapped"])
def test_a_title_case_headline_naming_another_place_still_opens_its_own_alert(text):
    """A word the stream never wrote in lower case is a name, however common in English ("Texas"): the headline is
    about a fire the operator does not have, and must not vanish into the Kamppi one."""
    g, fire = _kamppi_fire()
    other, alerts = g.add(_headline("h", 20, text))
    assert other.new and other.cluster_id != fire and [a.kind for a in alerts] == ["emerging"]


def test_ordinary_words_among_an_incidents_names_tie_no_headline_to_it():
    """A Title Case post that joined the Kamppi fire left "People", "Trapped", "Floor" among the fire's names.  A
    flood headline elsewhere that capitalises "People" shared that "name" and vanished into the fire with no alert."""
    g, fire = _kamppi_fire()
    joined, _ = g.add(_post("t", 5, "Fire In Kamppi Traps People On Top Floor, Smoke Everywhere"))
    assert joined.cluster_id == fire and "people" in g.clusters[fire].names
    flood, alerts = g.add(_headline("f", 30, "Two Dead As Floods Trap People In Espoo", hazard="flood", impact="dead"))
    assert flood.new and flood.cluster_id != fire and [a.kind for a in alerts] == ["emerging"]
    # a distinctive name in common still ties a headline to its incident, whatever its hazard
    same, alerts = g.add(_headline("k", 35, "Kamppi Blaze: Toll Rises To Three", impact="toll"))
    assert same.cluster_id == fire and alerts == []
    assert g._known_incident(_headline("k2", 36, "Toll Rises To Three After Blaze In Kamppi", impact="toll")) \
        is g.clusters[fire]


def test_a_stream_case_test_changes_no_city_grouping():
    """The city profile reads no headlines (noise_reports off): the stream's case counts are not even kept."""
    g = OnlineGrouper(GroupingConfig.profile("city"))
    g.add(replace(_post("a", 0, "Fire in a flat on Mannerheimintie, people trapped"), place=KAMPPI))
    assert not g.case.lower


def test_a_coarse_place_ties_no_headline_of_another_hazard_to_an_incident():
    """A district-wide fix (an unsure locator answer, a zone) overlaps every incident in the district: like a common
    word, it is no evidence that an explosion headline is about the open fire.  Before, the explosion vanished into
    the Kamppi fire with no alert (the social profile had never tied headlines by place until the fire's own fix
    was read)."""
    centre = PlaceFix("Keskusta", 60.1699, 24.9384, 1500.0)
    g, fire = _kamppi_fire(place=KAMPPI)
    other, alerts = g.add(_headline("e", 20, "Explosion In Central Helsinki, Two Dead", hazard="explosion",
                                    impact="dead", place=centre))
    assert other.new and other.cluster_id != fire and [a.kind for a in alerts] == ["emerging"]
    # a precise place in common still ties a headline of another hazard to the incident there
    assert g._known_incident(_headline("e2", 21, "Blast Heard As Fire Spreads, Two Dead", hazard="explosion",
                                       impact="dead", place=replace(KAMPPI, radius_m=80.0))) is g.clusters[fire]


def test_forgetting_rare_words_keeps_each_words_verdict():
    """Bounded counts forget a word's two counts together: forgetting only its capitalised uses (the names' counter
    is cut at its own threshold) turned a name the stream writes capitalised more often into an 'ordinary' word, which
    a Title Case headline then no longer reads as a place."""
    case = CaseCounts(max_words=12)
    case.lower.update({"river": 6, "tampere": 2, "smoke": 1, "ash": 1, "dust": 1})
    case.capital.update({"texas": 7, "kamppi": 4, "vallila": 4, "tampere": 3, "oulu": 1, "espoo": 1, "lahti": 1})
    assert case.distinctive("tampere") and not case.ordinary("tampere")
    case.observe("the water rises")                  # past max_words: the rarest are forgotten
    assert len(case.lower) + len(case.capital) <= case.max_words
    assert case.distinctive("tampere") and not case.ordinary("tampere")
    assert case.ordinary("river") and case.distinctive("texas")


def test_a_place_written_once_in_lower_case_is_still_a_name_in_a_headline():
    """One casual lower-case mention ("on the way to tampere") is no evidence that "Tampere" is an ordinary word.
    Read as one, a Title Case headline about a fire in Tampere named no place and vanished into the open Kamppi fire
    with no alert.  An ordinary English word is cleared by one lower-case use; another word by a habit of them."""
    g, fire = _kamppi_fire()
    g.add(Item("y", T0 - 600, "stuck in traffic on the way to tampere, huge queue", "not_incident", 4, join_only=True))
    other, alerts = g.add(_headline("h", 20, "Huge Fire At Tampere Shopping Centre, People Trapped"))
    assert other.new and other.cluster_id != fire and [a.kind for a in alerts] == ["emerging"]
    case = CaseCounts()
    for _ in range(3):
        case.observe("heading to kamppi now")
    assert case.ordinary("kamppi")                       # a stream that always writes it in lower case
