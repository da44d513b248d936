"""A bare word of assent or refusal typed as a chat message ("confirm", "ok", "确认", "取消").

At a [y/N] prompt such a word answers the proposal (``agent.commands``).  Typed as a chat message it answers nothing:
either nothing is pending, or the pending proposals are decided where they are shown (the prompt, the Proposals panel),
each by its id, never by a word that does not say which.  It is an operator's reply, not an order to the system: it
must never reach the injection screen (a colleague saying "confirm" logged as an attacker) or the place lookup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.order_words import NO_WORDS, POLITE_WORDS, YES_WORDS
from agent.schemas import Proposal

__all__ = ["bare_assent", "assent_reply"]

# A small, explicit vocabulary: a whole message of one of these words (with "please", "yes," or a full stop around it),
# nothing else. "maybe", "send it" or "yes, send two engines" are no bare assent.
_YES = (r"y|yes|yep|yeah|ok|okay|confirm(?:ed)?|approve[d]?|agreed?|go ahead|do it|affirmative|roger|"
        r"是|是的|好|好的|行|可以|确认|确定|同意|批准|没问题|" + "|".join(YES_WORDS))
# and in the city's other languages and German ("kyllä", "ja", "nej tack", "nein": agent.order_words)
_NO = r"n|no|nope|cancel|reject|decline|abort|negative|不|不要|否|取消|拒绝|算了|不同意|不批准|" + "|".join(NO_WORDS)
_POLITE = r"(?:please|pls|ok|yes|请|那就)?"
_THANKS = "|".join(POLITE_WORDS)
_BARE = re.compile(rf"^\s*{_POLITE}[\s,，]*(?:(?P<yes>{_YES})|(?P<no>{_NO}))(?:[\s,，]*(?:please|pls|thanks|吧|了|{_THANKS}))?[\s.!。！~]*$",
                   re.IGNORECASE)


def bare_assent(text: str) -> str | None:
    """"yes" or "no" for a message that is only a word of assent or refusal; None for anything else."""
    match = _BARE.match(text or "")
    if match is None:
        return None
    return "yes" if match.group("yes") else "no"


def _chinese(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))


def assent_reply(text: str, pending: Sequence[Proposal]) -> str:
    """The answer to a bare assent or refusal, in the operator's language: nothing is pending, or which proposals are and
    where each is decided (never decided here: a word names no proposal, and several may wait)."""
    zh = _chinese(text)
    if not pending:
        return ("目前没有等待确认的提议，未作任何更改。要派遣或更改单位状态，请直接说明（例如“派两辆消防车到 INC-…”）。" if zh else
                "Nothing is pending confirmation, so nothing was changed. To dispatch or change a unit's status, say so "
                "(e.g. \"send two engines to INC-…\"); each change is then proposed for your confirmation.")
    listed = "\n".join(f"- {p.summary} ({p.proposal_id})" for p in pending[:10])
    if zh:
        return (f"有 {len(pending)} 项提议等待确认，未作任何更改：\n{listed}\n请在确认提示（y/N）或“提议”面板中逐项确认或拒绝。")
    return (f"{len(pending)} proposal(s) await a decision; nothing was changed:\n{listed}\n"
            "Confirm or reject each at its [y/N] prompt or in the Proposals panel.")
