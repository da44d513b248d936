"""One real quick-trained triage model for the whole finetune test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def quick_model_dir(quick_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The suite's quick model (tests/conftest.py: trained once, cached by the training code and data), copied so
    that a finetune test that writes beside the model never touches the cache.  Training it a second time for this
    package cost ~100 s on 2 idle cores (330 s under load)."""
    from core.settings import configure_torch_threads

    configure_torch_threads()
    copy = tmp_path_factory.mktemp("triage-models") / quick_model_dir.name
    shutil.copytree(quick_model_dir, copy)
    return copy


@pytest.fixture(scope="session")
def quick_classifier(quick_model_dir: Path):
    from finetune.predict import TriageClassifier

    return TriageClassifier.load(quick_model_dir)
