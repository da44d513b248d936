"""Finnish and Swedish words of a life at risk, in one table that every layer reads (issue 10, session 22).

The triage model reads English and Chinese; a Finnish or Swedish caller's words of a man outside a bridge railing,
a capsized boat, people coughing beside a chemical smell or a child gone missing named no hazard, and such reports
were triaged not_incident or by a stray word (a jump threat over water typed flood). Each row of ``NORDIC_CUES`` is
one family of such words with what it decides:

- ``hazard``: the incident type the words name (``agent.hazards`` reads them among its hazard words: first when the
  row is ``decisive``, which also overrules a model's contradicting type, else after every other list);
- ``priority``: the priority the words set, a floor (``exact`` makes it the priority itself: an automatic alarm the
  staff checked is one unit's visit, neither a full turnout nor none), where ``with_words`` is said too and ``unless``
  is not.

``HOAX_SAID`` names a hoax context ("pilasoitto", "bluff"): the plan says it, the report is still filed.
Patterns are regular-expression fragments for a case-insensitive search. A few English phrases sit beside the Nordic
ones where callers mix the languages ("on the wrong side of the railing, mies uhkaa hypätä").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.hazard_words import NOT_BREATHING_NORDIC


@dataclass(frozen=True)
class NordicCue:
    """One family of Finnish/Swedish words and what it decides (see the module docstring)."""
    name: str
    why: str  # what the words say, for the plan
    words: str
    hazard: str | None = None
    priority: str | None = None
    with_words: str | None = None
    unless: str | None = None
    decisive: bool = False
    exact: bool = False


# A person threatening to jump: outside a bridge's railing, climbing over it, saying they will jump.
JUMPER_NORDIC = (
    r"\b(?:uhkaa|uhkailee|aikoo|meinaa|haluaa|yrittää|sanoo aikovansa) hypätä\b|\bsanoo hyppäävänsä\b|"
    r"\bkaiteen (?:ulkopuolella|ulkopuolelle|ulkopuolella|päällä|päälle|yli|takana|väärällä puolella)\b|"
    r"\b(?:kiipesi|kiipeää|kiivennyt|kiipeämässä)\b[^.!?]{0,25}\b(?:kaiteen|kaiteelle|katon reunalle)\b|"
    r"\b(?:istuu|seisoo)\b[^.!?]{0,20}\b(?:kaiteella|katon reunalla|ikkunalaudalla|sillan reunalla)\b|"
    r"\b(?:hotar|tänker|vill|ska|försöker) (?:att )?hoppa\b(?! över\b)|\bsäger att (?:han|hon|hen) ska hoppa\b|"
    r"\b(?:utsidan|fel sida|andra sidan) (?:av|om) (?:bro)?räcket\b|\b(?:sitter|står|klänger) på (?:bro)?räcket\b|"
    r"\bklättra(?:t|de|r)? över (?:bro)?räcket\b|"
    r"\b(?:on )?the (?:wrong|outside|other) side of the (?:bridge )?(?:railing|parapet|barrier)\b")

# A boat capsized or people in the water, in the words the lists of agent.hazards lacked (Swedish capsizing, a
# count of people in the water, "veden varassa").
_BOAT_SV = r"(?:båt\w*|segelbåt\w*|roddbåt\w*|motorbåt\w*|kajak\w*|kanot\w*|jolle\w*|eka|ekan)"
_BOAT_FI = r"(?:vene\w*|soutuvene\w*|purjevene\w*|moottorivene\w*|kajak\w*|kanoot\w*|jolla\w*)"
IN_WATER_NORDIC = (
    r"\b" + _BOAT_SV + r"\b[^.!?]{0,20}\b(?:har |hade )?(?:kantrat|kantrade|kapsejsat|kapsejsade|vält|välte|vänt sig|"
    r"sjunker|sjönk|gått runt|slagit runt)\b|\bkantra(?:t|de)\b|\bkapsejsa\w*|"
    r"\b(?:folk|personer|människor|någon|en man|en kvinna|ett barn|barnet|flera|två|tre|fyra|paddlaren|seglaren)\b"
    r"[^.!?]{0,15}\bi (?:vattnet|sjön|havet|viken)\b|"
    r"\b" + _BOAT_FI + r"\b[^.!?]{0,15}\b(?:on )?(?:kaatu\w*|kumo(?:on|ssa|llaan)|kaatunut|uppo\w*)\b|"
    r"\b(?:ihmisiä|ihmistä|henkilöä|henkilöt|kaksi|kolme|neljä|useita|joku|mies|nainen|lapsi|melonta\w*|meloja)\b"
    r"[^.!?]{0,20}\bvedessä\b|\bveden varassa\b|\b(?:paddler|kayaker|rower|sailor)s? (?:is |are )?in the water\b")
_OUT_OF_THE_WATER = (r"\b(?:kaikki )?(?:pelastettu|pelastettiin|nostettu (?:ylös|pois|veneeseen)|rannalla turvassa)\b|"
                     r"\b(?:alla|båda|de) (?:är )?(?:räddade|uppdragna|i land|på land)\b|\bräddades\b|\bingen (?:ombord|i vattnet)\b|"
                     r"\bkukaan ei (?:ole )?(?:vedessä|kyydissä)\b|\bei ketään (?:vedessä|kyydissä)\b")

# A chemical smell (chlorine, ammonia, "outo haju", "konstig lukt"), and people breathing it with symptoms.
CHEMICAL_SMELL_NORDIC = (
    r"\bkemikaali\w*|\bkloori\w*|\bammoniak\w*|\b(?:outo|voimakas|pistävä|kirpeä|kitkerä|vieras)\w* (?:\w+ )?haju\w*|"
    r"\bhaju\w* (?:on )?(?:outo|pistävä|kirpeä)\b|\bhaisee (?:oudolle|kemikaaleille|kloorille)\b|"
    r"\bkemikalie\w*|\bklor(?:gas|lukt|doft)?\b|\b(?:stark|konstig|frän|stickande|skarp|märklig)\w* (?:\w+ )?(?:lukt|doft)\b|"
    r"\bluktar (?:konstigt|kemikalier|klor|starkt|fränt|märkligt)\b")
# (denied: "kukaan ei yski", "ingen hostar")
_NOT = r"(?<!\bei )(?<!\beikä )(?<!\beivät )(?<!\bingen )(?<!\binte )"
BREATHING_SYMPTOMS_NORDIC = _NOT + r"(?:" + (
    r"\bysk(?:i|ii|ivät|ivat|iä|imis)\w*|\bhengenahdi\w*|\bhengitysvaik\w*|\b(?:ei|eivät) saa (?:kunnolla )?henkeä\b|"
    r"\bsilm(?:iä|ät|iin) kirvel\w*|\bkurkku\w* kirvel\w*|\bpahoinvoi\w*|\bhuimaa\b|\boksent\w*|"
    r"\bhost(?:ar|ade|ar kraftigt|ning)\w*|\bsvårt att andas\b|\bandnöd\b|\bsvider i (?:ögonen|halsen)\b|"
    r"\bögonen svider\b|\bmår illa\b|\bkräks\b|\byr(?:a|sel)\b") + r")"

# Someone who cannot be woken, does not answer, has blue lips or is limp; or not breathing.
UNCONSCIOUS_NORDIC = (
    r"\btajuto\w*|\btajuttom\w*|\b(?:ei|eikä|eivät) (?:enää )?(?:herää|vastaa|reagoi|liiku)\b(?! puhelim| viesteihin)|"
    r"\bhuulet (?:ovat |on )?(?:sinise\w*|sinertävä\w*)|\bveltto\b|\blyyhistyi\w*|"
    r"\bmedvetslös\w*|\b(?:svarar|reagerar|vaknar|rör sig) inte\b(?! i telefon| på (?:sms|telefon|samtal))|"
    r"\bgår inte att väcka\b|\b(?:har )?fallit ihop\b|\bföll ihop\b|\bsegnade\b|\bblå(?:a)? läppar\b|"
    + NOT_BREATHING_NORDIC)

# People who cannot get out of a fire (the fire words are with_words: "jumissa hississä" is a stopped lift).
TRAPPED_NORDIC = (r"\b(?:ei|eikä|eivät|eivätkä) pääse (?:ulos|pois|alas)\b|\bloukussa\b|\bjumissa\b|"
                  r"\bkommer inte ut\b|\binstängd\w*|\bsitter fast\b|\bfast (?:i|inne)\b")
_FIRE_NORDIC = r"\btulipal\w*|\bsavu\w*|\bpalaa\b|\bliek\w*|\bbrand\w*|\bbrinner\b|\brök\w*|\blågor\b|\beld(?:en)?\b"

# A weapon, and someone wounded by it or threatened with it.
WEAPON_NORDIC = (r"\bpommi\w*|\bpuuk\w*|\bveits\w*|\bpuukot\w*|\bampu(?:i|u|ja|minen|ivat|nut)\w*|\bampuma-ase\w*|\bkirve(?:s|en|ellä|estä|stä|eksi)\b|"
                 r"\bkniv\w*|\bknivhugg\w*|\bskjut(?:er|it|ande)\b|\bskottlossning\w*|\bpistol\w*|\byxa\b")
WOUNDED_OR_THREATENED_NORDIC = (r"\bhaavoittu\w*|\bpuukotet\w*|\bammuttu\b|\bvuotaa verta\b|\bverta\b|\buhka(?:a|ilee)\b|"
                                r"\bhuitoo\b|\bheiluttaa\b|\bhyökkä\w*|"
                                r"\bknivhuggen\b|\bskjuten\b|\bskadad\w*|\bblöder\b|\bhotar\b|\bviftar\b|\bangriper\b|\bhugger\b")

# A child missing: the child and the missing said near each other, either way round.
_CHILD_NORDIC = (r"(?:lapsi|lapse\w*|poika|poja\w*|tyttö|tytö\w*|taapero\w*|\d{1,2}-?vuotia\w*|"
                 r"barn\w*|son|sonen|dotter|dottern|pojke\w*|flick\w*|\d{1,2}-?åring\w*|\d{1,2} år)")
_MISSING_NORDIC = (r"(?:kadon\w*|kadoksissa|kateissa|ei löydy|eksy\w*|försvun\w*|saknas|saknad\w*|"
                   r"hittar (?:\w+ )?inte|kommit bort|borttappad\w*)")
MISSING_CHILD_NORDIC = (r"\b" + _CHILD_NORDIC + r"\b[^.!?]{0,50}?\b" + _MISSING_NORDIC + r"\b|\b" + _MISSING_NORDIC
                        + r"\b[^.!?]{0,40}?\b" + _CHILD_NORDIC + r"\b")

# An automatic fire alarm the staff (a guard, the caretaker) checked and found nothing: one unit verifies.
VERIFIED_NO_FIRE_NORDIC = (
    r"\b(?:henkilökunta|henkilöstö|vartija|talonmies|isännöitsijä|kiinteistöhuolto|respa|vastaanotto)\w*\b[^.!?]{0,30}\b"
    r"(?:tarkist\w*|kävi katsomassa|kävi tarkistamassa|totesi)\b|\b(?:ei|eikä) (?:ole |näy |havaittu |löytynyt )?(?:savua|paloa|liekkejä)\b|"
    r"\b(?:ei|eikä) löytänyt (?:savua|paloa|mitään)\b|"
    r"\b(?:personal(?:en)?|vakt(?:en)?|väktare(?:n)?|fastighetsskötare(?:n)?|receptionen)\b[^.!?]{0,25}\b(?:har )?(?:kontroller\w*|kollat|kollade)\b|"
    r"\bingen (?:rök|brand|eld|lågor)\b")
FIRE_ALARM_NORDIC = (r"\bpaloilmoit\w*|\bpalohälyt\w*|\bpaloilmaisi\w*|\bhälyt\w*|\bbrandlarm\w*|\blarmet\b|\bbrandvarnare\w*|"
                     r"\blarm(?:et)? (?:gick|har gått|går|ljuder)\b")
# What a verified alarm does not cover: a fire seen after all, people hurt or caught.
_FIRE_AFTER_ALL = (r"\bmutta\b[^.!?]{0,40}\b(?:savua|palaa|liek\w*)|\bmen\b[^.!?]{0,40}\b(?:rök|brinner|lågor)\b|" + TRAPPED_NORDIC
                   + r"|\bloukkaantu\w*|\bskadad\w*")

NORDIC_CUES: tuple[NordicCue, ...] = (
    NordicCue("jumper", "a person threatening to jump", JUMPER_NORDIC, hazard="public_security", priority="P1", decisive=True),
    NordicCue("people_in_water", "people in the water (a boat capsized)", IN_WATER_NORDIC, hazard="medical", priority="P1",
              unless=_OUT_OF_THE_WATER, decisive=True),
    NordicCue("chemical_exposure", "people with symptoms beside a chemical smell", CHEMICAL_SMELL_NORDIC, hazard="hazmat",
              priority="P1", with_words=BREATHING_SYMPTOMS_NORDIC, decisive=True),
    NordicCue("unconscious", "someone unconscious or not breathing", UNCONSCIOUS_NORDIC, hazard="medical", priority="P1"),
    NordicCue("trapped_by_fire", "people who cannot get out of a fire", TRAPPED_NORDIC, priority="P1", with_words=_FIRE_NORDIC),
    NordicCue("armed", "a weapon with someone wounded or threatened", WEAPON_NORDIC, hazard="public_security", priority="P1",
              with_words=WOUNDED_OR_THREATENED_NORDIC),
    NordicCue("missing_child", "a child missing", MISSING_CHILD_NORDIC, hazard="missing_person", priority="P2", decisive=True),
    NordicCue("verified_no_fire", "an automatic fire alarm the staff checked (no smoke, no fire): one unit verifies",
              VERIFIED_NO_FIRE_NORDIC, priority="P3", with_words=FIRE_ALARM_NORDIC, unless=_FIRE_AFTER_ALL, exact=True),
)

# A hoax said of the call or its context: a prank call, a caller known for them, "bluff".
HOAX_SAID = (r"\bpila(?:soit\w*|puhel\w*|ilmoit\w*)|\bpilailija\w*|\bperätö\w* (?:ilmoitus|hälytys|soitto)|"
             r"\bbluff\w*|\bbusring\w*|\bskämtsamtal\w*|\bfalskt? (?:samtal|bombhot|larmsamtal)\b|\bprank(?: call)?s?\b|\bhoax\w*")

_COMPILED = tuple((cue, re.compile(cue.words, re.IGNORECASE),
                   re.compile(cue.with_words, re.IGNORECASE) if cue.with_words else None,
                   re.compile(cue.unless, re.IGNORECASE) if cue.unless else None) for cue in NORDIC_CUES)
_HOAX = re.compile(HOAX_SAID, re.IGNORECASE)


@dataclass(frozen=True)
class NordicHit:
    """A row of the table the report's words meet, with the words."""
    cue: NordicCue
    said: str
    sets_priority: bool  # its with_words are said too and its unless words are not


def nordic_cues(text: str) -> list[NordicHit]:
    """The rows of ``NORDIC_CUES`` whose words the report says, in the table's order."""
    hits = []
    for cue, words, with_words, unless in _COMPILED:
        found = words.search(text or "")
        if found is None:
            continue
        sets = cue.priority is not None and (with_words is None or bool(with_words.search(text))) \
            and (unless is None or not unless.search(text))
        hits.append(NordicHit(cue, found.group(0), sets))
    return hits


def hoax_said(text: str) -> str | None:
    """The words that call the report a possible hoax ("pilasoitto", "låter som en bluff"), or None."""
    found = _HOAX.search(text or "")
    return found.group(0) if found else None
