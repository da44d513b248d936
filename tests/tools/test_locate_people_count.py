"""A number followed by a noun for people is a count of people, never a house number ("a nursing home on
Kalevankatu, 60 frail residents" is not Kalevankatu 60), in English, Chinese and Finnish; a real house number
still reads, also when people are named after it."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def locator(city):
    return city.locator


@pytest.mark.parametrize("text, street", [
    ("Smoke at the nursing home on Kalevankatu, 60 frail residents, several on oxygen", "Kalevankatu"),
    ("Fire alarm in the hostel on Yrjönkatu 24 guests still asleep", "Yrjönkatu"),
    ("Annankatu: 35 children inside the day-care, smoke in the hall", "Annankatu"),
    ("Bulevardi 12 bedridden patients on the ward upstairs, smoke in the corridor", "Bulevardi"),
    ("Unioninkatu 上的养老院着火，70名老人在楼上", "Unioninkatu"),
    ("Fredrikinkatu 这家旅馆冒烟了 40位客人还没出来", "Fredrikinkatu"),
    ("Tulipalo hoivakodissa Kalevankadulla 50 asukasta sisällä", "Kalevankatu"),
])
def test_a_count_of_people_after_a_street_is_not_its_house_number(locator, text, street):
    assert locator.house_number(text, street) is None, text


@pytest.mark.parametrize("text, street, number", [
    ("Fire at Annankatu 12 where residents are still inside", "Annankatu", "12"),
    ("Smoke at Kalevankatu 30, 15 residents upstairs", "Kalevankatu", "30"),
    ("Unioninkatu 31 号三楼起火，20名住户", "Unioninkatu", "31"),
    ("Kitchen fire at Bulevardi 16, the tenants got out", "Bulevardi", "16"),
    ("Bulevardi 14 hotel guests say the corridor smells of smoke", "Bulevardi", "14"),
])
def test_a_house_number_stays_one_when_people_are_counted_after_it(locator, text, street, number):
    assert locator.house_number(text, street) == number, text
