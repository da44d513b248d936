"""Speed of the read-only situation views at scale: sitrep / open incidents / unit board / shelter occupancy
with N open incidents (default 500), each with a report, a plan (a third approved, with evacuation
assignments) and some committed units, in a real SQLite incident log and the real scenario.

Target (issue 12): sitrep p50 <= 200 ms at 500 open incidents.

    python bench/bench_situation.py [--incidents 500] [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=500)
    parser.add_argument("--runs", type=int, default=30)
    opts = parser.parse_args()
    from agent.schemas import ResponsePlan, TriageSummary
    from agent.situation import Situation
    from agent.store import IncidentStore
    from core.settings import Settings
    from tools.city import CityModel

    settings = Settings()
    city = CityModel.load(settings.scenario, settings=settings)
    store = IncidentStore(Path(tempfile.mkdtemp(prefix="eca-bench-sitrep-")) / "incidents.sqlite")
    rng = random.Random(12)
    shelters = [s.id for s in city.scenario.shelters]
    units = [u.id for _, u in city.units()]
    started = time.perf_counter()
    for n in range(opts.incidents):
        incident = store.create_incident(f"incident {n}", "bench").incident_id
        triage = TriageSummary(incident_type=rng.choice(["fire", "flood", "medical", "hazmat"]), priority=rng.choice(["P1", "P2", "P3"]),
                               type_confidence=0.9, priority_confidence=0.9)
        store.add_report(incident, f"report {n}", triage, "bench")
        if n % 3:
            plan = ResponsePlan(plan_id=f"PLAN-{n}", incident_id=incident, report=f"report {n}", location=f"Street {n}",
                                tool_outputs={"plan_evacuation": {"assignments": [
                                    {"shelter_id": rng.choice(shelters), "people": rng.randint(5, 60)} for _ in range(3)]}})
            store.save_plan(plan, "bench")
            if n % 3 == 2:
                store.approve_plan(plan.plan_id, "bench")
        if n < len(units) // 2:
            store.log_event(incident, "unit_status", {"unit_id": units[n], "status": "dispatched"}, "bench")
    print(f"log filled: {opts.incidents} open incidents in {time.perf_counter() - started:.1f} s; load avg {os.getloadavg()[0]:.1f}")
    situation = Situation(store, city)
    for name, fn in (("sitrep", situation.sitrep), ("open_incidents", situation.open_incidents),
                     ("unit_board", situation.unit_board), ("shelter_occupancy", situation.shelter_occupancy)):
        fn()  # warm
        times = []
        for _ in range(opts.runs):
            t0 = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t0) * 1000)
        print(f"{name:<18} p50 {statistics.median(times):7.1f} ms   p90 {sorted(times)[int(0.9 * (len(times) - 1))]:7.1f} ms")
    report = situation.sitrep()
    print(f"sitrep: {len(report.incidents)} incidents, {len(report.alerts)} alerts; first lines:")
    print("\n".join("  " + line for line in report.text.splitlines()[:4]))


if __name__ == "__main__":
    main()
