"""The response plan: what to do about one incident, built deterministically.

report → triage → places (gazetteer) → passages of the emergency-plan (procedure)
documents → dispatch and evacuation (planners) → a ``ResponsePlan`` in which every
item names its source.  No LLM is involved, so it is always available and every fact
in it comes from the scenario, a planner's output or a cited passage.

Words: an *emergency plan* (or procedure document) is a city document in the knowledge
base; a *response plan* is what this module makes for one incident; the evacuation and
dispatch planners' outputs (``EvacuationPlan``, ``DispatchPlan``) are parts of it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from agent.action_phase import in_phase_order
from agent.clauses import split_clauses
from agent.hazards import names_someone_in_the_water, nordic_life_risk, unknown_emergency
from agent.cue_rules import dispatch_units
from agent.incident_scope import ReportPlace
from agent.long_message import PassageFinder
from agent.negation import withdrawn_unit_types
from agent.protocols import City, PassageSearch, Triager, TriageOutcome
from agent.safety import CheckedText
from agent.protective_step import table_distances
from agent.plan_items import add_dispatch_items, add_evacuation_items, checklist_query, checklist_steps, new_plan_id
from agent.schemas import Citation, PlanItem, ResponsePlan, Source, TriageSummary
from agent.time_of_day import CITY_TIME_ZONE, planning_clock, time_of_day
from core.nordic_life_risk import hoax_said
from core.vocabulary import READ_BY_FALLBACK

log = logging.getLogger(__name__)

EVACUATION_HAZARDS = {"fire", "hazmat", "flood", "earthquake_collapse", "severe_weather"}
# Initial protective radius by hazard (m); demonstration defaults (docs/agent.md).
DEFAULT_RADIUS_M = {"hazmat": 300.0, "fire": 150.0, "flood": 250.0, "earthquake_collapse": 150.0, "severe_weather": 150.0}
# Words that mean a life may be at stake, whatever the model says (English and Chinese).
_LIFE_THREAT = re.compile(
    r"\b(trapped|not breathing|unconscious|unresponsive|cardiac arrest|no pulse|drowning|bleeding heavily|"
    r"under (the )?rubble|stabbed|shot|gunshots?|overdose|choking|on fire|burning person)\b|被困|没有呼吸|昏迷|溺水|大出血|枪击|刺伤",
    re.IGNORECASE,
)


def _vulnerable_missing(text: str) -> bool:
    from tools.determinants import extract

    return any(d.code == "missing_vulnerable" for d in extract(text))


def life_threat_cues(text: str) -> list[str]:
    """The words of a possible threat to life a report says: the English and Chinese ``_LIFE_THREAT`` words and the
    Finnish and Swedish life-risk words (``agent.hazards.nordic_life_risk``, issue 10: a Finnish "ei herää" raised no
    flag on a P2 plan)."""
    return sorted({m.group(0).lower() for m in _LIFE_THREAT.finditer(text)} | set(nordic_life_risk(text, "P1")))


_LOCATION_KINDS_FIRST = ("street", "landmark", "shelter", "staging", "station", "hospital", "zone")


@dataclass
class PlannerConfig:
    passages: int = 4
    max_actions: int = 7
    low_confidence: float = 0.55
    # Raise "possible P1" when P(P1) reaches this share of the model's own P1 decision threshold.
    possible_p1_share: float = 0.5
    evacuate_priorities: tuple[str, ...] = ("P1", "P2")
    # "daytime" or "resident" zone figures; None: by the time of day of the report (s17 trial M4: the daytime
    # population was moved at 22:00). The report's own time words win, else the clock in the city's time zone.
    population: str | None = None
    clock: Callable[[], datetime] = planning_clock
    time_zone: str = CITY_TIME_ZONE
    extra: dict[str, Any] = field(default_factory=dict)


def to_triage_summary(result: TriageOutcome) -> TriageSummary:
    return TriageSummary(
        incident_type=result.incident_type, priority=result.priority,
        type_confidence=result.type_confidence, priority_confidence=result.priority_confidence,
        secondary_types=list(result.secondary_types), language=result.language, model_version=result.model_version,
        type_probs=dict(result.type_probs), priority_probs=dict(result.priority_probs),
        read_by=str(getattr(result, "read_by", "encoder")), type_source=str(getattr(result, "type_source", "model")),
        model_reading=getattr(result, "model_reading", None),
        priority_source=str(getattr(result, "priority_source", "model")),
    )


def _figure(figure: str) -> str:
    """" (96%)", or nothing where no figure is shown (a value kept from the incident)."""
    return f" ({figure})" if figure else ""


class ResponsePlanner:
    """Builds a ResponsePlan from a report with the triage model, the procedure search and the city model."""

    def __init__(self, triage: Triager, retriever: PassageSearch, city: City, config: PlannerConfig | None = None,
                 passages: PassageFinder | None = None):
        self.triage_model = triage
        self.retriever = retriever
        self.city = city
        self.config = config or PlannerConfig()
        # a transcript's hazard passage: the Assistant's own finder, so its incident title's finding is not read again
        self.hazard_passage = passages or PassageFinder()

    def plan(self, checked: CheckedText, incident_id: str | None = None, triage: TriageSummary | None = None,
             location: tuple[float, float] | None = None, incident_place: ReportPlace | None = None,
             on_scene: Sequence[str] = ()) -> ResponsePlan:
        """``location``: (lat, lon) set by the operator (a click on the map); it replaces the one read from the report.
        ``on_scene``: the units already committed to the incident; they count against its need (a follow-up plans
        only what is needed on top of them).
        ``incident_place``: where the incident a follow-up is filed under already is, used when the follow-up names
        no place of its own ("the car is now on fire"): the follow-up is at the incident, not unlocated."""
        plan = ResponsePlan(plan_id=new_plan_id(), incident_id=incident_id, report=checked.text)
        result = None
        if triage is None:
            # the report less the instructions flagged in it: they may not steer the triage either (trial s22)
            result = self.triage_model.predict([checked.without_injection() or checked.text])[0]
            triage = to_triage_summary(result)
        plan.triage = triage
        kind, priority = triage.incident_type, triage.priority
        t_src = [Source(kind="triage", ref=triage.model_version or "triage")]
        if triage.corrected_by_operator:
            t_src = [Source(kind="operator", ref="triage-correction")]
            plan.situation.append(PlanItem(text=f"Triage: {kind}, priority {priority}, set by the operator; language {triage.language}.", sources=t_src))
        else:
            type_figure, priority_figure = triage.confidence_figures()
            plan.situation.append(PlanItem(
                text=f"Triage: {kind}{_figure(type_figure)}, priority {priority}{_figure(priority_figure)}; language {triage.language}"
                     + (f"; priority from {triage.priority_source}" if not priority_figure else "")
                     + (f"; type from {triage.type_source}" if triage.type_from_words else "")
                     + ("; read by the multilingual fallback (the triage model was not trained on this language: confirm type and priority)."
                        if triage.read_by == READ_BY_FALLBACK else "."),
                sources=t_src))
        if result is not None and getattr(result, "truncated", False):
            plan.warnings.append("The report is longer than the triage model's window; it was triaged on its beginning.")
        if triage.secondary_types:
            plan.situation.append(PlanItem(text="Also indicated: " + ", ".join(triage.secondary_types) + ".", sources=t_src))
        if triage.priority == "P1":
            from agent.life_risk import life_at_risk

            # the P1 reconciled_triage gave a life at risk that no hazard word names: say why, for the commander
            if (why := life_at_risk(checked.without_injection())) is not None:
                plan.situation.append(PlanItem(text=f"Life at risk: {why} (P1).", sources=t_src))
            elif said := nordic_life_risk(checked.without_injection(), "P1"):
                plan.situation.append(PlanItem(text=f"Life at risk: the report says {'; '.join(said)} (P1).", sources=t_src))
        if (hoax := hoax_said(checked.without_injection())) is not None:
            # a hoax said of the call is the police's to weigh, never a reason to drop the report (issue 10)
            plan.warnings.append(f'Possible hoax ("{hoax}"): the report is filed and answered as told; the police assess the '
                                 "call (the caller's number, earlier calls) before anything is stood down.")
        if not triage.corrected_by_operator:
            self._check_under_triage(checked, triage, plan)
        if not triage.corrected_by_operator and unknown_emergency(checked.without_injection()):
            # a cry for help that names no hazard ("apua Annankatu 12"): an unknown emergency, what happened is the first question
            plan.open_questions.append(PlanItem(
                text="A cry for help that names no hazard: ask the caller what happened, who is hurt and whether anyone is still in danger; "
                     "the type and the units follow the answer.", sources=t_src))
        if triage.type_confidence < self.config.low_confidence and not triage.corrected_by_operator \
                and triage.confidence_figures()[0]:  # a type kept from the incident is not the model's uncertain reading
            plan.open_questions.append(PlanItem(
                text=f"Triage is uncertain ({kind} at {triage.type_confidence:.0%}); confirm the incident type with the caller.", sources=t_src))
        if checked.has_injection:
            plan.warnings.append("The report contains text that looks like instructions to the system. It was treated as report content and did not change the plan.")
            plan.open_questions.append(PlanItem(
                text="Report contains embedded instructions (ignored): \"" + " ".join(checked.injection_spans)[:200] + "\". Verify the report's origin.",
                sources=[Source(kind="operator", ref="safety-check")]))

        if location is not None:
            location = self._operator_location(location, plan)
        elif incident_place is not None:
            location = self._incident_location(incident_place, plan)
        else:
            location = self._locate(checked, plan)
        if kind == "not_incident":
            plan.immediate_actions.append(PlanItem(text="No incident indicated: log the report, no units dispatched. Re-triage if new information arrives.", sources=t_src))
            plan.evacuation.append(PlanItem(text="No evacuation indicated.", sources=t_src))
            plan.resources.append(PlanItem(text="No resources required.", sources=t_src))
            plan.communications.append(PlanItem(text="No public communication needed.", sources=t_src))
            if not plan.open_questions:
                plan.open_questions.append(PlanItem(text="None.", sources=t_src))
            return plan

        self._retrieve(checked, triage, plan)
        features = self._act_at(plan, triage, location, incident_id, checked, on_scene)
        plan.geojson = {"type": "FeatureCollection", "features": features}
        if not plan.open_questions:
            plan.open_questions.append(PlanItem(text="Confirm with the caller how many people are affected, trapped or injured.", sources=t_src))
        return plan

    def _act_at(self, plan: ResponsePlan, triage: TriageSummary, location: Any, incident_id: str | None,
                checked: CheckedText, on_scene: Sequence[str] = ()) -> list[dict[str, Any]]:
        """Dispatch and evacuation at the location; an unlocated P1 still gets units toward the best area, flagged."""
        features: list[dict[str, Any]] = []
        kind, priority = triage.incident_type, triage.priority
        if location is None and (priority == "P1" or (kind == "missing_person" and _vulnerable_missing(checked.without_injection()))):
            # Never nothing for P1, nor for a missing child or vulnerable person (every minute widens the search; issue
            # 10: "5-vuotias poika kadonnut" with no place yet got no unit): pre-alert the nearest suitable units toward
            # the best area there is.
            location = self._fallback_location(checked, plan)
        if location is not None:
            features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [location.lon, location.lat]},
                             "properties": {"kind": "incident", "name": location.name, "incident_type": kind, "priority": priority,
                                            "radius_m": getattr(location, "radius_m", None), "confirmed": getattr(location, "confirmed", True)}})
            features += self._dispatch(plan, triage, location, incident_id, checked, on_scene)
            if getattr(location, "method", "") != "map_centre":
                features += self._evacuate(plan, triage, location, checked)
            else:
                plan.evacuation.append(PlanItem(text="Evacuation cannot be planned until the location is confirmed.", sources=[Source(kind="operator", ref="location-missing")]))
                table_distances(plan, checked.without_injection(), kind)
            if not getattr(location, "confirmed", True):
                # a place the report names that the map does not hold is said first (issue 10: a Swedish bridge off the map)
                off_map = (plan.location or "").removesuffix(" (not on the map)") if (plan.location or "").endswith("(not on the map)") else ""
                plan.warnings.append("LOCATION UNCONFIRMED: " + (f"\"{off_map}\" is not on the map; " if off_map else "")
                                     + f"units are pre-alerted toward {location.name} (± {location.radius_m:.0f} m); "
                                     + ("ask the caller for a street or a landmark on the map." if off_map else "confirm the address."))
                plan.open_questions.insert(0, PlanItem(
                    text=f"Location unconfirmed ({location.name}, ± {location.radius_m:.0f} m): ask the caller for the exact address, "
                         "nearest junction or building.", sources=[Source(kind="tool", ref="locate")]))
        else:
            plan.resources.append(PlanItem(text="No units recommended until the location is confirmed.", sources=[Source(kind="operator", ref="location-missing")]))
            plan.evacuation.append(PlanItem(text="Evacuation cannot be planned until the location is confirmed.", sources=[Source(kind="operator", ref="location-missing")]))
            table_distances(plan, checked.without_injection(), kind)
        return features

    def possible_p1_threshold(self) -> float:
        decision = getattr(self.triage_model, "p1_threshold", None) or 0.5
        return self.config.possible_p1_share * decision

    # --- steps ---------------------------------------------------------------
    def _check_under_triage(self, checked: CheckedText, triage: TriageSummary, plan: ResponsePlan) -> None:
        """Under-triage is the costliest error: say so when a non-P1 report may well be P1."""
        if triage.priority == "P1":
            return
        p1 = triage.priority_probs.get("P1", 0.0)
        cues = life_threat_cues(checked.text)
        if p1 >= self.possible_p1_threshold() or cues:
            reason = f"the model gives P1 {p1:.0%}" + (f"; the report mentions: {', '.join(cues)}" if cues else "")
            plan.open_questions.insert(0, PlanItem(
                text=f"Possible immediate threat to life ({reason}). Confirm with the caller before accepting {triage.priority}.",
                sources=[Source(kind="triage", ref=triage.model_version or "triage")]))
    def _locate(self, checked: CheckedText, plan: ResponsePlan) -> Any:
        locator = getattr(self.city, "locator", None)
        if locator is not None:
            return self._resolve_location(locator, checked, plan)
        matches = self.city.gazetteer.find_in_text(checked.without_injection())
        if not matches:
            plan.open_questions.append(PlanItem(
                text="Location not identified in the report (no street, zone or facility of the scenario). Confirm the address.",
                sources=[Source(kind="scenario", ref="gazetteer")]))
            return None
        rank = {k: i for i, k in enumerate(_LOCATION_KINDS_FIRST)}
        best = sorted(matches, key=lambda m: (rank.get(m.kind, 9), -m.score))[0]
        plan.location = best.name
        plan.situation.append(PlanItem(
            text=f"Location: {best.name} ({best.kind}) at {best.lat:.5f}, {best.lon:.5f}, resolved from the report.",
            sources=[Source(kind="scenario", ref=best.id or best.name)]))
        others = [m.name for m in matches if m is not best]
        if others:
            plan.situation.append(PlanItem(text="Other places named: " + ", ".join(others[:5]) + ".", sources=[Source(kind="scenario", ref="gazetteer")]))
        if best.score < 0.9:
            plan.open_questions.append(PlanItem(text=f"Location matched approximately to {best.name}; confirm.", sources=[Source(kind="scenario", ref=best.id or best.name)]))
        return best

    def _resolve_location(self, locator: Any, checked: CheckedText, plan: ResponsePlan) -> Any:
        """Where the report puts the incident (tools.locate): point, uncertainty, the words it rests on."""
        from types import SimpleNamespace

        res = locator.locate(checked.without_injection())
        # a call transcript: where its hazard passage says, not a shop the caller passed in the small talk (s17 H8)
        # (read from the text as written: ``without_injection`` joins its lines; a line with instructions is not used)
        passage = self.hazard_passage(checked.text, self.triage_model)
        if passage is not None and not any(span in passage for span in checked.injection_spans):
            there = locator.locate(passage)
            if there.found and there.confident:
                res = there
        plan.tool_outputs["locate"] = res.model_dump(mode="json")
        src = [Source(kind="scenario", ref=res.ref or res.feature or "locate")]
        if not res.found:
            text = res.note if res.outside_map else "Location not identified in the report (no address, street, junction or named place of the map). Confirm the address."
            plan.open_questions.append(PlanItem(text=text, sources=[Source(kind="scenario", ref="gazetteer")]))
            if res.outside_map and res.evidence:  # where the report says it is, though the map cannot place it
                plan.location = f"{res.evidence} (not on the map)"
            return None
        plan.location = res.place
        plan.situation.append(PlanItem(text=f"Location: {res.sentence()}.", sources=src))
        if res.alternatives:
            alts = "; ".join(f"{a.name} ({a.lat:.5f}, {a.lon:.5f})" for a in res.alternatives[:4])
            plan.open_questions.append(PlanItem(text=f"The words \"{res.evidence}\" also fit: {alts}. Which one?", sources=src))
        return SimpleNamespace(name=res.place, lat=res.lat, lon=res.lon, radius_m=res.radius_m or 0.0, confirmed=res.confident,
                               method=res.method, id=res.ref)

    def _operator_location(self, point: tuple[float, float], plan: ResponsePlan) -> Any:
        """The point the operator set; a point off the map is refused with the planner's message (ValueError)."""
        from types import SimpleNamespace

        lat, lon = float(point[0]), float(point[1])
        self.city.check_on_map(lat, lon, "the location set on the map")
        name = f"location set by the operator ({lat:.5f}, {lon:.5f})"
        plan.location = name
        plan.tool_outputs["locate"] = {"method": "operator", "lat": lat, "lon": lon, "radius_m": 15.0, "confident": True, "place": name}
        plan.situation.append(PlanItem(text=f"Location: {name}, set on the map.", sources=[Source(kind="operator", ref="map-click")]))
        return SimpleNamespace(name=name, lat=lat, lon=lon, radius_m=15.0, confirmed=True, method="operator", id=None)

    def _incident_location(self, known: ReportPlace, plan: ResponsePlan) -> Any:
        """The place of the incident a follow-up is filed under (the follow-up names none of its own)."""
        from types import SimpleNamespace

        # The place is the incident's own name: a "(the incident's place)" suffix in it became the incident's label in
        # the sitrep and the incident list; the Situation line alone says where the place comes from.
        name = known.name or f"{known.lat:.5f}, {known.lon:.5f}"
        plan.location = name
        plan.tool_outputs["locate"] = {"method": "incident", "lat": known.lat, "lon": known.lon, "radius_m": known.radius_m,
                                       "confident": True, "place": name}
        plan.situation.append(PlanItem(text=f"Location: {name} (the incident's place); this follow-up names no place of its own.",
                                       sources=[Source(kind="operator", ref="incident-place")]))
        return SimpleNamespace(name=name, lat=known.lat, lon=known.lon, radius_m=known.radius_m, confirmed=True,
                               method="incident", id=None)

    def _fallback_location(self, checked: CheckedText, plan: ResponsePlan) -> Any:
        """The best area for a P1 report that could not be located: zone / street / landmark in the text, else the map centre."""
        from types import SimpleNamespace

        locator = getattr(self.city, "locator", None)
        if locator is None:
            return None
        from tools.locate import Resolution

        found = plan.tool_outputs.get("locate")
        res = locator.fallback(checked.without_injection(), Resolution.model_validate(found) if found else None)
        plan.situation.append(PlanItem(text=f"Location: {res.sentence()}.", sources=[Source(kind="tool", ref="locate")]))
        return SimpleNamespace(name=res.place, lat=res.lat, lon=res.lon, radius_m=res.radius_m or 0.0, confirmed=False,
                               method=res.method, id=None)

    def _retrieve(self, checked: CheckedText, triage: TriageSummary, plan: ResponsePlan) -> None:
        from agent.step_fit import fitted_wording, incident_facts, step_fits

        report = checked.without_injection()
        facts = incident_facts(report, triage.incident_type, triage.secondary_types)
        passages = self._search(checklist_query(triage.incident_type, report), {"hazard": triage.incident_type})
        # the water and ice rescue annex is for a person in the water or through the ice, not for every medical call on
        # a quay or an icy pavement (review s15-rv3: its ice steps became the checklist of a fall on ice)
        if names_someone_in_the_water(report):
            passages = self._search(checklist_query(triage.incident_type, report), {"hazard": "water_rescue"}, k=2) + passages
        # the mass-casualty annex is for a mass-casualty scale (Annex E section 2), not for every P1 patient; a storm
        # that brings a tree down on a full tram is such a scale too (the casualties of a tram, bus or train)
        if facts.mass_casualty and triage.incident_type in {"traffic_accident", "medical", "earthquake_collapse", "public_security",
                                                            "public_health", "severe_weather"}:
            passages += self._search("mass casualty activation triage checklist", {"hazard": "mass_casualty"}, k=2)
        comms = self._search(f"communications public warning {triage.incident_type.replace('_', ' ')}", {"hazard": "communications"}, k=2)
        refs: dict[str, Citation] = {}

        def cite(passage: Any) -> str:
            if passage.chunk_id not in refs:
                refs[passage.chunk_id] = Citation(ref=f"C{len(refs) + 1}", source=passage.source, title=passage.title,
                                                  section=passage.section, page=passage.page, text=passage.text, score=passage.score)
            return refs[passage.chunk_id].ref

        left_out = 0
        for passage in passages:
            for step in (fitted_wording(step, facts) for step in checklist_steps(passage.text)):
                if len(plan.immediate_actions) >= self.config.max_actions:
                    break
                if any(step == item.text for item in plan.immediate_actions):
                    continue
                if not step_fits(step, facts):  # e.g. decontamination for a flat fire, MCI triage for one patient
                    left_out += 1
                    continue
                plan.immediate_actions.append(PlanItem(text=step, sources=[Source(kind="citation", ref=cite(passage))]))
        # life safety first, then isolate and cordon, protective action, and notify and the rest (trial s22: "declare
        # the fire under control" stood before "dispatch the first response")
        plan.immediate_actions = in_phase_order(plan.immediate_actions, lambda item: item.text)
        if left_out:
            log.info("%d checklist step(s) of the cited passages do not fit this incident (facets %s)", left_out, sorted(facts.facets))
        if not plan.immediate_actions and passages:
            top = passages[0]
            text = (f"No checklist step of {top.citation()} fits this incident's type and scale; act on the resources below and "
                    "reassess if it grows." if left_out else f"Follow {top.citation()}.")
            plan.immediate_actions.append(PlanItem(text=text, sources=[Source(kind="citation", ref=cite(top))]))
        for passage in comms:
            for step in checklist_steps(passage.text, 3):
                plan.communications.append(PlanItem(text=step.strip(), sources=[Source(kind="citation", ref=cite(passage))]))
        if not plan.communications:
            plan.communications.append(PlanItem(text="Inform the duty officer and log every decision in the incident log.", sources=[Source(kind="operator", ref="standard-practice")]))
        if not passages:
            plan.warnings.append("No matching passage found in the emergency plans; actions are not backed by a cited procedure.")
            plan.open_questions.append(PlanItem(text="No plan passage matched this incident type; consult the duty officer.", sources=[Source(kind="operator", ref="retrieval")]))
        plan.citations = list(refs.values())

    def _search(self, query: str, filters: dict[str, Any], k: int | None = None) -> list[Any]:
        try:
            return self.retriever.search(query, k=k or self.config.passages, filters=filters)
        except Exception as exc:  # noqa: BLE001 - e.g. a hazard key the KB does not tag: search unfiltered
            log.info("filtered search failed (%s); searching without filters", exc)
            try:
                return self.retriever.search(query, k=k or self.config.passages)
            except Exception as exc2:  # noqa: BLE001
                log.warning("retrieval failed: %s", exc2)
                return []

    def _dispatch(self, plan: ResponsePlan, triage: TriageSummary, location: Any, incident_id: str | None,
                  checked: CheckedText | None = None, on_scene: Sequence[str] = ()) -> list[dict[str, Any]]:
        from tools.determinants import extract
        from tools.dispatch import IncidentRequest, plan_dispatch

        determinants = extract(checked.without_injection()) if checked is not None else None
        if determinants:
            plan.situation.append(PlanItem(text="Determinants: " + "; ".join(d.describe() for d in determinants) + ".",
                                           sources=[Source(kind="tool", ref="determinants")]))
        named, excluded = self._operator_units(checked)
        try:
            request = IncidentRequest(incident_id=incident_id or "INC-NEW", incident_type=triage.incident_type,
                                      priority=triage.priority, lat=location.lat, lon=location.lon, location_name=location.name,
                                      determinants=determinants, requested_units=named, on_scene=list(on_scene))
            dropped, fewer = withdrawn_unit_types(checked.without_injection()) if checked is not None else ([], [])
            result = plan_dispatch(self.city, [request], excluded=excluded, excluded_types=dropped, fewer_types=fewer)
        except Exception as exc:  # noqa: BLE001 - planner refusals are clear messages; show them
            plan.resources.append(PlanItem(text=f"Dispatch could not be planned: {exc}", sources=[Source(kind="tool", ref="plan_dispatch")]))
            return []
        add_dispatch_items(plan, result)
        plan.tool_outputs["plan_dispatch"] = result.model_dump(mode="json")
        return result.geojson()["features"]

    def _operator_units(self, checked: CheckedText | None) -> tuple[list[str], list[str]]:
        """The units the operator named for this incident and those they ruled out ("..., but do not send ERO-E1"): the
        response plan's dispatch honours them as the routed dispatch does."""
        if checked is None:
            return [], []
        text = checked.without_injection()
        return dispatch_units(text, split_clauses(text), [unit.id for _, unit in self.city.units()])

    def _evacuate(self, plan: ResponsePlan, triage: TriageSummary, location: Any, checked: CheckedText) -> list[dict[str, Any]]:
        from tools.evacuation import Hazard, plan_evacuation

        t_src = [Source(kind="triage", ref=triage.model_version or "triage")]
        no_evacuation = PlanItem(
            text=f"No evacuation indicated for {triage.incident_type} at {triage.priority}; shelter in place and reassess if the situation grows.", sources=t_src)
        if triage.priority not in self.config.evacuate_priorities:
            plan.evacuation.append(no_evacuation)
            return []
        from agent.slots import extract_radius_m
        from agent.protective_step import protective_step

        # The decision table also covers hazards that rarely move an area (an armed attacker: lockdown and a
        # cordon; a suspicious item: its stand-off distance), so it is asked first for every type.
        when = time_of_day(checked.without_injection(), self.config.clock(), self.config.time_zone)
        handled, features, row_radius = protective_step(self.city, plan, triage, location, checked.without_injection(), hour=when.hour)
        if handled:
            if plan.tool_outputs.get("plan_protective_action"):
                plan.evacuation.append(PlanItem(text=f"Time of day used for the people at risk: {when.said}.",
                                                sources=[Source(kind="tool", ref="plan_protective_action")]))
            return features
        if triage.incident_type not in EVACUATION_HAZARDS and row_radius is None:
            plan.evacuation.append(no_evacuation)
            return []
        radius = extract_radius_m(checked.text) or row_radius or DEFAULT_RADIUS_M.get(triage.incident_type, 150.0)
        src = [Source(kind="tool", ref="plan_evacuation")]
        try:
            hazard = Hazard(hazard_type=triage.incident_type, center=(location.lat, location.lon), radius_m=radius)
            population = self.config.population or when.population
            result = plan_evacuation(self.city, hazard, mode="walk", population=population, for_incident=plan.incident_id)
        except Exception as exc:  # noqa: BLE001
            plan.evacuation.append(PlanItem(text=f"Evacuation could not be planned: {exc}", sources=src))
            return []
        plan.evacuation.append(PlanItem(text=f"Hazard area: {radius:.0f} m around {location.name} ({triage.incident_type}).", sources=src))
        if population == when.population:
            plan.evacuation.append(PlanItem(text=when.population_line(), sources=src))
        else:  # a basis the configuration fixes
            plan.evacuation.append(PlanItem(text=f"Population at risk: the zones' {population} figures (configured).", sources=src))
        add_evacuation_items(plan, result)
        plan.tool_outputs["plan_evacuation"] = result.model_dump(mode="json", exclude={"zone_geometries", "closed_road_lines"})
        return result.geojson()["features"] + features
