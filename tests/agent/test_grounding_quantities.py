"""An LLM sentence that states a distance, a time or a head count the facts do not state is withheld, whatever its
words (a 135M model answered "approximately 8 meters" for chlorine; the facts' only 8 was a step number)."""

from __future__ import annotations

from agent.grounding import supported_sentences

FACTS = ("[C1] row H9: Small ammonia release: evacuate 30 m, shelter downwind 100 m by day, 200 m at night. "
         "[C2] Annex C, 4. Action checklist: 7. Ask the utilities to isolate gas. 8. Keep the staging areas upwind. "
         "Estimated clearance time: 12 min for 340 people.")


def test_an_invented_distance_is_withheld_and_a_stated_one_kept():
    # made of the facts' words, so the word check alone kept it
    kept, dropped = supported_sentences("Ammonia release: evacuate 8 m, shelter downwind by day. Evacuate 30 m and shelter downwind 100 m by day.", FACTS)
    assert dropped == 1 and "8 m" not in kept and "30 m" in kept


def test_units_are_compared_by_kind_and_other_numbers_pass():
    kept, dropped = supported_sentences("Shelter downwind to 200 metres at night. Clearance takes 12 minutes for 340 people.", FACTS)
    assert dropped == 0 and "200 metres" in kept and "12 minutes" in kept
    kept, dropped = supported_sentences("Estimated clearance time: 30 min.", FACTS)  # 30 is a distance in the facts, not a time
    assert dropped == 1 and kept == ""
    kept, dropped = supported_sentences("Step 8 keeps the staging areas upwind.", FACTS)  # a bare number is no quantity
    assert dropped == 0
