"""Names in other languages, made from the map's own names: place-name words and sounds.

OSM names most features in Finnish and Swedish only. Callers say "the Glass Palace", "the
National Library", "国家图书馆", "斯托克曼百货". Two general mechanisms bridge that, neither
naming any place:

* **Place-name words** (``WORDS``): a small bilingual glossary of the common nouns and
  adjectives that place names are built of (church, library, national, old, glass, palace,
  music, house...), in Finnish (with the genitive / compound forms names use), Swedish,
  English and Chinese. A name made *entirely* of such words ("Lasipalatsi" = lasi + palatsi,
  "Kansalliskirjasto" = kansallis + kirjasto, "Pyhän Kolminaisuuden kirkko") gets its
  English and Chinese renderings as aliases ("glass palace", "玻璃宫"). Names of one word,
  or with any part the glossary does not know, get none: "kirkko" alone is the generic
  description "church", handled by tools/place_aliases.py, and "Stockmann" is a proper noun.
* **Short forms** (``short_forms``): a name with a city or country qualifier in front or
  behind ("Suomen Kansallisteatteri", "Helsingfors Musikhuset", "The National Archives of
  Finland") is also known without it, when what is left is long enough to be a name.
* **Sound keys** (``sound_key``): Chinese writes foreign names by sound (斯托克曼 =
  Stockmann, 奇亚斯玛 = Kiasma). The key is the consonant skeleton of the pinyin (pypinyin)
  or of the Latin spelling, with the consonants transliteration confuses merged (t/d, k/g/q,
  p/b, l/r, s/x/z...), so both sides meet. A match by sound is a reading, never a certainty:
  the locator marks it unconfirmed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# concept: (Finnish forms, Swedish forms, English renderings, Chinese renderings). Finnish forms include the
# compound / genitive stems names are built with ("kansallis-", "Suomen", "Pyhän"). General place-name vocabulary.
WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "national": (("kansallis", "kansallinen", "kansallisen"), ("national", "nationella", "nationell"), ("national",), ("国家", "国立")),
    "finland": (("suomen", "suomi"), ("finlands", "finland", "finska"), ("finland", "finnish"), ("芬兰",)),
    "helsinki": (("helsingin", "helsinki"), ("helsingfors",), ("helsinki",), ("赫尔辛基",)),
    "swedish": (("ruotsalainen", "ruotsin"), ("svenska", "svenskt"), ("swedish",), ("瑞典",)),
    "old": (("vanha", "vanhan", "wanha"), ("gamla", "gamle"), ("old",), ("老", "旧")),
    "new": (("uusi", "uuden", "uus"), ("nya",), ("new",), ("新",)),
    "great": (("iso", "ison", "suuri", "suuren"), ("stora",), ("great", "big"), ("大",)),
    "small": (("pieni", "pienen", "pikku"), ("lilla",), ("little", "small"), ("小",)),
    "holy": (("pyhä", "pyhän"), ("heliga", "helga"), ("holy", "saint", "st"), ("圣",)),
    "trinity": (("kolminaisuus", "kolminaisuuden"), ("treenighet", "treenighets"), ("trinity",), ("三一",)),
    "main": (("pää",), ("huvud",), ("main",), ("主",)),
    "central": (("keskus", "keskustan", "keski"), ("central", "centrala"), ("central",), ("中央",)),
    "city": (("kaupungin", "kaupunki"), ("stads", "stad"), ("city",), ("城市", "市")),
    "university": (("yliopisto", "yliopiston"), ("universitet", "universitetet", "universitets"), ("university",), ("大学",)),
    "building": (("rakennus", "rakennuksen", "talo", "talon"), ("byggnad", "byggnaden", "hus", "huset"), ("building", "house"), ("大楼", "楼", "大厦")),
    "church": (("kirkko", "kirkon"), ("kyrka", "kyrkan", "kyrko"), ("church",), ("教堂",)),
    "cathedral": (("tuomiokirkko", "tuomiokirkon"), ("domkyrka", "domkyrkan"), ("cathedral",), ("大教堂", "座堂")),
    "chapel": (("kappeli", "kappelin"), ("kapell", "kapellet"), ("chapel",), ("礼拜堂", "小教堂")),
    "library": (("kirjasto", "kirjaston"), ("bibliotek", "biblioteket"), ("library",), ("图书馆",)),
    "archive": (("arkisto", "arkiston"), ("arkiv", "arkivet"), ("archives", "archive"), ("档案馆",)),
    "museum": (("museo", "museon"), ("museum", "museet"), ("museum",), ("博物馆",)),
    "art": (("taide", "taiteen"), ("konst",), ("art",), ("艺术", "美术")),
    "gallery": (("galleria",), ("galleri", "galleriet"), ("gallery",), ("美术馆", "画廊")),
    "theatre": (("teatteri", "teatterin"), ("teater", "teatern"), ("theatre", "theater"), ("剧院",)),
    "opera": (("ooppera", "oopperan"), ("opera", "operan"), ("opera",), ("歌剧院",)),
    "music": (("musiikki", "musiikin"), ("musik",), ("music",), ("音乐",)),
    "concert": (("konsertti",), ("konsert",), ("concert",), ("音乐会",)),
    "hall": (("halli", "hallin", "sali"), ("hall", "hallen", "sal", "salen"), ("hall",), ("厅", "馆")),
    "centre": (("keskus", "keskuksen"), ("center", "centret", "centrum"), ("centre", "center"), ("中心",)),
    "palace": (("palatsi", "palatsin", "linna", "linnan"), ("palats", "palatset", "slott", "slottet"), ("palace", "castle"), ("宫", "宫殿", "城堡")),
    "glass": (("lasi",), ("glas",), ("glass",), ("玻璃",)),
    "house": (("talo", "talon", "koti"), ("hus", "huset"), ("house",), ("之家", "屋")),
    "market": (("kauppa", "kauppa"), ("salu", "handels"), ("market",), ("市场", "集市")),
    "square": (("tori", "torin", "aukio", "aukion"), ("torg", "torget", "plats", "platsen"), ("square",), ("广场",)),
    "park": (("puisto", "puiston"), ("park", "parken"), ("park",), ("公园",)),
    "garden": (("puutarha", "puutarhan"), ("trädgård", "trädgården"), ("garden", "gardens"), ("花园", "园")),
    "botanic": (("kasvitieteellinen",), ("botaniska", "botanisk"), ("botanic", "botanical"), ("植物",)),
    "station": (("asema", "aseman"), ("station", "stationen"), ("station",), ("站", "车站")),
    "railway": (("rautatie", "rautatien"), ("järnväg", "järnvägs"), ("railway", "train"), ("火车", "铁路")),
    "harbour": (("satama", "sataman"), ("hamn", "hamnen"), ("harbour", "harbor", "port"), ("港", "港口")),
    "bridge": (("silta", "sillan"), ("bro", "bron"), ("bridge",), ("桥",)),
    "island": (("saari", "saaren"), ("ö", "ön", "holm", "holmen"), ("island",), ("岛",)),
    "bank": (("pankki", "pankin"), ("bank", "banken"), ("bank",), ("银行",)),
    "parliament": (("eduskunta", "eduskunnan", "eduskuntatalo"), ("riksdag", "riksdagen", "riksdagshuset"), ("parliament",), ("议会", "国会")),
    "senate": (("senaatti", "senaatin"), ("senat", "senaten"), ("senate",), ("参议院",)),
    "hotel": (("hotelli",), ("hotell", "hotellet"), ("hotel",), ("酒店", "饭店")),
    "hospital": (("sairaala", "sairaalan"), ("sjukhus", "sjukhuset"), ("hospital",), ("医院",)),
    "student": (("ylioppilas", "ylioppilaiden", "ylioppilaan"), ("student", "studenternas", "studentkårens"), ("student",), ("学生",)),
    "school": (("koulu", "koulun"), ("skola", "skolan"), ("school",), ("学校",)),
    "statue": (("patsas", "patsaan", "ratsastajapatsas"), ("staty", "statyn", "ryttarstaty"), ("statue", "monument"), ("雕像", "塑像", "像")),
    "fountain": (("suihkulähde",), ("fontän", "fontänen"), ("fountain",), ("喷泉",)),
    "tower": (("torni", "tornin"), ("torn", "tornet"), ("tower",), ("塔",)),
    "market_hall": (("kauppahalli", "kauppahallin"), ("saluhall", "saluhallen"), ("market hall",), ("室内市场", "市场大厅")),
    "city_hall": (("kaupungintalo",), ("stadshus", "stadshuset"), ("city hall", "town hall"), ("市政厅",)),
}

# City and country words that qualify a name ("Suomen Kansallisteatteri") without being part of what it names.
QUALIFIERS = {"suomen", "helsingin", "finlands", "helsingfors", "finnish", "helsinki", "finland", "the", "of"}
SHORT_FORM_MIN_CHARS = 8
# Concept sequences that callers use as plain descriptions ("the city centre", "市中心" = downtown): a name made of
# them ("Citycenter", a mall) gets no rendering, or every "downtown" would point at it.
COMMON_PHRASES = {("city", "centre"), ("centre",), ("city",), ("old", "city"), ("new", "city"), ("city", "central"), ("central",)}
_CITY_WORDS = {"helsinki", "helsingfors", "helsingin"}
_FUNCTION_WORDS = {"the", "of", "and", "och", "ja", "i", "in"}


def fold(text: str) -> str:
    """Casefolded, without diacritics, punctuation kept (so "Liisankatu, 03:10" keeps its comma and colon)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _forms() -> list[tuple[str, str]]:
    """(folded Finnish / Swedish / English form, concept), longest first (so "tuomiokirkko" wins over "kirkko")."""
    out = []
    for concept, (fi, sv, en, _zh) in WORDS.items():
        for form in (*fi, *sv, *en):
            out.append((fold(form).replace(" ", ""), concept))
    out.sort(key=lambda t: -len(t[0]))
    return out


