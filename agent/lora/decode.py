"""Run the (LoRA-adapted) model: tool calls under a grammar, summaries under a name check.

* Tool calls: xgrammar constrains decoding to the output format of ``agent.lora.schema``
  (``NONE`` | ``REFUSE`` | one to three call lines, each a JSON object valid under that
  tool's argument schema, enum values included), so every answer parses.  Its confidence
  is measured twice: over every token (``confidence``, ``min_prob``: forced tokens count as
  p=1, so it flatters a shaky call) and over the free choices only (``choice``, and
  ``call_choices`` per call; agent.lora.confidence).
* Summaries: every proper name the model writes (unit ids, capitalised words, Finnish
  place words) must occur verbatim in the facts; on a miss the model is asked once more
  with sampling off and a repetition penalty, then any sentence that still carries an
  unknown name is dropped, so a misspelled or invented name is never shown.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent.lora.confidence import FORCED_SPLITS_MAX, ChoiceConfidence, StepChoice, choice_confidence, is_free_choice
from agent.lora.prompts import adapter_prompt_version
from agent.lora.schema import MAX_CALLS, NONE, REFUSE, InvalidAnswer, ToolAnswer, call_schema, parse_answer
from agent.lora.data import Example, summary_user_message, tool_user_message

log = logging.getLogger(__name__)


@dataclass
class ToolProposal:
    answer: ToolAnswer | None     # None: the text did not parse (cannot happen under the grammar)
    raw: str
    confidence: float             # geometric mean probability over every token, forced ones included, 0..1
    min_prob: float
    seconds: float
    error: str | None = None
    choice: ChoiceConfidence = field(default_factory=ChoiceConfidence)   # over the free choices only
    call_choices: list[ChoiceConfidence] = field(default_factory=list)   # the same, per call line

    @property
    def valid(self) -> bool:
        return self.answer is not None


@dataclass
class SummaryResult:
    text: str
    raw: str
    unknown_names: list[str] = field(default_factory=list)
    dropped_sentences: int = 0
    retried: bool = False
    seconds: float = 0.0


def build_grammar(tokenizer_info: Any) -> Any:
    import json

    import xgrammar as xgr

    call = xgr.Grammar.from_json_schema(json.dumps(call_schema()), any_whitespace=False)
    newline = xgr.Grammar.from_ebnf('root ::= "\\n"')
    options = [xgr.Grammar.from_ebnf(f'root ::= "{NONE}"'), xgr.Grammar.from_ebnf(f'root ::= "{REFUSE}"')]
    for n in range(1, MAX_CALLS + 1):
        parts = [call]
        for _ in range(n - 1):
            parts += [newline, call]
        options.append(xgr.Grammar.concat(*parts) if len(parts) > 1 else call)
    return xgr.GrammarCompiler(tokenizer_info).compile_grammar(xgr.Grammar.union(*options))


class LoraAssistantModel:
    """Base causal LM plus an optional LoRA adapter (merged for speed)."""

    def __init__(self, base_dir: str | Path, adapter_dir: str | Path | None = None, device: str | None = None):
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        dtype = torch.float32 if self.device == "cpu" else torch.bfloat16
        self.prompt_version = adapter_prompt_version(adapter_dir)  # first: a mismatch fails before the model loads
        self.tokenizer = AutoTokenizer.from_pretrained(base_dir)
        if self.tokenizer.pad_token_id is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        model = AutoModelForCausalLM.from_pretrained(base_dir, dtype=dtype)
        self.adapter_dir = str(adapter_dir) if adapter_dir else None
        if adapter_dir:
            from peft import PeftModel

            model = PeftModel.from_pretrained(model, str(adapter_dir)).merge_and_unload()
        self.model = model.to(self.device).eval()
        self._compiled = None
        self._texts: list[str] | None = None
        self._newline_counts: dict[int, int] = {}
        self._lock = threading.Lock()

    def stop_ids(self) -> list[int]:
        """End-of-turn and end-of-text: the chat template ends an answer with <|im_end|>, not the tokenizer's EOS."""
        tok = self.tokenizer
        ids = {tok.eos_token_id}
        if "<|im_end|>" in tok.get_vocab():
            ids.add(tok.convert_tokens_to_ids("<|im_end|>"))
        return sorted(i for i in ids if i is not None)

    # -- grammar -------------------------------------------------------------
    def compiled_grammar(self) -> Any:
        if self._compiled is None:
            import xgrammar as xgr

            info = xgr.TokenizerInfo.from_huggingface(self.tokenizer, vocab_size=self.model.config.vocab_size,
                                                      stop_token_ids=self.stop_ids())
            self._compiled = build_grammar(info)
        return self._compiled

    def _generate(self, messages: list[dict[str, str]], max_new_tokens: int, constrained: bool, **extra: Any) -> tuple[str, list[StepChoice]]:
        import torch

        enc = self.tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt", return_dict=True).to(self.device)
        kwargs: dict[str, Any] = dict(max_new_tokens=max_new_tokens, do_sample=False, return_dict_in_generate=True,
                                      output_scores=True, pad_token_id=self.tokenizer.pad_token_id, eos_token_id=self.stop_ids())
        if constrained:
            import xgrammar as xgr

            kwargs["logits_processor"] = [xgr.contrib.hf.LogitsProcessor(self.compiled_grammar())]
        kwargs.update(extra)
        with self._lock, torch.inference_mode():
            out = self.model.generate(**enc, **kwargs)
        new = out.sequences[0][enc["input_ids"].shape[1]:].tolist()
        kept, steps = self._read_steps(new, [scores[0] for scores in out.scores])
        return self.tokenizer.decode(kept, skip_special_tokens=True).strip(), steps

    def _read_steps(self, tokens: list[int], step_scores: list[Any]) -> tuple[list[int], list[StepChoice]]:
        """The answer's tokens up to the first stop token, and each step's log-probability (after the grammar's mask),
        whether the grammar left a choice of text there, and the answer line it belongs to."""
        import torch

        stops = set(self.stop_ids()) | {self.tokenizer.pad_token_id}
        texts = self._token_texts()
        kept: list[int] = []
        steps: list[StepChoice] = []
        line = 0
        for token, scores in zip(tokens, step_scores):
            logp = float(torch.log_softmax(scores.float(), dim=-1)[token])
            allowed = torch.isfinite(scores).nonzero().flatten()  # the grammar's mask sets the others to -inf
            free = allowed.numel() > FORCED_SPLITS_MAX or is_free_choice([texts[i] if i < len(texts) else "" for i in allowed.tolist()])
            if token in stops:
                if math.isfinite(logp):
                    steps.append(StepChoice(logp, free, None))
                break
            kept.append(token)
            line += self._newlines(token)
            if math.isfinite(logp):
                steps.append(StepChoice(logp, free, line))
        return kept, steps

    def _newlines(self, token: int) -> int:
        """How many line breaks a token writes: each distinct token decoded once (not every token of every answer)."""
        count = self._newline_counts.get(token)
        if count is None:
            count = self._newline_counts[token] = self.tokenizer.decode([token]).count("\n")
        return count

    def _token_texts(self) -> list[str]:
        """Each token id's raw text (byte-level), for telling a forced text's token splits from a real choice."""
        if self._texts is None:
            self._texts = [t or "" for t in self.tokenizer.convert_ids_to_tokens(list(range(len(self.tokenizer))))]
        return self._texts

    # -- task 1: tool calls ----------------------------------------------------
    def propose_calls(self, request: str, constrained: bool = True, max_new_tokens: int = 160) -> ToolProposal:
        started = time.perf_counter()
        messages = Example("tool", "", "", tool_user_message(request), "", "").messages(self.prompt_version)
        text, steps = self._generate(messages, max_new_tokens, constrained)
        return proposal_from(text, steps, time.perf_counter() - started)

    def propose_calls_batch(self, requests: list[str], constrained: bool = True, batch_size: int = 32,
                            max_new_tokens: int = 160) -> list[ToolProposal]:
        """Many requests at once (left-padded batches; for evaluation on an accelerator). seconds = batch time / size."""
        import torch

        out_all: list[ToolProposal] = []
        tok = self.tokenizer
        tok.padding_side = "left"
        pad_id = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
        for start in range(0, len(requests), batch_size):
            chunk = requests[start:start + batch_size]
            started = time.perf_counter()
            prompts = [tok.apply_chat_template(Example("tool", "", "", tool_user_message(r), "", "").messages(self.prompt_version),
                                               add_generation_prompt=True, tokenize=False) for r in chunk]
            enc = tok(prompts, return_tensors="pt", padding=True, add_special_tokens=False).to(self.device)
            kwargs: dict[str, Any] = dict(max_new_tokens=max_new_tokens, do_sample=False, return_dict_in_generate=True,
                                          output_scores=True, pad_token_id=pad_id, eos_token_id=self.stop_ids())
            if constrained:
                import xgrammar as xgr

                kwargs["logits_processor"] = [xgr.contrib.hf.LogitsProcessor(self.compiled_grammar())]
            with self._lock, torch.inference_mode():
                out = self.model.generate(**enc, **kwargs)
            seconds = (time.perf_counter() - started) / len(chunk)
            width = enc["input_ids"].shape[1]
            for i in range(len(chunk)):
                new = out.sequences[i][width:].tolist()
                kept, steps = self._read_steps(new, [scores[i] for scores in out.scores])
                text = tok.decode(kept, skip_special_tokens=True).strip()
                out_all.append(proposal_from(text, steps, seconds, truncated=len(kept) >= max_new_tokens))
        tok.padding_side = "right"
        return out_all

    # -- task 2: summaries -----------------------------------------------------
    def summarise(self, facts: str, max_new_tokens: int = 120) -> SummaryResult:
        started = time.perf_counter()
        messages = Example("summary", "", "", summary_user_message(facts), "", "").messages(self.prompt_version)
        raw, _ = self._generate(messages, max_new_tokens, constrained=False)
        unknown = unknown_names(raw, facts)
        retried = False
        text = raw
        if unknown:
            retried = True
            text, _ = self._generate(messages, max_new_tokens, constrained=False, repetition_penalty=1.15)
        text, cut = complete_sentences(text)
        kept, dropped, still = keep_named_sentences(text, facts)
        dropped += cut
        return SummaryResult(text=kept, raw=raw, unknown_names=still or unknown, dropped_sentences=dropped,
                             retried=retried, seconds=time.perf_counter() - started)


