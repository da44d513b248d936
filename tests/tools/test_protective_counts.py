"""Counts of people in a report (tools/PROTECTIVE_ACTIONS.md section 2 and 5a): a count of the people in the
building overrides the density table; a count of one part of it (a hall, a class, one tenant) does not, and is a
lower bound. Sentences written from the table, not from a bench set."""

from __future__ import annotations

import pytest

from tools.protective import decide, extract_protective_cues
from tools.protective.buildings import people_in
from tools.protective.models import BuildingInfo
from tools.protective.people import building_occupants


@pytest.mark.parametrize(("text", "whole"), [
    # Hundreds said with a number from ten to nineteen, and a full house with its count in words.
    ("Alarm in the arena, twelve hundred spectators are in the stands", 1200),
    ("Smoke in the auditorium. The house is packed, about three hundred and twenty.", 320),
    ("Sold out tonight, roughly nine hundred, and there is smoke behind the stage", 900),
    # A count without a noun, said as those who are in.
    ("Fire in the bar kitchen, we've got around 180 in tonight for the quiz", 180),
    ("There are roughly two hundred and forty inside right now", 240),
    # All who are there, small as the count is: the casualty floor of ten does not apply.
    ("Smoke in the archive at 3 am; just the two guards and me in the building", 3),
    ("Only 4 people are left inside, the rest went home", 4),
    ("凌晨两点，楼里只有我和三个保安", 4),
    # "we N" is the count with the caller in it (dev13 round): 我们 adds nobody.
    ("仓库着火了，现在楼内只有我们三个值班的", 3),
    ("周日加班，只有我们两个人在楼里，烟越来越大", 2),
])
def test_a_count_of_everyone_present_is_read(text, whole):
    c = extract_protective_cues(text)
    assert (c.occupants, c.occupants_part) == (whole, None)


@pytest.mark.parametrize(("text", "part"), [
    ("Suspicious box under a desk. There are about 60 of us in this seminar room.", 60),
    ("Our firm has the 4th floor; we are 35 people at our office today.", 35),
    ("Roughly ninety staff are in, not counting the other tenants upstairs.", 90),
    ("Gas smell in the staff kitchen; about 25 pupils in the canteen right now.", 25),
    ("会议室里有二十多个人在开会，其他公司的人不清楚", 20),
    ("We have 200 guests at our wedding reception in the banquet hall.", 200),
])
def test_a_count_of_one_part_of_the_building_is_not_its_occupants(text, part):
    c = extract_protective_cues(text)
    assert c.occupants is None and c.occupants_part == part


def test_a_part_and_a_word_for_the_whole_building_in_one_sentence_count_as_the_whole():
    c = extract_protective_cues("Full house: 500 of us in this hall and the foyer.")
    assert (c.occupants, c.occupants_part) == (500, None)


def _occupants(text: str, hazard: str, use: str, footprint: float, floors: float) -> int:
    cues = extract_protective_cues(text)
    d = decide(hazard, cues)
    info = BuildingInfo(label="block", footprint_m2=footprint, floors=floors, use=use, source="osm", occupants=0)
    return building_occupants(info, d, cues)


def test_a_partial_count_leaves_the_density_figure_but_is_a_lower_bound():
    # The building's own figure stands when it is larger than the one hall counted ...
    text = "Unattended rucksack with wires under a seat, 10:00. About 120 of us in this lecture hall."
    assert _occupants(text, "public_security", "school", 2000.0, 3) == round(people_in("school", 2000.0, 3, night=False))
    # ... and the count is the floor when the table gives fewer (a one-level footprint in OSM).
    assert _occupants(text, "public_security", "school", 100.0, 1) == 120
    # A count of everyone present replaces the table either way.
    assert _occupants("Unattended rucksack with wires in the hall, 10:00. About 120 people in the building.", "public_security", "school", 2000.0, 3) == 120


def test_our_office_in_a_block_is_a_tenant_not_the_buildings_use():
    c = extract_protective_cues("A bomb threat was texted to us at our office on the third floor of the block")
    assert c.building_use == "office" and c.use_is_tenant
    c = extract_protective_cues("A bomb threat was phoned to the office building")
    assert c.building_use == "office" and not c.use_is_tenant
    # A power bank is no bank.
    assert extract_protective_cues("A bag taped to a power bank under a bench in the hall").building_use is None


