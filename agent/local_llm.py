"""A LangChain chat model over a local Hugging Face causal LM (CUDA when available).

The embedded default is SmolLM2-135M-Instruct from the packaged GGUF.  Loading a
GGUF dequantizes it (about 17 s), so it is converted once into a plain HF model
directory under the cache and loaded from there afterwards (well under a second).
That same directory is what ``transformers serve`` serves in the tests.

SmolLM2's chat template drops ``tools=``; tools are therefore described in the
system prompt and calls parsed from text (``agent.text_tool_calls``).  The agent
never depends on the model producing a valid call.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import ConfigDict, PrivateAttr

from agent.text_tool_calls import MalformedToolCall, describe_tools, parse_tool_calls

log = logging.getLogger(__name__)
_CONVERT_LOCK = threading.Lock()


class _StopWhenSet:
    """A transformers stopping criterion driven by a threading.Event."""

    def __init__(self, event: threading.Event):
        self.event = event

    def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
        import torch

        return torch.full((input_ids.shape[0],), self.event.is_set(), dtype=torch.bool, device=input_ids.device)


def convert_gguf(gguf: Path, target: Path) -> Path:
    """A plain HF directory (bf16 safetensors) of a GGUF model, written atomically at ``target``."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, GgufConfig

    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(
        gguf.parent, gguf_file=gguf.name, quantization_config=GgufConfig(dequantize=True), dtype=torch.bfloat16
    )
    model.config.architectures = [type(model).__name__]
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.hf_quantizer = None
    staging = target.with_name(target.name + ".partial")
    model.save_pretrained(staging)
    tokenizer.save_pretrained(staging)
    staging.rename(target)  # atomic: a half-written directory is never picked up
    return target


def materialize_packaged_llm(cache_dir: Path) -> Path:
    """A plain HF directory of the packaged SmolLM2 GGUF (converted once, then reused)."""
    from core.encoders import packaged_smollm2_gguf

    target = Path(cache_dir) / "smollm2-135m-instruct-hf"
    if (target / "config.json").exists() and (target / "model.safetensors").exists():
        return target
    with _CONVERT_LOCK:
        if (target / "model.safetensors").exists():
            return target
        gguf = packaged_smollm2_gguf()
        log.info("Converting the packaged LLM %s into %s (once, ~20 s)", gguf.name, target)
        return convert_gguf(gguf, target)


def _to_chat_dicts(messages: Sequence[BaseMessage], tool_text: str | None) -> list[dict[str, str]]:
    """LangChain messages -> plain role/content dicts the chat template understands."""
    out: list[dict[str, str]] = []
    for message in messages:
        if isinstance(message, ToolMessage):
            out.append({"role": "user", "content": f"Tool result ({message.name or 'tool'}):\n{message.content}"})
            continue
        role = {"human": "user", "ai": "assistant", "system": "system"}.get(message.type, "user")
        content = message.content if isinstance(message.content, str) else str(message.content)
        if role == "assistant" and getattr(message, "tool_calls", None):
            content = content or " ".join(f"<tool_call>{call['name']}</tool_call>" for call in message.tool_calls)
        out.append({"role": role, "content": content})
    if tool_text:
        if out and out[0]["role"] == "system":
            out[0] = {"role": "system", "content": out[0]["content"] + "\n\n" + tool_text}
        else:
            out.insert(0, {"role": "system", "content": tool_text})
    return out