def proposal_from(text: str, steps: list[StepChoice], seconds: float, truncated: bool = False) -> ToolProposal:
    """A decoded answer and its steps -> the proposal, with both confidences (every token; free choices only)."""
    logps = [s.logp for s in steps]
    confidence = math.exp(sum(logps) / len(logps)) if logps else 0.0
    min_prob = math.exp(min(logps)) if logps else 0.0
    choice, per_call = choice_confidence(steps)
    try:
        if truncated:
            raise InvalidAnswer("ran out of tokens")
        return ToolProposal(parse_answer(text), text, confidence, min_prob, seconds, choice=choice, call_choices=per_call)
    except InvalidAnswer as exc:
        return ToolProposal(None, text, confidence, min_prob, seconds, error=str(exc), choice=choice, call_choices=per_call)


# --------------------------------------------------------------------------- the name check
_NAME = re.compile(r"\b[A-Z]{2,4}-[A-Z]{1,3}\d{1,2}\b|\b[A-ZÄÖÅ][\wäöåÄÖÅ'’/-]*(?:\s\([\w ]+\))?|\b[\wäöå-]*(?:katu|tie|tori|kuja|puisto|ranta|aukio|talo|asema)\b")
_COMMON = {"dispatch", "send", "move", "fire", "flood", "hazmat", "medical", "eta", "p1", "p2", "p3", "p4", "no", "the", "hazard",
           "area", "evacuation", "people", "min", "minutes", "shelter", "a", "an", "and", "at", "from", "to", "in", "report",
           "triage", "location", "earthquake", "traffic", "public", "utility", "severe", "missing", "collapse", "accident", "health",
           "security", "outage", "weather", "person", "alert", "close", "keep", "ask", "approach", "confirm", "declare", "after",
           "hand", "reassess", "shelter-in-place", "annex"}


