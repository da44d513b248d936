"""The LLM server going away mid-stream: the chat shows a clear message and stays usable.

A real OpenAI-compatible HTTP server on loopback that starts streaming an answer
and then drops the connection (the fault we need); the assistant is the real one,
sharing the session's models, with its backend pointed at that server.
"""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytestmark = pytest.mark.slow


class _DroppingLLM(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    stream_requests = 0

    def log_message(self, *args) -> None:  # keep pytest output clean
        pass

    def _json(self, payload: dict) -> None:
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # /v1/models: the server looks healthy
        self._json({"object": "list", "data": [{"id": "flaky-llm", "object": "model"}]})

    def do_POST(self) -> None:
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if not request.get("stream"):  # tool-choice round: answer plainly, no tool calls
            self._json({"id": "c1", "object": "chat.completion", "created": 0, "model": "flaky-llm",
                        "choices": [{"index": 0, "finish_reason": "stop",
                                     "message": {"role": "assistant", "content": ""}}]})
            return
        type(self).stream_requests += 1
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for word in ("Evacuate ", "the ", "block "):
            chunk = {"id": "c2", "object": "chat.completion.chunk", "created": 0, "model": "flaky-llm",
                     "choices": [{"index": 0, "delta": {"content": word}, "finish_reason": None}]}
            data = f"data: {json.dumps(chunk)}\n\n".encode()
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()
        # The server goes away mid-stream: no final chunk, no [DONE], connection reset.
        self.connection.shutdown(socket.SHUT_RDWR)
        self.close_connection = True


@pytest.fixture(scope="module")
def dropping_llm_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _DroppingLLM)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def test_stream_cut_shows_a_clear_message_and_chat_stays_usable(ui_settings, triage_model, retriever, city, tmp_path,
                                                                  dropping_llm_url) -> None:
    from agent.assistant import Assistant
    from agent.backends import build_backend
    from agent.store import IncidentStore
    from ui.page import CommandCentre, new_session

    settings = ui_settings.model_copy(update={"llm_backend": "openai", "llm_base_url": dropping_llm_url,
                                              "llm_model": "flaky-llm", "llm_max_retries": 0, "llm_timeout_s": 10})
    assistant = Assistant(settings, triage=triage_model, retriever=retriever, city=city,
                          backend=build_backend(settings), store=IncidentStore(tmp_path / "incidents.sqlite"))
    centre = CommandCentre(assistant, settings=settings, roads=None)

    class _Request:  # what Gradio passes for an unauthenticated session
        username = None

    session, history = new_session(), []
    for out in centre.chat("Plan the evacuation of Kamppi, fire, about 200 residents", history, session, _Request()):
        history, session = (out[0] if isinstance(out[0], list) else history), out[2]
    assert _DroppingLLM.stream_requests >= 1, "the answer was never streamed from the server"
    answer = history[-1]["content"]
    assert history[-1]["role"] == "assistant"
    assert "LLM unavailable" in answer or "stopped answering" in answer
    # The deterministic part of the answer survived, and the tool steps are shown.
    assert any(m.get("metadata", {}).get("title") for m in history)
    # Still usable: the next message in the same session gets an answer.
    before = len(history)
    for out in centre.chat("Which shelters are open?", history, session, _Request()):
        history = out[0] if isinstance(out[0], list) else history
    assert len(history) >= before + 2 and history[-1]["role"] == "assistant" and history[-1]["content"].strip()
