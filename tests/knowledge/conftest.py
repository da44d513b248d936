"""Shared fixtures: one set of encoders per session (loading MiniLM is the slow part)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.settings import PROJECT_ROOT, Settings
from knowledge.embeddings import EncoderSet
from knowledge.ingest import ingest_paths
from knowledge.retriever import Retriever
from knowledge.store import KBStore, make_client

PLANS_DIR = PROJECT_ROOT / "knowledge" / "plans"


@pytest.fixture(scope="session")
def encoders() -> EncoderSet:
    return EncoderSet()


@pytest.fixture
def kb_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", kb_plans_dir=PLANS_DIR)


@pytest.fixture
def make_store(encoders: EncoderSet):
    def _make(settings: Settings) -> KBStore:
        return KBStore(make_client(settings), settings.kb_collection, encoders)

    return _make


@pytest.fixture(scope="session")
def plans_kb(tmp_path_factory, encoders: EncoderSet, shared_dir: Path):
    """The shipped plans plus two real Chinese laws, ingested once for the retrieval tests."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("plans-kb"), kb_plans_dir=PLANS_DIR)
    store = KBStore(make_client(settings), settings.kb_collection, encoders)
    zh = shared_dir / "data" / "kb" / "zh"
    report = ingest_paths(
        [PLANS_DIR, zh / "防洪法(2016-07-02).md", zh / "消防法(2021-04-29).md"], settings, store=store, progress=False
    )
    assert not report.skipped, report.skipped
    retriever = Retriever(store, cache_dir=settings.cache_dir / "bm25", refresh_interval_s=0.0)
    return settings, store, retriever
