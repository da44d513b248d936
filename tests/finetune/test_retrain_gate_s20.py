"""s20 trial: retraining "as the README says" on a 40-row file silently replaced the production triage model
(validation macro-F1 0.00, "now current"); an unknown label pointed at --infer-labels instead of the row; a duplicate
row, a stray CSV quote and "not breathing" labelled not_incident/P4 were trained on silently.

The real `eca train` (ui.cli.main) trains a real model on a small file next to a CURRENT quick model; the new model is
scored beside the current one and is not made current; the rollback / use-anyway commands are printed and work.
"""

from __future__ import annotations

import json
import shutil
from argparse import Namespace
from pathlib import Path

import pandas as pd
import pytest

from finetune.current import CURRENT_FILE, mark_current
from ui.cli import main

# A small night-shift file in the trial's spirit (own words): English, Chinese and Finnish place names, one exact
# duplicate (spacing and case differ), one stray quote, one life-threat report labelled not_incident/P4.
ROWS = [
    ("Tree down across the tram line on Runeberginkatu, a car is crushed and the driver cannot get out", "traffic_accident", "P1"),
    ("Power cut in the whole block at Fredrikinkatu 30, lift stuck with two people inside", "utility_outage", "P2"),
    ("Old woman on home oxygen at Museokatu 9, the machine stopped when the power went, she is gasping", "medical", "P1"),
    ("Sheet metal from a roof lying in the street at Annankatu 12, nobody hurt", "severe_weather", "P3"),
    ("Underground garage at Kamppi filling with water, someone went down to move his car", "flood", "P1"),
    ("Family running a petrol generator indoors at Sturenkatu 9, all dizzy and sick", "hazmat", "P1"),
    ("Traffic lights dark at the Hietalahti junction after the storm", "utility_outage", "P3"),
    ("Cracking noises from the snow-loaded roof of the sports hall at Toivonkatu 2", "earthquake_collapse", "P2"),
    ("Man slipped on ice at Kluuvikatu and hit his head, bleeding a little, confused", "medical", "P2"),
    ("Is the storm warning still valid for tonight?", "not_incident", "P4"),
    ("Radio check from unit 4, please ignore", "not_incident", "P4"),
    ("Wind smashed a shop window at Aleksanterinkatu 21, glass on the pavement", "severe_weather", "P3"),
    ("Car slid into the bus shelter at Simonkatu, two people lying on the ground", "traffic_accident", "P1"),
    ("Water coming through the ceiling at the metro entrance in Kaisaniemi", "flood", "P3"),
    ("Smoke smell in the stairwell after the power came back at Eerikinkatu 30", "fire", "P2"),
    ("Boy missing since the school bus was cancelled, last seen at Itäkeskus", "missing_person", "P1"),
    ("暴风雪把大树刮倒在电车轨道上，压住一辆小汽车，司机出不来", "traffic_accident", "P1"),
    ("停电了，Fredrikinkatu 30 号电梯卡住，里面有两个人", "utility_outage", "P2"),
    ("我外婆用制氧机，停电后她喘不上气，地址 Museokatu 9", "medical", "P1"),
    ("大风把屋顶铁皮吹到 Annankatu 上，没人受伤", "severe_weather", "P3"),
    ("Kamppi 地下车库进水，有人下去挪车", "flood", "P1"),
    ("有人在屋里开发电机，全家头晕恶心，Sturenkatu 9", "hazmat", "P1"),
    ("请问今晚的暴风雪警报还有效吗", "not_incident", "P4"),
    ("老人在 Kluuvikatu 冰上摔倒，头部流血", "medical", "P2"),
    ("这是一条测试消息", "not_incident", "P4"),
    ("Aleksanterinkatu 的商店橱窗被风吹碎了", "severe_weather", "P3"),
    ("Tree on a power line at Mechelininkatu, sparks and a small fire in the branches", "fire", "P1"),
    ("No heating after the power cut, newborn at home, flat getting very cold, Töölönkatu 12", "medical", "P1"),
    ("Fallen tree blocking Eteläesplanadi, no cars involved", "severe_weather", "P3"),
    ("Snowplough scraped a parked car on Bulevardi, nobody inside", "traffic_accident", "P4"),
    ("Woman collapsed outside the Central Station, she is not breathing", "not_incident", "P4"),  # bad label
    ("tree down across the tram line on Runeberginkatu,  a car is crushed and the driver cannot get out", "traffic_accident", "P1"),  # duplicate
    ("Ice storm cut the power to the whole of Punavuori", "utility_outage", "P2"),
    ("Water main burst on Hämeentie, \"the road is icing over", "flood", "P3"),  # malformed quoting: a stray quote
    ("Generator exhaust drifting into the stairwell at Vironkatu 5, fumes", "hazmat", "P2"),
    ("中央车站有人倒地，没有呼吸", "medical", "P1"),
    ("Scaffolding torn loose by the wind at Erottaja 2, hanging over the pavement", "earthquake_collapse", "P2"),
    ("Kid stuck in a snowdrift in the park at Kaivopuisto, parents digging", "missing_person", "P2"),
    ("Bus sliding backwards down the hill at Tehtaankatu, passengers scared", "traffic_accident", "P2"),
    ("Flat fire at Vaasankatu 8, flames from the window", "fire", "P1"),
]


