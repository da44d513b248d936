"""s17 H8: a call transcript (dispatcher and caller, greetings, the caller's name spelled out, other places mentioned in
passing) whose hazard comes late is planned from its hazard passage: the incident's title and the plan's location are
the hazard's, not the greeting's or a place of the small talk.  Transcripts written for this test; the real triage
model, city and locator."""

from __future__ import annotations

import pytest

TRANSCRIPTS = [  # (transcript, a place word of the hazard passage, words of the hazard passage)
    ("调度员：喂？你好，请问有什么紧急情况？\n来电人：喂？你好，请问是急救中心吗？我姓陈，耳东陈，陈晓明。\n"
     "调度员：陈先生您好，请慢慢说。\n来电人：我刚从 Stockmann 买完东西回来，今天好冷啊。\n"
     "来电人：Bulevardi 5 三楼着火了，浓烟很大，有老人困在里面出不来！", "Bulevardi", "着火"),
    ("接线员：您好，这里是应急中心。\n报警人：你好你好，我叫林芳，双木林，芳香的芳。\n报警人：我本来在 Kamppi 那边等电车，车一直不来。\n"
     "接线员：请问发生了什么事？\n报警人：Annankatu 12 楼下有个男人突然倒地了，没有呼吸，嘴唇发紫！", "Annankatu", "倒地"),
    ("来电者：喂？你好，请问…是这个号码吧？\n接警员：是的，请讲。\n来电者：我姓张，弓长张。我在 Esplanadi 公园散步的时候想起来要打电话。\n"
     "来电者：不好意思我有点紧张。\n来电者：Fredrikinkatu 20 的一户人家门口闻到很浓的煤气味，还听到嘶嘶的声音！", "Fredrikinkatu", "煤气"),
    # an address in the small talk (where the caller lives) and another in the hazard passage: the hazard's is the place
    ("接警员：您好，应急中心，请讲。\n来电人：喂？你好，我姓刘，文刀刘。我家住在 Kalevankatu 6，现在在朋友家。\n"
     "接警员：好的，发生了什么？\n来电人：我朋友家这边，Annankatu 12 二楼厨房着火了，火很大，烟已经到楼道了！", "Annankatu", "着火"),
    ("Dispatcher: Emergency, go ahead.\nCaller: Hi, hello, it's Korhonen, K-O-R-H-O-N-E-N, I live at Kalevankatu 6 but "
     "I'm visiting my sister.\nDispatcher: What's the emergency?\nCaller: Her neighbour at Annankatu 12 collapsed in the "
     "stairwell, he is not breathing!", "Annankatu", "collapsed"),
    ("Dispatcher: Emergency services, what is the address of your emergency?\nCaller: Hello? Hi, sorry, my name is Virtanen, "
     "V-I-R-T-A-N-E-N.\nCaller: I was just at the Stockmann department store buying a scarf, it's so cold today.\n"
     "Dispatcher: What is happening?\nCaller: There's a fire at Bulevardi 5, black smoke from the third floor and an old man "
     "is trapped inside!", "Bulevardi", "fire"),
]


@pytest.mark.parametrize(("text", "place", "hazard"), TRANSCRIPTS)
def test_a_transcript_is_planned_from_its_hazard_passage(make_assistant, text, place, hazard):
    assistant = make_assistant(llm_backend="none")
    plan = assistant.plan(text, narrative=False)
    assert plan.triage is not None and plan.triage.incident_type != "not_incident"
    assert place in (plan.location or ""), (plan.location, [i.text for i in plan.situation][:3])
    title = assistant.incident_view(plan.incident_id).title if hasattr(assistant.incident_view(plan.incident_id), "title") \
        else assistant._store.get_incident(plan.incident_id).title
    assert hazard in title and "喂" not in title and "Hello" not in title, title
