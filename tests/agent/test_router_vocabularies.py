"""The router's closed vocabularies have one owner each; the typo reader and the withdrawal reader derive theirs."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("pattern, spelled", [
    (r"engines?|fire trucks?", {"engine", "engines", "fire", "truck", "trucks"}),
    (r"\bfire\b(?! (?:officer|chief))", {"fire"}),  # a lookaround's words are context, not read
    (r"demobili[sz]ation", {"demobilisation", "demobilization"}),
    (r"co ?alarm|an? ?unit", {"alarm", "unit"}),  # an optional space still parts two words
    (r"flood\w*|smell(?:s|ing)?", {"flood", "smell", "smells", "smelling"}),
])
def test_spelled_words_reads_what_a_pattern_spells(pattern, spelled):
    from agent.typos import spelled_words

    assert spelled_words(pattern) == spelled


def test_vocabulary_follows_its_owners():
    from agent.slots import UNIT_TYPE_NOUNS
    from agent.typos import VOCABULARY, spelled_words

    # every English unit noun of the fleet is a word a slip is measured against ("pumpers", "paramedics")
    nouns = set().union(*(spelled_words(p) for _, p in UNIT_TYPE_NOUNS))
    assert {"pumper", "pumpers", "paramedics", "ambulances", "patrols", "hazmat"} <= nouns & VOCABULARY
    # hazard words and order verbs come from their owners
    assert {"smoke", "chlorine", "earthquake", "deploy", "evacuate"} <= VOCABULARY
    # a status's or cue rule's common words are read, never typed for: near them a hazard slip would become a guess
    # ("frie": free or fire)
    assert not {"free", "checklist"} & VOCABULARY
    # a word a pattern reads only with another ("oil slick") or as context is no target
    assert not {"slick", "getting", "decides", "from", "stabb"} & VOCABULARY


@pytest.mark.parametrize("typed, read", [
    ("half a klick around it", "half a klick around it"),  # the radius reader's word: never "slick"
    ("skicka en ambulans till Bulevardi 10", "skicka en ambulans till Bulevardi 10"),  # read as it is (agent.slots)
    ("evacaute the block", "evacuate the block"),  # evacuate at 1, evacuated at 2: one word, not a guess
    ("send two pumpres", "send two pumpers"),  # a noun only the fleet's noun table names
    ("shleters near Kamppi", "shelter near Kamppi"),  # "shelter" is a kept phrase word; "shelters" only a cue's
])
def test_typos_read_against_the_owned_words(typed, read):
    from agent.typos import corrected, known_words

    assert corrected(typed, known_words(["kamppi", "bulevardi"])) == read


def test_no_tokenizer_vocabulary_is_read():
    """Every typo target is a word an owner's pattern spells or a word kept by name, and reading them loads no tokenizer
    (the review found the old form of this test could not fail)."""
    import subprocess
    import sys

    from agent import typos

    owned = set().union(*(typos.spelled_words(pattern.pattern) for pattern, _ in typos._owned_patterns()))
    kept = set(typos._STEM_WORDS + typos._PHRASE_WORDS + typos._MODEL_WORDS)
    assert typos.VOCABULARY and typos.VOCABULARY <= owned | kept, sorted(typos.VOCABULARY - owned - kept)[:10]
    loaded = subprocess.run([sys.executable, "-c", "import sys, agent.typos; print(sorted(m for m in sys.modules if m.split('.')[0] "
                             "in ('transformers', 'tokenizers', 'sentence_transformers')))"], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]", loaded.stdout


@pytest.mark.parametrize("text, types", [
    ("no ladder needed after all", ["ladder"]),
    ("cancel the heavy rescue", ["rescue"]),
    ("不用云梯车了", ["ladder"]),
    ("we don't need the pumpers any more", ["engine"]),
])
def test_withdrawn_types_read_the_slot_nouns(text, types):
    from agent.negation import withdrawn_unit_types

    assert withdrawn_unit_types(text)[0] == types


@pytest.mark.parametrize("text, types", [
    ("two pumpers and a turntable", ["ladder", "engine"]),
    ("police car and a patrol", ["police_patrol"]),
    ("the chamber is empty, no ambush reported", []),  # "amb" only as a whole word
    ("utility crew to the substation", ["utility_crew"]),
])
def test_unit_type_words_built_from_the_nouns(text, types):
    from agent.slots import extract_unit_types

    assert extract_unit_types(text) == types
