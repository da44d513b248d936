"""kill -9 during incident-log writes: every acknowledged write survives and the database stays sound.

A real writer process is SIGKILLed mid-stream; a power cut cannot be provoked here, which is why the store
runs with synchronous=FULL (see agent/store.py) rather than relying on this test for that case.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from agent.store import IncidentStore

ROOT = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent("""
    import sys
    from agent.store import IncidentStore
    store = IncidentStore(sys.argv[1])
    incident = store.create_incident("kill test", operator="writer")
    print("incident", incident.incident_id, flush=True)
    i = 0
    while True:
        store.log_event(incident.incident_id, "probe", {"seq": i}, operator="writer")
        print("ack", i, flush=True)  # printed only after the commit returned
        i += 1
""")


@pytest.mark.slow
@pytest.mark.parametrize("acks_before_kill", [50, 400])
def test_every_acknowledged_event_survives_kill_9(tmp_path: Path, acks_before_kill: int):
    db = tmp_path / "incidents.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    acked, incident_id = -1, None
    try:
        for line in proc.stdout:  # type: ignore[union-attr]
            kind, value = line.split()
            if kind == "incident":
                incident_id = value
            else:
                acked = int(value)
                if acked + 1 >= acks_before_kill:
                    proc.send_signal(signal.SIGKILL)
                    break
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    store = IncidentStore(db)
    seqs = {event.payload["seq"] for event in store.events(incident_id, kind="probe")}
    assert set(range(acked + 1)) <= seqs  # nothing acknowledged was lost (one more may have committed unacknowledged)
    store.close()
