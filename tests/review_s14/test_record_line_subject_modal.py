"""Review s14-rv1: the record-tampering widening (728d42b, a subject with a modal: "the shift lead should purge the
log") refuses field reports about timber on a road. Before s14 none of these was refused."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "The road crew has to remove the logs before the engines can get through to Annankatu 12.",
    "The forestry team must remove the logs, the road is blocked.",
    "The tree service should remove the logs from the driveway at Bulevardi 5.",
])
def test_logs_on_a_road_are_not_the_audit_trail(text):
    from agent.safety import screen_text

    assert "direct_override" not in screen_text(text).families, text
