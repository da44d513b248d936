"""Where is it? Free-text location of an incident on the scenario map, with its uncertainty.

A report may give an address ("Kaisaniemenkatu 10", "Mannerheimintiellä 5"), a junction
("corner of Fabianinkatu and Eteläesplanadi", "X/Y", "X和Y路口"), a named feature in any
language OSM knows ("Helsinki Cathedral", "Domkyrkan"), a generic description ("the
railway station", "火车站"; see tools.place_aliases), and a relation to it ("opposite",
"behind", "under", "at the north end of", 对面, 后面, 旁边, 门口, 地下).

Every answer is a :class:`Resolution`: a point, an uncertainty radius, the feature it rests
on, the words of the report it rests on, alternatives when the text fits several places,
and ``confident`` (false when the radius is wide or the words are ambiguous). A place the
map does not have is said to be not on the map (possibly outside the scenario area): it
is never snapped to the nearest thing inside. Method order: address > junction > named
feature (with a relation) > generic description > street > zone.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, Field

from tools.addresses import AddressIndex
from tools.gazetteer import SAME_PLACE_M, Entry, Mention, adjective_of_next, has_cjk, is_notable, is_stop, name_stem, normalize, word_pattern
from tools.place_aliases import GENERIC_PLACES, GenericPlace, tags_match
from tools.place_words import concepts, latin_sound_key, pinyin_sound_key, place_word_forms, translit_runs, zh_kind_hint

log = logging.getLogger(__name__)

# A spelling correction at least this close (rapidfuzz ratio) may be confident; below it, always confirm.
FUZZY_CONFIDENT = 92.0
# A misspelt name right before its kind ("Kiazma museum") is compared with the names of that kind only, this close.
KIND_SPELLING_MIN = 80.0
# An answer is confident when its uncertainty is at most this and nothing else fits the words.
CONFIDENT_RADIUS_M = 200.0
# Extra uncertainty a relation adds to its anchor (m): "opposite" is across the street, "behind" the block.
RELATION_OFFSET_M = {"opposite": 40.0, "behind": 60.0, "next_to": 30.0, "in_front": 15.0, "under": 0.0, "near": 120.0}
JUNCTION_SPREAD_M = 80.0
# Reports whose scan (names, house numbers) is kept for the next question about the same text.
REPORT_CACHE_SIZE = 256
# A generic description ("the underpass") is tied to a street or district the report names only this close to it.
CONTEXT_GAP_M = 150.0

_REL_BEFORE = [  # English and Swedish put the relation before the place
    ("opposite", r"(opposite|across (the street |the road |the square )?from|on the other side of|mittemot|over gatan fran|pa andra sidan av)"),
    ("behind", r"(behind|round the back of|at the back of|at the rear of|in the back of|in the courtyard of|bakom|pa baksidan av)"),
    ("next_to", r"(next to|beside|adjacent to|alongside|right by|just by|on the corner of|at the corner of|bredvid|intill|invid|i horn(et)? av)"),
    ("in_front", r"(in front of|outside|at the (main |front |back )?(entrance|door|doors|gate|gates) (of|to)|at the foot of the steps of|on the steps of|the steps of|steps of|framfor|utanfor|vid ingangen till|vid entren till|pa trappan till)"),
    ("under", r"(under|below|beneath|underneath|underground (passage )?(below|under)|nedanfor|under)"),
    ("near", r"(near|close to|round the corner from|around the corner from|not far from|in the vicinity of|nara|i narheten av|runt hornet fran)"),
]
# "<the place meant> by / at / vid <a named place that says which one>" (the named place follows these words).
# A relation word there too: "the park behind the cathedral" is the park (nearest the cathedral), not the cathedral.
_CONTEXT_WORDS = re.compile(r"(?<!\w)(by|at|near|beside|next to|vid|invid|bredvid|intill|nara|pa|behind|opposite|across from"
                            r"|across the (?:street|road|square) from|in front of|outside|bakom|mittemot|framfor|utanfor) (the )?$")
# Chinese puts the named place first: "老教堂公园", "老教堂的公园", "老教堂旁边的公园".
_CJK_LINK = re.compile(r"^\s*(的|旁 边 的|旁 的|边 的|附 近 的|前 面 的|后 面 的|旁 邊 的|邊 的|对 面 的|對 面 的|门 口 的|門 口 的|隔 壁 的"
                       r"|背 后 的|後 面 的)?\s*$")
# The feature of the kind described is taken as the one meant only this close to the named place beside it.
CONTEXT_NEAR_M = 150.0
# A street this short (its uncertainty radius, m) -- a bridge, a lane -- can anchor "under / behind / opposite".
SHORT_STREET_M = 60.0
# Between a description and the one it modifies: nothing, or the Chinese possessive ("大学的地铁站").
_COMPOUND_LINK = re.compile(r"^\s*(的\s*)?$")
# After "<anchor> <relation word>", before the description of the place meant: Chinese "的", Finnish "oleva(n)" + an
# adjective or two ("火车站对面的酒店", "tuomiokirkon takana olevan pienen kirkon edessä").
_AFTER_RELATION_LINK = re.compile(r"^\s*(的(?: [^\W\d]){0,2}|(?:oleva|olevan|olevassa|olevalla|olevaan|olevalle|sijaitseva\w*)(?: \w+){0,2})?\s*$")
# Chinese street words after a transliterated street name ("曼纳海姆大街", "亚历山大路").
_ZH_STREET_WORD = re.compile(r"大街|大道|街|路")
# A transliterated street name matches a street of the map by sound at least this close (rapidfuzz ratio of skeletons).
STREET_SOUND_MIN_RATIO = 85.0
# Between a street named first and the place that says which part of it ("Keskuskatu by Stockmann", "på Brunnsgatan vid
# stationen").
_STREET_CONTEXT = re.compile(r"^ (?:at|by|near|outside|beside|next to|in front of|vid|invid|bredvid|nara|framfor|utanfor)(?: the)? $")
# Nothing, or "the glass one" between a description and "by / near <named place>" ("the concert hall, the glass one
# near Kiasma").
_APPOSITIVE = re.compile(r"^\s*(?:the (?:\w+ ){0,2}one\s*)?$")
# "between A and B" (the places follow) or "A:n ja B:n välissä", "A和B之间" (they come before).
_BETWEEN = re.compile(r"(?<!\w)(?P<before>between|mellan)(?!\w)|(?<!\w)(valissa|valilla|valiin)(?!\w)|之 间|之 間|中 间|中 間")
# Two places further apart than this are not one spot "between" them.
BETWEEN_MAX_M = 300.0
# A side of a place the report names: "the west side", "on the north side", "länsipuolella", "västra sidan", "西侧".
_SIDE = re.compile(r"(?<!\w)(north|south|east|west)(?:ern)? (?:side|end|entrance)(?!\w)|(?<!\w)(pohjois|etela|ita|lansi)(?:puolella|puoli|paadyssa|paassa)"
                   r"|(?<!\w)(norra|sodra|ostra|vastra) (?:sidan|anden|ingangen)|(北|南|东|西|東) (?:侧|側|边|邊|面)")
_SIDE_WORD = {"pohjois": "north", "etela": "south", "ita": "east", "lansi": "west", "norra": "north", "sodra": "south",
              "ostra": "east", "vastra": "west", "北": "north", "南": "south", "东": "east", "東": "east", "西": "west"}
# Before a second description: "the town hall by the harbour" -- the harbour only says which town hall.
_CONTEXT_BEFORE = re.compile(r"(?<!\w)(by|at|near|down at|on|in|along|close to) (the )?$")
_REL_AFTER = [  # Finnish postpositions and Chinese localisers follow it
    ("opposite", r"(vastapaata|vastapuolella|toisella puolella|对 面|對 面|对 过|對 過)"),
    ("behind", r"(takana|taakse|takaa|takapihalla|takaovella|takaoven|pihalla|sisapihalla|后 面|後 面|背 后|後 方|后 方|后 边|後 邊|背 面|后 门|後 門)"),
    ("next_to", r"(vieressa|vierella|viereen|vierusta\w*|kupeessa|kyljessa|kulmalla|kulmassa|nurkalla|nurkassa|旁 边|旁 邊|边 上|隔 壁|侧 面|側 面|拐 角)"),
    ("in_front", r"(edessa|eteen|edesta|edustalla|ovella|ovilla|ovien|ulko ovella|paaovella|sisaankaynnilla|sisaankaynnin|portailla|rappusilla|ulkopuolella|门 口|門 口|前 面|入 口|台 阶|门 前|門 前|外 面|外 边|外 邊|正 门 口|正 門 口|正 门|正 門)"),
    ("under", r"(alla|alle|alta|alapuolella|地 下|下 面|底 下|下 方)"),
    ("near", r"(lahella|lahistolla|lahettyvilla|luona|tuntumassa|liepeilla|kulmilla|ymparilla|ymparistossa|附 近|边 的|邊 的|旁 的|一 带|周 围|周 圍|周 边|周 邊)"),
]
_END = re.compile(
    r"(?:at |on |in )?(?:the )?(north|south|east|west|northern|southern|eastern|western)(?:ern)? (?:end|side|part|corner|edge) of"
    r"|(pohjois|etela|ita|lansi)(?:paassa|paadyssa|paahan|puolella|osassa|laidalla|kulmassa)"
    r"|(norra|sodra|ostra|vastra) (?:anden|delen|sidan) (?:av )?"
    r"|(北|南|东|西|東) (?:端|边|邊|侧|側|头|頭|部)")
_DIRECTION = {"north": (0, 1), "northern": (0, 1), "pohjois": (0, 1), "norra": (0, 1), "北": (0, 1),
              "south": (0, -1), "southern": (0, -1), "etela": (0, -1), "sodra": (0, -1), "南": (0, -1),
              "east": (1, 0), "eastern": (1, 0), "ita": (1, 0), "ostra": (1, 0), "东": (1, 0), "東": (1, 0),
              "west": (-1, 0), "western": (-1, 0), "lansi": (-1, 0), "vastra": (-1, 0), "西": (-1, 0)}
_JUNCTION_WORD = re.compile(r"\b(corner|junction|intersection|crossing|crossroads|kulma\w*|risteykse\w*|risteys\w*|hornet|korsning\w*)\b|路 口|交 叉|十 字|拐 角|交 汇|交 界")
_CONNECTOR = re.compile(r"^\s*(and|ja|och|&|x|with|和|与|與|跟|及|at)?\s*$")
_CLOCK_TIME = re.compile(r"(?<![\d:.,])(?:[01]?\d|2[0-3])[:.][0-5]\d(?!\d|[:.,]\d)")  # "21:15:" too
_HOUSE_NUMBER = re.compile(r"^ (?:(?:numero|nro|nr|no|number|nummer|n o) )?(\d{1,3})(?: ?([a-h]))?(?= |$)")
# A number the report writes right before one of these words is a distance, a count or a floor, not a house number.
_NOT_A_HOUSE_NUMBER = r"\s*(?:m|km|min|minutes|metres|meters|metria|people|persons|hloa|henkea|krs|kerros|floor|cars|vehicles|%)(?!\w)"
# Finnish numeral nouns of speech (ykkönen, kakkonen ... kymppi), in their case forms, as a house number after a street.
_FI_SPOKEN_VALUE = {"ykko": 1, "kakko": 2, "kolmo": 3, "nelo": 4, "vito": 5, "kuto": 6, "seiska": 7, "ysi": 9, "kymppi": 10, "kympi": 10}
_FI_SPOKEN_NUMBER = re.compile(r"^ (?:(ykko|kakko|kolmo|nelo|vito|kuto)(?:nen|sen|sessa|sella|selle|selta|sesta|seen)"
                               r"|(seiska|ysi)(?:n|lla|ssa|lle|lta|sta|in)?|(kymppi|kympi)(?:n|lla|ssa|lle|lta|sta|in)?)(?= |$)")
_PASSAGE_WORDS = re.compile(r"\b(passage|tunnel|underpass|subway|metro|kaytava\w*|tunneli\w*|tunnel\w*|gang\w*)\b|通 道|地 道|隧 道|地 铁|地 鐵")
# Words that look like a place name the map does not have: a capitalised word with a street or place ending.
_PLACE_LIKE = re.compile(
    r"\b([A-ZÄÖÅ][\wäöåÄÖÅ'’-]*(?:katu|kadu\w*|tie|tien|tiell\w*|kuja\w*|polku|ranta|rann\w*|tori\w*|aukio\w*|puisto\w*|gatan|vägen|gränd|torget|parken|plan)"
    r"|[A-ZÄÖÅ][\wäöå'’-]+ (?:Street|Road|Avenue|Boulevard|Lane|Drive|Square|Park|Station|Church|Cathedral|Bridge|Harbour|Harbor|Market|Hall|Museum|Airport|Island|Stadium))\b")
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|[^\W\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+")
_REL_LABEL = {"opposite": "opposite", "behind": "behind", "next_to": "next to", "in_front": "in front of", "under": "under", "near": "near"}
_DIR_LABEL = {"pohjois": "north", "norra": "north", "北": "north", "etela": "south", "sodra": "south", "南": "south", "ita": "east",
              "ostra": "east", "东": "east", "東": "east", "lansi": "west", "vastra": "west", "西": "west"}
_NOT_QUALIFIERS = {"the", "a", "an", "this", "that", "at", "in", "on", "by", "near", "outside", "inside", "behind", "opposite", "main",
                   "central", "big", "small", "our", "my", "your", "his", "her", "their", "from", "to", "into", "under",
                   "below", "beside", "next", "front", "den", "det", "en", "ett", "vid", "pa", "i", "framfor", "bakom", "mittemot",
                   "utanfor", "han", "hon", "he", "she", "we", "they", "there", "here", "smoke", "fire", "help", "police", "ambulance"}
_PREP_UNKNOWN = re.compile(r"\b(?:in|at|near|to|from|i|på|vid|nära)\s+([A-ZÄÖÅ][\wäöåÄÖÅ-]{2,})")
# A Chinese transliteration is matched by sound (tools/place_words.py) at least this close (rapidfuzz ratio of the
# consonant skeletons); without a kind word after it ("百货", "雕像") only an exact skeleton of 4+ consonants counts.
SOUND_MIN_RATIO = 80.0
# Everyday words of reports that must not be "corrected" into a place name.
_COMMON_WORDS = {"there", "where", "people", "person", "woman", "women", "children", "smoke", "floor", "street", "corner", "behind",
                 "inside", "outside", "building", "injured", "trapped", "police", "ambulance", "please", "station", "square",
                 "about", "after", "before", "still", "under", "front", "their", "water", "leaking", "burning", "fire", "help",
                 "boulevard", "avenue", "road", "lane", "bridge", "church", "cathedral", "market", "harbour", "museum", "theatre",
                 "hotel", "library", "school", "hospital", "stadium", "park", "garden", "tower", "palace", "island"}
_STREET_WORD_AFTER = re.compile(r"^ (street|road|avenue|boulevard|lane|drive|way|katu|tie|gatan|vagen|strasse)\b( \d{1,4})?|^ \d{1,4}(?: [a-h])?(?= |$)")
# Chinese localisers that start with a transliteration character: "门口" / "门前" (at the door) after a name.
_ZH_DOOR_WORDS = ("门口", "門口", "门前", "門前")
_CJK_FILLER = set("在到去从的于近往我们是有这那个了和与及就里內内边")


# Finnish case endings a misspelt name may carry (diacritics folded), longest first.
_FI_ENDINGS = ("ssa", "sta", "lla", "lta", "lle", "ksi", "een", "iin", "aan", "in", "la", "na", "ta", "sa", "n")


# Function words of the report languages: never part of a misspelt name ("that her" is not "theater").
_FUNCTION_WORDS = {"the", "a", "an", "and", "or", "but", "that", "this", "these", "those", "her", "his", "him", "she", "he", "it",
                   "its", "they", "them", "their", "we", "our", "you", "your", "my", "me", "is", "are", "was", "were", "be", "been",
                   "has", "have", "had", "do", "does", "did", "then", "than", "there", "here", "with", "from", "into", "onto", "of",
                   "to", "in", "on", "at", "by", "for", "as", "if", "so", "no", "not", "all", "some", "any", "one", "who", "what",
                   "when", "where", "which", "while", "just", "still", "very", "too", "also", "now", "ja", "ei", "se", "ne", "han",
                   "on", "oli", "ovat", "kun", "etta", "mutta", "tai", "och", "att", "det", "den", "som", "ar", "var", "med", "pa",
                   "av", "till", "for", "inte", "har", "jag", "vi",
                   # prepositions and postpositions of place: a relation to a name, never a part of it
                   "near", "behind", "opposite", "beside", "outside", "inside", "under", "across", "along", "around",
                   "between", "next", "vid", "bakom", "framfor", "nara", "mittemot", "bredvid", "utanfor", "takana", "edessa",
                   "vieressa", "lahella", "alla", "vastapaata"}


# Tags whose values describe a place in words a report may use before its kind ("the Lutheran cathedral", "the Italian
# restaurant", "the swimming hall"); names, addresses and identifiers are not descriptions.
_DESCRIPTIVE_TAGS = ("denomination", "religion", "cuisine", "sport", "building", "amenity", "shop", "tourism", "leisure",
                     "historic", "artwork_type", "material", "memorial")


def _tag_words(tags: dict[str, str]) -> set[str]:
    return {w for k in _DESCRIPTIVE_TAGS for v in tags.get(k, "").split(";") for w in re.split(r"[_\s]+", v.strip().lower()) if len(w) >= 4}


def _plain_spans(norm: str, mentions: list[Mention]) -> set[tuple[int, int]]:
    """Spans of the streets and districts a report writes exactly as the map names them."""
    return {(m.start, m.end) for m in mentions if m.entry.kind in ("street", "zone") and norm[m.start:m.end] == m.key}


def _spelling_variants(gram: str) -> list[tuple[str, str]]:
    """(variant, how): the gram ("as"); its words joined ("joined"); its last word without a case ending ("stem")."""
    out = [(gram, "as")]
    words = gram.split()
    joinable = len(words) > 1 and all(len(w) >= 3 and w not in _FUNCTION_WORDS for w in words)
    if joinable:
        out.append(("".join(words), "joined"))
    last = words[-1]
    for end in _FI_ENDINGS:
        if last.endswith(end) and len(last) - len(end) >= 4:
            stem = last[: -len(end)]
            # Stem changes of inflection: katu -> kadu-, lahti -> lahde-, Sokos -> Sokokse-.
            for s in (stem, re.sub(r"kadu$", "katu", stem), re.sub(r"hde$", "hti", stem), re.sub(r"kse$", "s", stem)):
                out.append((" ".join(words[:-1] + [s]), "stem"))
                if joinable:  # a compound written apart and inflected ("Kolmen sepän aukiolla": Kolmensepänaukio)
                    out.append(("".join(words[:-1] + [s]), "joined"))
    return list(dict.fromkeys(out))


# Letters a report writes on purpose: a name without them is another name ("Kämp" is not "Kamppi").
_MARKED = re.compile(r"[äöåÄÖÅ]")
_MARKED_WORD = re.compile(r"\w*[äöå]\w*")
# A report that corrects itself: what follows replaces the place named before ("the Esplanade? no, the Kaisaniemi one").
_CORRECTION = re.compile(
    r"(?:(?<=[?.!,;:\u2014\u2013-])|(?<=[?.!,;:\u2014\u2013-]\s)|^)\s*(?:"
    r"(?:no+|nope|sorry|correction|nej|förlåt|anteeksi|ei)\s*[,!.:;\u2014\u2013-]+"
    r"|(?:no,?\s+)?i mean\b[,:]?|no,?\s+(?:wait|sorry)\b[,!.:;]?|wait\s*[,!.:;\u2014\u2013-]+"
    r"|ei kun|eikun|ei vaan|tarkoitan|jag menar|(?:nej,?\s+)?förlåt\b"
    r")|(?:不对|不是不是|我是说|说错了|更正)[，,：:。]?", re.IGNORECASE)
# "the Kaisaniemi one": the kind of the place named before the correction.
_ONE = re.compile(r"(?i)\b(?:the\s+)?([A-ZÄÖÅ][\wäöå-]+)\s+(one)\b")
# A feature named only by an ordinary word ("Vanha", "Torni") is confirmed by another place of the report this close.
ALIAS_CORROBORATION_M = 60.0


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


@dataclass
class _Generic:
    start: int
    end: int
    kind: GenericPlace
    phrase: str


@dataclass
class _CjkIndex:
    """Latin names by their sound skeleton (for Chinese transliterations) and the map's own Chinese names."""

    sound_index: dict[str, list[Entry]]
    sound_keys: list[str]
    known_names: list[str]
    # Streets by the sound of their name without the street word ("Mannerheimintie" -> "mannerheim": 曼纳海姆大街).
    street_sounds: dict[str, list[Entry]] = dataclasses.field(default_factory=dict)


