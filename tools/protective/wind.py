"""The wind a report states: where it comes from now, its speed, and where it came from before a change.

A report may name two directions when the wind has changed ("the wind turned from east to west", "wind now from the
north, it was southerly", 风向刚从东风转成西风). The sector must follow the wind that blows now, so the current
direction wins and the old one is kept only as context for the plan's wording:

1. A change said in so many words ("turned / shifted / veered / backed / changed ... to", 转成 / 转为 / 改为 / 变成)
   gives the direction after it, unless the change is forecast ("expected to veer to the north", 预计转北风): a wind
   that will turn later still blows from where it does now.
2. Otherwise, when the report names more than one direction, each is read in its own clause: one marked as current
   ("now", "currently", 现在, 目前) wins; one marked as past ("was", "earlier", "before", 原来, 之前) or future
   ("expected", "forecast", "later", 预计, 将) loses to one not so marked.
3. Otherwise the first way of saying it in ``cue_words`` order wins, as before (one direction, said once or twice).

The patterns run over the lower-cased report that ``tools.protective.cues`` prepares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tools.protective import cue_words as W

_ZH_DIR = r"(东北|东南|西南|西北|北|南|东|西)"
_EN_DIR = rf"({W._POINT}|{W._ABBR})(?:erly)?"
_AFTER_DIR = rf"\b(?![-/])(?!{W._PLACE_PART})"
_WIND_WORD = re.compile(r"\b(?:winds?|breeze|gale)\b|风")
# "the wind turned from east to west", "wind has shifted from easterly to westerly", "the southerly wind has veered to
# westerly", "wind direction changed from E to W", "it backed round to the south": the point after "to" is the name of
# the wind now (a wind is named for where it comes from, so "veered to the west" is a westerly, not a wind going west).
_CHANGE_EN = re.compile(
    # The wind (or "it") must be the verb's subject: the words between may not cross a comma nor open another noun
    # phrase ("wind from the east, the cloud has shifted to the west" is the plume drifting, i.e. an east wind).
    # (a relative clause between commas is the wind's own: "the wind, which had been easterly, shifted to the west")
    r"\b(?P<subject>winds?|breeze|gale|it)\b(?:,\s*(?:which|that)\b[^.;!?,]{0,40},)?(?:\s+(?:from\s+(?:the\s+)?[^\s.,;!?]+|(?!the\b|a\b|an\b|this\b|that\b|its\b)[^\s.,;!?]+)){0,6}?"
    r"\s+(?:(?:turn|shift|veer|swing|switch|chang)(?:s|ed|es|ing)?|swung|backed|backing|backs|(?:came|come|comes|gone|went) round)\b"
    r"(?:\s+(?:round|around|over|direction|again|suddenly|now|back))*"
    rf"(?:\s+from\s+(?:the\s+)?{_EN_DIR}(?:\s+(?:round|around|back|again))*)?"
    rf"\s+(?:to|into|towards?)\s+(?:the\s+|a\s+|an\s+)?{_EN_DIR}{_AFTER_DIR}")
# 风向刚从东风转成西风, 风向由北风改为南风, 现在转成南风了, 风向从东转西: the point after the verb is the wind now.
_CHANGE_ZH = re.compile(rf"(?:(?:从|由){_ZH_DIR}风?)?[^，。；！？]{{0,3}}?(?:转变为|转变成|转成|转为|改为|改成|变为|变成|改刮|转){_ZH_DIR}(风)?")
# A pronoun or an ellipsis after "now" in a report that speaks of a wind: "now it's blowing from the northwest",
# "now from the north", "is now westerly". Plain "now ... X" without "from" or "-erly" is not read ("now the north side").
_NOW_FROM = re.compile(
    r"\b(?:now|currently|at the moment|at present)\b"
    r"(?:\s+(?:it(?:['’]s)?|is|has|had|been|blowing|blows|coming|comes|turned|shifted|veered|backed|swung|a|an|the|strong|light|fresh|steady|gusty|more|mostly|again))*"
    rf"\s+(?:from\s+(?:the\s+)?({W._POINT}|{W._ABBR}){_AFTER_DIR}|({W._POINT})erly\b)")
# The words that place a clause's wind in time.
_CURRENT = re.compile(r"\b(?:now|currently|at the moment|at present|presently|by now|since then)\b|现在|目前|当前|此刻|眼下|如今|已经")
_PAST = re.compile(r"\b(?:was|were|had been|earlier|before|previously|originally|at first|initially|used to|until)\b"
                   r"|原来|原先|之前|此前|刚才|先前|本来|早些时候|起初|一开始|开始时")
_FUTURE = re.compile(r"\b(?:will|expected|forecast\w*|predicted|likely to|may|might|could|going to|later|by (?:evening|tonight|morning|noon))\b"
                     r"|预计|预报|将会?|可能|稍后|晚些|会转")
# A clause ends at punctuation or at a contrast ("was easterly but now westerly").
_CLAUSE_END = re.compile(r"[.;:!?()，。；！？：（）,]|\b(?:but|whereas|though|although)\b|但是?|不过|可是")


@dataclass(frozen=True)
class WindReading:
    """The wind a report states (None: not said). ``before_deg`` is the direction before a change: context only."""

    from_deg: float | None = None
    speed_ms: float | None = None
    before_deg: float | None = None


@dataclass(frozen=True)
class _Mention:
    at: int           # where the direction word stands
    from_deg: float
    rank: int         # the order of the ways of saying it: the lowest is read when nothing else decides


def read_wind(t: str) -> WindReading:
    """The wind a lower-cased report states: the current direction, its speed and, after a change, the old direction."""
    speed = None
    if (m := W.WIND_SPEED.search(t)):
        v = float(m.group(1).replace(",", "."))
        speed = v / 3.6 if m.group(2) in ("km/h", "kph", "公里/小时") else v
    mentions = _mentions(t)
    if (change := _change(t)) is not None:
        now, before = change
        if before is None:
            before = next((x.from_deg for x in sorted(mentions, key=lambda x: x.at) if x.from_deg != now), None)
        return WindReading(now, speed, before)
    if not mentions:
        return WindReading(None, speed)
    first = min(mentions, key=lambda x: (x.rank, x.at))
    if len({x.from_deg for x in mentions}) == 1:
        return WindReading(first.from_deg, speed)
    when = {x: _when(t, x.at) for x in mentions}
    for wanted in ("current", "unmarked"):
        if (chosen := [x for x in mentions if when[x] == wanted]):
            now = min(chosen, key=lambda x: (x.rank, x.at)).from_deg
            before = next((x.from_deg for x in sorted(mentions, key=lambda x: x.at) if when[x] == "past" and x.from_deg != now), None)
            return WindReading(now, speed, before)
    return WindReading(first.from_deg, speed)


def _now_is_the_wind(t: str, m: re.Match[str]) -> bool:
    """Whether a "now ... from <point>" is said of the wind: "it" in it, the wind named earlier in its clause, or nothing
    before it in the clause (an ellipsis: "was easterly, now from the north"). "Crews now coming from the north" is not."""
    if re.search(r"\bit\b|\bit['’]s\b", m.group(0)):
        return True
    start = max((c.end() for c in _CLAUSE_END.finditer(t, 0, m.start())), default=0)
    before = t[start:m.start()].strip()
    # Only the wind's own verbs before it ("but it just turned and is now from the north", "but is now from the north"):
    # the subject is the wind of the clause before, as in the ellipsis. A noun of another subject ("crews") is not.
    return not before or set(re.findall(r"[\w'’]+", before)) <= _WIND_VERB_WORDS or _WIND_WORD.search(before) is not None


# Words that may stand between a clause's start and its "now ... from <point>" when the subject is still the wind.
_WIND_VERB_WORDS = frozenset({"and", "but", "it", "it's", "it’s", "is", "has", "had", "just", "since", "then", "suddenly", "turned", "shifted",
                              "veered", "backed", "swung", "changed", "switched", "come", "came", "round", "around", "again"})


def _mentions(t: str) -> list[_Mention]:
    """Every direction the report gives a wind, by each way of saying it, in ``cue_words`` order."""
    found: list[_Mention] = []
    for m in W.WIND_TOWARDS.finditer(t):
        found.append(_Mention(m.start(1), (W.COMPASS[_compass_key(m.group(1))] + 180.0) % 360.0, 0))
    for m in W.WIND_TOWARDS_ZH.finditer(t):
        found.append(_Mention(m.start(1), (W.ZH_COMPASS[m.group(1)] + 180.0) % 360.0, 1))
    for rank, pattern in enumerate(W.WIND_FROM, start=2):
        for m in pattern.finditer(t):
            if m.group(1):
                found.append(_Mention(m.start(1), float(W.COMPASS[_compass_key(m.group(1))]), rank))
            elif m.group(2):
                found.append(_Mention(m.start(2), float(m.group(2)) % 360.0, rank))
    rank = 2 + len(W.WIND_FROM)
    for m in W.WIND_ZH.finditer(t):
        i = next(i for i in range(1, len(m.groups()) + 1) if m.group(i))
        found.append(_Mention(m.start(i), float(W.ZH_COMPASS[m.group(i)]), rank))
    if _WIND_WORD.search(t):
        for m in _NOW_FROM.finditer(t):
            if not _now_is_the_wind(t, m):
                continue
            i = 1 if m.group(1) else 2
            found.append(_Mention(m.start(i), float(W.COMPASS[_compass_key(m.group(i))]), rank + 1))
    return found


def _change(t: str) -> tuple[float, float | None] | None:
    """(now, before) of the last change of wind the report says has happened; before is None when not said."""
    said: list[tuple[int, float, float | None]] = []
    for m in _CHANGE_EN.finditer(t):
        if m.group("subject") == "it" and not _WIND_WORD.search(t, 0, m.start()):
            continue  # "it turned to the north": a wind only where a wind was spoken of before
        if _FUTURE.search(_span(t, m)):
            continue  # "the wind is expected to veer to the north": not yet
        before = float(W.COMPASS[_compass_key(m.group(2))]) if m.group(2) else None
        said.append((m.start(), float(W.COMPASS[_compass_key(m.group(3))]), before))
    for m in _CHANGE_ZH.finditer(t):
        if not (m.group(3) or "风" in t[_clause_start(t, m.start()):m.end()]) or _FUTURE.search(_span(t, m)):
            continue  # 转西 is a wind only where 风 is said in its clause
        before = float(W.ZH_COMPASS[m.group(1)]) if m.group(1) else None
        said.append((m.start(), float(W.ZH_COMPASS[m.group(2)]), before))
    if not said:
        return None
    _, now, before = max(said, key=lambda x: x[0])
    return now, (before if before != now else None)


def _when(t: str, at: int) -> str:
    """"current", "past", "future" or "unmarked": how the clause around ``at`` places its wind in time."""
    clause = _clause(t, at)
    if _CURRENT.search(clause):
        return "current"
    if _PAST.search(clause):
        return "past"
    return "future" if _FUTURE.search(clause) else "unmarked"


def _clause_start(t: str, at: int) -> int:
    ends = [m.end() for m in _CLAUSE_END.finditer(t, 0, at)]
    return ends[-1] if ends else 0


def _span(t: str, m: re.Match) -> str:
    """The clauses a match runs through, whole: from the start of its first to the end of its last."""
    end = _CLAUSE_END.search(t, m.end())
    return t[_clause_start(t, m.start()):end.start() if end else len(t)]


def _clause(t: str, at: int) -> str:
    """The clause of ``t`` that holds position ``at``."""
    end = _CLAUSE_END.search(t, at)
    return t[_clause_start(t, at):end.start() if end else len(t)]


def _compass_key(word: str) -> str:
    """The COMPASS key of a compass point as written ("south-southwest", "SW")."""
    return word.replace("-", "").replace(" ", "")
