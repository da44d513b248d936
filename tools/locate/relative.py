"""Relative descriptions: a relation to an anchor ("opposite Stockmann", "behind", 对面, "at the north end of"),
sides, stretches of a street between two places, a kind of place by an anchor."""

from __future__ import annotations

import math
import re

from tools.gazetteer import Entry, Mention, SAME_PLACE_M, has_cjk
from tools.locate.generic import _Generic
from tools.locate.model import Alternative, Resolution
from tools.locate.patterns import (
    _AFTER_RELATION_LINK,
    _APPOSITIVE,
    _BETWEEN,
    BETWEEN_MAX_M,
    _CJK_LINK,
    CONFIDENT_RADIUS_M,
    CONTEXT_NEAR_M,
    _CONTEXT_WORDS,
    _DIRECTION,
    _DIR_LABEL,
    _END,
    _PASSAGE_WORDS,
    RELATION_OFFSET_M,
    _REL_AFTER,
    _REL_BEFORE,
    _REL_LABEL,
    _SIDE,
    _SIDE_WORD,
    _STREET_CONTEXT,
)


class RelativeMixin:
    """Locator methods for relative descriptions and their anchors."""

    def _side(self, norm: str, anchor: Entry, cands: list[Entry]) -> Entry | None:
        """The candidate on the side of the anchor the report names ("the west side", "länsipuolella", "西侧"), when
        one lies clearly more that way than the others."""
        m = _SIDE.search(norm)
        if m is None:
            return None
        word = next(w for w in m.groups() if w)
        dx, dy = _DIRECTION[_SIDE_WORD.get(word, word)]
        ax, ay = self._xy(anchor.lat, anchor.lon)

        def along(e: Entry) -> float:
            ex, ey = self._xy(e.lat, e.lon)
            d = math.hypot(ex - ax, ey - ay) or 1.0
            return ((ex - ax) * dx + (ey - ay) * dy) / d  # cosine of the bearing off the named direction

        ranked = sorted(cands, key=along, reverse=True)
        return ranked[0] if along(ranked[0]) >= 0.5 and (len(ranked) == 1 or along(ranked[1]) < 0.2) else None

    def _between(self, text: str, norm: str, features: list[Mention], generics: list["_Generic"],
                 places: list[Mention]) -> Resolution | None:
        """"between the cathedral and the Bank of Finland", "mellan X och Y", "X:n ja Y:n välissä", "X和Y之间": the
        midpoint of two places (buildings, squares, descriptions of one place) near each other, never of two streets."""
        m = _BETWEEN.search(norm)
        if m is None:
            return None
        lo, hi = (m.end(), m.end() + 80) if m.group("before") else (max(0, m.start() - 80), m.start())
        host = next((p for p in places if p.entry.kind == "street" and p.end <= m.start() and m.start() - p.end <= 3
                     and p.entry.geometry is not None), None) if m.group("before") else None
        if host is not None:
            # "on Kluuvikatu, between the Esplanade and Aleksanterinkatu": the stretch of that street between the two.
            ends = [x for x in features + [p for p in places if p.entry.kind == "street" and p is not host]
                    if lo <= x.start and x.end <= hi]
            ends.sort(key=lambda x: x.start)
            if len(ends) == 2:
                return self._stretch(text, norm, host, ends[0], ends[1], m.start())
        spans: list[tuple[int, int, Entry]] = [(f.start, f.end, f.entry) for f in features if lo <= f.start and f.end <= hi]
        for g in generics:
            if lo <= g.start and g.end <= hi and not any(a < g.end and g.start < b for a, b, _ in spans):
                cands = self.generic_candidates(g.kind)
                res = self._generic(text, norm, g, cands, [p.entry for p in places]) if cands else None
                if res is None or res.alternatives:
                    return None  # "between the church and ...": which church?
                entry = next((e for e in cands if e.name == res.feature), None)
                if entry is None:
                    return None
                spans.append((g.start, g.end, entry))
        spans.sort(key=lambda t: t[0])
        if len(spans) != 2:
            return None
        (a0, _, ea), (_, b1, eb) = spans
        gap = self._dist(ea, eb)
        if gap > BETWEEN_MAX_M:
            return None
        (ax, ay), (bx, by) = self._xy(ea.lat, ea.lon), self._xy(eb.lat, eb.lon)
        lat, lon = self._latlon((ax + bx) / 2, (ay + by) / 2)
        radius = max(30.0, math.hypot(ax - bx, ay - by) / 2)
        a, b = min(a0, m.start()), max(b1, m.end())
        return Resolution(lat=lat, lon=lon, radius_m=round(radius, 1), confident=radius <= CONFIDENT_RADIUS_M, method="relative",
                          place=f"between {ea.name} and {eb.name}", feature=ea.name, feature_kind=ea.kind, category=ea.category,
                          ref=ea.ref or ea.id, relation="between", evidence=self._evidence(text, norm, a, b),
                          note=f"midway between {ea.name} and {eb.name}")

    def _stretch(self, text: str, norm: str, host: Mention, a: Mention, b: Mention, at: int) -> Resolution | None:
        """The middle of the stretch of the street ``host`` between the places ``a`` and ``b`` (each its nearest point)."""
        from shapely.geometry import Point
        from shapely.ops import nearest_points

        street = host.entry.geometry
        ga = a.entry.geometry if a.entry.geometry is not None else Point(*self._xy(a.entry.lat, a.entry.lon))
        gb = b.entry.geometry if b.entry.geometry is not None else Point(*self._xy(b.entry.lat, b.entry.lon))
        if street.distance(ga) > CONTEXT_NEAR_M or street.distance(gb) > CONTEXT_NEAR_M:
            return None  # the street does not run between them
        pa, pb = nearest_points(street, ga)[0], nearest_points(street, gb)[0]
        mid = nearest_points(street, Point((pa.x + pb.x) / 2, (pa.y + pb.y) / 2))[0]
        lat, lon = self._latlon(mid.x, mid.y)
        radius = max(30.0, pa.distance(pb) / 2)
        return Resolution(lat=lat, lon=lon, radius_m=round(radius, 1), confident=radius <= CONFIDENT_RADIUS_M, method="street",
                          place=f"{host.entry.name} between {a.entry.name} and {b.entry.name}", feature=host.entry.name,
                          feature_kind="street", category="street", ref=host.entry.ref, relation="between",
                          evidence=self._evidence(text, norm, host.start, max(a.end, b.end)),
                          note=f"the stretch of {host.entry.name} between {a.entry.name} and {b.entry.name}")

    def _head_before_context(self, text: str, norm: str, features: list[Mention], streets: list[Mention],
                             generics: list["_Generic"]) -> Resolution | None:
        """"under Långa bron vid Hagnäs", "bakom domkyrkan vid Senatstorget", "the little park by the old church",
        "老教堂公园里": a bridge or street with a relation word, or a description of a kind of place, right before
        "by / at / vid <named place>" (in Chinese right after it) is the place meant; the named place only says which
        one: the feature of that kind nearest to it."""
        ctx = features[0]
        m = _CONTEXT_WORDS.search(norm[max(0, ctx.start - 32): ctx.start])
        if m is not None:
            at = max(0, ctx.start - 32) + m.start()
            for s in streets:
                if s.end <= at and not norm[s.end:at].strip() and self._dist(s.entry, ctx.entry) <= CONTEXT_NEAR_M:
                    rel = self._relation(norm, s.start, s.end)
                    if rel is not None and rel[0] not in ("near",) and rel[2] == s.end:
                        return self._feature(text, norm, s.entry, s.start, s.end, s.score, "street")
            heads = [g for g in generics if g.end <= at and _APPOSITIVE.match(norm[g.end:at])]
        elif has_cjk(norm):
            heads = [g for g in generics if g.start >= ctx.end and _CJK_LINK.match(norm[ctx.end:g.start])]
        else:
            return None
        for g in heads:
            named_only = self._named_as_kind(g.kind)
            if ctx.entry in self.generic_candidates(g.kind) or ctx.entry in named_only \
                    or any(k in ctx.entry.tags for rule in g.kind.tags for k in rule if k not in ("building", "name")):
                continue  # "Forum商场" (a mall, a shop): the description is of the named place itself, not another place
            cands = [e for e in self.generic_candidates(g.kind) + named_only if e is not ctx.entry]
            if not cands:
                continue
            # The park named after the church (Vanha kirkko: Vanha kirkkopuisto) before a nearer one named otherwise.
            own = [k.replace(" ", "") for k in ctx.entry.keys if not has_cjk(k) and len(k) >= 5]
            def named_after(e: Entry) -> bool:
                return any(o in k.replace(" ", "") for o in own for k in e.keys)
            best = min(cands, key=lambda e: (not named_after(e), self._dist(e, ctx.entry)))
            if self._dist(best, ctx.entry) > CONTEXT_NEAR_M:
                continue
            # Another of the kind as close, and nothing in the names to choose: say so, do not be sure.
            others = [] if named_after(best) else \
                [e for e in cands if e is not best and self._dist(e, ctx.entry) <= self._dist(best, ctx.entry) + 30.0
                 and self._dist(e, best) > SAME_PLACE_M]
            a, b = (g.start, g.end) if m is not None else (ctx.start, g.end)
            res = self._feature(text, norm, best, a, b, 1.0, "feature", others)
            if best in named_only and res.relation is None:
                # OSM has the park only as a name on a label point, not its extent: the part of it by the named place
                # is between that label and the place, and the radius covers both.
                (ax, ay), (bx, by) = self._xy(ctx.entry.lat, ctx.entry.lon), self._xy(best.lat, best.lon)
                res.lat, res.lon = self._latlon((ax + bx) / 2, (ay + by) / 2)
                res.radius_m = round(math.hypot(ax - bx, ay - by) / 2 + best.radius_m, 1)
                res.confident = res.confident and res.radius_m <= CONFIDENT_RADIUS_M
                res.add_note(f"{best.name} is only a label point on the map: its part by {ctx.entry.name}.")
            said = m.group(1) if m is not None and m.group(1) not in ("at", "pa", "vid", "invid") else "by"
            res.add_note(f"the {g.kind.kind.replace('_', ' ')} {said} {ctx.entry.name}")
            return res
        return None

    def _kind_by_anchor(self, text: str, norm: str, generics: list["_Generic"], anchors: list["_Generic"],
                        rels: dict[int, tuple[str, int, int] | None], places: list[Entry]) -> Resolution | None:
        """"the park behind the cathedral", "火车站对面的酒店", "tuomiokirkon takana oleva kirkko": a description of a
        kind with a relation to another description is the place of that kind nearest the one the relation points at."""
        for g in anchors:
            rel = rels[id(g)]
            if rel is None or rel[0] == "under":
                continue  # "the tunnel under the station": the footprint above is the point (see _under)
            before = rel[1] < g.start  # English / Swedish: the relation word before the anchor
            head = next((h for h in generics if h is not g and h.kind is not g.kind and (
                (before and h.end <= rel[1] and not norm[h.end:rel[1]].strip())
                or (not before and h.start >= rel[2] and _AFTER_RELATION_LINK.match(norm[rel[2]:h.start])))), None)
            if head is None:
                continue
            if self._unknown_qualifier(text, norm, g.start, g.phrase not in self._generic_by_key) \
                    or self._unknown_qualifier(text, norm, head.start, head.phrase not in self._generic_by_key):
                return None  # "the church behind Tampere cathedral": the usual reading says it is not on the map
            cands_g = self.generic_candidates(g.kind)
            anchor_res = self._generic(text, norm, g, cands_g, places) if cands_g else None
            if anchor_res is None or not anchor_res.found or anchor_res.alternatives:
                continue  # no one anchor to measure from ("behind the church": which church?)
            anchor = next((e for e in cands_g if e.name == anchor_res.feature), None)
            if anchor is None:
                continue
            cands = [e for e in self._above_ground(self.generic_candidates(head.kind), norm) + self._named_as_kind(head.kind)
                     if e is not anchor and not (e.name == anchor.name and self._dist(e, anchor) <= SAME_PLACE_M)]
            if not cands:
                continue
            best = min(cands, key=lambda e: self._dist(e, anchor))
            gap = self._dist(best, anchor)
            if gap > CONTEXT_NEAR_M:
                continue  # none of that kind by it: the anchor, with the relation, is the best there is
            others = [e for e in cands if e is not best and self._dist(e, anchor) <= gap + 30.0 and self._dist(e, best) > 60.0]
            side = self._side(norm, anchor, [best, *others]) if others else None
            if side is not None:
                # "the bus terminal beside the station, the west side": the one on the side the report says.
                best, others = side, []
            a, b = (head.start, g.end) if before else (g.start, head.end)
            res = self._feature(text, norm, best, a, b, 1.0, "feature", others)
            if head.kind.confirm:
                res.confident = False
            said = _REL_LABEL[rel[0]]
            res.add_note(f"the {head.kind.kind.replace('_', ' ')} {said} {anchor.name}")
            return res
        return None

    def _street_by(self, text: str, norm: str, streets: list[Mention], start: int, end: int, res: Resolution) -> Resolution:
        """"på Brunnsgatan vid stationen", "Keskuskatu by Stockmann": a street named first and a place after "by / at /
        vid" is the part of the street nearest that place (the place says where along the street), not the place."""
        if not res.found or res.relation == "under":
            return res
        s = next((s for s in streets if s.end <= start and _STREET_CONTEXT.match(norm[s.end:start])), None)
        if s is None or s.entry.geometry is None or s.entry.geometry.geom_type == "Point":
            return res
        from shapely.geometry import Point
        from shapely.ops import nearest_points

        at = Point(*self._xy(res.lat, res.lon))
        # A place with an outline (a park, a square) is by the street where its edge is, not its centre (trial s18:
        # "Unioninkatu by Kaisaniemi park" was the whole park, ± 317 m, its centre 200 m from the street)
        outline = next((e.geometry for e in self.gaz.entries_for(res.feature or "") if e.ref == res.ref and e.ref
                        and e.geometry is not None and e.geometry.geom_type != "Point"), None)
        place = outline if outline is not None else at
        if s.entry.geometry.distance(place) > CONTEXT_NEAR_M:
            return res  # the place is not by that street: say the place
        q = nearest_points(s.entry.geometry, place)[0]
        lat, lon = self._latlon(q.x, q.y)
        radius = max(30.0, min(res.radius_m or 0.0, 100.0))
        return Resolution(lat=lat, lon=lon, radius_m=round(radius, 1), confident=res.confident, method="street",
                          place=f"{s.entry.name} by {res.feature}", feature=s.entry.name, feature_kind="street",
                          category="street", ref=s.entry.ref, anchor=res.feature, evidence=self._evidence(text, norm, s.start, end),
                          note=(res.note + " " if res.note else "") + f"the part of {s.entry.name} nearest {res.feature}",
                          alternatives=res.alternatives)

    def _relation(self, norm: str, start: int, end: int) -> tuple[str, int, int] | None:
        before = norm[max(0, start - 40): start]
        for rel, pat in _REL_BEFORE:
            m = re.search(r"(?<!\w)" + pat + r"(?: the| of the| of| to the| to)?(?: [\w]+){0,3} $", before)
            if m:
                return rel, max(0, start - 40) + m.start(), end
        after = norm[end: end + 40]  # one word may come between: "Stockmannin tavaratalon edessä"
        for rel, pat in _REL_AFTER:
            m = re.match(r"^ (?:\w+ ){0,1}?" + pat + r"(?!\w)", after)
            if m:
                return rel, start, end + m.end()
        return None

    def _end_of(self, norm: str, start: int, end: int, entry: Entry) -> tuple[float, float, float, str, int, int] | None:
        """'the north end of X' / 'X:n pohjoispäässä' / 'X北端': the part of the feature at that end."""
        window_b = norm[max(0, start - 40): start]
        m = None
        for cand in _END.finditer(window_b):
            m = cand
        a, b = (max(0, start - 40) + m.start(), end) if m else (start, end)
        if m is None:
            m2 = _END.match(norm[end: end + 16].lstrip())
            if not m2:
                return None
            m = m2
            a, b = start, end + 1 + m2.end()
        word = next(g for g in m.groups() if g)
        dx, dy = _DIRECTION[word]
        if entry.geometry is None or entry.geometry.geom_type == "Point":
            return None
        import numpy as np
        import shapely

        coords = shapely.get_coordinates(entry.geometry)
        proj = coords[:, 0] * dx + coords[:, 1] * dy
        lo, hi = float(proj.min()), float(proj.max())
        extent = hi - lo
        sel = coords[proj >= hi - 0.12 * extent]
        x, y = float(np.mean(sel[:, 0])), float(np.mean(sel[:, 1]))
        lat, lon = self._latlon(x, y)
        return lat, lon, max(25.0, 0.15 * extent + 15.0), word, a, b

    def _under(self, anchor: Entry, norm: str) -> Entry | None:
        """An underground feature (passage, tunnel, station level) at the anchor, when the report speaks of one."""
        if not _PASSAGE_WORDS.search(norm):
            return None
        best, best_d = None, math.inf
        for e in self._landmarks:
            t = e.tags
            if not (t.get("tunnel") in ("yes",) or t.get("layer", "0").startswith("-") or t.get("location") == "underground"):
                continue
            d = self._dist(anchor, e)
            if d < best_d and d <= 150.0:
                best, best_d = e, d
        return best

    def _feature(self, text: str, norm: str, entry: Entry, start: int, end: int, score: float, how: str,
                 alternatives: list[Entry] | None = None) -> Resolution:
        lat, lon, radius = entry.lat, entry.lon, entry.radius_m
        place, relation, note = entry.name, None, ""
        a, b = start, end
        end_hit = self._end_of(norm, start, end, entry)
        rel = self._relation(norm, start, end)
        if end_hit is not None:
            lat, lon, radius, word, a, b = end_hit
            relation = "end"
            place = f"{_DIR_LABEL.get(word, word)} end of {entry.name}"
        elif rel is not None:
            relation, a, b = rel
            radius = radius + RELATION_OFFSET_M[relation]
            place = f"{_REL_LABEL[relation]} {entry.name}"
            if relation == "under":
                below = self._under(entry, norm)
                if below is not None:
                    # The footprint above is the best point; the passage under it is named so crews take the right way down.
                    place = f"{below.name}, under {entry.name}"
                    note = f"underground: {below.name} ({below.category}) runs under or beside {entry.name}"
                elif entry.kind == "street":
                    note = f"below {entry.name} (under the bridge or overpass), not a street address"
                else:
                    note = "underground, below the feature"
        alts = [Alternative(name=e.name, lat=e.lat, lon=e.lon, radius_m=round(e.radius_m, 1), why="also fits the words")
                for e in (alternatives or []) if e is not entry]
        confident = radius <= CONFIDENT_RADIUS_M and score >= 0.9 and not alts
        kind = "relative" if relation else how
        return Resolution(lat=lat, lon=lon, radius_m=round(radius, 1), confident=confident, method=kind, place=place,
                          feature=entry.name, feature_kind=entry.kind, category=entry.category, ref=entry.ref or entry.id,
                          relation=relation, evidence=self._evidence(text, norm, a, b), note=note, alternatives=alts)