def place_word_forms() -> list[str]:
    """Every folded Finnish / Swedish / English form of the glossary, longest first."""
    return [f for f, _ in _forms()]


def _split_word(word: str) -> list[str] | None:
    """A (compound) word as concepts, or None when a part is not in the glossary."""
    if not word:
        return []
    for form, concept in _forms():
        if len(form) >= 2 and word.startswith(form):
            rest = _split_word(word[len(form):])
            if rest is not None:
                return [concept, *rest]
    return None


def concepts(name: str) -> list[str] | None:
    """The concepts a whole name is made of ("Pyhän Kolminaisuuden kirkko" -> holy, trinity, church), else None."""
    words = [w for w in re.split(r"[^\w]+", fold(name)) if w and w not in _FUNCTION_WORDS]
    out: list[str] = []
    for w in words:
        parts = _split_word(w)
        if parts is None:
            return None
        out += parts
    return out


def renderings(name: str) -> list[str]:
    """English and Chinese names for a name made entirely of glossary words (at least two concepts)."""
    from itertools import product

    cs = concepts(name)
    if not cs or len(cs) < 2 or tuple(c for c in cs if c not in ("finland", "helsinki")) in COMMON_PHRASES:
        return []
    meaningful = [c for c in cs if c not in ("finland", "helsinki")]
    out = []
    # English: each concept's renderings in turn; "X of Finland" for "Suomen X"; without the city / country word
    # only when two concepts are left ("national theatre", not "bank").
    en_parts = [WORDS[c][2] for c in cs]
    out.append(" ".join(p[0] for p in en_parts))
    for i in range(len(en_parts)):
        for alt in en_parts[i][1:]:
            out.append(" ".join(alt if j == i else p[0] for j, p in enumerate(en_parts)))
    core = " ".join(WORDS[c][2][0] for c in meaningful)
    if cs[0] in ("finland", "helsinki") and meaningful:
        out.append(core + " of " + WORDS[cs[0]][2][0])
    if len(meaningful) >= 2:
        out.append(core)
    # Chinese: the concepts' characters joined, a few variants ("主楼", "主大楼")
    zh_sets = [WORDS[c][3][:2] for c in cs]
    for combo in list(product(*zh_sets))[:6]:
        out.append("".join(combo))
    if len(meaningful) >= 2:
        out.append("".join(WORDS[c][3][0] for c in meaningful))
    return list(dict.fromkeys(o for o in out if o))


