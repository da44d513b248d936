"""Incremental ingest and bad input against a real embedded chromadb."""

from __future__ import annotations

import os
from pathlib import Path

from knowledge.ingest import ensure_default_kb, ingest_paths
from knowledge.retriever import Retriever

from .pdf_util import write_text_pdf

GOOD = "# Pump Plan\n\n## 1. Pumps\n\nThe pump crew clears flooded basements in Kaisaniemi.\n"


def _retriever(store, settings):
    return Retriever(store, cache_dir=settings.cache_dir / "bm25", refresh_interval_s=0.0)


def test_incremental_skip_replace_remove(tmp_path: Path, kb_settings, make_store):
    store = make_store(kb_settings)
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "pumps.md").write_text(GOOD, encoding="utf-8")
    (folder / "sirens.md").write_text("# Siren Plan\n\nSirens sound for three minutes before a storm surge.\n", encoding="utf-8")
    write_text_pdf(folder / "ladders.pdf", ["Ladder trucks reach the eighth floor.", "Aerial ladders need 6 m of width."])

    first = ingest_paths([folder], kb_settings, store=store, progress=False)
    assert first.count("added") == 3 and not first.skipped
    retriever = _retriever(store, kb_settings)
    hit = retriever.search("how wide must the street be for an aerial ladder", k=1)[0]
    assert (hit.source, hit.page) == ("ladders.pdf", "2")

    second = ingest_paths([folder], kb_settings, store=store, progress=False)
    assert second.count("unchanged") == 3 and not second.changed

    (folder / "pumps.md").write_text(GOOD + "\n## 2. Fuel\n\nPump fuel is kept at Erottajan paloasema.\n", encoding="utf-8")
    (folder / "sirens.md").unlink()
    third = ingest_paths([folder], kb_settings, store=store, progress=False)
    assert third.count("replaced") == 1 and third.count("removed") == 1 and third.count("unchanged") == 1
    stats = retriever.stats()
    assert stats.documents == 2
    assert retriever.search("pump fuel", k=1)[0].section == "2. Fuel"
    assert all(p.source != "sirens.md" for p in retriever.search("sirens storm surge", k=5))
    # The replaced file keeps exactly its new chunks: no stale duplicates of the old version.
    assert sum(1 for p in retriever.search("pump crew flooded basements", k=10) if p.source == "pumps.md") == 2


def test_bad_inputs_are_skipped_and_nothing_is_lost(tmp_path: Path, kb_settings, make_store):
    kb_settings.kb_max_file_mb = 0.001  # ~1 kB: lets a small file play the "huge file"
    store = make_store(kb_settings)
    good = tmp_path / "good"
    good.mkdir()
    (good / "pumps.md").write_text(GOOD, encoding="utf-8")
    assert ingest_paths([good], kb_settings, store=store, progress=False).count("added") == 1

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")
    (bad / "notes.docx").write_bytes(b"PK\x03\x04")
    (bad / "huge.txt").write_text("flood " * 400, encoding="utf-8")
    (bad / "binary.txt").write_bytes(b"\x00\x01" * 50)
    outside = tmp_path / "secret.md"
    outside.write_text("# Secret\n\nOutside the requested folder.\n", encoding="utf-8")
    os.symlink(outside, bad / "escape.md")
    (bad / "fine.md").write_text("# Fine\n\nSandbags are stored at Senaatintori.\n", encoding="utf-8")

    report = ingest_paths([bad, tmp_path / "missing-folder"], kb_settings, store=store, progress=False)
    reasons = {Path(f.path).name: f.reason for f in report.skipped}
    assert set(reasons) == {"empty.txt", "corrupt.pdf", "notes.docx", "huge.txt", "binary.txt", "escape.md", "missing-folder"}
    assert "empty" in reasons["empty.txt"]
    assert "PDF" in reasons["corrupt.pdf"]
    assert "unsupported" in reasons["notes.docx"]
    assert "limit" in reasons["huge.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "outside" in reasons["escape.md"]
    assert "no such" in reasons["missing-folder"]
    assert report.count("added") == 1

    retriever = _retriever(store, kb_settings)
    assert {d["source"] for d in retriever.documents()} == {"pumps.md", "fine.md"}
    assert retriever.search("pump crew basements", k=1)[0].source == "pumps.md"


def test_ensure_default_kb_is_a_cheap_no_op_once_ingested(plans_kb):
    settings, store, _ = plans_kb  # the session fixture ingested the plans folder once already
    again = ensure_default_kb(settings, store=store)
    assert not again.changed and again.count("unchanged") >= 10 and not again.skipped
    assert again.seconds < 5


def test_the_same_plans_from_a_second_checkout_are_not_indexed_twice(tmp_path: Path, kb_settings, make_store):
    """A second copy of the plan folder (another checkout, a copied install) sharing one data dir must not make every
    passage come back twice: found when a second working copy ingested its plans into the shared index."""
    store = make_store(kb_settings)
    first, second = tmp_path / "checkout-a" / "plans", tmp_path / "checkout-b" / "plans"
    for folder in (first, second):
        folder.mkdir(parents=True)
        (folder / "pumps.md").write_text(GOOD, encoding="utf-8")
    assert ingest_paths([first], kb_settings, store=store, progress=False).count("added") == 1
    again = ingest_paths([second], kb_settings, store=store, progress=False)
    assert again.count("duplicate") == 1 and not again.changed and not again.skipped
    assert "already in the knowledge base" in again.files[0].reason and "checkout-a" in again.files[0].reason
    hits = _retriever(store, kb_settings).search("who clears flooded basements", k=5)
    assert sum("flooded basements" in h.text for h in hits) == 1
    # An edited copy is new text: indexed as its own document.
    (second / "pumps.md").write_text(GOOD + "\n## 2. Fuel\n\nPump fuel is kept at Erottajan paloasema.\n", encoding="utf-8")
    assert ingest_paths([second], kb_settings, store=store, progress=False).count("added") == 1
