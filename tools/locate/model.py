"""What the locator answers: a :class:`Resolution` (a point, its uncertainty, the words it rests on) and its
:class:`Alternative` places."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Alternative(BaseModel):
    name: str
    lat: float
    lon: float
    radius_m: float
    why: str = ""


class Resolution(BaseModel):
    """Where the report puts the incident, and how sure that is."""

    lat: float | None = None
    lon: float | None = None
    radius_m: float | None = Field(default=None, description="uncertainty (m) around lat/lon")
    confident: bool = False
    method: str = "not_found"  # address, address_interpolated, intersection, feature, relative, generic, street, zone, outside_map, not_found
    place: str = ""            # the answer in words ("opposite Stockmann", "Kaisaniemenkatu 10")
    feature: str | None = None
    feature_kind: str | None = None
    category: str = ""
    ref: str | None = None
    relation: str | None = None
    anchor: str | None = None   # "Keskuskatu by Stockmann": the place a part of a street is measured from
    evidence: str = ""
    note: str = ""
    alternatives: list[Alternative] = Field(default_factory=list)
    outside_map: bool = False

    @property
    def found(self) -> bool:
        return self.lat is not None and self.lon is not None

    def add_note(self, note: str) -> None:
        """Append a sentence to the note (a caveat the dispatcher should read)."""
        self.note = (self.note + " " if self.note else "") + note

    def sentence(self) -> str:
        if not self.found:
            return self.note or "Location not found on the scenario map."
        conf = "confirmed by the text" if self.confident else "UNCONFIRMED"
        s = f"{self.place} ({self.method.replace('_', ' ')}) at {self.lat:.5f}, {self.lon:.5f} ± {self.radius_m:.0f} m, {conf}"
        if self.evidence:
            s += f"; from the words \"{self.evidence}\""
        if self.note:
            s += f". {self.note}"
        return s
