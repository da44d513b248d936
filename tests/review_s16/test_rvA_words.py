"""Review s16-rvA MED findings on the words of s15-tfb, each with the look-alike it must keep reading.

- 6802447: a number right before 位/人 is a count of people (30名老人, 80位住户), but 位于 is "located at" and 人行道 a
  pavement: "Annankatu 12位于..." lost its house number 12; "old people's home" is a care home, not a count of people.
- 12a8189/ebb481f: 瘫痪 and 走不动 said of traffic or cars (火灾导致交通瘫痪, 车都走不动了) are not people who
  cannot self-evacuate (a rescue unit, an ambulance and an indoor refuge were added for them).
- c48df88: 个人 before 还在 is a count only after a numeral (三个人还在里面); "那个人还在门口" is the attacker still there.
Sentences written for this review."""

from __future__ import annotations

import pytest

from tests.tools.helpers import codes


@pytest.fixture(scope="module")
def locator(city):
    return city.locator


@pytest.mark.parametrize("text, street, number", [
    ("Annankatu 12位于坎皮，三楼起火，浓烟很大", "Annankatu", "12"),
    ("Annankatu 8人行道上有个老人倒地不起", "Annankatu", "8"),
    ("Smoke at Kalevankatu 30 old people's home, the corridor is filling", "Kalevankatu", "30"),
])
def test_a_house_number_before_a_word_that_is_no_count_stays(locator, text, street, number):
    assert locator.house_number(text, street) == number, text


@pytest.mark.parametrize("text, street", [
    ("Unioninkatu 上的养老院着火，70名老人在楼上", "Unioninkatu"),
    ("Fredrikinkatu 这家旅馆冒烟了 40位客人还没出来", "Fredrikinkatu"),
    ("Smoke at the nursing home on Kalevankatu, 60 frail residents, several on oxygen", "Kalevankatu"),
])
def test_counts_of_people_still_are_no_house_number(locator, text, street):
    assert locator.house_number(text, street) is None, text


@pytest.mark.parametrize("text", ["厨房着火了，火灾导致附近交通瘫痪", "楼下起火，路上车都走不动了", "商场起火，整个系统都瘫痪了"])
def test_traffic_and_cars_that_cannot_move_are_no_people_who_cannot_self_evacuate(text):
    assert "cannot_self_evacuate" not in codes(text)


@pytest.mark.parametrize("text", ["楼上着火了，我奶奶瘫痪在床", "家里有个瘫痪的老人，屋里全是烟", "着火了，老人走不动了", "三楼起火，住着一位偏瘫的老人"])
def test_people_who_cannot_move_are_still_read(text):
    assert "cannot_self_evacuate" in codes(text)


@pytest.mark.parametrize("text", ["刚才打我的那个人还在门口", "砸车的这个人还在停车场"])
def test_that_person_still_there_is_violence_going_on(text):
    assert "violence_ongoing" in codes(text)


@pytest.mark.parametrize("text", ["三个人还在里面没出来", "客人们还在房间里"])
def test_people_counted_still_inside_are_no_violence(text):
    assert "violence_ongoing" not in codes(text)
