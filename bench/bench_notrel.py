"""Issue 10's real-data check of the noise filter: CrisisLexT26 "Not related" vs related, leave-one-event-out.

Events: the 20 CrisisLexT26 events that are not the lead's stream-benchmark test events
(``finetune.noise_filter.HELD_OUT_EVENTS`` = bench_monitor's EVENT_SETS["test"]; they are never read here).  Each of
the 20 is held out in turn: a model is fitted on the other 19 and scores every labelled tweet of the held-out one, so
each tweet is scored once by a model that never saw its event.  Reported per event and pooled (the issue's figure:
one detection F1 over all held-out predictions), precision / recall / F1 of "Not related".

Systems:
- ``triage``: the shipped default triage model zero-shot, not_incident read as "Not related" (what the monitor's
  noise filter is today);
- ``tfidf``: TF-IDF + LR (balanced), threshold 0.5, fitted on the other events (the baseline);
- ``filter``: ``finetune.noise_filter.NoiseFilter`` fitted on the other events, its threshold chosen by event-grouped
  cross-validation over those events only (nested: the held-out event never shapes its own threshold);
- ``either``: a post is noise if the triage model or the filter says so (how the monitor would combine them).

    PYTHONPATH=. python bench/bench_notrel.py [--systems triage,tfidf,filter] [--triage-scores FILE.npz]
        [--folds K] [--no-char]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from finetune.noise_filter import HELD_OUT_EVENTS, NoiseFilter, read_crisislex  # noqa: E402

CSV = ROOT.parent / "shared" / "data" / "crisis" / "crisislex_t26_labeled.csv"


def prf(truth: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    tp = int((truth & pred).sum())
    p = tp / max(1, int(pred.sum()))
    r = tp / max(1, int(truth.sum()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def triage_zero_shot(texts: list[str], cache: Path | None) -> np.ndarray:
    """The shipped default model's not_incident decision of each text (read from ``cache`` when given: an npz with
    ``texts`` and ``pred`` written by an earlier run of this function)."""
    if cache is not None and cache.is_file():
        saved = np.load(cache, allow_pickle=True)
        table = dict(zip(saved["texts"].tolist(), saved["pred"].tolist()))
        if all(t in table for t in texts):
            print(f"triage decisions read from {cache} (model {saved['version']})")
            return np.array([table[t] for t in texts], dtype=bool)
    from finetune.predict import TriageClassifier
    from finetune.registry import current_model_dir

    model_dir = current_model_dir()
    if model_dir is None:
        raise SystemExit("no current triage model: train one first (make run / eca train)")
    clf = TriageClassifier.load(model_dir)
    ni = clf.type_labels.index("not_incident")
    unique = list(dict.fromkeys(texts))
    t0 = time.perf_counter()
    pred = np.concatenate([clf.predict_proba(unique[i:i + 256])[0].argmax(1) == ni for i in range(0, len(unique), 256)])
    print(f"triage model {clf.version}: {len(unique)} texts in {time.perf_counter() - t0:.0f} s")
    if cache is not None:
        np.savez(cache, texts=np.array(unique, dtype=object), pred=pred, version=clf.version)
    table = dict(zip(unique, pred.tolist()))
    return np.array([table[t] for t in texts], dtype=bool)


def tfidf_baseline(train: list[str], y: np.ndarray, test: list[str]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000).fit(vec.fit_transform(train), y)
    return model.predict_proba(vec.transform(test))[:, 1] >= 0.5


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--systems", default="triage,tfidf,filter")
    ap.add_argument("--triage-scores", type=Path, default=None, help="npz cache of the triage model's decisions")
    ap.add_argument("--folds", type=int, default=4, help="event-grouped folds choosing the filter's threshold "
                    "(nested in each held-out fold; 0: the class-balanced model's own 0.5, 20 fits instead of 100)")
    ap.add_argument("--load", type=Path, action="append", default=[],
                    help="read earlier --save files and score their systems beside this run's (same rows)")
    ap.add_argument("--no-char", action="store_true", help="the filter without character n-grams")
    ap.add_argument("--save", type=Path, default=None, help="write every system's held-out decisions here (npz)")
    args = ap.parse_args()
    systems = [s for s in args.systems.split(",") if s]
    if not CSV.is_file():
        raise SystemExit(f"no CrisisLexT26 file at {CSV}")
    texts, y, events = read_crisislex(CSV)
    assert not set(events) & HELD_OUT_EVENTS
    names = sorted(set(events))
    print(f"CrisisLexT26 'Not related' vs related, leave-one-event-out over {len(names)} events "
          f"({len(texts)} tweets, {int(y.sum())} 'Not related'); the {len(HELD_OUT_EVENTS)} stream-test events are not read")
    preds: dict[str, np.ndarray] = {s: np.zeros(len(texts), dtype=bool) for s in systems if s != "either"}
    if "triage" in preds:
        preds["triage"] = triage_zero_shot(texts, args.triage_scores)
    thresholds, fit_s, score_s = {}, 0.0, 0.0
    for name in names:
        te = events == name
        tr = ~te
        train = [t for t, k in zip(texts, tr) if k]
        test = [t for t, k in zip(texts, te) if k]
        if "tfidf" in preds:
            preds["tfidf"][te] = tfidf_baseline(train, y[tr], test)
        if "filter" in preds:
            t0 = time.perf_counter()
            f = NoiseFilter(char_ngrams=not args.no_char, folds=max(2, args.folds)).fit(
                train, y[tr], groups=events[tr] if args.folds >= 2 else None)
            t1 = time.perf_counter()
            preds["filter"][te] = f.predict(test)
            score_s += time.perf_counter() - t1
            fit_s += t1 - t0
            thresholds[name] = (f.threshold, f.cv_f1 if f.cv_f1 is not None else float("nan"))
        print(f"  {name} done", flush=True)
    for path in args.load:
        saved = np.load(path, allow_pickle=True)
        assert saved["y"].tolist() == y.tolist(), f"{path} holds other rows"
        for s in saved.files:
            if s not in ("y", "events") and s not in preds:
                preds[s] = saved[s]
    if "either" in systems and "triage" in preds and "filter" in preds:
        preds["either"] = preds["triage"] | preds["filter"]
    print(f"\n{'held-out event':<32}{'n':>6}{'noise':>6}  " + "  ".join(f"{s + ' P/R/F1':<20}" for s in preds))
    for name in names:
        te = events == name
        cells = ["{:.3f}/{:.3f}/{:.3f}".format(*prf(y[te], p[te])) for p in preds.values()]
        print(f"{name:<32}{int(te.sum()):>6}{int(y[te].sum()):>6}  " + "  ".join(f"{c:<20}" for c in cells))
    print()
    for s, p in preds.items():
        per = [prf(y[events == n], p[events == n])[2] for n in names if y[events == n].any()]
        pp, pr, pf = prf(y, p)
        print(f"{s:<8} pooled P {pp:.3f} R {pr:.3f} F1 {pf:.3f}   mean per-event F1 {np.mean(per):.3f} "
              f"({len(per)} events with noise)")
    if thresholds:
        print("filter thresholds (CV F1): " + ", ".join(f"{n[:18]} {t:.3f} ({c:.2f})" for n, (t, c) in thresholds.items()))
        print(f"filter: fit {fit_s:.0f} s over {len(names)} folds; scoring {len(texts) / max(score_s, 1e-9):.0f} posts/s")
    if args.save:
        np.savez(args.save, y=y, events=events, **preds)


if __name__ == "__main__":
    main()
