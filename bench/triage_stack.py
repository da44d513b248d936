"""Cross-validated ensemble of cheap members: the choice is made on out-of-fold scores, never on test rows.

Why: on Figure Eight the ensemble of encoder, n-gram and TF-IDF scores could beat the baseline, but choosing
weights and per-label thresholds on one 15 % validation split (280 rows, 13 labels with < 10 positives)
overfitted. Here every member is scored out-of-fold over the whole training set (k folds, grouped by event
when groups are given, so that the choice mimics an unseen event), the combination (probability or logit
average, weights on a simplex grid) and the decision rule (thresholds, with per-label shrinkage towards one
global threshold) are chosen on those scores, and then every member is refitted on all rows.

Modes:
- ``multi``: multi-label 0/1 targets (N, L); thresholds = one micro-optimal threshold pulled towards each
  label's own F1-optimal one by ``shrink``. The shrink is itself judged by cross-validating the threshold
  tuning over the same folds (tuned on the other folds' out-of-fold scores, applied to this fold's).
- ``single``: one class per row (N,) int; decision = argmax; objective accuracy (or macro-F1).
- ``binary``: as single with two classes; decision = P(positive) >= a threshold chosen for F1 of ``positive``.

Members are small sklearn-style estimators over either texts (``TextLR``: TF-IDF word + char n-grams, optional
life-threat/non-incident cues) or precomputed sentence embeddings (``EmbeddingLR``); see ``embed_cache`` (bench/).
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
from scipy.special import expit, logit, softmax

from finetune.errors import TrainingDataError

log = logging.getLogger(__name__)

THRESHOLD_GRID = np.round(np.arange(0.05, 0.91, 0.025), 3)


# --------------------------------------------------------------------------------------------- members
class TextLR:
    """TF-IDF (word 1-2, char_wb 2-4) [+ cue features] -> logistic regression; multi-label (OvR) or multiclass.

    ``multinomial=True`` (single mode) is exactly ``finetune.evaluate.TfidfBaseline``'s model (lbfgs softmax);
    the default is one-vs-rest liblinear in the dual, far cheaper on many rows of sparse n-grams.
    """

    def __init__(self, mode: str = "single", C: float = 10.0, class_weight: str | None = "balanced", cues: bool = False,
                 multinomial: bool = False, seed: int = 13):
        self.mode, self.C, self.class_weight, self.cues, self.seed = mode, C, class_weight, cues, seed
        self.multinomial = multinomial

    def fit(self, texts: np.ndarray, y: np.ndarray) -> "TextLR":
        from finetune.evaluate import ngram_features

        extra = []
        if self.cues:
            from finetune.cues import CueFeatures

            extra.append(CueFeatures(0.5))
        self.features = ngram_features(*extra)
        x = self.features.fit_transform(list(texts))
        self.model = _lr(self.mode, self.C, self.class_weight, self.seed, sparse_input=not self.multinomial).fit(x, y)
        return self

    def predict_proba(self, texts: np.ndarray) -> np.ndarray:
        return self.model.predict_proba(self.features.transform(list(texts)))


class EmbeddingLR:
    """Logistic regression on precomputed (frozen-encoder) sentence embeddings."""

    def __init__(self, mode: str = "single", C: float = 0.1, class_weight: str | None = "balanced", seed: int = 13):
        self.mode, self.C, self.class_weight, self.seed = mode, C, class_weight, seed

    def fit(self, x: np.ndarray, y: np.ndarray) -> "EmbeddingLR":
        from sklearn.preprocessing import StandardScaler

        self.scaler = StandardScaler().fit(x)
        self.model = _lr(self.mode, self.C, self.class_weight, self.seed, sparse_input=False).fit(self.scaler.transform(x), y)
        return self

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return self.model.predict_proba(self.scaler.transform(x))


class DenseHGB:
    """Gradient-boosted trees on a few dense features (e.g. ``tweet_features``): lets a feature such as
    "far from the event's centroid" count differently for short and long messages, which a linear model cannot."""

    def __init__(self, mode: str = "single", class_weight: str | None = "balanced", max_iter: int = 150, seed: int = 13):
        if mode == "multi":
            raise TrainingDataError("DenseHGB is single-label (single or binary ensembles)")
        self.class_weight, self.max_iter, self.seed = class_weight, max_iter, seed

    def fit(self, x: np.ndarray, y: np.ndarray) -> "DenseHGB":
        from sklearn.ensemble import HistGradientBoostingClassifier

        self.model = HistGradientBoostingClassifier(max_iter=self.max_iter, learning_rate=0.05, max_leaf_nodes=15,
                                                    min_samples_leaf=40, l2_regularization=1.0,
                                                    class_weight=self.class_weight, random_state=self.seed).fit(x, y)
        return self

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return self.model.predict_proba(x)


def _lr(mode: str, C: float, class_weight: str | None, seed: int, sparse_input: bool):
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    if mode == "multi":
        # One small binary problem per label. On sparse n-grams (features >> rows) liblinear's dual solver reaches
        # the same optimum ~40x faster than its primal one (0.9 vs 36 CPU-s for 34 Figure Eight labels).
        # On dense embeddings liblinear's primal is also ~10x faster than lbfgs here (balanced weights on rare labels
        # make lbfgs crawl).
        lr = LogisticRegression(C=C, class_weight=class_weight, max_iter=3000, random_state=seed, solver="liblinear",
                                dual=sparse_input)
        return OneVsRestClassifier(lr)
    if sparse_input:  # one-vs-rest in the dual; OneVsRestClassifier renormalises the class probabilities
        return OneVsRestClassifier(LogisticRegression(C=C, class_weight=class_weight, max_iter=3000, random_state=seed,
                                                      solver="liblinear", dual=True))
    return LogisticRegression(C=C, class_weight=class_weight, max_iter=3000, random_state=seed)


def unit_rows(x: np.ndarray) -> np.ndarray:
    """Each row scaled to unit length (zero rows stay zero)."""
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)


def within_group(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """z-score and rank percentile of ``values`` within one group."""
    from scipy.stats import rankdata

    return (values - values.mean()) / max(float(values.std()), 1e-6), rankdata(values) / len(values)


def group_similarity(emb: np.ndarray, groups: np.ndarray, centres: dict | None = None) -> np.ndarray:
    """(N, 3) features of how typical each row is of its own group (event): cosine to the group's mean embedding,
    that cosine's z-score within the group, and its rank percentile within the group.

    Uses no labels, only the texts of the same group, so it is as available for an unseen event (the stream of
    messages about it) as for a training one. "Not related" tweets are the ones a keyword search caught but that
    talk about something else: they sit far from their event's centroid whatever the event is.
    ``centres``: one vector per group to compare with instead of its mean (e.g. the embedding of the group's title).
    """
    emb = unit_rows(emb)
    out = np.zeros((len(emb), 3), dtype=np.float32)
    for g in np.unique(groups):
        idx = np.flatnonzero(groups == g)
        centre = emb[idx].mean(0) if centres is None else np.asarray(centres[g], dtype=emb.dtype)
        sim = emb[idx] @ (centre / max(float(np.linalg.norm(centre)), 1e-9))
        out[idx] = np.column_stack([sim, *within_group(sim)])
    return out


def text_lsa(texts: list[str], n_components: int = 200, seed: int = 13) -> np.ndarray:
    """Dense (N, n_components) LSA vectors of word TF-IDF (no labels): the bag-of-words view for group_similarity.

    An event's keywords (the hazard, the place) are what its related tweets share; an encoder's embedding
    blurs them, a TF-IDF centroid keeps them.
    """
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(sublinear_tf=True, min_df=2, ngram_range=(1, 1)).fit_transform(list(texts))
    k = max(1, min(n_components, x.shape[1] - 1, x.shape[0] - 1))
    return TruncatedSVD(k, random_state=seed).fit_transform(x).astype(np.float32)


# --------------------------------------------------------------------------------------------- scoring helpers
def multilabel_f1(truth: np.ndarray, pred: np.ndarray) -> tuple[float, float]:
    """Micro- and macro-F1 of (N, L) 0/1 arrays, as sklearn with zero_division=0 (vectorised for grid search)."""
    truth, pred = truth.astype(bool), pred.astype(bool)
    tp, fp, fn = (truth & pred).sum(0), (~truth & pred).sum(0), (truth & ~pred).sum(0)
    micro = 2 * tp.sum() / max(1, 2 * tp.sum() + fp.sum() + fn.sum())
    return float(micro), float((2 * tp / np.maximum(1, 2 * tp + fp + fn)).mean())


def tune_thresholds(scores: np.ndarray, truth: np.ndarray, shrink: float, min_pos: int = 3) -> np.ndarray:
    """Per-label thresholds: the micro-F1-optimal global one pulled towards each label's F1-optimal one by ``shrink``.

    Labels with fewer than ``min_pos`` positives keep the global threshold (their own optimum is noise).
    """
    truth = truth.astype(bool)
    pred = scores[None] >= THRESHOLD_GRID[:, None, None]
    tp, fp, fn = (pred & truth).sum(1), (pred & ~truth).sum(1), (~pred & truth).sum(1)
    glob = THRESHOLD_GRID[int((2 * tp.sum(1) / np.maximum(1, 2 * tp.sum(1) + fp.sum(1) + fn.sum(1))).argmax())]
    own = THRESHOLD_GRID[(2 * tp / np.maximum(1, 2 * tp + fp + fn)).argmax(0)]
    return np.where(truth.sum(0) >= min_pos, shrink * own + (1 - shrink) * glob, glob)


def _binary_threshold(p: np.ndarray, truth: np.ndarray) -> float:
    """The F1-optimal threshold of the grid (the lowest one among ties), all thresholds at once."""
    truth = truth.astype(bool)
    pred = p[None, :] >= THRESHOLD_GRID[:, None]
    tp = (pred & truth).sum(1)
    f1 = 2 * tp / np.maximum(1, 2 * tp + (pred & ~truth).sum(1) + (~pred & truth).sum(1))
    return float(THRESHOLD_GRID[int(f1.argmax())])


def _f1_binary(truth: np.ndarray, pred: np.ndarray) -> float:
    tp = float((truth & pred).sum())
    return 2 * tp / max(1.0, 2 * tp + float((~truth & pred).sum()) + float((truth & ~pred).sum()))


def _logit(p: np.ndarray) -> np.ndarray:
    return logit(np.clip(p, 1e-4, 1 - 1e-4))


def combine(scores: list[np.ndarray], weights: tuple[float, ...], space: str, mode: str) -> np.ndarray:
    """Weighted average of member scores in probability or logit (multi/binary: per label; single: log-prob) space."""
    if space == "probability":
        return sum(w * s for w, s in zip(weights, scores))
    if mode == "multi":
        return expit(sum(w * _logit(s) for w, s in zip(weights, scores)))
    z = sum(w * np.log(np.clip(s, 1e-6, 1.0)) for w, s in zip(weights, scores))  # geometric mean, renormalised
    return softmax(z, axis=1)


def simplex(n: int, step: float) -> list[tuple[float, ...]]:
    """All weight vectors of ``n`` non-negative multiples of ``step`` that sum to 1."""
    k = int(round(1 / step))
    return [tuple(round(c / k, 4) for c in combo) for combo in itertools.product(range(k + 1), repeat=n) if sum(combo) == k]


# --------------------------------------------------------------------------------------------- ensemble
@dataclass
class Choice:
    """What the out-of-fold search chose, and how it scored there."""

    space: str
    weights: dict[str, float]
    shrink: float = 0.0
    thresholds: np.ndarray | None = None  # multi: per label; binary: shape (1,)
    oof: dict[str, float] = field(default_factory=dict)
    member_oof: dict[str, dict[str, float]] = field(default_factory=dict)


class CrossValEnsemble:
    """Members scored out-of-fold, combination and thresholds chosen on those scores, members refitted on all rows.

    ``members`` maps a name to (factory, input name): the factory builds a fresh estimator; the input name picks
    which entry of the ``inputs`` dict given to ``fit``/``predict_proba`` it reads (texts or an embedding matrix).
    ``micro_floor`` (multi only): maximise out-of-fold macro-F1 among the choices whose out-of-fold micro-F1 is at
    least this; a member name means that member's out-of-fold micro-F1 at threshold 0.5 (the baseline's own
    rule, when the member is the baseline's model); without it, maximise micro-F1 + macro-F1.
    """

    def __init__(self, members: dict[str, tuple[Callable[[], Any], str]], mode: str = "multi", folds: int = 5,
                 weight_step: float = 0.1, shrinks: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75, 1.0),
                 spaces: tuple[str, ...] = ("probability", "logit"), objective: str = "accuracy",
                 micro_floor: float | str | None = None, refit_all: bool = False, positive: int = 1, seed: int = 13):
        if mode not in ("multi", "single", "binary"):
            raise TrainingDataError(f"unknown ensemble mode {mode!r}: multi, single or binary")
        if not members:
            raise TrainingDataError("an ensemble needs at least one member")
        self.members, self.mode, self.folds, self.weight_step = members, mode, folds, weight_step
        self.shrinks, self.spaces, self.objective, self.micro_floor = shrinks, spaces, objective, micro_floor
        self.positive, self.seed, self.refit_all = positive, seed, refit_all

    # -- folds and out-of-fold scores
    def _splits(self, y: np.ndarray, groups: np.ndarray | None) -> list[tuple[np.ndarray, np.ndarray]]:
        from sklearn.model_selection import GroupKFold, KFold, StratifiedKFold

        n = len(y)
        if groups is not None:
            k = min(self.folds, len(np.unique(groups)))
            if k < 2:
                raise TrainingDataError("grouped cross-validation needs rows from at least two groups")
            return list(GroupKFold(n_splits=k).split(np.zeros(n), y, groups))
        if self.mode == "multi":
            return list(KFold(self.folds, shuffle=True, random_state=self.seed).split(np.zeros(n)))
        return list(StratifiedKFold(self.folds, shuffle=True, random_state=self.seed).split(np.zeros(n), y))

    def _fit_member(self, name: str, x, y: np.ndarray):
        factory, _ = self.members[name]
        if self.mode == "multi":
            keep = (y.min(0) != y.max(0))  # a label constant in this fold cannot be fitted: predict its rate
            est = factory().fit(x, y[:, keep]) if keep.any() else None
            return est, keep, y.mean(0)
        return factory().fit(x, y), None, None

    def _member_proba(self, fitted, x, n_out: int) -> np.ndarray:
        est, keep, rate = fitted
        if self.mode != "multi":
            p = est.predict_proba(x)
            out = np.zeros((len(p), n_out))
            out[:, est.model.classes_ if hasattr(est, "model") else np.arange(p.shape[1])] = p
            return out
        out = np.tile(rate, (len(x), 1)).astype(float)
        if est is not None:
            out[:, keep] = est.predict_proba(x)
        return out

    @staticmethod
    def _take(x, idx: np.ndarray):
        return x[idx] if isinstance(x, np.ndarray) else np.asarray(x, dtype=object)[idx]

    def out_of_fold(self, inputs: dict[str, Any], y: np.ndarray, groups: np.ndarray | None = None,
                    progress: bool = True) -> dict[str, np.ndarray]:
        """Out-of-fold score matrix of each member over all rows."""
        from tqdm import tqdm

        self.splits_ = self._splits(y, groups)
        n_out = y.shape[1] if self.mode == "multi" else self.n_classes_
        oof = {name: np.zeros((len(y), n_out)) for name in self.members}
        jobs = [(name, k) for name in self.members for k in range(len(self.splits_))]
        for name, k in tqdm(jobs, desc="out-of-fold members", unit="fit", leave=False, disable=not progress):
            tr, te = self.splits_[k]
            x = inputs[self.members[name][1]]
            fitted = self._fit_member(name, self._take(x, tr), y[tr])
            oof[name][te] = self._member_proba(fitted, self._take(x, te), n_out)
        return oof

    # -- the choice
    def _score(self, mix: np.ndarray, y: np.ndarray) -> tuple[dict[str, float], float, np.ndarray | None]:
        """(metrics, shrink, thresholds) of one combined score matrix; for multi the best shrink by CV."""
        from sklearn.metrics import accuracy_score, f1_score

        if self.mode == "single":
            pred = mix.argmax(1)
            return {"accuracy": accuracy_score(y, pred), "macro_f1": f1_score(y, pred, average="macro", zero_division=0)}, 0.0, None
        if self.mode == "binary":
            truth = y == self.positive
            p = mix[:, self.positive]
            pred = np.zeros(len(y), dtype=bool)
            for tr, te in self.splits_:  # threshold tuned on the other folds, applied to this one
                pred[te] = p[te] >= _binary_threshold(p[tr], truth[tr])
            return {"f1": _f1_binary(truth, pred)}, 0.0, np.array([_binary_threshold(p, truth)])
        best = None
        for shrink in self.shrinks:
            pred = np.zeros_like(y, dtype=bool)
            for tr, te in self.splits_:
                pred[te] = mix[te] >= tune_thresholds(mix[tr], y[tr], shrink)
            micro, macro = multilabel_f1(y, pred)
            m = {"micro_f1": micro, "macro_f1": macro}
            if best is None or self._key(m) > self._key(best[0]):
                best = (m, shrink)
        return best[0], best[1], tune_thresholds(mix, y, best[1])

    def _key(self, m: dict[str, float]) -> tuple:
        if self.mode == "multi":
            if self.floor_ is not None:
                return (m["micro_f1"] >= self.floor_, m["macro_f1"], m["micro_f1"])
            return (m["micro_f1"] + m["macro_f1"],)
        if self.mode == "binary":
            return (m["f1"],)
        return (m[self.objective],)

    def fit(self, inputs: dict[str, Any], y: np.ndarray, groups: np.ndarray | None = None,
            progress: bool = True, choose: bool = True) -> "CrossValEnsemble":
        """``choose=False``: only score every member out-of-fold and refit all of them; ``subset`` then judges
        member sets on those same scores (several configurations for the price of one)."""
        y = np.asarray(y)
        if self.mode == "multi":
            y = (y > 0.5).astype(bool)
            if y.ndim != 2:
                raise TrainingDataError("multi-label targets must be an (N, L) array")
        else:
            y = y.astype(int)
            self.n_classes_ = int(y.max()) + 1
        oof = self.out_of_fold(inputs, y, groups, progress)
        if choose:
            self._choose(oof, y)
        else:
            self.oof_, self.y_, self.choice_ = oof, y, None
        # Refit on all rows only the members the choice uses.
        self.n_out_ = y.shape[1] if self.mode == "multi" else self.n_classes_
        self.fitted_ = {n: self._fit_member(n, inputs[self.members[n][1]], y) for n in self.members
                        if self.refit_all or not choose or self.choice_.weights[n] > 0}
        return self

    def _choose(self, oof: dict[str, np.ndarray], y: np.ndarray) -> None:
        """Combination and decision rule chosen on out-of-fold scores (``self.splits_`` must be those folds)."""
        names = list(self.members)
        self.oof_, self.y_ = oof, y
        self.floor_ = None
        if self.mode == "multi" and isinstance(self.micro_floor, str):
            if self.micro_floor not in oof:
                raise TrainingDataError(f"micro_floor names no member: {self.micro_floor!r}")
            self.floor_ = multilabel_f1(y, oof[self.micro_floor] >= 0.5)[0]
        elif self.micro_floor is not None:
            self.floor_ = float(self.micro_floor)
        member_oof = {}
        for name in names:
            member_oof[name] = self._score(oof[name], y)[0]
        best = None
        for space in self.spaces:
            for weights in simplex(len(names), self.weight_step):
                if space == "logit" and sum(w > 0 for w in weights) == 1:
                    continue  # same as the probability average of one member
                metrics, shrink, thresholds = self._score(combine([oof[n] for n in names], weights, space, self.mode), y)
                if best is None or self._key(metrics) > self._key(best[0]):
                    best = (metrics, space, weights, shrink, thresholds)
        metrics, space, weights, shrink, thresholds = best
        self.choice_ = Choice(space, dict(zip(names, weights)), shrink, thresholds, metrics, member_oof)
        log.info("ensemble chosen out-of-fold: %s", self.choice_)

    def subset(self, names: list[str]) -> "CrossValEnsemble":
        """The ensemble of only ``names``, chosen again on the same out-of-fold scores and folds, reusing the
        refitted members: a cheaper member set judged exactly as the full one (needs ``refit_all=True``)."""
        missing = [n for n in names if n not in getattr(self, "fitted_", {})]
        if missing:
            raise TrainingDataError(f"subset needs refitted members (refit_all=True); missing {missing}")
        sub = CrossValEnsemble({n: self.members[n] for n in names}, self.mode, self.folds, self.weight_step, self.shrinks,
                               self.spaces, self.objective, self.micro_floor, False, self.positive, self.seed)
        sub.splits_, sub.n_out_ = self.splits_, self.n_out_
        if self.mode != "multi":
            sub.n_classes_ = self.n_classes_
        sub._choose({n: self.oof_[n] for n in names}, self.y_)
        sub.fitted_ = {n: self.fitted_[n] for n in names}
        return sub

    def oof_proba(self) -> np.ndarray:
        """The chosen combination's out-of-fold scores over the training rows (what its decision rule was tuned on)."""
        names = list(self.members)
        return combine([self.oof_[n] for n in names], tuple(self.choice_.weights[n] for n in names), self.choice_.space,
                       self.mode)

    def member_proba(self, name: str, inputs: dict[str, Any]) -> np.ndarray:
        """Scores of one refitted member (all members are refitted with ``refit_all``)."""
        if name not in self.fitted_:
            raise TrainingDataError(f"member {name!r} was not refitted (weight 0; use refit_all=True)")
        return self._member_proba(self.fitted_[name], inputs[self.members[name][1]], self.n_out_)

    def predict_proba(self, inputs: dict[str, Any]) -> np.ndarray:
        if getattr(self, "choice_", None) is None:
            raise TrainingDataError("this ensemble was fitted with choose=False: pick a member set with subset(names)")
        names = [n for n in self.members if self.choice_.weights[n] > 0]
        scores = [self.member_proba(n, inputs) for n in names]
        return combine(scores, tuple(self.choice_.weights[n] for n in names), self.choice_.space, self.mode)

    def predict(self, inputs: dict[str, Any]) -> np.ndarray:
        """multi: (N, L) bool; single: class index; binary: bool (the positive class)."""
        p = self.predict_proba(inputs)
        if self.mode == "multi":
            return p >= self.choice_.thresholds
        if self.mode == "binary":
            return p[:, self.positive] >= self.choice_.thresholds[0]
        return p.argmax(1)


# --------------------------------------------------------------------------------------------- base-rate shift
def em_prior(p: np.ndarray, train_prior: float, iters: int = 200, tol: float = 1e-6) -> tuple[float, np.ndarray]:
    """Positive-class base rate of an unlabelled set, and its posteriors adapted to it, by EM (Saerens, Latinne &
    Decaestecker 2002). ``p`` must be calibrated posteriors under the training base rate ``train_prior``."""
    p = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
    train_prior = float(np.clip(train_prior, 1e-6, 1 - 1e-6))
    prior, adj = train_prior, p
    for _ in range(iters):
        a = prior / train_prior * p
        adj = a / (a + (1 - prior) / (1 - train_prior) * (1 - p))
        new = float(np.clip(adj.mean(), 1e-6, 1 - 1e-6))
        if abs(new - prior) < tol:
            break
        prior = new
    return prior, adj


class _Platt:
    """Logistic calibration of a score (in logit space): calibrated posteriors under the training base rate."""

    def fit(self, score: np.ndarray, truth: np.ndarray) -> "_Platt":
        from sklearn.linear_model import LogisticRegression

        self.model = LogisticRegression(C=100.0).fit(_logit(score)[:, None], truth.astype(int))
        return self

    def __call__(self, score: np.ndarray) -> np.ndarray:
        return self.model.predict_proba(_logit(score)[:, None])[:, 1]


class PriorShift:
    """Decision rule of a binary ensemble that adapts to each stream's own base rate.

    Why: how much noise a keyword-collected stream holds differs by an order of magnitude between incidents
    (CrisisLexT26: from none to a third of an event's tweets), so one threshold on one score over-flags a clean
    stream and under-flags a noisy one. The ensemble's out-of-fold score is calibrated (Platt), each group's
    (event's) base rate is estimated from its own unlabelled scores by EM and its posteriors are adapted to it,
    then one threshold is tuned for F1. Whether this beats the plain threshold is itself decided by cross-validation
    over the same grouped folds (calibration and threshold fitted on the other folds), never on the test rows.
    """

    def fit(self, score: np.ndarray, truth: np.ndarray, groups: np.ndarray,
            splits: list[tuple[np.ndarray, np.ndarray]]) -> "PriorShift":
        truth, groups = np.asarray(truth, dtype=bool), np.asarray(groups)
        if len(np.unique(truth)) < 2:
            raise TrainingDataError("a base-rate shift needs both classes in the training rows")
        if any(len(np.unique(truth[tr])) < 2 for tr, _ in splits):  # the calibration of that fold could not be fitted
            raise TrainingDataError("a base-rate shift needs both classes in the training rows of every fold")
        adjusted = np.zeros(len(score))
        for tr, te in splits:
            cal, prior = _Platt().fit(score[tr], truth[tr]), float(truth[tr].mean())
            q = cal(score[te])
            for g in np.unique(groups[te]):
                at = groups[te] == g
                adjusted[te[at]] = em_prior(q[at], prior)[1]
        self.cv_f1_ = {}
        for name, s in (("plain", score), ("adjusted", adjusted)):
            pred = np.zeros(len(score), dtype=bool)
            for tr, te in splits:
                pred[te] = s[te] >= _binary_threshold(s[tr], truth[tr])
            self.cv_f1_[name] = _f1_binary(truth, pred)
        self.enabled = self.cv_f1_["adjusted"] > self.cv_f1_["plain"]
        self.calibrator, self.train_prior = _Platt().fit(score, truth), float(truth.mean())
        self.threshold = _binary_threshold(adjusted if self.enabled else score, truth)
        return self

    def adapt(self, score: np.ndarray) -> tuple[float, np.ndarray]:
        """(estimated base rate, adapted posteriors) of ONE group's scores (one incident's stream)."""
        return em_prior(self.calibrator(score), self.train_prior)

    def predict(self, score: np.ndarray) -> np.ndarray:
        """Positive decisions for ONE group's scores (with the shift off: the plain tuned threshold)."""
        if not self.enabled:
            return score >= self.threshold
        return self.adapt(score)[1] >= self.threshold
