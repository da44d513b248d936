"""The CLI's [y/N] prompt: only a yes or a no answers it; any other line is the operator's next message, kept, and the
proposal stays pending (a question typed there was taken as a rejection and lost)."""

from __future__ import annotations

import pytest

from agent.commands import confirm_in_terminal


class _Book:
    def __init__(self):
        self.confirmed, self.rejected = [], []

    def confirm_proposal(self, proposal_id):
        """As Assistant.confirm_proposal: the proposal as applied (the prompt prints its summary)."""
        self.confirmed.append(proposal_id)
        return _Proposal()

    def reject_proposal(self, proposal_id):
        self.rejected.append(proposal_id)


class _Proposal:
    proposal_id, summary = "PROP-1", "Set KAI-A1 (ambulance) from available to dispatched"


@pytest.mark.parametrize("line", ["how far is the nearest shelter?", "最近的避难所在哪里？", "sitrep", "maybe", "也许",
                                  "ok but send a ladder too"])
def test_a_line_that_is_no_answer_is_kept_and_changes_nothing(line, capsys):
    book, kept = _Book(), []
    assert confirm_in_terminal(book, _Proposal(), ask=lambda _: line, kept=kept) is False
    assert kept == [line] and not book.confirmed and not book.rejected
    assert "stays pending" in capsys.readouterr().out


@pytest.mark.parametrize("line, yes", [("y", True), ("Yes.", True), ("是", True), ("n", False), ("否", False), ("", False)])
def test_yes_and_no_answer_it(line, yes):
    book, kept = _Book(), []
    assert confirm_in_terminal(book, _Proposal(), ask=lambda _: line, kept=kept) is yes
    assert kept == [] and (book.confirmed if yes else book.rejected) == ["PROP-1"]


def test_the_prompt_says_what_another_line_does():
    asked = []
    confirm_in_terminal(_Book(), _Proposal(), ask=lambda prompt: asked.append(prompt) or "n")
    assert "[y/N" in asked[0] and "next message" in asked[0]


@pytest.mark.parametrize("line, yes", [("Confirm", True), ("approved.", True), ("OK", True), ("Go  ahead!", True),
                                       ("确定", True), ("同意。", True), ("好", True), ("批准", True),
                                       ("cancel", False), ("Reject.", False), ("取消", False), ("不", False),
                                       ("拒绝", False), ("abort", False)])
def test_ordinary_words_of_assent_and_refusal_answer_it(line, yes):
    """The trial's duty officer typed "confirm" at the prompt and was told it was no answer."""
    book, kept = _Book(), []
    assert confirm_in_terminal(book, _Proposal(), ask=lambda _: line, kept=kept) is yes
    assert kept == [] and (book.confirmed if yes else book.rejected) == ["PROP-1"]
