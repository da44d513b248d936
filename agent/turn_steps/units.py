"""Orders about units and incidents themselves, answered without the tool agent.

Owns: unit moves ("pull ERO-R1 from the underpass and send it to INC-…"), merges ("merge INC-B into INC-A") and closes
of an incident named by its place or kind ("close the Snellmaninkatu tree incident").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from agent.clauses import split_clauses
from agent.close_request import close_request, described_for_close
from agent.follow_up import is_question
from agent.incident_scope import same_place
from agent.incident_request import described_incident, says_more
from agent.merge_request import merge_reply, merge_request
from agent.slots import canonical_unit_ids
from agent.schemas import ChatEvent, Proposal
from agent.unit_move import incident_ids, unit_move
from core.errors import InputError
from core.text import detect_language, has_han
from agent.turn_steps.turn import Session, Turn, current_incident
from agent.turn_steps.evacuation import incident_point


def units_moved(session: Session, turn: Turn, text: str) -> tuple[str, list[Proposal]] | None:
    """(what the chat says, the proposals) for an order that moves named units to an incident (``agent.unit_move``):
    a unit committed to another open incident is proposed moved from it (``reassign_units``: one proposal that
    releases it there and dispatches it here, saying what that incident keeps); a free unit sent to the session's
    incident said as "it" / "there" is proposed committed to it.  None: not such an order, or no incident it goes
    to is found (the router reads it, as before: "move ERO-R1 back to the station" is a status change)."""
    a = session.assistant
    move = unit_move(text)
    units = ordered_units(text, list(a._city.unit_status()))
    if move is None or not units:
        return None
    open_ids = {i.incident_id for i in a._store.list_incidents(status="open")}
    status, commitments = a._city.unit_status(), a._store.unit_commitments()
    sources = {u: commitments[u] for u in units if status.get(u) == "dispatched" and commitments.get(u) in open_ids}
    if not move.moves and not move.here and not sources:
        return None  # a free unit sent to an incident by its words: the dispatch planner's (agent.dispatch_target)
    target, ask = move_target(session, turn, text, move, open_ids, set(sources.values()))
    zh = has_han(text)
    if target is None:
        return (ask, []) if ask and (move.moves or sources) else None
    said, proposals = [], []
    by_source: dict[str, list[str]] = {}
    for unit, source in sources.items():
        if source != target:
            by_source.setdefault(source, []).append(unit)
    free = [u for u in units if u not in sources and status.get(u) == "available"]
    there = [u for u in units if sources.get(u) == target]
    for source, moved in by_source.items():
        try:
            proposals.append(session._propose_here(turn, "reassign_units", {"unit_ids": moved, "from_incident_id": source,
                                                                         "incident_id": target}, target))
        except InputError as exc:
            said.append(f"{'、'.join(moved)} 没有提议调动：{exc}" if zh else f"{', '.join(moved)} not proposed moved: {exc}")
    if free:
        try:
            proposals.append(session._propose_here(turn, "commit_dispatch", {"unit_ids": free, "incident_id": target}, target))
        except InputError as exc:
            said.append(f"{'、'.join(free)} 没有提议派出：{exc}" if zh else f"{', '.join(free)} not proposed: {exc}")
    if there:
        said.append(f"{'、'.join(there)} 已派往 {target}。" if zh else f"{', '.join(there)} already committed to {target}.")
    other = [u for u in units if u not in sources and u not in free]
    if other:
        said.append(("、".join(f"{u}（{status.get(u, '?')}）" for u in other) + " 不可用，未提议。") if zh else
                    (", ".join(f"{u} ({status.get(u, '?').replace('_', ' ')})" for u in other) + ": not available, not proposed."))
    if proposals:
        said.insert(0, f"已提议，确认之前不会有任何变化（{target}：{a._filer.describe(target)}）。" if zh else
                    f"Proposed for {target} ({a._filer.describe(target)}); nothing moves until you confirm.")
    if says_more(text):  # the news beside the order is not filed as a report of either incident
        said.append("（消息中的其余内容没有作为报告登记；如有新情况，请单独发送。）" if zh else
                    "(The rest of the message was not filed as a report; send news of the incident on its own.)")
    return " ".join(said), proposals


def ordered_units(text: str, unit_ids: list[str]) -> list[str]:
    """The units ``text`` names in an order: a unit named only in a question that gives no order ("send a police car
    over there; also where is KAM-P1 now?", "另外 KAM-P1 现在在哪？") is asked about, never moved (trial s20 X1: it was
    proposed dispatched).  "Can you send KAM-P1 there?" still orders it: its clause has the order's word."""
    asked: set[str] = set()
    ordered: set[str] = set()
    for clause in split_clauses(text):
        named = canonical_unit_ids(clause, unit_ids)
        (asked if is_question(clause) and unit_move(clause) is None else ordered).update(named)
    return [u for u in canonical_unit_ids(text, unit_ids) if u in ordered or u not in asked]


