"""Location phrases (bench/data/location_phrases.yaml): how often the resolved point is near the truth.

For every phrase: resolve it on the default scenario and measure the distance to the true
spot. Printed per language and per kind:
  * within 100 m (and 250 m) of the truth, over the phrases whose place is on the map;
  * confident answers for places outside the map (target 0);
  * time per phrase (p50, p95).

The new resolver is ``city.locator.locate`` (tools/locate/). With ``--old`` the script
runs the older gazetteer's way (``find_in_text`` + the pipeline's ranking of kinds, any
match taken as the location): run it with the old code first on the path, e.g.

    git worktree add /work/wt/place-old main
    PYTHONPATH=/work/wt/place-old python bench/bench_locations.py --old
    python bench/bench_locations.py
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

_OLD_RANK = ("street", "landmark", "shelter", "staging", "station", "hospital", "zone")


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] if values else float("nan")


def resolve_old(city, phrase: str) -> tuple[float | None, float | None, bool, str]:
    """What the pipeline did before: the best-ranked place found in the text; confident unless approximate."""
    matches = city.gazetteer.find_in_text(phrase)
    if not matches:
        return None, None, False, ""
    rank = {k: i for i, k in enumerate(_OLD_RANK)}
    best = sorted(matches, key=lambda m: (rank.get(m.kind, 9), -m.score))[0]
    return best.lat, best.lon, best.score >= 0.9, f"{best.name} ({best.kind})"


def resolve_new(city, phrase: str) -> tuple[float | None, float | None, bool, str]:
    r = city.locator.locate(phrase)
    return r.lat, r.lon, r.confident, f"{r.place} [{r.method}{', ±%.0f m' % r.radius_m if r.radius_m else ''}]"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", action="store_true", help="the older gazetteer's way (run with the old code on PYTHONPATH)")
    parser.add_argument("--data", default=str(ROOT / "bench" / "data" / "location_phrases.yaml"))
    parser.add_argument("--show-misses", action="store_true")
    opts = parser.parse_args()
    from core.geo import haversine_m
    from tools.city import CityModel

    t0 = time.perf_counter()
    city = CityModel.load()
    resolve = resolve_old if opts.old else resolve_new
    resolve(city, "warm up on Mannerheimintie")
    print(f"city ready in {time.perf_counter() - t0:.1f} s ({'old gazetteer' if opts.old else 'new locator'})")
    items = yaml.safe_load(Path(opts.data).read_text(encoding="utf-8"))

    stats: dict[str, dict[str, list]] = {"lang": defaultdict(list), "kind": defaultdict(list)}
    outside_conf: dict[str, list[bool]] = defaultdict(list)
    times: list[float] = []
    misses = []
    for item in items:
        t = time.perf_counter()
        lat, lon, confident, label = resolve(city, item["phrase"])
        times.append((time.perf_counter() - t) * 1000)
        if item.get("outside"):
            outside_conf[item["lang"]].append(bool(confident and lat is not None))
            if confident and lat is not None:
                misses.append((item["id"], item["kind"], item["phrase"], f"CONFIDENT for an outside place: {label}"))
            continue
        truth = item["truth"]
        d = haversine_m(truth["lat"], truth["lon"], lat, lon) if lat is not None else math.inf
        for axis, key in (("lang", item["lang"]), ("kind", item["kind"])):
            stats[axis][key].append(d)
        if d > 100:
            misses.append((item["id"], item["kind"], item["phrase"], f"{d:.0f} m: {label}" if lat is not None else "not located"))

    def line(name: str, ds: list[float]) -> str:
        n = len(ds)
        w100 = sum(d <= 100 for d in ds)
        w250 = sum(d <= 250 for d in ds)
        return f"  {name:24s} {w100:3d}/{n:<3d} ({100 * w100 / n:5.1f}%) within 100 m, {w250:3d} ({100 * w250 / n:5.1f}%) within 250 m"

    for axis in ("lang", "kind"):
        print(f"by {axis}:")
        for key in sorted(stats[axis]):
            print(line(key, stats[axis][key]))
    every = [d for ds in stats["lang"].values() for d in ds]
    print(line("ALL (place on the map)", every))
    n_out = sum(len(v) for v in outside_conf.values())
    conf_out = sum(sum(v) for v in outside_conf.values())
    print(f"  outside the map: {conf_out}/{n_out} confident answers (target 0) " +
          ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(outside_conf.items())))
    print(f"  time per phrase: p50 {statistics.median(times):.2f} ms, p95 {pct(times, 0.95):.2f} ms, max {max(times):.1f} ms")
    if opts.show_misses:
        print("misses:")
        for m in misses:
            print("  ", *m)


if __name__ == "__main__":
    main()
