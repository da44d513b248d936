"""The small interfaces the assistant needs from its parts (structural: any object with these members fits).

``finetune.TriageClassifier`` is a Triager, ``knowledge.retriever.Retriever`` a PassageSearch and
``tools.city.CityModel`` a City; tests and benchmarks may hand in anything else that fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable


class TriageOutcome(Protocol):
    """One report's triage as the classifier returns it."""

    incident_type: str
    priority: str
    type_confidence: float
    priority_confidence: float
    secondary_types: Sequence[str]
    language: str
    model_version: str
    type_probs: dict[str, float]
    priority_probs: dict[str, float]


@runtime_checkable
class Triager(Protocol):
    """Classifies report texts into incident type and priority."""

    def predict(self, texts: Sequence[str]) -> Sequence[Any]: ...


class Passage(Protocol):
    """A passage of an emergency-plan (procedure) document."""

    chunk_id: str
    source: str
    title: str
    section: str | None
    page: str | None
    text: str
    score: float

    def citation(self) -> str: ...


@runtime_checkable
class PassageSearch(Protocol):
    """Searches the emergency-plan (procedure) documents."""

    def search(self, query: str, k: int = 5, filters: dict | None = None, prefer: dict | None = None) -> Sequence[Any]: ...

    def stats(self) -> Any: ...


@runtime_checkable
class City(Protocol):
    """The scenario: its places (gazetteer), its units and the planners' road networks."""

    gazetteer: Any
    scenario: Any

    def units(self) -> list[tuple[Any, Any]]: ...

    def unit_status(self) -> dict[str, str]: ...

    def set_unit_status(self, unit_id: str, status: str) -> None: ...

    def locate(self, place: str | None = None, lat: float | None = None, lon: float | None = None) -> Any: ...

    def road_segments(self, mode: str = "drive") -> list[tuple[list[float], list[float]]]: ...