@pytest.mark.parametrize(("text", "whole"), [
    # Counts of groups present add up when joined by "and" / "plus"; a casualty count joined so does not.
    ("Fire alarm in the hospital wing: about 140 patients and 90 staff inside", 230),
    ("Sold out tonight, 700 seats plus some 45 cast and crew backstage", 745),
    ("About two hundred pupils and thirty teachers are in the school", 230),
    ("体育馆里有三百名观众和四十名工作人员", 340),
    ("About 200 guests and 12 people coughing in the lobby", 200),
    # Two counts that are not joined: the larger stands.
    ("About 200 guests in the hotel. Earlier 150 people left for the tour.", 200),
])
def test_counts_of_groups_present_add_up(text, whole):
    assert extract_protective_cues(text).occupants == whole


@pytest.mark.parametrize(("text", "whole"), [
    # Rough counts: Chinese 来/余 ("about"), 上百 / 几百 / 近千, English "a couple of hundred", "a few hundred".
    ("展览馆里大概还有两百来人", 200),
    ("商场里有上百名顾客", 100),
    ("教学楼里有几百个学生", 300),
    ("A couple of hundred people are still inside the library", 200),
    # A venue's capacity counts when the same sentence says how full it is.
    ("The chapel holds 240 and it's packed for the funeral", 240),
    ("Smoke in the cinema; capacity 300, about half full", 150),
    ("礼堂可容纳四百人，今天坐满了", 400),
])
def test_rough_counts_and_a_full_venues_capacity_are_read(text, whole):
    assert extract_protective_cues(text).occupants == whole


def test_a_capacity_alone_is_no_count():
    assert extract_protective_cues("The hall holds 800 people on concert nights; a fire in the cloakroom").occupants is None


def test_a_floor_is_a_part_only_when_the_count_is_placed_on_it():
    c = extract_protective_cues("Smoke on the 5th floor, about 200 guests in the hotel tonight")
    assert (c.occupants, c.occupants_part) == (200, None)
    c = extract_protective_cues("Smoke in the corridor, about 40 people on the 5th floor")
    assert (c.occupants, c.occupants_part) == (None, 40)


@pytest.mark.parametrize("text", ["We've had 12 in the last hour", "we got 500 in donations", "Full house at 19:30 for the premiere",
                                  "The show has been sold out since 2019", "There are 150 in the queue outside"])
def test_numbers_near_count_words_that_count_nobody_present(text):
    assert extract_protective_cues(text).occupants is None


def test_joined_groups_add_up_only_as_a_few_groups_of_one_gathering_and_never_past_a_stadium():
    assert extract_protective_cues("Fire alarm in the hospital wing: about 140 patients and 90 staff and 20 visitors inside").occupants == 250
    # a run of thousands of joined counts (a hostile paste) is a list, not one crowd: no count past the largest venue
    flood = "Fire in the block, " + "和".join(["近千人"] * 4000)
    assert (extract_protective_cues(flood).occupants or 0) <= 50_000
    assert (extract_protective_cues("Fire alarm at the arena, 80000 and 90000 people inside").occupants or 0) <= 50_000


def test_the_protective_reader_and_the_report_words_parser_are_one_number_parser():
    """Every word the count reader composes ("ninety-five", "eighty") is a word ``report_words.parse_number`` reads:
    the protective package keeps no number table of its own."""
    import tools.protective.cue_words as W
    from tools.report_words import EN_TENS, parse_number

    assert [parse_number(w) for w in ("seventy", "eighty", "ninety", "twenty")] == [70, 80, 90, 20]
    assert not any(isinstance(v, dict) and {"one", "two"} <= set(v) for v in vars(W).values())
    assert W.EN_TENS is EN_TENS
    assert extract_protective_cues("Ninety-five pupils and eighty staff are in the school, smoke in the gym").occupants == 175
    # Clock hours in words go through the same parser.
    assert extract_protective_cues("Smoke in the flat at eleven pm").hour == 23
    assert extract_protective_cues("Gas smell at seven in the evening").hour == 19


def test_our_class_is_a_part_without_a_verb():
    # "我们班二十四个学生" (our class, 24 pupils) is one class of the school: a part (kept when "我们<business>有N" was added).
    c = extract_protective_cues("实验室起火了，走廊有烟，我们班三十个学生都出来了")
    assert c.occupants is None and c.occupants_part == 30