def _write_csv(path: Path, rows, blank_after: int | None = None) -> Path:
    lines = ["text,incident_type,priority"]
    for i, (text, label, prio) in enumerate(rows):
        lines.append(f'"{text}",{label},{prio}')  # a '"' inside a text makes the trial's malformed row
        if blank_after is not None and i == blank_after:
            lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def retrained(quick_model_dir, tmp_path_factory):
    """`eca train` on the small file, with the quick model as CURRENT: (root, old version, new version, rc, out, err)."""
    import contextlib
    import io

    root = tmp_path_factory.mktemp("retrain") / "models"
    root.mkdir()
    old = quick_model_dir.name
    shutil.copytree(quick_model_dir, root / old)
    mark_current(root, old)
    data = _write_csv(root.parent / "night_reports.csv", ROWS, blank_after=9)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(["train", "--data", str(data), "--epochs", "1", "--max-length", "32", "--out", str(root)])
    (new,) = [p.name for p in root.iterdir() if p.is_dir() and p.name != old]
    return root, old, new, rc, out.getvalue(), err.getvalue()


def test_a_retrain_on_a_tiny_file_is_scored_beside_the_current_model_and_not_made_current(retrained):
    root, old, new, rc, out, err = retrained
    assert (root / CURRENT_FILE).read_text().strip() == old, "the worse model replaced the current one"
    assert rc == 1, out[-2000:]
    # both models' figures, on the file's own validation rows and on the current model's (shipped) validation rows
    assert f"current = {old}, new = {new}" in out
    for set_name in ("new model's validation split", "current model's validation split"):
        rows = [line for line in out.splitlines() if line.startswith(set_name)]
        assert any("type macro_f1" in line for line in rows) and any("p1_recall" in line for line in rows), out[-3000:]
    assert "NOT made current" in out
    assert f"eca use-model {new} --models-dir {root}" in out  # the exact command to take it anyway
    assert "--with-shipped" in out
    # tiny data warned with its number (40 rows, one a duplicate)
    assert "only 39 usable rows in night_reports.csv" in err


def test_use_model_switches_and_rolls_back(retrained, capsys):
    root, old, new, *_ = retrained
    try:
        assert main(["use-model", new, "--models-dir", str(root)]) == 0
        assert (root / CURRENT_FILE).read_text().strip() == new
        assert f"to switch back: eca use-model {old} --models-dir {root}" in capsys.readouterr().out
        assert main(["use-model", "--models-dir", str(root)]) == 0
        listing = capsys.readouterr().out.splitlines()
        assert f"* {new}" in listing and f"  {old}" in listing
        assert main(["use-model", "triage-nonexistent", "--models-dir", str(root)]) == 2
        assert old in capsys.readouterr().err  # the unknown version's error lists the available ones
    finally:
        mark_current(root, old)


