"""Benchmark the protective-action planner on the frozen labelled set, and the clearance routing model.

Prints:
  * protective-action agreement (primary action) on bench/data/protective_actions.yaml, and the
    agreement of the row, the isolation radius and the downwind sector;
  * people moved vs the set's estimate: share within +-50 %, within the set's own tolerance
    (a factor of 2 for building items, 3 for area items), for the plan's figure and for the
    building-based and zone-based figures separately; nobody moved where the label says 0;
  * the anchor case (stairwell gas report) against the old evacuation plan (5,144 people);
  * planning time p50 / p95;
  * clearance time: the old simple bound vs the CCRP routing model (ratio) and the routing
    model's own time, on the random hazards of bench_planners (Helsinki and the 50k-node grid).

Usage: .venv/bin/python bench/bench_protective_actions.py [--runs 40] [--grid-side 224] [--grid-runs 10]
       .venv/bin/python bench/bench_protective_actions.py --data bench/data/protective_actions.yaml --skip-clearance --show-misses
(``--show-misses`` prints the items whose action or people figure misses; it is refused on a held-out set.)
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_planners import EVAC_TYPES, pct, random_point, synthetic_grid_city  # noqa: E402

from tools.city import CityModel, PlanningError  # noqa: E402
from tools.evacuation import Hazard, plan_evacuation  # noqa: E402
from tools.evacuation.clearance import routed_clearance, routed_clearance_s  # noqa: E402
from tools.evacuation.solvers import solve_min_cost_flow  # noqa: E402
from tools.evacuation.steps import travel_costs  # noqa: E402
from tools.evacuation.steps import affected_groups, hazard_network, time_to_nearest_shelter, usable_shelters  # noqa: E402
from tools.protective import ProtectiveActionPlan, plan_protective_action  # noqa: E402

DATA = ROOT / "bench" / "data" / "protective_actions.yaml"
# Held-out sets: aggregate figures only, never their items.
HELD_OUT = {"protective_actions_v2.yaml"}
ANCHOR = "Gas smell and two people dizzy in the stairwell at Yrjönkatu 21, what do we do?"


def within(value: float, target: float, factor: float) -> bool:
    if target <= 0:
        return value <= 0
    return target / factor <= value <= target * factor


def bench_labelled(city: CityModel, data: Path, show_misses: bool = False) -> None:
    items = yaml.safe_load(data.read_text(encoding="utf-8"))
    n = len(items)
    agree = rule_ok = iso_ok = sector_ok = failed = 0
    ms: list[float] = []
    ppl = {"plan": [0, 0, 0], "buildings": [0, 0, 0], "zones": [0, 0, 0]}  # within 50 %, within the set's tolerance, counted
    ratios: dict[tuple[str, str], list[float]] = {}
    zero_ok = zero_n = 0
    by_lang: dict[str, list[int]] = {}
    confusion: dict[tuple[str, str], int] = {}
    misses: list[str] = []
    routed_min: list[float] = []  # the plans' own clearance (routing model) and its simple bound, where people move
    bound_min: list[float] = []
    for it in items:
        t0 = time.perf_counter()
        try:
            result = plan_protective_action(city, it["text"], it["hazard"])
        except PlanningError as exc:
            failed += 1
            logging.warning("%s: %s", it["id"], exc)
            result = None
        plan = result if isinstance(result, ProtectiveActionPlan) else None  # NotApplicable: no table row, action "none"
        ms.append((time.perf_counter() - t0) * 1000)
        got = plan.primary if plan else "none"
        ok = got == it["action"]
        agree += ok
        by_lang.setdefault(it["lang"], [0, 0])
        by_lang[it["lang"]][0] += ok
        by_lang[it["lang"]][1] += 1
        if not ok:
            confusion[(it["action"], got)] = confusion.get((it["action"], got), 0) + 1
            misses.append(f"{it['id']} action {it['action']} ({it['rule']}) -> {got} ({plan.rule if plan else '-'}): {it['text'][:110]}")
        if plan is None:
            continue
        if plan.clearance_routed_min:
            routed_min.append(plan.clearance_routed_min)
        if plan.clearance_bound_min:
            bound_min.append(plan.clearance_bound_min)
        rule_ok += plan.rule == it["rule"]
        iso_ok += (plan.isolation_m or None) == (it["isolation_m"] or None)
        sector_ok += bool(plan.sector) == bool(it["downwind_sector"])
        est = it["people_estimate"] or 0
        if est <= 0:
            zero_n += 1
            zero_ok += plan.people_moved == 0
            continue
        tol = 2.0 if it["action"] == "evacuate_building" else 3.0
        if abs(plan.people_moved - est) > 0.5 * est:
            bld = plan.building
            where = f"{bld.label}: {bld.footprint_m2:.0f} m2 x {bld.floors:g} fl, {bld.use}, {bld.source}" if bld else plan.location
            misses.append(f"{it['id']} people {plan.people_moved} vs {est} ({plan.rule}; {plan.people_basis}; {where}); label: {it.get('people_reason', '')}")
        for key, value in (("plan", plan.people_moved), ("buildings", plan.people_moved_buildings), ("zones", plan.people_moved_zones)):
            if value is None:
                continue
            ppl[key][0] += abs(value - est) <= 0.5 * est
            ppl[key][1] += within(value, est, tol)
            ppl[key][2] += 1
            ratios.setdefault((key, "building" if it["action"] == "evacuate_building" else "area"), []).append(value / est)
    print(f"\n== protective actions on {data.name} ({n} reports; {failed} not planned) ==")
    print(f"primary action agreement {agree / n:.3f} ({agree}/{n}); " + "; ".join(f"{k}: {v[0]}/{v[1]}" for k, v in sorted(by_lang.items())))
    print(f"row agreement {rule_ok / n:.3f}; isolation radius equal {iso_ok / n:.3f}; downwind sector applies/not equal {sector_ok / n:.3f}")
    if confusion:
        print("disagreements (label -> plan): " + ", ".join(f"{a} -> {b}: {c}" for (a, b), c in sorted(confusion.items())))
    for key, (w50, wtol, cnt) in ppl.items():
        if cnt:
            print(f"people moved ({key:9s}) vs estimate on {cnt} items that move people: within +-50 % {w50 / cnt:.3f} ({w50}/{cnt}); "
                  f"within the set's tolerance (x2 building, x3 area) {wtol / cnt:.3f}")
    for (key, kind), rs in sorted(ratios.items()):
        print(f"  {key:9s} {kind:8s} items: ratio to the estimate median {statistics.median(rs):.2f} (n={len(rs)}, "
              f"quartiles {pct(rs, 25):.2f}-{pct(rs, 75):.2f})")
    print(f"items where the label moves nobody: plan moves nobody in {zero_ok}/{zero_n}")
    print(f"planning time ms p50 {pct(ms, 50):.0f}  p95 {pct(ms, 95):.0f}  max {max(ms):.0f}")
    if routed_min:
        print(f"plans' clearance min (routing model) median {statistics.median(routed_min):.1f}  p95 {pct(routed_min, 95):.1f} (n={len(routed_min)}); "
              f"simple bound median {statistics.median(bound_min):.1f}  p95 {pct(bound_min, 95):.1f} (n={len(bound_min)})")
    if show_misses:
        print(f"misses ({len(misses)}):")
        for line in misses:
            print("  " + line)


def bench_anchor(city: CityModel) -> None:
    plan = plan_protective_action(city, ANCHOR, "hazmat")
    assert isinstance(plan, ProtectiveActionPlan)
    old = plan_evacuation(city, Hazard(hazard_type="hazmat", center=(plan.lat, plan.lon), radius_m=300))
    print(f"\n== anchor case: {ANCHOR!r} ==")
    print(plan.summary())
    print(f"old evacuation plan (300 m circle at the same point): {old.total_people:,} people, clearance bound {old.clearance_time_min} min; "
          f"new plan moves {plan.people_moved:,}")


def bench_clearance(city: CityModel, runs: int, radius: tuple[float, float], rng: random.Random, title: str) -> None:
    """Old simple bound vs the routing model on random hazards (the plans are the min-cost-flow plans)."""
    ratios, route_ms, plan_ms, none = [], [], [], 0
    fixed_vs_free, pm_mcf, pm_ccrp, unserved_mcf, unserved_ccrp = [], 0.0, 0.0, 0, 0
    for _ in range(runs):
        hazard = Hazard(hazard_type=rng.choice(EVAC_TYPES), center=random_point(city, rng), radius_m=rng.uniform(*radius))
        t0 = time.perf_counter()
        plan = plan_evacuation(city, hazard, routed_clearance=False)
        plan_ms.append((time.perf_counter() - t0) * 1000)
        # The routing model alone, on the same problem (steps 1-4 of the planner, then CCRP).
        mode = "walk"
        idx = city.index(mode)
        net = hazard_network(city, hazard, mode)
        warnings: list[str] = []
        chosen, groups = affected_groups(city, net.area, None, "daytime", mode, warnings)
        rows, _ = usable_shelters(city, hazard, net.area, mode)
        from tools.evacuation.assembly import attach_assembly, choose_assembly_points

        assembly, _ = choose_assembly_points(city, mode, net, chosen, time_to_nearest_shelter(net, rows), bool(rows), warnings)
        attach_assembly(groups, assembly)
        t0 = time.perf_counter()
        routed = routed_clearance_s(idx, mode, net, groups, rows)
        route_ms.append((time.perf_counter() - t0) * 1000)
        if routed is None or not plan.clearance_time_min:
            none += 1
            continue
        ratios.append(routed / 60.0 / plan.clearance_time_min)
        # Which assignment is better? The min-cost flow's, timed under the same capacities, vs the routing model's own.
        cost, _, _ = travel_costs(idx, net, groups, rows)
        flows = solve_min_cost_flow(groups, rows, cost)
        fixed_s, _ = routed_clearance(idx, mode, net, groups, rows, flows)
        free_s, free_moved = routed_clearance(idx, mode, net, groups, rows)
        if fixed_s and free_s:
            fixed_vs_free.append(free_s / fixed_s)
        finite = {k: p for k, p in free_moved.items() if cost[k] < float("inf")}
        pm_mcf += sum(cost[k] * p for k, p in flows.items()) / 60.0
        pm_ccrp += sum(cost[k] * p for k, p in finite.items()) / 60.0
        unserved_mcf += sum(g.people for g in groups) - sum(flows.values())
        unserved_ccrp += sum(g.people for g in groups) - sum(free_moved.values())
    print(f"\n== clearance time on {title}: {runs} random hazards ==")
    if ratios:
        print(f"routing model / old bound: median {statistics.median(ratios):.2f}, min {min(ratios):.2f}, max {max(ratios):.2f} ({len(ratios)} hazards; {none} with nobody to move)")
    if fixed_vs_free:
        print(f"assignment: routing model's own vs min-cost flow's, both timed by the routing model: clearance ratio median "
              f"{statistics.median(fixed_vs_free):.2f} (min {min(fixed_vs_free):.2f}, max {max(fixed_vs_free):.2f}); free-flow person-minutes "
              f"{pm_ccrp:,.0f} vs {pm_mcf:,.0f}; unserved {unserved_ccrp:,} vs {unserved_mcf:,}")
    print(f"routing model time ms p50 {pct(route_ms, 50):.0f}  p95 {pct(route_ms, 95):.0f}  max {max(route_ms):.0f} | "
          f"min-cost-flow plan without it p50 {pct(plan_ms, 50):.0f}  p95 {pct(plan_ms, 95):.0f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--grid-side", type=int, default=224)
    parser.add_argument("--grid-runs", type=int, default=10)
    parser.add_argument("--skip-grid", action="store_true")
    parser.add_argument("--data", type=Path, default=DATA, help="the frozen labelled set")
    parser.add_argument("--skip-clearance", action="store_true")
    parser.add_argument("--show-misses", action="store_true", help="print the items that miss (development sets only)")
    args = parser.parse_args()
    if args.show_misses and args.data.name in HELD_OUT:
        parser.error(f"{args.data.name} is a held-out set: aggregate figures only, no --show-misses")
    logging.basicConfig(level=logging.ERROR)
    print(f"load average at start: {os.getloadavg()}  (2 shared cores)")
    city = CityModel.load()
    bench_labelled(city, args.data, args.show_misses)
    bench_anchor(city)
    if args.skip_clearance:
        return 0
    rng = random.Random(42)
    bench_clearance(city, args.runs, (100.0, 300.0), rng, f"central Helsinki (walk {city.walk.number_of_nodes():,} nodes)")
    if not args.skip_grid:
        grid = synthetic_grid_city(args.grid_side)
        grid.index("walk").edge_lines()
        bench_clearance(grid, args.grid_runs, (400.0, 1200.0), rng, f"synthetic grid ({grid.walk.number_of_nodes():,} nodes)")
    print("\ntargets: action agreement >= 0.90; people within +-50 %; routing model <= 200 ms on Helsinki, <= 5 s on the grid")
    print(f"load average at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
