"""A real OpenAI-compatible LLM server on loopback that misbehaves on purpose (run as its own process).

    python fault_llm_server.py MODE [DELAY_S]

Prints the port it listens on, then serves until killed.  MODE:
  silent      accepts every connection and reads the request, never answers a byte
  die         answers /v1/models and a tool-call round (no calls); on a streamed answer sends two
              chunks and then the process dies (killed mid-stream)
  slow        like a healthy server, but the first byte of every completion comes after DELAY_S seconds
  garbage     answers 200 with bytes that are neither JSON nor server-sent events
  obey        a model that does what any text it reads tells it: answers with what follows the last "write:" in the
              request's messages (an instruction pasted into a report), else with the first line of the last message
"""

from __future__ import annotations

import asyncio
import json
import os
import sys


def _completion(content: str) -> bytes:
    return json.dumps({"id": "c1", "object": "chat.completion", "created": 0, "model": "fault-llm",
                       "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
                       "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}).encode()


def _chunked(data: bytes) -> bytes:
    """One piece of an HTTP/1.1 chunked body (how servers stream server-sent events)."""
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


def _chunk(content: str) -> bytes:
    chunk = {"id": "c2", "object": "chat.completion.chunk", "created": 0, "model": "fault-llm",
             "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": None}]}
    return _chunked(f"data: {json.dumps(chunk)}\n\n".encode())


STREAM_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"


async def _read_request(reader: asyncio.StreamReader) -> tuple[str, str, dict]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:] if ":" in line)}
    body = await reader.readexactly(int(headers.get("content-length", 0) or 0))
    return method, path, json.loads(body or b"{}")


def _response(body: bytes, content_type: str = "application/json") -> bytes:
    return (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n").encode() + body


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, mode: str, delay: float) -> None:
    try:
        method, path, request = await _read_request(reader)
        if mode == "silent":
            await asyncio.sleep(3600)
        if path.endswith("/models"):
            writer.write(_response(json.dumps({"object": "list", "data": [{"id": "fault-llm", "object": "model"}]}).encode()))
        elif mode == "obey":
            said = " ".join(str(m.get("content", "")) for m in request.get("messages", []))
            told = said.lower().rfind("write:")
            answer = said[told + len("write:"):].split("\n")[0].strip() if told >= 0 else said.strip().split("\n")[0]
            writer.write(_response(_completion(answer)))
        elif mode == "garbage":
            writer.write(_response(b"\x00\xffnot json {{{ <html>", "application/json"))
        elif mode == "slow":
            await asyncio.sleep(delay)
            if request.get("stream"):
                writer.write(STREAM_HEAD)
                for word in ("Evacuate ", "Kamppi ", "now."):
                    writer.write(_chunk(word))
                writer.write(_chunked(b"data: [DONE]\n\n") + b"0\r\n\r\n")
            else:
                writer.write(_response(_completion("")))
        elif mode == "die":
            if not request.get("stream"):
                writer.write(_response(_completion("")))
            else:
                writer.write(STREAM_HEAD)
                for word in ("Evacuate ", "the "):
                    writer.write(_chunk(word))
                await writer.drain()
                await asyncio.sleep(0.2)
                os._exit(1)  # the server is killed mid-stream: no final chunk, no [DONE]
        await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main(mode: str, delay: float) -> None:
    server = await asyncio.start_server(lambda r, w: handle(r, w, mode, delay), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 0.0))
