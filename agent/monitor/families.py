"""The hazard families a stream report's words name: a fire, a person in the water, a crowd crush, a bomb; and the
district-wide ones, a supply cut (power, water, heating) or smoke over an area.

The grouper compares them (``agent.monitor.grouping``): two families that never make one scene (a fire and a person in
the water, a person in the water and a crowd crush) keep two reports apart even at the same place, whatever the
fitted scorer says of their words and places; the same family at adjacent places is one scene (a crush reported at
the square and at the station doors beside it) even where the triage labels differ (medical vs public_security).
Read from the words, not the triage label: a label says which plan to run, the words say which scene it is (trial s19
H6: a kiosk fire and a man in the sea 30 m apart joined one cluster; M9: one crush became two clusters).

A social post that claims a bomb or a gunman (``alarming_claim``) is the stream's likeliest rumour: it is flagged for a
person to verify unless a report from another source already names that hazard (trial s19 M8).

A district-wide hazard (``AREA_FAMILIES``) is reported from every street of the area it covers, hours apart: reports
naming the same one from places in one district are one incident, where a fire's reports from two buildings of the
district are two (session 22: a Kamppi power cut split into a cluster per street, dev4 K19 too).  Its words are read
here, in English, Finnish, Swedish and Chinese, not from the triage label: the classifier reads "no water from the
taps" as a flood and a Finnish power-cut post as a missing person."""

from __future__ import annotations

import re

from agent.hazards import CROWD_WITH_CASUALTIES, WATER_RESCUE, words_name_hazard
from agent.monitor.grouping import AREA_FAMILIES
from agent.normalise import normalised_chinese
from core.hazard_words import CROWD_CRUSH

FIRE, WATER, CROWD, BOMB = "fire", "water", "crowd", "bomb"
POWER_CUT, WATER_CUT, HEAT_CUT, SMOKE_AREA = "power_cut", "water_cut", "heat_cut", "smoke_area"
# Said of a supply over an area, not of one thing: "the power bank is dead", "no water in the kettle" are no cut.
_AREA_WORDS = {
    POWER_CUT: r"\bpower(?:'s| is| was| has)? (?:cut|outage|failure|out|off|down|gone|went)\b|\b(?:no|without|lost) "
               r"(?:power|electricity)\b(?! (?:steering|banks?|tools?|outlets?|sockets?|plugs?))|\bblackout|"
               r"\b(?:lights|signals|street ?lights)\b[^.!?,;]{0,50}\b(?:are|is|went|were|gone)(?: all)? "
               r"(?:dark|out|off|dead)\b|\b(?:signals|lights) dark\b|\b(?:de|re)-?energi[sz]ed\b|\b(?:power|electricity) (?:is |was )?"
               r"(?:back|restored|returning)\b|\bsähk\w* (?:poikki|pois|katki|meni|palasi\w*)|\bsähkökatko\w*|"
               r"\b(?:ilman|ei) sähköä|\bvirtakatko\w*|\bvalot (?:sammuivat|palasivat)\b|\bströmavbrott\w*|"
               r"\b(?:ingen|utan) ström\b|\bströmmen (?:gick|är borta|är tillbaka)|停电|断电|没电|没有电|来电了|恢复供电",
    WATER_CUT: r"\bwater (?:cut|outage|supply (?:cut|off|failure))|\b(?:no|without) (?:tap |running |drinking )?water\b|"
               r"\bnot a drop\b|\bnothing (?:comes )?(?:out )?(?:from|of) the taps?\b|\b(?:tap )?water (?:is |was )?"
               r"(?:back|restored)\b|\bvesikatko\w*|\bei (?:tule )?vettä|\bilman vettä|\bvesi (?:loppui|poikki|katki)|"
               r"\bhana\w* ei tule|\bvattenavbrott\w*|\binget vatten\b|停水|断水|没有水|没水|恢复供水",
    HEAT_CUT: r"\b(?:no|without|lost) (?:heat|heating|hot water)\b|\bheating (?:is |was )?(?:off|out|down|failure|outage|"
              r"cut|leak|has failed|back|restored|returning)|\bdistrict heating (?:leak|fault|pipe)|\bradiators? "
              r"(?:are |is )?(?:stone |ice )?cold|\blämp\w* (?:poikki|katko)|\blämmöt\b|\blämpökatko\w*|"
              r"\bpatter\w* (?:ihan |aivan |täysin )?kylm\w*|\b(?:ei|ilman) lämpöä|\bvärmen (?:är )?borta\b|"
              r"停暖|没有暖气|暖气(?:停|坏|不热)|没有热水|恢复供暖",
    SMOKE_AREA: r"\bsmoke (?:over|across|covering|blanketing|drifting (?:over|across)) (?:the |our |a )?(?:whole )?"
                r"(?:district|area|neighbou?rhood|city|centre|center|part of town|streets)|\bsavu\w* (?:koko|leviää)|"
                r"\brök över\b|烟雾笼罩|满城都是烟",
}
_AREA = {family: re.compile(words, re.IGNORECASE) for family, words in _AREA_WORDS.items()}
assert set(_AREA) == AREA_FAMILIES, "every district-wide family the grouper knows has its words here"
_WATER = re.compile(WATER_RESCUE, re.IGNORECASE)
_CROWD = re.compile(CROWD_CRUSH, re.IGNORECASE)
# A bomb, an explosive device, a gunman or a terror attack claimed in words (English, Finnish, Swedish, Chinese).
_BOMB = re.compile(r"\bbombs?\b|\bexplosive device|\bIED\b|\bactive shooter|\bgunman\b|\bshooter\b|\bterror(?:ist)? attack|"
                   r"\bpommi\w*|\bräjähde\w*|\bampuja\w*|\bterrori-?isku\w*|\bbomb(?:en|er|hot)\b|\bsprängladdning\w*|"
                   r"\bskottlossning\w*|\bterrorattack\w*|炸弹|爆炸装置|爆炸物|枪手|枪击|恐怖袭击", re.IGNORECASE)


def hazard_families(text: str) -> frozenset[str]:
    """The families whose words ``text`` gives (empty when it names none of them)."""
    text = normalised_chinese(text)
    found = set()
    if words_name_hazard("fire", text):
        found.add(FIRE)
    if _WATER.search(text):
        found.add(WATER)
    if _CROWD.search(text) or CROWD_WITH_CASUALTIES.search(text):
        found.add(CROWD)
    if _BOMB.search(text):
        found.add(BOMB)
    found.update(family for family, pattern in _AREA.items() if pattern.search(text))
    return frozenset(found)


def alarming_claim(text: str) -> str | None:
    """The words of ``text`` that claim a bomb, a gunman or a terror attack, or None."""
    m = _BOMB.search(normalised_chinese(text))
    return m.group(0) if m else None
