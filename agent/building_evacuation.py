"""An evacuation order for one building: "evacuate the building at Kaisaniemenkatu 5, … about 390 residents need a
shelter for the night", "evakuoi talo, noin 390 asukasta", "evakuera huset, 390 boende", "疏散这栋楼的390名居民".

Planned as an area, such an order moved the population of every district the default 200 m circle touched (trial 18 H7:
538 people at night, 6,329 by day, for one apartment block of about 390).  This module reads the words only: whether
the order is for one building, and the number of its occupants when the order gives one; the chat fills the rest
(the building estimate of the incident's plan, the hazard) and the evacuation planner moves those people.
"""

from __future__ import annotations

import re

__all__ = ["building_order", "occupants_said"]

_BUILDING = re.compile(r"\b(?:building|apartment\s+block|block\s+of\s+flats|tower\s+block|house|flats|care\s+home|"
                       r"rakennu\w*|kerrostalo\w*|talo(?:n|sta|ssa)?|asuintalo\w*|huset|byggnaden|fastigheten|hyreshuset)\b"
                       r"|大楼|楼房|这栋楼|整栋楼|公寓楼|住宅楼|楼里", re.IGNORECASE)
# an area order: a radius, or an area noun ("evacuate 300 m around", "the whole district")
_AREA = re.compile(r"\b\d+\s*(?:m|km|metres?|meters?|metriä|meter)\b|\b(?:area|district|zone|neighbou?rhood|streets|quarter|"
                   r"alue\w*|kaupunginosa\w*|området|stadsdelen)\b|\d+\s*(?:米|公里)|区域|街区|一带", re.IGNORECASE)
_PEOPLE = (r"(?:residents|people|persons|occupants|tenants|inhabitants|asukas\w*|henke\w*|ihmis\w*|boende|personer|invånare|"
           r"hyresgäster)")
_COUNT = re.compile(rf"(?<![\d.,])(\d{{1,3}}(?:[ ,]\d{{3}})+|\d+)\s+(?:[a-zåäö]+\s+)?{_PEOPLE}\b"
                    r"|(\d+)\s*(?:名|个|位)?(?:住户|居民|人)", re.IGNORECASE)


def building_order(text: str) -> bool:
    """Is the evacuation ordered for one building (a building named, no radius or area)?"""
    return bool(_BUILDING.search(text or "")) and not _AREA.search(text or "")


def occupants_said(text: str) -> int | None:
    """The number of the building's people the order gives ("about 390 residents", "390名居民"), else None."""
    found = _COUNT.search(text or "")
    if found is None:
        return None
    number = int(re.sub(r"[ ,]", "", found.group(1) or found.group(2)))
    return number if 0 < number <= 100000 else None
