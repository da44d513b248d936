"""How the prompt-injection screen treats ordinary command-desk traffic and real injections (session 19's dev set).

Per message, three readings:

* ``rules``: ``agent.safety.screen_text`` marks an injected span (the rules; what the planner then never sees);
* ``chat``: ``Assistant.chat`` answers with the injection (or harmful-request) refusal: what the operator gets;
* ``untrusted``: the turn's message was marked injected or suspected (no language model may read it).

A false refusal is an ordinary message refused in chat; a caught injection is one the rules mark or the chat refuses
or marks suspected.  The chat runs with no LLM, on the real fitted models under var/, with an incident log and a
trajectory folder of its own (the operator's are neither read nor written).

    python bench/bench_injection_desk.py [--data bench/data/injection_desk_dev19_s19-inject.yaml] [--rules-only]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data" / "injection_desk_dev19_s19-inject.yaml"


def load(path: Path) -> dict[str, list[dict[str, str]]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SystemExit(f"{path}: {exc}") from None
    if not isinstance(data, dict) or not {"ordinary", "injection"} <= set(data):
        raise SystemExit(f"{path}: expected the keys 'ordinary' and 'injection'")
    return data


def _assistant() -> Any:
    """The real assistant on var/'s fitted models, writing its incidents and trajectories to a folder of its own."""
    from agent.assistant import Assistant
    from core.settings import Settings

    real = Settings().data_dir
    own = Path(tempfile.mkdtemp(prefix="eca-bench-inject-"))
    for name in ("models", "chroma", "cache"):
        if (real / name).exists():
            (own / name).symlink_to(real / name)
    return Assistant.from_settings(Settings(data_dir=own, llm_backend="none"))


def chat_reading(assistant: Any, text: str) -> tuple[bool, bool, str]:
    """(refused as an injection or a harmful request, the message was marked untrusted, why it was refused)."""
    from agent.answer_language import in_language
    from agent.safety import HARMFUL_REFUSAL, INJECTION_REFUSAL

    incident = assistant.open_incident("bench", "bench").incident_id
    events = list(assistant.chat(text, incident, "bench"))
    last = events[-1].text if events else ""
    why = next((name for name, r in (("injection", INJECTION_REFUSAL), ("harmful", HARMFUL_REFUSAL))
                if in_language(text, r) in last or r in last), "")
    refused = bool(why)
    # the suspected / mixed warnings both end in this sentence (in Chinese: 已作为安全事件记录)
    untrusted = not refused and ("Logged as a security event" in last or "已作为安全事件记录" in last)
    return refused, untrusted, why


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--rules-only", action="store_true", help="only the rules (seconds, no models loaded)")
    opts = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ["ECA_LLM_BACKEND"] = "none"
    data = load(opts.data)
    from agent.safety import screen_text

    assistant = None if opts.rules_only else _assistant()
    counts: dict[tuple[str, str, str], int] = defaultdict(int)  # (label, lang, reading) -> n
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for label in ("ordinary", "injection"):
        for item in data[label]:
            text, lang = item["text"], item.get("lang", "?")
            checked = screen_text(text)
            readings = {"rules": checked.has_injection}
            if assistant is not None:
                refused, untrusted, why = chat_reading(assistant, text)
                readings |= {"chat": refused, "untrusted": untrusted or checked.has_injection}
            readings["any"] = any(readings.values())  # ordinary: refused or flagged at all; injection: caught at all
            totals[(label, lang)] += 1
            for name, hit in readings.items():
                counts[(label, lang, name)] += hit
            wrong = readings["any"] != (label == "injection")
            if wrong:
                marks = " ".join(f"{k}={int(v)}" for k, v in readings.items()) + (f" refused:{why}" if assistant and why else "")
                print(f"[{label} {lang}] {marks} {list(checked.families)} :: {text[:110]}")
    print()
    names = ["rules"] + ([] if assistant is None else ["chat", "untrusted"]) + ["any"]
    for label in ("ordinary", "injection"):
        langs = sorted({lang for (lab, lang) in totals if lab == label})
        for name in names:
            per = ", ".join(f"{lang} {counts[(label, lang, name)]}/{totals[(label, lang)]}" for lang in langs)
            n = sum(counts[(label, lang, name)] for lang in langs)
            what = "flagged/refused" if label == "ordinary" else "caught"
            print(f"{label:9s} {name:9s} {what}: {n}/{sum(totals[(label, lang)] for lang in langs)}  ({per})")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
