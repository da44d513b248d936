"""kill -9 in the middle of an ingest never leaves a partial document visible, and the next ingest repairs it.

Real processes: `eca kb ingest` runs as a subprocess writing to a real embedded chromadb and is killed with SIGKILL
while it writes (small write batches, so the write phase spans many chromadb calls as a large document does).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from chromadb.api.client import SharedSystemClient

from core.settings import Settings
from knowledge.chunking import chunk_document
from knowledge.ingest import ingest_paths
from knowledge.loaders import read_document
from knowledge.retriever import Retriever
from knowledge.store import KBStore, make_client

ROOT = Path(__file__).resolve().parents[2]


def _long_plan(path: Path, sections: int = 40) -> Path:
    words = ("shelter", "evacuation", "route", "capacity", "warden", "assembly", "registration", "transport",
             "accessible", "volunteers", "supplies", "blankets", "generator", "water", "medical", "triage")
    rng = random.Random(7)
    lines = ["# Annex Z - Long test procedure", ""]
    for s in range(sections):
        lines += [f"## {s + 1}. Procedure step {s + 1}", ""]
        for _ in range(4):
            lines.append(" ".join(rng.choice(words) for _ in range(60)) + ".")
            lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _fresh_store(settings: Settings, encoders) -> KBStore:
    """A store opened as a new process would open it (chromadb caches one system per path in a process)."""
    SharedSystemClient.clear_system_cache()
    return KBStore(make_client(settings), settings.kb_collection, encoders)


def _kill_while_writing(doc: Path, data_dir: Path, delay_s: float) -> bool:
    """Start `eca kb ingest doc`, SIGKILL it `delay_s` after it starts writing chunks; True if it was killed."""
    env = {**os.environ, "ECA_DATA_DIR": str(data_dir), "ECA_KB_WRITE_BATCH": "4", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "ui.cli", "--log-level", "DEBUG", "kb", "ingest", str(doc)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    try:
        for line in proc.stderr:  # type: ignore[union-attr]
            if "writing" in line and "chunks in batches" in line:
                time.sleep(delay_s)
                break
            if time.monotonic() > deadline:
                break
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            return True
        return False
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)


@pytest.mark.slow
def test_kill_during_ingest_never_shows_a_partial_document_and_the_next_ingest_repairs_it(tmp_path: Path, encoders):
    doc = _long_plan(tmp_path / "annex_z.md")
    expected = len(chunk_document(read_document(doc), 900, 150))
    assert expected >= 40
    settings = Settings(data_dir=tmp_path / "data")
    killed = 0
    for delay in (0.0, 0.4):
        killed += _kill_while_writing(doc, settings.data_dir, delay)
        store = _fresh_store(settings, encoders)
        visible = {row["path"]: row["chunks"] for row in Retriever(store, refresh_interval_s=0.0).documents()}
        # Either the document is not visible at all, or it is whole: never a part of it.
        assert visible.get(str(doc.resolve()), expected) == expected, visible
    assert killed >= 1, "the ingest finished before it could be killed; the test proved nothing"

    store = _fresh_store(settings, encoders)
    stats_before = Retriever(store, refresh_interval_s=0.0).stats()
    report = ingest_paths([doc], settings, store=store, progress=False)
    assert report.files[0].status in ("added", "replaced", "unchanged"), report.files
    stats = Retriever(store, refresh_interval_s=0.0).stats()
    assert stats.incomplete == []
    assert stats.chunks == expected and stats.documents == 1
    if str(doc.resolve()) in stats_before.incomplete:
        assert report.files[0].status != "unchanged"  # an interrupted version is redone, not taken as unchanged


def test_interrupted_version_is_invisible_reported_and_redone(tmp_path: Path, kb_settings, make_store):
    """The state a crash leaves (chunks written, version not committed), reached through the store's own writes."""
    doc = _long_plan(tmp_path / "annex_y.md", sections=6)
    store = make_store(kb_settings)
    first = ingest_paths([doc], kb_settings, store=store, progress=False)
    assert first.files[0].status == "added"
    total = first.files[0].chunks
    key = str(doc.resolve())
    store.uncommit(key)  # what a crash between the last chunk write and the commit leaves behind
    store.mark_changed()
    retriever = Retriever(store, refresh_interval_s=0.0)
    assert retriever.stats().incomplete == [key]
    assert retriever.documents() == []
    again = ingest_paths([doc], kb_settings, store=store, progress=False)
    assert again.files[0].status == "replaced"
    stats = Retriever(store, refresh_interval_s=0.0).stats()
    assert stats.incomplete == [] and stats.chunks == total


def test_symlink_named_on_the_command_line_is_not_followed_outside_its_folder(tmp_path: Path, kb_settings, make_store):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.md"
    secret.write_text("# Secret\n\nnot for the knowledge base\n", encoding="utf-8")
    folder = tmp_path / "plans"
    folder.mkdir()
    link = folder / "plan.md"
    link.symlink_to(secret)
    store = make_store(kb_settings)
    report = ingest_paths([link], kb_settings, store=store, progress=False)
    assert report.files[0].status == "skipped" and "outside" in report.files[0].reason
    assert store.files() == {}
    allowed = ingest_paths([link], kb_settings, store=store, progress=False, allow_links_outside=True)
    assert allowed.files[0].status == "added"
