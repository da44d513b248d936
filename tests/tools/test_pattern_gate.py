"""tools/pattern_gate.py: the gate in front of a pattern never changes what the pattern answers."""

from __future__ import annotations

import re

import pytest

from tools import casualties, determinants, report_words
from tools.pattern_gate import GatedPattern, fold, gated, required_strings

# Sentences of our own (EN/ZH/FI/SV, odd case, Turkish i's, spoken English): every rule must answer through its gate
# exactly what the bare pattern answers.
_PROBES = [
    "TWO PEOPLE INJURED, ONE NOT BREATHING near the PIER",
    "a man fell off the quay and is face down in the water, nobody can reach him",
    "Someone's bleedin' bad, he ain't breathin right, blue round the lips",
    "we smell gas in the stairwell, my kids n i are dizzy and feelin sick",
    "三个人受伤，其中一个没有呼吸了，司机被卡在车里",
    "楼道里全是烟，还有人在里面，窗户有人挥手求救",
    "mies on tajuton, ei hengitä; mannen är medvetslös och andas inte",
    "İSTANBUL ılık: the fıre is OUT, nobody hurt, the scaffolding collapsed on two workers",
    "",
    "the cable is lying in the street and a tree has fallen across the road",
]


def _gated_in(value: object) -> list[GatedPattern]:
    """The gated patterns a module-level value holds (a pattern, a rule, a table of them)."""
    if isinstance(value, GatedPattern):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (tuple, list)):
        return [gp for v in value for gp in _gated_in(v)]
    if hasattr(value, "phrasings") and hasattr(value, "code"):   # a determinant's rule: its phrasings' patterns
        return [phrasing.pattern for phrasing in value.phrasings]
    return []


# Every gated pattern of the report readers (the rules, the implied facts, the corrections, the census), each once.
_PATTERNS = list({id(gp): gp for module in (determinants, casualties, report_words)
                  for value in vars(module).values() for gp in _gated_in(value)}.values())


@pytest.mark.parametrize("text", _PROBES)
def test_gated_rules_answer_as_the_bare_patterns(text: str) -> None:
    for gp in _PATTERNS:
        bare = gp.pattern_obj
        assert [m.span() for m in gp.finditer(text)] == [m.span() for m in bare.finditer(text)], bare.pattern[:80]
        assert bool(gp.search(text)) == bool(bare.search(text))


def test_most_rules_have_a_gate_and_it_says_no_when_nothing_can_match() -> None:
    phrasings = sum(len(rule.phrasings) for rule in determinants.RULES)
    assert len(_PATTERNS) > phrasings + 10   # the implied facts' and the census's patterns are here too
    gates = [gp for gp in _PATTERNS if gp.required]
    assert len(gates) >= 0.9 * len(_PATTERNS)
    # a report about a lost dog can match none of the drowning or breathing rules
    text = "my dog ran away in the park this morning"
    rule = next(r for r in determinants.RULES if r.code == "not_breathing")
    assert not any(p.pattern.possible(text) for p in rule.phrasings)
    assert any(p.pattern.possible("he is NOT BREATHING") for p in rule.phrasings)


def test_required_strings_follow_the_parse_tree() -> None:
    assert required_strings(re.compile(r"\b(stopped|no) breathing\b", re.I)) == {" breathing"}
    assert required_strings(re.compile(r"\bfell (off|from) the pier", re.I)) == {" the pier"}
    # an optional part or a class gives nothing; an alternation with an empty or unknown branch neither
    assert required_strings(re.compile(r"(blue )?\w+")) is None
    assert required_strings(re.compile(r"a|\d")) is None
    # a repeat that must run once keeps its body's strings; Chinese characters are kept as they are
    assert required_strings(re.compile(r"(?:没有|没)+呼吸")) == {"呼吸"}
    # the gate compares case-folded text
    assert gated(r"not breathing", re.I).search("NOT BREATHING")


def test_case_equivalents_of_the_gate_letters_fold_alike() -> None:
    """re.IGNORECASE matches an ASCII letter against a few non-ASCII characters (the Kelvin sign, long s, dotted and
    dotless i), a Nordic letter against its capital (and å against the Angstrom sign): the gate's fold must make each
    of them equal to the letter, or the gate would refuse a real match."""
    alphabet = "abcdefghijklmnopqrstuvwxyzäöåüé"
    letters = re.compile(f"[{alphabet}]", re.IGNORECASE)
    for code in range(0x41, 0x30000):
        ch = chr(code)
        if letters.fullmatch(ch):
            letter = next(c for c in alphabet if re.fullmatch(c, ch, re.IGNORECASE))
            assert fold(ch) == fold(letter), (hex(code), fold(ch))


def test_gated_rules_answer_as_the_bare_patterns_on_the_dev_sets() -> None:
    """Every DEV set report (the frozen v2 set is never read here), every rule: the same matches through the gate."""
    from pathlib import Path

    import yaml

    data = Path(__file__).resolve().parents[2] / "bench" / "data"
    texts = [item["text"] for name in ["unit_needs.yaml"] + [f"unit_needs_dev{i}.yaml" for i in range(2, 11)]
             if (data / name).exists() for item in yaml.safe_load((data / name).read_text(encoding="utf-8"))]
    assert len(texts) > 300
    for text in texts:
        for gp in _PATTERNS:
            if not gp.possible(text):
                assert gp.pattern_obj.search(text) is None, (gp.pattern_obj.pattern[:80], text)
