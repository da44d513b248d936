"""Review s14-rv1: the 'pretend it never happened' pattern (728d42b, record_line._NO_RECORD_ZH
当(?:作|做|成)?(?:没|没有|…)(?:发生|出现|有)过?) matches any 当没有 ("when there is no …", 相当没有 "rather lacking"):
a plain Chinese dispatch with a conditional instruction is refused as record tampering. Before s14 none was."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "派一辆消防车去 Annankatu 12，当没有人应门时直接破门进去。",   # when nobody answers, force the door
    "派救护车去 Bulevardi 5，当没有电梯时用担架抬下来。",           # when there is no lift, carry down
    "派 KAM-A1 去 Annankatu 12，司机相当没有经验。",                 # 相当没有: rather inexperienced
])
def test_a_dispatch_saying_when_there_is_no_is_not_refused(text):
    from agent.safety import screen_text

    assert "direct_override" not in screen_text(text).families, text