class Locator:
    """Resolves report text to a Resolution on one city model."""

    def __init__(self, city: Any):
        """``city``: a tools.city.CityModel (gazetteer, features, graphs, projection, bbox, scenario)."""
        self.city = city
        self.gaz = city.gazetteer
        self.proj = city.projection
        self.addresses = AddressIndex(city.features, self.proj)
        self._street_nodes: dict[str, set[int]] = {}
        self._node_xy: dict[int, tuple[float, float]] = {}
        for g in (city.drive, city.walk):
            for u, v, data in g.edges(data=True):
                name = data.get("name") or ""
                if not name:
                    continue
                key = normalize(name)
                for n in (u, v):
                    self._street_nodes.setdefault(key, set()).add(n)
                    if n not in self._node_xy:
                        x, y = self.proj.to_xy(g.nodes[n]["lat"], g.nodes[n]["lon"])
                        self._node_xy[n] = (float(x), float(y))
        self._landmarks = [e for e in self.gaz.entries if e.kind == "landmark" and e.geometry is not None]
        self._generic_patterns = []
        for gp in GENERIC_PLACES:
            for phrase in gp.phrases:
                key = normalize(phrase)
                body = " ".join(word_pattern(w) for w in key.split())
                self._generic_patterns.append((gp, key, re.compile(r"(?<!\w)" + body + r"(?!\w)")))
        # Longest description first: "集市大厅" (market hall) is not "集市" (market square) + a word.
        self._generic_patterns.sort(key=lambda t: -len(t[1]))
        self._generic_regex = {key: pat for _, key, pat in self._generic_patterns}
        # Inflection changes the end of a word (and gradation its last consonants), never its first letters.
        self._generic_literals = {key: (key if has_cjk(key) else key.split()[0][:3]) for _, key, _ in self._generic_patterns}
        # The descriptions by the first three letters of that piece: a report is compared only with those whose
        # piece starts at one of its own letter runs.
        self._generic_by_piece: dict[str, list[int]] = {}
        for i, (_, key, _) in enumerate(self._generic_patterns):
            self._generic_by_piece.setdefault(self._generic_literals[key][:3], []).append(i)
        self._generic_cache: dict[str, list[Entry]] = {}
        self._named_kind_cache: dict[str, list[Entry]] = {}
        self._generic_by_key: dict[str, list[GenericPlace]] = {}
        for gp in GENERIC_PLACES:
            for ph in gp.phrases:
                self._generic_by_key.setdefault(normalize(ph), []).append(gp)
        self._generic_keys = set(self._generic_by_key)
        self._generic_word_set = {w for k in self._generic_keys for w in k.split()}
        # Every word of every known name ("helsingin", "kaisaniemen"): a word in front of a description that is one
        # of these belongs to a name on the map.
        self._name_words = {w for k in list(self.gaz.name_keys()) + list(self.gaz.context_keys) for w in k.split()}
        # A word of one notable feature's name that no other place shares ("Hilton", "Marski"): the report may give
        # only that word. Common place-name words (glossary concepts), city names and short words are left out.
        word_places: dict[str, list[Entry]] = {}
        for e in self.gaz.entries:
            if e.kind != "landmark" or is_stop(e.tags) or "entrance" in e.tags or not is_notable(e.tags):
                continue
            for k in e.keys:
                if has_cjk(k):
                    continue
                for w in k.split():
                    if len(w) >= 5 and w.isalpha() and concepts(w) is None and w not in self.gaz.context_keys and w not in _COMMON_WORDS:
                        if e not in word_places.setdefault(w, []):
                            word_places[w].append(e)
        self._unique_words = {w: es[0] for w, es in word_places.items()
                              if all(self._dist(x, es[0]) <= SAME_PLACE_M for x in es) and w not in self.gaz.name_keys()}
        # One scan of a report's text (the names in it, its house numbers), shared by locate() and house_number(): the
        # protective planner asks for the number of each street a report names, after the plan has located it.
        self._scan = lru_cache(maxsize=REPORT_CACHE_SIZE)(self._read)
        self._house_numbers = lru_cache(maxsize=REPORT_CACHE_SIZE)(self._read_house_numbers)
        # Indexes only a Chinese report needs (names by sound, the map's Chinese names): built on the first one.
        self._cjk: _CjkIndex | None = None
        self._exact_words: dict[str, list[Entry]] | None = None
        # Names and descriptions a misspelling may stand for (Latin script; long enough to tell apart).
        self._fuzzy_keys = sorted({k for k in self.gaz.name_keys() if len(k) >= 5 and not has_cjk(k)}
                                  | {normalize(ph) for gp in GENERIC_PLACES for ph in gp.phrases if len(ph) >= 6 and not has_cjk(ph)})
        # By first letter, and by first three: a misspelling seldom gets the first letter wrong, and a reading over a
        # name already found keeps its start -- a fraction of the names to compare.
        self._fuzzy_by_prefix: dict[str, list[str]] = {}
        for k in self._fuzzy_keys:
            self._fuzzy_by_prefix.setdefault(k[:1], []).append(k)
            self._fuzzy_by_prefix.setdefault(k[:3], []).append(k)

    def _cjk_index(self) -> "_CjkIndex":
        """The indexes only Chinese reports use, built on the first one (~0.3-0.5 s: every Latin name's sound
        skeleton). Two threads may both build it; each assigns a complete index, so either is fine."""
        if self._cjk is None:
            # Latin names by their sound skeleton, for Chinese transliterations ("斯托克曼" -> Stockmann): the whole name,
            # and each word of it that is not a common place-name word (a Finnish genitive also without its -n).
            sound_index: dict[str, list[Entry]] = {}
            word_endings = tuple(f for f in place_word_forms() if len(f) >= 4)  # once, not per word
            for e in self.gaz.entries:
                # Landmarks, and scenario places with their OSM twin's tags (the staging area Hakaniemen tori holds
                # the square's names: its OSM entry gave them up to it).
                if e.kind in ("street", "zone") or is_stop(e.tags) or (e.kind != "landmark" and not e.tags):
                    continue
                sounds: set[str] = set()
                for k in e.keys:
                    if has_cjk(k):
                        continue
                    sounds.add(latin_sound_key(k))
                    for w in k.split():
                        if len(w) >= 5 and concepts(w) is None:
                            stems = [w] + [w[: -len(f)] for f in word_endings if w.endswith(f) and len(w) - len(f) >= 4]
                            for stem in stems:  # "esplanadinpuisto": also "esplanadin", "esplanadi"
                                sounds.add(latin_sound_key(stem))
                                if stem.endswith("n"):
                                    sounds.add(latin_sound_key(stem[:-1]))
                for key in sounds:
                    if len(key) >= 2 and e not in sound_index.setdefault(key, []):
                        sound_index[key].append(e)
            known = [k.replace(" ", "") for k in list(self.gaz.name_keys()) + list(self.gaz.context_keys) if has_cjk(k) and len(k) >= 3]
            street_sounds: dict[str, list[Entry]] = {}
            for e in self.gaz.entries:
                if e.kind != "street" or "addresses_only" in e.tags:
                    continue
                for k in e.keys:
                    if has_cjk(k) or " " in k:
                        continue
                    base = re.sub(r"(katu|tie|kuja|polku|ranta|gatan|gata|vagen|grand)$", "", k)
                    if len(base) < 4:
                        continue
                    if base != k:
                        base = re.sub(r"(?<=[aeiouy])n$", "", base)  # the genitive of the name before the street word
                    for b in {base, re.sub(r"^(etela|pohjois|ita|lansi)", "", base)}:
                        sk = latin_sound_key(b)
                        if len(sk) >= 3 and e not in street_sounds.setdefault(sk, []):
                            street_sounds[sk].append(e)
            self._cjk = _CjkIndex(sound_index, list(sound_index), known, street_sounds)
        return self._cjk

    # --- helpers -------------------------------------------------------------
    def _xy(self, lat: float, lon: float) -> tuple[float, float]:
        x, y = self.proj.to_xy(lat, lon)
        return float(x), float(y)

    def _latlon(self, x: float, y: float) -> tuple[float, float]:
        lat, lon = self.proj.to_latlon(x, y)
        return float(lat), float(lon)

    def _dist(self, a: Entry, b: Entry) -> float:
        """Metres between two entries' geometries (0 when they touch)."""
        from shapely.geometry import Point

        ga = a.geometry if a.geometry is not None else Point(*self._xy(a.lat, a.lon))
        gb = b.geometry if b.geometry is not None else Point(*self._xy(b.lat, b.lon))
        return float(ga.distance(gb))

    def generic_candidates(self, gp: GenericPlace) -> list[Entry]:
        """Features of that kind: named with one of its phrases ("Kauppatori" is "market square"), then tagged as it."""
        if gp.kind not in self._generic_cache:
            named: list[Entry] = []
            for phrase in (gp.phrases if gp.by_name else ()):
                for e in self.gaz.named(normalize(phrase)):
                    # Named so, and not tagged as something else (the metro station "Järnvägsstationen").
                    if e.tags and e.kind == "landmark" and not any(tags_match(rule, e.tags) for rule in gp.tags) \
                            and any(k in e.tags for rule in gp.tags for k in rule):
                        continue
                    if e not in named:
                        named.append(e)
            tagged = [e for e in self.gaz.entries if e.tags and e not in named and any(tags_match(rule, e.tags) for rule in gp.tags)]
            if gp.ranked and tagged:
                def fit(e: Entry) -> int:
                    return next(i for i, rule in enumerate(gp.tags) if tags_match(rule, e.tags))
                best_fit = min(fit(e) for e in tagged)
                tagged = [e for e in tagged if fit(e) == best_fit]
            # A facility and its OSM twin are one place: keep the facility.
            twins = {e.ref for e in tagged + named if e.kind != "landmark" and e.ref}
            self._generic_cache[gp.kind] = [e for e in named + tagged if not (e.kind == "landmark" and e.ref in twins)]
        return self._generic_cache[gp.kind]

    def _renamed(self, m: Mention) -> Mention:
        """The mention on the entry of its name that is of the kind the name describes, when another one comes first."""
        if not self._misnamed(m):
            return m
        kinds = self._generic_by_key.get(m.key, [])
        fit = next((e for e in self.gaz.named(m.key) if any(e in self.generic_candidates(gp) for gp in kinds)), None)
        return dataclasses.replace(m, entry=fit) if fit is not None else m

    def _named_of_kind(self, text: str, norm: str, g: "_Generic", cands: list[Entry]) -> Resolution | None:
        """"the Mannerheim statue", "the Hilton hotel": a word of one feature's name right before a description of its kind."""
        from rapidfuzz import fuzz

        words = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[a-z][a-z0-9]+", norm[max(0, g.start - 30): g.start])]
        words = [(a + max(0, g.start - 30), b + max(0, g.start - 30), w) for a, b, w in words][-2:]
        words = [(a, b, w) for a, b, w in words if len(w) >= 4 and w not in _NOT_QUALIFIERS and w not in _COMMON_WORDS
                 and w not in self.gaz.context_keys]
        if not words or has_cjk(norm[max(0, g.start - 2): g.start]):
            return None
        for a, _, word in reversed(words):  # the word right before first ("the Runeberg statue", "Mannerheim statue")
            stem = word[: max(4, len(word) - 2)]
            fits = [e for e in cands if any(w.startswith(stem) or (len(w) >= 5 and fuzz.ratio(w, word) >= 85.0)
                                            for k in e.keys if not has_cjk(k) for w in k.split())]
            if fits:
                break
        if not fits or not all(self._dist(e, fits[0]) <= SAME_PLACE_M for e in fits):
            return None
        pick = max(fits, key=lambda e: (e.geometry.area if e.geometry is not None else 0.0))
        res = self._feature(text, norm, pick, a, g.end, 0.95, "feature")
        res.note = (res.note + " " if res.note else "") + f"\"{word}\" read as part of the name {pick.name}."
        return res

    def _side(self, norm: str, anchor: Entry, cands: list[Entry]) -> Entry | None:
        """The candidate on the side of the anchor the report names ("the west side", "länsipuolella", "西侧"), when
        one lies clearly more that way than the others."""
        m = _SIDE.search(norm)
        if m is None:
            return None
        word = next(w for w in m.groups() if w)
        dx, dy = _DIRECTION[_SIDE_WORD.get(word, word)]
        ax, ay = self._xy(anchor.lat, anchor.lon)

        def along(e: Entry) -> float:
            ex, ey = self._xy(e.lat, e.lon)
            d = math.hypot(ex - ax, ey - ay) or 1.0
            return ((ex - ax) * dx + (ey - ay) * dy) / d  # cosine of the bearing off the named direction

        ranked = sorted(cands, key=along, reverse=True)
        return ranked[0] if along(ranked[0]) >= 0.5 and (len(ranked) == 1 or along(ranked[1]) < 0.2) else None

    def _streets_by_sound(self, text: str) -> tuple[str, str] | None:
        """The report with every transliterated street name before 街/路/大街/大道 replaced by the map's name, and what was read."""
        from rapidfuzz import fuzz, process

        cjk = self._cjk_index()
        keys = list(cjk.street_sounds)
        out, said, last = [], [], 0
        for s, e, run in translit_runs(text):
            tail = text[e: e + 3]
            if not _ZH_STREET_WORD.match(tail):
                continue
            if run[0] in "南北东西東":
                direction, body = run[0], run[1:]
            else:  # the direction word may stand just before the run ("北艾斯普拉纳迪": Pohjoisesplanadi)
                direction, body = (text[s - 1], run) if s > 0 and text[s - 1] in "南北东西東" else ("", run)
                s = s - 1 if direction else s
            key = pinyin_sound_key(body)
            if len(key) < 3:
                continue
            hits = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=STREET_SOUND_MIN_RATIO, limit=5)
            want = {"南": "etela", "北": "pohjois", "东": "ita", "東": "ita", "西": "lansi"}.get(direction, "")
            cands = [(r, st) for k, r, _ in hits for st in cjk.street_sounds[k]
                     if (normalize(st.name).startswith(want) if want else not normalize(st.name).startswith(("etela", "pohjois")))]
            if not cands:
                continue
            top = max(r for r, _ in cands)
            names = {st.name for r, st in cands if r == top}
            if len(names) != 1:
                continue  # two streets sound alike: do not guess
            name = names.pop()
            word = _ZH_STREET_WORD.match(tail)
            out.append(text[last:s] + f" {name} ")
            last = e + (word.end() if word else 0)
            said.append(f"\"{text[s:last].strip()}\" as {name}")
        if not out:
            return None
        return "".join(out) + text[last:], ", ".join(said)

    def _between(self, text: str, norm: str, features: list[Mention], generics: list["_Generic"],
                 places: list[Mention]) -> Resolution | None:
        """"between the cathedral and the Bank of Finland", "mellan X och Y", "X:n ja Y:n välissä", "X和Y之间": the
        midpoint of two places (buildings, squares, descriptions of one place) near each other, never of two streets."""
        m = _BETWEEN.search(norm)
        if m is None:
            return None
        lo, hi = (m.end(), m.end() + 80) if m.group("before") else (max(0, m.start() - 80), m.start())
        host = next((p for p in places if p.entry.kind == "street" and p.end <= m.start() and m.start() - p.end <= 3
                     and p.entry.geometry is not None), None) if m.group("before") else None
        if host is not None:
            # "on Kluuvikatu, between the Esplanade and Aleksanterinkatu": the stretch of that street between the two.
            ends = [x for x in features + [p for p in places if p.entry.kind == "street" and p is not host]
                    if lo <= x.start and x.end <= hi]
            ends.sort(key=lambda x: x.start)
            if len(ends) == 2:
                return self._stretch(text, norm, host, ends[0], ends[1], m.start())
        spans: list[tuple[int, int, Entry]] = [(f.start, f.end, f.entry) for f in features if lo <= f.start and f.end <= hi]
        for g in generics:
            if lo <= g.start and g.end <= hi and not any(a < g.end and g.start < b for a, b, _ in spans):
                cands = self.generic_candidates(g.kind)
                res = self._generic(text, norm, g, cands, [p.entry for p in places]) if cands else None
                if res is None or res.alternatives:
                    return None  # "between the church and ...": which church?
                entry = next((e for e in cands if e.name == res.feature), None)
                if entry is None:
                    return None
                spans.append((g.start, g.end, entry))
        spans.sort(key=lambda t: t[0])
        if len(spans) != 2:
            return None
        (a0, _, ea), (_, b1, eb) = spans
        gap = self._dist(ea, eb)
        if gap > BETWEEN_MAX_M:
            return None
        (ax, ay), (bx, by) = self._xy(ea.lat, ea.lon), self._xy(eb.lat, eb.lon)
        lat, lon = self._latlon((ax + bx) / 2, (ay + by) / 2)
        radius = max(30.0, math.hypot(ax - bx, ay - by) / 2)
        a, b = min(a0, m.start()), max(b1, m.end())
        return Resolution(lat=lat, lon=lon, radius_m=round(radius, 1), confident=radius <= CONFIDENT_RADIUS_M, method="relative",
                          place=f"between {ea.name} and {eb.name}", feature=ea.name, feature_kind=ea.kind, category=ea.category,
                          ref=ea.ref or ea.id, relation="between", evidence=self._evidence(text, norm, a, b),
                          note=f"midway between {ea.name} and {eb.name}")

    def _stretch(self, text: str, norm: str, host: Mention, a: Mention, b: Mention, at: int) -> Resolution | None:
        """The middle of the stretch of the street ``host`` between the places ``a`` and ``b`` (each its nearest point)."""
        from shapely.geometry import Point
        from shapely.ops import nearest_points

        street = host.entry.geometry
        ga = a.entry.geometry if a.entry.geometry is not None else Point(*self._xy(a.entry.lat, a.entry.lon))
        gb = b.entry.geometry if b.entry.geometry is not None else Point(*self._xy(b.entry.lat, b.entry.lon))
        if street.distance(ga) > CONTEXT_NEAR_M or street.distance(gb) > CONTEXT_NEAR_M:
            return None  # the street does not run between them
        pa, pb = nearest_points(street, ga)[0], nearest_points(street, gb)[0]
        mid = nearest_points(street, Point((pa.x + pb.x) / 2, (pa.y + pb.y) / 2))[0]
        lat, lon = self._latlon(mid.x, mid.y)
        radius = max(30.0, pa.distance(pb) / 2)
        return Resolution(lat=lat, lon=lon, radius_m=round(radius, 1), confident=radius <= CONFIDENT_RADIUS_M, method="street",
                          place=f"{host.entry.name} between {a.entry.name} and {b.entry.name}", feature=host.entry.name,
                          feature_kind="street", category="street", ref=host.entry.ref, relation="between",
                          evidence=self._evidence(text, norm, host.start, max(a.end, b.end)),
                          note=f"the stretch of {host.entry.name} between {a.entry.name} and {b.entry.name}")

    def _misspelt_of_kind(self, text: str, norm: str, word: str, g: "_Generic", cands: list[Entry]) -> Resolution | None:
        """"Kiazma museum": an unknown word right before a description, read as a misspelling of a name of one place of
        that kind (a looser cutoff than against every name of the map: the kind narrows it); always unconfirmed."""
        from rapidfuzz import fuzz

        key = normalize(word)
        if len(key) < 5 or not cands:
            return None
        variants = [v for v, _ in _spelling_variants(key)]
        scored: list[tuple[float, Entry]] = []
        for e in cands:
            names = {w for k in e.keys if not has_cjk(k) for w in [k, *k.split()] if len(w) >= 4}
            best = max((fuzz.ratio(v, n) for v in variants for n in names), default=0.0)
            if best >= KIND_SPELLING_MIN:
                scored.append((best, e))
        if not scored:
            return None
        top = max(sc for sc, _ in scored)
        tops = [e for sc, e in scored if sc >= top - 3.0]
        if not all(self._dist(e, tops[0]) <= SAME_PLACE_M for e in tops):
            return None
        pick = tops[0]
        a = max(0, g.start - len(key) - 1)
        res = self._feature(text, norm, pick, a, g.end, 0.8, "feature")
        res.confident = False
        res.note = (res.note + " " if res.note else "") + f"Read \"{word}\" as {pick.name}, the {g.kind.kind.replace('_', ' ')} of a name like it (spelling); confirm."
        return res

    def _named_in_report(self, text: str, norm: str, g: "_Generic", cands: list[Entry], mentions: list[Mention],
                         generics: list["_Generic"]) -> Resolution | None:
        """"the tall hotel, the brick tower one" (Hotelli Torni: building=tower, "hotel tower"), "hotel by the water, the
        Hilton", "the statue of the three naked blacksmiths" (Kolme seppää, "three smiths"): a word elsewhere in the
        report that is a word of the name or a tag value of exactly one place of the kind described says which one."""
        if len(cands) < 2 or has_cjk(norm):
            return None
        own = {w for x in generics for w in x.phrase.split()} | {w for m in mentions for w in norm[m.start:m.end].split()}
        words = {w for w in norm.split() if len(w) >= 4 and w.isalpha() and w not in own and w not in _FUNCTION_WORDS
                 and w not in self.gaz.context_keys and w not in _NOT_QUALIFIERS and w not in self._generic_word_set}
        if not words:
            return None
        fits: dict[int, tuple[Entry, set[str]]] = {}
        for e in cands:
            name_words = {w for k in e.keys if not has_cjk(k) for w in k.split() if len(w) >= 4} | _tag_words(e.tags)
            hit = {w for w in words if w in name_words or any(len(n) >= 5 and w.endswith(n) for n in name_words)}
            if hit:
                fits[id(e)] = (e, hit)
        if not fits:
            return None
        best = max(len(h) for _, h in fits.values())
        top = [e for e, h in fits.values() if len(h) == best]
        if not all(self._dist(e, top[0]) <= SAME_PLACE_M for e in top):
            return None  # the words fit several places of the kind far apart
        pick = max(top, key=lambda e: (e.geometry.area if e.geometry is not None else 0.0))
        said = sorted(next(h for e, h in fits.values() if e is pick))
        res = self._feature(text, norm, pick, g.start, g.end, 0.95, "feature")
        res.confident = False
        res.note = (res.note + " " if res.note else "") + f"the {g.kind.kind.replace('_', ' ')} called or described by \"{' '.join(said)}\": {pick.name}; confirm."
        return res

    def _head_before_context(self, text: str, norm: str, features: list[Mention], streets: list[Mention],
                             generics: list["_Generic"]) -> Resolution | None:
        """"under Långa bron vid Hagnäs", "bakom domkyrkan vid Senatstorget", "the little park by the old church",
        "老教堂公园里": a bridge or street with a relation word, or a description of a kind of place, right before
        "by / at / vid <named place>" (in Chinese right after it) is the place meant; the named place only says which
        one: the feature of that kind nearest to it."""
        ctx = features[0]
        m = _CONTEXT_WORDS.search(norm[max(0, ctx.start - 32): ctx.start])
        if m is not None:
            at = max(0, ctx.start - 32) + m.start()
            for s in streets:
                if s.end <= at and not norm[s.end:at].strip() and self._dist(s.entry, ctx.entry) <= CONTEXT_NEAR_M:
                    rel = self._relation(norm, s.start, s.end)
                    if rel is not None and rel[0] not in ("near",) and rel[2] == s.end:
                        return self._feature(text, norm, s.entry, s.start, s.end, s.score, "street")
            heads = [g for g in generics if g.end <= at and _APPOSITIVE.match(norm[g.end:at])]
        elif has_cjk(norm):
            heads = [g for g in generics if g.start >= ctx.end and _CJK_LINK.match(norm[ctx.end:g.start])]
        else:
            return None
        for g in heads:
            named_only = self._named_as_kind(g.kind)
            if ctx.entry in self.generic_candidates(g.kind) or ctx.entry in named_only \
                    or any(k in ctx.entry.tags for rule in g.kind.tags for k in rule if k not in ("building", "name")):
                continue  # "Forum商场" (a mall, a shop): the description is of the named place itself, not another place
            cands = [e for e in self.generic_candidates(g.kind) + named_only if e is not ctx.entry]
            if not cands:
                continue
            # The park named after the church (Vanha kirkko: Vanha kirkkopuisto) before a nearer one named otherwise.
            own = [k.replace(" ", "") for k in ctx.entry.keys if not has_cjk(k) and len(k) >= 5]
            def named_after(e: Entry) -> bool:
                return any(o in k.replace(" ", "") for o in own for k in e.keys)
            best = min(cands, key=lambda e: (not named_after(e), self._dist(e, ctx.entry)))
            if self._dist(best, ctx.entry) > CONTEXT_NEAR_M:
                continue
            # Another of the kind as close, and nothing in the names to choose: say so, do not be sure.
            others = [] if named_after(best) else \
                [e for e in cands if e is not best and self._dist(e, ctx.entry) <= self._dist(best, ctx.entry) + 30.0
                 and self._dist(e, best) > SAME_PLACE_M]
            a, b = (g.start, g.end) if m is not None else (ctx.start, g.end)
            res = self._feature(text, norm, best, a, b, 1.0, "feature", others)
            if best in named_only and res.relation is None:
                # OSM has the park only as a name on a label point, not its extent: the part of it by the named place
                # is between that label and the place, and the radius covers both.
                (ax, ay), (bx, by) = self._xy(ctx.entry.lat, ctx.entry.lon), self._xy(best.lat, best.lon)
                res.lat, res.lon = self._latlon((ax + bx) / 2, (ay + by) / 2)
                res.radius_m = round(math.hypot(ax - bx, ay - by) / 2 + best.radius_m, 1)
                res.confident = res.confident and res.radius_m <= CONFIDENT_RADIUS_M
                res.note = (res.note + " " if res.note else "") + f"{best.name} is only a label point on the map: its part by {ctx.entry.name}."
            said = m.group(1) if m is not None and m.group(1) not in ("at", "pa", "vid", "invid") else "by"
            res.note = (res.note + " " if res.note else "") + f"the {g.kind.kind.replace('_', ' ')} {said} {ctx.entry.name}"
            return res
        return None

    def _kind_by_anchor(self, text: str, norm: str, generics: list["_Generic"], anchors: list["_Generic"],
                        rels: dict[int, tuple[str, int, int] | None], places: list[Entry]) -> Resolution | None:
        """"the park behind the cathedral", "火车站对面的酒店", "tuomiokirkon takana oleva kirkko": a description of a
        kind with a relation to another description is the place of that kind nearest the one the relation points at."""
        for g in anchors:
            rel = rels[id(g)]
            if rel is None or rel[0] == "under":
                continue  # "the tunnel under the station": the footprint above is the point (see _under)
            before = rel[1] < g.start  # English / Swedish: the relation word before the anchor
            head = next((h for h in generics if h is not g and h.kind is not g.kind and (
                (before and h.end <= rel[1] and not norm[h.end:rel[1]].strip())
                or (not before and h.start >= rel[2] and _AFTER_RELATION_LINK.match(norm[rel[2]:h.start])))), None)
            if head is None:
                continue
            if self._unknown_qualifier(text, norm, g.start, g.phrase not in self._generic_by_key) \
                    or self._unknown_qualifier(text, norm, head.start, head.phrase not in self._generic_by_key):
                return None  # "the church behind Tampere cathedral": the usual reading says it is not on the map
            cands_g = self.generic_candidates(g.kind)
            anchor_res = self._generic(text, norm, g, cands_g, places) if cands_g else None
            if anchor_res is None or not anchor_res.found or anchor_res.alternatives:
                continue  # no one anchor to measure from ("behind the church": which church?)
            anchor = next((e for e in cands_g if e.name == anchor_res.feature), None)
            if anchor is None:
                continue
            cands = [e for e in self._above_ground(self.generic_candidates(head.kind), norm) + self._named_as_kind(head.kind)
                     if e is not anchor and not (e.name == anchor.name and self._dist(e, anchor) <= SAME_PLACE_M)]
            if not cands:
                continue
            best = min(cands, key=lambda e: self._dist(e, anchor))
            gap = self._dist(best, anchor)
            if gap > CONTEXT_NEAR_M:
                continue  # none of that kind by it: the anchor, with the relation, is the best there is
            others = [e for e in cands if e is not best and self._dist(e, anchor) <= gap + 30.0 and self._dist(e, best) > 60.0]
            side = self._side(norm, anchor, [best, *others]) if others else None
            if side is not None:
                # "the bus terminal beside the station, the west side": the one on the side the report says.
                best, others = side, []
            a, b = (head.start, g.end) if before else (g.start, head.end)
            res = self._feature(text, norm, best, a, b, 1.0, "feature", others)
            if head.kind.confirm:
                res.confident = False
            said = _REL_LABEL[rel[0]]
            res.note = (res.note + " " if res.note else "") + f"the {head.kind.kind.replace('_', ' ')} {said} {anchor.name}"
            return res
        return None

    def _street_by(self, text: str, norm: str, streets: list[Mention], start: int, end: int, res: Resolution) -> Resolution:
        """"på Brunnsgatan vid stationen", "Keskuskatu by Stockmann": a street named first and a place after "by / at /
        vid" is the part of the street nearest that place (the place says where along the street), not the place."""
        if not res.found or res.relation == "under":
            return res
        s = next((s for s in streets if s.end <= start and _STREET_CONTEXT.match(norm[s.end:start])), None)
        if s is None or s.entry.geometry is None or s.entry.geometry.geom_type == "Point":
            return res
        from shapely.geometry import Point
        from shapely.ops import nearest_points

        at = Point(*self._xy(res.lat, res.lon))
        if s.entry.geometry.distance(at) > CONTEXT_NEAR_M:
            return res  # the place is not by that street: say the place
        q = nearest_points(s.entry.geometry, at)[0]
        lat, lon = self._latlon(q.x, q.y)
        radius = max(30.0, min(res.radius_m or 0.0, 100.0))
        return Resolution(lat=lat, lon=lon, radius_m=round(radius, 1), confident=res.confident, method="street",
                          place=f"{s.entry.name} by {res.feature}", feature=s.entry.name, feature_kind="street",
                          category="street", ref=s.entry.ref, anchor=res.feature, evidence=self._evidence(text, norm, s.start, end),
                          note=(res.note + " " if res.note else "") + f"the part of {s.entry.name} nearest {res.feature}",
                          alternatives=res.alternatives)

    def _named_as_kind(self, gp: GenericPlace) -> list[Entry]:
        """Untagged places whose name ends in the word for the kind (Vanha kirkkopuisto, Gamla kyrkoparken: a park),
        where OSM has only the name: not a stop or a shop named after one."""
        cache = self._named_kind_cache
        if gp.kind not in cache:
            words = tuple(normalize(p) for p in gp.phrases if not has_cjk(p) and len(p) >= 4 and " " not in p)
            cache[gp.kind] = [e for e in self.gaz.entries if e.kind == "landmark" and not e.tags
                              and any(k.split()[-1].endswith(words) for k in e.keys if not has_cjk(k))] if words else []
        return cache[gp.kind]

    def _ordinary_alias(self, m: Mention) -> bool:
        """A feature found by its local or short name that is one ordinary word ("Vanha", old: the Old Student
        House; "Torni", tower: Hotelli Torni): the word may just be the word."""
        return m.key in self.gaz.ordinary_keys

    def _adjectives(self, norm: str) -> list[tuple[int, int]]:
        """Spans of ordinary-word aliases used as adjectives ("Vanhassa kaupungissa"), which the gazetteer does not
        read as names: no misspelling of a name either."""
        out = []
        for key in self.gaz.ordinary_keys:
            if key[:3] in norm:
                out += [m.span() for m in re.finditer(r"(?<!\w)" + word_pattern(key) + r"(?!\w)", norm)
                        if adjective_of_next(norm, *m.span(), key)]
        return out

    def _misnamed(self, m: Mention) -> bool:
        """A description of a kind of place ("central railway station") read as the name of a feature not of that kind."""
        kinds = self._generic_by_key.get(m.key)
        return bool(kinds) and all(m.entry not in self.generic_candidates(gp) for gp in kinds)

    def _generics(self, norm: str, taken: list[tuple[int, int]]) -> list[_Generic]:
        out: list[_Generic] = []
        pieces = {norm[i:i + 3] for i in range(len(norm) - 2)} | {norm[i:i + n] for n in (1, 2) for i in range(len(norm) - n + 1)}
        for i in sorted(i for p in pieces for i in self._generic_by_piece.get(p, ())):
            gp, key, pat = self._generic_patterns[i]
            if self._generic_literals[key] not in norm:
                continue  # a piece every form of the description has is missing: no need for the regex
            for m in pat.finditer(norm):
                a, b = m.span()
                if any(a < y and x < b for x, y in taken):
                    continue
                taken.append((a, b))
                out.append(_Generic(a, b, gp, m.group(0)))
        out.sort(key=lambda g: g.start)
        return out

    def _evidence(self, text: str, norm: str, a: int, b: int) -> str:
        """The report's own words for a normalized span (best effort: the same words, original spelling)."""
        words = norm[a:b].split()
        if not words:
            return ""
        ntext = normalize(text)
        if ntext == norm:
            # map normalized word positions back onto the original text's words
            orig_words = _TOKEN.findall(text)
            nwords = [normalize(w) for w in orig_words]
            start_word = len(norm[:a].split())
            flat: list[str] = []
            owner: list[int] = []
            for i, nw in enumerate(nwords):
                for part in nw.split():
                    flat.append(part)
                    owner.append(i)
            if start_word < len(owner):
                end = min(len(owner) - 1, start_word + len(words) - 1)
                pieces = orig_words[owner[start_word]: owner[end] + 1]
                joiner = "" if all(has_cjk(p) for p in pieces) else " "
                return joiner.join(pieces)
        return norm[a:b]

    # --- pieces ----------------------------------------------------------------
    @staticmethod
    def _number_after(text: str, norm: str, mn: Mention) -> tuple[int, str, int] | None:
        """The house number right after a street mention ("Bulevardi 16b", "Yrjönkatu 21 B", "Annankatu 25 号"): (16, "B", its length).

        A letter counts only when the report writes it next to the number: in "Yrjönkatu 30, a resident" the
        comma (gone from ``norm``) says the "a" is a word, not staircase A; likewise "Kalevankatu 12, people
        with headaches" is number 12, and "Annankatu 25 people" is no address.
        """
        m = _HOUSE_NUMBER.match(norm[mn.end: mn.end + 24])
        # Read on the report's own text, where punctuation still separates "Kalevankatu 12, people ..."
        if m and re.search(rf"(?<![\d:.,]){m.group(1)}{_NOT_A_HOUSE_NUMBER}", text, re.IGNORECASE):
            m = None
        if m:
            letter = m.group(2) or ""
            if letter and not re.search(rf"(?<!\d){m.group(1)}\s?{letter}(?!\w)", text, re.IGNORECASE):
                letter = ""
            return int(m.group(1)), letter.upper(), m.end()
        cjk = re.match(r"^ (\d{1,3}) 号", norm[mn.end: mn.end + 10])
        if cjk:
            return int(cjk.group(1)), "", cjk.end()
        spoken = _FI_SPOKEN_NUMBER.match(norm[mn.end: mn.end + 16])
        if spoken:  # "Mannerheimintiellä kympin kohdalla": Finnish speech names a house number by its numeral noun
            stem = next(g for g in spoken.groups() if g)
            return _FI_SPOKEN_VALUE[stem], "", spoken.end()
        return None

    def _read(self, text: str) -> tuple[str, str, tuple[Mention, ...]]:
        """(the report with clock times blanked, its normalized form, the places it names): one scan of a text."""
        # A clock time right after a street ("Rauhankatu, 23:50") is not a house number: blank it out, same length,
        # before normalising turns its colon into a space.
        text = _CLOCK_TIME.sub(lambda m: " " * len(m.group()), text)
        norm, mentions = self.gaz.mentions(text)
        return text, norm, tuple(mentions)

    def _read_house_numbers(self, text: str) -> Mapping[str, str]:
        """{normalized street name: the house number the report gives after it}, the first one for each street."""
        text, norm, mentions = self._scan(text)
        numbers: dict[str, str] = {}
        for mn in mentions:
            if mn.entry.kind == "street" and (num := self._number_after(text, norm, mn)) is not None:
                numbers.setdefault(normalize(mn.entry.name), f"{num[0]}{num[1].lower()}")
        return MappingProxyType(numbers)

    def house_numbers(self, text: str) -> Mapping[str, str]:
        """Every street the report gives a house number after, with that number ({"bulevardi": "16b"}), read once per
        report: the text's scan is cached (it is shared with ``locate``), so asking for several streets costs one."""
        return self._house_numbers(text or "")

    def house_number(self, text: str, street: str) -> str | None:
        """The house number the report gives after ``street`` ("21", "16b"), or None; a clock time is never one."""
        return self.house_numbers(text).get(normalize(street))

    def _address(self, text: str, norm: str, mn: Mention) -> Resolution | None:
        num = self._number_after(text, norm, mn)
        if num is None:
            return None
        number, letter, length = num
        entry = mn.entry
        evidence = self._evidence(text, norm, mn.start, mn.end + length)
        hit = self.addresses.lookup(normalize(entry.name), entry.name, number, letter)
        if hit is None:
            # No numbered address on that street in the extract: the nearest point of the street is all we have.
            return self._street(mn, evidence, note=f"no house numbers of {entry.name} are on the map; street only")
        method = "address" if hit.method == "exact" else "address_interpolated"
        return Resolution(lat=hit.lat, lon=hit.lon, radius_m=hit.radius_m, confident=hit.radius_m <= CONFIDENT_RADIUS_M,
                          method=method, place=f"{entry.name} {number}{(' ' + letter) if letter else ''}", feature=entry.name,
                          feature_kind="street", category="address", ref=hit.ref, evidence=evidence,
                          note=hit.note if hit.method != "exact" else "")

    def _street(self, mn: Mention, evidence: str, note: str = "") -> Resolution:
        e = mn.entry
        return Resolution(lat=e.lat, lon=e.lon, radius_m=round(e.radius_m, 1), confident=e.radius_m <= CONFIDENT_RADIUS_M,
                          method="street", place=e.name, feature=e.name, feature_kind="street", category="street", ref=e.ref,
                          evidence=evidence, note=note or f"street only: somewhere along {e.name}")

    def _junction(self, a: Entry, b: Entry) -> tuple[float, float, float, str] | None:
        na = self._street_nodes.get(normalize(a.name), set())
        nb = self._street_nodes.get(normalize(b.name), set())
        common = na & nb
        if common:
            pts = [self._node_xy[n] for n in common]
            cx = sum(p[0] for p in pts) / len(pts)
            cy = sum(p[1] for p in pts) / len(pts)
            spread = max(math.hypot(p[0] - cx, p[1] - cy) for p in pts)
            if spread <= JUNCTION_SPREAD_M:
                lat, lon = self._latlon(cx, cy)
                return lat, lon, max(25.0, spread + 20.0), ""
            # The streets meet more than once (a loop, a divided road far apart): the first is not surely the one.
            lat, lon = self._latlon(*pts[0])
            return lat, lon, spread + 20.0, f"{a.name} and {b.name} meet at more than one place"
        if a.geometry is not None and b.geometry is not None:
            from shapely.ops import nearest_points

            pa, pb = nearest_points(a.geometry, b.geometry)
            gap = pa.distance(pb)
            if gap <= 60.0:
                lat, lon = self._latlon((pa.x + pb.x) / 2, (pa.y + pb.y) / 2)
                return lat, lon, 25.0 + gap, ""
            lat, lon = self._latlon((pa.x + pb.x) / 2, (pa.y + pb.y) / 2)
            return lat, lon, gap / 2 + 40.0, f"{a.name} and {b.name} do not meet on the map ({gap:.0f} m apart at the closest)"
        return None

    def _relation(self, norm: str, start: int, end: int) -> tuple[str, int, int] | None:
        before = norm[max(0, start - 40): start]
        for rel, pat in _REL_BEFORE:
            m = re.search(r"(?<!\w)" + pat + r"(?: the| of the| of| to the| to)?(?: [\w]+){0,3} $", before)
            if m:
                return rel, max(0, start - 40) + m.start(), end
        after = norm[end: end + 40]  # one word may come between: "Stockmannin tavaratalon edessä"
        for rel, pat in _REL_AFTER:
            m = re.match(r"^ (?:\w+ ){0,1}?" + pat + r"(?!\w)", after)
            if m:
                return rel, start, end + m.end()
        return None

    def _end_of(self, norm: str, start: int, end: int, entry: Entry) -> tuple[float, float, float, str, int, int] | None:
        """'the north end of X' / 'X:n pohjoispäässä' / 'X北端': the part of the feature at that end."""
        window_b = norm[max(0, start - 40): start]
        m = None
        for cand in _END.finditer(window_b):
            m = cand
        a, b = (max(0, start - 40) + m.start(), end) if m else (start, end)
        if m is None:
            m2 = _END.match(norm[end: end + 16].lstrip())
            if not m2:
                return None
            m = m2
            a, b = start, end + 1 + m2.end()
        word = next(g for g in m.groups() if g)
        dx, dy = _DIRECTION[word]
        if entry.geometry is None or entry.geometry.geom_type == "Point":
            return None
        import numpy as np
        import shapely

        coords = shapely.get_coordinates(entry.geometry)
        proj = coords[:, 0] * dx + coords[:, 1] * dy
        lo, hi = float(proj.min()), float(proj.max())
        extent = hi - lo
        sel = coords[proj >= hi - 0.12 * extent]
        x, y = float(np.mean(sel[:, 0])), float(np.mean(sel[:, 1]))
        lat, lon = self._latlon(x, y)
        return lat, lon, max(25.0, 0.15 * extent + 15.0), word, a, b

    def _under(self, anchor: Entry, norm: str) -> Entry | None:
        """An underground feature (passage, tunnel, station level) at the anchor, when the report speaks of one."""
        if not _PASSAGE_WORDS.search(norm):
            return None
        best, best_d = None, math.inf
        for e in self._landmarks:
            t = e.tags
            if not (t.get("tunnel") in ("yes",) or t.get("layer", "0").startswith("-") or t.get("location") == "underground"):
                continue
            d = self._dist(anchor, e)
            if d < best_d and d <= 150.0:
                best, best_d = e, d
        return best

    def _feature(self, text: str, norm: str, entry: Entry, start: int, end: int, score: float, how: str,
                 alternatives: list[Entry] | None = None) -> Resolution:
        lat, lon, radius = entry.lat, entry.lon, entry.radius_m
        place, relation, note = entry.name, None, ""
        a, b = start, end
        end_hit = self._end_of(norm, start, end, entry)
        rel = self._relation(norm, start, end)
        if end_hit is not None:
            lat, lon, radius, word, a, b = end_hit
            relation = "end"
            place = f"{_DIR_LABEL.get(word, word)} end of {entry.name}"
        elif rel is not None:
            relation, a, b = rel
            radius = radius + RELATION_OFFSET_M[relation]
            place = f"{_REL_LABEL[relation]} {entry.name}"
            if relation == "under":
                below = self._under(entry, norm)
                if below is not None:
                    # The footprint above is the best point; the passage under it is named so crews take the right way down.
                    place = f"{below.name}, under {entry.name}"
                    note = f"underground: {below.name} ({below.category}) runs under or beside {entry.name}"
                elif entry.kind == "street":
                    note = f"below {entry.name} (under the bridge or overpass), not a street address"
                else:
                    note = "underground, below the feature"
        alts = [Alternative(name=e.name, lat=e.lat, lon=e.lon, radius_m=round(e.radius_m, 1), why="also fits the words")
                for e in (alternatives or []) if e is not entry]
        confident = radius <= CONFIDENT_RADIUS_M and score >= 0.9 and not alts
        kind = "relative" if relation else how
        return Resolution(lat=lat, lon=lon, radius_m=round(radius, 1), confident=confident, method=kind, place=place,
                          feature=entry.name, feature_kind=entry.kind, category=entry.category, ref=entry.ref or entry.id,
                          relation=relation, evidence=self._evidence(text, norm, a, b), note=note, alternatives=alts)

    @staticmethod
    def _above_ground(cands: list[Entry], norm: str) -> list[Entry]:
        """An underground square or hall is meant only when the report says it is below ground."""
        if _PASSAGE_WORDS.search(norm) or re.search(r"\b(underground|lower level|downstairs|maan alla|under jord)\b|地 下", norm):
            return cands
        above = [e for e in cands if not (e.tags.get("tunnel") == "yes" or e.tags.get("layer", "0").startswith("-")
                                          or e.tags.get("level", "0").startswith("-"))]
        return above or cands

    def _generic(self, text: str, norm: str, g: "_Generic", cands: list[Entry], context: list[Entry]) -> Resolution | None:
        cands = self._above_ground(cands, norm)
        named = [e for e in cands if any(normalize(ph) in e.keys for ph in g.kind.phrases)] if g.kind.by_name else []
        places = [c for c in context if c.kind in ("street", "zone")]
        if places:
            def off(e: Entry) -> float:
                return min(max(0.0, self._dist(e, c) - (c.radius_m if c.kind == "zone" else 0.0)) for c in places)

            if all(off(e) > CONTEXT_GAP_M for e in cands):
                # "Hakaniemen kauppahallissa": no such place where the report says; the district or street it names
                # is the answer (the one on the map is elsewhere).
                return None
        if named and all(self._dist(e, named[0]) <= SAME_PLACE_M for e in named):
            # A feature literally named with the description in another language (Kauppatori = market square).
            others = [e for e in cands if e not in named and self._dist(e, named[0]) > SAME_PLACE_M]
            return self._feature(text, norm, named[0], g.start, g.end, 1.0, "generic", others)
        if len(cands) > 1 and context:
            def gap(e: Entry) -> float:  # metres to the nearest place the report names (a district by its extent)
                return min(max(0.0, self._dist(e, c) - (c.radius_m if c.kind == "zone" else 0.0)) for c in context)

            # Equally close (to 25 m): inside a district, the one nearer its centre ("Kamppi square"); else the bigger
            # one ("the square by the station" is the station square).
            zones_c = [c for c in context if c.kind == "zone"]

            def second(e: Entry) -> float:
                if zones_c:
                    return min(math.hypot(*(a - b for a, b in zip(self._xy(e.lat, e.lon), self._xy(z.lat, z.lon)))) for z in zones_c)
                return -(e.geometry.area if e.geometry is not None else 0.0)

            ranked = sorted(cands, key=lambda e: (round(gap(e) / 25.0), second(e)))
            best = ranked[0]
            if gap(best) > CONTEXT_GAP_M and any(c.kind in ("street", "zone") for c in context):
                return None  # no such feature where the report says: the street or district it names is the answer
            others = [e for e in ranked[1:] if self._dist(e, best) > SAME_PLACE_M and min(self._dist(e, c) for c in context) <= 100.0]
            return self._feature(text, norm, best, g.start, g.end, 1.0, "generic", others)
        if len(cands) > 10 and g.kind.confirm:
            return None  # "the statue": one of dozens, with nothing in the report to say which
        if len(cands) > 1:
            biggest = max(cands, key=lambda e: (e.geometry.area if e.geometry is not None else 0.0))
            others = [e for e in cands if e is not biggest and self._dist(e, biggest) > SAME_PLACE_M]
            return self._feature(text, norm, biggest, g.start, g.end, 1.0, "generic", others)
        return self._feature(text, norm, cands[0], g.start, g.end, 1.0, "generic")

    def _by_sound(self, text: str, norm: str) -> Resolution | None:
        """A name written by sound in Chinese, read as the map's Latin name with the same consonant skeleton."""
        from rapidfuzz import fuzz, process

        cjk = self._cjk_index()
        known_cjk = cjk.known_names
        best: tuple[float, int, int, str, Entry, list[Entry]] | None = None
        for s, e, run in translit_runs(text):
            if text[e - 1: e + 1] in _ZH_DOOR_WORDS and len(run) > 3:
                run, e = run[:-1], e - 1  # "奇亚斯玛门口": the run ends before "门口" (at the door), "门" is not a syllable
            if any(run in k or k in run for k in known_cjk if len(k) >= 2):
                continue  # "赫尔辛基" is the city's own name, not a transliterated feature
            key = pinyin_sound_key(run)
            hint = zh_kind_hint(text[e: e + 8])
            # Without a kind word: an exact skeleton of 4+ consonants, or of 3 written with 4+ characters that only
            # one notable place has ("奇亚斯玛" = Kiasma; a short run of common syllables is not read as a name).
            short_ok = len(key) == 3 and len(run) >= 4 and len({id(x) for x in cjk.sound_index.get(key, [])
                                                                  if is_notable(x.tags)}) == 1
            if len(key) < (2 if hint else 4) and not short_ok:
                continue
            if hint:
                hits = process.extract(key, cjk.sound_keys, scorer=fuzz.ratio, score_cutoff=SOUND_MIN_RATIO, limit=40)
            else:
                hits = [(key, 100.0, 0)] if key in cjk.sound_index else []
            scored: dict[int, tuple[float, Entry]] = {}
            for k, ratio, _ in hits:
                for entry in cjk.sound_index[k]:
                    if hint and not any(tags_match(rule, entry.tags) for rule in hint[1]):
                        continue
                    if not hint and len(key) == 3 and not is_notable(entry.tags):
                        continue
                    if id(entry) not in scored or scored[id(entry)][0] < ratio:
                        scored[id(entry)] = (float(ratio), entry)
            if not scored:
                continue
            top = max(r for r, _ in scored.values())
            tops = [en for r, en in scored.values() if r == top]
            pick = max(tops, key=lambda en: (en.geometry.area if en.geometry is not None else 0.0))
            others = [en for en in tops if en is not pick and self._dist(en, pick) > SAME_PLACE_M]
            end = e  # the evidence runs to the end of the kind word, when it is written within 8 characters
            if hint and (at := text.find(hint[0], e, e + 8)) >= 0:
                end = at + len(hint[0])
            if best is None or (top, e - s) > (best[0], best[2] - best[1]):
                best = (top, s, end, run, pick, others)
        if best is None:
            return None
        ratio, s, e, run, pick, others = best
        a = len(normalize(text[:s]))
        a += 1 if a else 0
        b = min(len(norm), a + len(normalize(text[s:e])))
        res = self._feature(text, norm, pick, a, b, 0.8, "feature", others)
        res.confident = False
        res.note = (res.note + " " if res.note else "") + f"Read \"{run}\" as {pick.name} by its sound; confirm."
        return res

    def _key_weight(self, key: str) -> tuple[bool, float]:
        """How much a name stands out on the map: a street or a notable named area before a shop node."""
        entries = self.gaz.named(key)
        if not entries:
            return (True, 0.0)  # a description ("railway station")
        return (any(e.kind != "landmark" or not is_stop(e.tags) for e in entries),
                max((e.geometry.area if e.geometry is not None else 0.0) for e in entries))

    def _fuzzy(self, norm: str, taken: list[tuple[int, int]], cover: tuple[int, int] | None = None,
               touch: tuple[int, int] | None = None, text: str = "", longer: bool = False,
               plain: set[tuple[int, int]] | None = None) -> tuple[str, str, str, float] | None:
        """The text with its best misspelt place name replaced by the known name: (text, words, name, score).

        A gram is compared as written, with its words joined (a compound written apart: "kauppa halli",
        "Etelä-Esplanadi") and with a Finnish case ending taken off its last word ("Stockmanilla", "Kaivokadula"),
        each against every name of the map (rapidfuzz ratio, a length-aware cutoff). ``cover``: only grams that
        contain that span and are longer than it (a short name read inside a longer misspelt one, "Vanha kirrkko");
        ``touch``: only grams that overlap that span (the unknown word in front of a description). ``text``: the
        report as written; when its writer capitalises, a single word written in lower case is a word, not a name
        ("tingling" is not the shop "Tingeling")."""
        from rapidfuzz import fuzz, process

        tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", norm)]
        capitals: set[str] | None = None
        if any(c.isupper() for c in text):
            # Words written capitalised, and the word after one ("Uudella ylioppilastalolla": a name of two words).
            toks = _TOKEN.findall(text)
            capitals = {normalize(t) for i, t in enumerate(toks) if t[:1].isupper() or (i and toks[i - 1][:1].isupper())}
        best: tuple[float, tuple[bool, float], int, int, str] | None = None
        for i in range(len(tokens)):
            for n in ((5, 4, 3, 2) if cover is not None else (4, 3, 2, 1)):
                if i + n > len(tokens):
                    continue
                a, b = tokens[i][0], tokens[i + n - 1][1]
                if cover is not None and not (a <= cover[0] and cover[1] <= b and (a, b) != cover):
                    continue
                if touch is not None and not (a < touch[1] and touch[0] < b):
                    continue
                if longer and touch is not None and not (a < touch[0] and touch[1] <= b):
                    continue  # words before the description and the description itself
                gram = norm[a:b]
                if plain and (a, b) in plain:
                    continue  # a street or district written exactly as the map has it: nothing to correct
                if n == 1 and capitals is not None and gram not in capitals:
                    continue
                if gram in self._generic_keys:
                    continue  # a description of a kind of place is not a misspelt name ("centre" is not "center")
                if len(gram) < 5 or has_cjk(gram) or gram.replace(" ", "").isdigit() or any(a < y and x < b for x, y in taken):
                    continue
                if gram in _COMMON_WORDS or (gram.split()[0] in _COMMON_WORDS and n <= 2) \
                        or all(w in _FUNCTION_WORDS for w in gram.split()) or gram.split()[0] in _FUNCTION_WORDS \
                        or gram.split()[-1] in _FUNCTION_WORDS:
                    continue
                for variant, how in _spelling_variants(gram):
                    cut = 85.0 if len(variant) >= 7 else 90.0
                    if cover is not None:
                        cut = max(cut, FUZZY_CONFIDENT)
                    pool = self._fuzzy_by_prefix.get(variant[:3] if cover is not None else variant[:1], [])
                    hits = process.extract(variant, pool, scorer=fuzz.ratio, score_cutoff=cut, limit=4)
                    if cover is not None:
                        # Over a name already read, the same words in another order count ("University of Helsinki
                        # main building" = "university main building of helsinki").
                        hits += process.extract(variant, pool, scorer=fuzz.token_sort_ratio, score_cutoff=cut, limit=2)
                    for key, score, _ in hits:
                        if key == gram:
                            continue  # nothing to correct
                        if (how == "joined" and score < 95.0) or (how == "stem" and n == 1 and len(key) < len(variant) and score < 95.0):
                            continue  # "post ictal" is not "Postitalo"; "kitchen" less an ending is not the shop "Kitch"
                        if key in self._generic_keys and any(f" {k} " in f" {gram} " for k in self._generic_keys):
                            continue  # one spelling of a description for another
                        if key in self._generic_keys and ((how == "stem" and variant == key) or self._generic_regex[key].fullmatch(gram)):
                            continue  # an inflected description ("kirkon", "pankissa") is read as one already
                        score = min(float(score), 99.0)
                        cand = (score, self._key_weight(key), a, b, key)
                        # Nearly as close and a more notable place ("Stokmannin": Stockmann, not the shop Tokmanni).
                        if best is None or score > best[0] + 3.0 or (score >= best[0] - 3.0 and (cand[1], score, b - a) > (best[1], best[0], best[3] - best[2])):
                            best = cand
        if best is None:
            return None
        score, _, a, b, key = best
        entries = self.gaz.named(key)
        written = entries[0].originals.get(key, entries[0].name) if entries else key  # as OSM writes it (capitalised)
        return norm[:a] + written + norm[b:], norm[a:b], written, score

    def _unknown_qualifier(self, text: str, norm: str, start: int, inflected: bool = False,
                           described: list[Entry] | None = None) -> str | None:
        """A name in front of a generic description that the map does not know ("Tampere railway station").

        ``inflected``: the description (or name) after it is written in an inflected form (Finnish). ``described``:
        the places the description may mean; a word that is one of their tag values ("the Lutheran cathedral":
        denomination=lutheran) describes them, it names no other place."""
        before = norm[:start].split()
        if not before:
            return None
        last = before[-1]
        if has_cjk(last):
            chunk = ""
            for tok in reversed(before):
                if not has_cjk(tok) or tok in _CJK_FILLER:
                    break
                chunk = tok + chunk
                if len(chunk) >= 4:
                    break
            if len(chunk) >= 2 and not any(chunk in k.replace(" ", "") for k in list(self.gaz.name_keys()) + list(self.gaz.context_keys) if has_cjk(k)):
                return chunk
            return None
        # Latin: the word right before, capitalised in the report, neither a known place nor a plain word.
        m = re.search(r"([A-ZÄÖÅ][\wäöåÄÖÅ'’.-]+)\s+$", text[: self._orig_index(text, norm, start)])
        if not m:
            return None
        word = m.group(1)
        key = normalize(word)
        if key in self.gaz.context_keys or any(k.startswith(name_stem(key)) for k in self.gaz.context_keys if len(key) >= 5):
            return None
        if key in _NOT_QUALIFIERS:
            return None
        if inflected and not key.endswith("n"):
            # Finnish puts a place name qualifying a noun in the genitive ("Tampereen tuomiokirkon takana"): a word not in
            # the genitive before an inflected description is another word of the sentence ("Palo tuomiokirkon takana").
            return None
        if described and any(key in _tag_words(e.tags) for e in described):
            return None
        if key in ("west", "east", "north", "south", "western", "eastern", "northern", "southern", "old", "new", "upper", "lower"):
            return word  # "West Harbour", "Old Church": a different place of that kind, named by the word
        if self.gaz.named(key) or key in self._name_words:
            return None
        return word

    def _unknown_place_after(self, text: str, norm: str, end: int, whole_names: bool = False) -> str | None:
        """An unknown name right after a generic description and "in / at / i / på" ("the bridge in Lauttasaari",
        "kyrkan i Borgå"): the description may be of a place of that name off the map. ``whole_names``: only a whole
        name of the map, not a word of one, is known ("Stockholm" is a word of a shop's name, not a place here)."""
        m = re.match(r"\s+(in|at|i|pa|on)\s+(?=\S)", norm[end:])
        if not m:
            return None
        at = end + m.end()
        w = re.match(r"([A-ZÄÖÅ][\wäöåÄÖÅ'’.-]+)", text[self._orig_index(text, norm, at):])
        if not w:
            return None
        word = w.group(1)
        key = normalize(word)
        if key in _NOT_QUALIFIERS or key in self.gaz.context_keys or self.gaz.named(key) or (key in self._name_words and not whole_names):
            return None
        if any(k.startswith(name_stem(key)) for k in self.gaz.context_keys if len(key) >= 5):
            return None
        return word

    @staticmethod
    def _orig_index(text: str, norm: str, start: int) -> int:
        """Approximate index in the original text of the normalized position ``start`` (by word count)."""
        nwords = len(norm[:start].split())
        count = 0
        for m in _TOKEN.finditer(text):
            if count == nwords:
                return m.start()
            count += len(normalize(m.group(0)).split()) or 0
        return len(text)

    def _respelt(self, text: str, norm: str, mentions: list[Mention], depth: int, cover: Mention | None = None,
                 touch: tuple[int, int] | None = None, closely: bool = False) -> Resolution | None:
        """The text read again with its best misspelt name corrected, when that finds the place (else None).

        ``closely``: only a correction of a gram longer than ``touch`` that is at least FUZZY_CONFIDENT close."""
        if depth > 0:
            return None
        span = (cover.start, cover.end) if cover is not None else None
        taken = [(m.start, m.end) for m in mentions if m.entry.kind not in ("zone", "street") and (m.start, m.end) != span]
        fixed = self._fuzzy(norm, taken, span, touch, text, longer=closely, plain=_plain_spans(norm, mentions))
        if fixed is None:
            return None
        corrected, original, replacement, score = fixed
        if closely and score < FUZZY_CONFIDENT:
            return None
        # Over a name already read, only a close reading of a longer name ("Rautatieaseman hallissa" is not the grill).
        if cover is not None and (len(normalize(replacement)) <= len(cover.key) or score < FUZZY_CONFIDENT):
            return None
        res = self.locate(corrected, _depth=1)
        if not res.found or (cover is not None and res.feature == cover.entry.name):
            return None
        res.confident = res.confident and score >= FUZZY_CONFIDENT
        res.note = (res.note + " " if res.note else "") + f"Read \"{original}\" as \"{replacement}\" (spelling)."
        res.evidence = res.evidence or original
        return res

    def _not_on_map(self, text: str, evidence: str, what: str = "") -> Resolution:
        name = evidence or what
        return Resolution(method="outside_map", outside_map=True, confident=False, evidence=name,
                          note=f"\"{name}\" is not on the map of {self.city.scenario.name}: outside the scenario area, or misspelt. Ask for the address.")

    # --- the answer --------------------------------------------------------------
    def locate(self, text: str, _depth: int = 0) -> Resolution:
        """The best-supported location of the incident in ``text`` (method 'not_found' or 'outside_map' when none)."""
        res = self._corrected(text or "") if _depth == 0 else None
        if res is None:
            res = self._locate(text, _depth)
        if _depth == 0 and res.confident and _MARKED.search(text or ""):
            _, norm, mentions = self._scan(text or "")
            for m, written, exact in self._diacritic_clashes(text, norm, mentions):
                if m.start < len(norm) and normalize(written) in normalize(res.evidence or "") or exact is not None:
                    res.confident = False
                    res.note = (res.note + " " if res.note else "") + (
                        f"\"{written}\" is written as in {exact.name}, not {m.entry.name}; confirm which." if exact is not None
                        else f"\"{written}\" is not spelt as {m.entry.name}; confirm.")
                    break
        return res

    def _corrected(self, text: str) -> Resolution | None:
        """A report that corrects itself ("the Esplanade? no, the Kaisaniemi one", "Kampissa, ei kun Kaisaniemessä"):
        the place after the last correction, when one is named there; "the X one" takes the earlier place's kind."""
        marks = list(_CORRECTION.finditer(text))
        if not marks or not text[marks[-1].end():].strip():
            return None
        head, tail = text[: marks[-1].start()], text[marks[-1].end():]
        one = _ONE.search(tail)
        plain = self._locate(tail)
        if one is not None and head.strip() and not (plain.found and plain.method not in ("zone", "street")):
            # "the Kaisaniemi one": the kind described before the correction, else the earlier place's.
            described = self._generics(normalize(head), [])
            earlier = self._locate(head)
            # The earlier place's kind: its own, or that of the place a stop of its name serves (Esplanadi:
            # the Esplanadinpuisto park).
            stem = name_stem(normalize(earlier.feature or ""))

            def same_place(e: Entry) -> bool:
                return e.name == earlier.feature or (len(stem) >= 4 and normalize(e.name).startswith(stem)
                                                     and math.dist(self._xy(e.lat, e.lon), self._xy(earlier.lat, earlier.lon)) <= SAME_PLACE_M)
            kind = described[0].kind.phrases[0] if described else next(
                (gp.phrases[0] for gp in GENERIC_PLACES if any(same_place(e) for e in self.generic_candidates(gp))),
                None) if earlier.found and earlier.lat is not None else None
            if kind is not None:
                tail = tail[: one.start(2)] + kind + tail[one.end(2):]
        res = self._locate(tail) if tail != text[marks[-1].end():] else plain
        if not (res.found or res.outside_map):
            return None
        said = text[marks[-1].start(): marks[-1].end()].strip(" ,.;:!?")
        res.note = (res.note + " " if res.note else "") + f"The report corrects itself (\"{said}\"): the place named after it."
        return res

    def _exact_word_places(self) -> dict[str, list[Entry]]:
        """Notable places by a word of their name written with its diacritics ("kämp": Hotel Kämp), built on first use."""
        if self._exact_words is None:
            index: dict[str, list[Entry]] = {}
            for e in self._landmarks:
                if is_stop(e.tags) or not is_notable(e.tags):
                    continue
                for w in _MARKED_WORD.findall(e.name.lower()):
                    if e not in index.setdefault(w, []):
                        index[w].append(e)
            self._exact_words = index
        return self._exact_words

    def _diacritic_clashes(self, text: str, norm: str, mentions: Iterable[Mention]) -> list[tuple[Mention, str, Entry | None]]:
        """Names found only by folding the report's ä/ö/å away ("Kämp" read as Kamppi): (the mention, the word as
        written, a notable place whose name has that very word, if one place has it)."""
        out = []
        written = {normalize(w): w for w in _MARKED_WORD.findall(text.lower())}
        for m in mentions:
            if has_cjk(m.key):
                continue
            name_words = m.entry.originals.get(m.key, m.entry.name).lower().split()
            for nw in norm[m.start:m.end].split():
                w = written.get(nw)
                if w is None:
                    continue
                same = [x for x in name_words if normalize(x)[:3] == nw[:3]]
                if not same or len(same[0]) != len(normalize(same[0])) or len(w) != len(nw):
                    continue  # letters that fold to two (ß) or none: no position-by-position reading
                k = next((i for i, (a, b) in enumerate(zip(normalize(same[0]), nw)) if a != b), min(len(nw), len(same[0])))
                if same[0][:k] == w[:k]:
                    continue  # as far as the two agree (before an inflection), the name has the marks too
                index = self._exact_word_places()
                # The word as written, or its inflected form ("Kämpissä": Kämp + issä).
                base = w if w in index else next((w[:i] for i in range(len(w) - 1, 3, -1) if w[:i] in index), w)
                exact = [e for e in index.get(base, []) if e is not m.entry]
                one = exact[0] if exact and all(self._dist(e, exact[0]) <= SAME_PLACE_M for e in exact) else None
                out.append((m, w, one))
        return out

    def _locate(self, text: str, _depth: int = 0) -> Resolution:
        text, norm, scanned = self._scan(text or "")
        mentions = list(scanned)
        if _depth == 0 and _MARKED.search(text):
            # "Kämp" is folded to the letters of "Kamppi": the place whose name has the word as written is meant.
            for m, _, exact in self._diacritic_clashes(text, norm, mentions):
                if exact is not None:
                    key = next((k for k in exact.keys if not has_cjk(k)), normalize(exact.name))
                    mentions = [dataclasses.replace(x, entry=exact, key=key, score=0.9) if x is m else x for x in mentions]
        if not norm:
            return Resolution(note="empty report")
        streets = [m for m in mentions if m.entry.kind == "street"]
        if not streets and _depth == 0 and has_cjk(norm) and _ZH_STREET_WORD.search(text):
            # "曼纳海姆大街10号", "曼纳海姆大街和南艾斯普拉纳迪大街的路口": street names written by sound; read again with the
            # map's names (an address or a junction), never confident.
            heard = self._streets_by_sound(text)
            if heard is not None:
                res = self.locate(heard[0], _depth=1)
                if res.found and res.method in ("address", "address_interpolated", "intersection", "street"):
                    res.confident = False
                    res.note = (res.note + " " if res.note else "") + f"Read {heard[1]} by sound; confirm."
                    return res
        # "central railway station" as the alias of a metro stop: a description of a kind of place names the place
        # of that kind, not whatever else OSM calls so.
        mentions = [self._renamed(m) for m in mentions]
        mentions = [m for m in mentions if not self._misnamed(m)]
        features = [m for m in mentions if m.entry.kind not in ("street", "zone")]
        zones = [m for m in mentions if m.entry.kind == "zone"]

        # 1. an address: street + house number
        for mn in streets:
            res = self._address(text, norm, mn)
            if res is not None and res.method != "street":
                return res

        # 2. a junction: two streets with "and", "/", "corner of", 路口... between or around them
        for a, b in zip(streets, streets[1:]):
            if normalize(a.entry.name) == normalize(b.entry.name):
                continue
            between = norm[a.end:b.start]
            # "X and Y", "X/Y", "where X meets Y", "X at the Y end", "X和Y路口": two streets a few words apart.
            if not (_CONNECTOR.match(between) or (len(between) <= 25 and len(between.split()) <= 3)
                    or (len(between) <= 40 and _JUNCTION_WORD.search(norm[max(0, a.start - 30): b.end + 12]))):
                continue
            j = self._junction(a.entry, b.entry)
            if j is None:
                continue
            lat, lon, radius, note = j
            ev_a, ev_b = (a.start, b.end)
            jw = _JUNCTION_WORD.search(norm[max(0, a.start - 30): a.start])
            if jw:
                ev_a = max(0, a.start - 30) + jw.start()
            return Resolution(lat=lat, lon=lon, radius_m=round(radius, 1), confident=not note and radius <= CONFIDENT_RADIUS_M,
                              method="intersection", place=f"{a.entry.name} / {b.entry.name}", feature=f"{a.entry.name} / {b.entry.name}",
                              feature_kind="junction", category="junction", evidence=self._evidence(text, norm, ev_a, ev_b), note=note)

        # 3. a named feature (landmark or facility), with any relation
        taken = [(m.start, m.end) for m in mentions]
        generics = self._generics(norm, taken)
        between = self._between(text, norm, features, generics, streets + zones)
        if between is not None:
            return between
        # A stop or an entrance named after a place ("Kajsaniemi" metro entrance) only says where, when the report
        # also describes the kind of place it means ("botaniska trädgården i Kajsaniemi").
        pointers: list[Entry] = []
        pointer_spans: list[tuple[int, int]] = []
        # A district OSM maps as a place ("i Kajsaniemi": place=suburb) says where in the same way.
        if generics and features and all(is_stop(m.entry.tags) or "entrance" in m.entry.tags
                                         or m.entry.tags.get("place") in ("suburb", "neighbourhood", "quarter") for m in features) \
                and any(min(abs(g.start - m.end), abs(m.start - g.end)) <= 12 for g in generics for m in features):
            pointer_spans = [(m.start, m.end) for m in features]
            pointers, features = [m.entry for m in features], []
        if features:
            head = self._head_before_context(text, norm, features, streets, generics)
            if head is not None:
                return head
        if features:
            # Prefer a feature with a relation word at it, then the first named.
            def has_rel(m: Mention) -> bool:
                return self._relation(norm, m.start, m.end) is not None or self._end_of(norm, m.start, m.end, m.entry) is not None
            pick = next((m for m in features if has_rel(m)), None)
            if pick is None:
                pick = features[0]
                # "University of Helsinki main building": a named part inside another named place is the more precise one.
                inner = [m for m in features[1:] if m.entry.radius_m < pick.entry.radius_m and self._dist(m.entry, pick.entry) <= 10.0]
                if inner:
                    pick = min(inner, key=lambda m: m.entry.radius_m)
            if _depth == 0:
                # "Vanha kirrkko", "Esplanadin puisto": a name inside a longer misspelt, split or reordered one.
                longer = self._respelt(text, norm, mentions, _depth, cover=pick)
                if longer is not None:
                    return longer
            same = [e for e in self.gaz.named(pick.key) if e is not pick.entry and e.kind == pick.entry.kind]
            far = [e for e in same if self._dist(pick.entry, e) > SAME_PLACE_M]
            res = self._feature(text, norm, pick.entry, pick.start, pick.end, pick.score, "feature", far)
            # A name in front of the map's name for a kind of place ("Tampereen rautatieasema") may be another city's.
            described = pick.entry.kind == "landmark" or pick.key in self._generic_keys
            qualifier = self._unknown_qualifier(text, norm, pick.start, norm[pick.start:pick.end] != pick.key, [pick.entry]) if described else None
            trailing = _STREET_WORD_AFTER.match(norm[pick.end:]) if pick.entry.kind == "landmark" else None
            if trailing:
                # "Atlantis Boulevard 12": a street the map does not have, which happens to start like a landmark.
                return self._respelt(text, norm, mentions, _depth) or \
                    self._not_on_map(text, self._evidence(text, norm, pick.start, pick.end + trailing.end()))
            elsewhere = self._unknown_place_after(text, norm, pick.end, whole_names=True) if pick.entry.kind != "street" else None
            if elsewhere and res.confident:
                # "vid Centralstationen i Stockholm", "Stockmann in Tampere": a name the map has, of a place elsewhere.
                res.confident = False
                res.note = (res.note + " " if res.note else "") + f"\"{elsewhere}\" after it is not a name on the map; confirm it is this one."
            if self._ordinary_alias(pick) and res.confident \
                    and not any(m is not pick and self._dist(m.entry, pick.entry) <= ALIAS_CORROBORATION_M for m in mentions):
                # ... unless another place the report names lies by it ("Yrjönkadulla Tornin takapihalla").
                res.confident = False
                res.note = (res.note + " " if res.note else "") + f"\"{norm[pick.start:pick.end]}\" is also an ordinary word; confirm it means {pick.entry.name}."
            if qualifier:
                # "Olympic Stadium": the map's "Stadium" (a shop) is not what an unknown name in front of it means.
                res.confident = False
                res.note = (res.note + " " if res.note else "") + f"\"{qualifier} {pick.entry.name}\" may be a place that is not on the map; confirm."
            return self._street_by(text, norm, streets, pick.start, pick.end, res)

        # 3b. a Chinese transliteration of a name ("斯托克曼百货", "哈维斯·阿曼达喷泉"), matched by sound: never confident
        if has_cjk(norm):
            res = self._by_sound(text, norm)
            if res is not None:
                return res

        # 4. a generic description ("the cathedral"), tied to the one such feature on the map or near other named places.
        # "opposite / behind / under the station": the description the relation points at is the anchor;
        # "by the harbour", "near the park", "港口边的": context that says which one of the head noun is meant.
        for mn in streets[:1]:
            rel = self._relation(norm, mn.start, mn.end)
            if rel is not None and rel[0] != "near" and mn.entry.radius_m <= SHORT_STREET_M and generics \
                    and not any(rel[1] <= g.start and g.end <= mn.start for g in generics) \
                    and all(g.kind.confirm or self._relation(norm, g.start, g.end) is None for g in generics):
                # "under Pitkäsilta, on the Kaisaniemi bank": a bridge with a relation word is the anchor; a description
                # without one ("bank": a river bank, or a bank?) does not move it.
                return self._feature(text, norm, mn.entry, mn.start, mn.end, mn.score, "street")
        rels = {id(g): self._relation(norm, g.start, g.end) for g in generics}
        # A description right before another one modifies it: the head noun is the last ("the university metro
        # station", "yliopiston metroasemalla", "大学地铁站"), the place meant is the one of its kind nearest the other.
        pairs = [(g, h) for g, h in zip(generics, generics[1:]) if h.kind is not g.kind and _COMPOUND_LINK.match(norm[g.end:h.start])]
        modifiers = [g for g, _ in pairs]
        modified = [h for _, h in pairs]  # a head noun with its modifier ("滨海公园的音乐台附近": the bandstand) is never context
        anchors = [g for g in generics if rels[id(g)] is not None and rels[id(g)][0] != "near" and g not in modifiers]
        context_g = [g for g in generics if g not in anchors and len(generics) > 1 and g not in modified
                     and (g in modifiers or rels[id(g)] is not None or _CONTEXT_BEFORE.search(norm[max(0, g.start - 12): g.start]))]
        heads = [g for g in generics if g not in anchors and g not in context_g]
        if heads and has_cjk(norm):
            heads = heads[::-1]  # Chinese puts the head noun last ("港口边的露天集市")
        ordered = anchors + heads + context_g
        # A description qualified by a name the map does not have ("Tikkurilan asemalla laiturilla": the platform of
        # Tikkurila station) says the report is about a place elsewhere: read it first.
        elsewhere_g = [g for g in ordered if not has_cjk(g.phrase) and not any(a < g.start <= b + 1 for a, b in pointer_spans)
                       and self._unknown_qualifier(text, norm, g.start, g.phrase not in self._generic_by_key,
                                                   self.generic_candidates(g.kind))]
        ordered = elsewhere_g + [g for g in ordered if g not in elsewhere_g]
        placed = self._kind_by_anchor(text, norm, generics, anchors, rels, [c.entry for c in streets + zones])
        if placed is not None:
            return placed
        for g in ordered:
            cands = self.generic_candidates(g.kind)
            by_word = self._named_of_kind(text, norm, g, cands) or self._named_in_report(text, norm, g, cands, mentions, generics)
            if by_word is not None:
                return by_word
            # The word before it is a stop's name already read as a pointer ("Esplanadin puistossa"): no unknown name.
            qualifier = None if any(a < g.start <= b + 1 for a, b in pointer_spans) else self._unknown_qualifier(text, norm, g.start, g.phrase not in self._generic_by_key, cands)
            if qualifier and not has_cjk(qualifier):
                # Only a misspelling of that very word may rescue it ("Natonal Theatre"; not "Itäkeskus shopping centre").
                q_at = (max(0, g.start - len(normalize(qualifier)) - 1), g.start - 1)
                respelt = self._respelt(text, norm, mentions, _depth, touch=q_at)
                if respelt is not None and respelt.method not in ("address", "address_interpolated", "intersection") \
                        and respelt.feature not in {c.name for c in cands}:
                    # "Aleksanterin teatteri" is a theatre: not the statue of Alexander I that "Aleksanterin" spells.
                    respelt = None
                return respelt or \
                    self._misspelt_of_kind(text, norm, qualifier, g, cands) or \
                    self._not_on_map(text, self._evidence(text, norm, max(0, g.start - len(qualifier) - 1), g.end) or f"{qualifier} {g.phrase}")
            if not cands:
                continue
            context: list[Entry] = [c.entry for c in streets + zones] + pointers
            for other in generics:
                if other is not g and other.kind is not g.kind:
                    # A modifier of this head: every place of its kind counts ("the metro station nearest a university
                    # building"); another description in the report: its first few.
                    modifies = other in modifiers and other.end <= g.start
                    context += self.generic_candidates(other.kind)[: None if modifies else 3]
            res = self._generic(text, norm, g, cands, context)
            if res is None:
                continue
            if g.kind.confirm:
                # A kind of place every town has several of: the one on this map may not be the one meant.
                res.confident = False
            elsewhere = self._unknown_place_after(text, norm, g.end)
            if elsewhere and res.confident:
                res.confident = False
                res.note = (res.note + " " if res.note else "") + f"\"{g.phrase} in {elsewhere}\": {elsewhere} is not a name on the map; confirm it is this one, not one outside the scenario area."
            if not res.confident and not qualifier:
                # "the esplanade park", "the museum of modern art": a misspelt or partial name of one feature of that kind.
                named = self._respelt(text, norm, mentions, _depth)
                if named is not None and (any(named.feature == c.name for c in cands)
                                          or named.method in ("address", "address_interpolated", "intersection")):
                    return named  # ... or a misspelt street with its number ("Manerheimintie 5, the pharmacy")
                # "Kolmen sepän aukiolla": the description is the last word of a name written apart, read closely.
                named = self._respelt(text, norm, mentions, _depth, touch=(g.start, g.end), closely=True)
                if named is not None and named.confident:
                    return named
            if qualifier:
                # Chinese transliterations of names are not in OSM: a name we cannot read in front of the description.
                res.confident = False
                res.note = (res.note + " " if res.note else "") + f"\"{qualifier}\" before it is not a name on the map: confirm it is this {g.kind.kind.replace('_', ' ')}, not one outside the scenario area."
            return self._street_by(text, norm, streets, g.start, g.end, res)

        # 5. a street without a number; 6. a zone -- unless a misspelt name next to it says more ("Hakaniemen toori")
        coarse: Resolution | None = None
        if streets:
            mn = streets[0]
            rel = self._end_of(norm, mn.start, mn.end, mn.entry)
            if rel is not None:
                return self._feature(text, norm, mn.entry, mn.start, mn.end, mn.score, "street")
            near = self._relation(norm, mn.start, mn.end)
            if near is not None and near[0] != "near" and mn.entry.radius_m <= SHORT_STREET_M:
                # "Pitkänsillan alla", "under Långa bron": a bridge or a short street is a place to be under or behind.
                return self._feature(text, norm, mn.entry, mn.start, mn.end, mn.score, "street")
            coarse = self._street(mn, self._evidence(text, norm, mn.start, mn.end))
        elif zones:
            z = zones[0].entry
            coarse = Resolution(lat=z.lat, lon=z.lon, radius_m=round(z.radius_m, 1), confident=False, method="zone", place=z.name,
                                feature=z.name, feature_kind="zone", category="zone", ref=z.id,
                                evidence=self._evidence(text, norm, zones[0].start, zones[0].end), note=f"district only: somewhere in {z.name}")

        # 7. a misspelt name ("Stokmann", "Senatintori", "centrall railway staton"): the closest known name, read again
        if _depth == 0:
            # A district or a street named next to a misspelt name ("Hakaniemen toori") may be part of it.
            fixed = self._fuzzy(norm, [(m.start, m.end) for m in mentions if m.entry.kind not in ("zone", "street")] + self._adjectives(norm), text=text,
                                plain=_plain_spans(norm, mentions))
            if fixed is not None:
                corrected, original, replacement, score = fixed
                res = self.locate(corrected, _depth=1)
                # Over a street or district named plainly, only a close reading ("drivers" is not the shop "Diverse").
                if res.found and (coarse is None or (res.method not in ("street", "zone") and score >= FUZZY_CONFIDENT)):
                    res.confident = res.confident and score >= FUZZY_CONFIDENT
                    res.note = (res.note + " " if res.note else "") + f"Read \"{original}\" as \"{replacement}\" (spelling)."
                    res.evidence = original if not res.evidence else res.evidence
                    return res
        if coarse is not None:
            return coarse

        # 7b. one word of a feature's name that no other place has ("behind the Hilton"): read as that name, unconfirmed
        if _depth == 0:
            for m in re.finditer(r"\b[A-ZÄÖÅ][\wäöåÄÖÅ-]{4,}", text):
                if re.search(r"(^|[.!?:]\s*)$", text[: m.start()]):
                    continue  # capitalised because it begins a sentence ("Evacuation complete")
                entry = self._unique_words.get(normalize(m.group(0)))
                if entry is None:
                    continue
                res = self.locate(text[: m.start()] + entry.name + text[m.end():], _depth=1)
                if res.found:
                    res.confident = False
                    res.note = (res.note + " " if res.note else "") + f"Read \"{m.group(0)}\" as {entry.name}; confirm."
                    return res

        # 8. nothing on the map: say which words look like a place the map does not have
        for m in _PLACE_LIKE.finditer(text):
            return self._not_on_map(text, m.group(1))
        for m in _PREP_UNKNOWN.finditer(text):
            word = m.group(1)
            if normalize(word) not in _NOT_QUALIFIERS and normalize(word) not in self.gaz.context_keys:
                return self._not_on_map(text, word)
        for g in generics:  # a generic description with no such feature on the map
            return self._not_on_map(text, self._evidence(text, norm, g.start, g.end))
        return Resolution(note="no street, address, junction or named place of the scenario map in the text")

    def fallback(self, text: str, resolution: Resolution | None = None) -> Resolution:
        """The best area to send units toward when the location is not confirmed: what was found, else the map centre."""
        if resolution is not None and resolution.found:
            return resolution
        s, w, n, e = self.city.bbox
        lat, lon = (s + n) / 2, (w + e) / 2
        x0, y0 = self._xy(s, w)
        x1, y1 = self._xy(n, e)
        return Resolution(lat=lat, lon=lon, radius_m=round(math.hypot(x1 - x0, y1 - y0) / 2, 1), confident=False, method="map_centre",
                          place=f"centre of the map of {self.city.scenario.name}",
                          note="location unknown: the centre of the scenario map, as a staging direction only",
                          evidence=(resolution.evidence if resolution else ""), outside_map=bool(resolution and resolution.outside_map))


def locate(city: Any, text: str) -> Resolution:
    return city.locator.locate(text)


__all__ = ["Alternative", "Locator", "Resolution", "locate"]