_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.]*\d)")


def unknown_numbers(text: str, facts: str) -> list[str]:
    """Numbers of ``text`` that the facts never state (an ETA, a head count or a distance is copied, never made up)."""
    stated = set(_NUMBER.findall(facts))
    return sorted({n for n in _NUMBER.findall(text) if n not in stated})


def unknown_names(text: str, facts: str) -> list[str]:
    """Name-like words of ``text`` that do not occur verbatim in ``facts`` (first words of sentences included)."""
    out = []
    for match in _NAME.finditer(text):
        word = match.group(0).strip()
        if word.lower() in _COMMON or not word:
            continue
        if word not in facts and word.split(" (")[0] not in facts:
            out.append(word)
    return sorted(set(out))


def complete_sentences(text: str) -> tuple[str, int]:
    """Cut an answer that stopped at the token limit back to its last full sentence (a cut-off name is a wrong name)."""
    text = text.strip()
    if not text or text[-1] in ".!?。！？":
        return text, 0
    ends = [m.end() for m in re.finditer(r"[.!?。！？](?=\s|$)", text)]
    return (text[:ends[-1]], 1) if ends else ("", 1)


def keep_named_sentences(text: str, facts: str) -> tuple[str, int, list[str]]:
    """Drop every sentence that names something, or states a number, that the facts do not contain."""
    kept, dropped, unknown = [], 0, []
    for sentence in re.split(r"(?<=[.!?。！？])\s+", text.strip()):
        if not sentence:
            continue
        bad = unknown_names(sentence, facts) + unknown_numbers(sentence, facts)
        if bad:
            dropped += 1
            unknown += bad
        else:
            kept.append(sentence)
    return " ".join(kept), dropped, sorted(set(unknown))
