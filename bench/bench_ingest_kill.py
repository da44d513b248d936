"""kill -9 loop over `eca kb ingest` of a large real document: after every kill, what is visible, and after the
repairing ingest, what `eca kb stats` says. Prints one row per kill.

    .venv/bin/python bench/bench_ingest_kill.py --kills 10 [--doc ../shared/data/kb/en/<file>.txt]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DOC = ROOT.parent / "shared" / "data" / "kb" / "en"


def eca(args: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ui.cli", "--log-level", "DEBUG", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stats(env: dict) -> str:
    out = subprocess.run([sys.executable, "-m", "ui.cli", "kb", "stats", "--list"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300).stdout
    return " | ".join(line.strip() for line in out.splitlines() if line.strip())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--doc", type=Path, default=None, help="default: the largest file in ../shared/data/kb/en")
    parser.add_argument("--write-batch", type=int, default=16)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    doc = args.doc or max(DEFAULT_DOC.glob("*.txt"), key=lambda p: p.stat().st_size)
    rng = random.Random(args.seed)
    data_dir = Path(tempfile.mkdtemp(prefix="kill-ingest-"))
    env = {**os.environ, "ECA_DATA_DIR": str(data_dir), "ECA_KB_WRITE_BATCH": str(args.write_batch),
           "PYTHONPATH": str(ROOT)}
    print(f"document: {doc.name} ({doc.stat().st_size / 1e6:.1f} MB); store: {data_dir}; write batch {args.write_batch}")
    killed = 0
    for k in range(args.kills):
        proc = eca(["kb", "ingest", str(doc)], env)
        writing_at = None
        for line in proc.stderr:  # type: ignore[union-attr]
            if "chunks in batches" in line:
                writing_at = time.monotonic()
                break
        delay = rng.uniform(0.0, 3.0)
        time.sleep(delay)
        was_running = proc.poll() is None
        if was_running:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait()
        after_kill = stats(env)
        print(f"kill {k + 1:2d}: {'SIGKILL' if was_running else 'finished first'} {delay:.2f} s into the write; "
              f"visible after kill: {after_kill}")
    repair = eca(["kb", "ingest", str(doc)], env)
    out, _ = repair.communicate(timeout=1800)
    print(f"repair ingest: {out.strip().splitlines()[-1] if out.strip() else '(no output)'}")
    print(f"after repair: {stats(env)}")
    print(f"{killed} kills during the write phase")
    return 0


if __name__ == "__main__":
    sys.exit(main())
