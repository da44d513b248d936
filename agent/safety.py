"""Input checks and prompt-injection handling.

Report text is data, never instructions.  Planning decisions (which tools run,
with which arguments) are made by deterministic code from the triage result and
the gazetteer, so instructions embedded in a report cannot change them; what this
module adds is detection (to warn the operator) and removal of the instruction
span before places are extracted from the text (so "send all units to X" does not
make X the incident location).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.errors import InputError
from core.text import MAX_TEXT_CHARS, check_text

_INJECTION_PATTERNS = [
    r"\b(ignore|disregard|forget|override)\b[^.!?\n]{0,40}\b(previous|prior|above|earlier|all|your|the)\b[^.!?\n]{0,30}\b(instructions?|prompts?|rules?|orders?|directives?)\b",
    r"\byou are now\b", r"\bnew instructions?\b", r"\bsystem prompt\b", r"\bact as\b",
    r"\bsend (all|every|each) (available )?(units?|resources|vehicles|ambulances|engines)\b",
    r"\bdispatch (all|every) (units?|resources)\b",
    r"忽略.{0,12}(指令|指示|命令|规则|提示)", r"无视.{0,12}(指令|指示|命令|规则)", r"(派出|派遣|调派)所有", r"你现在是",
]
_INJECTION = re.compile("|".join(f"(?:{p})" for p in _INJECTION_PATTERNS), re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？]?")


@dataclass(frozen=True)
class CheckedText:
    text: str
    injection_spans: tuple[str, ...] = ()

    @property
    def has_injection(self) -> bool:
        return bool(self.injection_spans)

    def without_injection(self) -> str:
        """The text with the sentences that carry embedded instructions removed."""
        cleaned = self.text
        for span in self.injection_spans:
            cleaned = cleaned.replace(span, " ")
        return re.sub(r"\s+", " ", cleaned).strip()


def screen_text(text: object, *, what: str = "message", max_chars: int = MAX_TEXT_CHARS) -> CheckedText:
    """Check operator input (``core.text.check_text``) and mark the sentences that carry embedded instructions."""
    text = check_text(text, what=what, max_chars=max_chars)
    spans = tuple(sentence.strip() for sentence in _SENTENCE.findall(text) if _INJECTION.search(sentence))
    return CheckedText(text=text, injection_spans=spans)


REFUSAL = (
    "I can only help with emergency command: triaging reports, response plans, evacuation, "
    "unit dispatch and what the emergency plans say. Please rephrase your request in that scope."
)
