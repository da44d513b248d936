"""Hostile or malformed reports: read in linear time, refused with the project's InputError."""

from __future__ import annotations

import time

import pytest

from core.errors import InputError
from tools.protective import extract_protective_cues, plan_protective_action

# Each of these made a number regex try every digit as a start (quadratic): ~60 s of CPU for the first.
ADVERSARIAL = ["1" * 20_000, "1 " * 10_000, "1, " * 6_666, "1 000 " * 3_333, "1 000" + " 000" * 4_000, "1.1" * 6_600, "1," * 10_000,
               # Thousands of counts in one sentence: each count's sentence is read for a part's words once, not per count.
               "10 people in our office " * 830, "we have about 300 in " * 950]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=["digits", "ones", "comma-list", "thousands", "one-long-number", "decimals", "commas",
                                                  "counts-in-one-sentence", "counts-said-as-in"])
def test_a_20000_character_adversarial_report_is_read_in_well_under_a_second(text):
    assert len(text) <= 20_000
    start = time.process_time()
    extract_protective_cues(text)
    assert time.process_time() - start < 1.0  # CPU time: ~0.2 s on a loaded machine


def test_the_number_guards_still_read_ordinary_figures():
    assert extract_protective_cues("A 1 500 litre tank is leaking").litres == 1500.0
    assert extract_protective_cues("about 2,000 l of diesel on the road").litres == 2000.0
    assert extract_protective_cues("3.5 m3 of acid spilled").litres == 3500.0
    assert extract_protective_cues("Wind 12 m/s from the west").wind_speed_ms == 12.0
    assert extract_protective_cues("Fire in the hotel at Mannerheimintie 5, about 1 200 guests inside").occupants == 1200
    assert extract_protective_cues("商场着火，约300名顾客").occupants == 300


@pytest.mark.parametrize("bad", [b"\xff\xfe\x00binary", 42, "\x00\x01\x02\x03" * 50, "gas leak " * 3_000])
def test_the_cue_reader_refuses_non_text_with_a_clear_input_error(bad):
    with pytest.raises(InputError):
        extract_protective_cues(bad)


def test_the_cue_reader_accepts_utf8_bytes_and_an_empty_report():
    assert extract_protective_cues("Gas smell in the stairwell".encode()).gas_odour
    assert extract_protective_cues("").found == []


@pytest.mark.parametrize("bad", [b"\xff\xfe\x00binary", "\x00\x01\x02\x03" * 50, "gas leak at Yrjonkatu 21 " * 1_000])
def test_the_planner_refuses_bytes_binary_and_over_long_reports_with_an_input_error(city, bad):
    with pytest.raises(InputError):
        plan_protective_action(city, bad, "hazmat")


def test_a_count_after_a_comma_is_still_read():
    assert extract_protective_cues("Tonight is sold out, 620 seats").occupants == 620
    # The cast and crew joined by "plus" add to the audience (PROTECTIVE_ACTIONS.md 5a, "Whose count").
    assert extract_protective_cues("Tonight is sold out, 620 seats plus about 35 cast and crew").occupants == 655
