"""LLM backends behind one interface, chosen by ``ECA_LLM_BACKEND`` / ``--llm``.

* ``openai``: any OpenAI-compatible server (vLLM, SGLang, llama.cpp, ``transformers
  serve``) through langchain-openai's ``ChatOpenAI``; native tool calls, streaming,
  timeouts and retries.  The production path.
* ``local``: a local HF model directory through ``transformers`` (CUDA when
  available); the embedded default is the packaged SmolLM2-135M-Instruct.
* ``none``: no LLM; the deterministic pipeline and intent routing do everything.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import httpx
from langchain_core.language_models.chat_models import BaseChatModel

from core.settings import Settings

log = logging.getLogger(__name__)


class BackendUnavailable(RuntimeError):
    """The LLM cannot be reached or loaded; callers fall back to deterministic output."""


@dataclass
class LLMBackend:
    kind: str
    model: str
    chat_model: BaseChatModel | None
    base_url: str | None = None
    timeout_s: float = 30.0
    _reachable: bool | None = field(default=None, repr=False)

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
            timeout=settings.llm_timeout_s, max_retries=settings.llm_max_retries,
            temperature=0.0, max_tokens=settings.llm_max_new_tokens,
        )
        return LLMBackend(kind="openai", model=model_name, chat_model=chat,
                          base_url=settings.llm_base_url, timeout_s=settings.llm_timeout_s)
    from agent.local_llm import LocalChatModel

    chat = LocalChatModel(model_path=settings.llm_model, cache_dir=str(settings.cache_dir),
                          max_new_tokens=settings.llm_max_new_tokens)
    name = settings.llm_model or "SmolLM2-135M-Instruct (packaged)"
    return LLMBackend(kind="local", model=name, chat_model=chat, timeout_s=settings.llm_timeout_s)


def _first_served_model(settings: Settings) -> str | None:
    """Ask the server which model it serves (so ``ECA_LLM_MODEL`` may stay empty)."""
    try:
        response = httpx.get(settings.llm_base_url.rstrip("/") + "/models", timeout=3.0)
        data = response.json().get("data", [])
        return data[0]["id"] if data else None
    except (httpx.HTTPError, ValueError, KeyError, IndexError):
        return None
