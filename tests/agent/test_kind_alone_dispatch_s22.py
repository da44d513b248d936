"""An order to a kind of place said alone (s22): "send an ambulance to the gym" went to Ympäristöministeriö, the
ministry whose short name "YM" looks like "gym".  The reply asks which one, naming the places of that kind, and
proposes nothing to a look-alike."""

from __future__ import annotations

import pytest

_SCHOOLS = ("Kaisaniemen ala-aste", "Kruununhaan yläasteen koulu", "Ressun lukio")


@pytest.mark.parametrize(("order", "names"), [
    ("Send an ambulance to the gym, someone collapsed on a treadmill", ("Motivus", "elixia")),
    ("engine to the school asap, smoke in a classroom", _SCHOOLS),
    ("send them to the school", _SCHOOLS),
])
def test_an_order_to_a_kind_alone_asks_which_one(make_assistant, chat_turn, order, names):
    reply = chat_turn(make_assistant(), order, None)
    text = reply["content"] if isinstance(reply, dict) else str(reply)
    assert "Ympäristöministeriö" not in text and "Scholl" not in text, text
    assert any(n in text for n in names), text
