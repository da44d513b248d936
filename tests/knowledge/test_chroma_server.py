"""The same ingest and search code against a real `chroma run` server on loopback (HttpClient)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from core.settings import Settings
from knowledge.ingest import ingest_paths
from knowledge.retriever import Retriever
from knowledge.store import KBStore, make_client
from knowledge.types import KnowledgeError

from .conftest import PLANS_DIR

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    if not Path(exe).exists():
        pytest.skip("the chroma CLI is not installed")
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = (data / "server.log").open("wb")
    proc = subprocess.Popen([exe, "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"chroma server did not start: {(data / 'server.log').read_text(errors='replace')[-2000:]}")
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_ingest_and_search_through_a_chroma_server(chroma_server, encoders, tmp_path, shared_dir):
    settings = Settings(data_dir=tmp_path / "data", chroma_url=chroma_server)
    store = KBStore(make_client(settings), settings.kb_collection, encoders)
    zh_law = shared_dir / "data" / "kb" / "zh" / "破坏性地震应急条例(2011-01-08).md"
    report = ingest_paths([PLANS_DIR / "annex_e_mass_casualty.md", PLANS_DIR / "annex_b_flood.md", zh_law], settings, store=store, progress=False)
    assert report.count("added") == 3 and not report.skipped

    retriever = Retriever(store, cache_dir=settings.cache_dir / "bm25", refresh_interval_s=0.0)
    assert retriever.stats().documents == 3
    hit = retriever.search("who activates the mass-casualty annex", k=1, filters={"hazard": "mass_casualty"})[0]
    assert hit.source == "annex_e_mass_casualty.md" and "Activation" in (hit.section or "")
    zh = retriever.search("破坏性地震发生后谁负责统一领导应急工作", k=3)
    assert zh and zh[0].language == "zh" and zh[0].page and zh[0].page.startswith("第")

    # A second client (another process would see the same) finds the data on the server...
    fresh = Retriever.from_settings(settings)
    assert fresh.stats().chunks == retriever.stats().chunks
    # ...and re-ingesting is incremental over HTTP too.
    again = ingest_paths([PLANS_DIR / "annex_b_flood.md"], settings, store=store, progress=False)
    assert again.count("unchanged") == 1


def test_unreachable_server_is_a_clear_error(tmp_path):
    settings = Settings(data_dir=tmp_path / "data", chroma_url=f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(KnowledgeError, match="Chroma server"):
        Retriever.from_settings(settings).search("flood", k=1)


def test_server_that_goes_away_gives_a_clear_error(encoders, tmp_path):
    """Stops a real server under an open retriever: the next search must fail with one clear message."""
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = _free_port()
    proc = subprocess.Popen([exe, "run", "--path", str(tmp_path / "db"), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1):
                    break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "chroma server did not start"
                time.sleep(0.2)
        settings = Settings(data_dir=tmp_path / "data", chroma_url=f"http://127.0.0.1:{port}")
        store = KBStore(make_client(settings), settings.kb_collection, encoders)
        ingest_paths([PLANS_DIR / "annex_b_flood.md"], settings, store=store, progress=False)
        retriever = Retriever(store, refresh_interval_s=0.0)
        assert retriever.search("flood", k=1)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    with pytest.raises(KnowledgeError, match="unusable|unavailable"):
        retriever.search("flood", k=1)


def test_unusable_local_store_is_a_clear_error(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "chroma").write_text("not a directory", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="cannot open the knowledge base"):
        Retriever.from_settings(Settings(data_dir=data))
