"""The place a request names, as the operator wrote it or as the gazetteer knows it; never the whole sentence.

Gazetteer matches first (the written form kept, with its house number), then the phrase after a preposition;
also the station a question names (``extract_station``) and lower-case place names given their capitals
(``cased_places``), which the cue rules read as names.
"""

from __future__ import annotations

import re
from typing import Any

from agent.slots import EN_NUM, en_number

_PREP = re.compile(r"\b(?:at|in|on|near|around|outside|inside|by|to|from|of|along|behind|opposite)\s+((?:the\s+)?[A-ZÄÖÅ0-9][\w'äöåÄÖÅ-]*(?:\s+(?:[A-ZÄÖÅ0-9][\w'äöåÄÖÅ-]*|\d+[a-z]?))*)")
DESCRIPTION = re.compile(r"\b(?:near|at|around|round|by|outside|behind|opposite|of|from|in)\s+(the\s+(?:[a-z]+\s+){0,2}(?:station|square|market|harbou?r|waterfront|shore|park|church|cathedral|library|museum|"
                          r"theatre|theater|hall|university|school|hospital|mall|centre|center|terminal|stop|bridge|tower|hotel|stadium))\b", re.IGNORECASE)
_ZH_PLACE = re.compile(r"([A-Za-zÄÖÅäöå][\w'äöåÄÖÅ-]*(?:\s+[A-Za-zÄÖÅäöå0-9][\w'äöåÄÖÅ-]*)*(?:\s?(?:公园|广场|大街|街|路|站|基地|市场|大楼))?)"
                       r"|([\u4e00-\u9fff]{2,10}?(?:广场|公园|中心|车站|火车站|剧院|教堂|大学|医院|商场|图书馆|市场|码头|大楼|大厦|基地|酒店|体育场|博物馆|音乐厅|站))")
_NOT_PLACE = {"fire", "help", "plan", "evacuate", "send", "the", "sitrep", "report", "dispatch", "ambulance", "engine", "police", "unit",
              "units", "shelter", "shelters", "which", "what", "where", "how", "is", "are", "can", "ok", "hazmat", "sop", "eta", "p1", "p2", "p3",
              "ems", "cpr", "oos", "pls", "please", "storm", "gas", "flood", "caller", "report", "radio", "director", "chief", "i", "we"}


# Who speaks or what sent the text, as a message's opening label: "Network control: ...", "Sensor alarm text: ...",
# "Hospital liaison - ...", "This is the harbour master's office." A sender's name may be a word the map knows (a shop
# called Network), but it says who writes, not where the incident is.
_SPEAKER_LABEL = re.compile(r"^\s*(?:this is\s+)?(?:[\w'’.&-]+\s+){0,3}?(?:control(?: room| centre| center)?|desk|room|cent(?:re|er)|office|"
                            r"commander|officer|liaison|supervisor|operator|team|crew|alarm(?: text)?|sensor|feed|bulletin|dispatch(?:er)?|"
                            r"here|again|reporting|duty)\b\s*(?:again\s*)?[:：.\-–—,]\s*", re.IGNORECASE)


def _without_speaker_label(text: str, gazetteer: Any) -> str:
    """The text after an opening speaker label, when the rest still names a place of the map ("Network control: oil fire
    behind Vuorikatu 20" is at Vuorikatu 20); the text itself otherwise ("Kamppi control: smoke in the hall")."""
    match = _SPEAKER_LABEL.match(text)
    if not match or match.end() >= len(text):
        return text
    rest = text[match.end():]
    # Gazetteer.find_in_text reads any string without raising; only a caller with no gazetteer at all has none to ask
    if gazetteer is None:
        return text
    return rest if gazetteer.find_in_text(rest) else text


# A Chinese order puts the destination after a verb of motion ("派两辆救护车到X", "调三台消防车赶往X", "让一支救援队前往X"):
# the place is what follows the last such verb, never the verb-object frame before it. A count with its classifier
# ("两辆", "三台", "一支") is a slot value (how many), not part of a place.
_ZH_MOTION = re.compile(r"(?:赶往|前往|开往|驶往|奔赴|赶赴|赶到|开到|送到|送往|派到|派往|调到|调往|去往|到|去|往)")
_ZH_COUNT = re.compile(r"^[一二两三四五六七八九十几数\d]+(?:辆|台|部|支|个|名|架|组|队|位|艘)")


