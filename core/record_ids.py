"""The ids of the board's records as text holds them: incident ids and unit ids, one pattern each.

An incident id is what the store draws ("INC-" and 8 random hex digits: "INC-E3D35024") or an operator or a tool
writes ("INC-7", "inc0042").  A unit id is what a scenario gives its units: the station's three letters, the type
letter, the number ("KAM-A1", ``tools.scenario.Unit`` checks the shape).  Random hex digits make unit shapes: "INC-E3"
opens "INC-E3D35024", "INC-ABCD1" is "ABC-D1" after the dash.  A unit id is therefore never read where an incident id
starts or inside one (s21 CI: a claim of a dispatch to such an incident read as a unit's status from the board)."""

from __future__ import annotations

import re

__all__ = ["INCIDENT_ID", "INCIDENT_ID_RE", "TYPED_UNIT_ID_RE", "UNIT_ID", "UNIT_ID_RE", "unit_id_of"]

# "INC-7", "INC0042", also inside Chinese ("把INC-3E1EDD59合并到…": no word boundary between a Han character and a
# Latin letter, so ``\b`` missed it there); never the word "incident"
INCIDENT_ID = r"(?<![A-Za-z0-9])INC(?:-[A-Za-z0-9]+|\d[A-Za-z0-9]*)(?![A-Za-z0-9])"
INCIDENT_ID_RE = re.compile(INCIDENT_ID, re.IGNORECASE)

# Where a unit id may start: not inside a word, not after an incident id's "INC-" (its other characters are letters
# and digits, which the first guard covers), and not at "INC" itself ("INC-E3" is an incident).
_UNIT_START = r"(?<![A-Za-z0-9])(?<!(?i:INC)-)(?!(?i:INC))"
_UNIT_END = r"(?![A-Za-z0-9])"
# As the system writes a unit id (the board, a tool's answer, the model quoting them): upper case, with the dash
UNIT_ID = rf"{_UNIT_START}([A-Z]{{3}})-([A-Z])(\d{{1,2}}){_UNIT_END}"
UNIT_ID_RE = re.compile(UNIT_ID)
# As an operator types one: any case, the dashes left out or spaced ("ero e1", "HAKE1", "kam-a 2"). Loose enough to
# take "the A1" for a unit: match what it finds against the scenario's ids (``agent.slots.canonical_unit_ids``).
TYPED_UNIT_ID_RE = re.compile(rf"{_UNIT_START}([A-Za-z]{{3}})[\s-]?([A-Za-z])[\s-]?(\d{{1,2}}){_UNIT_END}")


def unit_id_of(match: re.Match[str]) -> str:
    """The canonical id ("KAM-A1") of a match of either unit pattern."""
    return f"{match.group(1)}-{match.group(2)}{match.group(3)}".upper()
