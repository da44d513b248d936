"""The LoRA training set: built only from allowed sources, never from the held-out test split."""

from __future__ import annotations

import pytest

from agent.lora.data import (Example, assert_no_test_leak, build_examples, load_request_items, reference_summary,
                             summary_examples, train_split_examples)
from agent.lora.decode import unknown_names, unknown_numbers
from agent.lora.schema import parse_answer


@pytest.fixture(scope="module")
def examples() -> list[Example]:
    return build_examples()


def test_no_training_example_equals_or_nearly_equals_a_test_request(examples):
    from rapidfuzz import fuzz, process

    tests = [item["text"].lower() for item in load_request_items("test")]
    assert len(tests) > 100
    for example in examples:
        if example.task == "tool":
            best = process.extractOne(example.prompt.lower(), tests, scorer=fuzz.ratio)
            assert best[1] < 90, (example.prompt, best[0])


def test_the_leak_check_catches_a_copied_test_request():
    test_text = load_request_items("test")[0]["text"]
    copied = Example("tool", "en", "incident_report", test_text + "!", "NONE", "synthetic")
    with pytest.raises(ValueError, match="held-out"):
        assert_no_test_leak([copied])


def test_request_set_items_come_from_the_train_split_only():
    train_texts = {item["text"] for item in load_request_items("train")}
    used = {e.prompt for e in train_split_examples(repeat=1)}
    assert used and used <= train_texts


def test_every_tool_target_is_in_the_output_format(examples):
    tool = [e for e in examples if e.task == "tool"]
    assert len(tool) > 2000
    for example in tool:
        parse_answer(example.target)  # raises on any malformed target
    targets = {e.target for e in tool}
    assert "NONE" in targets and "REFUSE" in targets
    assert any("\n" in t for t in targets), "multi-call examples"
    assert {e.lang for e in tool} == {"en", "zh"}


def test_summary_targets_copy_every_name_from_the_facts():
    summaries = summary_examples()
    assert len(summaries) >= 100
    for example in summaries:
        assert example.target
        assert unknown_names(example.target, example.prompt) == [], example.target
        assert unknown_numbers(example.target, example.prompt) == [], example.target


def test_reference_summary_reads_the_planner_facts():
    facts = ("Report: smoke at Annankatu 4\nTriage: fire, P1\nLocation: Annankatu 4\n"
             "ERO-E1 (engine, Erottajan paloasema): ETA 2.2 min.\n"
             "443 people from Kamppi (map part) (general) → Ressun lukio: 3 min (226 m).")
    text = reference_summary(facts)
    assert "Annankatu 4" in text and "ERO-E1" in text and "Ressun lukio" in text and "P1" in text


def test_a_courtesy_opener_says_nothing_about_whether_a_tool_is_wanted():
    """Openers such as "请问" or "sorry, " once came only on no-tool and harmful messages, so the adapter learned
    "麻烦派一辆救护车…" as no tool (review s9). Now every kind of synthetic request gets them alike."""
    from agent.lora import templates as T
    from agent.lora.data import synthetic_tool_examples

    openers = tuple(o for o in T.COURTESY_EN + T.COURTESY_ZH if o)
    rows = [(e.prompt, e.target) for e in synthetic_tool_examples(seed=5)]
    no_tool = lambda target: target.strip() in ("NONE", "REFUSE")  # noqa: E731
    opened = [t for text, t in rows if text.startswith(openers)]
    assert len(opened) > 300
    share_opened = sum(map(no_tool, opened)) / len(opened)
    share_all = sum(no_tool(t) for _, t in rows) / len(rows)
    assert abs(share_opened - share_all) < 0.05
