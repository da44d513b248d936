"""The API endpoints called in-process with text no HTTP form would send but a JSON client can (a ``\\udcff`` escape is
valid JSON): a clear error each, never a TypeError from the tokenizer or a silently empty chat answer."""

from __future__ import annotations

import gradio as gr
import pytest


@pytest.fixture(scope="module")
def endpoints(ui_assistant, ui_settings):
    from ui.actions import Actions
    from ui.api import Endpoints

    return Endpoints(Actions(ui_assistant, ui_settings))


UNDECODABLE = "Smoke from a flat in Kallio, a child inside and nobody answering the door \udcff"


@pytest.mark.parametrize("call", [lambda ep: ep.triage(UNDECODABLE), lambda ep: ep.plan(UNDECODABLE),
                                  lambda ep: ep.chat(UNDECODABLE, ep.triage("Smoke at Kamppi")["incident_id"])])
def test_undecodable_text_is_a_clear_error_at_every_text_endpoint(endpoints, call):
    with pytest.raises(gr.Error, match="not UTF-8 text"):
        call(endpoints)


def test_an_id_that_cannot_exist_is_no_such_id_in_a_short_message(endpoints):
    for bad in ("INC-\udcff", "I" * 1_000_000):
        for call, says in ((lambda: endpoints.incident_log(bad), "no incident with id"),
                           (lambda: endpoints.approve_plan(bad), "no plan with id"),
                           (lambda: endpoints.confirm_proposal(bad), "no proposal with id")):
            with pytest.raises(gr.Error, match=says) as caught:
                call()
            assert len(str(caught.value)) < 100
        assert endpoints.proposals(bad) == []