def test_force_makes_a_worse_model_current_and_prints_the_rollback(retrained, capsys):
    from finetune.cli import _promote_or_keep
    from finetune.retrain import compare_with_current

    root, old, new, *_ = retrained
    gate = compare_with_current(root / new, root / old, n_file_rows=len(ROWS))
    assert not gate.not_worse and gate.drops
    try:
        assert _promote_or_keep(Namespace(force=True, out=root), root, gate) == 0
        assert (root / CURRENT_FILE).read_text().strip() == new
        out = capsys.readouterr().out
        assert "because of --force, although it is worse" in out
        assert f"to roll back to the previous model: eca use-model {old} --models-dir {root}" in out
    finally:
        mark_current(root, old)


def test_a_model_no_worse_than_the_current_one_is_made_current(quick_model_dir, tmp_path, capsys):
    """The other side of the gate: the same model scores the same, and with no current model there is nothing to lose."""
    from finetune.cli import _promote_or_keep
    from finetune.retrain import compare_with_current

    root = tmp_path / "models"
    root.mkdir()
    shutil.copytree(quick_model_dir, root / "triage-a")
    shutil.copytree(quick_model_dir, root / "triage-b")
    mark_current(root, "triage-a")
    gate = compare_with_current(root / "triage-b", root / "triage-a", n_file_rows=100)
    assert gate.not_worse and gate.sets and not gate.drops
    assert _promote_or_keep(Namespace(force=False, out=None), root, gate) == 0
    assert (root / CURRENT_FILE).read_text().strip() == "triage-b"
    assert "eca use-model triage-a" in capsys.readouterr().out
    first = compare_with_current(root / "triage-a", None, n_file_rows=100)
    assert first.not_worse and first.current_version is None


def test_with_shipped_trains_on_the_union_of_the_shipped_data_and_the_new_file(tmp_path):
    from finetune.dataset import read_table
    from finetune.registry import REALISTIC_DATA, default_spec, default_training_data
    from finetune.retrain import with_shipped_data

    df = read_table(_write_csv(tmp_path / "new.csv", ROWS[:10] + [("   ", "medical", "P2")]))
    shipped = default_training_data()
    union = with_shipped_data(df, default_spec())
    assert len(union) == len(shipped) + 10  # the blank row is left out, every new report is in
    assert union.texts[-10:] == [r[0] for r in ROWS[:10]]
    assert set(union.groups[-10:]) == {REALISTIC_DATA.stem}  # weighted and calibrated like the hand-written rows


def test_with_shipped_refuses_a_custom_taxonomy(tmp_path, capsys):
    data = _write_csv(tmp_path / "new.csv", ROWS[:10])
    assert main(["train", "--data", str(data), "--with-shipped", "--infer-labels", "--out", str(tmp_path / "m")]) == 2
    assert "project taxonomy" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


# --- M7: an unknown label names the file, the line and the text, and says fix or drop -----------------------------

