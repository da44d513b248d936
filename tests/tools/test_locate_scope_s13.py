"""The locator's longer-name and station-entrance rules read only words said together (s13-rv1 findings 7 and 8),
on the real OSM extract."""

from __future__ import annotations

from tools.locate.locator import _entrance_said_of, _words_before_break
from tools.gazetteer import normalize


def test_words_after_a_name_stop_at_punctuation() -> None:
    text = "Smoke at Sokos; hotel staff are outside"
    norm = normalize(text)
    end = norm.index("sokos") + len("sokos")
    assert _words_before_break(text, norm, end, 3) == 0
    text2 = "smoke at Sokos Hotel Vaakuna lobby"
    norm2 = normalize(text2)
    assert _words_before_break(text2, norm2, norm2.index("sokos") + 5, 3) == 3


def test_an_entrance_word_counts_only_beside_the_station() -> None:
    keys = ["rautatientori"]
    assert _entrance_said_of("man fell on the stairs by the Rautatientori metro entrance", keys)
    assert _entrance_said_of("someone is lying at the entrance of the station", keys)
    assert _entrance_said_of("Rautatientori 地铁站入口 有人打架", keys)
    assert not _entrance_said_of("robbery at Rautatientori metro station. the shop entrance was smashed", keys)
    assert not _entrance_said_of("a brawl at Rautatientori station, the guards found no way in", keys)


def test_a_station_with_an_entrance_of_something_else_stays_confirmed(city) -> None:
    res = city.locator.locate("pickpocket caught at Rautatientori metro station. The kiosk entrance is closed")
    assert res.confident, res.note
