"""One unit-id pattern (s22): an incident id is never read as a unit id, whatever letters the store drew for it.

"INC-E3D35024" holds the unit-shaped "INC-E3": the operator-typed pattern of ``agent.slots`` read it as a unit, grounding
had its own upper-case pattern, and the claims filter masked incident ids first as a workaround (s21 CI).  Unit ids are
what the scenario gives its units: three letters of the station, the type letter, a number ("KAM-A1"); an operator may
type them in lower case or without the dash ("kam a1", "HAKE1")."""

from __future__ import annotations

import random

import pytest

from agent.grounding import _anchors
from agent.slots import canonical_unit_ids
from core.record_ids import INCIDENT_ID_RE, TYPED_UNIT_ID_RE, UNIT_ID_RE, unit_id_of
from tools.scenario import load_scenario

_RNG = random.Random(2207)
# ids as the store draws them ("INC-" + 8 hex digits, upper case), letter-heavy: the shapes that hid a unit's shape
_DRAWN = ["INC-" + "".join(_RNG.choice("ABCDEF" if i % 3 else "0123456789") for i in range(8)) for _ in range(60)]
# and as operators and other tools write them: short, typed in lower case, without the dash
_WRITTEN = ["INC-E3D35024", "INC-AB12CD", "INC-ABCD1", "INC-E3", "inc-k9", "Inc-Fa2", "INC0ABC1", "INC-DEF12", "INC-A1B2C3D4"]
_IDS = _DRAWN + _WRITTEN
_SENTENCES = [
    "Status of {x}?",
    "{x} — nothing dispatched yet, waiting on the caller",
    "please close {x}, duplicate",
    "把{x}合并到INC-7",
    "{x}的所有单位撤回",
    "救护车已派往{x}。",
    "关闭{x}，与别的火灾重复",
    "Onko {x} vielä auki?",
]


@pytest.mark.parametrize("sentence", _SENTENCES)
def test_no_incident_id_yields_a_unit_id(sentence):
    for x in _IDS:
        text = sentence.format(x=x)
        assert INCIDENT_ID_RE.search(text), text
        for pattern in (UNIT_ID_RE, TYPED_UNIT_ID_RE):
            assert not pattern.search(text), (pattern.pattern, text, pattern.search(text))
        numbers, names = _anchors(text)
        assert not [n for n in names if UNIT_ID_RE.fullmatch(n)], (text, names)


_WITH_UNITS = [
    ("Send KAM-A1 to {x} now", ["KAM-A1"]),
    ("{x}: ERO-E2 on scene, HAK-P1 en route", ["ERO-E2", "HAK-P1"]),
    ("把HAK-E1派往{x}", ["HAK-E1"]),
    ("{x}现场的KAI-U1已经返回", ["KAI-U1"]),
    ("ERO-L1:n tikasauto kohteeseen {x}", ["ERO-L1"]),
]


@pytest.mark.parametrize(("sentence", "units"), _WITH_UNITS)
def test_the_real_unit_ids_beside_an_incident_id_are_still_read(sentence, units):
    for x in _IDS:
        text = sentence.format(x=x)
        assert [unit_id_of(m) for m in UNIT_ID_RE.finditer(text)] == units, text
        assert [unit_id_of(m) for m in TYPED_UNIT_ID_RE.finditer(text)] == units, text
        assert [n for n in _anchors(text)[1] if UNIT_ID_RE.fullmatch(n)] == units, text


def test_an_operator_types_the_ids_of_the_scenario_loosely():
    known = [u.id for station in load_scenario().stations for u in station.units]
    for uid in known:
        assert UNIT_ID_RE.fullmatch(uid), uid  # every unit of the scenario has the shape the patterns read
    assert canonical_unit_ids("ero e1 and hake1 to INC-E3D35024, kam-a 2 too", known) == ["ERO-E1", "HAK-E1", "KAM-A2"]
    assert canonical_unit_ids("is ero e1 free? 把kai-u1调到INC-AB12CD", known) == ["ERO-E1", "KAI-U1"]
