"""Hazard evidence: the words of a report that name the hazard its triage type says, and whether it warns of that
hazard or reports it happening.

A post the classifier typed ``flood`` that says "flooding" carries its own evidence; one typed ``flood`` that says
nothing of water is the classifier's guess.  The social profile lets a new cluster alert on its first report when that
report carries such evidence (``GroupingConfig.evidence_alert``): on a social stream the first post naming a hazard is
often the only one for a while (a sample of a few posts an hour), and waiting for three within 15 minutes misses it.

The hazard words are the triage cues (``finetune.cues``: written from the taxonomy and dispatch vocabulary), by type,
plus the names of the hazards themselves that the cues (written for what a caller describes) leave out: an earthquake,
a storm, an explosion, a wildfire (``_NAMED``), and those names, what a hazard did and the warning words in Spanish,
Portuguese, Italian and French (``ROMANCE_NAMES``: an event abroad is first posted in its language).  A report that
shows a non-incident cue (a drill, a resolved event, a joke, thanks, a question, a figure of speech, an advert) carries
no evidence.  Types without hazard words (outages, public health, missing persons, medical) never do.

A warning is not an occurring event.  "Flood warning issued for ...", "risk of wildfire", "Total Fire Ban declared",
"typhoon to make landfall on Thursday" name a hazard that is expected, not observed (the Common Alerting Protocol's
urgency Expected/Future, against Immediate/Past).  ``hazard_warning`` gives the words
that make a report such a warning: forecast and warning language with no word of impact (dead, injured, damaged,
collapsed, hit by ...; a post that reports impact reports an event, whatever else it forecasts).  The grouper raises a
``warning`` alert for it, not an ``emerging`` incident (``agent.monitor.grouping``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from agent.monitor.pairscore import NOISE_TYPE
from core.text import URL_PATTERN
from finetune.cues import cue_match

__all__ = ["HAZARD_CUES", "HazardReading", "hazard_evidence", "hazard_impact", "hazard_warning", "read_hazard",
           "read_report", "read_warning"]

HAZARD_CUES: dict[str, tuple[str, ...]] = {
    "fire": ("fire_word",),
    "flood": ("water_word",),
    "earthquake_collapse": ("collapse_word",),
    "hazmat": ("gas_word",),
    "traffic_accident": ("vehicle_word",),
    "public_security": ("armed", "attack"),
}
# The hazard's own name, by type, where the triage cues do not give it (they are the model's features, so they are not
# changed here): the hazard names of the taxonomy and of meteorological warnings, English and Chinese like the cues.
# The same hazards' names in Spanish, Portuguese, Italian and French (``ROMANCE_NAMES``): the first posts of an event
# abroad are often in its language, which the triage (trained on English and Chinese calls) reads as no incident; the
# hazard's name and its toll are what a duty officer reading the post acts on, in any language (session 21: the
# CrisisLexT26 dev3 stream's Sardinia floods were first posted in Italian and alerted 44 min later).
_ROMANCE_QUAKE = r"\bsismos?\b|s[ée]isme|terremot[oi]s?\b|\btemblor|tremblement de terre"  # the quake's name only
ROMANCE_NAMES: dict[str, str] = {
    "fire": r"incendi[oa]s?\b|incendie|inc[êe]ndios?\b|explosi[óo]n|explos[ãa]o|esplosion[ei]",
    "hazmat": r"explosi[óo]n|explos[ãa]o|esplosion[ei]|fuga de gas|fuite de gaz",
    "earthquake_collapse": _ROMANCE_QUAKE + r"|\bderrumb\w*|\bcroll[oia]\w*|\beffondr\w*|\bdesab\w*",
    "flood": r"inundaci[óo]n\w*|inunda[çc][ãa]o|inundações|alluvion[ei]|inondations?\b|enchentes?\b|\bcrue\b",
    "traffic_accident": r"descarril\w*|deragl\w*|d[ée]raill\w*",
    "severe_weather": r"hurac[áa]n|furac[ãa]o|uragano|ouragan|tif[óo]n|tuf[ãa]o|tifone|typhon|tormentas?\b|"
                      r"tempest[ae]\b|temp[êe]te|maltempo|nubifragio|ciclone",
}
_NAMED: dict[str, re.Pattern] = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in {
    "fire": r"wildfire|bushfire|forest fire|grass fire|explosion|exploded|山火|火灾|爆炸|" + ROMANCE_NAMES["fire"],
    "hazmat": r"explosion|exploded|泄漏|爆炸|" + ROMANCE_NAMES["hazmat"],
    "earthquake_collapse": r"earthquake|\bquake|tremor|aftershock|地震|余震|" + ROMANCE_NAMES["earthquake_collapse"],
    # the triage cue names a flood in English and Chinese (water_word); other languages' names are here
    "flood": ROMANCE_NAMES["flood"],
    # a rail or multi-vehicle accident is named by what happened, not a vehicle the call cues list (a train is none)
    "traffic_accident": r"derail\w*|\bcollided\b|\bpile-?ups?\b|脱轨|相撞|" + ROMANCE_NAMES["traffic_accident"],
    "severe_weather": r"typhoon|hurricane|cyclone|tornado|\bstorms?\b|blizzard|hailstorm|heat ?wave|"
                      r"台风|飓风|龙卷风|暴风|暴雪|冰雹|高温|" + ROMANCE_NAMES["severe_weather"],
}.items()}
# How many words may stand between a warning word and the hazard's name in a report triaged not_incident (read_warning)
WARNING_REACH = 4
# The types whose hazard words can be read (the others never carry evidence), in a fixed order for ties.
HAZARD_TYPES: tuple[str, ...] = tuple(dict.fromkeys([*HAZARD_CUES, *_NAMED]))
_NOT_AN_INCIDENT = ("test_drill", "resolved", "hoax", "thanks", "question", "figurative", "advert")
# a link or an account handle names no hazard (a news link's slug, '@CrashNews' no crash), and "opened fire" is a
# shooting; 'Co.', 't.co' and '#CO' are no carbon monoxide in the shared names themselves (core.hazard_words)
_NOT_HAZARD_WORDS = re.compile(rf"{URL_PATTERN}|@\w+|(?i:\bopen(?:s|ed|ing)? fire\b)")
# Forecast and warning language: CAP urgency Expected/Future (the words of weather services' and fire agencies'
# bulletins), and the preventive measures taken on a forecast (a fire ban, a watch).  Not the words of uncertainty
# ("possible shooting reported", "could be hit bad"): an uncertain report of something happening is still a report.
_WARNING = re.compile(
    r"\bwarnings?\b|\b(?:storm|flood|tornado|hurricane|typhoon|tsunami|fire|weather) watch|advisory|\bforecast|"
    r"\bexpected\b|\b(?:risk|threat|danger) of\b|\b(?:is|are) (?:set|due|poised) to\b|"
    r"\b(?:to|will|won'?t|will not) (?:hit|strike|enter|reach|make landfall)\b|\bhead(?:s|ing|ed)? (?:for|to|towards?)\b|\bapproach|"
    r"\bbrac(?:e|es|ing) (?:for|yourselves)|\bprepar(?:e|es|ing) for\b|\bbans?\b|"
    r"预警|警报|预报|预计|将(?:登陆|到达|袭击|影响)|"
    # Spanish, Portuguese, Italian, French: alert, forecast, expected, risk of, landfall
    r"\balert[ae]\b|\ballerta\b|\bpron[óo]stico|\bprevis[ãa]o|\bprevisi[óo]n|\bprevisioni\b|\bse espera\b|"
    r"\b(?:riesgo|risco|rischio|risque) d[ei]\b|\bvigilance (?:rouge|orange)\b|\btoque tierra\b|\btocar[áa] tierra\b", re.IGNORECASE)
# A warning denied ("no tsunami warning", "no threat of a tsunami": what a warning centre says after a quake offshore)
# is none; the rest of the text may still warn.
_WARNING_DENIED = re.compile(
    r"\b(?:no|not|without)\s+(?:(?:a|an|any|the)\s+)?(?:\w+\s+)?(?:warnings?|watch|advisory|threat of|risk of|danger of)\b",
    re.IGNORECASE)
# Responders on the move ("firefighters heading to the blaze", "police approaching the building", "crews en route") are
# the response to a hazard that is already happening, not the hazard's own expected arrival: such a phrase is no
# warning language.
_RESPONDERS_MOVING = re.compile(
    r"\b(?:fire ?fighters?|firemen|fire crews?|crews?|police|officers?|cops|units?|ambulances?|paramedics|rescuers?|"
    r"rescue teams?|troops|soldiers|engines?)\b(?:\s+(?:are|is|were|was|now|already|all|still))*\s+"
    r"(?:head(?:s|ing|ed)?\s+(?:for|to|towards?)\b|approach\w*|en route)", re.IGNORECASE)
# Impact: a report that says what the hazard did reports an event, whatever it also forecasts.
_IMPACT = re.compile(
    r"\bdead\b|\bdeadly\b|\bfatal|\bdeaths?\b|\bdied\b|\bkill(?:ed|s|ing)\b|\binjur|casualt|\bdestroy|\bdamag|"
    r"collapsed|\btrapped\b|\brescued\b|\bevacuated\b|\bstranded\b|\bmissing\b|\bunaccounted\b|\bvictims?\b|\btoll\b|"
    r"\bhit by\b|\b(?:has|have) hit\b|\bstruck\b|\bswept\b|\bsubmerged\b|underwater|under water|"
    r"\bburn(?:ed|t|ing) down\b|aftermath|devastat|ravag|死亡|遇难|受伤|被困|倒塌|损毁|冲毁|"
    # Spanish, Portuguese, Italian, French: dead, injured, destroyed, collapsed, evacuated, trapped, damage
    r"\bmuert[oa]s\b|\bun muerto\b|\bfallecid[oa]s?\b|\bherid[oa]s\b|\bmort(?:[oa]s?|[ie])\b|\bmorts\b|\bun mort\b|\bferit[io]\b|"
    r"\bferid[oa]s\b|\bbless[ée]e?s\b|\bdestruid[oa]s\b|\bdistrutt[eiao]\b|\bd[ée]trui(?:t|te|ts|tes)\b|"
    r"\bderrumbad[oa]s\b|\bcrollat[eiao]\b|\beffondr[ée]e?s?\b|\bevacuad[oa]s\b|\bevacuat[eiao]\b|"
    r"\b[ée]vacu[ée]e?s\b|\bdesalojad[oa]s\b|\bdesabrigad[oa]s\b|\batrapad[oa]s\b|\bintrappolat[eiao]\b|"
    r"\bdaños\b|\bd[ée]g[âa]ts\b|\bsconvolt[oa]\b|\bdevastad[oa]s?\b|\bd[ée]vast[ée]|"
    # Italian 'danni' (damage) as headlines put it, not the English name Danni ("Danni in Lismore": 'in' only lower case)
    # nor the English 'Mort' (a name, Mort Bay) or 'rigor mortis': French 'morts' / 'un mort', Italian 'morti'
    r"\bdanni (?:a|ai|al|alle|agli|nel|nella|per|e|ingenti|gravi)\b|(?-i:\bdanni in\b)|\b(?:i|ingenti|gravi|molti) danni\b", re.IGNORECASE)


def hazard_evidence(text: str, incident_type: str) -> str | None:
    """The words of ``text`` naming the hazard of ``incident_type`` (e.g. 'flooding' for a flood), or None when it
    names none, the type has no hazard words, or the text reads as no incident."""
    text = _NOT_HAZARD_WORDS.sub(" ", text)
    found = _hazard_words(text, incident_type)
    return None if found is None or _reads_as_no_incident(text) else found


def _hazard_words(text: str, incident_type: str) -> str | None:
    """The words naming the hazard of ``incident_type`` in ``text`` (links and handles already blanked), or None."""
    found = next((m for m in (cue_match(c, text) for c in HAZARD_CUES.get(incident_type, ())) if m), None)
    named = _NAMED.get(incident_type)
    if found is None and named is not None and (match := named.search(text)):
        found = match.group(0)
    return None if found is None else found.strip()


# A drill or exercise in Spanish, Portuguese, Italian, French (the triage cues' test_drill, in English and Chinese).
_ROMANCE_DRILL = re.compile(r"\bsimulacros?\b|\bsimulad[oa]s?\b|\bsimulazion[ei]\b|\besercitazion[ei]\b|"
                            r"\bexercices? d'(?:évacuation|alerte)|\bexercices? (?:incendie|de sécurité)", re.IGNORECASE)


def _reads_as_no_incident(text: str) -> bool:
    return any(cue_match(c, text) for c in _NOT_AN_INCIDENT) or bool(_ROMANCE_DRILL.search(text))


def hazard_warning(text: str) -> str | None:
    """The words that make ``text`` a warning or forecast of a hazard rather than a report of one happening ('flood
    warning', 'risk of', 'to make landfall', 'ban'), or None (no such words, or words of impact beside them)."""
    return _warning_words(_NOT_HAZARD_WORDS.sub(" ", text))


def _warning_words(text: str) -> str | None:
    """``hazard_warning`` of a text whose links and handles are already blanked."""
    text = _WARNING_DENIED.sub(" ", _RESPONDERS_MOVING.sub(" ", text))
    match = _WARNING.search(text)
    if match is None or _IMPACT.search(text):
        return None
    return match.group(0).strip()


@dataclass(frozen=True)
class HazardReading:
    """What the grouper reads of a report's hazard: its type, the words naming that type's hazard, the words making it a
    warning.  ``retyped``: the type is not the classifier's first choice but one it gave ``probability`` to, and the
    report names that type's hazard."""

    incident_type: str
    evidence: str | None = None
    warning: str | None = None
    retyped: bool = False
    probability: float = 0.0
    impact: str | None = None           # read_report: the words saying what the hazard did ('3 dead')


def read_hazard(text: str, incident_type: str, type_probs: dict[str, float] | None = None,
                floor: float = 0.0) -> HazardReading:
    """The report's hazard evidence for its triage type; failing that (``floor`` > 0), for the likeliest other incident
    type the classifier gave at least ``floor`` whose hazard the report names.  A news headline ("Blast at a chemical
    works, several hurt", "Strong quake hits coastal province") often leaves the classifier, trained on calls, between
    not_incident and the right type; the hazard the post names settles it.  Types below the floor are never read: the
    words alone do not make an incident ("bomb the exam")."""
    own = hazard_evidence(text, incident_type)
    if own is not None or not type_probs or floor <= 0:
        return HazardReading(incident_type, own, hazard_warning(text) if own else None)
    others = sorted(((p, t) for t, p in type_probs.items() if t not in (incident_type, NOISE_TYPE) and p >= floor),
                    reverse=True)
    for p, other in others:
        words = hazard_evidence(text, other)
        if words is not None:
            return HazardReading(other, words, hazard_warning(text), True, float(p))
    return HazardReading(incident_type)


def read_warning(text: str, type_probs: dict[str, float] | None = None) -> HazardReading | None:
    """A report the classifier triaged not_incident that warns of a hazard ("Flood warning issued for the valley",
    "Typhoon to make landfall Friday"): the hazard it names, read as that type with its warning words, or None.

    A classifier trained on calls reads a forecast as no incident (nothing has happened yet) and often gives the
    hazard's type little probability, so no floor applies here, unlike ``read_hazard``: the warning language and a
    named hazard together make the reading, and a warning only ever raises a warning alert, never an incident one.
    With no model reading to lean on, the warning must be about the hazard: its words within ``WARNING_REACH`` words
    of the hazard's name, as a bulletin puts them ("flood warning", "Total Fire Ban", "Storm Aila heading for");
    words far apart are about something else ("he headed to the flooded town to help", "every parcel will reach a family").
    Of several hazards named, the one the classifier gave the most probability.  The text is read once for all the
    types: its links blanked and its words counted once, each type's hazard words then looked up in it."""
    stripped = _NOT_HAZARD_WORDS.sub(" ", text)
    warning = _warning_words(stripped)
    if warning is None:
        return None
    probs = type_probs or {}
    gaps: _WordGaps | None = None
    for incident_type in sorted(HAZARD_TYPES, key=lambda t: -probs.get(t, 0.0)):
        words = _hazard_words(stripped, incident_type)
        if words is None:
            continue
        if gaps is None:  # the first type whose hazard the text names: the checks that hold for every type
            if _reads_as_no_incident(stripped):
                return None
            gaps = _WordGaps(text)
        if gaps.fewest_between(words, warning) <= WARNING_REACH:
            return HazardReading(incident_type, words, warning, True, float(probs.get(incident_type, 0.0)))
    return None


# What a headline names a disaster by (read_report): the name of the event, not a thing at a scene.  The triage cues
# were written for a caller at the scene, where "a car", "smoke", "gas", "the current" or "an attack" describe one; in
# a post from afar beside a toll they are as often an aid appeal's "charity car event" or a "heart attack".
_DISASTER_NAME = re.compile(
    r"flood|\bfires?\b|blaze|wildfire|bushfire|explosion|exploded|earthquake|\bquake|tremor|aftershock|collaps|crash|"
    r"collision|collided|derail|pile-?up|shooting|\bbomb|typhoon|hurricane|cyclone|tornado|\bstorms?\b|"
    r"洪水|火灾|山火|爆炸|地震|余震|倒塌|坍塌|撞|台风|飓风|龙卷风|"
    + "|".join(ROMANCE_NAMES[t] for t in ("fire", "hazmat", "flood", "traffic_accident", "severe_weather"))
    # a quake by its name only: 'derrumbadas' / 'crollate' say what it did (the impact), not which disaster
    + "|" + _ROMANCE_QUAKE, re.IGNORECASE)
# The aftermath and the response to a known disaster: an appeal, a charity, a funeral, a memorial.  A post in these words
# is about an event already known, not a first report of one ("help for typhoon victims", "funerals of the crash's
# victims"); "victims" alone is the word of such posts too, so it is no impact here.
_AFTERMATH = re.compile(
    r"charit|donat|\brelief\b|fund-?rais|appeal|funeral|memorial|tribute|anniversary|condolence|in memory|"
    r"\bvictims?\b|救灾|捐款|捐助|悼念|追悼|周年", re.IGNORECASE)

# A disaster's name used as a figure of speech, as headlines do ("storm of criticism", "perfect storm", "Twitter storm",
# "explosion of interest", "box-office bomb", "stock market crash", "political earthquake"): beside a word of impact
# ("kills the bill", "destroyed his career") it reports no hazard, so read_report reads the text without it.
_FIGURE_OF_SPEECH = re.compile(
    r"\bstorms? of (?:criticism|protest|outrage|controversy|abuse|complaints|anger|emotions?)\b|\bperfect storm\b|"
    r"\b(?:twitter|social[- ]media|media|political|pr|diplomatic|online)[- ]?storm\b|\bstorm in a teacup\b|"
    r"\bexplosion of (?:interest|growth|demand|sales|popularity|colou?r|flavou?r)\b|\bbox[- ]office bomb\b|"
    r"\b(?:bitcoin|crypto(?:currency)?|stock|share|price|market|housing|ratings?)s? crash(?:es|ed)?\b|"
    r"\b(?:computer|system|server|website|site|app|software|network)s? crash(?:es|ed)?\b|\bcrash (?:course|diet)s?\b|"
    r"\bgate-?crash|"
    r"\b(?:political|electoral) (?:earthquake|tsunami)\b|\btsunami of\b|舆论风暴|政治地震|股灾|崩盘", re.IGNORECASE)


def hazard_impact(text: str) -> str | None:
    """The words of ``text`` that say what a hazard did ('3 dead', 'casualties', 'leveled', 'damaged'), links and
    account handles left out, or None; none in a post about the aftermath or the response (``_AFTERMATH``)."""
    return _impact_words(_NOT_HAZARD_WORDS.sub(" ", text))


def _impact_words(text: str) -> str | None:
    """``hazard_impact`` of a text whose links and handles are already blanked."""
    if _AFTERMATH.search(text):
        return None
    match = _IMPACT.search(text)
    return match.group(0).strip() if match else None


def read_report(text: str, type_probs: dict[str, float] | None = None) -> HazardReading | None:
    """A report the classifier triaged not_incident that reports a hazard happening: it names the hazard and what the
    hazard did ("Two dead as an earthquake shakes hill villages", "Explosion at a chemical depot ... several
    injured"), with none of the non-incident cues (a drill, a joke, an advert ...: ``hazard_evidence``).  Read as that hazard's type; of several,
    the one the classifier gave the most probability; None otherwise.

    A classifier trained on calls reads a news headline as no incident: nobody is calling for help, and the first posts
    of an event seen from afar are headlines.  The hazard's name and its toll together are what a duty officer reading
    the post would act on (CAP urgency Immediate/Past, certainty Observed), so no floor on the classifier's probability
    applies; an impact word alone ("3 dead") names no hazard, and a hazard's name alone ("earthquake drill", "storm
    of criticism" ...) reports no impact; a disaster's name as a figure of speech (``_FIGURE_OF_SPEECH``) is no
    hazard's name."""
    stripped = _NOT_HAZARD_WORDS.sub(" ", _FIGURE_OF_SPEECH.sub(" ", text))  # blanked once for every test below
    impact = _impact_words(stripped)  # words of impact make a post no warning (hazard_warning), whatever it forecasts
    if impact is None:
        return None
    if _reads_as_no_incident(stripped):
        return None
    # the disaster's names the text gives, whole words ('flooding', 'crashed'), wherever they stand: a headline's
    # first hazard word is often a thing at the scene ("Car crash kills two": 'Car'), its disaster's name later
    disasters = [_whole_word(stripped, m.start(), m.end()) for m in _DISASTER_NAME.finditer(stripped)]
    probs = type_probs or {}
    for incident_type in sorted(HAZARD_TYPES, key=lambda t: -probs.get(t, 0.0)):
        words = next((w for w in disasters if _hazard_words(w, incident_type) is not None), None)
        if words is not None:
            return HazardReading(incident_type, words, None, True, float(probs.get(incident_type, 0.0)), impact)
    return None


def _whole_word(text: str, start: int, end: int) -> str:
    """``text[start:end]`` widened to whole words of an alphabetic script (Chinese as matched)."""
    alphabetic = lambda ch: ch.isalpha() and ord(ch) < 0x2E80  # noqa: E731
    while start > 0 and alphabetic(text[start - 1]) and alphabetic(text[start]):
        start -= 1
    while end < len(text) and alphabetic(text[end]) and alphabetic(text[end - 1]):
        end += 1
    return text[start:end]


class _WordGaps:
    """How many words stand between two phrases of one text; the text's word count index is built once.

    Linear in the text: a post of 20,000 characters repeating both words ("flood warning flood warning ...") has
    thousands of each, and comparing every pair (each gap counted by splitting the text between) took minutes of CPU.
    Occurrences of one word come in order, ends with starts, so for each of ``first`` only the occurrence of ``second``
    nearest before it and the one nearest after it can be the closest."""

    def __init__(self, text: str) -> None:
        self.text = text
        # words_before[p]: how many words start before position p; a word running across x is counted in text[x:y]
        self.words_before = words_before = [0] * (len(text) + 1)
        for p, ch in enumerate(text):
            words_before[p + 1] = words_before[p] + (not ch.isspace() and (p == 0 or text[p - 1].isspace()))

    def _words_in(self, x: int, y: int) -> int:  # len(text[x:y].split())
        if y <= x:
            return 0
        text = self.text
        return self.words_before[y] - self.words_before[x] + (not text[x].isspace() and x > 0 and not text[x - 1].isspace())

    def _spans(self, part: str) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in re.finditer(re.escape(part), self.text, re.IGNORECASE)]

    def fewest_between(self, first: str, second: str) -> int:
        """The fewest words between an occurrence of ``first`` and one of ``second`` (case ignored)."""
        seconds = self._spans(second)
        starts = [b for b, _ in seconds]
        gaps = []
        for a_start, a_end in self._spans(first):
            i = bisect.bisect_right(starts, a_start)
            for b_start, b_end in seconds[max(0, i - 1):i + 1]:
                gaps.append(self._words_in(min(a_end, b_end), max(a_start, b_start)))
        return min(gaps, default=len(self.text.split()))


