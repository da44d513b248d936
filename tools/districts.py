"""The districts and well-known neighbourhoods of Helsinki, as residents and callers name them.

A caller who says "in Vallila" or "Kallion alueella" means the district. The OSM extract names shops, bars and brands
after districts too (a "Vallila" interior-design shop in the Stockmann basement): such a feature is not the place a
report names with the district's bare name. The gazetteer (tools/gazetteer.py) does not read a landmark of that name
as a place unless it is itself a district-level feature of the map (place=suburb/neighbourhood/quarter); a district
outside the map is then reported as "not on the map" (tools/locate/locator.py, step 8). Names in their Finnish
nominative, lower-cased; Swedish names of the larger districts too.
"""

from __future__ import annotations

HELSINKI_DISTRICTS: frozenset[str] = frozenset({
    # inner city
    "kruununhaka", "kluuvi", "kaartinkaupunki", "punavuori", "eira", "ullanlinna", "kaivopuisto", "katajanokka",
    "kamppi", "etu-töölö", "taka-töölö", "töölö", "hietalahti", "ruoholahti", "jätkäsaari", "länsisatama", "lauttasaari",
    "suomenlinna", "kaisaniemi", "hakaniemi", "siltasaari", "merihaka",
    # north of the centre
    "kallio", "sörnäinen", "alppiharju", "alppila", "harju", "torkkelinmäki", "vallila", "hermanni", "kalasatama",
    "pasila", "meilahti", "ruskeasuo", "laakso", "kumpula", "toukola", "arabianranta", "käpylä", "koskela", "oulunkylä",
    "maunula", "pakila", "haaga", "munkkiniemi", "munkkivuori", "pitäjänmäki", "kannelmäki", "malminkartano", "konala",
    "lassila", "viikki", "malmi", "pukinmäki", "tapanila", "puistola", "jakomäki", "suutarila", "tuomarinkylä",
    # east
    "kulosaari", "herttoniemi", "roihuvuori", "laajasalo", "santahamina", "vartiokylä", "itäkeskus", "myllypuro",
    "kontula", "mellunmäki", "vuosaari", "marjaniemi",
    # Swedish names of the larger ones
    "kronohagen", "gloet", "gardesstaden", "rödbergen", "brunnsparken", "skatudden", "kampen", "tölö", "berghäll",
    "sörnäs", "vallgård", "böle", "mejlans", "forsby", "åggelby", "nordsjö", "gräsviken",
})
# OSM place values of a district-level feature: one of these *is* the district.
DISTRICT_PLACE_VALUES: frozenset[str] = frozenset({"suburb", "neighbourhood", "quarter", "borough", "city_block"})


def names_a_district(key: str) -> bool:
    """Is ``key`` (a gazetteer key, normalised to lower case) the name of a Helsinki district?"""
    return key.strip().lower() in HELSINKI_DISTRICTS
