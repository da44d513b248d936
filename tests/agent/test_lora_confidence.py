"""The LoRA tool model's confidence counts the model's free choices, not the tokens the grammar forced."""

from __future__ import annotations

import math

import pytest

from agent.lora.confidence import ChoiceConfidence, StepChoice, choice_confidence, is_free_choice
from agent.lora.decode import proposal_from

CALL = '{"tool": "plan_dispatch", "args": {"place": "Forum", "hazard": "fire"}}'


def test_a_forced_text_in_several_token_splits_is_no_choice_but_two_meanings_are():
    assert not is_free_choice(['"'])                      # one token allowed
    assert not is_free_choice(['"', '"t', '"tool'])       # the same forced text, split three ways
    assert is_free_choice(["N", "R", "{"])                # NONE, REFUSE or a call
    assert is_free_choice(["fi", "fl", "f"])              # fire or flood
    assert is_free_choice(['"}', '\n'])                   # end the answer or add a call
    assert is_free_choice([chr(65 + i % 26) * (1 + i // 26) for i in range(100)])  # a free string: most of the vocabulary


def test_forced_tokens_cannot_lift_a_shaky_choice():
    shaky = [StepChoice(math.log(0.3), True, 0)]
    forced = [StepChoice(0.0, False, 0)] * 20
    proposal = proposal_from(CALL, shaky + forced, 0.1)
    assert proposal.confidence > 0.9                      # the old every-token mean: a guessed hazard at p=0.3 reads as 0.94
    assert proposal.choice.mean == pytest.approx(0.3) and proposal.choice.min == pytest.approx(0.3) and proposal.choice.n == 1
    # however many forced tokens follow, the free-choice confidence stays what the choices warrant
    longer = proposal_from(CALL, shaky + forced * 10, 0.1)
    assert longer.choice == proposal.choice and longer.confidence > proposal.confidence
    # a second, sure choice may lift the mean but never the minimum
    surer = proposal_from(CALL, shaky + [StepChoice(math.log(0.99), True, 0)] + forced, 0.1)
    assert surer.choice.min == pytest.approx(0.3) and surer.choice.mean <= 0.99


def test_confidence_per_call_line_and_the_decision_to_stop_counts_for_the_answer_only():
    steps = [StepChoice(math.log(0.9), True, 0), StepChoice(0.0, False, 0),
             StepChoice(math.log(0.4), True, 1), StepChoice(math.log(0.8), True, 1),  # the newline and the second tool
             StepChoice(math.log(0.5), True, None)]                                    # end here or add a third call
    whole, per_call = choice_confidence(steps)
    assert [round(c.min, 2) for c in per_call] == [0.9, 0.4]
    assert whole.min == pytest.approx(0.4) and whole.n == 4
    assert ChoiceConfidence.from_list(whole.as_list()).n == 4 and ChoiceConfidence.from_list(None) == ChoiceConfidence()


def test_no_free_choice_is_no_evidence():
    proposal = proposal_from("NONE", [StepChoice(0.0, False, 0)], 0.1)
    assert proposal.confidence == 1.0 and proposal.choice == ChoiceConfidence()  # all forced: 0, not 1


@pytest.fixture(scope="module")
def tiny_model(tiny_model_dir):
    from agent.lora.decode import LoraAssistantModel

    return LoraAssistantModel(tiny_model_dir, None, device="cpu")


def test_under_the_grammar_forced_steps_are_found_and_left_out(tiny_model):
    seen = []
    read = tiny_model._read_steps

    def spy(tokens, scores):
        kept, steps = read(tokens, scores)
        seen.append(steps)
        return kept, steps

    tiny_model._read_steps = spy
    try:
        proposal = tiny_model.propose_calls("fire at Annankatu 4", max_new_tokens=120)
        batch = tiny_model.propose_calls_batch(["fire at Annankatu 4", "帮助"], batch_size=2, max_new_tokens=120)
    finally:
        tiny_model._read_steps = read
    for steps, p in zip(seen, [proposal, *batch]):
        assert steps[0].free                              # the first word is a choice: a call, NONE or REFUSE
        assert any(not s.free for s in steps)             # and the grammar forced some of the rest
        assert p.choice.n == sum(s.free for s in steps) < len(steps)
        if p.valid and p.answer.calls:
            assert len(p.call_choices) == len(p.answer.calls)
    assert batch[0].raw == proposal.raw                   # batched or not, the same greedy answer
