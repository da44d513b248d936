"""Cost of one Situation-tab refresh (every 3 s) when the picture comes from the incident log, that is from a stream an
``eca monitor`` in another process stored: N stream reports in the 6-hour window, in clusters of a few reports, with
the monitor's alerts.  Three cases per size:

- ``idle``: nothing was written since the last refresh (the monitor is quiet);
- ``growing``: the monitor stored one more micro-batch (64 reports) since the last refresh;
- ``sitrep``: the sitrep's stream candidates (``agent.situation.Situation.stream_candidates``), which read the same rows.

Review s15-rv2 measured 0.42–0.63 s per refresh at 10,000 reports and 2.75 s at 50,000.  A benchmark, not a test:

    python bench/bench_situation_refresh.py [--reports 10000 50000] [--runs 10]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TYPES = ["fire", "flood", "traffic_accident", "medical", "not_incident"]
PLACES = ["Kiasma", "Bulevardi 14", "Hakaniemen tori", "Kamppi", "Stockmann", None]


def _rows(rng: random.Random, start: int, n: int, t0: float) -> list[dict]:
    rows = []
    for k in range(start, start + n):
        kind = rng.choice(TYPES)
        cluster = None if kind == "not_incident" else f"C{1 + k // 4:05d}"
        rows.append({"report_id": f"SR-B{k:011d}", "event_time": t0 + k, "source": rng.choice(["call", "social"]),
                     "text": f"report {k}: {kind.replace('_', ' ')} seen near {rng.choice(PLACES) or 'the corner'}, "
                             "people gathering, smoke or water visible from the street " * 2,
                     "cluster_id": cluster,
                     "triage": {"incident_type": kind, "priority": rng.choice(["P1", "P2", "P3", "P4"]),
                                "type_confidence": 0.9, "language": "en", "model_version": "bench", "read_by": "encoder"},
                     "detail": {"reason": "same place and type; P(same incident) 0.97, text similarity 0.41",
                                "zone": "Kamppi", "place": rng.choice(PLACES), "signals": {}}})
    return rows


def _time(fn, runs: int) -> tuple[float, float, float]:
    """p50 and max wall seconds, and p50 CPU seconds (the fair figure on a shared machine)."""
    took, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        took.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(took), max(took), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--runs", type=int, default=10)
    opts = parser.parse_args()
    from agent.situation import Situation as Sitrep
    from agent.store import IncidentStore
    from ui.situation_tab import Situation

    rng = random.Random(16)
    print(f"{'reports':>8} {'case':>8} {'p50 s':>8} {'max s':>8} {'p50 CPU s':>10}")
    for n in opts.reports:
        store = IncidentStore(Path(tempfile.mkdtemp(prefix="eca-bench-refresh-")) / "incidents.sqlite")
        t0 = (datetime.now(timezone.utc) - timedelta(hours=5)).timestamp()
        for start in range(0, n, 5_000):
            store.add_stream_reports(_rows(rng, start, min(5_000, n - start), t0))
        for c in range(1, n // 40):
            store.log_event(None, "monitor_alert", {"kind": "emerging", "cluster_id": f"C{c * 10:05d}",
                                                    "message": f"New incident C{c * 10:05d}", "stream_time": t0}, "monitor")

        def no_monitor():
            raise AssertionError("no monitor in this process")

        tab = Situation(no_monitor, store=store)
        p50, worst, cpu = _time(tab.views, 1)
        print(f"{n:>8} {'first':>8} {p50:>8.3f} {worst:>8.3f} {cpu:>10.3f}")
        p50, worst, cpu = _time(tab.views, opts.runs)
        print(f"{n:>8} {'idle':>8} {p50:>8.3f} {worst:>8.3f} {cpu:>10.3f}")
        grown = [n]

        def grow_then_refresh():
            store.add_stream_reports(_rows(rng, grown[0], 64, t0))
            grown[0] += 64
            tab.views()

        p50, worst, cpu = _time(grow_then_refresh, opts.runs)
        print(f"{n:>8} {'growing':>8} {p50:>8.3f} {worst:>8.3f} {cpu:>10.3f}")
        sitrep = Sitrep(store, None)
        p50, worst, cpu = _time(sitrep.stream_candidates, opts.runs)
        print(f"{n:>8} {'sitrep':>8} {p50:>8.3f} {worst:>8.3f} {cpu:>10.3f}")
        store.close()


if __name__ == "__main__":
    main()
