"""The words and patterns the locator reads a report with: relations, junctions, sides and ends, house numbers,
corrections, and the distances and scores it decides by."""

from __future__ import annotations

import re

# A spelling correction at least this close (rapidfuzz ratio) may be confident; below it, always confirm.
FUZZY_CONFIDENT = 92.0
# A misspelt name right before its kind ("Kiazma museum") is compared with the names of that kind only, this close.
KIND_SPELLING_MIN = 80.0
# An answer is confident when its uncertainty is at most this and nothing else fits the words.
CONFIDENT_RADIUS_M = 200.0
# A house number the map lacks is read between its known neighbours; the point is confirmed only when they stand this
# close around it. A number placed at another number ("Fredrikinkatu 25" at number 39, ± 188 m) is a guess: confirm.
INTERPOLATED_CONFIDENT_RADIUS_M = 50.0
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
# Appended to a number, so it starts only where a run of spaces starts (possessive: no unit begins with a space): on
# its own, or after a number followed by a long run of blank lines, it stays linear.
# A number followed by a noun for people ("80 elderly residents", "45 guests", "12 bedridden patients", "30 名老人",
# "80位住户") is a count of people, never a house number: up to two words describing them may stand between
# ("Annankatu 12 where residents ..." keeps its number 12).
_PEOPLE_COUNT_NOUNS = (r"people|persons|residents|guests|children|kids|passengers|patients|pupils|students|occupants|tenants|visitors"
                       r"|workers|staff|employees|customers|elderly|pensioners|seniors|adults|babies|infants|inmates|travell?ers"
                       r"|spectators|men|women|families|asukas\w*|asukkaa\w*|potilas\w*|potilaa\w*|vanhus\w*|lasta|matkustaja\w*|personer|boende|barn|gaster|gäster")
# A word that describes people, by its form (elderly, bedridden, disabled, sleeping, immobile) or one of the plain
# adjectives of age and state: "Annankatu 8 bar staff" keeps its number, the noun "bar" names the staff's trade.
_DESCRIBING_WORD = r"(?:(?<![A-Za-zÀ-ÖØ-öø-ÿ-])[A-Za-zÀ-ÖØ-öø-ÿ-]++(?:(?<=ly)|(?<=ed)|(?<=en)|(?<=ing)|(?<=ile)|(?<=ble))|old|young|frail|sick|small|little|many|more|other|adult|senior|vulnerable)"
_NOT_A_HOUSE_NUMBER = (r"(?<!\s)(?:\s*+(?:m|km|min|minutes|metres|meters|metria|people|persons|hloa|henkea|krs|kerros|floor|cars|vehicles|%)(?!\w)"
                       # not a possessive: "Kalevankatu 30 old people's home" is a care home at number 30
                       rf"|\s++(?:{_DESCRIBING_WORD}\s+){{0,2}}?(?:{_PEOPLE_COUNT_NOUNS})\b(?!['’])"
                       # Chinese: a measure word for people, or 人 itself, right after the number (号 is the house number's);
                       # not the first character of another word: 位于 "located at", 位置 "position", 人行道 "pavement", 人民
                       r"|\s*+(?:名|位(?![于於置])|个人|個人|人(?![行民])|口人))")
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
_PREP_UNKNOWN = re.compile(r"\b(?:in|at|near|by|off|to|from|i|på|vid|nära)\s+([A-ZÄÖÅ][\wäöåÄÖÅ-]{2,})"
                           # Chinese puts the place first and its locative after it ("Pasila 那边", "Pasila 火车站站台上",
                           # "在 Vallila 的仓库"): a capitalised Latin name (not an all-caps unit id) next to one
                           r"|(?:在|从|到|去|往)\s*([A-ZÄÖÅ][a-zäöå]{2,}(?:-[a-zäöå]+)?)(?![\wäöå-])"
                           r"|(?<![\w-])([A-ZÄÖÅ][a-zäöå]{2,}(?:-[a-zäöå]+)?)\s*(?=那边|那里|这边|这里|附近|周边|周围|一带|(?:火)?车站|地铁站|站台|码头|港口|广场|公园|市场|商场|有(?:个|一|人|几|辆|栋|座))")
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