def fit_chat(chat: list[dict[str, str]], over: int) -> list[dict[str, str]]:
    """The chat shortened by about ``over`` tokens: the oldest turns between the system prompt and the last message
    go first, then the longest message loses its middle (a report's opening says what and where, a forward's end
    what is new; both stay).  Returns the chat unchanged when there is nothing left to cut."""
    first = 1 if chat and chat[0]["role"] == "system" else 0
    if len(chat) - first > 1:  # earlier turns before the last message: the oldest goes
        return chat[:first] + chat[first + 1:]
    longest = max(range(len(chat)), key=lambda i: len(chat[i]["content"]) if chat[i]["role"] != "system" else -1)
    content = chat[longest]["content"]
    keep = len(content) - max(2 * over, len(content) // 4) - 1  # a token is at least one character; cut generously
    if chat[longest]["role"] == "system" or keep < 200:
        return chat
    cut = content[: keep // 2] + " … " + content[len(content) - keep // 2:]
    return chat[:longest] + [{**chat[longest], "content": cut}] + chat[longest + 1:]


def _to_device(encoded: dict[str, Any], device: Any) -> dict[str, Any]:
    return {key: value.to(device) for key, value in encoded.items()}


class LocalChatModel(BaseChatModel):
    """Chat model backed by ``transformers`` generate, with text-protocol tool calls."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    model_path: str = ""  # empty: the packaged SmolLM2, converted on first load
    cache_dir: str = ""
    max_new_tokens: int = 160
    # The prompt is cut to this many tokens (and always to the model's context less the reply): a long session or a
    # pasted forward passed SmolLM2's 8,192 and took minutes of prompt processing on a CPU, which no deadline can stop.
    max_input_tokens: int = 2048
    device: str | None = None
    _model: Any = PrivateAttr(default=None)
    _tokenizer: Any = PrivateAttr(default=None)
    _lock: Any = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "local-transformers"

    def load(self) -> None:
        if self._model is not None:
            return
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        if not self.model_path:
            self.model_path = str(materialize_packaged_llm(Path(self.cache_dir)))
        device = self.device or ("cuda" if torch.cuda.is_available() else "cpu")
        if device == "cpu":
            dtype = torch.float32  # measured here: bf16 on this CPU swings between 1.5 and 18 s for 20 tokens; fp32 is a steady 1.3 s
        else:
            dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        log.info("Loading local LLM %s on %s", self.model_path, device)
        self._tokenizer = AutoTokenizer.from_pretrained(self.model_path)
        self._model = AutoModelForCausalLM.from_pretrained(self.model_path, dtype=dtype).to(device).eval()
        # The first generate call pays one-off kernel set-up (seconds on a CPU); pay it here, not on an operator's request.
        warm = self._tokenizer("Ready.", return_tensors="pt").to(device)
        with torch.inference_mode():
            self._model.generate(**warm, max_new_tokens=2, do_sample=False)

    def bind_tools(self, tools: Sequence[Any], *, tool_choice: str | None = None, **kwargs: Any):
        return self.bind(tools=[convert_to_openai_tool(tool) for tool in tools], **kwargs)

    def _inputs(self, messages: Sequence[BaseMessage], tools: list[dict] | None, max_new_tokens: int) -> Any:
        self.load()
        chat = _to_chat_dicts(messages, describe_tools(tools) if tools else None)
        limit = self.input_limit(max_new_tokens)
        while True:
            encoded = self._tokenizer.apply_chat_template(
                chat, add_generation_prompt=True, return_tensors="pt", return_dict=True
            )
            if encoded["input_ids"].shape[1] <= limit:
                return encoded.to(self._model.device)
            shorter = fit_chat(chat, over=encoded["input_ids"].shape[1] - limit)
            if shorter == chat:  # nothing left to cut (a system prompt alone over the limit): keep its end
                return _to_device({key: value[:, -limit:] for key, value in encoded.items()}, self._model.device)
            chat = shorter

    def input_limit(self, max_new_tokens: int) -> int:
        """The most prompt tokens one request may have: ``max_input_tokens``, and room for the reply in the context."""
        self.load()
        context = int(getattr(self._model.config, "max_position_embeddings", 0) or 0) or self.max_input_tokens + max_new_tokens
        return max(64, min(self.max_input_tokens, context - max_new_tokens))

    def _generate(
        self, messages: list[BaseMessage], stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any,
    ) -> ChatResult:
        text = "".join(chunk.message.content for chunk in self._stream(messages, stop, run_manager, **kwargs))
        tools = kwargs.get("tools")
        tool_calls: list[dict[str, Any]] = []
        invalid: list[dict[str, Any]] = []
        if tools:
            try:
                tool_calls = parse_tool_calls(text, {t["function"]["name"] for t in tools})
            except MalformedToolCall as exc:
                invalid = [{"name": None, "args": text[:500], "id": None, "error": str(exc), "type": "invalid_tool_call"}]
        message = AIMessage(content="" if tool_calls else text, tool_calls=tool_calls, invalid_tool_calls=invalid)
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self, messages: list[BaseMessage], stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        from transformers import StoppingCriteriaList, TextIteratorStreamer

        started = time.monotonic()
        timeout = float(kwargs["timeout"]) if kwargs.get("timeout") else None
        max_new_tokens = int(kwargs.get("max_tokens") or self.max_new_tokens)
        # One generation at a time on this model; a request waits for the one running only as long as its own
        # deadline (a turn on a loaded CPU held it for minutes, and the next request waited all of that).
        if not self._lock.acquire(timeout=-1 if timeout is None else timeout):
            raise TimeoutError(f"the local LLM was busy with another request for {timeout:.0f} s")
        try:
            inputs = self._inputs(messages, kwargs.get("tools"), max_new_tokens)
        except BaseException:
            self._lock.release()
            raise
        streamer = TextIteratorStreamer(self._tokenizer, skip_prompt=True, skip_special_tokens=True)
        generation = dict(**inputs, streamer=streamer, do_sample=False, repetition_penalty=1.1, max_new_tokens=max_new_tokens)
        stop = threading.Event()
        generation["stopping_criteria"] = StoppingCriteriaList([_StopWhenSet(stop)])
        left = None if timeout is None else max(0.0, timeout - (time.monotonic() - started))
        # The caller's deadline ends the generation like a Stop press would (checked after every token).
        timer = threading.Timer(left, stop.set) if left is not None else None
        if timer is not None:
            timer.daemon = True
            timer.start()

        def generate() -> None:
            try:
                self._model.generate(**generation)
            except Exception as exc:  # noqa: BLE001 - the reader must not wait for tokens that will never come
                log.warning("local LLM generation failed: %s", exc)
                streamer.end()
            finally:
                self._lock.release()  # released by the generation itself: a reader that gave up never races it

        worker = threading.Thread(target=generate, daemon=True)
        worker.start()
        try:
            while True:
                if timeout is not None:  # the prompt's processing is not interruptible: the reader stops waiting instead
                    streamer.timeout = max(0.01, timeout - (time.monotonic() - started))
                try:
                    delta = next(streamer)
                except StopIteration:
                    break
                except queue.Empty:
                    raise TimeoutError(f"the local LLM gave no answer within {timeout:.0f} s") from None
                if not delta:
                    continue
                if run_manager:
                    run_manager.on_llm_new_token(delta)
                yield ChatGenerationChunk(message=AIMessageChunk(content=delta))
        finally:
            # A consumer that stops reading (Stop button, time budget) must stop the generation too, or it would keep
            # a core busy; it ends after its current step and then frees the model (see ``generate``).
            stop.set()
            if timer is not None:
                timer.cancel()
