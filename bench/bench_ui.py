"""UI timings on this machine: launch → first page, and Triage press → result (p50/p90).

Baseline: the same triage called directly on the assistant (no browser, no Gradio),
so the difference is what the UI adds.  Prints the load average with the figures,
because the machine is shared.

    .venv/bin/python bench/bench_ui.py [--presses 20]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REPORTS = [
    "Thick smoke from a 3rd floor window at Kamppi, two people on the balcony",
    "Man collapsed at the Kluuvikatu bus stop, not breathing",
    "Strong gas smell in the stairwell at Yliopistonkatu 7, residents dizzy",
    "Tram hit a cyclist at Aleksanterinkatu, cyclist not moving",
    "Water rising fast in the Kaivokatu underpass, car stuck with driver inside",
    "Power out in the whole Kluuvi block, traffic lights dark",
    "6-year-old boy lost at the market square, red jacket",
    "朝阳区建国路一栋居民楼起火，浓烟很大",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--data-dir", default=None, help="ECA_DATA_DIR to use (default: a throwaway one; first run trains)")
    args = parser.parse_args()
    os.environ["ECA_DATA_DIR"] = args.data_dir or os.environ.get("ECA_DATA_DIR") or tempfile.mkdtemp(prefix="eca-bench-ui-")

    from core.settings import Settings, configure_torch_threads, setup_logging

    setup_logging("WARNING")
    settings = Settings()
    configure_torch_threads(settings)
    from agent.assistant import Assistant
    from playwright.sync_api import sync_playwright
    from ui.app import launch

    t0 = time.perf_counter()
    assistant = Assistant.from_settings(settings)
    assistant_s = time.perf_counter() - t0

    for text in REPORTS[:2]:  # warm-up, not timed
        assistant.triage(text, operator="bench")
    direct: list[float] = []

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True)
        t0 = time.perf_counter()
        running = launch(settings, assistant, host="127.0.0.1", port=_free_port(), block=False)
        served_s = time.perf_counter() - t0
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.goto(running.url, wait_until="load")
        page.wait_for_selector("#triage-btn")
        first_page_s = time.perf_counter() - t0
        page.wait_for_selector("[data-testid=status]", timeout=180_000)  # status may wait for a local LLM to load
        status_s = time.perf_counter() - t0

        presses = []
        previous = ""
        for i in range(args.presses):
            # Baseline and UI alternate, so both see the same load on this shared machine.
            t = time.perf_counter()
            assistant.triage(REPORTS[i % len(REPORTS)], operator="bench")
            direct.append(time.perf_counter() - t)
            page.fill("#report textarea", REPORTS[i % len(REPORTS)])
            t = time.perf_counter()
            page.click("#triage-btn")
            page.wait_for_function(
                "prev => { const m = document.querySelector('[data-testid=triage-result] .eca-meta');"
                " return m && m.textContent !== prev; }", arg=previous, timeout=60_000)
            presses.append(time.perf_counter() - t)
            previous = page.locator("[data-testid=triage-result] .eca-meta").text_content()
        running.close()
        browser.close()

    load = os.getloadavg()
    print(f"load average (1/5/15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}   cores: {os.cpu_count()}")
    print(f"Assistant.from_settings (models, KB, city): {assistant_s:.2f} s")
    print(f"launch() → server up:                       {served_s:.2f} s")
    print(f"launch() → first page usable (Triage):      {first_page_s:.2f} s")
    print(f"launch() → status line filled:              {status_s:.2f} s   (LLM backend: {settings.llm_backend})")
    print(f"Triage press → result in browser, n={len(presses)}: p50 {statistics.median(presses) * 1000:.0f} ms, "
          f"p90 {_pct(presses, 0.9) * 1000:.0f} ms, max {max(presses) * 1000:.0f} ms")
    print(f"baseline assistant.triage() direct,  n={len(direct)}: p50 {statistics.median(direct) * 1000:.0f} ms, "
          f"p90 {_pct(direct, 0.9) * 1000:.0f} ms")
    print(f"UI overhead at p50: {(statistics.median(presses) - statistics.median(direct)) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