# Letters a report writes on purpose: a name without them is another name ("Kämp" is not "Kamppi").
_MARKED = re.compile(r"[äöåÄÖÅ]")
_MARKED_WORD = re.compile(r"(?<!\w)\w*[äöå]\w*")
# A report that corrects itself: what follows replaces the place named before ("the Esplanade? no, the Kaisaniemi one").
_CORRECTION = re.compile(
    r"(?:(?<=[?.!,;:\u2014\u2013-])|(?<=[?.!,;:\u2014\u2013-]\s)|^)\s*(?:"
    r"(?:no+|nope|sorry|correction|nej|förlåt|anteeksi|ei)\s*[,!.:;\u2014\u2013-]+"
    r"|(?:no,?\s+)?i mean\b[,:]?|no,?\s+(?:wait|sorry)\b[,!.:;]?|wait\s*[,!.:;\u2014\u2013-]+"
    r"|ei kun|eikun|ei vaan|tarkoitan|jag menar|(?:nej,?\s+)?förlåt\b"
    r")|(?:不对|不是不是|我是说|说错了|更正)[，,：:。]?", re.IGNORECASE)
# A place taken back in the same breath: "不是国家剧院，是…", "not the National Theatre, it's …", "…, not the National
# Theatre", "ei Kansallisteatteri vaan …", "inte vid Nationalteatern utan …".  The incident is never there (trial s20
# H3: a correction was placed at the place it negated).  A Latin place taken back opens with a capital: "not breathing,
# but …" takes back no place.
_NEGATED_PLACE = re.compile(
    r"不是(?!不是)[^，,。；;！？!?\n]{1,30}?[，,]?\s*(?=而?是)"
    r"|\bnot\s+(?:at\s+|on\s+|in\s+|by\s+|near\s+)?(?:the\s+)?(?=[A-ZÄÖÅ])[^,;.!?\n]{1,40}?(?:,\s*|\s+)(?=(?:it'?s|it\s+is|but|rather|instead)\b)"
    r"|,\s*not\s+(?:at\s+|on\s+|in\s+|by\s+|near\s+)?(?:the\s+)?(?=[A-ZÄÖÅ])[^,;.!?\n]{1,40}"
    r"|\bei\s+(?:ole\s+)?(?=[A-ZÄÖÅ])[^,;.!?\n]{1,40}?,?\s*(?=vaan\b)"
    r"|\binte\s+(?:vid\s+|på\s+|i\s+)?(?=[A-ZÄÖÅ])[^,;.!?\n]{1,40}?,?\s*(?=utan\b)")


def without_negated_places(text: str) -> str:
    """``text`` with the places it takes back blanked out (same length: the evidence offsets stay)."""
    return _NEGATED_PLACE.sub(lambda m: " " * len(m.group(0)), text)


# "the Kaisaniemi one": the kind of the place named before the correction.
_ONE = re.compile(r"(?i)\b(?:the\s+)?([A-ZÄÖÅ][\wäöå-]+)\s+(one)\b")
# A feature named only by an ordinary word ("Vanha", "Torni") is confirmed by another place of the report this close.
ALIAS_CORROBORATION_M = 60.0

# Kinds of place named after their district ("Kamppi metro station", "Kaisaniemen metroasema"), besides the kinds
# every town has several of (GenericPlace.confirm): "<district> <kind>" names that district's own one.
NAMED_AFTER_DISTRICT = frozenset({"metro_station", "railway_station"})
# A station's entrance: the words (normalized: Finnish, Swedish, Chinese with its characters spaced) and the tags.
_ENTRANCE_WORD = re.compile(r"(?<!\w)(entrance|entrances|way in|sisaankaynti\w*|sisaankaynn\w*|ingang\w*|entren|入 口|出 入 口|进 站 口|進 站 口)(?!\w)")
_STATION = re.compile(r"(railway|public_transport)=station")
# An entrance bearing a station's name this far from the station's point belongs to it (a metro station's exits lie
# a few hundred metres apart at each end of its platform).
ENTRANCE_OF_STATION_M = 400.0
