"""Where models live, which one is current, and how the default one gets made."""

from __future__ import annotations

import logging
from pathlib import Path

from core.settings import PROJECT_ROOT, Settings, get_settings
from finetune.current import CURRENT_FILE, mark_current
from finetune.errors import ModelNotFoundError

log = logging.getLogger(__name__)

SHIPPED_DATA = PROJECT_ROOT / "finetune" / "data" / "train.jsonl"
HANDWRITTEN_TEST = PROJECT_ROOT / "finetune" / "data" / "test_handwritten.jsonl"


def models_root(settings: Settings | None = None) -> Path:
    return (settings or get_settings()).models_dir / "triage"


def current_model_dir(settings: Settings | None = None) -> Path | None:
    """The model directory to use: ECA_TRIAGE_MODEL_DIR if set, else the one CURRENT names, else None."""
    settings = settings or get_settings()
    if settings.triage_model_dir:
        return Path(settings.triage_model_dir)
    root = models_root(settings)
    marker = root / CURRENT_FILE
    if not marker.is_file():
        return None
    path = root / marker.read_text().strip()
    return path if path.is_dir() else None


def load_current_classifier(settings: Settings | None = None):
    from finetune.predict import TriageClassifier

    path = current_model_dir(settings)
    if path is None:
        raise ModelNotFoundError(f"no trained triage model under {models_root(settings)}; run `eca train` "
                                 "(or `make run`, which trains the default model)")
    return TriageClassifier.load(path)


def default_spec():
    from finetune.dataset import LabelSpec

    return LabelSpec(text_col="text", label_col="incident_type", priority_col="priority", secondary_col="secondary_type")


def ensure_default_model(settings: Settings | None = None) -> Path:
    """Return the current model directory, training the default model on the shipped data first if there is none."""
    import fcntl

    settings = settings or get_settings()
    existing = current_model_dir(settings)
    if existing is not None:
        return existing
    root = models_root(settings)
    root.mkdir(parents=True, exist_ok=True)
    # The UI, the agent and a CLI call may all start on a fresh machine: one trains, the others wait for it.
    with open(root / ".train.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        existing = current_model_dir(settings)
        if existing is not None:
            return existing
        return _train_default(settings)


def _train_default(settings: Settings) -> Path:
    from finetune.dataset import prepare, read_table
    from finetune.train import TrainConfig, train_model

    log.warning("no triage model yet: training the default one on %s (a few minutes on 2 cores)", SHIPPED_DATA)
    data = prepare(read_table(SHIPPED_DATA), default_spec())
    config = TrainConfig(base_model=settings.triage_base_model, max_length=settings.triage_max_length, epochs=2)
    return train_model(data, config, models_root(settings), source=str(SHIPPED_DATA.relative_to(PROJECT_ROOT))).model_dir


def train_quick_model(out_dir: Path) -> Path:
    """A real but small model (stratified subset, one short epoch) for other packages' tests; returns its directory.

    It is written under ``out_dir`` and NOT marked current anywhere else.
    """
    from finetune.dataset import prepare, read_table
    from finetune.train import TrainConfig, train_model

    data = prepare(read_table(SHIPPED_DATA), default_spec())
    config = TrainConfig(max_rows=800, epochs=2, max_length=64, val_fraction=0.2, time_budget_s=25, version_prefix="quick")
    return train_model(data, config, Path(out_dir), source="quick subset of the shipped data").model_dir
