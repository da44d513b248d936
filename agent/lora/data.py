"""Build the LoRA training set: request -> tool calls, and plan facts -> summary.

Mix (``build_examples`` with the defaults; the counts are printed by ``python -m agent.lora.data``):
  * the operator request set's TRAIN split (``split: train`` only), each item twice;
  * synthetic requests from the templates in ``agent.lora.templates`` (English and Chinese,
    written for this model), slots filled from the scenario (places by kind, unit ids as
    typed in several ways, stations, unit types, priorities, radii) and from places
    outside the map, per intent, including multi-intent requests, "no tool" (help,
    out-of-scope) and refusals (injection-only and harmful), and real requests with
    injected text whose target is the real request only;
  * summaries: facts of the deterministic planner on made-up reports (data/plan_facts.jsonl,
    written by ``bench/make_lora_facts.py``) -> a short summary that copies every name from
    the facts (see ``reference_summary``).
The held-out test split is never read here except by ``assert_no_test_leak``.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from agent.lora import templates as T
from agent.lora.prompts import PROMPT_VERSION, system_prompt
from agent.lora.schema import NONE, REFUSE, ToolAnswer
from agent.lora.slots import load_slots

ROOT = Path(__file__).resolve().parents[2]
REQUESTS_V2 = ROOT / "bench" / "data" / "operator_requests_v2.yaml"  # the frozen test split
REQUESTS_V2_TRAIN = ROOT / "agent" / "data" / "router_requests" / "operator_requests_v2_train.yaml"
FACTS_FILE = Path(__file__).with_name("data") / "plan_facts.jsonl"


@dataclass
class Example:
    task: str      # tool | summary
    lang: str      # en | zh
    intent: str    # a category of the request set, or "summary"
    prompt: str    # the user message
    target: str    # the assistant's answer
    source: str    # train_split | synthetic | planner

    def messages(self, prompt_version: str = PROMPT_VERSION) -> list[dict[str, str]]:
        return [{"role": "system", "content": system_prompt(self.task, prompt_version)}, {"role": "user", "content": self.prompt}]


def tool_user_message(request: str) -> str:
    return request.strip()


def summary_user_message(facts: str) -> str:
    return "Facts:\n" + facts.strip()


def load_request_items(split: str, path: Path | None = None) -> list[dict[str, Any]]:
    """The items of one split ("all": every item) of a request set, by default the operator request set v2 (its train
    split lives with the agent's data, its test split frozen in bench/data).  ValueError when the file is not a
    request set (a YAML list of items) or no YAML at all."""
    path = path or (REQUESTS_V2_TRAIN if split == "train" else REQUESTS_V2)
    try:
        items = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{path} is not valid YAML ({exc})") from None
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ValueError(f"{path} is not a request set (a YAML list of items)")
    return [item for item in items if split == "all" or item.get("split") == split]


def answer_of(item: dict[str, Any]) -> ToolAnswer:
    if item.get("refuse"):
        return ToolAnswer(refuse=True)
    return ToolAnswer(calls=[{"tool": c["tool"], "args": dict(c.get("args") or {})} for c in item.get("calls") or []])


# --------------------------------------------------------------------------- synthetic requests
class _Gen:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.slots = load_slots()
        s = self.slots
        self.streets = s.places("street")
        self.landmarks = [p for p in s.places("landmark") if len(p) >= 4]
        self.big = s.places("staging") + s.places("zone") + s.places("shelter") + s.places("hospital")

    def c(self, seq):
        return self.rng.choice(seq)

    def place(self, lang: str, allow_zh: bool = True) -> str:
        r = self.rng.random()
        if lang == "zh" and allow_zh and r < 0.3:
            return self.c(T.ZH_PLACES)
        if r < 0.35:
            street = self.c(self.streets)
            return f"{street} {self.rng.randint(1, 60)}" if self.rng.random() < 0.6 else street
        if r < 0.65:
            return self.c(self.landmarks)
        if r < 0.95:
            return self.c(self.big)
        return self.c(T.UNKNOWN_PLACES)

    def unit_typed(self) -> tuple[str, str]:
        unit = self.c(self.slots.units)
        uid = unit["id"]
        style = self.rng.random()
        typed = uid if style < 0.6 else uid.lower() if style < 0.8 else uid.replace("-", " ").lower()
        return typed, uid

    def hazard_desc(self, lang: str, hazard: str | None = None) -> tuple[str, str]:
        hazard = hazard or self.c(list(T.HAZARD_TEXT))
        en, zh = T.HAZARD_TEXT[hazard]
        return hazard, self.c(en if lang == "en" else zh)

    def unit_types(self, lang: str, hazard: str) -> tuple[str, list[str], str]:
        preferred = {"fire": ["engine", "ladder"], "flood": ["rescue"], "earthquake_collapse": ["rescue", "ladder"],
                     "traffic_accident": ["ambulance", "rescue"], "hazmat": ["hazmat"], "medical": ["ambulance"],
                     "public_security": ["police_patrol"], "utility_outage": ["utility_crew"], "severe_weather": ["rescue"],
                     "missing_person": ["police_patrol"], "public_health": ["ambulance"]}[hazard]
        types = [self.c(preferred)] if self.rng.random() < 0.7 else self.rng.sample(list(T.UNIT_TYPE_WORDS), 2)
        words = [self.c(T.UNIT_TYPE_WORDS[t][0 if lang == "en" else 1]) for t in types]
        joined = (" and " if lang == "en" else "和").join(words)
        single = self.c(T.UNIT_TYPE_WORDS[types[0]][0 if lang == "en" else 1])
        return joined, types, single

    def priority(self, lang: str) -> tuple[str, str]:
        p = self.c(["P1", "P2", "P3"])
        return self.c(T.PRIORITY_WORDS[p][0 if lang == "en" else 1]), p

    # one request per intent: (text, calls | "NONE" | "REFUSE")
    def incident(self, lang):
        p = self.place(lang)
        hazard, d = self.hazard_desc(lang)
        text = self.c(T.INCIDENT_EN if lang == "en" else T.INCIDENT_ZH).format(p=p, d=d)
        return text, [{"tool": "plan_response", "args": {"place": p, "hazard": hazard}}]

    def evacuation(self, lang):
        p = self.place(lang)
        hazard, d = self.hazard_desc(lang)
        tpl = self.c(T.EVAC_EN if lang == "en" else T.EVAC_ZH)
        r = self.c([100, 150, 200, 250, 300, 400, 500, 800, 1000])
        args: dict[str, Any] = {"place": p}
        if "{d}" in tpl:
            args["hazard"] = hazard
        if "{r}" in tpl:
            args["radius_m"] = r
        return tpl.format(p=p, d=d, r=r), [{"tool": "plan_evacuation", "args": args}]

    def dispatch(self, lang):
        p = self.place(lang)
        hazard, d = self.hazard_desc(lang)
        words, types, single = self.unit_types(lang, hazard)
        pr_text, pr = self.priority(lang)
        tpl = self.c(T.DISPATCH_EN if lang == "en" else T.DISPATCH_ZH)
        args: dict[str, Any] = {"place": p}
        if "{d}" in tpl:
            args["hazard"] = hazard
        if "{pr}" in tpl:
            args["priority"] = pr
        if "{t1}" in tpl:
            args["unit_types"] = types[:1]
        elif "{t}" in tpl:
            args["unit_types"] = types
        return tpl.format(p=p, d=d, t=words, t1=single, pr=pr_text), [{"tool": "plan_dispatch", "args": args}]

    def plan_question(self, lang):
        if lang == "en":
            tpl, _ = self.c(T.QUESTION_EN)
            topic = self.c(T.QUESTION_TOPICS_EN)
            return tpl.format(x=topic), [{"tool": "search_plans", "args": {"topic": topic}}]
        tpl, _ = self.c(T.QUESTION_ZH)
        zh, en = self.c(T.QUESTION_TOPICS_ZH)
        return tpl.format(x=zh), [{"tool": "search_plans", "args": {"topic": en}}]

    def unit_query(self, lang):
        r = self.rng.random()
        if r < 0.5:
            typed, uid = self.unit_typed()
            return self.c(T.UNIT_ID_EN if lang == "en" else T.UNIT_ID_ZH).format(u=typed), [{"tool": "unit_status", "args": {"unit_id": uid}}]
        t = self.c(list(T.UNIT_TYPE_WORDS))
        word = self.c(T.UNIT_TYPE_WORDS[t][0 if lang == "en" else 1])
        if r < 0.75:
            return self.c(T.UNIT_TYPE_EN if lang == "en" else T.UNIT_TYPE_ZH).format(t=word), [{"tool": "unit_status", "args": {"unit_type": t}}]
        st = self.c(self.slots.station_names)
        if r < 0.88:
            tpl = self.c(T.UNIT_STATION_TYPE_EN if lang == "en" else T.UNIT_STATION_TYPE_ZH)
            return tpl.format(t=word, st=st), [{"tool": "unit_status", "args": {"station": st, "unit_type": t}}]
        return self.c(T.UNIT_STATION_EN if lang == "en" else T.UNIT_STATION_ZH).format(st=st), [{"tool": "unit_status", "args": {"station": st}}]

    def unit_status_change(self, lang):
        typed, uid = self.unit_typed()
        status = self.c(list(T.SET_STATUS_EN))
        tpl = self.c((T.SET_STATUS_EN if lang == "en" else T.SET_STATUS_ZH)[status])
        return tpl.format(u=typed), [{"tool": "set_unit_status", "args": {"unit_id": uid, "status": status}}]

    def shelter_query(self, lang):
        if self.rng.random() < 0.3:
            return self.c(T.OCCUPANCY_EN if lang == "en" else T.OCCUPANCY_ZH), [{"tool": "shelter_occupancy", "args": {}}]
        p = self.place(lang)
        return self.c(T.SHELTERS_EN if lang == "en" else T.SHELTERS_ZH).format(p=p), [{"tool": "list_shelters", "args": {"place": p}}]

    def place_lookup(self, lang):
        p = self.place(lang) if self.rng.random() < 0.8 else self.c(T.UNKNOWN_PLACES)
        return self.c(T.RESOLVE_EN if lang == "en" else T.RESOLVE_ZH).format(p=p), [{"tool": "resolve_place", "args": {"place": p}}]

    def situation(self, lang):
        r = self.rng.random()
        if r < 0.45:
            tpl, needs = self.c(T.OPEN_EN if lang == "en" else T.OPEN_ZH)
            if needs:
                pr_text, pr = self.priority(lang)
                return tpl.format(pr=pr_text), [{"tool": "open_incidents", "args": {"priority": pr}}]
            return tpl, [{"tool": "open_incidents", "args": {}}]
        if r < 0.7:
            return self.c(T.BOARD_EN if lang == "en" else T.BOARD_ZH), [{"tool": "unit_board", "args": {}}]
        return self.c(T.SITREP_EN if lang == "en" else T.SITREP_ZH), [{"tool": "sitrep", "args": {}}]

    def multi_intent(self, lang):
        """Two requests in one message, sometimes three, sometimes the same kind twice (two units' statuses): the
        first adapter stopped after the first call, so every part must be answered, in order."""
        kinds = ["incident", "dispatch", "plan_question", "unit_status_change", "shelter_query", "situation",
                 "place_lookup", "unit_query", "evacuation"]
        r = self.rng.random()
        parts = self.rng.sample(kinds, 3) if r < 0.25 else [self.c(["unit_status_change", "unit_query", "situation"])] * 2 \
            if r < 0.4 else self.rng.sample(kinds, 2)
        texts, calls = [], []
        for part in parts:
            text, part_calls = getattr(self, part)(lang)
            texts.append(text)
            calls += part_calls
        joined = texts[0]
        for text in texts[1:]:
            joined += self.c(T.MULTI_JOIN_EN if lang == "en" else T.MULTI_JOIN_ZH) + text
        return joined, calls

    def injection_only(self, lang):
        typed, _ = self.unit_typed()
        return self.c(T.INJECTION_EN if lang == "en" else T.INJECTION_ZH).format(p=self.place(lang), u=typed), REFUSE

    def injection_mixed(self, lang):
        intent = self.c(["incident", "evacuation", "plan_question", "shelter_query", "situation", "dispatch"])
        text, calls = getattr(self, intent)(lang)
        return text + self.c(T.INJECTION_TAILS_EN if lang == "en" else T.INJECTION_TAILS_ZH).format(), calls

    def courteous(self, lang: str, text: str) -> str:
        return self.c(T.COURTESY_EN if lang == "en" else T.COURTESY_ZH) + text

    def out_of_scope(self, lang):
        if self.rng.random() < 0.3:
            return self.c(T.HARMFUL_EN if lang == "en" else T.HARMFUL_ZH), REFUSE
        return self.c(T.OOS_EN if lang == "en" else T.OOS_ZH), NONE

    def help(self, lang):
        return self.c(T.HELP_EN if lang == "en" else T.HELP_ZH), NONE


# 2026-12-01: fewer incident reports (the first adapter had them right on every check), more of what it got wrong:
# no-tool and harmful messages, multi-intent requests, injections.
DEFAULT_MIX = {"incident_report": 500, "evacuation": 300, "dispatch": 400, "plan_question": 250, "unit_query": 300,
               "unit_status_change": 200, "shelter_query": 220, "place_lookup": 150, "situation": 220, "multi_intent": 450,
               "injection_only": 250, "injection_mixed": 180, "out_of_scope": 250, "help": 150}
_METHOD = {"incident_report": "incident"}


def synthetic_tool_examples(mix: dict[str, int] | None = None, seed: int = 13, zh_share: float = 0.35) -> list[Example]:
    gen = _Gen(seed)
    out: list[Example] = []
    seen: set[str] = set()
    for intent, count in (mix or DEFAULT_MIX).items():
        method = getattr(gen, _METHOD.get(intent, intent))
        tries = 0
        made = 0
        while made < count and tries < count * 5:
            tries += 1
            lang = "zh" if gen.rng.random() < zh_share else "en"
            text, calls = method(lang)
            # every kind gets the same courtesy openers ("请问", "sorry, "): given only to no-tool and harmful messages
            # they taught the adapter that "麻烦派一辆救护车" asks for no tool (review s9)
            text = gen.courteous(lang, text)
            if text in seen:
                continue
            seen.add(text)
            answer = ToolAnswer(refuse=True) if calls == REFUSE else ToolAnswer() if calls == NONE else ToolAnswer(calls=calls)
            out.append(Example("tool", lang, intent, tool_user_message(text), answer.render(), "synthetic"))
            made += 1
    return out


def train_split_examples(repeat: int = 2) -> list[Example]:
    out = []
    for item in load_request_items("train"):
        example = Example("tool", item["lang"], item["category"], tool_user_message(item["text"]), answer_of(item).render(), "train_split")
        out += [example] * repeat
    return out


# --------------------------------------------------------------------------- summaries
_UNIT_LINE = re.compile(r"^([A-Z]{2,4}-[A-Z]{1,3}\d{1,2}) \((\w+), ([^)]+)\): ETA ([\d.]+) min\.$")
_EVAC_LINE = re.compile(r"^(\d+) people from (.+?) \((\w+)\) → (.+?): (\d+) min \((\d+) m\)\.$")


def reference_summary(facts: str, rng: random.Random | None = None) -> str:
    """A short summary made only of the facts' own words and names (the training target)."""
    rng = rng or random.Random(0)
    lines = facts.splitlines()
    get = lambda prefix: next((l[len(prefix):].strip() for l in lines if l.startswith(prefix)), "")  # noqa: E731
    triage, location = get("Triage:"), get("Location:")
    sentences = []
    if triage:
        kind, _, priority = triage.partition(", ")
        kind = kind.replace("_", " ")
        sentences.append(rng.choice([f"{kind.capitalize()} at {location}, {priority}." if location else f"{kind.capitalize()}, {priority}.",
                                     f"{priority} {kind} at {location}." if location else f"{priority} {kind}."]))
    units = [m.groups() for m in (_UNIT_LINE.match(l) for l in lines) if m]
    if units:
        parts = [f"{uid} ({utype}) ETA {eta} min" for uid, utype, _, eta in units[:3]]
        sentences.append(rng.choice(["Dispatch ", "Send "]) + ", ".join(parts) + ".")
    evac = [m.groups() for m in (_EVAC_LINE.match(l) for l in lines) if m]
    area = next((l for l in lines if l.startswith("Hazard area:")), "")
    no_evac = next((l for l in lines if l.startswith("No evacuation indicated")), "")
    if evac:
        n, zone, _, shelter, minutes, _ = evac[0]
        sentences.append(f"Move {n} people from {zone} to {shelter} ({minutes} min).")
    elif no_evac:
        sentences.append(no_evac.split(";")[0].rstrip(".") + ".")
    elif area:
        sentences.append(area)
    return " ".join(sentences[:3])


def summary_examples(path: Path = FACTS_FILE, seed: int = 5) -> list[Example]:
    rng = random.Random(seed)
    out = []
    if not Path(path).exists():
        return out
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        lang = "zh" if re.search(r"[\u4e00-\u9fff]", row["report"]) else "en"
        out.append(Example("summary", lang, "summary", summary_user_message(row["facts"]), reference_summary(row["facts"], rng), "planner"))
    return out


# --------------------------------------------------------------------------- the whole set
def build_examples(seed: int = 13, mix: dict[str, int] | None = None, summaries: bool = True, train_repeat: int = 3) -> list[Example]:
    examples = train_split_examples(train_repeat) + synthetic_tool_examples(mix, seed)
    if summaries:
        examples += summary_examples()
    examples, _ = drop_test_near_duplicates(examples)
    assert_no_test_leak(examples)
    random.Random(seed).shuffle(examples)
    return examples


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _test_near_duplicate(threshold: float):
    from rapidfuzz import fuzz, process

    tests = [_norm(item["text"]) for item in load_request_items("test")]

    def check(text: str):
        return process.extractOne(_norm(text), tests, scorer=fuzz.ratio, score_cutoff=threshold)

    return check


def drop_test_near_duplicates(examples: list[Example], threshold: float = 90.0) -> tuple[list[Example], int]:
    """Drop generated requests that happen to equal or nearly equal a held-out request (short ones can)."""
    check = _test_near_duplicate(threshold)
    kept = [e for e in examples if e.task != "tool" or check(e.prompt) is None]
    return kept, len(examples) - len(kept)


def assert_no_test_leak(examples: list[Example], threshold: float = 90.0) -> None:
    """Raise if any training prompt equals or nearly equals a held-out (test split) request."""
    check = _test_near_duplicate(threshold)
    for example in examples:
        if example.task != "tool":
            continue
        match = check(example.prompt)
        if match is not None:
            raise ValueError(f"training example {example.prompt!r} is too close to a held-out test request ({match[1]:.0f})")


def mix_table(examples: list[Example]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for e in examples:
        row = table.setdefault(f"{e.task}:{e.intent}", {})
        row[f"{e.source}/{e.lang}"] = row.get(f"{e.source}/{e.lang}", 0) + 1
    return dict(sorted(table.items()))


def write_jsonl(examples: list[Example], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for example in examples:
            handle.write(json.dumps(asdict(example), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    import time

    t = time.perf_counter()
    built = build_examples()
    print(f"{len(built)} examples in {time.perf_counter() - t:.1f} s")
    for key, row in mix_table(built).items():
        print(f"{key:32s} {row}")
