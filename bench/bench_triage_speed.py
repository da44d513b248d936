"""Triage speed on this machine: single-report latency (p50/p95) and batched throughput, model vs baseline.

    python bench/bench_triage_speed.py [--model DIR] [--threads N]

Reports come from the hand-written test set (English and Chinese, as intake mixes them).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np


def _latencies(fn, texts: list[str]) -> np.ndarray:
    out = []
    for text in texts:
        start = time.perf_counter()
        fn([text])
        out.append((time.perf_counter() - start) * 1000)
    return np.array(out)


def _throughput(fn, texts: list[str], batch: int, repeats: int) -> tuple[float, float]:
    """Reports per second of wall time and per CPU-second of this process (the fair figure on a shared machine)."""
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeats):
        for i in range(0, len(texts), batch):
            fn(texts[i:i + batch])
    n = repeats * len(texts)
    return n / (time.perf_counter() - start), n / max(time.process_time() - cpu, 1e-9)


def main() -> None:
    import torch

    from core.settings import get_settings, setup_logging
    from finetune.dataset import prepare, read_split, read_table
    from finetune.evaluate import TfidfBaseline
    from finetune.predict import TriageClassifier
    from finetune.registry import HANDWRITTEN_TEST, current_model_dir, default_spec

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--workers", type=int, default=None, help="encoder workers (default ECA_TRIAGE_WORKERS, else --threads)")
    args = parser.parse_args()
    setup_logging("WARNING")
    model_dir = args.model or current_model_dir()
    if model_dir is None:
        raise SystemExit("no triage model: pass --model DIR or train one (eca train / make run)")
    clf = TriageClassifier.load(model_dir)
    torch.set_num_threads(args.threads)
    # --threads for every engine: torch here, and the ONNX Runtime session of a lone report (set up on first use,
    # from clf.threads, which load() took from ECA_TORCH_THREADS).
    clf.threads = args.threads
    clf.set_workers(args.workers or get_settings().triage_workers or args.threads)
    data = prepare(read_table(HANDWRITTEN_TEST), default_spec())
    texts = data.texts
    en = [t for t in texts if clf.predict_proba([t])[2][0] == "en"]
    zh = [t for t in texts if t not in set(en)]
    baseline = TfidfBaseline().fit(read_split(Path(model_dir) / "train_split.jsonl", clf.type_labels, clf.mode,
                                              clf.config["priority_labels"]))

    print(f"model {clf.version}, torch threads {torch.get_num_threads()}, encoder workers {clf.workers}, {len(en)} English + {len(zh)} Chinese reports")
    print(f"load average before: {os.getloadavg()}")
    for name, fn in (("model", clf.predict), ("baseline", lambda b: baseline.predict_proba(b))):
        fn(texts[:8])  # warm-up
        lat_en, lat_zh = _latencies(fn, en), _latencies(fn, zh)
        lat = np.concatenate([lat_en, lat_zh])
        tput, per_cpu = _throughput(fn, texts, args.batch, repeats=2)
        print(f"{name:<9} single report: p50 {np.percentile(lat, 50):6.1f} ms  p95 {np.percentile(lat, 95):6.1f} ms  "
              f"(en p50 {np.percentile(lat_en, 50):.1f} ms, zh p50 {np.percentile(lat_zh, 50):.1f} ms)   "
              f"batched ({args.batch}): {tput:7.0f} reports/s, {per_cpu:7.0f} per CPU-second")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
