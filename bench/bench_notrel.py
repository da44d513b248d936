"""Issue 10's real-data check of the noise filter: CrisisLexT26 "Not related" vs related, leave-one-event-out.

Events: the 20 CrisisLexT26 events that are not the lead's stream-benchmark test events
(``finetune.noise_filter.HELD_OUT_EVENTS``, which bench_monitor's EVENT_SETS["test"] reads; they are never read here).  Each of
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
        [--folds K] [--char] [--intake]
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
    from core.errors import InputError

    def decide(batch: list[str]) -> list[bool]:
        try:
            return (clf.predict_proba(batch)[0].argmax(1) == ni).tolist()
        except InputError:  # a text the classifier refuses (binary-looking): the monitor stores it unread, not noise
            return [False] if len(batch) == 1 else [x for t in batch for x in decide([t])]

    unique = list(dict.fromkeys(texts))
    t0 = time.perf_counter()
    pred = np.array([x for i in range(0, len(unique), 256) for x in decide(unique[i:i + 256])], dtype=bool)
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


INTAKE_FILES = ("train.jsonl", "train_v2.jsonl", "train_v2_more.jsonl", "train_v3.jsonl", "train_news.jsonl",
                "dev_news.jsonl")  # the project's non-frozen labelled intake (never a test* file)


def intake_check(f: NoiseFilter, triage_cache: Path | None) -> None:
    """How many real intake reports (labelled incidents) the filter would call noise, per language: the most incident
    recall it can cost when a post is noise if the triage model or the filter says so.  On dev_news (not in the
    triage model's training data) the triage model's own incident recall is shown before and after."""
    import json

    from core.text import detect_language

    rows = []
    for name in INTAKE_FILES:
        for line in (ROOT / "finetune" / "data" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                rows.append((name, r["text"], r["incident_type"] != "not_incident"))
    texts = [t for _, t, _ in rows]
    incident = np.array([i for _, _, i in rows])
    lang = np.array([detect_language(t) for t in texts])
    flagged = f.predict(texts)
    print(f"\nintake check: {len(rows)} labelled intake rows ({int(incident.sum())} incidents) of {', '.join(INTAKE_FILES)}")
    for lg in ("en", "zh"):
        m = incident & (lang == lg)
        print(f"  {lg}: filter calls {int((flagged & m).sum())} of {int(m.sum())} incidents noise "
              f"(incident recall cost <= {(flagged & m).sum() / max(1, m.sum()):.4f}); "
              f"non-incidents called noise {int((flagged & ~incident & (lang == lg)).sum())} of {int((~incident & (lang == lg)).sum())}")
    for (_, t, _), fl, inc in zip(rows, flagged, incident):
        if fl and inc:
            print(f"    incident called noise: {t[:120]}")
    dev = np.array([n == "dev_news.jsonl" for n, _, _ in rows])
    tri = triage_zero_shot([t for t, d in zip(texts, dev) if d], triage_cache)
    inc_dev = incident[dev]
    before = (~tri & inc_dev).sum() / max(1, inc_dev.sum())
    after = (~(tri | flagged[dev]) & inc_dev).sum() / max(1, inc_dev.sum())
    print(f"  dev_news ({int(dev.sum())} rows, {int(inc_dev.sum())} incidents): incident recall (not called noise) "
          f"triage alone {before:.4f}, triage or filter {after:.4f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--systems", default="triage,tfidf,filter")
    ap.add_argument("--triage-scores", type=Path, default=None, help="npz cache of the triage model's decisions")
    ap.add_argument("--folds", type=int, default=4, help="event-grouped folds choosing the filter's threshold "
                    "(nested in each held-out fold; 0: the class-balanced model's own 0.5, 20 fits instead of 100)")
    ap.add_argument("--load", type=Path, action="append", default=[],
                    help="read earlier --save files and score their systems beside this run's (same rows)")
    ap.add_argument("--char", action="store_true", help="the filter with character n-grams too (about 3x slower)")
    ap.add_argument("--save", type=Path, default=None, help="write every system's held-out decisions here (npz)")
    ap.add_argument("--intake", action="store_true", help="only the intake check: the filter fitted on all 20 events")
    args = ap.parse_args()
    systems = [s for s in args.systems.split(",") if s]
    if not CSV.is_file():
        raise SystemExit(f"no CrisisLexT26 file at {CSV}")
    texts, y, events = read_crisislex(CSV)
    assert not set(events) & HELD_OUT_EVENTS
    if args.intake:
        f = NoiseFilter(char_ngrams=args.char, folds=max(2, args.folds)).fit(
            texts, y, groups=events if args.folds >= 2 else None)
        print(f"filter fitted on all {len(set(events))} events: threshold {f.threshold} (CV F1 {f.cv_f1})")
        intake_check(f, None)
        return
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
            f = NoiseFilter(char_ngrams=args.char, folds=max(2, args.folds)).fit(
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
