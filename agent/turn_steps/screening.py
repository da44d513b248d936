"""The turn's first steps: messages answered before any incident is read, and the safety screen.

Owns: an address given alone (one the map lacks is said so; one it has is kept on the turn), unreadable text, unknown
words, corrections of the operator's own log entry, requests to move reports, a bare "confirm" typed as a message,
record notes ("do not log it as a new incident"), and the safety screen (a refusal, or the screened text and the
turn's one triage for every step after).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from agent.assent import assent_reply, bare_assent
from agent.incident_scope import ReportPlace
from agent.intents import cue_intents
from agent.place_correction import address_answer, address_not_found, street_like
from agent.report_move import move_reports_reply, moves_reports
from agent.safety.record_line import RECORD_NOTE_REPLIES, record_note
from agent.safety import LOG_CORRECTION_REPLY, CheckedText, corrects_own_log_entry, looks_harmful
from agent.schemas import ChatEvent
from agent.unreadable import unknown_words_reply, unreadable, unreadable_reply
from core.text import detect_language
from agent.turn_steps.turn import Session, Turn


def address_only(session: Session, checked: CheckedText, incident_id: str | None) -> tuple[str, ReportPlace | None, bool] | None:
    """(the address, where the map has it or None, whether ``incident_id`` waits for its address) for a message that
    only gives an address (``agent.place_correction.address_answer``) and asks nothing a cue reads ("send 2" is no
    address); None otherwise, and for a word with a number that the map lacks and that does not read as a street:
    by a street's ending ("Xyzzykatu 12"), or, while the incident waits for its address, by a capital."""
    a = session.assistant
    address = address_answer(checked.text) if not checked.has_injection else None
    if address is None or cue_intents(checked.text, a._city):
        return None
    awaited = incident_id is not None and awaits_address(session, incident_id)
    found = a._filer.report_place(address)
    found = found if found is not None and found.lat is not None else None
    if found is None and a._city.gazetteer.find_in_text(address):
        # a street of the map whose house number it only interpolates ("Fredrikinkatu 20"): on the map, not pinned;
        # the plan made with it says how sure the place is
        return address, ReportPlace(name=address), awaited
    if found is None and not street_like(address, capitalised=awaited):
        return None
    return address, found, awaited


def awaits_address(session: Session, incident_id: str) -> bool:
    """Does the incident wait for its address: it has reports but no confirmed place (its plan said "LOCATION
    UNCONFIRMED ... confirm the address", or could not place it at all)?  Then an address given is its answer."""
    a = session.assistant
    if not a._store.report_texts(incident_id):
        return False
    place = a._filer.incident_place(incident_id)
    return place is None or (place.lat is None and not place.outside_map)


def address_given(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """A message that only gives an address: an address the map lacks is said so (before the unreadable check:
    "Xyzzykatu 12" is an answer, no noise), and nothing of the incident changes; one it has is kept on the turn
    (``turn.address``) for the requests and the tool turn after."""
    a, checked = session.assistant, turn.checked
    said = address_only(session, checked, turn.incident_id)
    if said is None:
        return None
    address, found, awaited = said
    if found is None:  # said so, and nothing of the incident changes (its place stays as it was)
        kept = a._filer.incident_place(turn.incident_id) if turn.incident_id is not None else None
        return session._reply(turn, address_not_found(address, turn.incident_id, kept.name if kept else None,
                                                      detect_language(checked.text) == "zh"))
    turn.address = (address, awaited)
    return None


def unreadable_text(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """Random keys, punctuation, an emoji: said so, specifically; no tool, nothing filed."""
    why = unreadable(turn.checked.text, session.assistant._names_place_or_unit)
    return session._reply(turn, unreadable_reply(why)) if why is not None else None


def unknown_words(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """"pozar", "Anankatu 12": readable, but nothing to act on yet; asked for, not the help text."""
    a = session.assistant
    asked = unknown_words_reply(turn.checked.text, a._names_place_or_unit, a._city.locate)
    return session._reply(turn, asked) if asked is not None else None


def log_correction(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """No tool edits the log: say how to correct it."""
    checked = turn.checked
    if not checked.has_injection and corrects_own_log_entry(checked.text):
        return session._reply(turn, LOG_CORRECTION_REPLY)
    return None


def report_move(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """No tool moves a report: say what works."""
    checked = turn.checked
    if not checked.has_injection and moves_reports(checked.text):
        return session._reply(turn, move_reports_reply(checked.text))
    return None


def assent(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """"confirm", "确认" typed as a message: answers no proposal, attacks nothing."""
    checked = turn.checked
    if not checked.has_injection and bare_assent(checked.text):
        return session._reply(turn, assent_reply(checked.text, session._still_pending(turn)))
    return None


def record_only(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """A keep-out that is the job ("don't log it as a new incident, same fire", "do not record the caller's number")
    and no request beside it: agreed and said what is kept, no tool, no security event (agent.safety.record_line)."""
    checked = turn.checked
    kind = None if checked.has_injection or looks_harmful(checked.text) else record_note(checked.text)
    if kind and session.assistant._only_a_note(checked.text, kind):
        return session._reply(turn, RECORD_NOTE_REPLIES[kind])
    return None


def safety_screen(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """The safety screen: a refusal is the answer (no tool runs; the log gets a security event); else the screened
    text replaces ``turn.checked`` for every step after.  One triage per text in this turn (``turn.triage``): the
    safety check, the router and the response plan all ask the model about the same (residual) message; the first
    answer is passed on, not computed again."""
    a = session.assistant
    turn.triage = lru_cache(maxsize=8)(a._triage_only)
    turn.checked, refusal = a._screen(turn.checked, turn.triage)
    if refusal is None:
        return None
    text, record = refusal
    a._store.log_event(turn.incident_id, "security", record, session.operator)
    return session._reply(turn, text, security=record)
