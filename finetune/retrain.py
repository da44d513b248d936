"""Retraining safely: the new model is scored beside the current one and made current only if it is not worse.

A retrain on a small or badly labelled file once replaced the production model with one trained on 32 rows
(validation macro-F1 0.00) and said "now current" (trial s20).  Here the new model and the current model are scored on
the same rows: the new model's own validation split (rows the new model did not train on; the current model may
have, which only makes the gate stricter) and, when the new file is small, the current model's validation split too
(rows of the shipped data), where a model trained on a few dozen reports shows what it lost.  It is made
current only when no figure drops by more than a margin; ``--force`` overrides, and every outcome prints the exact
command to switch back (``eca use-model``).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from finetune.current import CURRENT_FILE, mark_current
from finetune.dataset import LabelSpec, TriageData, read_split
from finetune.errors import ModelNotFoundError, TrainingDataError

log = logging.getLogger(__name__)

MIN_ROWS = 300  # fewer rows than this cannot teach 12 types x 4 priorities (25 per class is already thin)
SMALL_FILE_ROWS = 2000  # below this, the new model is also scored on the current model's validation split
DEFAULT_MARGIN = 0.02  # a figure may drop by this much (validation noise) and the new model still counts as not worse
GATE_METRICS = (("type", "macro_f1"), ("priority", "macro_f1"), ("priority", "p1_recall"))


@dataclass
class SetScores:
    """Both models' figures on one validation set."""

    name: str
    n: int
    new: dict[str, float]
    current: dict[str, float]


@dataclass
class Gate:
    """The comparison and its verdict."""

    new_version: str
    current_version: str | None
    sets: list[SetScores] = field(default_factory=list)
    drops: list[str] = field(default_factory=list)  # figures that fell by more than the margin
    not_comparable: str = ""  # why the two models cannot be scored on the same rows (different labels)
    margin: float = DEFAULT_MARGIN

    @property
    def not_worse(self) -> bool:
        return self.current_version is None or (not self.drops and not self.not_comparable)

    def table(self) -> str:
        if self.current_version is None:
            return "no current model to compare with"
        if self.not_comparable:
            return f"not compared with the current model {self.current_version}: {self.not_comparable}"
        lines = [f"current = {self.current_version}, new = {self.new_version}",
                 f"{'validation set':<46} {'figure':<19} {'current':>8} {'new':>8}"]
        for s in self.sets:
            for key in s.current:
                lines.append(f"{(s.name + f' ({s.n} rows)'):<46} {key:<19} {_fmt(s.current[key]):>8} {_fmt(s.new.get(key)):>8}")
        return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None or math.isnan(value) else f"{value:.3f}"


def current_version(root: Path) -> str | None:
    """The version CURRENT names under ``root`` (None: none, or it names a folder that is gone)."""
    marker = root / CURRENT_FILE
    if not marker.is_file():
        return None
    version = marker.read_text(encoding="utf-8").strip()
    return version if version and (root / version).is_dir() else None


def _figures(classifier, data: TriageData) -> dict[str, float]:
    from finetune.evaluate import evaluate

    report = evaluate(classifier, data, baseline_train=None).model.get("all", {})
    return {f"{task} {key}": float(report[task][key]) for task, key in GATE_METRICS
            if task in report and key in report[task]}


def _val(model_dir: Path, classifier) -> TriageData | None:
    path = model_dir / "val_split.jsonl"
    if not path.is_file():
        return None
    return read_split(path, classifier.type_labels, classifier.mode, classifier.config["priority_labels"])


def compare_with_current(new_dir: Path, current_dir: Path | None, n_file_rows: int,
                         margin: float = DEFAULT_MARGIN) -> Gate:
    """Score the new model and the current one on the same validation rows; list every figure that fell by more
    than ``margin``.  ``n_file_rows``: the rows the new model was trained from (a small set is also scored on the
    current model's validation split; a union with the shipped data already holds shipped rows in its own split)."""
    from finetune.predict import TriageClassifier

    new = TriageClassifier.load(new_dir)
    # versions by folder name: that is what CURRENT and `eca use-model` name (a copied model keeps its old config)
    gate = Gate(new_dir.name, None if current_dir is None else current_dir.name, margin=margin)
    if current_dir is None:
        return gate
    current = TriageClassifier.load(current_dir)
    if (current.mode, list(current.type_labels)) != (new.mode, list(new.type_labels)):
        gate.not_comparable = (f"its labels differ ({current.mode}: {len(current.type_labels)} types; new: {new.mode}, "
                               f"{len(new.type_labels)} types), so the figures cannot be set side by side")
        return gate
    sets = [("new model's validation split", _val(new_dir, new))]
    if n_file_rows < SMALL_FILE_ROWS:
        sets.append(("current model's validation split", _val(current_dir, current)))
    for name, data in sets:
        if data is None or not len(data):
            continue
        if not current.priority_labels or data.priority is None or not new.config.get("has_priority", True):
            data.priority = None
        scores = SetScores(name, len(data), _figures(new, data), _figures(current, data))
        gate.sets.append(scores)
        for key, before in scores.current.items():
            after = scores.new.get(key, float("nan"))
            if not math.isnan(before) and (math.isnan(after) or after < before - margin):
                gate.drops.append(f"{key} on the {name}: {_fmt(before)} -> {_fmt(after)}")
    return gate


def use_model(root: Path, version: str) -> str | None:
    """Make ``version`` the current model under ``root``; returns the version that was current before."""
    available = list_versions(root)
    if version not in available:
        raise ModelNotFoundError(f"no model {version!r} under {root}; available: {', '.join(available) or 'none'}")
    before = current_version(root)
    mark_current(root, version)
    return before


def list_versions(root: Path) -> list[str]:
    """Model versions under ``root``, oldest first."""
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")
                  and (p / "config.json").is_file())


def with_shipped_data(df: pd.DataFrame, spec: LabelSpec, settings=None) -> TriageData:
    """The shipped training rows (``default_training_data``) plus the rows of ``df``, as one training set.

    The new rows join the hand-written (realistic) group: they count as much as those, and blends and thresholds are
    chosen on the validation rows of that group."""
    from finetune.registry import REALISTIC_DATA, default_training_data

    if spec.mode != "single" or spec.infer_labels:
        raise TrainingDataError("--with-shipped adds rows to the shipped data, which uses the project taxonomy: "
                                "it cannot be combined with --infer-labels or --multi-label-cols")
    if not spec.priority_col:
        raise TrainingDataError("--with-shipped needs a priority column (the shipped rows all have one)")
    columns = {spec.text_col: "text", spec.label_col: "incident_type", spec.priority_col: "priority"}
    if spec.secondary_col and spec.secondary_col in df.columns:
        columns[spec.secondary_col] = "secondary_type"
    extra = df[list(columns)].rename(columns=columns)
    extra = extra[extra["text"].astype(str).str.strip() != ""]  # blank rows are skipped (and reported) by prepare
    return default_training_data(settings, extra=[(REALISTIC_DATA.stem, extra)])