def short_forms(name: str) -> list[str]:
    """The name without its city or country words ("Helsingfors Musikhuset" -> "Musikhuset", "Hilton Helsinki Strand"
    -> "Hilton Strand", "The National Archives of Finland" -> "National Archives"), when what is left is long enough
    to be a name, and is not one common noun or one word in lower case."""
    words = name.split()
    while words and fold(words[0]).strip(",") in QUALIFIERS:
        words = words[1:]
    while len(words) >= 2 and fold(words[-2]) in ("of", "in", "i") and fold(words[-1]).strip(",") in QUALIFIERS:
        words = words[:-2]
    while words and fold(words[-1]).strip(",") in QUALIFIERS:
        words = words[:-1]
    words = [w for w in words if fold(w).strip(",") not in _CITY_WORDS]
    core = " ".join(words).strip(" ,")
    if not core or core == name or len(core.replace(" ", "")) < SHORT_FORM_MIN_CHARS:
        return []
    parts = concepts(core)
    if len(words) == 1 and not core[:1].isupper() and parts is None:
        return []  # "keskusta", "työväentalo": a word, not a name
    if parts is not None and len(parts) <= 1:
        return []  # "Pankki", "Teatern": a common noun, not a name
    return [core]


# --- sound keys --------------------------------------------------------------------------------------------------
# Characters Chinese uses to spell foreign names by sound (the common ones of the standard transliteration table).
TRANSLIT_CHARS = set(
    "阿埃艾爱安昂奥澳巴拜班邦包保鲍贝本比彼毕宾滨波伯博布采查达代黛戴丹道德登迪蒂丁东杜多厄恩尔法凡范菲芬费丰弗福夫盖甘冈戈格根古瓜圭哈海汉豪赫亨洪胡华惠霍"
    "基吉加贾杰金卡凯坎康考柯科克肯库夸奎昆拉莱兰朗劳勒雷蕾黎里利莉丽连林琳留柳龙卢鲁路伦罗洛马玛迈麦曼芒毛梅门蒙米密敏明莫默姆穆纳娜奈南内尼妮涅宁纽努诺"
    "欧帕派潘庞佩彭皮普奇齐恰乔切钦琼丘让热任茹若萨塞赛桑瑟森沙莎善尚绍舍施什史舒斯松苏索塔泰坦汤唐陶特提廷通图托瓦万旺威韦维温文沃乌伍西希锡夏谢辛休许"
    "雅亚扬耶伊英尤于约赞泽扎詹芝朱佐兹浓历")
