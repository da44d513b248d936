"""The evacuation planner's steps one by one, on small grids where the right answer is known."""

from __future__ import annotations

import numpy as np
import pytest

from tools.evacuation import Hazard
from tools.evacuation.assembly import assembly_for_zone, choose_assembly_points, exit_search
from tools.evacuation.report import assembly_points_and_clearance
from tools.evacuation.steps import affected_groups, hazard_network, time_to_nearest_shelter, travel_costs, usable_shelters


def _city(make_grid_city, at):
    # 7 x 7 blocks of 100 m; a zone in the middle, one shelter in each corner.
    zones = [{"id": "M", "name": "Middle", "center": at(3, 3), "radius_m": 150, "population": {"resident": 100, "daytime": 300, "vulnerable": 30}}]
    shelters = [
        {"id": "SW", "name": "South-west hall", "location": at(0, 0), "capacity": 1000, "accessible": True},
        {"id": "NE", "name": "North-east hall", "location": at(6, 6), "capacity": 1000, "unsuitable_for": ["fire"]},
        {"id": "MID", "name": "Middle school", "location": at(3, 4), "capacity": 1000},
    ]
    return make_grid_city(7, zones=zones, shelters=shelters)


def test_hazard_network_blocks_the_edges_it_touches_and_marks_the_nodes_inside(make_grid_city, at):
    city = _city(make_grid_city, at)
    net = hazard_network(city, Hazard(hazard_type="fire", center=tuple(at(3, 3)), radius_m=50), "walk")
    idx = city.index("walk")
    inside = {int(idx.node_ids[i]) for i in np.flatnonzero(net.inside_node)}
    assert inside == {3 * 7 + 3}
    # The four streets out of the centre node, both directions, touch the circle; nothing else does.
    touched = {(int(idx.node_ids[idx.edge_u[k]]), int(idx.node_ids[idx.edge_v[k]])) for k in np.flatnonzero(net.in_hazard_edge)}
    assert len(touched) == 8 and all(24 in e for e in touched)
    assert not net.free[net.in_hazard_edge].any()
    assert not net.has_free_exit[idx.index_of(24)] and net.has_free_exit[idx.index_of(0)]


def test_affected_groups_take_the_overlap_share_and_split_off_vulnerable_people(make_grid_city, at):
    city = _city(make_grid_city, at)
    warnings: list[str] = []
    net = hazard_network(city, Hazard(hazard_type="fire", center=tuple(at(3, 3)), radius_m=150), "walk")
    chosen, groups = affected_groups(city, net.area, None, "daytime", "walk", warnings)
    assert [z.id for z in chosen] == ["M"]
    assert {g.vulnerable: g.people for g in groups} == {False: 270, True: 30}  # the circles coincide: all 300
    assert next(g for g in groups if g.vulnerable).slowdown == 1.5
    # Named zones are evacuated whole, whatever the hazard covers.
    _, groups = affected_groups(city, None, ["Middle"], "resident", "drive", warnings)
    assert sum(g.people for g in groups) == 100 and all(g.slowdown == 1.0 for g in groups)


def test_usable_shelters_say_why_a_shelter_is_left_out(make_grid_city, at):
    city = _city(make_grid_city, at)
    hazard = Hazard(hazard_type="fire", center=tuple(at(3, 3)), radius_m=150)
    rows, status = usable_shelters(city, hazard, hazard_network(city, hazard, "walk").area, "walk")
    assert [s.id for s, _ in rows] == ["SW"]
    assert status == {"SW": "usable", "NE": "excluded: unsuitable for fire", "MID": "excluded: inside the hazard area"}


def test_people_inside_leave_by_the_exit_nearest_a_shelter_and_trips_add_up(make_grid_city, at):
    city = _city(make_grid_city, at)
    hazard = Hazard(hazard_type="fire", center=tuple(at(3, 3)), radius_m=120)
    idx = city.index("walk")
    net = hazard_network(city, hazard, "walk")
    rows, _ = usable_shelters(city, hazard, net.area, "walk")
    to_shelter = time_to_nearest_shelter(net, rows)
    found = assembly_for_zone(idx, net, exit_search(idx, net, to_shelter, True), idx.index_of(24))
    # The only usable shelter is at the south-west corner: leave west or south, two blocks out.
    assert int(idx.node_ids[found.node]) in (3 * 7 + 1, 1 * 7 + 3)
    assert found.egress_s == pytest.approx((len(found.path) - 1) * 100 / 1.2)
    warnings: list[str] = []
    chosen, groups = affected_groups(city, net.area, None, "daytime", "walk", warnings)
    assembly_of, unreachable = choose_assembly_points(city, "walk", net, chosen, to_shelter, True, warnings)
    assert not unreachable and assembly_of["M"].node == found.node
    for g in groups:
        g.assembly, g.egress_s = found.node, found.egress_s * g.slowdown
    cost, _, _ = travel_costs(idx, net, groups, rows)
    # Two blocks out, then four blocks to the corner: 6 blocks, the vulnerable 1.5x slower.
    assert cost[0, 0] == pytest.approx(6 * 100 / 1.2)
    assert cost[1, 0] == pytest.approx(1.5 * 6 * 100 / 1.2)
    flows = {(0, 0): groups[0].people, (1, 0): groups[1].people}
    points, clearance = assembly_points_and_clearance(city, "walk", chosen, assembly_of, groups, flows, cost)
    assert points[0].people == 192  # (120 / 150)² of the zone's 300 daytime people
    assert clearance == pytest.approx(cost[1, 0] / 60 + 192 / 60.0)  # longest trip + people / throughput
