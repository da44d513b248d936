"""Rumours checked against the incident log and the scenario: one checker for the chat step that answers whether a
rumour is true ("People on social media say there is a bomb at Rautatientori. Is that true?", ``agent.rumour_question``)
and for the stream's citizen posts (``agent.monitor.signals``: "Don't go to Oodi, the shelter is closed!!").

What it checks: a claim that a named shelter is closed or open, against the operators' latest ``facility_status``
event in the log, else the scenario (a shelter with capacity is open); and a claim of a hazard at a place, against the
log's open incidents there (whether one of them is of the claim's hazard and its reports tell the claim's own words).
A contradiction or a claim nothing confirms is said, for a person to check; nothing is ever corrected automatically.

``RUMOUR_WORDS`` is the one table of the words both read: hearsay (the claim is someone else's word), a question
whether it is true, and a facility said closed or open.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from agent.cue_rules import SHELTER_WORDS
from agent.hazards import hazard_from_words
from agent.incident_scope import ReportPlace, same_place

__all__ = ["RUMOUR_WORDS", "FacilityFact", "RumourChecker", "RumourFinding", "claim_words", "findings_at"]

RUMOUR_WORDS: dict[str, re.Pattern[str]] = {
    # The claim is someone else's word: posted, shared or said by others, or heard (en, fi, sv, zh).
    "hearsay": re.compile(
        r"\b(?:on|in|across|all over)\s+(?:the\s+)?(?:social\s+media|twitter|x|facebook|tiktok|instagram|telegram|whatsapp|"
        r"reddit|the\s+internet|internet|forums?|news\s+feeds?)\b|\bonline\b|\bsocial\s+media\b|"
        r"\b(?:people|someone|somebody|they|posts?|users?|tweets?|videos?|messages?)\b[^.?!]{0,40}?\b(?:are\s+)?"
        r"(?:say|says|saying|said|claim|claims|claiming|post|posts|posting|posted|sharing|shared|writing|tweeting)\b|"
        r"\bI\s+(?:have\s+|'ve\s+)?(?:heard|read|saw|seen)\b|\brumou?rs?\b|\bgoing\s+(?:a)?round\b|\bviral\b|"
        r"\bsomessa\b|\bsosiaalisessa\s+mediassa\b|\bnetissä\b|\bhuhu\w*|\bväitetään\b|\bkuulin\b|\bsanotaan\b|\bkerrotaan\b|"
        r"\bsociala\s+medier\b|\bpå\s+nätet\b|\brykte\w*|\bdet\s+sägs\b|\bjag\s+hörde\b|\bskriver\s+på\b|"
        r"网上|网传|听说|有人说|传言|谣言|据说|社交媒体|微博|微信|朋友圈|抖音|推特",
        re.IGNORECASE),
    # ... and the operator asks whether it is true.
    "asks_true": re.compile(
        r"\b(?:is|was)\s+(?:that|it|this|any\s+of\s+(?:that|this|it))\s+(?:really\s+)?(?:true|right|correct|real|confirmed|so)\b|"
        r"\bis\s+(?:there\s+)?any\s+truth\b|\bcan\s+(?:you|we|anyone)\s+confirm\b|\bany\s+confirmation\b|\bconfirmed\s*\?|"
        r"\btrue\s*\?|\bfake\b|\bdo\s+we\s+(?:know|have)\s+anything\b|"
        r"\bpitää(?:kö)?\s+(?:se\s+)?paikkansa\b|\bonko\s+(?:se|tämä|tuo|siinä)\s+(?:totta|tosi|perää)\b|\btotta\s*\?|"
        r"\bvoi(?:tko|ko)\s+vahvistaa\b|"
        r"\bstämmer\s+(?:det|detta|det\s+där)\b|\bär\s+(?:det|detta)\s+sant\b|\bkan\s+(?:du|ni|någon)\s+bekräfta\b|"
        r"是真的吗|真的吗|属实吗|是否属实|是不是真的|真的假的|能确认吗|可以确认吗|能不能确认|是否确认",
        re.IGNORECASE),
    # A facility (a shelter) said to be closed or full (en, fi, sv, zh; "ei ole auki", "inte öppet": closed, read first) ...
    "closed": re.compile(r"\b(closed|shut|locked|not open|no longer open|turning (people )?away|turned away|full|no room|"
                         r"suljettu|suljettiin|suljetaan|suljettuna|kiinni|täynnä|ei\s+(?:(?:ole|enää)\s+){0,2}(?:auki|avoinna)|"
                         r"stängt|stängd|stängda|stänger|stängde|stängts|fullt|inte\s+(?:längre\s+)?öppe[tn])\b"
                         r"|关闭|关门|关了|不开放|没开|满了|不让进|拒绝", re.IGNORECASE),
    # ... or open.
    "open": re.compile(r"\b(is open|are open|now open|still open|opened|reopened|auki|avoinna|avattu|avattiin|"
                       r"öppet|öppen|öppna|öppnat|öppnats|öppnade)\b|开放|开门了|可以进", re.IGNORECASE),
    # A shelter named as one: what makes an operator's question about a place said closed a question about its shelter
    # (a shelter's alias is often a station or a library: "the metro at Central Station is closed" is no shelter claim).
    "shelter": SHELTER_WORDS,
}


@dataclass
class FacilityFact:
    name: str
    status: str         # open | closed
    source: str         # "scenario" or "incident log <time>"


@dataclass(frozen=True)
class RumourFinding:
    """An open incident of the log at the claim's place: its id, how the operator knows it, its type, and whether
    its reports tell the claim's own hazard words (a bomb, not only a crowd crush of the same type)."""
    incident_id: str
    described: str
    incident_type: str | None
    tells_the_claim: bool = False