def _words_apart(text: str, first: str, second: str) -> int:
    """The fewest words between an occurrence of ``first`` and one of ``second`` in ``text`` (case ignored)."""
    return _WordGaps(text).fewest_between(first, second)


# A claim of mass casualties in a social post ("hundreds dead", "dozens killed", "satoja kuollut", "数百人死亡"): the
# stream's likeliest hoax, and the most costly one to merge into a real incident (it would set its scale and priority).
# Such a post is flagged for a person to verify, never grouped on its own word (trial s18 M10: "Helsinki Cathedral
# collapsed, hundreds dead" escalated a real roof collapse 300 m away).
_MASS_CASUALTY_CLAIM = re.compile(
    r"\b(?:hundreds|dozens|scores|thousands|tens|\d{2,})\s+(?:of\s+)?(?:people\s+|persons\s+)?"
    r"(?:(?:are|were|feared|reported|confirmed)\s+)?(?:dead|killed|died|deaths|bodies|casualties|victims)\b"
    r"|\bmass(?:ive)?\s+casualt\w*|\bdeath toll\b"
    r"|\b(?:satoja|kymmeniä|tuhansia)\s+(?:ihmisiä\s+)?(?:kuollut\w*|kuoli|kuolleita|uhre\w*)"
    r"|\b(?:hundratals|tiotals|tusentals)\s+(?:människor\s+)?(?:döda|omkomna|dödade)"
    r"|(?:数百|上百|几百|数十|几十|上千|数千|成百上千|大量)\S{0,3}(?:死亡|遇难|丧生|死了|人死)",
    re.IGNORECASE)


def mass_casualty_claim(text: str) -> str | None:
    """The words of ``text`` that claim mass casualties, or None."""
    m = _MASS_CASUALTY_CLAIM.search(text)
    return m.group(0) if m else None
