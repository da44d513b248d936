"""A follow-up that corrects what the incident is: "no fire, it's a gas leak", "turns out the fall was a stabbing",
"不是火灾，是煤气泄漏".

A follow-up adds to its incident and keeps its type (``agent.follow_up``): people fainting at a chemical leak are still
the chemical leak.  A correction is different: the caller takes the first hazard back and names another one, and the
plan must follow the new one (a gas leak planned as a fire keeps the fire's units, checklist and protective action).
A correction says so in one of two ways:

- it negates the incident's hazard ("no fire", "it's not a fire", "wasn't smoke", "不是火灾", "没有着火") and names
  another one, while what is left of it no longer names the first ("no fire, just gas smell");
- it restates what the incident is ("turns out it's a stabbing", "it's actually a gas leak", "原来是煤气泄漏") with
  another hazard after those words, and adds nothing ("also", "too", "还有": a second hazard, not a correction).

Another hazard named in passing ("smoke from the kitchen, a gas stove") is no correction.  The new type changes the
incident's record only when the operator confirms it (``agent.incident_changes``: ``retype_incident``); the plan of the
correction itself is made for the new type at once, and says so.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from agent.hazards import HAZARD_WORDS, hazard_from_words, words_name_hazard
from agent.normalise import normalised_chinese
from agent.report_filing import NEGATED_EN as _EN_NEGATED, NEGATED_ZH as _ZH_NEGATED, called_off
from core.vocabulary import priority_rank

__all__ = ["CORRECTION_SOURCE", "corrected_type", "retyped_triage", "without_hazard", "without_retracted"]

CORRECTION_SOURCE = "the caller's correction"  # how a corrected type's ``type_source`` begins

# A drill or a test alarm is not the hazard taken back ("this is not a fire drill": the fire is real).
_DRILL = re.compile(r"\b(?:drill|exercise|test)\b|演习|演练|测试", re.IGNORECASE)
# What the incident turns out to be.
_RESTATED = re.compile(
    r"\bturn(?:s|ed)?\s+out\b|\b(?:it'?s|it\s+is|it\s+was|this\s+is|that'?s|is|was)\s+(?:actually|really|in\s+fact)\b"
    r"|\bactually\b|\bin\s+fact\b|\binstead\b|\brather\b|原来是|其实是|实际上是|结果是|确认是|而是", re.IGNORECASE)
# A second hazard beside the first, not in its place.
_ADDED = re.compile(r"\b(?:also|too|as\s+well|additionally|in\s+addition|on\s+top)\b|还有|也有|也是|同时|另外", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.!?;,。！？；，\n]")
_CLAUSE_WINDOW = 160  # characters after "actually" / "原来是" in which the new hazard is named
_CUES_READ = 4  # a correction says what the incident is in its first few restatements, not after a page of them


def _negated_spans(text: str, hazard: str) -> list[tuple[int, int]]:
    """Where the text negates ``hazard`` by name."""
    spans = []
    for pattern in (_EN_NEGATED, _ZH_NEGATED):
        for match in pattern.finditer(text):
            said = match.group("object")
            if words_name_hazard(hazard, said) and not _DRILL.search(text[match.start():match.end() + 12]):
                spans.append(match.span())
    return spans


def corrected_type(text: str, incident_type: str | None) -> str | None:
    """The incident type a follow-up corrects an incident of ``incident_type`` to, or None (no correction: a follow-up
    that adds to the incident, or one that names no other hazard)."""
    if not incident_type or incident_type == "not_incident" or not text:
        return None
    text = normalised_chinese(text)
    taken_back = called_off(text)
    if taken_back is not None and taken_back[0] & {"false_alarm", "drill"}:
        # "False alarm on the fire, but the caretaker fell off the ladder": the incident's hazard never was, the
        # casualty is (s20: the fire was proposed for P1 on it); a hazard put out ("the fire is out, but ...") was real
        named = hazard_from_words(taken_back[1])
        if named and named != incident_type and not words_name_hazard(incident_type, taken_back[1]):
            return named
    spans = _negated_spans(text, incident_type)
    if spans:
        kept, start = [], 0
        for a, b in spans:
            kept.append(text[start:a])
            start = b
        rest = " ".join([*kept, text[start:]])
        if words_name_hazard(incident_type, rest):  # "no flames, but heavy smoke": the hazard is still there
            return None
        named = hazard_from_words(rest)
        return named if named and named != incident_type else None
    if _ADDED.search(text):
        return None
    for cue in itertools.islice(_RESTATED.finditer(text), _CUES_READ):
        # the clause after the cue, read within a bounded window: a pasted page of cues stays linear
        clause = _CLAUSE_END.split(text[cue.end():cue.end() + _CLAUSE_WINDOW], maxsplit=1)[0]
        named = hazard_from_words(clause)
        if named and named != incident_type and not words_name_hazard(incident_type, clause):
            return named
    return None


def retyped_triage(outcome: Any, incident_type: str, incident_priority: str | None, was: str) -> Any:
    """The correction's triage as its plan's: the corrected type (the caller's word, over the model's reading of a
    message that still names the old hazard) and the higher of the incident's and the correction's priorities."""
    probs = dict(outcome.type_probs)
    others = [t for t in (outcome.incident_type, *outcome.secondary_types) if t not in (incident_type, was, "not_incident")]
    update: dict[str, Any] = {"incident_type": incident_type, "type_confidence": float(probs.get(incident_type, 0.0)),
                              "secondary_types": list(dict.fromkeys(others))}
    if hasattr(outcome, "type_source"):
        update["type_source"] = f"{CORRECTION_SOURCE} (was {was})"
    if incident_priority and priority_rank(incident_priority) < priority_rank(outcome.priority):
        update.update(priority=incident_priority, priority_confidence=float(dict(outcome.priority_probs).get(incident_priority, 0.0)))
        if hasattr(outcome, "priority_source"):
            update["priority_source"] = f"the incident's priority (this correction read as {outcome.priority})"
    return outcome.model_copy(update=update)


def without_hazard(text: str, hazard: str) -> str:
    """An earlier report without the words of a hazard the caller has taken back ("Smoke and flames from the 3rd floor
    at Bulevardi 14, two people inside" → "and from the 3rd floor at Bulevardi 14, two people inside"): the plan keeps
    the report's place, floors and people, not the retracted hazard's determinants."""
    text = normalised_chinese(text)
    for named, pattern in _HAZARD_PATTERNS:
        if named == hazard:
            text = pattern.sub(" ", text)
    return " ".join(text.split()) if re.search(r"\w", text) else ""


_HAZARD_PATTERNS = [(hazard, re.compile(pattern, re.IGNORECASE)) for hazard, pattern in HAZARD_WORDS]


def without_retracted(reports: list[tuple[str, str]], retypes: list[tuple[str, str]]) -> list[str]:
    """The texts of an incident's reports ((text, when filed), the newest first) as a later plan reads them: each
    without the words of every hazard a confirmed correction (``retypes``: (when, the type taken back)) took back after
    it was filed.  A report filed after the correction is read as it is."""
    texts = []
    for text, filed in reports:
        for when, was in retypes:
            if filed <= when and was:
                text = without_hazard(text, was)
        if text:
            texts.append(text)
    return texts