def claim_words(text: str, hazard: str | None) -> list[str]:
    """The claim's words that on their own name its hazard ("bomb", "炸弹", "brinner"): what an incident's reports
    must tell for the log to hold the claim (the type alone is coarse: a crowd crush and a bomb are both public
    security)."""
    if hazard is None:
        return []
    latin = [w for w in re.findall(r"[^\W\d_]{3,}", text) if not re.search(r"[\u4e00-\u9fff]", w)]
    words = latin + [f"{a} {b}" for a, b in zip(latin, latin[1:])]  # "gas leak" names it, "gas" alone does not
    han = "".join(re.findall(r"[\u4e00-\u9fff]+", text))
    words += [han[i:i + n] for n in (2, 3) for i in range(len(han) - n + 1)]
    return [w for w in dict.fromkeys(words) if hazard_from_words(w) == hazard]


def findings_at(place: ReportPlace | None, text: str, open_incidents: Sequence[tuple[str, str | None]],
                incident_place: Callable[[str], ReportPlace | None], describe: Callable[[str], str],
                report_texts: Callable[[str], Sequence[str]]) -> list[RumourFinding]:
    """The open incidents (id, type) placed at the claim's place (``same_place``), in the log's order."""
    if place is None or place.lat is None:
        return []
    hazard = hazard_from_words(text)
    words = [w.lower() for w in claim_words(text, hazard)]
    found = []
    for incident_id, kind in open_incidents:
        there = incident_place(incident_id)
        if there is None or there.lat is None or not same_place(place, there):
            continue
        tells = kind == hazard and any(w in r.lower() for r in report_texts(incident_id) for w in words)
        found.append(RumourFinding(incident_id, describe(incident_id), kind, tells))
    return found


class RumourChecker:
    """Claims checked against the incident log and the scenario: a shelter said closed or open (``check``), a hazard
    said to be at a place (``findings_at``)."""

    findings_at = staticmethod(findings_at)

    def __init__(self, facts: dict[str, FacilityFact], aliases: dict[str, str]):
        self.facts = facts          # facility name -> fact
        self.aliases = aliases      # folded alias -> facility name

    @classmethod
    def from_scenario(cls, scenario, store=None) -> "RumourChecker":
        facts, aliases = {}, {}
        for s in scenario.shelters:
            facts[s.name] = FacilityFact(s.name, "open" if s.capacity > 0 else "closed", "scenario")
            for a in (s.name, s.id, *s.aliases):
                if len(a) >= 4:
                    aliases[a.casefold()] = s.name
        checker = cls(facts, aliases)
        if store is not None:
            checker.refresh(store)
        return checker

    def refresh(self, store) -> None:
        """Apply the operators' latest ``facility_status`` events (payload: facility, status)."""
        for event in store.events(kind="facility_status"):
            name = self.aliases.get(str(event.payload.get("facility", "")).casefold())
            status = event.payload.get("status")
            if name and status in ("open", "closed"):
                self.facts[name] = FacilityFact(name, status, f"incident log {event.created_at[:16]}")

    def contradicted(self, text: str) -> tuple[FacilityFact, str] | None:
        """(what the log, else the scenario, says of the shelter, the status ``text`` claims) where ``text`` names a
        shelter and says it is closed or open and the fact says otherwise; None where it names none, claims nothing,
        or agrees."""
        low = text.casefold()
        named = [name for alias, name in self.aliases.items() if alias in low]
        if not named:
            return None
        claim = "closed" if RUMOUR_WORDS["closed"].search(text) else ("open" if RUMOUR_WORDS["open"].search(text) else None)
        if claim is None:
            return None
        for name in dict.fromkeys(named):
            fact = self.facts[name]
            if fact.status != claim:
                return fact, claim
        return None

    def check(self, text: str) -> str | None:
        """The stream's flag: "says <shelter> is <claim>; <source> says <status>" (``shelter_question``: a post that
        speaks of a shelter, as the chat requires; "the metro at Central Station is closed" is no claim about the
        shelter there), or None."""
        found = self.shelter_question(text)
        if found is None:
            return None
        fact, claim = found
        return f"says {fact.name} is {claim}; {fact.source} says {fact.status}"

    def shelter_question(self, text: str) -> tuple[FacilityFact, str] | None:
        """The chat's check of a question whether a shelter is closed or open: ``contradicted`` where the message
        speaks of a shelter (``RUMOUR_WORDS['shelter']``), not only of a place that has one."""
        return self.contradicted(text) if RUMOUR_WORDS["shelter"].search(text) else None
