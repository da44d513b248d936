"""The shipped plans: required structure, fictional label, and only facilities that exist in the scenario."""

from __future__ import annotations

import re

import pytest
import yaml

from core.settings import PROJECT_ROOT
from knowledge.loaders import read_document
from knowledge.types import HAZARD_KEYS

from .conftest import PLANS_DIR

ANNEXES = sorted(PLANS_DIR.glob("annex_*.md"))
REQUIRED = ("activation criteria", "roles", "action checklist", "resources", "communications")
SCENARIO = PROJECT_ROOT / "tools" / "scenarios" / "helsinki.yaml"


def _scenario_names() -> dict[str, set[str]]:
    data = yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))
    out = {}
    for group in ("shelters", "stations", "staging_areas", "hospitals", "zones"):
        out[group] = {item["name"] for item in data.get(group, [])} | {a for item in data.get(group, []) for a in item.get("aliases", [])}
    return out


def test_there_is_a_base_plan_and_the_ten_annexes():
    assert (PLANS_DIR / "00_base_plan.md").exists()
    assert len(ANNEXES) == 10  # A-I, and J (water and ice rescue, session 15)


@pytest.mark.parametrize("path", ANNEXES, ids=lambda p: p.stem)
def test_each_annex_has_the_required_parts(path):
    text = path.read_text(encoding="utf-8")
    assert "FICTIONAL" in text
    headings = [h.lower() for h in re.findall(r"^##\s+\d+\.\s+(.+)$", text, flags=re.MULTILINE)]
    for part in REQUIRED:
        assert any(part in h for h in headings), (path.name, part, headings)
    doc = read_document(path)
    assert doc.hazards and set(doc.hazards) <= set(HAZARD_KEYS)
    checklist = next(s for s in doc.segments if s.section and "action checklist" in s.section.lower())
    steps = re.findall(r"^\d+\. ", checklist.text, flags=re.MULTILINE)
    assert len(steps) >= 5


@pytest.mark.skipif(not SCENARIO.exists(), reason="scenario file not present")
def test_plans_name_only_facilities_of_the_scenario():
    names = _scenario_names()
    shelters = names["shelters"]
    table = (PLANS_DIR / "annex_a_evacuation_shelter.md").read_text(encoding="utf-8")
    listed = [re.sub(r"\s*\(.*?\)", "", row.split("|")[1]).strip() for row in table.splitlines() if row.startswith("| ") and not row.startswith("| Shelter")]
    listed = [name for name in listed if name and not name.startswith("-")]
    assert len(listed) == len({n for n in shelters if n in listed}) == len(listed)
    assert set(listed) <= shelters
    # Every real shelter of the scenario is in the plan's table.
    data = yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))
    assert {s["name"] for s in data["shelters"]} <= set(listed)
    # Every station/base, staging area and collection point named in any plan exists in the scenario.
    all_text = "\n".join(p.read_text(encoding="utf-8") for p in PLANS_DIR.glob("*.md"))
    for mention in re.findall(r"([A-ZÄÖ][\w-]+ demonstration base)", all_text):
        assert mention in names["stations"], mention
    for square in re.findall(r"\b(\w+tori)\b", all_text):
        assert square in names["staging_areas"], square


@pytest.mark.skipif(not SCENARIO.exists(), reason="scenario file not present")
def test_plans_never_recommend_a_shelter_unsuitable_for_their_hazard():
    data = yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))
    for path in ANNEXES:
        doc = read_document(path)
        if doc.doc_type == "annex:evacuation":
            continue
        primary = doc.doc_type.split(":", 1)[1]
        # Checklist steps and bullets, each with its continuation lines.
        items = [item for s in doc.segments for item in re.split(r"\n(?=\d+\. |- )", s.text)]
        recommended = " ".join(i for i in items if "shelter" in i.lower() and "not" not in i.lower())
        for shelter in data["shelters"]:
            if primary in shelter.get("unsuitable_for", []):
                assert shelter["name"] not in recommended, (path.name, shelter["name"])
