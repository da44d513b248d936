"""Where models live, which one is current, and how the default one gets made."""

from __future__ import annotations

import logging
from pathlib import Path

from core.settings import PROJECT_ROOT, Settings, get_settings
from finetune.current import CURRENT_FILE, mark_current
from finetune.errors import ModelNotFoundError

log = logging.getLogger(__name__)

SHIPPED_DATA = PROJECT_ROOT / "finetune" / "data" / "train.jsonl"
REALISTIC_DATA = PROJECT_ROOT / "finetune" / "data" / "train_v2.jsonl"  # hand-written, one report at a time
# train_v2.jsonl and any further hand-written files beside it (train_v2_*.jsonl from extra writers, train_v3.jsonl
# from the second round): one group
REALISTIC_GLOB = "train_v[0-9]*.jsonl"
HANDWRITTEN_TEST = PROJECT_ROOT / "finetune" / "data" / "test_handwritten.jsonl"
TEST_SETS = [PROJECT_ROOT / "finetune" / "data" / "test_ood.jsonl", HANDWRITTEN_TEST]
NEAR_COPY_RATIO = 85  # rapidfuzz ratio at which a training row counts as a copy of a test item


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


def drop_near_test_copies(df, source: str = ""):
    """Rows of ``df`` that are not (near-)copies of a frozen test item; the dropped ones are logged.

    Hand-written training files come from several writers; this guard keeps an accidental echo of a test
    sentence out of training whoever wrote it.
    """
    import json

    from rapidfuzz import fuzz, process

    tests = [json.loads(line)["text"] for path in TEST_SETS if path.is_file()
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not tests or df.empty:
        return df
    scores = process.cdist(df["text"].astype(str).tolist(), tests, scorer=fuzz.ratio, score_cutoff=NEAR_COPY_RATIO, workers=1)
    near = scores.max(axis=1) >= NEAR_COPY_RATIO
    if near.any():
        log.warning("%s: dropped %d row(s) too close to a test item (ratio >= %d)", source, int(near.sum()), NEAR_COPY_RATIO)
    return df[~near].reset_index(drop=True)


def default_training_data(settings: Settings | None = None, extra: list | None = None):
    """The default model's training rows: generated + hand-written (+ mapped real crisis rows if enabled), and
    ``extra`` (group name, DataFrame with text/incident_type/priority columns) pairs: new reports retrained on the union
    (`eca train --with-shipped`).

    Each row keeps its source in ``groups`` so blends and the P1 threshold are chosen on the realistic rows.
    """
    import numpy as np
    import pandas as pd

    from finetune.dataset import prepare, read_table

    settings = settings or get_settings()
    parts = [(SHIPPED_DATA.stem, read_table(SHIPPED_DATA))]
    for path in sorted(SHIPPED_DATA.parent.glob(REALISTIC_GLOB)):
        parts.append((REALISTIC_DATA.stem, drop_near_test_copies(read_table(path), path.name)))
    if settings.triage_crisis_rows:
        from finetune.data.crisis import figure_eight_rows

        parts.append(("figure_eight", figure_eight_rows()))
    parts += list(extra or [])
    df = pd.concat([p for _, p in parts], ignore_index=True)
    groups = np.concatenate([[name] * len(p) for name, p in parts])
    data = prepare(df, default_spec())
    if len(data) != len(df):
        raise ValueError("a training row was skipped as empty; the sources no longer line up")
    data.groups = groups
    return data


def default_config(settings: Settings | None = None):
    """The default model's training settings (one place, so benchmarks and first run agree)."""
    from finetune.train import TrainConfig

    settings = settings or get_settings()
    # epochs=0: heads on the frozen encoder (linear probe), blended with the n-gram + cue model. On the
    # realistic validation rows this matched fine-tuning the top layers at a fraction of the CPU time (docs/finetune.md).
    return TrainConfig(base_model=settings.triage_base_model, max_length=settings.triage_max_length,
                       epochs=settings.triage_epochs, calibration_group=REALISTIC_DATA.stem,
                       group_repeat={REALISTIC_DATA.stem: settings.triage_realistic_repeat}, zh_cue_scale=settings.triage_zh_cue_scale,
                       report_baseline=False)  # `eca evaluate` / bench scripts put the baseline beside it


def _train_default(settings: Settings) -> Path:
    from finetune.train import train_model

    hand = " + ".join(p.name for p in sorted(SHIPPED_DATA.parent.glob(REALISTIC_GLOB)))
    log.warning("no triage model yet: training the default one on %s + %s (about 3 CPU-minutes)", SHIPPED_DATA.name, hand)
    data = default_training_data(settings)
    return train_model(data, default_config(settings), models_root(settings),
                       source=f"{SHIPPED_DATA.relative_to(PROJECT_ROOT)} + hand-written {hand}").model_dir


def train_quick_model(out_dir: Path) -> Path:
    """A real but small model (stratified subset, one short epoch) for other packages' tests; returns its directory.

    It is written under ``out_dir`` and NOT marked current anywhere else.
    """
    from finetune.dataset import prepare, read_table
    from finetune.train import TrainConfig, train_model

    data = prepare(read_table(SHIPPED_DATA), default_spec())
    config = TrainConfig(max_rows=800, epochs=2, max_length=64, val_fraction=0.2, time_budget_s=25, version_prefix="quick")
    return train_model(data, config, Path(out_dir), source="quick subset of the shipped data").model_dir
