"""``search_plans`` on a procedure question that names a hazard: the hazard's documents are preferred, and a
distance question gets the figure of the protective-action decision table with its row as the source."""

from __future__ import annotations

from agent.tool_registry import procedure_search_tool
from knowledge.types import Passage


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[dict] = []

    def search(self, query, k=5, filters=None, prefer=None):
        self.calls.append({"query": query, "filters": filters, "prefer": prefer})
        return [Passage(text="3. Set an initial isolation distance of 300 m for an unknown hazardous material.",
                        source="annex_c_fire_hazmat.md", title="Annex C", section="4. Action checklist", score=0.5,
                        chunk_id="c#4", language="en")]

    def stats(self):
        return None


def _ask(question: str):
    search = _Recorder()
    result = procedure_search_tool(search).func(query=question)
    return result, search


def test_a_question_naming_a_toxic_gas_gets_the_table_figures_and_prefers_hazmat_passages():
    result, search = _ask("How far out do we evacuate for an ammonia release at the ice rink?")
    assert search.calls[0]["prefer"] == {"hazard": "hazmat"} and search.calls[0]["filters"] is None
    table = [c for c in result.citations if c.source == "PROTECTIVE_ACTIONS.md"]
    assert [c.section for c in table] == ["3. Decision table, row H9", "3. Decision table, row H10"]
    assert "30 m" in table[0].text and "150 m" in table[1].text  # ERG Table 1 / Table 3 ammonia figures
    assert "[C1]" in result.text and "row H9" in result.text and [c.ref for c in result.citations] == ["C1", "C2", "C3"]


def test_a_stand_off_question_gets_its_row_and_a_plain_procedure_question_gets_none():
    result, _ = _ask("what stand-off distance for an abandoned suitcase in the mall car park?")
    assert any(c.source == "PROTECTIVE_ACTIONS.md" and "m" in c.text for c in result.citations)
    result, search = _ask("who opens the shelters during a flood?")
    assert not any(c.source == "PROTECTIVE_ACTIONS.md" for c in result.citations)  # not a distance question
    assert search.calls[0]["prefer"] == {"hazard": "flood"}


def test_an_explicit_hazard_filter_is_kept_and_a_search_without_preferences_still_works():
    class _Old:
        def __init__(self) -> None:
            self.filters = []

        def search(self, query, k=5, filters=None):
            self.filters.append(filters)
            return []

    old = _Old()
    result = procedure_search_tool(old).func(query="sandbag checklist for a flooding basement")
    assert old.filters == [None] and "No passage" in result.text
    search = _Recorder()
    procedure_search_tool(search).func(query="sandbags", hazard="flood")
    assert search.calls[0]["filters"] == {"hazard": "flood"} and search.calls[0]["prefer"] is None
