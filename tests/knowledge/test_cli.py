"""`eca kb ...` through the real entry point: clear one-line errors, citations in the output."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.cli import main
from core.settings import get_settings


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("ECA_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_ingest_search_and_errors(cli_env: Path, capsys):
    docs = cli_env / "docs"
    docs.mkdir()
    (docs / "sirens.md").write_text("# Siren Plan\n\n## 2. Activation\n\nSirens sound for three minutes before a storm surge.\n", encoding="utf-8")
    (docs / "empty.md").write_text("", encoding="utf-8")

    assert main(["kb", "ingest", str(docs)]) == 1  # one file skipped: exit code says so
    out = capsys.readouterr().out
    assert "skipped" in out and "empty.md: empty file" in out and "1 added" in out

    assert main(["kb", "search", "how long do the sirens sound", "-k", "1"]) == 0
    out = capsys.readouterr().out
    assert "[1] Siren Plan, 2. Activation" in out and "three minutes" in out

    assert main(["kb", "search", "  "]) == 2
    assert capsys.readouterr().err.strip() == "error: the query is empty: ask a question or give keywords"
    assert main(["kb", "search", "sirens", "-k", "0"]) == 2
    assert main(["kb", "search", "sirens", "--hazard", "volcano"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "unknown hazard" in err

    assert main(["kb", "stats"]) == 0
    assert "documents: 1" in capsys.readouterr().out


def test_a_pasted_file_or_undecodable_bytes_as_a_query_is_one_clear_error(cli_env: Path, capsys):
    """At the command line a query longer than any report is refused (it was cut silently; the library still cuts one,
    for a tool call); one undecodable byte reached the encoder and came back as "the knowledge base is unavailable:
    TypeError"."""
    from knowledge.retriever import Retriever
    from knowledge.types import KnowledgeError

    assert main(["kb", "search", "fires " * 5000]) == 2
    err = capsys.readouterr().err
    assert "the query is 30,000 characters long; the limit is 20,000" in err and "Traceback" not in err
    with pytest.raises(KnowledgeError, match="not UTF-8"):
        Retriever._check_query("how long do the sirens sound \udcff", 5, "hybrid")
