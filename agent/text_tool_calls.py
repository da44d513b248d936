"""A plain-text tool-call protocol for models (or servers) without native tool calling.

The tools are described in the system prompt and the model is asked to answer with
``<tool_call>{"name": ..., "arguments": {...}}</tool_call>``.  The parser is lenient
about the wrapper (bare JSON, code fences) and strict about the content: a call
must name a known tool and carry a JSON object of arguments.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

TOOL_PROMPT = (
    "You can call these tools. To call one, answer with exactly one line:\n"
    '<tool_call>{{"name": "TOOL_NAME", "arguments": {{...}}}}</tool_call>\n'
    "Tools:\n{tool_lines}"
)

_TAGGED = re.compile(r"<tool_call>\s*(.*?)\s*(?:</tool_call>|$)", re.DOTALL)
_FENCED = re.compile(r"```(?:json)?\s*(\{.*?\})\s*```", re.DOTALL)


class MalformedToolCall(ValueError):
    """The model tried to call a tool but the call cannot be parsed."""


def describe_tools(tools: list[dict[str, Any]]) -> str:
    """One line per tool from OpenAI-format tool dicts."""
    lines = []
    for tool in tools:
        fn = tool.get("function", tool)
        params = fn.get("parameters", {}).get("properties", {})
        args = ", ".join(f"{name}: {spec.get('type', 'any')}" for name, spec in params.items())
        lines.append(f"- {fn['name']}({args}): {fn.get('description', '').strip().splitlines()[0] if fn.get('description') else ''}")
    return TOOL_PROMPT.format(tool_lines="\n".join(lines))


def parse_tool_calls(text: str, known_tools: set[str] | None = None) -> list[dict[str, Any]]:
    """Tool calls found in ``text`` as LangChain ``tool_calls`` dicts.

    Returns [] when the text contains no attempt at a tool call; raises
    MalformedToolCall when it contains one that is broken (so the caller can feed
    the error back to the model once).
    """
    candidates = [c for c in _TAGGED.findall(text) if c] or _FENCED.findall(text)
    if any(not c.startswith("{") for c in candidates):
        raise MalformedToolCall("a <tool_call> tag without a JSON object inside")
    stripped = text.strip()
    if not candidates and stripped.startswith("{") and '"name"' in stripped:
        candidates = [stripped]
    if not candidates:
        if "<tool_call>" in text:
            raise MalformedToolCall("a <tool_call> tag without a JSON object inside")
        return []
    calls = []
    for raw in candidates:
        try:
            payload = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise MalformedToolCall(f"tool call is not valid JSON: {exc.msg} at position {exc.pos}") from exc
        if not isinstance(payload, dict) or not isinstance(payload.get("name"), str):
            raise MalformedToolCall('a tool call needs a "name" string and an "arguments" object')
        args = payload.get("arguments", payload.get("parameters", {}))
        if isinstance(args, str):
            try:
                args = json.loads(args)
            except json.JSONDecodeError as exc:
                raise MalformedToolCall(f"tool arguments are not a JSON object: {exc.msg}") from exc
        if not isinstance(args, dict):
            raise MalformedToolCall('"arguments" must be a JSON object')
        if known_tools is not None and payload["name"] not in known_tools:
            raise MalformedToolCall(
                f"unknown tool {payload['name']!r}; available: {', '.join(sorted(known_tools))}"
            )
        calls.append({"name": payload["name"], "args": args, "id": "call_" + uuid.uuid4().hex[:12], "type": "tool_call"})
    return calls
