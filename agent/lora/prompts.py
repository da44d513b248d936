"""The system prompts an adapter is trained and asked with, and the file in the adapter folder that records which.

An adapter learns the output format from its examples, so the prompt it is asked with must be the one it was trained
with: training writes ``prompt.json`` beside the adapter (``write_prompt_version``), inference reads it
(``adapter_prompt_version``) and refuses a version this code does not know.
"""

from __future__ import annotations

import json
from pathlib import Path

# v1: the first adapters (their long prompt repeated in every example); v2: short, which cuts ~25 of ~95 tokens
# per training example on a CPU where the token count is the training time.
PROMPTS: dict[str, dict[str, str]] = {
    "v1": {"tool": "You are the tool router of an emergency command assistant for central Helsinki. "
                   "Answer with tool calls, one JSON per line, or NONE, or REFUSE.",
           "summary": "You summarise emergency response plans for the incident commander in at most 3 short sentences. "
                      "Copy every name and number exactly from the facts; add nothing."},
    "v2": {"tool": "Emergency tool router: JSON calls, NONE or REFUSE.",
           "summary": "Summarise the plan in at most 3 sentences. Copy names and numbers exactly from the facts."},
}
PROMPT_VERSION = "v2"         # what a new training run uses
LEGACY_PROMPT_VERSION = "v1"  # an adapter folder without prompt.json was trained with this one
PROMPT_FILE = "prompt.json"


class PromptVersionError(ValueError):
    """The adapter was trained with a prompt this code does not know (asking it another prompt would be silent drift)."""


def system_prompt(task: str, version: str = PROMPT_VERSION) -> str:
    if version not in PROMPTS:
        raise PromptVersionError(f"unknown prompt version {version!r} (known: {', '.join(PROMPTS)}); "
                                 "retrain the adapter or update agent/lora/prompts.py")
    return PROMPTS[version]["tool" if task == "tool" else "summary"]


def write_prompt_version(adapter_dir: Path, version: str = PROMPT_VERSION) -> None:
    """Records beside a freshly trained adapter the prompt it was trained with."""
    (Path(adapter_dir) / PROMPT_FILE).write_text(json.dumps({"version": version}) + "\n", encoding="utf-8")


def adapter_prompt_version(adapter_dir: str | Path | None) -> str:
    """The system-prompt version an adapter was trained with (prompt.json beside it; none: the legacy v1 prompt).

    Raises PromptVersionError for a version this code does not know, so the caller falls back to the router and
    says why, instead of asking the adapter with a prompt it never saw."""
    if not adapter_dir:
        return LEGACY_PROMPT_VERSION  # the base model learned nothing: it gets the descriptive prompt
    path = Path(adapter_dir) / PROMPT_FILE
    if not path.exists():
        return LEGACY_PROMPT_VERSION
    try:
        version = json.loads(path.read_text(encoding="utf-8"))["version"]
    except (ValueError, KeyError, TypeError) as exc:
        raise PromptVersionError(f"{path} is unreadable ({exc}); cannot tell which prompt the adapter was trained with") from exc
    if version not in PROMPTS:
        raise PromptVersionError(f"adapter {adapter_dir} was trained with prompt {version!r}, unknown to this code "
                                 f"(known: {', '.join(PROMPTS)})")
    return version