def zh_destination(phrase: str) -> str:
    """The place of a Chinese phrase that may still carry its verb-object frame: the words after the last verb of
    motion ("两辆救护车到仲裁庭大楼" -> "仲裁庭大楼"), a leading count and classifier dropped; the phrase itself when
    nothing place-like (two characters or more) follows."""
    cut = None
    for match in _ZH_MOTION.finditer(phrase):
        if len(phrase) - match.end() >= 2:
            cut = match.end()
    place = phrase[cut:] if cut is not None else phrase
    counted = _ZH_COUNT.match(place)
    if counted and len(place) - counted.end() >= 2:
        place = place[counted.end():]
    return place


def prep_phrase(text: str) -> str | None:
    for match in _PREP.finditer(text):
        candidate = _strip_place(match.group(1))
        if candidate and candidate.lower() not in _NOT_PLACE and not re.fullmatch(r"\d+", candidate):
            return candidate
    return None


def _strip_place(text: str) -> str:
    text = re.sub(r"^(?:the)\s+(?=[A-ZÄÖÅ])", "", text.strip(" ,.;:?!'\"")).strip()
    text = re.sub(r"(?<=\w)['’]s$", "", text)
    return text


def extract_place(text: str, gazetteer: Any, *, prefer_zone: bool = False, unit_ids: list[str] = ()) -> str | None:
    """The place named in the text, as the operator wrote it or as the gazetteer knows it; never the whole sentence."""
    stripped = text
    for uid in unit_ids:  # "KAM-A2" must not become a place
        stripped = re.sub(re.escape(uid), " ", stripped, flags=re.IGNORECASE)
    stripped = _without_speaker_label(stripped, gazetteer)
    try:
        places = gazetteer.find_in_text(stripped)
    except Exception:  # noqa: BLE001 - a gazetteer failure must not stop routing
        places = []
    if places:
        zones = [p for p in places if p.kind == "zone"]
        others = [p for p in places if p.kind != "zone"]
        pick = (zones or others)[0] if prefer_zone else (others or zones)[0]
        written = _written_form(stripped, pick)
        mention = _mention_form(stripped, pick, gazetteer)
        if mention and (not written or (len(mention) > len(written) and mention.split()[0] == written.split()[0])):
            written = mention  # "Helsinki Central Station" as the gazetteer matched it, not its first word
        if pick.kind == "zone" and not prefer_zone:  # "Hakaniemen kauppahalli" is more precise than the zone it names
            phrase = prep_phrase(stripped)
            if phrase and (not written or written.lower() in phrase.lower()) and len(phrase) > len(written or ""):
                return phrase
        return written or pick.name
    match = DESCRIPTION.search(stripped)
    if match:
        return match.group(1)
    phrase = prep_phrase(stripped)
    if phrase:
        return phrase
    for match in (_ZH_PLACE.finditer(stripped) if re.search(r"[\u4e00-\u9fff]", stripped) else ()):
        candidate = _strip_place(match.group(1) or match.group(2) or "")
        if match.group(2):  # "请把火车站附近" -> 火车站: the lazy match starts at the first CJK character, a request word
            # the lazy match stops at the first place noun: "火车站广场" is the square, not the station
            longer = re.match(r"(?:广场|公园|大楼|大厦|码头|市场|中心)", stripped[match.end():])
            candidate = zh_destination(candidate + (longer.group(0) if longer else ""))
            # an order's verb is no part of its place: "疏散酒店" is the hotel, "派遣单位" no place
            candidate = re.sub(r"^(?:请|麻烦|帮我|帮忙|我们|需要|马上|立即|立刻|赶紧|快|把|将|给|让|在|从|去|到|往|对|离|向|疏散|撤离|撤出|转移|派遣|派出|派|调派|调|出动)+", "", candidate)
        if candidate and candidate.lower() not in _NOT_PLACE and not re.fullmatch(r"[A-Z]{1,3}\d?|\d+", candidate) and len(candidate) >= 2:
            if match.group(1) and not candidate[:1].isupper():
                continue
            return candidate
    return None


