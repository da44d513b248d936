"""s19 dev (router_dev_v17 R17-064): "现在有哪些事件还没结案？" (which incidents are not closed yet?) proposed closing
the session's incident: a full-width question mark and a question word (哪些, 多少) did not count as a question, and
"没结案" (not closed) was read as the order "结案".  A question about closing, or a negated close, closes nothing."""

from __future__ import annotations

import pytest

from agent.close_request import close_request


@pytest.mark.parametrize("text", [
    "现在有哪些事件还没结案？",
    "哪些事件还没有结案",
    "还有多少起事件未结案？",
    "INC-7 can be closed?",
    "INC-7 可以结案了？",
])
def test_a_question_about_what_is_closed_closes_nothing(text):
    assert close_request(text) is None


@pytest.mark.parametrize("text, incident", [
    ("结案", None),
    ("INC-7 可以结案了，重复报警", "INC-7"),
    ("关闭这个事件", None),
    ("Close this incident, crew is back", None),
])
def test_a_close_order_is_still_read(text, incident):
    found = close_request(text)
    assert found is not None and found.incident_id == incident
