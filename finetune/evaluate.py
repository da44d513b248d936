"""Metrics (per-class P/R/F1, macro/weighted/micro F1, P1 recall, ECE), the TF-IDF baseline, reports and plots."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from finetune.dataset import TriageData
from core.text import detect_language
from core.vocabulary import PRIORITIES

log = logging.getLogger(__name__)

MULTI_THRESHOLD = 0.5


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    """ECE: |accuracy - confidence| averaged over equal-width confidence bins, weighted by bin size."""
    confidence, correct = np.asarray(confidence, float), np.asarray(correct, float)
    if len(confidence) == 0:
        return float("nan")
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    ece = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - confidence[mask].mean())
    return float(ece)


def _per_class(y_true, y_pred, labels: list[str], multi: bool) -> dict[str, dict[str, float]]:
    kwargs = {} if multi else {"labels": list(range(len(labels)))}
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, zero_division=0, **kwargs)
    return {lab: {"precision": round(float(p[k]), 4), "recall": round(float(r[k]), 4), "f1": round(float(f[k]), 4),
                  "support": int(s[k])} for k, lab in enumerate(labels)}


def type_metrics(targets: np.ndarray, probs: np.ndarray, labels: list[str], mode: str, threshold: float = MULTI_THRESHOLD) -> dict:
    if mode == "multi":
        y_true = (targets > 0.5).astype(int)
        y_pred = (probs >= threshold).astype(int)
        return {
            "micro_f1": round(float(f1_score(y_true, y_pred, average="micro", zero_division=0)), 4),
            "macro_f1": round(float(f1_score(y_true, y_pred, average="macro", zero_division=0)), 4),
            "weighted_f1": round(float(f1_score(y_true, y_pred, average="weighted", zero_division=0)), 4),
            # Multi-label calibration: every (report, label) probability is one binary forecast.
            "ece": round(expected_calibration_error(np.where(y_pred, probs, 1 - probs).ravel(), (y_pred == y_true).ravel()), 4),
            "per_class": _per_class(y_true, y_pred, labels, multi=True),
            "n": int(len(targets)),
        }
    y_true, y_pred = targets.argmax(1), probs.argmax(1)
    labels_present = list(range(len(labels)))
    return {
        "accuracy": round(float((y_true == y_pred).mean()), 4),
        "macro_f1": round(float(f1_score(y_true, y_pred, labels=np.unique(y_true), average="macro", zero_division=0)), 4),
        "weighted_f1": round(float(f1_score(y_true, y_pred, labels=labels_present, average="weighted", zero_division=0)), 4),
        "ece": round(expected_calibration_error(probs.max(1), y_true == y_pred), 4),
        "per_class": _per_class(y_true, y_pred, labels, multi=False),
        "confusion": confusion_matrix(y_true, y_pred, labels=labels_present).tolist(),
        "n": int(len(targets)),
    }


def priority_metrics(truth: np.ndarray, probs: np.ndarray, labels: list[str], pred: np.ndarray | None = None) -> dict:
    pred = probs.argmax(1) if pred is None else pred
    p1 = labels.index("P1")
    is_p1 = truth == p1
    recall_p1 = float((pred[is_p1] == p1).mean()) if is_p1.any() else float("nan")
    return {
        "accuracy": round(float((truth == pred).mean()), 4),
        "macro_f1": round(float(f1_score(truth, pred, labels=np.unique(truth), average="macro", zero_division=0)), 4),
        "p1_recall": round(recall_p1, 4),
        "under_triage_rate": round(1 - recall_p1, 4),  # P1 reports given any lower priority
        "over_triage_rate": round(float((pred[~is_p1] < truth[~is_p1]).mean()) if (~is_p1).any() else float("nan"), 4),
        "ece": round(expected_calibration_error(probs.max(1), truth == pred), 4),
        "per_class": _per_class(truth, pred, labels, multi=False),
        "confusion": confusion_matrix(truth, pred, labels=list(range(len(labels)))).tolist(),
        "n": int(len(truth)),
    }


def ngram_features(*extra):
    """Unfitted TF-IDF features of word 1-2 and char_wb 2-4 n-grams (char n-grams so that Chinese works too),
    followed by any ``extra`` transformers."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_union

    return make_union(TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1),
                      TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(2, 4), min_df=2),
                      *extra)


