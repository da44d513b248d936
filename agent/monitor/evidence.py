"""Hazard evidence: the words of a report that name the hazard its triage type says.

A post the classifier typed ``flood`` that says "flooding" carries its own evidence; one typed ``flood`` that says
nothing of water is the classifier's guess.  The social profile lets a new cluster alert on its first report when that
report carries such evidence (``GroupingConfig.evidence_alert``): on a social stream the first post naming a hazard is
often the only one for a while (a sample of a few posts an hour), and waiting for three within 15 minutes misses it.

The hazard words are the triage cues (``finetune.cues``: written from the taxonomy and dispatch vocabulary), by type;
a report that shows a non-incident cue (a drill, a resolved event, a joke, thanks, a question, a figure of speech, an
advert) carries no evidence.  Types without a hazard cue (severe weather, outages, public health, missing persons,
medical) never do.
"""

from __future__ import annotations

import re

from core.text import URL_PATTERN
from finetune.cues import cue_match

__all__ = ["HAZARD_CUES", "hazard_evidence"]

HAZARD_CUES: dict[str, tuple[str, ...]] = {
    "fire": ("fire_word",),
    "flood": ("water_word",),
    "earthquake_collapse": ("collapse_word",),
    "hazmat": ("gas_word",),
    "traffic_accident": ("vehicle_word",),
    "public_security": ("armed", "attack"),
}
_NOT_AN_INCIDENT = ("test_drill", "resolved", "hoax", "thanks", "question", "figurative", "advert")
# a link or an account handle names no hazard ('t.co' is not carbon monoxide, '@CrashNews' no crash)
_LINKS_AND_HANDLES = re.compile(rf"{URL_PATTERN}|@\w+")


def hazard_evidence(text: str, incident_type: str) -> str | None:
    """The words of ``text`` naming the hazard of ``incident_type`` (e.g. 'flooding' for a flood), or None when it
    names none, the type has no hazard words, or the text reads as no incident."""
    cues = HAZARD_CUES.get(incident_type)
    if not cues:
        return None
    text = _LINKS_AND_HANDLES.sub(" ", text)
    found = next((m for m in (cue_match(c, text) for c in cues) if m), None)
    if found is None or any(cue_match(c, text) for c in _NOT_AN_INCIDENT):
        return None
    return found.strip()
