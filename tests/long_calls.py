"""Long call transcripts for the long-input tests: small talk (a lonely caller, the weather, the tram), the hazard late or in
the middle; English and Chinese. Written for these tests (session 16: long pastes lost their emergency)."""
import random

import pytest

EN_SMALL = [
    "Dispatcher: Emergency services, what is the address of your emergency?",
    "Caller: Oh hello, yes, sorry, I wasn't sure if I should call this number or the other one.",
    "Caller: My neighbour gave me this number years ago, she always said it's the one to call.",
    "Caller: It has been such a windy evening, the wind has been rattling the windows all afternoon.",
    "Caller: I was just watching the hockey on television, Jokerit were losing again, can you believe it.",
    "Dispatcher: Okay, can you tell me what is happening?",
    "Caller: Yes, yes, I will, give me a moment, I am a bit out of breath from the stairs.",
    "Caller: My daughter usually helps me with the phone but she is in Tampere this week for work.",
    "Caller: The tram was late again this morning, I waited twenty minutes at the stop in the snow.",
    "Caller: I had coffee with my friend Liisa at the cafe, she told me about her grandson's wedding.",
    "Dispatcher: Sir, I need to know what the emergency is.",
    "Caller: Right, of course, sorry, I ramble when I am nervous, my late wife always said so.",
    "Caller: The heating bill came today as well, it is much more than last winter.",
    "Caller: The building manager never answers his phone after five, that is why I did not call him.",
    "Caller: I bought some bread and milk at the shop downstairs, they were out of rye bread again.",
]
EN_HAZARD = {
    "fire": "Caller: There is a fire in the flat next to mine at Fredrikinkatu 20, thick black smoke is coming out under the door and I can hear my neighbour and her two children screaming inside, they cannot get out!",
    "breathing": "Caller: My husband has collapsed on the kitchen floor at Annankatu 12, he is not breathing and his lips are turning blue, I don't know what to do!",
    "stabbing": "Caller: A man has just been stabbed in the stairwell at Bulevardi 5, he is bleeding heavily from his stomach and the attacker ran off with the knife!",
}
ZH_SMALL = [
    "接警员：您好，这里是应急中心，请讲。",
    "来电者：喂，你好，不好意思，我不太确定是不是应该打这个电话。",
    "来电者：今天晚上风特别大，窗户一直在响，我一下午都没睡好。",
    "来电者：我女儿平时帮我打电话，但是她这个星期去坦佩雷出差了。",
    "接警员：请问发生了什么事？",
    "来电者：好的好的，我慢慢说，我刚爬完楼梯有点喘。",
    "来电者：今天早上电车又晚点了，我在雪里等了二十分钟。",
    "来电者：我下午和朋友在咖啡馆喝咖啡，她跟我讲她孙子的婚礼。",
    "接警员：请您告诉我紧急情况是什么。",
    "来电者：对对，不好意思，我一紧张就说个不停，我老伴以前总这么说我。",
    "来电者：今天暖气费的账单也来了，比去年冬天贵多了。",
    "来电者：楼下小店又没有黑麦面包了，我只买了牛奶。",
]
ZH_HAZARD = {
    "fire": "来电者：Fredrikinkatu 20 我隔壁那户着火了，门缝底下冒出很浓的黑烟，我听到邻居和她两个孩子在里面哭喊，他们出不来！",
    "breathing": "来电者：我丈夫在 Annankatu 12 厨房里突然倒地了，他没有呼吸了，嘴唇发紫，我不知道怎么办！",
    "stabbing": "来电者：Bulevardi 5 的楼道里有个男人刚被人捅了，肚子流了很多血，凶手拿着刀跑了！",
}


def small_talk(lang: str, chars: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    pool = EN_SMALL if lang == "en" else ZH_SMALL
    lines, n = [], 0
    while n < chars:
        line = rng.choice(pool)
        lines.append(line)
        n += len(line) + 1
    return "\n".join(lines)


def transcript(lang: str, hazard: str, total: int, where: str = "late", seed: int = 0) -> str:
    """A transcript of about ``total`` characters; the hazard ``late`` (in the last tenth) or in the ``middle``."""
    h = (EN_HAZARD if lang == "en" else ZH_HAZARD)[hazard]
    rest = total - len(h) - 2
    if where == "late":
        before, after = int(rest * 0.92), rest - int(rest * 0.92)
    else:
        before, after = rest // 2, rest - rest // 2
    text = small_talk(lang, before, seed) + "\n" + h + "\n" + small_talk(lang, after, seed + 1)
    return text[:total] if len(text) > total and text.find(h) + len(h) < total else text


@pytest.fixture(scope="module")
def default_model():
    """The real default triage model (var/), as an operator's desk runs it."""
    from core.settings import Settings
    from finetune import load_current_classifier
    from tests.conftest import PROJECT_ROOT

    var = PROJECT_ROOT / "var"
    if not (var / "models" / "triage").is_dir():
        pytest.skip("no default triage model in var/ (make run trains it)")
    return load_current_classifier(Settings(data_dir=var))
