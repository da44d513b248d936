"""Benchmark the evacuation and dispatch planners against naive baselines.

Prints, for the real central-Helsinki network and for a synthetic ~50k-node grid city:
  * planning time p50/p95 (optimised plan and naive baseline),
  * evacuation quality: people unserved, mean travel minutes per sheltered person,
  * dispatch quality: units overcommitted, slots left unfilled, mean P1 ETA,
and the scenario load time (OSM -> graphs) on a first run and from the cache.

Usage: .venv/bin/python bench/bench_planners.py [--runs 40] [--grid-side 224] [--grid-runs 10]
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.settings import Settings  # noqa: E402
from tools.city import CityModel  # noqa: E402
from tools.dispatch import REQUIREMENTS, IncidentRequest, overcommitted_units, plan_dispatch  # noqa: E402
from tools.evacuation import Hazard, plan_evacuation  # noqa: E402
from tools.scenario import Scenario  # noqa: E402

EVAC_TYPES = ["fire", "hazmat", "flood", "earthquake_collapse", "severe_weather"]
DISPATCH_TYPES = [k for k, v in REQUIREMENTS.items() if v]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = min(len(values) - 1, max(0, round(q / 100 * (len(values) - 1))))
    return values[k]


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, (time.perf_counter() - t0) * 1000


def random_point(city: CityModel, rng: random.Random, margin: float = 0.1) -> tuple[float, float]:
    s, w, n, e = city.bbox
    return (rng.uniform(s + margin * (n - s), n - margin * (n - s)), rng.uniform(w + margin * (e - w), e - margin * (e - w)))


def bench_evacuation(city: CityModel, runs: int, radius: tuple[float, float], rng: random.Random) -> dict:
    plan_evacuation(city, Hazard(hazard_type="fire", center=random_point(city, rng), radius_m=radius[0]))  # build indexes once
    res = {"opt_ms": [], "base_ms": [], "opt_unserved": 0, "base_unserved": 0, "opt_min": 0.0, "base_min": 0.0, "opt_served": 0, "base_served": 0, "people": 0,
           "greedy_unserved": 0, "same_n": 0, "same_opt_min": 0.0, "same_greedy_min": 0.0}
    for _ in range(runs):
        hazard = Hazard(hazard_type=rng.choice(EVAC_TYPES), center=random_point(city, rng), radius_m=rng.uniform(*radius))
        opt, t_opt = timed(plan_evacuation, city, hazard)
        base, t_base = timed(plan_evacuation, city, hazard, strategy="nearest")
        greedy = plan_evacuation(city, hazard, strategy="greedy")
        res["greedy_unserved"] += greedy.unserved_people
        if greedy.served_people == opt.served_people:  # same people sheltered: travel time is comparable
            res["same_n"] += 1
            res["same_opt_min"] += opt.total_person_minutes
            res["same_greedy_min"] += greedy.total_person_minutes
        res["opt_ms"].append(t_opt)
        res["base_ms"].append(t_base)
        res["people"] += opt.total_people
        for key, plan in (("opt", opt), ("base", base)):
            res[f"{key}_unserved"] += plan.unserved_people
            res[f"{key}_served"] += plan.served_people
            res[f"{key}_min"] += plan.total_person_minutes
    return res


def bench_dispatch(city: CityModel, runs: int, per_run: tuple[int, int], rng: random.Random) -> dict:
    res = {"opt_ms": [], "base_ms": [], "opt_over": 0, "base_over": 0, "opt_short": 0, "base_short": 0, "opt_p1": [], "base_p1": [], "slots": 0}
    for r in range(runs):
        incidents = [
            IncidentRequest(incident_id=f"R{r}-{i}", incident_type=rng.choice(DISPATCH_TYPES), priority=rng.choice(["P1", "P1", "P2", "P3"]),
                            lat=(p := random_point(city, rng))[0], lon=p[1])
            for i in range(rng.randint(*per_run))
        ]
        slots = sum(sum(REQUIREMENTS[i.incident_type].values()) for i in incidents)
        res["slots"] += slots
        opt, t_opt = timed(plan_dispatch, city, incidents)
        base, t_base = timed(plan_dispatch, city, incidents, strategy="nearest")
        res["opt_ms"].append(t_opt)
        res["base_ms"].append(t_base)
        p1 = {i.incident_id for i in incidents if i.priority == "P1"}
        for key, plan in (("opt", opt), ("base", base)):
            res[f"{key}_over"] += overcommitted_units(plan)
            # Slots without a unit of their own: shortfalls, plus (baseline) the extra claims on a shared unit.
            res[f"{key}_short"] += slots - len({(a.unit_id) for a in plan.assignments})
            res[f"{key}_p1"].extend(a.eta_min for a in plan.assignments if a.incident_id in p1)
    return res


def synthetic_grid_city(side: int, spacing_m: float = 50.0, seed: int = 7) -> CityModel:
    """A side x side street grid (~spacing_m blocks) with zones, shelters and stations spread over it."""
    rng = random.Random(seed)
    lat0, lon0 = 60.0, 25.0
    dlat = spacing_m / 110_574.0
    dlon = spacing_m / (111_320.0 * 0.5)  # cos(60°) = 0.5
    g = nx.DiGraph()
    for r in range(side):
        for c in range(side):
            g.add_node(r * side + c, lat=lat0 + r * dlat, lon=lon0 + c * dlon)
    speeds = {"primary": 40 / 3.6, "residential": 30 / 3.6}
    for r in range(side):
        for c in range(side):
            u = r * side + c
            for dr, dc, name in ((0, 1, f"Row {r}"), (1, 0, f"Column {c}")):
                rr, cc = r + dr, c + dc
                if rr >= side or cc >= side:
                    continue
                v = rr * side + cc
                highway = "primary" if (r if dr == 0 else c) % 10 == 0 else "residential"
                length = spacing_m * rng.uniform(0.9, 1.1)
                t = length / speeds[highway]
                for a, b in ((u, v), (v, u)):
                    g.add_edge(a, b, travel_time_s=t, length_m=length, name=name, highway=highway)
    walk = nx.DiGraph()
    walk.add_nodes_from(g.nodes(data=True))
    for u, v, d in g.edges(data=True):
        walk.add_edge(u, v, **{**d, "travel_time_s": d["length_m"] / 1.2, "highway": "footway"})

    def loc(r: float, c: float) -> list[float]:
        return [lat0 + r * dlat, lon0 + c * dlon]

    zones = []
    k = 6
    for i in range(k):
        for j in range(k):
            zones.append({"id": f"Z{i}{j}", "name": f"Zone {i}-{j}", "center": loc((i + 0.5) * side / k, (j + 0.5) * side / k), "radius_m": side * spacing_m / k / 2,
                          "population": {"resident": rng.randint(1000, 5000), "daytime": rng.randint(2000, 8000), "vulnerable": rng.randint(50, 400)}})
    shelters = [{"id": f"S{i}", "name": f"Shelter {i}", "location": loc(rng.uniform(0, side - 1), rng.uniform(0, side - 1)), "capacity": rng.randint(300, 3000),
                 "unsuitable_for": rng.sample(EVAC_TYPES, k=rng.randint(0, 1)), "accessible": rng.random() < 0.7} for i in range(60)]
    types = ["engine", "engine", "ladder", "rescue", "hazmat", "ambulance", "ambulance", "police_patrol", "police_patrol", "utility_crew"]
    stations = [{"id": f"ST{i}", "name": f"Station {i}", "location": loc(rng.uniform(0, side - 1), rng.uniform(0, side - 1)),
                 "units": [{"id": f"U{i}-{n}", "type": t} for n, t in enumerate(rng.sample(types, k=5))]} for i in range(20)]
    staging = [{"id": f"SA{i}", "name": f"Square {i}", "location": loc(rng.uniform(0, side - 1), rng.uniform(0, side - 1))} for i in range(10)]
    scenario = Scenario.model_validate({"name": f"Synthetic grid {side}x{side}", "road_network": "synthetic", "zones": zones, "shelters": shelters,
                                        "stations": stations, "staging_areas": staging})
    return CityModel(scenario, g, walk)


def report(title: str, evac: dict, disp: dict) -> None:
    print(f"\n== {title} ==")
    print(f"evacuation  plan time ms   optimised p50 {pct(evac['opt_ms'], 50):7.1f}  p95 {pct(evac['opt_ms'], 95):7.1f} | "
          f"nearest-shelter baseline p50 {pct(evac['base_ms'], 50):7.1f}  p95 {pct(evac['base_ms'], 95):7.1f}  ({len(evac['opt_ms'])} hazards)")
    total = evac["people"] or 1
    print(f"  people to move {evac['people']:,}: unserved optimised {evac['opt_unserved']:,} ({evac['opt_unserved'] / total:.1%}) | "
          f"baseline {evac['base_unserved']:,} ({evac['base_unserved'] / total:.1%})")
    opt_mean = evac["opt_min"] / max(1, evac["opt_served"])
    base_mean = evac["base_min"] / max(1, evac["base_served"])
    print(f"  total travel: optimised {evac['opt_min']:,.0f} person-min for {evac['opt_served']:,} sheltered ({opt_mean:.1f} min each) | "
          f"baseline {evac['base_min']:,.0f} person-min for {evac['base_served']:,} sheltered ({base_mean:.1f} min each)")
    gain = 1 - evac["same_opt_min"] / evac["same_greedy_min"] if evac["same_greedy_min"] else float("nan")
    print(f"  vs capacity-aware greedy baseline (nearest shelter with room, zone by zone): unserved {evac['greedy_unserved']:,}; "
          f"on the {evac['same_n']} hazards where both shelter everyone they can, total travel optimised {evac['same_opt_min']:,.0f} "
          f"vs greedy {evac['same_greedy_min']:,.0f} person-min ({gain:.1%} less)")
    print(f"dispatch    plan time ms   optimised p50 {pct(disp['opt_ms'], 50):7.1f}  p95 {pct(disp['opt_ms'], 95):7.1f} | "
          f"nearest-unit baseline p50 {pct(disp['base_ms'], 50):7.1f}  p95 {pct(disp['base_ms'], 95):7.1f}  ({len(disp['opt_ms'])} incident sets)")
    print(f"  slots needed {disp['slots']}: units overcommitted optimised {disp['opt_over']} | baseline {disp['base_over']}; "
          f"slots without a unit of their own optimised {disp['opt_short']} | baseline {disp['base_short']}")
    print(f"  mean P1 ETA min: optimised {statistics.mean(disp['opt_p1']) if disp['opt_p1'] else float('nan'):.2f} | "
          f"baseline {statistics.mean(disp['base_p1']) if disp['base_p1'] else float('nan'):.2f} (baseline ETAs count double-booked units twice)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--grid-side", type=int, default=224, help="grid side; 224 gives 50,176 nodes")
    parser.add_argument("--grid-runs", type=int, default=10)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    print(f"load average at start: {os.getloadavg()}  (2 shared cores)")

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        city, t_first = timed(CityModel.load, settings=settings)
        cached = [timed(CityModel.load, settings=settings)[1] for _ in range(5)]
    print(f"\nHelsinki scenario load (OSM -> graphs + gazetteer): first run {t_first:.0f} ms, "
          f"from cache median {statistics.median(cached):.0f} ms (min {min(cached):.0f}, max {max(cached):.0f}, 5 loads)")
    for line in city.describe()["graphs"]:
        print(f"  {line}")

    rng = random.Random(42)
    evac = bench_evacuation(city, args.runs, (100.0, 300.0), rng)
    disp = bench_dispatch(city, args.runs, (2, 4), rng)
    report(f"central Helsinki (walk {city.walk.number_of_nodes():,} nodes, drive {city.drive.number_of_nodes():,} nodes)", evac, disp)

    grid, t_build = timed(synthetic_grid_city, args.grid_side)
    _, t_index = timed(lambda: (grid.index("walk"), grid.index("drive"), grid.index("walk").edge_lines()))
    print(f"\nsynthetic grid built in {t_build:.0f} ms, indexes (KD-tree, CSR, edge lines) {t_index:.0f} ms")
    evac_g = bench_evacuation(grid, args.grid_runs, (400.0, 1200.0), rng)
    disp_g = bench_dispatch(grid, args.grid_runs, (3, 6), rng)
    report(f"synthetic grid ({grid.walk.number_of_nodes():,} nodes, {grid.walk.number_of_edges():,} edges)", evac_g, disp_g)
    print(f"\ntargets: <= 100 ms per plan on Helsinki, <= 2000 ms on the grid")
    print(f"load average at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
