"""Words quoted from someone else, and the operator's question about them.

"The caller wrote 'evacuate the whole district', is that warranted?": the quoted order is the subject of the
operator's question, not an order to the system. The router (``agent.intents``) answers such a question from the
plans; the injection screen (``agent.safety``) does not read a quoted order as injected when the operator asks
whether it should be carried out.
"""

from __future__ import annotations

import re

from agent.clauses import split_clauses
from agent.cue_rules import ORDER_INTENTS, clause_intent

# Text quoted from someone else: 'evacuate the whole block', "send every engine", “把整栋楼都疏散了”. An opening quote
# follows a space, a colon, a dash or a Chinese word (群众说“...”); an apostrophe inside a word ("the caller's") opens
# nothing. Said words are a phrase: a quoted single token or a JSON string ("engine", "unit_types": [...]) quotes no one.
QUOTED = re.compile(r"(?:(?<=^)|(?<=[\s:：,，(—–\-\u4e00-\u9fff]))(?:'[^'\n]{3,300}'(?![A-Za-z])|\"[^\"\n]{3,300}\"|‘[^’\n]{3,300}’"
                    r"|“[^”\n]{2,300}”|「[^」\n]{2,300}」|『[^』\n]{2,300}』)")
# Narrower: the operator weighs whether the quoted order is right ("is that warranted?", "should we?", "有必要吗"), which
# no injected text asks of the system it addresses ("... do it?", "can you do that?" are not among these).
WEIGHS_IT = re.compile(r"\b(?:should|shall|must|would) (?:we|I)\b|\bdo (?:we|I) (?:have to|need to|really)\b|"
                       r"\b(?:is|was|would|will)(?: be)? (?:that|this|it|such an? \w+)(?: really)?(?: be)? (?:needed|necessary|warranted|justified|proportionate|"
                       r"appropriate|reasonable|right|wise|sensible|overkill|a good idea|required)\b|\b(?:is|are) we (?:supposed|required|obliged)\b|"
                       r"要不要|需不需要|该不该|有(?:没有)?必要|是否(?:需要|应该|有必要|合理)|(?:合理|应该|需要|必要)吗", re.IGNORECASE)
# The operator asks about what was said, rather than ordering it: "should we?", "is that needed?", "要不要", "需要这样做吗";
# whatever weighs it asks about it, with or without a question mark ("Would that be appropriate.", "有没有必要").  Its own
# words are only those WEIGHS_IT lacks (a question mark, "do we", "is that ok", "are we allowed"); the rest is WEIGHS_IT's.
ASKS_ABOUT = re.compile(r"[?？]|吗|是否|\b(?:do|could) (?:we|I)\b|\bis (?:that|this|it) (?:ok|okay|allowed)\b|\b(?:is|are) we allowed\b|"
                        + WEIGHS_IT.pattern, re.IGNORECASE)


def significant_quotes(text: str) -> list[re.Match]:
    """The quotes of ``text`` that quote a phrase (two words or more, or three Han characters)."""
    return [m for m in QUOTED.finditer(text) if re.search(r"\w\s+\w|[\u4e00-\u9fff]{3}", m.group(0))]



def quoted_order_asked_about(text: str, unit_ids: list[str]) -> str | None:
    """"the caller said 'evacuate the whole block', should we?": an order quoted inside a question is the subject of the
    question, not the operator's order. Returns the text outside the quotes when every order in the message is quoted
    and the rest asks about it; None otherwise (the operator's own order, or no question). The router answers such a
    question from the plans and the injection screen lets only such a quote through, so the two never disagree."""
    quotes = significant_quotes(text)
    if not any(clause_intent(c, unit_ids) in ORDER_INTENTS for m in quotes for c in split_clauses(m.group(0)[1:-1])):
        return None
    rest = text
    for quote in quotes:
        rest = rest.replace(quote.group(0), " … ")
    if any(clause_intent(c, unit_ids) in ORDER_INTENTS for c in split_clauses(rest)) or not ASKS_ABOUT.search(rest):
        return None
    return rest