def move_target(session: Session, turn: Turn, text: str, move: Any, open_ids: set[str], sources: set[str]) -> tuple[str | None, str]:
    """(the open incident units are moved or sent to, "") or (None, what to ask): the one id written that is no
    unit's own incident, else "it" / "there" (the session's), else the incident the words after "to" name by place
    (``same_place``) or describe by kind (``described_incident``); never an incident a unit leaves."""
    a = session.assistant
    zh = has_han(text)
    named = [i for i in incident_ids(text) if i not in sources]
    if named:
        shut = [i for i in named if i not in open_ids]
        named = [i for i in named if i in open_ids]
        if len(named) == 1:
            return named[0], ""
        if shut and not named:
            return None, (f"{shut[0]} 不是未结事件，没有任何变化。" if zh else f"{shut[0]} is not an open incident; nothing was changed.")
        return None, ("一条消息只能把单位调往一个事件：请写明事件编号。" if zh else
                      f"Several incidents named ({', '.join(named)}): name the one the units go to.")
    current = current_incident(turn)
    words = move.target_words
    if move.here and (not words or re.fullmatch(r"(?:it|there|over there|dit|sinne)\W*", words, re.IGNORECASE) or zh):
        if current in open_ids and current not in sources:
            return current, ""
    if not words:
        return None, ""
    candidates = [i for i in open_ids if i not in sources]
    place = a._filer.report_place(words)
    if place is not None and place.lat is not None:
        here = [i for i in candidates if (p := incident_point(session, i)) is not None and p.lat is not None and same_place(place, p)]
        if len(here) == 1:
            return here[0], ""
        if current in here:
            return current, ""
        if here:
            listed = "; ".join(f"{i} ({a._filer.describe(i)})" for i in sorted(here)[:5])
            return None, (f"多个未结事件在该地点（{listed}）：请写明事件编号。" if zh else
                          f"Several open incidents are there ({listed}): name the one by its id (INC-…).")
    incidents = [i for i in a._store.list_incidents(status="open") if i.incident_id in candidates]
    found, ask = described_incident(words, incidents, current,
                                    lambda i: getattr(a._filer.incident_place(i), "name", "") or "")
    return found, ask


def described_close_reply(session: Session, turn: Turn, described: str, text: str) -> Iterator[ChatEvent]:
    """A close order naming its incident by place or kind (trial 18 M12): the one open incident it fits proposed for
    closing; several fitting are asked about, none fitting is said; nothing is filed as a report."""
    a = session.assistant
    zh = detect_language(text) == "zh"
    found, said = described_for_close(described, a._store.list_incidents(status="open"), current_incident(turn),
                                      lambda i: getattr(a._filer.incident_place(i), "name", "") or "")
    if found is None:
        yield from session._reply(turn, (f"没有关闭任何事件：{said}" if zh else said))
        return
    what = a._filer.describe(found)
    said = (f"关闭 {found}（{what}）：已提议；确认之前不会有任何变化。" if zh else
            f"Close {found} ({what}): proposed; nothing changes until you confirm.")
    try:
        proposal = session._propose_here(turn, "close_incident", {"incident_id": found}, found)
    except InputError as exc:
        yield from session._reply(turn, f"{said} {exc}")
        return
    yield from session._proposed_reply(turn, said, proposal, zh)


def unit_move_step(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """"pull ERO-R1 from the underpass and send it to INC-…": the move proposed."""
    checked = turn.checked
    if not checked.untrusted and (moved := units_moved(session, turn, checked.text)) is not None:
        return session._proposals_reply(turn, *moved)
    return None


def merge_step(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """"merge INC-B into INC-A": the merge proposed."""
    a, checked = session.assistant, turn.checked
    if checked.untrusted or (merge := merge_request(checked.text)) is None:
        return None
    said, proposal = merge_reply(merge, current_incident(turn), a._store,
                                 lambda args: session._propose_here(turn, "merge_incidents", args, None if current_incident(turn)
                                                                    in (args["merged"], args["into"]) else args["into"]),
                                 detect_language(checked.text) == "zh")
    return session._proposed_reply(turn, said, proposal)


def described_close_step(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """"close the Snellmaninkatu tree incident": that one, never a report."""
    checked = turn.checked
    if not checked.untrusted and (closing := close_request(checked.text)) is not None and closing.described \
            and closing.incident_id is None:
        return described_close_reply(session, turn, closing.described, checked.text)
    return None
