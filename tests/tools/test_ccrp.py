"""The CCRP routing model on small graphs where the clearance time can be worked out by hand."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from tools.ccrp import Destination, Source, ccrp
from tools.routing import GraphIndex, LocalProjection


def _index(edges: list[tuple[int, int, float]]) -> GraphIndex:
    g = nx.DiGraph()
    for u, v, t in edges:
        for n in (u, v):
            g.add_node(n, lat=60.17 + n * 1e-4, lon=24.94)
        g.add_edge(u, v, travel_time_s=t, length_m=t, name=f"{u}-{v}", highway="footway")
    return GraphIndex(g, LocalProjection(60.17, 24.94))


def test_a_single_street_lets_people_through_slot_by_slot():
    # 0 -> 1 -> 2, 10 s each; the first street takes 1 person/s, i.e. 10 a 10-s slot.
    idx = _index([(0, 1, 10.0), (1, 2, 10.0)])
    cap = np.array([1.0, 100.0])
    res = ccrp(idx, [Source(idx.index_of(0), 35)], [Destination(idx.index_of(2))], cap, slot_s=10.0)
    assert res.moved == 35 and res.left == 0
    # Four departure slots (10 + 10 + 10 + 5): the last group leaves at 30 s and needs 20 s.
    assert res.clearance_s == pytest.approx(50.0)
    assert sorted(r.people for r in res.routes) == [5, 10, 10, 10]


def test_people_take_the_longer_street_when_the_short_one_is_full():
    # Short way 0 -> 1 -> 3 (20 s, 1 person/s); long way 0 -> 2 -> 3 (40 s, 1 person/s).
    idx = _index([(0, 1, 10.0), (1, 3, 10.0), (0, 2, 20.0), (2, 3, 20.0)])
    cap = np.full(4, 1.0)
    short = np.array([int(idx.node_ids[v]) in (1, 3) for v in idx.edge_v])  # edges into 1 and 3 along the short way
    short &= ~np.array([int(idx.node_ids[u]) == 2 for u in idx.edge_u])
    one_way = ccrp(idx, [Source(idx.index_of(0), 40)], [Destination(idx.index_of(3))], cap, slot_s=10.0, allowed=short)
    both = ccrp(idx, [Source(idx.index_of(0), 40)], [Destination(idx.index_of(3))], cap, slot_s=10.0, reuse_slots=0)
    assert one_way.clearance_s == pytest.approx(30.0 + 20.0)   # slots at 0, 10, 20, 30 s on the short way
    assert both.clearance_s == pytest.approx(40.0)              # short way at 0, 10, 20 s; long way at 0 s
    # Route reuse (the default) stays within one slot of the exact answer.
    reused = ccrp(idx, [Source(idx.index_of(0), 40)], [Destination(idx.index_of(3))], cap, slot_s=10.0)
    assert both.clearance_s <= reused.clearance_s <= both.clearance_s + 10.0
    assert {tuple(r.path) for r in both.routes} == {(idx.index_of(0), idx.index_of(1), idx.index_of(3)), (idx.index_of(0), idx.index_of(2), idx.index_of(3))}


def test_a_full_destination_sends_the_rest_to_the_next_and_nobody_is_lost():
    idx = _index([(0, 1, 10.0), (0, 2, 30.0)])
    cap = np.full(2, 100.0)
    res = ccrp(idx, [Source(idx.index_of(0), 50)], [Destination(idx.index_of(1), capacity=20), Destination(idx.index_of(2), capacity=100)], cap)
    assert res.arrivals == {0: 20, 1: 30}
    tight = ccrp(idx, [Source(idx.index_of(0), 50)], [Destination(idx.index_of(1), capacity=20)], cap)
    assert tight.moved == 20 and tight.left == 30


def test_a_building_exit_limits_how_fast_people_get_out():
    idx = _index([(0, 1, 10.0)])
    cap = np.array([100.0])
    res = ccrp(idx, [Source(idx.index_of(0), 30, release_s=45.0, exit_pps=1.0)], [Destination(idx.index_of(1))], cap, slot_s=10.0)
    # Stairs first (45 s), then 10 people a slot through the door: slots starting 45 (in slot 4), 50, 60.
    assert res.moved == 30
    assert res.clearance_s == pytest.approx(60.0 + 10.0)


def test_reserved_destinations_are_kept_to_their_sources():
    # Two sources at 0 and 3; shelter 1 is reserved for source A, shelter 2 for source B, although B is next to 1.
    idx = _index([(0, 1, 10.0), (3, 1, 5.0), (3, 2, 50.0), (0, 2, 60.0)])
    cap = np.full(4, 100.0)
    a, b = Source(idx.index_of(0), 10), Source(idx.index_of(3), 10)
    res = ccrp(idx, [a, b], [Destination(idx.index_of(1), allowed={0}), Destination(idx.index_of(2), allowed={1})], cap)
    assert {(r.source, r.destination, r.people) for r in res.routes} == {(0, 0, 10), (1, 1, 10)}
    assert res.clearance_s == pytest.approx(50.0)
