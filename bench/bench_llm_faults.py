"""Time to the operator's plan when the LLM server misbehaves, at the DEFAULT settings
(ECA_LLM_TIMEOUT_S 30, ECA_AGENT_TIME_BUDGET_S 60): chat (as `eca chat` runs it), the UI's /chat
endpoint (the served app, through gradio_client), and `Assistant.plan` with its summary (as `eca plan`).

Each server is a real process on loopback (tests/agent/fault_llm_server.py).  Target: with a
silent server, chat and the UI deliver the deterministic plan in <= 35 s.

    python bench/bench_llm_faults.py [--modes silent,refused,garbage,die,slow]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SERVER = ROOT / "tests" / "agent" / "fault_llm_server.py"
REQUEST = "Plan the evacuation of Kamppi, fire, about 200 residents"
REPORT = "Structure fire at Aleksanterinkatu 20, smoke from the roof, people on the balconies"


def start_server(mode: str) -> tuple[str, subprocess.Popen | None]:
    if mode == "refused":
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return f"http://127.0.0.1:{sock.getsockname()[1]}/v1", None
    server_mode, delay = ("slow", "45") if mode == "slow" else (mode, "0")
    proc = subprocess.Popen([sys.executable, str(SERVER), server_mode, delay], stdout=subprocess.PIPE, text=True)
    return f"http://127.0.0.1:{int(proc.stdout.readline())}/v1", proc


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--modes", default="silent,refused,garbage,die,slow")
    parser.add_argument("--no-ui", action="store_true")
    opts = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from agent.assistant import Assistant
    from core.settings import Settings

    base = Assistant.from_settings(Settings(llm_backend="none"))  # loads models once; each mode re-points the LLM
    list(base.chat(REQUEST, base.open_incident("warm-up", "bench").incident_id))  # first-use loading is not an LLM fault
    print(f"defaults: LLM timeout {base.settings.llm_timeout_s:.0f} s, turn budget {base.settings.agent_time_budget_s:.0f} s; "
          f"load avg {os.getloadavg()[0]:.1f}")
    for mode in opts.modes.split(","):
        url, proc = start_server(mode)
        try:
            settings = base.settings.model_copy(update={"llm_backend": "openai", "llm_base_url": url, "llm_model": "fault-llm"})
            assistant = base.with_settings(settings)
            before = set(threading.enumerate())
            incident = assistant.open_incident(f"bench {mode}", "bench").incident_id
            t = time.perf_counter()
            events = list(assistant.chat(REQUEST, incident, "bench"))
            chat_s = time.perf_counter() - t
            final = events[-1]
            got_plan = final.plan is not None and bool(final.plan.evacuation)
            t = time.perf_counter()
            plan = assistant.plan(REPORT, operator="bench")
            plan_s = time.perf_counter() - t
            time.sleep(0.2)
            left = [th.name for th in threading.enumerate() if th not in before and th.is_alive() and not th.daemon]
            ui = "" if opts.no_ui else f"; UI /chat {ui_chat(settings, assistant):.1f} s"
            print(f"{mode:<8} chat: plan {'yes' if got_plan else 'NO '} in {chat_s:5.1f} s{ui}; "
                  f"eca plan path: {plan_s:5.1f} s ({'; '.join(w[:40] for w in plan.warnings if 'LLM' in w) or 'summary ok'}); "
                  f"requests left running: {left or 'none'}")
        finally:
            if proc is not None:
                proc.kill()
                proc.wait()


def ui_chat(settings, assistant) -> float:
    from gradio_client import Client

    from ui.app import launch

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    running = launch(settings, assistant, host="127.0.0.1", port=port, block=False)
    try:
        client = Client(running.url, verbose=False)
        incident = client.predict("Fire at Kamppi, smoke in the stairwell", "", api_name="/triage")["incident_id"]
        t = time.perf_counter()
        reply = client.predict(REQUEST, incident, api_name="/chat")
        elapsed = time.perf_counter() - t
        assert reply["plan_id"], reply
        return elapsed
    finally:
        running.close()


if __name__ == "__main__":
    main()