class TfidfBaseline:
    """TF-IDF (word + char n-grams, so Chinese works too) + logistic regression, single or multi-label."""

    def __init__(self, mode: str = "single", C: float = 10.0, seed: int = 13):
        self.mode, self.C, self.seed = mode, C, seed

    def _pipeline(self):
        from sklearn.linear_model import LogisticRegression

        return ngram_features(), LogisticRegression(C=self.C, class_weight="balanced", max_iter=3000, random_state=self.seed)

    def fit(self, data: TriageData) -> "TfidfBaseline":
        from sklearn.multiclass import OneVsRestClassifier

        self.features, lr = self._pipeline()
        x = self.features.fit_transform(data.texts)
        self.n_types = data.type_targets.shape[1]
        if self.mode == "multi":
            # liblinear: one small binary problem per label, far faster than lbfgs on sparse n-grams.
            lr.set_params(solver="liblinear")
            self.type_model = OneVsRestClassifier(lr).fit(x, (data.type_targets > 0.5).astype(int))
        else:
            from sklearn.base import clone
            self.type_model = clone(lr).fit(x, data.primary_index())
        self.priority_model = None
        if data.priority is not None:
            _, lr2 = self._pipeline()
            self.priority_model = lr2.fit(x, data.priority)
        return self

    def predict_proba(self, texts: list[str], n_priorities: int = 4) -> tuple[np.ndarray, np.ndarray | None]:
        x = self.features.transform(texts)
        if self.mode == "multi":
            types = self.type_model.predict_proba(x)
        else:
            types = np.zeros((len(texts), self.n_types))
            types[:, self.type_model.classes_] = self.type_model.predict_proba(x)
        prio = None
        if self.priority_model is not None:
            prio = np.zeros((len(texts), n_priorities))
            prio[:, self.priority_model.classes_] = self.priority_model.predict_proba(x)
        return types, prio


@dataclass
class EvalReport:
    """Model and baseline metrics on the same data, overall and per language."""

    model: dict = field(default_factory=dict)
    baseline: dict = field(default_factory=dict)
    info: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"info": self.info, "model": self.model, "baseline": self.baseline}


def score(data: TriageData, types: np.ndarray, prio: np.ndarray | None, langs: list[str], threshold: float = MULTI_THRESHOLD,
          prio_pred: np.ndarray | None = None) -> dict:
    """Metrics for all rows and for each language with rows."""
    out = {}
    groups = {"all": np.arange(len(data))}
    for lang in sorted(set(langs)):
        groups[lang] = np.array([i for i, l in enumerate(langs) if l == lang])
    for name, idx in groups.items():
        if len(idx) == 0:
            continue
        sub = data.subset(idx)
        entry = {"type": type_metrics(sub.type_targets, types[idx], data.type_labels, data.mode, threshold)}
        if prio is not None and sub.priority is not None:
            entry["priority"] = priority_metrics(sub.priority, prio[idx], data.priority_labels,
                                                 None if prio_pred is None else prio_pred[idx])
        out[name] = entry
    return out


def evaluate(classifier, data: TriageData, baseline_train: TriageData | None) -> EvalReport:
    """Score ``classifier`` on ``data`` and, side by side, a TF-IDF baseline fitted on ``baseline_train``."""
    types, prio, langs, _, _ = classifier.predict_proba(data.texts)
    if data.priority is None:
        prio = None
    report = EvalReport(info={"model_version": classifier.version, "n": len(data), "mode": data.mode,
                              "languages": {l: langs.count(l) for l in sorted(set(langs))}})
    prio_pred = classifier.decide_priority(prio) if prio is not None and hasattr(classifier, "decide_priority") else None
    report.model = score(data, types, prio, langs, getattr(classifier, "threshold", MULTI_THRESHOLD), prio_pred)
    if baseline_train is not None:
        baseline = TfidfBaseline(data.mode).fit(baseline_train)
        btypes, bprio = baseline.predict_proba(data.texts, len(data.priority_labels))
        report.baseline = score(data, btypes, bprio if data.priority is not None else None, langs)
        report.info["baseline"] = f"TF-IDF word 1-2 + char_wb 2-4 grams, LogisticRegression(balanced), fitted on {len(baseline_train)} training rows"
    return report


