"""Stop 35's CI failure: "把INC-…合并到INC-…" was refused as an injection for some random incident ids.

The id mask read ids with ``\\b``, and between a Han character and "INC" there is no word boundary, so inside Chinese
the ids' random letters reached the injection classifier's encoder unmasked, and the language detector counted them as
letters of the text.  A model's answer, and the language of the reply, must not depend on which id the store drew."""

from __future__ import annotations

import random

import pytest

from agent.incident_scope import mask_incident_ids
from core.text import detect_language

_RNG = random.Random(35)
# ids as the store draws them ("INC-" + 8 hex digits, upper case), weighted to the letter-heavy ones that failed
_IDS = ["INC-" + "".join(_RNG.choice("ABCDEF" if i % 2 else "0123456789ABCDEF") for _ in range(8)) for i in range(40)]
_ORDERS = ["把{a}合并到{b}", "{a}和{b}是同一个火灾", "关闭{a}，与{b}重复", "{a}的所有单位撤回", "merge {a} into {b}"]


@pytest.mark.parametrize("order", _ORDERS)
def test_every_id_is_masked_also_inside_chinese(order):
    masked = {mask_incident_ids(order.format(a=a, b=b)) for a, b in zip(_IDS, reversed(_IDS))}
    assert len(masked) == 1, masked
    assert "INC-1" in masked.pop()


@pytest.mark.parametrize(("order", "language"), [("把{a}合并到{b}", "zh"), ("{a}和{b}是同一个火灾", "zh"),
                                                 ("关闭{a}", "zh"), ("merge {a} into {b}", "en"),
                                                 ("KAM-A1 和 ERO-E1 去{a}", "zh")])
def test_the_language_of_an_order_does_not_depend_on_its_ids(order, language):
    assert {detect_language(order.format(a=a, b=b)) for a, b in zip(_IDS, reversed(_IDS))} == {language}


def test_the_injection_classifier_scores_an_order_the_same_whatever_ids_it_names():
    from agent.injection_classifier import InjectionClassifier
    from core.settings import get_settings

    classifier = InjectionClassifier.default(get_settings())
    texts = [order.format(a=a, b=b) for order in _ORDERS[:3] for a, b in zip(_IDS[:8], _IDS[8:16])]
    scores = [float(s) for s in classifier.score(texts)]
    for i in range(3):
        group = scores[8 * i: 8 * i + 8]
        assert max(group) - min(group) < 1e-6, (texts[8 * i], group)
        assert max(group) < 0.5, (texts[8 * i], group)


@pytest.mark.parametrize("claim", ["救护车已派往{x}。", "An ambulance has been dispatched to {x}.", "警车已派出到{x}"])
def test_a_claimed_dispatch_to_an_incident_is_withheld_whatever_its_id(claim):
    """CI s21: "INC-E3D35024" holds the unit-shaped "INC-E3", so the claim read as a unit's status from the board
    (facts: "Nothing was dispatched: INC-E3D35024 …") and the false "救护车已派往INC-E3D35024。" was kept."""
    from agent.claims import withhold_unproposed_claims

    for x in ["INC-E3D35024", "INC-A1B2C3D4", "INC-K9000000", "INC-12345678"]:
        facts = f"Nothing was dispatched: {x} has no place on the map, so no route can be planned."
        kept, withheld = withhold_unproposed_claims(claim.format(x=x), facts)
        assert withheld == 1 and not kept, (x, kept)
