"""Hand-written training data, taxonomy-correct labels, the cue features, the bounded P1 threshold (no model needed)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from core.vocabulary import INCIDENT_TYPES, NOT_INCIDENT, PRIORITIES
from finetune.cues import CUE_NAMES, cue_matrix, life_threat_cues
from finetune.registry import REALISTIC_GLOB, SHIPPED_DATA, TEST_SETS, drop_near_test_copies
from finetune.train import bounded_p1_threshold


def _rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_realistic_files_follow_the_schema_and_the_taxonomy():
    files = sorted(SHIPPED_DATA.parent.glob(REALISTIC_GLOB))
    assert files, "train_v2.jsonl is missing"
    rows = [r for f in files for r in _rows(f)]
    assert len(rows) >= 1000
    for r in rows:
        assert r["incident_type"] in INCIDENT_TYPES and r["priority"] in PRIORITIES and r["text"].strip()
        assert r["language"] in ("en", "zh")
        if r["incident_type"] == NOT_INCIDENT:
            assert r["priority"] == "P4", r["text"]
    zh = sum(r["language"] == "zh" for r in rows)
    assert zh / len(rows) >= 0.15


def test_no_training_row_copies_a_test_item():
    tests = {r["text"] for path in TEST_SETS for r in _rows(path)}
    train = [r["text"] for f in [SHIPPED_DATA, *sorted(SHIPPED_DATA.parent.glob(REALISTIC_GLOB))] for r in _rows(f)]
    assert not tests & set(train)


def test_near_copies_of_test_items_are_dropped():
    some_test_text = _rows(TEST_SETS[0])[0]["text"]
    df = pd.DataFrame({"text": [some_test_text + "!", "Completely unrelated report about a bin fire on Kaivokatu"]})
    kept = drop_near_test_copies(df, "probe")
    assert kept["text"].tolist() == ["Completely unrelated report about a bin fire on Kaivokatu"]


def test_generated_p4_rows_follow_the_taxonomy():
    """Tests, drills, resolved events and questions are not_incident; only real advisories keep a hazard at P4."""
    rows = _rows(SHIPPED_DATA)
    typed_p4 = [r for r in rows if r["priority"] == "P4" and r["incident_type"] != NOT_INCIDENT]
    assert {r["incident_type"] for r in typed_p4} <= {"severe_weather", "utility_outage"}
    assert not any("test" in r["text"].lower() or "found" in r["text"].lower() for r in typed_p4)


def test_life_threat_cues_read_english_and_chinese():
    assert {"trapped"} <= set(life_threat_cues("two people trapped on the 5th floor"))
    assert {"unconscious"} <= set(life_threat_cues("老人晕倒了，叫不醒"))
    assert "armed" in life_threat_cues("man waving a machete at the bus stop")
    assert life_threat_cues("what time does the concert start?") == []
    m = cue_matrix(["smoke in the stairwell and residents still inside", "fire alarm test at noon, please ignore"])
    assert m[0, CUE_NAMES.index("fire_word&people_inside")] == 1 and m[1, CUE_NAMES.index("fire_word&people_inside")] == 0
    assert m[1, CUE_NAMES.index("test_drill")] == 1


def test_ascii_text_finds_the_same_cues_lower_cased_as_with_ignorecase():
    """cue_matrix reads ASCII text lower-cased without IGNORECASE (the cheaper search): the same cues as the
    IGNORECASE patterns on the text as written, on the shipped training reports and on shouted, mixed-case text."""
    from finetune.cues import _COMPILED, _resolved_span, without_links

    texts = [r["text"] for f in sorted(SHIPPED_DATA.parent.glob(REALISTIC_GLOB)) for r in _rows(f)]
    texts = [t for t in texts if t.isascii()][:1500]
    texts += ["FIRE ON THE 3RD FLOOR, KIDS STILL INSIDE!!", "Man With A KNIFE At The Bus Stop", "CO alarm going off",
              "co detector beeping", "Boulder, CO: roads closed", "Is Anyone Hurt?", "TEST of the SIREN", "HELP"]
    assert len(texts) > 500
    expected = np.zeros((len(texts), len(CUE_NAMES)), dtype=np.float32)
    for i, text in enumerate(texts):
        bare = without_links(text)
        hits = {name for name, rx in _COMPILED.items() if name != "resolved" and rx.search(bare)}
        hits |= {"resolved"} if _resolved_span(bare) is not None else set()  # the contrast rule reads as written
        for name in hits:
            expected[i, CUE_NAMES.index(name)] = 1.0
    got = cue_matrix(texts)
    singles = [j for j, name in enumerate(CUE_NAMES) if "&" not in name]
    np.testing.assert_array_equal(got[:, singles], expected[:, singles])
    assert got[:, singles].sum() > 500  # the texts do show cues


def test_bounded_p1_threshold_respects_the_over_triage_bound():
    rng = np.random.default_rng(0)
    truth = np.array([0] * 40 + [1] * 60)  # 0 = P1
    p1 = np.concatenate([rng.uniform(0.2, 0.9, 40), rng.uniform(0.0, 0.5, 60)])
    prio = np.column_stack([p1, 1 - p1, np.zeros(100), np.zeros(100)])
    t, recall, over = bounded_p1_threshold(prio, truth, list(PRIORITIES), 0.95, 0.10)
    assert t is not None and over <= 0.10
    pred = (prio.argmax(1) == 0) | (prio[:, 0] >= t)
    assert recall == pred[truth == 0].mean() and over == pred[truth != 0].mean()
    assert bounded_p1_threshold(prio, truth, list(PRIORITIES), 0.95, 1.0)[1] >= 0.95  # no bound: target reached


def test_second_round_hand_written_set_is_read_by_the_default_training():
    """train_v3.jsonl (issue 10, second round) belongs to the hand-written group the default model trains on."""
    names = [p.name for p in sorted(SHIPPED_DATA.parent.glob(REALISTIC_GLOB))]
    assert "train_v3.jsonl" in names and "train_v2.jsonl" in names
    rows = _rows(SHIPPED_DATA.parent / "train_v3.jsonl")
    assert len(rows) >= 600
    assert sum(r["language"] == "zh" for r in rows) / len(rows) >= 0.25
    assert sum(r["priority"] == "P1" for r in rows) >= 200


def test_batch_builder_refuses_a_report_already_in_another_hand_written_set(tmp_path):
    import pytest

    from finetune.data.build_v2 import HERE, other_sets, read_batches

    existing = _rows(SHIPPED_DATA.parent / "train_v2.jsonl")[0]["text"]
    (tmp_path / "01.txt").write_text(f"fire|P2||staff_note|Bin fire behind the Kaisaniemi kiosk, out now\nmedical|P1||x|{existing}\n",
                                     encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate"):
        read_batches(tmp_path, other_sets(HERE / "train_v9.jsonl"))
    (tmp_path / "01.txt").write_text("fire|P2||staff_note|Bin fire behind the Kaisaniemi kiosk, out now\n", encoding="utf-8")
    assert [r["incident_type"] for r in read_batches(tmp_path, other_sets(HERE / "train_v9.jsonl"))] == ["fire"]


def test_the_gas_cue_reads_co_as_carbon_monoxide_only():
    from finetune.cues import cue_match

    gas = CUE_NAMES.index("gas_word")
    for text in ("CO alarm going off, family feels dizzy", "high CO in the flat", "co detector beeping in the hallway",
                 "the co levels read 300 ppm", "carbon monoxide poisoning suspected", "一氧化碳中毒", "CO中毒，两人头晕",
                 "häkävaroitin piippaa", "kolmonoxidlarmet går",
                 # Finnish and Swedish hyphenate the detector after the symbol
                 "CO-hälytys soi keittiössä", "CO-varoitin piippaa", "CO-larmet piper i hallen"):
        assert cue_matrix([text])[0, gas] == 1.0, text
    for text in ("Plants down, no power http://t.co/Kt0AFg2O", "my co-worker fell off the ladder",
                 "Road closed in Harris Co. this morning", "Boulder, CO: roads closed", "#CO wildfire photos",
                 "CO2 extinguisher used on the bin", "Acme Co reports staff safe", "Kallion CO-op kauppa suljettu"):
        assert cue_matrix([text])[0, gas] == 0.0, text
    # a link's words are no cue of any kind (a news slug naming a fire), and cue_match does not read them either
    assert cue_matrix(["photos here https://news.example/fire-trapped-people"]).sum() == 0
    assert cue_match("fire_word", "see www.example.com/fire") is None



# (cue, text, whether the cue must fire): a bulletin states the same evidence in the third person and the past tense
NEWS_VOICE = [
    ("resolved", "Power restored to all customers in Kallio, Helen says", True),
    ("resolved", "UPDATE: warehouse fire extinguished overnight", True),
    ("resolved", "Police: missing man found safe in Pasila", True),
    ("resolved", "FMI lifts its gale warning for the coast", True),
    ("resolved", "Five years since the Kokkola flood, residents remember", True),
    ("resolved", "仓库火灾已于凌晨扑灭", True),
    ("no_harm", "No one was hurt, police said", True),
    ("no_harm", "No injuries were reported", True),
    ("no_harm", "暂无人员受伤报告", True),
    ("evacuate", "Residents told to stay indoors and close windows", True),
    ("evacuate", "当局要求附近居民留在室内、关闭门窗", True),
    ("trapped", "Families stranded on roofs as the river bursts its banks", True),
    ("children_elderly", "一名7岁男孩在海滩附近走失", True),
    ("figurative", "Minister faces firestorm over leak", True),
    # what must NOT read as over, or as violence
    ("resolved", "Crews lifted the tram off the trapped cyclist", False),
    ("resolved", "Water supply expected to be restored by 18:00", False),
    ("attack", "Crews still fighting the blaze in Kallio", False),
    ("attack", "Two men fighting outside the bar, one has a knife", True),
    # an event still going on: its "over" word negated, or a place's name that only looks like one
    ("resolved", "The fire has not been extinguished, three people still on the fourth floor", False),
    ("resolved", "The blaze isn't extinguished yet", False),
    ("resolved", "Flood water is back up to the first floor, we are upstairs", False),
    ("resolved", "Smoke pouring out of Memorial Hospital's east wing", False),
    ("resolved", "小女孩还没被找到，天快黑了", False),
    ("resolved", "走失的老人仍未被找到", False),
    ("resolved", "大雨预警尚未解除，河水还在上涨", False),
    ("resolved", "火势已蔓延但未扑灭，楼上还有人", False),
    ("resolved", "区法院大楼二层起火，有人被困", False),
    ("resolved", "The memorial service for the crash victims is on Sunday", True),
    ("resolved", "Tram service is back up and running", True),
    ("resolved", "失踪男孩已被找到，身体无碍", True),
    ("resolved", "暴雨预警已经解除", True),
    # an "over" word with a later contrast saying something still (or again) goes on: the report stays live
    ("resolved", "Flood warning lifted upstream, but the lower village is still under water", False),
    ("resolved", "The all clear was given at noon; however the chlorine smell has come back", False),
    ("resolved", "One blaze is out, but a second one is still spreading towards the houses", False),
    ("resolved", "北区停电已恢复，但南区仍有两千户没电", False),
    ("resolved", "一处火点已扑灭，可是另一处还在燃烧", False),
    # a contrast with nothing continuing, or a negation that is no danger, keeps it over
    ("resolved", "The fire was extinguished, but the street stays closed for the investigation", True),
    ("resolved", "火已扑灭，但未造成人员伤亡", True),
    # news words for a shooter, and people still in a burning building said the Chinese way
    ("armed", "UPDATE: gunman opened fire on diners at a Turku restaurant", True),
    ("armed", "Gunfire heard near the station, a shooter is on the loose", True),
    ("armed", "We sat by the open fire in the cabin all evening", False),
    ("people_inside", "公寓起火，五楼还有人没出来", True),
]


@pytest.mark.parametrize("cue,text,fires", NEWS_VOICE)
def test_cues_read_news_and_bulletin_voice(cue, text, fires):
    assert bool(cue_matrix([text])[0, CUE_NAMES.index(cue)]) is fires
