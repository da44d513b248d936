"""The tool vocabulary the model is trained for, and its one output format.

Output format (the model's whole answer, nothing else):
  * one JSON object per line, one line per tool call, in order:
    ``{"tool": "plan_dispatch", "args": {"place": "Forum", "hazard": "medical"}}``
  * ``NONE`` when no tool fits (chit-chat, help, out-of-scope questions);
  * ``REFUSE`` for a message that only tries to subvert the assistant or asks for harm.

Key order inside ``args`` is fixed (the order of each tool's schema), so training
targets and constrained decoding agree.  The vocabulary follows the header of
the operator request set v2 (agent/data/router_requests/operator_requests_v2_train.yaml).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from agent.lora.slots import load_slots

HAZARDS = ["fire", "flood", "earthquake_collapse", "traffic_accident", "hazmat", "medical", "public_health",
           "public_security", "utility_outage", "severe_weather", "missing_person"]
UNIT_TYPES = ["engine", "ladder", "rescue", "hazmat", "ambulance", "police_patrol", "utility_crew"]
STATUSES = ["available", "dispatched", "out_of_service"]
PRIORITIES = ["P1", "P2", "P3"]
NONE, REFUSE = "NONE", "REFUSE"
MAX_CALLS = 3

_PLACE = {"type": "string", "minLength": 1, "maxLength": 60}


def tool_args_schemas() -> dict[str, dict[str, Any]]:
    """Each tool's argument properties, in the fixed key order (all optional: an argument the text does not give is omitted)."""
    hazard = {"enum": HAZARDS}
    return {
        "plan_response": {"place": _PLACE, "hazard": hazard},
        "plan_evacuation": {"place": _PLACE, "hazard": hazard, "radius_m": {"type": "integer", "minimum": 10, "maximum": 20000}},
        "plan_dispatch": {"place": _PLACE, "hazard": hazard, "priority": {"enum": PRIORITIES},
                          "unit_types": {"type": "array", "items": {"enum": UNIT_TYPES}, "minItems": 1, "maxItems": 4, "uniqueItems": True}},
        "search_plans": {"topic": {"type": "string", "minLength": 2, "maxLength": 80}},
        "unit_status": {"unit_id": {"enum": load_slots().unit_ids}, "station": {"type": "string", "minLength": 2, "maxLength": 40},
                        "unit_type": {"enum": UNIT_TYPES}},
        "set_unit_status": {"unit_id": {"enum": load_slots().unit_ids}, "status": {"enum": STATUSES}},
        "list_shelters": {"place": _PLACE},
        "shelter_occupancy": {},
        "resolve_place": {"place": _PLACE},
        "open_incidents": {"priority": {"enum": PRIORITIES}},
        "unit_board": {},
        "sitrep": {},
    }


TOOLS = list(tool_args_schemas())


def call_schema() -> dict[str, Any]:
    """JSON schema of one call line: any tool with its own arguments (used by constrained decoding)."""
    variants = []
    for name, props in tool_args_schemas().items():
        variants.append({"type": "object", "properties": {
            "tool": {"const": name},
            "args": {"type": "object", "properties": props, "additionalProperties": False}},
            "required": ["tool", "args"], "additionalProperties": False})
    return {"anyOf": variants}


@dataclass
class ToolAnswer:
    """A parsed model answer: calls, or no tool, or a refusal."""

    calls: list[dict[str, Any]] = field(default_factory=list)
    refuse: bool = False

    def render(self) -> str:
        if self.refuse:
            return REFUSE
        if not self.calls:
            return NONE
        return "\n".join(render_call(c) for c in self.calls)


def render_call(call: dict[str, Any]) -> str:
    order = list(tool_args_schemas()[call["tool"]])
    args = {key: call["args"][key] for key in order if key in call.get("args", {})}
    return json.dumps({"tool": call["tool"], "args": args}, ensure_ascii=False, separators=(", ", ": "))


class InvalidAnswer(ValueError):
    """The text is not in the output format (bad JSON, unknown tool, argument or enum value)."""


def parse_answer(text: str) -> ToolAnswer:
    """Strictly parse a model answer; raises InvalidAnswer when any line is off."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if lines == [NONE]:
        return ToolAnswer()
    if lines == [REFUSE]:
        return ToolAnswer(refuse=True)
    if not lines:
        raise InvalidAnswer("empty answer")
    schemas = tool_args_schemas()
    calls = []
    for line in lines:
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidAnswer(f"not JSON: {line[:80]!r}") from exc
        if not isinstance(obj, dict) or obj.get("tool") not in schemas or not isinstance(obj.get("args", {}), dict):
            raise InvalidAnswer(f"unknown tool or shape: {line[:80]!r}")
        args = obj.get("args", {})
        for key, value in args.items():
            spec = schemas[obj["tool"]].get(key)
            if spec is None:
                raise InvalidAnswer(f"{obj['tool']} has no argument {key!r}")
            if "enum" in spec and value not in spec["enum"]:
                raise InvalidAnswer(f"{obj['tool']}.{key}={value!r} is not one of its values")
            if spec.get("type") == "array" and (not isinstance(value, list) or any(v not in spec["items"]["enum"] for v in value)):
                raise InvalidAnswer(f"{obj['tool']}.{key} must be a list of {spec['items']['enum']}")
            if spec.get("type") == "string" and not isinstance(value, str):
                raise InvalidAnswer(f"{obj['tool']}.{key} must be a string")
            if spec.get("type") == "integer" and not isinstance(value, int):
                raise InvalidAnswer(f"{obj['tool']}.{key} must be an integer")
        calls.append({"tool": obj["tool"], "args": args})
    return ToolAnswer(calls=calls)
