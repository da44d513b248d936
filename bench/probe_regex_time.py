"""Time every module-level regex of the text-handling modules on adversarial inputs: compiled patterns, and the
pattern strings kept in lists and dicts and compiled at use (word lists, cue tables).

A pattern with nested or overlapping quantifiers (``\\s*\\n+\\s*``, ``(?:x)?\\s*\\d``) can backtrack quadratically on
a long run of the characters it hesitates over; at the 20,000-character input limit that is seconds of CPU per
call.  Each pattern is run to exhaustion (``finditer``, which is what ``split``/``sub``/``findall`` do) on inputs
of doubling length; when the next doubling would exceed ``--budget`` seconds the run stops and the time at the
full size is extrapolated from the growth of the last two sizes (marked ``~``), so the probe itself never hangs.
A pattern the code only ever applies at one position (``match``/``fullmatch``, listed in ``ANCHORED``) is timed
that way: scanning it from every position would charge it for work the code never asks of it.

    PYTHONPATH=$PWD python bench/probe_regex_time.py [--top 20] [--size 20000] [--budget 2]
"""
from __future__ import annotations

import argparse
import importlib
import math
import re
import time
from dataclasses import dataclass
from typing import Iterator

MODULES = ("agent.normalise", "agent.slots", "agent.hazards", "agent.places", "agent.unit_names", "agent.cue_rules",
           "agent.clauses", "agent.intents", "agent.safety", "tools.determinants", "tools.report_words", "tools.protective.cue_words",
           "tools.locate.chinese", "tools.locate.generic", "tools.locate.inflection", "tools.locate.locator",
           "tools.locate.model", "tools.locate.names", "tools.locate.patterns", "tools.locate.relative",
           "tools.locate.streets", "agent.monitor.evidence", "agent.monitor.textvec", "agent.negation", "agent.deobfuscate",
           "agent.quoted", "agent.incident_scope", "agent.typos", "agent.safety.record_line", "agent.pasted", "finetune.cues", "core.text", "core.hazard_words",
           "agent.follow_up", "agent.close_request")

# The runs a pasted log, a held key or a table of figures produces.
ADVERSARIAL = {"spaces": " ", "hyphens": "-", "one-space": "1 ", "a-space": "a ", "dash-space": "- ",
               "cjk-comma": "，", "cjk-space": "火 警 ", "digits": "7", "newlines": "\n", "dot-space": ". ",
               "comma-space": ", ", "digit-comma": "1,"}

# patterns the code only applies with .match / .fullmatch (grep their uses before adding one)
ANCHORED = {"safety._READ_ONLY": "match", "cue_words.COUNT_JOIN": "fullmatch"}


@dataclass
class Timing:
    pattern: str
    input: str
    measured_n: int
    measured_s: float
    estimated_s: float  # at the full size; equals measured_s when measured_n is the full size


# A string in a list, tuple or dict is taken for a pattern when it holds regex syntax (a plain word is a literal,
# which cannot backtrack); it is compiled as the code applies such lists: re.search(pattern, text, re.IGNORECASE).
_REGEX_SYNTAX = re.compile(r"[\\|()\[\]?*+{]")


def _as_pattern(value: object) -> re.Pattern | None:
    if isinstance(value, re.Pattern):
        return value
    if isinstance(value, str) and _REGEX_SYNTAX.search(value):
        try:
            return re.compile(value, re.IGNORECASE)
        except re.error:  # a string with brackets that is no pattern
            return None
    return None


def _nested(value: object, path: str, depth: int = 3) -> Iterator[tuple[str, re.Pattern]]:
    pattern = _as_pattern(value)
    if pattern is not None:
        yield path, pattern
    elif depth and isinstance(value, (list, tuple, dict)):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            yield from _nested(item, f"{path}[{key!r}]", depth - 1)


def module_patterns(module_name: str, seen: set[tuple[str, int]] | None = None) -> Iterator[tuple[str, re.Pattern]]:
    """The compiled patterns a module holds at top level or inside lists, tuples and dicts (three levels deep), and
    there also the pattern strings compiled at use (``HAZARD_WORDS = [("fire", r"...")]``, ``_CUES = {...}``); a
    pattern held twice (a string table and its compiled copy, or one module's pattern another imports: pass one
    ``seen`` for all the modules) is listed once."""
    module = importlib.import_module(module_name)
    short = module_name.rsplit(".", 1)[-1]
    seen = set() if seen is None else seen
    for name, value in vars(module).items():
        if name.startswith("__"):
            continue
        for path, pattern in _nested(value, f"{short}.{name}"):
            if (pattern.pattern, pattern.flags) not in seen:
                seen.add((pattern.pattern, pattern.flags))
                yield path, pattern


def _run(pattern: re.Pattern, text: str, mode: str = "finditer") -> float:
    start = time.process_time()
    if mode == "finditer":
        for _ in pattern.finditer(text):
            pass
    else:
        getattr(pattern, mode)(text)
    return time.process_time() - start


def time_pattern(name: str, pattern: re.Pattern, input_name: str, unit: str, size: int, budget: float) -> Timing:
    n, prev = min(1250, size), None
    while True:
        text = (unit * (n // len(unit) + 1))[:n]
        took = _run(pattern, text, ANCHORED.get(name, "finditer"))
        if n >= size:
            return Timing(name, input_name, n, took, took)
        # growth exponent from the last doubling (at least linear); predicts the next size and the full one
        k = max(1.0, math.log2(max(took, 1e-6) / max(prev, 1e-6))) if prev is not None else 2.0
        nxt = min(size, n * 2)
        if took * (nxt / n) ** k > budget:
            return Timing(name, input_name, n, took, took * (size / n) ** k)
        n, prev = nxt, took


def probe(size: int = 20_000, budget: float = 2.0) -> list[Timing]:
    timings, seen = [], set()
    for module_name in MODULES:
        for name, pattern in module_patterns(module_name, seen):
            worst = max((time_pattern(name, pattern, input_name, unit, size, budget)
                         for input_name, unit in ADVERSARIAL.items()), key=lambda t: t.estimated_s)
            timings.append(worst)
    return sorted(timings, key=lambda t: -t.estimated_s)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top", type=int, default=20, help="rows to print (the slowest patterns)")
    parser.add_argument("--size", type=int, default=20_000, help="adversarial input length (the input limit)")
    parser.add_argument("--budget", type=float, default=2.0, help="CPU seconds one run may take before extrapolating")
    args = parser.parse_args()
    timings = probe(args.size, args.budget)
    print(f"{len(timings)} patterns; CPU seconds at {args.size} characters (~: extrapolated), worst input each")
    print(f"{'pattern':45s} {'input':12s} {'cpu_s':>9s}")
    for t in timings[:args.top]:
        mark = "~" if t.measured_n < args.size else " "
        print(f"{t.pattern:45s} {t.input:12s} {mark}{t.estimated_s:8.3f}")


if __name__ == "__main__":
    main()
