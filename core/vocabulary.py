"""The triage taxonomy: the ONE place where incident types and priorities are defined.

Every label carries a definition and examples; ``render_markdown()`` turns this
module into ``finetune/TAXONOMY.md`` so the documentation cannot drift from code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    name: str
    definition: str
    examples: tuple[str, ...]


INCIDENT_TYPES: tuple[str, ...] = (
    "fire", "flood", "earthquake_collapse", "traffic_accident", "hazmat",
    "medical", "public_health", "public_security", "utility_outage", "severe_weather",
    "missing_person", "not_incident",
)
PRIORITIES: tuple[str, ...] = ("P1", "P2", "P3", "P4")  # P1 = immediate threat to life

NOT_INCIDENT = "not_incident"

TYPE_LABELS: dict[str, Label] = {
    label.name: label
    for label in (
        Label("fire", "Uncontrolled fire or smoke: buildings, vehicles, vegetation, fire alarms with visible smoke.",
              ("Smoke pouring from 3rd floor window Mikonkatu 4, people on balcony",
               "朝阳区建国路一栋居民楼起火，浓烟很大")),
        Label("flood", "Water where it endangers people or property: river/sea flooding, burst mains flooding streets, flooded basements, storm surge.",
              ("Water rising fast in the Kaivokatu underpass, car stuck with driver inside",
               "武汉江汉路地下通道积水一米深")),
        Label("earthquake_collapse", "Earthquake effects or structural failure: collapsed building, balcony, scaffold, bridge or roof; people trapped under debris.",
              ("Scaffolding collapsed on Fabianinkatu, two workers under it",
               "成都青羊区一栋老楼部分倒塌，有人被困")),
        Label("traffic_accident", "Collisions or derailments of road, rail or tram vehicles, vehicles hitting pedestrians or cyclists.",
              ("Tram 2 hit a cyclist at Aleksanterinkatu/Unioninkatu, cyclist not moving",
               "南京路和西藏路口两车相撞，一人受伤")),
        Label("hazmat", "Release or threat of dangerous substances: gas leak, chemical spill, toxic smoke, radiation, suspicious powder.",
              ("Strong gas smell in stairwell at Yliopistonkatu 7, residents dizzy",
               "化工厂储罐泄漏，有刺鼻气味")),
        Label("medical", "One or a few people needing urgent medical care not caused by another listed hazard: cardiac arrest, stroke, overdose, fall, childbirth.",
              ("Man collapsed at Kluuvikatu bus stop, not breathing",
               "老人在地铁站晕倒，没有意识")),
        Label("public_health", "Illness affecting a group or population: food poisoning cluster, outbreak, contaminated drinking water, heat illness cluster.",
              ("Twelve kids vomiting after school lunch at the Kaisaniemi school",
               "某公司食堂多人腹泻呕吐，疑似食物中毒")),
        Label("public_security", "Violence or threat to public order: assault, armed person, stabbing, shooting, riot, bomb threat, attack.",
              ("Man with a knife threatening people on Esplanadi",
               "商场内有人持刀伤人")),
        Label("utility_outage", "Loss of power, water, heating, telecom or emergency-number service, without another hazard being the main issue.",
              ("Power out in the whole Kluuvi block, traffic lights dark",
               "小区全面停水停电")),
        Label("severe_weather", "Dangerous weather and its direct effects: storm, fallen trees, lightning, heavy snow, ice, heatwave or cold warnings.",
              ("Storm knocked a tree onto Pohjoisesplanadi, branches across both lanes",
               "台风橙色预警，阵风12级")),
        Label("missing_person", "A person missing or needing search and rescue: lost child, wandering dementia patient, person overboard, lost hiker.",
              ("6-year-old boy lost at the market square, red jacket",
               "一名患阿尔茨海默症的老人走失")),
        Label("not_incident", "Not an emergency: questions, tests, duplicates, chit-chat, misdials, general information, resolved events.",
              ("What time does the Esplanadi concert start?",
               "请问明天图书馆开门吗")),
    )
}

PRIORITY_LABELS: dict[str, Label] = {
    label.name: label
    for label in (
        Label("P1", "Immediate threat to life: someone trapped, unconscious, not breathing, armed attack, spreading fire with people inside. Dispatch now.",
              ("Fire, 4th floor, child trapped", "有人被困在倒塌的楼里")),
        Label("P2", "Serious but not immediately life-threatening, or could become P1 soon: injuries, active hazard near people, escalating situation.",
              ("Car crash, driver bleeding from the head but talking", "煤气泄漏，居民已撤离")),
        Label("P3", "Needs a response but no threat to life: property damage, minor injuries, outages, contained hazards.",
              ("Flooded basement, no one inside", "路灯停电")),
        Label("P4", "No response needed or information only: non-incidents, resolved events, advisories.",
              ("Test alarm at 12:00 as scheduled", "火已经扑灭了，谢谢")),
    )
}

assert tuple(TYPE_LABELS) == INCIDENT_TYPES and tuple(PRIORITY_LABELS) == PRIORITIES


def cluster_label(types: Mapping[str, int]) -> str:
    """A cluster's one label, the rule every reader of it uses (the cluster table, its alerts, the sitrep: trial s19 M9
    showed one crush as traffic_accident, medical and public_security): the real type (not not_incident) most of its
    reports carry; a tie goes to the type reported first (``types`` counts in the order its types were first seen), so
    adding a report of another type never flips the label until that type outnumbers it.  Only not_incident reports:
    not_incident."""
    best, most = NOT_INCIDENT, 0
    for name, n in types.items():
        if name and name != NOT_INCIDENT and n > most:
            best, most = name, n
    return best


def priority_rank(priority: str) -> int:
    """A priority label as a number to compare: "P1" -> 1 (most urgent) ... "P4" -> 4; anything else ranks as the
    least urgent, 4 (an unknown label must never outrank a real P1)."""
    return PRIORITIES.index(priority) + 1 if priority in PRIORITIES else len(PRIORITIES)


def render_markdown() -> str:
    """The taxonomy as markdown (written to finetune/TAXONOMY.md)."""
    lines = ["# Triage taxonomy", "", "Generated from `core/vocabulary.py` (the one source of labels).", "",
             "## Incident types", ""]
    for label in TYPE_LABELS.values():
        lines.append(f"- **{label.name}**: {label.definition}")
        lines.extend(f"  - e.g. “{example}”" for example in label.examples)
    lines += ["", "## Priorities", ""]
    for label in PRIORITY_LABELS.values():
        lines.append(f"- **{label.name}**: {label.definition}")
        lines.extend(f"  - e.g. “{example}”" for example in label.examples)
    return "\n".join(lines) + "\n"


# Who read a report whose language the triage encoder was not trained on (finetune.fallback; shown in plans and the UI).
READ_BY_FALLBACK = "multilingual fallback"
