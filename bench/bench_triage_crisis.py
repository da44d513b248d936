"""Triage machinery on real crisis data (../shared/data/crisis), beside the TF-IDF + LR baseline.

(a) Figure Eight validation split: multi-label categories (constant ones dropped), stratified 80/20;
    the model trains on the 80 % (holding out 15 % of it for early stopping), the baseline fits the full 80 %.
(b) CrisisLexT26 "Information Type", leave-one-event-out on held-out events.

Runs are kept short for 2 shared cores (max_length 64, few epochs, subsampled LOEO training sets);
the settings are printed with the figures.

    python bench/bench_triage_crisis.py [--part a|b|both] [--events N] [--loeo-rows N]
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


def _row(name: str, model: float, base: float) -> str:
    return f"  {name:<22} model {model:.4f}   baseline {base:.4f}"


def figure_eight(workdir: Path, epochs: int) -> None:
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
    config = TrainConfig(epochs=epochs, max_length=64, zh_head=False, version_prefix="fig8")
    result = train_model(train, config, workdir / "fig8", source="figure-eight 80%", mark_current=False)
    clf = TriageClassifier.load(result.model_dir)
    report = evaluate(clf, test, baseline_train=train)
    m, b = report.model["all"]["type"], report.baseline["all"]["type"]
    print(f"(a) Figure Eight validation split: {len(cols)} non-constant categories, train {len(train)} / test {len(test)}, "
          f"max_length 64, epochs<={epochs}, {time.monotonic() - started:.0f} s")
    for key in ("micro_f1", "macro_f1", "weighted_f1", "ece"):
        print(_row(key, m[key], b[key]))


def crisislex_loeo(workdir: Path, n_events: int, max_rows: int, epochs: int, max_test: int, skip: int = 0) -> None:
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
        config = TrainConfig(epochs=epochs, max_length=64, max_rows=max_rows, zh_head=False, version_prefix="loeo")
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


def main() -> None:
    from core.settings import configure_torch_threads, setup_logging

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("a", "b", "both"), default="both")
    parser.add_argument("--events", type=int, default=5)
    parser.add_argument("--loeo-rows", type=int, default=2500)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--loeo-test-rows", type=int, default=600)
    parser.add_argument("--skip", type=int, default=0, help="start at this event of the list (to split folds over processes)")
    args = parser.parse_args()
    setup_logging("WARNING")
    logging.getLogger("finetune").setLevel(logging.WARNING)
    print(f"threads {configure_torch_threads()}, load average at start {os.getloadavg()}")
    with tempfile.TemporaryDirectory(prefix="bench-triage-") as tmp:
        if args.part in ("a", "both"):
            figure_eight(Path(tmp), args.epochs)
        if args.part in ("b", "both"):
            crisislex_loeo(Path(tmp), args.events, args.loeo_rows, min(args.epochs, 2), args.loeo_test_rows, args.skip)
    print(f"load average at end {os.getloadavg()}")


if __name__ == "__main__":
    main()