def tune_p1_threshold(priority_probs: np.ndarray, truth: np.ndarray, labels: list[str], target_recall: float = 0.95) -> float | None:
    """The highest P(P1) threshold whose validation P1 recall reaches ``target_recall`` (None: argmax already does)."""
    p1 = labels.index("P1")
    is_p1 = truth == p1
    if not is_p1.any():
        return None
    if (priority_probs[is_p1].argmax(1) == p1).mean() >= target_recall:
        return None
    grid = np.round(np.arange(0.5, 0.09, -0.05), 2)
    recalls = [((priority_probs[is_p1, p1] >= t) | (priority_probs[is_p1].argmax(1) == p1)).mean() for t in grid]
    for t, r in zip(grid, recalls):
        if r >= target_recall:
            return float(t)
    # Unreachable: the highest threshold that already gets the best recall the grid offers (no needless over-triage).
    return float(grid[int(np.argmax(recalls))])


def format_report(report: EvalReport, labels: list[str]) -> str:
    """Side-by-side text table: model vs baseline, per language, then per-class rows for 'all'."""
    lines = [f"model {report.info.get('model_version')}  n={report.info.get('n')}  languages={report.info.get('languages')}"]
    has_base = bool(report.baseline)
    lines.append(f"{'subset':<6} {'task':<9} {'metric':<13} {'model':>8} {'baseline':>9}")
    for subset, entry in report.model.items():
        for task, metrics in entry.items():
            for key in ("micro_f1", "macro_f1", "weighted_f1", "accuracy", "p1_recall", "under_triage_rate", "ece"):
                if key in metrics:
                    base = report.baseline.get(subset, {}).get(task, {}).get(key) if has_base else None
                    lines.append(f"{subset:<6} {task:<9} {key:<13} {metrics[key]:>8.4f} {base if base is not None else float('nan'):>9.4f}")
    per_class = report.model.get("all", {}).get("type", {}).get("per_class", {})
    base_pc = report.baseline.get("all", {}).get("type", {}).get("per_class", {}) if has_base else {}
    lines.append("")
    lines.append(f"{'class':<24} {'P':>6} {'R':>6} {'F1':>6} {'F1 base':>8} {'support':>8}")
    for lab, m in per_class.items():
        bf = base_pc.get(lab, {}).get("f1", float("nan"))
        lines.append(f"{lab:<24} {m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f} {bf:>8.3f} {m['support']:>8d}")
    return "\n".join(lines)


def save_confusion_png(matrix: list[list[int]], labels: list[str], path: Path, title: str) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    m = np.asarray(matrix)
    fig, ax = plt.subplots(figsize=(1.0 + 0.55 * len(labels), 0.8 + 0.5 * len(labels)))
    ax.imshow(m, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            if m[i, j]:
                ax.text(j, i, str(m[i, j]), ha="center", va="center", fontsize=7,
                        color="white" if m[i, j] > m.max() / 2 else "black")
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title, fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_outputs(report: EvalReport, labels: list[str], out_dir: Path, stem: str) -> dict[str, Path]:
    """metrics JSON + confusion PNG(s) for a report."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"metrics": out_dir / f"{stem}.json"}
    paths["metrics"].write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
    all_type = report.model.get("all", {}).get("type", {})
    if "confusion" in all_type:
        paths["confusion"] = save_confusion_png(all_type["confusion"], labels, out_dir / f"{stem}_confusion.png",
                                                f"incident type, {report.info.get('model_version')}")
    all_prio = report.model.get("all", {}).get("priority", {})
    if "confusion" in all_prio:
        paths["priority_confusion"] = save_confusion_png(all_prio["confusion"], list(PRIORITIES),
                                                         out_dir / f"{stem}_priority_confusion.png", "priority")
    return paths


def languages_of(texts: list[str]) -> list[str]:
    return [detect_language(t) for t in texts]
