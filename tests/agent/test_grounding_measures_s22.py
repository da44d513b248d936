"""Grounding reads the units of a quantity from one table (s22): the same words make a quantity's kind and are no
names in a Chinese sentence ("步行约2 km"); a Latin unit word of a Chinese sentence counted as a name must be found in
the facts word for word, and a true sentence was withheld."""

from __future__ import annotations

import pytest

from agent.grounding import _anchors, _quantities


@pytest.mark.parametrize(("sentence", "numbers", "kinds"), [
    ("疏散人员需步行约2 km到达避难所。", ["2"], {(2.0, "km")}),
    ("全部撤出大约要90 seconds。", ["90"], {(90.0, "s")}),
    ("救护车预计12 mins后到达。", ["12"], {(12.0, "min")}),
    ("封锁半径为300 meters，约1.5 hours。", ["300", "1.5"], {(300.0, "m"), (1.5, "h")}),
    ("避难所还能容纳40 persons, 距离现场600 m。", ["40", "600"], {(40.0, "people"), (600.0, "m")}),
    ("大约20 sec后切断燃气。", ["20"], {(20.0, "s")}),
])
def test_a_quantitys_latin_unit_is_no_name_in_a_chinese_sentence(sentence, numbers, kinds):
    found_numbers, names = _anchors(sentence)
    assert found_numbers == numbers and names == [], (found_numbers, names)
    assert _quantities(sentence) == kinds
