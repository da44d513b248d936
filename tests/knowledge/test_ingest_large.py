"""A big plan file (session 19: a 21 MB plan ingested for hours). What it costs is encoding its passages (4-20 a second
on a small machine), so: a file over the passage limit is refused at once with its count; an ingest stopped midway
keeps the passages it encoded, and the next one goes on from there; the bar shows passages done of the total."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from core.settings import Settings, get_settings
from knowledge import ingest as ingest_module
from knowledge.embeddings import EncoderSet, MiniLMEncoder
from knowledge.ingest import ingest_paths
from knowledge.store import KBStore, make_client
from ui.cli import main


def _plan(path: Path, sections: int, seed: int = 3) -> Path:
    words = ("shelter", "evacuation", "route", "capacity", "warden", "assembly", "registration", "transport", "water")
    rng = random.Random(seed)
    lines = ["# Annex Q - Long procedure", ""]
    for s in range(sections):
        lines += [f"## {s + 1}. Step {s + 1}", "", " ".join(rng.choice(words) for _ in range(30)) + ".", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


class _Counting(MiniLMEncoder):
    """The real MiniLM, counting the texts it encodes; ``stop_after`` calls it raises KeyboardInterrupt (a Ctrl-C)."""

    def __init__(self, stop_after: int | None = None):
        super().__init__()
        self.calls, self.texts, self.stop_after = 0, 0, stop_after

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self.stop_after is not None and self.calls >= self.stop_after:
            raise KeyboardInterrupt
        self.calls += 1
        self.texts += len(texts)
        return super()._encode(texts)


def test_a_file_over_the_passage_limit_is_refused_at_once_with_its_count(tmp_path: Path, kb_settings: Settings, make_store):
    doc = _plan(tmp_path / "big.md", sections=60)
    kb_settings.kb_max_file_passages = 20
    store = make_store(kb_settings)
    (outcome,) = ingest_paths([doc], kb_settings, store=store, progress=False).files
    assert outcome.status == "skipped"
    assert "60 passages" in outcome.reason and "20 limit" in outcome.reason and "ECA_KB_MAX_FILE_PASSAGES" in outcome.reason
    assert "split" in outcome.reason
    assert store.files() == {}  # nothing encoded, nothing written


def test_an_ingest_stopped_midway_keeps_what_it_encoded(tmp_path: Path, kb_settings: Settings, monkeypatch):
    monkeypatch.setattr(ingest_module, "ENCODE_BATCH", 8, raising=False)  # small batches: a long file in a short test
    doc = _plan(tmp_path / "long.md", sections=30)
    first = _Counting(stop_after=2)  # 2 encoder calls (16 passages), then Ctrl-C
    store = KBStore(make_client(kb_settings), kb_settings.kb_collection, EncoderSet(english=first))
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([doc], kb_settings, store=store, progress=False)
    assert first.texts == 16

    again = _Counting()
    store = KBStore(make_client(kb_settings), kb_settings.kb_collection, EncoderSet(english=again))
    (outcome,) = ingest_paths([doc], kb_settings, store=store, progress=False).files
    assert outcome.status == "replaced" and outcome.chunks == 30  # the stopped run's passages were in the store
    assert again.texts == 30 - 16  # only what the stopped run had not encoded


def test_a_passage_repeated_in_a_file_is_encoded_once(tmp_path: Path, kb_settings: Settings):
    """A forms booklet repeats its boilerplate under the same heading on every form: encoded once, stored each time."""
    form = "## Instructions\n\nPrint the name of the incident and the operational period in block letters.\n\n"
    (tmp_path / "forms.md").write_text("# Forms\n\n" + form * 5 + "## Signatures\n\nThe planning chief signs each form.\n",
                                       encoding="utf-8")
    counting = _Counting()
    store = KBStore(make_client(kb_settings), kb_settings.kb_collection, EncoderSet(english=counting))
    (outcome,) = ingest_paths([tmp_path / "forms.md"], kb_settings, store=store, progress=False).files
    assert outcome.chunks == 6 and counting.texts == 2


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("ECA_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_the_ingest_bar_counts_passages_of_the_total(cli_env: Path, capsys):
    doc = _plan(cli_env / "steps.md", sections=3)
    assert main(["kb", "ingest", str(doc)]) == 0
    err = capsys.readouterr().err
    assert "passages encoded" in err and "3/3" in err and "Traceback" not in err
