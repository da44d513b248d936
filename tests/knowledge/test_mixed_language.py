"""Session 21: a plan file that mixes English and Chinese sections is stored passage by passage in each passage's
language (trial: a bilingual plan was stored as English only, `kb stats` showed zh: 0, and its Chinese section was read
by the English encoder, which does not read Chinese). Real chromadb and real encoders."""

from __future__ import annotations

from pathlib import Path

from knowledge.ingest import ingest_paths
from knowledge.retriever import Retriever

BILINGUAL = """# Harbour Flood Plan / 港口洪水预案

## 1. Activation

The duty officer activates this plan when the sea level at the harbour gauge exceeds 1.2 metres above normal.
Sirens sound for three minutes and the harbour gate is closed by the port authority.

## 2. Evacuation routes

Residents of the waterfront leave by Satamakatu towards the railway station. Ferries stop running.
Buses from the market square take people who cannot walk; the care homes on the shore are emptied first, and the
rescue service checks every ground-floor flat on the quay before the water reaches the doors.

## 2b. Roles

The incident commander sets up a command post at the harbour office. The police close the coastal road at both ends,
the social services open the reception centre at the upper school, and the water utility protects the pumping station
with sandbags. Every hour the commander reports the water level and the number of people evacuated to the city's
emergency management centre, which informs the public by radio, text message and the city website.

## 3. 避难所

海水上涨时，港口居民应前往北区体育馆避难。体育馆可容纳八百人，备有饮用水、毛毯和急救药品。
老人和行动不便者由社区志愿者协助转移，宠物须装入笼内随主人进入。

## 4. 通讯

停电时，居委会使用手摇警报器通知居民，广播电台每小时发布一次水位信息。
"""


def _ingest(tmp_path: Path, kb_settings, make_store, text: str):
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "harbour.md").write_text(text, encoding="utf-8")
    store = make_store(kb_settings)
    report = ingest_paths([docs], kb_settings, store=store, progress=False)
    return store, report, Retriever(store, cache_dir=kb_settings.cache_dir / "bm25", refresh_interval_s=0.0)


def test_each_passage_of_a_bilingual_plan_is_stored_in_its_own_language(tmp_path: Path, kb_settings, make_store):
    _, report, retriever = _ingest(tmp_path, kb_settings, make_store, BILINGUAL)
    assert not report.skipped
    stats = retriever.stats()
    assert stats.documents == 1
    assert stats.by_language["zh"] >= 2 and stats.by_language["en"] >= 2


def test_a_chinese_question_finds_the_chinese_section(tmp_path: Path, kb_settings, make_store):
    _, _, retriever = _ingest(tmp_path, kb_settings, make_store, BILINGUAL)
    for question, section in [("洪水时居民去哪里避难？", "避难所"), ("体育馆能容纳多少人", "避难所"),
                              ("停电后怎样通知居民？", "通讯")]:
        hits = retriever.search(question, k=3)
        assert hits and section in (hits[0].section or ""), (question, [(h.section, h.text[:30]) for h in hits])
    # and an English question still finds the English section
    hits = retriever.search("when is the harbour flood plan activated", k=3)
    assert hits and "Activation" in (hits[0].section or "")


def test_a_changed_bilingual_plan_leaves_no_stale_passage_in_either_language(tmp_path: Path, kb_settings, make_store):
    store, _, _ = _ingest(tmp_path, kb_settings, make_store, BILINGUAL)
    changed = BILINGUAL.replace("八百人", "六百人").replace("three minutes", "five minutes")
    store, report, retriever = _ingest(tmp_path, kb_settings, make_store, changed)
    assert [f.status for f in report.files] == ["replaced"]
    texts = [p.text for p in retriever.search("体育馆可容纳多少人", k=10)] + [p.text for p in retriever.search("sirens sound", k=10)]
    assert any("六百人" in t for t in texts) and any("five minutes" in t for t in texts)
    assert not any("八百人" in t or "three minutes" in t for t in texts)
    assert not store.incomplete()
    unchanged = ingest_paths([tmp_path / "docs"], kb_settings, store=store, progress=False)
    assert [f.status for f in unchanged.files] == ["unchanged"]
