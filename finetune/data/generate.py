"""Seeded generator of the shipped triage training data (``train.jsonl``).

Run ``python -m finetune.data.generate`` to rebuild it.  It combines hand-written
situation phrases per (incident type, priority) with intake styles (call-taker
notes, shorthand, social posts, radio notes, sensor alerts), realistic places,
typos, long narrative padding and two-hazard reports.  The hand-written test set
(``test_handwritten.jsonl``) is NOT produced here and shares no templates.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).with_name("train.jsonl")
SEED = 20261128

STREETS = ["Aleksanterinkatu", "Mannerheimintie", "Esplanadi", "Kaivokatu", "Unioninkatu", "Fabianinkatu",
           "Mikonkatu", "Yliopistonkatu", "Kluuvikatu", "Pohjoisesplanadi", "Eteläesplanadi", "Keskuskatu",
           "Simonkatu", "Annankatu", "Kalevankatu", "Bulevardi", "Ratakatu", "Lönnrotinkatu", "Vilhonkatu",
           "Kasarmikatu", "Erottaja", "Kirkkokatu", "Snellmaninkatu", "Rautatientori", "Senaatintori"]
LANDMARKS = ["the railway station", "Stockmann", "Kamppi centre", "the Cathedral steps", "Kaisaniemi park",
             "the Market Square", "Ateneum", "Old Student House", "Kluuvi mall", "the metro at Kaisaniemi"]
ZH_PLACES = ["北京市朝阳区建国路", "上海市黄浦区南京东路", "广州市天河区体育西路", "深圳市福田区深南大道",
             "成都市锦江区春熙路", "武汉市江汉区解放大道", "杭州市西湖区文三路", "南京市鼓楼区中山路",
             "重庆市渝中区解放碑", "西安市雁塔区小寨", "天津市和平区滨江道", "长沙市芙蓉区五一大道",
             "郑州市金水区花园路", "苏州市姑苏区观前街", "青岛市市南区香港中路", "沈阳市和平区太原街"]

# (type, priority) -> English situation phrases; {n} people count, {fl} floor.
EN: dict[tuple[str, str], list[str]] = {
    ("fire", "P1"): ["flames coming out of {fl} floor window, people trapped inside", "apartment fire, a child still inside",
                     "house on fire and grandma cant get out", "fire spreading in the stairwell, residents stuck on upper floors",
                     "bus on fire with passengers still on board", "heavy smoke in restaurant kitchen, staff unconscious"],
    ("fire", "P2"): ["smoke coming from the roof of an apartment block, residents evacuating", "car burning next to the building, flames reaching the wall",
                     "kitchen fire, everyone got out but one person has burns", "fire alarm going off and I can see smoke in the corridor"],
    ("fire", "P3"): ["small fire in a rubbish bin", "burning smell from an electrical box on the street, no flames",
                     "grass fire in the park, small, nobody near", "empty car on fire in a parking lot"],
    ("fire", "P4"): ["fire is out now, just checking if someone needs to come", "fire alarm test this afternoon in our building",
                     "someone is grilling on a balcony, lots of smoke but its fine"],
    ("flood", "P1"): ["car stuck in floodwater with the driver inside, water up to the windows", "flash flood, people on the roof of a car",
                      "water rushing into the metro tunnel with passengers", "child swept into the flooded canal"],
    ("flood", "P2"): ["street flooding fast, water entering ground floor homes", "river over its banks, elderly residents need help leaving",
                      "underpass flooded, a bus stalled in the water"],
    ("flood", "P3"): ["basement flooded after the rain, nobody in danger", "water main burst, street covered in water",
                      "storm drains overflowing on the corner", "water leaking from ceiling of the stairwell"],
    ("flood", "P4"): ["water level back to normal now", "flood barriers being tested by the city today"],
    ("earthquake_collapse", "P1"): ["building collapsed, people trapped under the rubble", "balcony fell down with {n} people on it",
                                    "scaffolding collapsed on workers", "roof caved in at the sports hall during training",
                                    "strong earthquake, house collapsed, hearing voices under debris"],
    ("earthquake_collapse", "P2"): ["large cracks in load bearing wall after the tremor, residents scared", "part of a facade fell onto the pavement, one injured",
                                    "crane tilting over the construction site"],
    ("earthquake_collapse", "P3"): ["ceiling plaster fell in an empty office", "small tremor felt, some cracks in the wall",
                                    "old shed collapsed, nobody inside"],
    ("earthquake_collapse", "P4"): ["felt a tiny shake, is this an earthquake?", "scheduled demolition of the old warehouse today"],
    ("traffic_accident", "P1"): ["car hit a pedestrian, she is not breathing", "head-on collision, driver trapped and unconscious",
                                 "tram derailed and hit people at the stop", "motorcyclist under a truck, not moving"],
    ("traffic_accident", "P2"): ["two cars collided, one driver bleeding from the head", "cyclist hit by a taxi, leg broken",
                                 "bus braked hard, several passengers injured"],
    ("traffic_accident", "P3"): ["minor fender bender, no injuries, cars blocking the lane", "car slid into a lamp post, driver fine",
                                 "scooter tipped over, rider has scratches"],
    ("traffic_accident", "P4"): ["accident from earlier already cleared", "just want to report a parking dispute after a small bump last week"],
    ("hazmat", "P1"): ["gas explosion risk, strong gas smell and people feeling faint", "chemical leak at the factory, workers collapsed",
                       "toxic smoke cloud drifting over the school", "ammonia leak in ice rink with people coughing blood"],
    ("hazmat", "P2"): ["strong smell of gas in the stairwell", "tanker truck leaking fuel on the road",
                       "white powder in an envelope at the office, people isolated", "chlorine smell at the swimming pool, kids coughing"],
    ("hazmat", "P3"): ["small diesel spill at the petrol station", "old paint cans dumped by the road",
                       "faint gas smell outside, gas company notified"],
    ("hazmat", "P4"): ["question about where to dispose of batteries", "gas meter check scheduled tomorrow"],
    ("medical", "P1"): ["man collapsed, not breathing", "woman unconscious and turning blue", "suspected cardiac arrest, CPR started",
                        "child choking and cant breathe", "overdose, person not responding", "severe bleeding from the neck"],
    ("medical", "P2"): ["elderly woman fell down the stairs, hip pain, conscious", "chest pain and sweating, age 60",
                        "woman in labour, contractions 3 min apart", "diabetic man confused and shaking"],
    ("medical", "P3"): ["twisted ankle while jogging", "mild allergic reaction, rash, breathing fine", "cut finger needs stitches"],
    ("medical", "P4"): ["want advice about a cold", "asking where the nearest pharmacy is open"],
    ("public_health", "P1"): ["dozens of people collapsing after drinking at the festival, suspected methanol",
                              "many residents in the care home unconscious, suspected carbon poisoning outbreak"],
    ("public_health", "P2"): ["{n} kids vomiting after school lunch", "many guests sick after the wedding dinner, food poisoning",
                              "tap water is brown and several neighbours have diarrhoea", "outbreak of norovirus at the nursing home"],
    ("public_health", "P3"): ["several cases of flu at the office", "rats seen in the restaurant kitchen",
                              "water tastes strange in our building, nobody sick"],
    ("public_health", "P4"): ["when is the vaccination clinic open", "asking about mosquito spraying schedule"],
    ("public_security", "P1"): ["man with a knife stabbing people", "shots fired, people running", "armed attacker inside the mall",
                                "someone drove a van into the crowd on purpose", "hostage situation at the bank"],
    ("public_security", "P2"): ["fight outside the bar, one man bleeding", "crowd throwing stones at police, riot starting",
                                "bomb threat called in to the station", "man threatening passengers on the tram"],
    ("public_security", "P3"): ["shop window smashed overnight, nobody around", "bike stolen from the rack",
                                "loud group shouting in the park, no violence"],
    ("public_security", "P4"): ["lost my wallet, want to file a report", "noise complaint about a party next door"],
    ("utility_outage", "P1"): ["power cut and my father's home ventilator stopped", "emergency number not answering, someone needs help"],
    ("utility_outage", "P2"): ["whole district without power, traffic lights out at a busy junction", "no heating in the building at minus 20, elderly residents",
                               "hospital on generator, mains power down"],
    ("utility_outage", "P3"): ["power out in our block", "no water since morning", "mobile network down in the area",
                               "street lights not working"],
    ("utility_outage", "P4"): ["planned power maintenance tonight", "internet slow, just asking"],
    ("severe_weather", "P1"): ["tree fell on a car with people inside", "lightning struck a person on the beach",
                               "roof blown off by the storm, people inside injured"],
    ("severe_weather", "P2"): ["storm brought down trees across the road", "heavy snow, roof of the shop bending",
                               "hail storm, broken glass everywhere, some cuts"],
    ("severe_weather", "P3"): ["strong wind knocked over signs", "icy pavements, people slipping", "branch fell on parked cars"],
    ("severe_weather", "P4"): ["storm warning for tomorrow", "asking if the storm is over"],
    ("missing_person", "P1"): ["person fell through the ice and disappeared", "man overboard from the ferry",
                               "child missing near the water for an hour"],
    ("missing_person", "P2"): ["{n} year old boy lost at the market", "elderly man with dementia wandered off from the care home",
                               "hiker missing since yesterday"],
    ("missing_person", "P3"): ["teenager didn't come home, phone off", "friend not answering for two days"],
    ("missing_person", "P4"): ["the lost child has been found, thank you", "looking for my lost dog"],
    ("not_incident", "P4"): ["what time does the concert start", "test message please ignore", "sorry wrong number",
                             "thanks for the help yesterday", "is the museum open on sunday", "how do I renew my parking permit",
                             "good morning", "duplicate of previous report", "the situation is resolved", "lol nice weather today",
                             "can you tell me the weather forecast", "who do I call about a pothole"],
}

ZH: dict[tuple[str, str], list[str]] = {
    ("fire", "P1"): ["居民楼{fl}楼起火，有人被困", "火势蔓延，楼上还有老人出不来", "公交车着火，车上还有乘客"],
    ("fire", "P2"): ["楼顶冒浓烟，居民正在疏散", "厨房着火，一人烧伤"],
    ("fire", "P3"): ["垃圾桶着火", "路边空车起火，没有人员"],
    ("fire", "P4"): ["火已经扑灭了", "明天大楼消防演练"],
    ("flood", "P1"): ["车被困在积水中，司机还在车里", "洪水冲走一名儿童"],
    ("flood", "P2"): ["街道积水迅速上涨，进入一楼住户", "河水漫堤，老人需要转移"],
    ("flood", "P3"): ["地下室进水，无人员危险", "水管爆裂，路面积水"],
    ("flood", "P4"): ["水位已经恢复正常"],
    ("earthquake_collapse", "P1"): ["房屋倒塌，有人被埋", "地震后楼房倒塌，废墟下有呼救声", "脚手架倒塌压住工人"],
    ("earthquake_collapse", "P2"): ["地震后承重墙出现大裂缝", "外墙脱落砸伤一人"],
    ("earthquake_collapse", "P3"): ["空置仓库屋顶塌陷，无人受伤", "轻微震感，墙上有小裂缝"],
    ("earthquake_collapse", "P4"): ["刚才好像有点晃，是地震吗"],
    ("traffic_accident", "P1"): ["车撞行人，伤者没有呼吸", "两车迎面相撞，司机被困昏迷"],
    ("traffic_accident", "P2"): ["两车相撞，一人头部流血", "电动车被出租车撞倒，腿骨折"],
    ("traffic_accident", "P3"): ["轻微剐蹭，无人受伤，堵住车道", "车辆撞上路灯杆，司机无碍"],
    ("traffic_accident", "P4"): ["之前的事故已经处理完毕"],
    ("hazmat", "P1"): ["化工厂泄漏，工人晕倒", "燃气泄漏，有人头晕倒地"],
    ("hazmat", "P2"): ["楼道里燃气味很重", "油罐车泄漏"],
    ("hazmat", "P3"): ["加油站少量柴油泄漏", "路边丢弃油漆桶"],
    ("hazmat", "P4"): ["请问废电池在哪里回收"],
    ("medical", "P1"): ["有人倒地，没有呼吸", "老人昏迷不醒", "孩子被噎住无法呼吸"],
    ("medical", "P2"): ["老人从楼梯摔下，髋部疼痛", "胸痛出汗，六十岁男性", "孕妇羊水破了"],
    ("medical", "P3"): ["跑步扭伤脚踝", "手指割伤需要缝针"],
    ("medical", "P4"): ["请问附近哪家药店开门"],
    ("public_health", "P1"): ["多人饮酒后昏迷，疑似甲醇中毒"],
    ("public_health", "P2"): ["{n}名学生午餐后呕吐", "食堂多人腹泻，疑似食物中毒", "养老院诺如病毒暴发"],
    ("public_health", "P3"): ["自来水有异味，暂无人不适", "餐馆后厨有老鼠"],
    ("public_health", "P4"): ["请问疫苗接种点几点开门"],
    ("public_security", "P1"): ["有人持刀伤人", "商场内有枪声", "有人开车冲撞人群"],
    ("public_security", "P2"): ["酒吧门口打架，一人流血", "有人在地铁上威胁乘客", "车站接到炸弹威胁电话"],
    ("public_security", "P3"): ["店铺玻璃被砸，无人", "自行车被盗"],
    ("public_security", "P4"): ["钱包丢了想报案", "邻居聚会太吵"],
    ("utility_outage", "P1"): ["停电导致家里呼吸机停止工作"],
    ("utility_outage", "P2"): ["整个片区停电，路口红绿灯不亮", "零下二十度暖气停了，楼里有老人"],
    ("utility_outage", "P3"): ["小区停电", "从早上开始停水", "手机没有信号"],
    ("utility_outage", "P4"): ["今晚计划检修停电"],
    ("severe_weather", "P1"): ["大树砸中汽车，车里有人", "雷击致人倒地"],
    ("severe_weather", "P2"): ["暴风雨吹倒大树挡住道路", "大雪压弯商店屋顶"],
    ("severe_weather", "P3"): ["大风吹倒广告牌", "路面结冰，行人滑倒"],
    ("severe_weather", "P4"): ["明天有暴雨预警吗", "台风过去了吗"],
    ("missing_person", "P1"): ["有人掉进冰窟窿不见了", "渡轮上有人落水"],
    ("missing_person", "P2"): ["{n}岁男孩在市场走失", "阿尔茨海默症老人走失"],
    ("missing_person", "P3"): ["孩子放学没回家，手机关机"],
    ("missing_person", "P4"): ["走失的孩子已经找到了，谢谢"],
    ("not_incident", "P4"): ["请问演唱会几点开始", "测试消息请忽略", "打错电话了", "谢谢昨天的帮助", "博物馆周日开门吗",
                             "早上好", "重复报告", "情况已经解决", "今天天气不错", "路上有个坑找谁"],
}

SENSOR = {
    "fire": [("SMOKE DETECTOR {id} ALARM zone {z} level HIGH, {addr}", "P2"), ("FIRE PANEL {id}: sprinkler flow + smoke, {addr}", "P1"),
             ("smoke sensor {id} fault/test signal {addr}", "P4")],
    "flood": [("WATER LEVEL GAUGE {id}: {cm} cm above threshold at {addr}", "P2"), ("basement leak sensor {id} WET {addr}", "P3")],
    "earthquake_collapse": [("SEISMIC STATION {id}: M{mag} event detected, PGA {pga} g", "P2"), ("STRAIN GAUGE {id} bridge deck limit exceeded {addr}", "P2")],
    "hazmat": [("GAS SENSOR {id}: methane {ppm} ppm LEL ALARM {addr}", "P2"), ("CO DETECTOR {id} {ppm} ppm apartment {addr}", "P1")],
    "utility_outage": [("GRID SCADA: feeder {id} tripped, {cust} customers without power", "P3"), ("PUMP STATION {id} offline, pressure 0 bar", "P3")],
    "severe_weather": [("WEATHER STATION {id}: gust {wind} m/s, warning level RED", "P2"), ("ROAD ICE SENSOR {id}: surface -{t} C {addr}", "P3")],
}
ZH_SENSOR = {
    "fire": [("烟感报警 {id}号 {z}区 {addr}", "P2")],
    "hazmat": [("燃气探测器 {id} 甲烷浓度{ppm}ppm报警 {addr}", "P2")],
    "flood": [("水位监测站{id}：超警戒水位{cm}厘米", "P2")],
    "earthquake_collapse": [("地震台网{id}：测得{mag}级地震", "P2")],
    "utility_outage": [("电网监控：{id}号线路跳闸，{cust}户停电", "P3")],
    "severe_weather": [("气象站{id}：阵风{wind}米每秒，红色预警", "P2")],
}

EN_PAD = ["Caller is very upset and speaking fast.", "Neighbours are gathering outside.", "The caller says it started about ten minutes ago.",
          "There is a lot of traffic in the area at the moment.", "A security guard from the building is also on the line.",
          "The caller will wait at the front door to guide the crews.", "Several people have already posted videos online.",
          "It is dark and the caller cannot see everything clearly.", "The road is narrow and cars are parked on both sides."]
ZH_PAD = ["报警人情绪激动。", "周围有很多人围观。", "报警人说大概十分钟前开始的。", "附近交通拥堵。", "报警人会在门口等候。"]

ABBR = {"people": "ppl", "with": "w/", "without": "w/o", "building": "bldg", "floor": "flr", "street": "st", "person": "pt",
        "unconscious": "uncon", "breathing": "breathin", "approximately": "approx", "ambulance": "amb", "and": "&", "apartment": "apt"}


def _typo(text: str, rng: random.Random, rate: float = 0.04) -> str:
    chars = list(text)
    out: list[str] = []
    for ch in chars:
        r = rng.random()
        if ch.isalpha() and r < rate / 3:
            continue  # dropped letter
        if ch.isalpha() and r < 2 * rate / 3:
            out.append(ch + ch)  # doubled letter
            continue
        if ch.isalpha() and r < rate and out:
            out[-1], ch = ch, out[-1]  # swapped with previous
        out.append(ch)
    return "".join(out)


def _shorthand(text: str) -> str:
    words = [ABBR.get(w.lower(), w) for w in text.split()]
    return " ".join(words).upper() if len(words) < 8 else " ".join(words)


def _fill(phrase: str, rng: random.Random) -> str:
    return phrase.format(n=rng.randint(2, 14), fl=rng.choice(["2nd", "3rd", "4th", "5th", "top"]))


def _addr(rng: random.Random) -> str:
    if rng.random() < 0.25:
        return rng.choice(LANDMARKS)
    street = rng.choice(STREETS)
    return f"{street} {rng.randint(1, 60)}" if rng.random() < 0.7 else f"{street}/{rng.choice(STREETS)}"


def _en_report(core: str, rng: random.Random) -> tuple[str, str]:
    addr = _addr(rng)
    style = rng.choices(["caller", "shorthand", "social", "radio", "plain"], weights=[3, 2, 2, 1, 2])[0]
    if style == "caller":
        text = rng.choice(["Caller reports {c} at {a}.", "Caller at {a}: {c}.", "{a} - caller says {c}.", "Reporting party states {c}, location {a}."]).format(c=core, a=addr)
    elif style == "shorthand":
        text = f"{_shorthand(core)} @ {addr}" if rng.random() < 0.5 else f"{addr.upper()} {_shorthand(core)}"
    elif style == "social":
        tail = rng.choice(["#helsinki", "!!!", "someone call 112", "omg", "stay safe everyone", "#stadi", ""])
        text = rng.choice(["{c} on {a} right now {t}", "omg {c} near {a} {t}", "anyone know whats going on at {a}? {c} {t}"]).format(c=core, a=addr, t=tail)
    elif style == "radio":
        text = f"Unit {rng.choice(['A', 'B', 'K', 'P'])}{rng.randint(10, 99)} to control: {core}, {addr}, over"
    else:
        text = f"{core[0].upper()}{core[1:]} at {addr}"
    if rng.random() < 0.2:
        text = _typo(text, rng)
    if rng.random() < 0.15:
        text = " ".join([text] + rng.sample(EN_PAD, k=rng.randint(2, 4)))
    if rng.random() < 0.1:
        text = text.lower()
    return text.strip(), style


def _zh_report(core: str, rng: random.Random) -> tuple[str, str]:
    place = rng.choice(ZH_PLACES)
    style = rng.choices(["caller", "social", "plain"], weights=[3, 2, 2])[0]
    if style == "caller":
        text = rng.choice(["报警人称{a}{c}。", "{a}：{c}，请尽快派人。", "接报：{a}附近{c}。"]).format(a=place, c=core)
    elif style == "social":
        text = rng.choice(["{a}这边{c}！！有人报警了吗", "刚路过{a}，{c}，大家注意安全", "#突发# {a}{c}"]).format(a=place, c=core)
    else:
        text = f"{place}{core}"
    if rng.random() < 0.15:
        text += "".join(rng.sample(ZH_PAD, k=2))
    return text, style


def _sensor(typ: str, zh: bool, rng: random.Random) -> tuple[str, str]:
    template, prio = rng.choice((ZH_SENSOR if zh else SENSOR)[typ])
    text = template.format(id=rng.randint(100, 9999), z=rng.randint(1, 12), addr=rng.choice(ZH_PLACES) if zh else _addr(rng),
                           cm=rng.randint(5, 120), mag=round(rng.uniform(3.0, 6.5), 1), pga=round(rng.uniform(0.05, 0.6), 2),
                           ppm=rng.randint(50, 900), cust=rng.randint(200, 20000), wind=rng.randint(20, 40), t=rng.randint(1, 15))
    return text, prio


# P4 phrases that are real advisories about a hazard (TAXONOMY.md: P4 = "non-incidents, resolved events, advisories").
# Every other P4 phrase under a hazard type is a question, test, drill, resolved event or chit-chat, and the taxonomy
# says those are not_incident: the hazard word in them ("fire alarm test", "the lost child has been found") is not
# the incident type. The phrase tables keep them under the hazard so the random stream (and the texts) stay as they were.
ADVISORY_P4 = {"storm warning for tomorrow", "planned power maintenance tonight", "今晚计划检修停电"}


def taxonomy_type(typ: str, prio: str, phrase: str) -> str:
    """The incident type the taxonomy gives a row: non-advisory P4 rows are not_incident."""
    if prio == "P4" and typ != "not_incident" and phrase not in ADVISORY_P4:
        return "not_incident"
    return typ


def generate(n_en: int = 3000, n_zh: int = 600, seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    rows: list[dict] = []
    for lang, n, table in (("en", n_en, EN), ("zh", n_zh, ZH)):
        keys = list(table)
        types = sorted({k[0] for k in keys})
        for _ in range(n):
            r = rng.random()
            # Type first, then priority: every type gets a fair share whatever its number of priority levels.
            typ = rng.choice(types)
            prio = rng.choice([k[1] for k in keys if k[0] == typ])
            secondary = ""
            if r < 0.07 and typ in (ZH_SENSOR if lang == "zh" else SENSOR):
                text, prio = _sensor(typ, lang == "zh", rng)
                style = "sensor"
                typ = taxonomy_type(typ, prio, text)  # a sensor test/fault signal is not an incident
            elif r < 0.17 and typ != "not_incident":
                # Two hazards: the more urgent one is primary, the other is a secondary type.
                other_typ, other_prio = rng.choice([k for k in keys if k[0] not in (typ, "not_incident") and k[1] != "P4"])
                if other_prio < prio:
                    typ, prio, other_typ, other_prio = other_typ, other_prio, typ, prio
                a, b = _fill(rng.choice(table[(typ, prio)]), rng), _fill(rng.choice(table[(other_typ, other_prio)]), rng)
                core = (f"{a}，同时{b}" if lang == "zh" else f"{a} and also {b}") if rng.random() < 0.5 else \
                       (f"{b}，而且{a}" if lang == "zh" else f"{b}, plus {a}")
                text, style = (_zh_report if lang == "zh" else _en_report)(core, rng)
                style, secondary = "two_hazard", other_typ
            else:
                core = _fill(rng.choice(table[(typ, prio)]), rng)
                text, style = (_zh_report if lang == "zh" else _en_report)(core, rng)
                typ = taxonomy_type(typ, prio, core)
            rows.append({"text": text, "incident_type": typ, "priority": prio, "secondary_type": secondary,
                         "language": lang, "style": style})
    rng.shuffle(rows)
    return rows


def main() -> None:
    rows = generate()
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
