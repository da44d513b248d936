"""LLM backends behind one interface, chosen by ``ECA_LLM_BACKEND`` / ``--llm``.

* ``openai``: any OpenAI-compatible server (vLLM, SGLang, llama.cpp, ``transformers
  serve``) through langchain-openai's ``ChatOpenAI``; native tool calls, streaming,
  timeouts and retries.  The production path.
* ``local``: a local HF model directory through ``transformers`` (CUDA when
  available); the embedded default is the packaged SmolLM2-135M-Instruct.
* ``none``: no LLM; the deterministic response planner and intent routing do everything.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage

from agent.deadline import Deadline
from core.settings import Settings

log = logging.getLogger(__name__)


class BackendUnavailable(RuntimeError):
    """The LLM cannot be reached or loaded; callers fall back to deterministic output."""


class LLMTimeout(BackendUnavailable):
    """The LLM did not answer before the deadline (every attempt together)."""


MIN_CALL_S = 0.5  # no point starting a request with less time than this left


def _is_timeout(exc: BaseException) -> bool:
    return isinstance(exc, (TimeoutError, httpx.TimeoutException)) or "Timeout" in type(exc).__name__


def _is_retryable(exc: BaseException) -> bool:
    """Worth another attempt (if time is left): the connection failed or the server had a passing error."""
    name = type(exc).__name__
    return _is_timeout(exc) or name in {"APIConnectionError", "InternalServerError", "RateLimitError",
                                        "ConnectError", "RemoteProtocolError", "ReadError"}


@dataclass
class LLMBackend:
    kind: str
    model: str
    chat_model: BaseChatModel | None
    base_url: str | None = None
    timeout_s: float = 30.0
    max_retries: int = 1
    _reachable: bool | None = field(default=None, repr=False)

    # Every request carries its own timeout, the smaller of the per-request timeout and what is left
    # of the caller's deadline, so a request never outlives the turn that made it: no background
    # worker is left waiting on a silent server, and the process can always exit.
    def invoke(self, messages: Sequence[BaseMessage], *, deadline: Deadline, max_tokens: int,
               tools: Sequence[Any] | None = None) -> AIMessage:
        """One answer, retrying passing failures, all attempts within ``deadline``; ``LLMTimeout`` if it runs out."""
        if self.chat_model is None:
            raise BackendUnavailable("no LLM configured")
        model = self.chat_model.bind_tools(list(tools)) if tools else self.chat_model
        started, last = time.monotonic(), None
        for attempt in range(self.max_retries + 1):
            left = deadline.remaining()
            if left < MIN_CALL_S:
                break
            try:
                return model.invoke(list(messages), max_tokens=max_tokens, timeout=min(self.timeout_s, left))
            except Exception as exc:
                if not _is_retryable(exc):
                    raise
                log.warning("LLM attempt %d failed: %s: %s", attempt + 1, type(exc).__name__, exc)
                last = exc
        if last is not None and not _is_timeout(last):
            raise last
        raise LLMTimeout(f"the LLM did not answer within {time.monotonic() - started:.0f} s")

    def stream(self, messages: Sequence[BaseMessage], *, deadline: Deadline, max_tokens: int) -> Iterator[str]:
        """Text deltas until done or ``deadline`` (then ``LLMTimeout``); a stream is not retried."""
        if self.chat_model is None:
            raise BackendUnavailable("no LLM configured")
        left = deadline.remaining()
        if left < MIN_CALL_S:
            raise LLMTimeout("no time left for the LLM")
        try:
            for chunk in self.chat_model.stream(list(messages), max_tokens=max_tokens, timeout=min(self.timeout_s, left)):
                if chunk.content:
                    yield str(chunk.content)
                if deadline.expired():
                    raise LLMTimeout("the LLM answer was cut short at the deadline")
        except Exception as exc:
            if _is_timeout(exc) and not isinstance(exc, LLMTimeout):
                raise LLMTimeout(f"the LLM stopped answering ({type(exc).__name__})") from exc
            raise

    @property
    def native_tools(self) -> bool:
        """Whether tool calls come from the API (True) or from our text protocol (False)."""
        return self.kind == "openai"

    def ping(self, timeout_s: float = 2.0) -> bool:
        """Is the backend usable right now?  Cheap: one GET for a server, a load check locally."""
        if self.chat_model is None:
            return False
        if self.kind == "openai":
            try:
                response = httpx.get(self.base_url.rstrip("/") + "/models", timeout=timeout_s)
                return response.status_code < 500
            except httpx.HTTPError:
                return False
        try:
            self.chat_model.load()  # type: ignore[attr-defined]
            return True
        except Exception as exc:  # noqa: BLE001 - any load failure means "not usable"
            log.warning("local LLM unavailable: %s", exc)
            return False


def build_backend(settings: Settings) -> LLMBackend:
    """The configured backend.  Construction never touches the network or loads weights."""
    if settings.llm_backend == "none":
        return LLMBackend(kind="none", model="(no LLM)", chat_model=None)
    if settings.llm_backend == "openai":
        from langchain_openai import ChatOpenAI

        model_name = settings.llm_model or _first_served_model(settings) or "default"
        chat = ChatOpenAI(
            base_url=settings.llm_base_url, api_key=settings.llm_api_key, model=model_name,
            # Retries are ours (LLMBackend.invoke), inside the caller's deadline; the client never retries on its own.
            timeout=settings.llm_timeout_s, max_retries=0,
            temperature=0.0, max_tokens=settings.llm_max_new_tokens,
        )
        return LLMBackend(kind="openai", model=model_name, chat_model=chat, base_url=settings.llm_base_url,
                          timeout_s=settings.llm_timeout_s, max_retries=settings.llm_max_retries)
    from agent.local_llm import LocalChatModel

    chat = LocalChatModel(model_path=settings.llm_model, cache_dir=str(settings.cache_dir),
                          max_new_tokens=settings.llm_max_new_tokens)
    name = settings.llm_model or "SmolLM2-135M-Instruct (packaged)"
    return LLMBackend(kind="local", model=name, chat_model=chat, timeout_s=settings.llm_timeout_s,
                      max_retries=settings.llm_max_retries)


def _first_served_model(settings: Settings) -> str | None:
    """Ask the server which model it serves (so ``ECA_LLM_MODEL`` may stay empty)."""
    try:
        response = httpx.get(settings.llm_base_url.rstrip("/") + "/models", timeout=3.0)
        data = response.json().get("data", [])
        return data[0]["id"] if data else None
    except (httpx.HTTPError, ValueError, KeyError, IndexError):
        return None
