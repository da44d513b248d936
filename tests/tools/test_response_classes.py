"""Classes of under-response that recur across report authors (issue 11, round 4), each tested in our own words."""

from __future__ import annotations

from tools.determinants import extract
from tools.response_table import unit_needs


def codes(text: str) -> set[str]:
    return {d.code for d in extract(text)}


def sent(incident_type: str, priority: str, text: str) -> dict[str, int]:
    return unit_needs(incident_type, priority, extract(text)).counts


# --- Chinese written in traditional characters is read like simplified Chinese

def test_traditional_characters_are_read_like_simplified_ones():
    simplified = "五楼的走廊全是烟，我们下不去，有人在窗边"
    traditional = "五樓的走廊全是煙，我們下不去，有人在窗邊"
    assert codes(traditional) == codes(simplified)
    assert "smoke_spreading" in codes(traditional)


def test_evidence_of_a_traditional_report_quotes_its_own_characters():
    text = "爺爺昏倒在廚房裡，叫不醒"
    unconscious = next(d for d in extract(text) if d.code == "unconscious")
    assert unconscious.evidence == text[unconscious.span[0]: unconscious.span[1]]
    assert any(ch in text for ch in unconscious.evidence)
