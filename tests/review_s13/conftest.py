"""The agent tests' make_assistant fixture, for the review tests (tests/agent/conftest.py is not on their path)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def make_assistant(base_settings, triage_model, retriever, city, tmp_path: Path) -> Callable[..., object]:
    """A real Assistant (quick triage model, real KB, real city) with its own incident log."""
    from agent.assistant import Assistant
    from agent.backends import build_backend
    from agent.store import IncidentStore

    def factory(**overrides):
        settings = base_settings.model_copy(update={"data_dir": tmp_path, **overrides})
        return Assistant(settings, triage=triage_model, retriever=retriever, city=city,
                         backend=build_backend(settings), store=IncidentStore(tmp_path / "incidents.sqlite"))

    return factory

