"""The hazard families a stream report's words name: a fire, a person in the water, a crowd crush, a bomb.

The grouper compares them (``agent.monitor.grouping``): two families that never make one scene (a fire and a person in
the water, a person in the water and a crowd crush) keep two reports apart even at the same place, whatever the
fitted scorer says of their words and places; the same family at adjacent places is one scene (a crush reported at
the square and at the station doors beside it) even where the triage labels differ (medical vs public_security).
Read from the words, not the triage label: a label says which plan to run, the words say which scene it is (trial s19
H6: a kiosk fire and a man in the sea 30 m apart joined one cluster; M9: one crush became two clusters).

A social post that claims a bomb or a gunman (``alarming_claim``) is the stream's likeliest rumour: it is flagged for a
person to verify unless a report from another source already names that hazard (trial s19 M8)."""

from __future__ import annotations

import re

from agent.hazards import CROWD_WITH_CASUALTIES, WATER_RESCUE, words_name_hazard
from agent.normalise import normalised_chinese
from core.hazard_words import CROWD_CRUSH

FIRE, WATER, CROWD, BOMB = "fire", "water", "crowd", "bomb"
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
    return frozenset(found)


def alarming_claim(text: str) -> str | None:
    """The words of ``text`` that claim a bomb, a gunman or a terror attack, or None."""
    m = _BOMB.search(normalised_chinese(text))
    return m.group(0) if m else None
