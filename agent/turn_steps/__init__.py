"""The steps of one chat turn (``agent.chat_session.ChatSession``), in their order of precedence.

Each step is a ``Step``: ``(session, turn) -> its reply, or None`` ("not mine": the next step reads the message).  The
first step that answers ends the turn; the tool agent's turn (``tool_turn``) answers whatever is left.  The order is
the precedence the steps were written for, and some steps leave state on the ``Turn`` for the ones after them:

1. ``address_given``: an address alone; one the map lacks is said so, one it has is ``turn.address`` (read by the
   incident requests, a report's filing, and the tool turn's reply) - before the unreadable check, so "Xyzzykatu 12"
   is an answer, no noise;
2. ``unreadable_text``, 3. ``unknown_words``, 4. ``log_correction``, 5. ``report_move``, 6. ``assent``;
7. ``place_correction``: the session's incident's place corrected; ``turn.new_place`` (no request is read beside it),
   and, with news beside it, ``turn.correction`` / ``turn.relocation`` leading the reply of the rest;
8. ``incident_change``: a relocation or priority change of any open incident (``turn.request``); with a report
   beside it, ``turn.correction`` / ``turn.relocation`` / ``turn.also``;
9. ``record_only``: a record note and nothing else;
10. ``safety_screen``: a refusal; else ``turn.checked`` is the screened text and ``turn.triage`` the turn's one triage
    (an lru_cache shared by the screen, the router and the response plan);
11. ``plan_order_step``, 12. ``plan_reference_step``, 12a. ``plan_approval_step`` ("who approved the plan?": from the
    plan record), 13. ``unit_move_step``, 14. ``merge_step``,
15. ``described_close_step``, 16. ``rumour_question_step`` (whether a rumour is true: answered from the log),
17. ``data_gap_step``, 18. ``non_emergency_step`` (none of them for untrusted text);
19. ``tool_turn``: everything else.
"""

from __future__ import annotations

from agent.turn_steps.corrections import incident_change, place_correction
from agent.turn_steps.non_incidents import data_gap_step, non_emergency_step, rumour_question_step
from agent.turn_steps.plans import plan_approval_step, plan_order_step, plan_reference_step
from agent.turn_steps.screening import (address_given, assent, log_correction, record_only, report_move, safety_screen,
                                        unknown_words, unreadable_text)
from agent.turn_steps.tool_turn import tool_turn
from agent.turn_steps.turn import Session, Step, Turn, current_incident
from agent.turn_steps.units import described_close_step, merge_step, unit_move_step

__all__ = ["STEPS", "Session", "Step", "Turn", "current_incident"]

STEPS: tuple[Step, ...] = (
    address_given, unreadable_text, unknown_words, log_correction, report_move, assent,
    place_correction, incident_change, record_only, safety_screen,
    plan_order_step, plan_reference_step, plan_approval_step, unit_move_step, merge_step, described_close_step,
    rumour_question_step, data_gap_step, non_emergency_step,
    tool_turn,
)
