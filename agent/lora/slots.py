"""The scenario's vocabulary (places by kind, units, stations) for slot variety.

Read from ``data/slots.json``, which was written from tools/scenarios/helsinki.yaml and
the gazetteer, so the training-set builder needs no road network at run time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SLOTS_FILE = Path(__file__).with_name("data") / "slots.json"


@dataclass(frozen=True)
class Slots:
    raw: dict

    def places(self, kind: str) -> list[str]:
        return list(self.raw["places"].get(kind, []))

    @property
    def unit_ids(self) -> list[str]:
        return [u["id"] for u in self.raw["units"]]

    @property
    def units(self) -> list[dict]:
        return list(self.raw["units"])

    @property
    def station_names(self) -> list[str]:
        return [name for st in self.raw["stations"] for name in [st["name"], *st["aliases"]]]


@lru_cache(maxsize=1)
def load_slots(path: Path = SLOTS_FILE) -> Slots:
    return Slots(json.loads(Path(path).read_text(encoding="utf-8")))