def _mention_form(text: str, place: Any, gazetteer: Any) -> str | None:
    """The words of ``text`` the gazetteer matched to ``place`` ("Skillnaden" for Erottaja): the place as written."""
    from tools.gazetteer import normalize

    try:
        _, mentions = gazetteer.mentions(text)
    except Exception:  # noqa: BLE001 - no mention spans: the gazetteer's name stands
        return None
    words = re.findall(r"[\w'äöåÄÖÅ-]+", text)
    normed = [normalize(w) for w in words]  # normalised once, not per mention and start word
    norm_text = normalize(text)
    for mention in mentions:
        if getattr(mention.entry, "name", None) != place.name:
            continue
        norm_words = norm_text[mention.start:mention.end].split()
        if not norm_words:
            continue
        for i in range(len(words)):
            if normed[i:i + len(norm_words)] == norm_words:
                return " ".join(words[i:i + len(norm_words)])
    return None


_STREET_ENDINGS = ("katu", "tie", "kuja", "polku", "ranta", "tori", "street", "road", "gatan", "vägen")


def _written_form(text: str, place: Any) -> str | None:
    """The span of ``text`` that named ``place`` with a following house number kept ("Yrjönkatu 21")."""
    from tools.gazetteer import normalize

    words = re.findall(r"[\w'äöåÄÖÅ-]+", text)
    target = normalize(place.name).split()
    if not target:
        return None
    head = target[0][:5]
    for i, word in enumerate(words):
        if normalize(word).startswith(head):
            span = re.sub(r"['’]s$", "", word)
            extra = 0  # the following words of a multi-word name, as written
            while 1 + extra < len(target) and i + 1 + extra < len(words) \
                    and normalize(words[i + 1 + extra]).startswith(target[1 + extra][:4]):
                extra += 1
            if extra:
                return " ".join(words[i:i + 1 + extra])
            if i + 1 < len(words) and re.fullmatch(r"\d{1,3}[a-zA-Z]?", words[i + 1]):
                span += " " + words[i + 1]
            elif i + 1 < len(words) and words[i + 1].lower() in EN_NUM and normalize(word).endswith(_STREET_ENDINGS):
                spoken = [w for w in words[i + 1:i + 3] if w.lower() in EN_NUM]  # "twenty one"
                span += f" {en_number(' '.join(spoken))}"
            return span
    return None


def extract_station(text: str, city: Any, *, district: bool = False) -> str | None:
    """The station named; with ``district``, a station's district named alone counts ("what's left at Kamppi?":
    in a question about units, the district is its station)."""
    for station in city.scenario.stations:
        names = [station.name, *getattr(station, "aliases", [])]
        for name in sorted(names, key=len, reverse=True):
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
                return name
        short = station.name.split()[0]
        if re.search(rf"(?<!\w){re.escape(short[:6])}\w*\s*(?:base|station|基地|站)", text, re.IGNORECASE):
            return short
        # a Finnish case form may change the stem's last consonants ("Kamppi" -> "Kampin"): a short name's stem is shorter
        stem = short[:min(6, max(4, len(short) - 2))]
        if district and re.search(rf"(?<!\w){re.escape(stem)}\w*(?!\w)", text, re.IGNORECASE):
            return next((a for a in getattr(station, "aliases", []) if a.lower().startswith(short[:6].lower())), short)
    return None


def cased_places(text: str, gazetteer: Any) -> str:
    """Places of the map written all in lower case ("send an engine to vironkatu 9", "clear out sanomatalo") with
    capitals as names have them: the cue rules and the place phrases take a capital after "to" / "at" for a name."""
    if not re.search(r"[a-zäöå]", text):
        return text
    try:
        places = gazetteer.find_in_text(text)
    except Exception:  # noqa: BLE001 - no gazetteer: the text as written
        return text
    for place in places:
        written = _mention_form(text, place, gazetteer)
        if written and written.islower() and not re.search(r"[\u4e00-\u9fff]", written):
            cased = " ".join(word[:1].upper() + word[1:] for word in written.split())
            text = re.sub(rf"(?<![\w-]){re.escape(written)}(?![\w-])", cased, text, count=1)
    return text
