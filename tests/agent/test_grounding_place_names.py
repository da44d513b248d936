"""The grounding check reads place-like names, not every capital letter (session 19's known defect).

It withheld true sentences: a month ("December") or a town the facts name in another case or inflection ("Tampere"
where the facts say "Tampereella", "Helsinki" beside "Helsingissä"); and it let through a Chinese answer's invented
place, a transliterated street the city model does not have, because Chinese has no capital letters. Real city model
(the default Helsinki scenario); no LLM: the check is a plain function of the narrative and the facts.
"""

from __future__ import annotations

import pytest

from agent.grounding import GroundingChecker, check_narrative


@pytest.fixture(scope="module")
def checker(city):
    return GroundingChecker(city.gazetteer, [unit.id for _, unit in city.units()])


def _kept(checker, narrative: str, facts: str) -> str:
    return check_narrative(narrative, facts, checker, what="answer", facts_name="the tool outputs").text


@pytest.mark.parametrize("facts, sentence", [
    # a month is a time, never a place
    ("Flood drill on 12 december at 10:00 at Kaivokatu.", "The flood drill is on 12 December at Kaivokatu."),
    ("The storm warning is valid until Monday 18:00 for Kamppi.", "The warning for Kamppi lasts until Monday 18:00, then it is reviewed in January."),
    # the facts name the town inflected (Finnish locative, genitive)
    # (the question, in English, is part of the facts as in a chat turn)
    ("Lisäapu tulee Tampereella olevasta varikosta, 2 yksikköä.\nWhere does extra help come from: which depot, how many units?",
     "Extra help comes from the depot in Tampere, 2 units."),
    ("Evakuointi Helsingissä: 300 ihmistä Kamppiin.\nWhere do the 300 people go?", "300 people in Helsinki go to Kamppi."),
    ("Tukiyksiköt Espoon asemalta, 2 yksikköä.\nHow many support units come and from where?", "Two support units come from Espoo."),
])
def test_a_true_sentence_naming_a_month_or_an_inflected_place_of_the_facts_is_kept(checker, facts, sentence):
    assert _kept(checker, sentence, facts) == sentence


@pytest.mark.parametrize("sentence", [
    "The army will airlift residents to Tampere.",
    "Residents are moved to Marienplatz.",
    "Use the shelter in Gothenburg Central.",
])
def test_a_place_nobody_gave_is_still_withheld(checker, sentence):
    facts = "1,221 people from Kamppi to Helsingin päärautatieasema, 16 min."
    assert _kept(checker, f"1,221 people from Kamppi go to Helsingin päärautatieasema. {sentence}", facts) \
        == "1,221 people from Kamppi go to Helsingin päärautatieasema."


FACTS_ZH = ("[list_shelters]\nPorthania: 800 free places, 229 m from Senaatintori\n"
            "Topelia: 500 free places, 259 m from Senaatintori\n[route] via Mannerheimintie, 6 min\n"
            # the operator's question, part of the facts in a chat turn
            "救护车和疏散人员应该走哪条街、哪条路，经过哪里前往集合点？波尔塔尼亚和Topelia有多少个空位，距离多少米？路线要几分钟？请说明。")


@pytest.mark.parametrize("invented", [
    "请沿维多利亚大街前往集合点。",
    "疏散人员在布鲁克林路集合。",
    "救护车经伊丽莎白街前往波尔塔尼亚。",
])
def test_a_chinese_answer_naming_a_transliterated_street_not_in_the_city_model_is_withheld(checker, invented):
    checked = check_narrative("波尔塔尼亚有800个空位。" + invented, FACTS_ZH, checker, what="answer", facts_name="the tool outputs")
    assert checked.text == "波尔塔尼亚有800个空位。", checked
    assert checked.warnings


@pytest.mark.parametrize("true", [
    "路线经过曼纳海姆路，6分钟。",  # Mannerheimintie, in the facts
    "Topelia有500个空位，距离Senaatintori 259米。",
    "救护车和疏散人员应该走布列瓦迪街前往集合点。",  # Bulevardi: a street of the city model, not in these facts
    "疏散人员应该走东南路前往集合点。",  # a direction, no foreign name
])
def test_a_chinese_answer_naming_a_real_street_is_kept(checker, true):
    assert _kept(checker, true, FACTS_ZH) == true