_PINYIN_INITIAL = [("zh", "s"), ("ch", "s"), ("sh", "s"), ("b", "p"), ("p", "p"), ("d", "t"), ("t", "t"), ("g", "k"), ("k", "k"),
                   ("q", "k"), ("j", "k"), ("x", "s"), ("z", "s"), ("c", "s"), ("s", "s"), ("h", "h"), ("f", "v"), ("w", "v"),
                   ("y", ""), ("l", "l"), ("r", "l"), ("m", "m"), ("n", "n")]
_LATIN_MAP = [("sch", "s"), ("ck", "k"), ("ph", "v"), ("th", "t"), ("sh", "s"), ("ch", "k"), ("qu", "kv"), ("x", "ks"),
              ("c", "k"), ("q", "k"), ("g", "k"), ("b", "p"), ("d", "t"), ("z", "s"), ("w", "v"), ("f", "v"), ("r", "l"), ("j", "")]


def _collapse(key: str) -> str:
    return re.sub(r"(.)\1+", r"\1", key)


def latin_sound_key(word: str) -> str:
    """Consonant skeleton of a Latin-script name ("Stockmann" -> "stkmn")."""
    w = re.sub(r"[^a-z]", "", fold(word))
    for a, b in _LATIN_MAP:
        w = w.replace(a, b)
    w = re.sub(r"[aeiouy]", "", w)
    return _collapse(w)