@pytest.mark.parametrize("suffix, bad_row, label_col, bad_value, line", [
    ("csv", ("Blizzard closed the ring road at Pasila", "blizzard", "P2"), "incident_type", "blizzard", 13),
    ("csv", ("暴风雪封住了 Pasila 的环路", "暴风雪", "P2"), "incident_type", "暴风雪", 13),
    ("jsonl", ("Lumimyrsky: snowstorm blocked the road at Malmi", "snowstorm", "P3"), "incident_type", "snowstorm", 12),
    ("csv", ("Tree fell on a parked car at Pasila, nobody inside", "traffic_accident", "P5"), "priority", "P5", 13),
])
def test_an_unknown_label_names_the_file_and_line_and_says_fix_or_drop(tmp_path, capsys, suffix, bad_row, label_col,
                                                                      bad_value, line):
    rows = ROWS[:10] + [bad_row] + ROWS[10:14]
    if suffix == "csv":  # a blank line after row 10: the file line is not the row number
        data = _write_csv(tmp_path / "night.csv", rows, blank_after=9)
    else:
        data = tmp_path / "night.jsonl"
        body = [json.dumps({"text": t, "incident_type": lab, "priority": p}, ensure_ascii=False) for t, lab, p in rows]
        data.write_text("\n".join(body[:10] + [""] + body[10:]) + "\n", encoding="utf-8")
    assert main(["train", "--data", str(data), "--out", str(tmp_path / "m")]) == 2
    err = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("error:")]
    assert len(err) == 1, err
    msg = err[0]
    assert data.name in msg and f"line {line}" in msg and bad_row[0][:30] in msg and repr(bad_value) in msg
    assert "drop the row" in msg and label_col in msg
    assert "use --infer-labels" not in msg
    if label_col == "incident_type":  # named only as what it is
        assert "--infer-labels is something else: it replaces the project taxonomy" in msg


# --- L1: duplicates, contradicting labels, stray quotes --------------------------------------------------------------

def test_data_checks_drop_duplicates_and_list_labels_that_contradict_life_threat_words(tmp_path):
    from finetune.data_checks import check_rows
    from finetune.dataset import read_table
    from finetune.registry import default_spec

    rows = ROWS + [
        ("中央车站有人倒地，没有呼吸", "medical", "P1"),  # a Chinese exact duplicate
        ("孩子叫不醒，家里开着发电机", "hazmat", "P4"),  # unrousable child at P4
        ("Two people trapped under the collapsed carport at Pakila", "not_incident", "P4"),
        ("Drill at the airport: casualty not breathing, exercise only", "not_incident", "P4"),  # a drill: fine
        ("Man at Kamppi not breathing, CPR started", "medical", "P1"),  # right label: fine
    ]
    df = read_table(_write_csv(tmp_path / "night.csv", rows))
    check = check_rows(df, default_spec())
    assert len(check.df) == len(rows) - 2
    assert len(check.duplicates) == 2 and any("line 33 repeats line 2" in d for d in check.duplicates)
    flagged = "\n".join(check.contradictions)
    assert "line 32" in flagged and "not breathing" in flagged  # "Woman collapsed ... not breathing" not_incident/P4
    assert "叫不醒" in flagged and "trapped" in flagged
    assert "Drill at the airport" not in flagged and "CPR started" not in flagged
    assert len(check.contradictions) == 3
    assert any("exact duplicate" in w for w in check.warnings())


@pytest.mark.parametrize("raw, clean", [
    ('Water main burst on Hämeentie, the road is icing over"', "Water main burst on Hämeentie, the road is icing over"),
    ('"Lift stuck at Stockmann', "Lift stuck at Stockmann"),
    ('He shouted "help" from the balcony', 'He shouted "help" from the balcony'),  # paired quotes stay
])
def test_a_stray_quote_is_not_trained_on(raw, clean):
    from finetune.dataset import prepare
    from finetune.registry import default_spec

    df = pd.DataFrame({"text": [raw, "Flat fire at Vaasankatu 8"], "incident_type": ["flood", "fire"],
                       "priority": ["P3", "P1"], "secondary_type": ["", ""]})
    assert prepare(df, default_spec()).texts[0] == clean


def test_the_trial_csv_with_a_stray_quote_reads_without_it(tmp_path):
    from finetune.dataset import LabelSpec, prepare, read_table

    df = read_table(_write_csv(tmp_path / "night.csv", ROWS))
    texts = prepare(df, LabelSpec(text_col="text", label_col="incident_type", priority_col="priority")).texts
    assert "Water main burst on Hämeentie, the road is icing over" in texts
    assert not any(t.endswith('"') for t in texts)
