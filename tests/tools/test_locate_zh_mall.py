"""商场 is a shopping centre (a kind every town has several of), not the one department store of the map: "Kamppi 商场"
is the Kamppi district, unconfirmed, and a bare "商场" is never a confirmed Stockmann (real OSM extract)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", ["Kamppi 商场二楼有人晕倒", "有人在 Kamppi 商場 打架", "man fainted on the second floor of Kamppi mall"])
def test_a_districts_mall_in_chinese_is_the_district_unconfirmed(city, text):
    res = city.locator.locate(text)
    assert res.found and res.method == "zone" and "Kamppi" in res.place and not res.confident, (text, res)


@pytest.mark.parametrize("text", ["商场门口有人打架", "商场里有个包没人要", "a fight at the entrance of the mall"])
def test_a_mall_not_named_is_never_a_confirmed_department_store(city, text):
    res = city.locator.locate(text)
    assert res.feature != "Stockmann" and not res.confident, (text, res)


def test_a_department_store_in_chinese_is_still_the_one_named(city):
    res = city.locator.locate("Stockmann 百货公司门口有人晕倒")
    assert res.feature == "Stockmann" and res.confident, res