def pinyin_sound_key(text: str) -> str:
    """Consonant skeleton of a Chinese transliteration ("斯托克曼" -> "stkmn")."""
    from pypinyin import Style, lazy_pinyin

    out = []
    for syl in lazy_pinyin(text, style=Style.NORMAL, errors="ignore"):
        if syl == "er":
            out.append("l")
            continue
        ini = ""
        for a, b in _PINYIN_INITIAL:
            if syl.startswith(a):
                ini, syl = b, syl[len(a):]
                break
        out.append(ini)
        if syl.endswith("ng"):
            out.append("n")
        elif syl.endswith("n"):
            out.append("n")
    return _collapse("".join(out))


def translit_runs(text: str, min_chars: int = 3) -> list[tuple[int, int, str]]:
    """Runs of transliteration characters in a text ((start, end, run)), at least ``min_chars`` long."""
    out = []
    for m in re.finditer(r"[\u3400-\u9fff·•・]+", text):
        run = m.group(0)
        i = 0
        while i < len(run):
            if run[i] in TRANSLIT_CHARS:
                j = i
                while j < len(run) and (run[j] in TRANSLIT_CHARS or (run[j] in "·•・" and j + 1 < len(run) and run[j + 1] in TRANSLIT_CHARS)):
                    j += 1
                letters = re.sub("[·•・]", "", run[i:j])
                if len(letters) >= min_chars:
                    out.append((m.start() + i, m.start() + j, letters))
                i = j
            else:
                i += 1
    return out



# Chinese words after a transliterated name that say what kind of feature it is (OSM tag rules, as in place_aliases).
_MUSEUM = ({"tourism": "museum"}, {"tourism": "gallery"}, {"amenity": "arts_centre"})
_MONUMENT = ({"historic": "memorial"}, {"historic": "monument"}, {"tourism": "artwork"})
ZH_KIND_HINTS: tuple[tuple[str, tuple[dict[str, str], ...]], ...] = (
    ("百货", ({"shop": "department_store"},)), ("商场", ({"shop": "mall"}, {"shop": "department_store"})),
    ("美术馆", _MUSEUM), ("博物馆", _MUSEUM), ("艺术", _MUSEUM), ("画廊", _MUSEUM),
    ("雕像", _MONUMENT), ("塑像", _MONUMENT), ("骑马像", _MONUMENT), ("纪念碑", _MONUMENT), ("像", _MONUMENT),
    ("喷泉", ({"amenity": "fountain"}, {"tourism": "artwork"})),
    ("公园", ({"leisure": "park"},)), ("花园", ({"leisure": "park"}, {"leisure": "garden"})),
    ("教堂", ({"amenity": "place_of_worship"},)), ("剧院", ({"amenity": "theatre"},)),
    ("音乐", ({"amenity": "arts_centre"}, {"amenity": "concert_hall"})),
    ("酒店", ({"tourism": "hotel"},)), ("饭店", ({"tourism": "hotel"},)), ("旅馆", ({"tourism": "hotel"},)),
    ("大学", ({"amenity": "university"}, {"building": "university"})), ("图书馆", ({"amenity": "library"},)),
    ("广场", ({"place": "square"}, {"highway": "pedestrian"})),
    ("餐厅", ({"amenity": "restaurant"},)), ("咖啡", ({"amenity": "cafe"},)),
    ("火车站", ({"railway": "station"}, {"building": "train_station"})), ("地铁站", ({"railway": "station", "station": "subway"},)),
)


def zh_kind_hint(after: str) -> tuple[str, tuple[dict[str, str], ...]] | None:
    """The kind word right after a transliterated name ("斯托克曼百货" -> department store), if any."""
    after = re.sub(r"^[\s·•・的]*", "", after)
    for word, rules in ZH_KIND_HINTS:
        if after.startswith(word) or (len(word) >= 2 and word in after[:4]):
            return word, rules
    return None


__all__ = ["WORDS", "concepts", "renderings", "short_forms", "latin_sound_key", "pinyin_sound_key", "translit_runs", "fold", "zh_kind_hint", "place_word_forms"]
