"""A new multi-line report's hazard passage (``agent.long_message.hazard_passage``: the triage model reads it line by
line) is found once per report: the incident's title (``Assistant._log_report``) and the plan's place
(``ResponsePlanner._resolve_location``) use the same finding.  Before, each computed it again, so every line of a
transcript cost the model two reads.  Transcripts written for this test; the real triage model, city and locator."""

from __future__ import annotations

from collections import Counter

import pytest

TRANSCRIPTS = [  # (transcript, a place word of its hazard passage; None: not checked, see the Finnish one)
    ("Dispatcher: Emergency, what is your address?\nCaller: Hi, this is Laine, L-A-I-N-E, I'm calling for my uncle.\n"
     "Caller: I came past the Stockmann store on the way, sorry, I'm shaking.\n"
     "Caller: At Annankatu 12 a man has collapsed on the stairs and he is not breathing!", "Annankatu"),
    ("接线员：您好，应急中心，请讲。\n来电人：你好，我姓王，三横王。我刚在 Kamppi 下了电车。\n接线员：请说发生了什么。\n"
     "来电人：Bulevardi 5 三楼着火了，烟很大，有人困在里面！", "Bulevardi"),
    # the suite's quick model reads this Finnish greeting as the most urgent line (the place becomes Stockmann): a
    # reading to mend on its own (s18 report); here only the number of reads is checked
    ("Päivystäjä: Hätäkeskus, mitä on tapahtunut?\nSoittaja: Hei, tässä Virtanen, olin juuri Stockmannilla.\n"
     "Päivystäjä: Kertokaa rauhassa.\nSoittaja: Fredrikinkatu 20 rappukäytävässä on voimakas kaasun haju ja sihisevä ääni!",
     None),
]


@pytest.mark.parametrize(("text", "place"), TRANSCRIPTS, ids=["en", "zh", "fi"])
def test_a_transcripts_lines_are_read_once_for_its_title_and_its_place(make_assistant, triage_model, monkeypatch, text, place):
    assistant = make_assistant(llm_backend="none")
    read: Counter[str] = Counter()
    predict = triage_model.predict

    def counting(texts, *args, **kwargs):
        read.update(texts)
        return predict(texts, *args, **kwargs)

    monkeypatch.setattr(triage_model, "predict", counting)
    plan = assistant.plan(text, narrative=False)
    lines = [line.strip() for line in text.splitlines()]
    assert all(read[line] == 1 for line in lines), {line: read[line] for line in lines}
    if place is None:
        return
    # the one finding still serves both: the title and the place are the hazard passage's
    assert place in (plan.location or ""), plan.location
    assert place in assistant._store.get_incident(plan.incident_id).title


def test_a_changed_report_is_read_again(make_assistant, triage_model, monkeypatch):
    """The remembered finding is the text's own: another transcript (here one line changed) is read afresh."""
    assistant = make_assistant(llm_backend="none")
    first = TRANSCRIPTS[0][0]
    second = first.replace("Annankatu 12", "Bulevardi 5")
    assistant.plan(first, narrative=False)
    plan = assistant.plan(second, narrative=False)
    assert "Bulevardi" in (plan.location or "") and "Bulevardi" in assistant._store.get_incident(plan.incident_id).title
