"""One real quick-trained triage model for the whole finetune test session."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def quick_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from core.settings import configure_torch_threads
    from finetune.registry import train_quick_model

    configure_torch_threads()
    return train_quick_model(tmp_path_factory.mktemp("triage-models"))


@pytest.fixture(scope="session")
def quick_classifier(quick_model_dir: Path):
    from finetune.predict import TriageClassifier

    return TriageClassifier.load(quick_model_dir)
