"""`eca train-llm` / ``python -m agent.lora.train``: LoRA fine-tuning of a small causal LM
for the assistant's two jobs (tool calls in the compact format, grounded plan summaries).

Habits of ``eca train``: fixed seed, validation split, tqdm progress, early stopping on
validation loss (the best epoch's adapter is kept), a versioned output directory with a
model card and metrics.json, and a CURRENT marker moved only after a run succeeded (a
failed run leaves the current adapter alone).

Self-contained for a lent machine without internet::

    python -m agent.lora.train --out DIR [--base HF_DIR | --gguf FILE.gguf] [--epochs 3]

Default base: the packaged SmolLM2-135M-Instruct GGUF, materialised once into a plain HF
directory (as agent/local_llm.py does).  CUDA when present (bf16), CPU otherwise (fp32).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import random
import resource
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from agent.lora.prompts import PROMPT_VERSION, write_prompt_version

log = logging.getLogger(__name__)
LORA_TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


@dataclass
class LoraTrainConfig:
    base: str = ""                 # HF model dir; empty: the packaged SmolLM2 (materialised once)
    gguf: str = ""                 # or a GGUF file to materialise (for machines without the package)
    epochs: int = 3
    lr: float = 2e-3
    batch_size: int = 16
    rank: int = 8
    alpha: int = 16
    dropout: float = 0.05
    max_length: int = 384
    val_fraction: float = 0.08
    patience: int = 1
    seed: int = 13
    limit: int = 0                 # use only this many examples (0: all); for tests and quick runs
    max_steps: int = 0             # stop after this many optimiser steps (0: no limit)
    eval_generate: int = 32        # validation examples decoded greedily per epoch for exact-match accuracy
    threads: int = 0               # torch threads on CPU (0: the cores the load average leaves free, at least 1)
    max_minutes: float = 0.0       # wall budget: training stops when it is spent, mid-epoch too (0: none)
    init_adapter: str = ""         # continue from this adapter (same rank and targets) instead of a fresh one
    group_by_length: bool = True   # batches of similar length (a random batch pads ~44% of its tokens)
    max_batch_tokens: int = 2048   # a batch of long examples (plan summaries) is cut so that it holds at most this many
                                   # padded tokens: 16 x 384 tokens took the CPU run to 21 GB resident
    summaries: bool = True
    device: str = ""
    version_prefix: str = "v"
    extra: dict[str, Any] = field(default_factory=dict)


def materialize_gguf(gguf: Path, cache_dir: Path) -> Path:
    """A plain HF directory of a GGUF model (converted once, like the packaged one in agent.local_llm)."""
    from agent.local_llm import convert_gguf

    target = Path(cache_dir) / (gguf.stem + "-hf")
    if (target / "model.safetensors").exists():
        return target
    return convert_gguf(gguf, target)


def resolve_base(config: LoraTrainConfig, cache_dir: Path) -> Path:
    if config.base:
        path = Path(config.base)
        if not (path / "config.json").exists():
            raise FileNotFoundError(f"{path} is not a Hugging Face model directory (no config.json)")
        return path
    if config.gguf:
        return materialize_gguf(Path(config.gguf), cache_dir)
    from agent.local_llm import materialize_packaged_llm

    return materialize_packaged_llm(cache_dir)


def encode(example, tokenizer, max_length: int, prompt_version: str = PROMPT_VERSION) -> dict[str, list[int]]:
    """Prompt tokens masked out of the loss; the answer and its end-of-turn token are learned."""
    prompt = tokenizer.apply_chat_template(example.messages(prompt_version), add_generation_prompt=True, tokenize=False)
    ids_prompt = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    ids_answer = tokenizer(example.target + end_of_turn(tokenizer), add_special_tokens=False)["input_ids"]
    ids = (ids_prompt + ids_answer)[:max_length]
    labels = ([-100] * len(ids_prompt) + ids_answer)[:max_length]
    return {"input_ids": ids, "labels": labels}


def end_of_turn(tokenizer) -> str:
    return "<|im_end|>" if "<|im_end|>" in tokenizer.get_vocab() else (tokenizer.eos_token or "")


def batch_order(lengths: list[int], batch_size: int, rng: random.Random | None, group_by_length: bool = True,
                window: int = 32, max_tokens: int = 0) -> list[list[int]]:
    """Every index exactly once, in batches.  Grouped: shuffle, sort each window of ``window`` batches by length,
    cut it into batches and shuffle the batches, so a batch holds similar lengths (little padding, which on a CPU
    is pure waste) while the order stays random across epochs."""
    order = list(range(len(lengths)))
    if rng is not None:
        rng.shuffle(order)
    if not group_by_length:
        return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    batches: list[list[int]] = []
    span = batch_size * window
    for start in range(0, len(order), span):
        block = sorted(order[start:start + span], key=lambda i: lengths[i])
        for i in range(0, len(block), batch_size):
            batches += _cap_tokens(block[i:i + batch_size], lengths, max_tokens)
    if rng is not None:
        rng.shuffle(batches)
    return batches


def _cap_tokens(batch: list[int], lengths: list[int], max_tokens: int) -> list[list[int]]:
    """Cut a batch (sorted by length) into pieces of at most ``max_tokens`` padded tokens (0: no cap)."""
    if not max_tokens:
        return [batch]
    pieces: list[list[int]] = [[]]
    for i in batch:
        if pieces[-1] and max(lengths[j] for j in pieces[-1] + [i]) * (len(pieces[-1]) + 1) > max_tokens:
            pieces.append([])
        pieces[-1].append(i)
    return pieces


def _batches(rows: list[dict], batch_size: int, pad_id: int, rng: random.Random | None, group_by_length: bool = True,
             max_tokens: int = 0):
    import torch

    for indices in batch_order([len(r["input_ids"]) for r in rows], batch_size, rng, group_by_length, max_tokens=max_tokens):
        chunk = [rows[i] for i in indices]
        width = max(len(r["input_ids"]) for r in chunk)
        ids = torch.full((len(chunk), width), pad_id, dtype=torch.long)
        labels = torch.full((len(chunk), width), -100, dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        for i, r in enumerate(chunk):
            n = len(r["input_ids"])
            ids[i, :n] = torch.tensor(r["input_ids"])
            labels[i, :n] = torch.tensor(r["labels"])
            mask[i, :n] = 1
        yield ids, labels, mask


def answer_loss(model, ids, labels, mask):
    """Mean next-token loss over the answer tokens only.  The vocabulary projection (49k x 576, a fifth of the
    model's multiply-adds per token) is applied to the answer positions alone, not to the masked-out prompt."""
    import torch.nn.functional as F

    causal = model.get_base_model() if hasattr(model, "get_base_model") else model
    hidden = causal.model(input_ids=ids, attention_mask=mask).last_hidden_state[:, :-1]
    targets = labels[:, 1:]
    keep = targets != -100
    logits = causal.lm_head(hidden[keep]).float()
    return F.cross_entropy(logits, targets[keep]), int(keep.sum())


def _val_loss(model, rows, batch_size, pad_id, device, max_tokens: int) -> float:
    import torch

    total, count = 0.0, 0
    model.eval()
    with torch.inference_mode():
        for ids, labels, mask in _batches(rows, batch_size, pad_id, None, max_tokens=max_tokens):
            loss, n = answer_loss(model, ids.to(device), labels.to(device), mask.to(device))
            total += float(loss) * n
            count += n
    model.train()
    return total / max(count, 1)


def _val_exact(model, tokenizer, examples, device, limit: int, prompt_version: str = PROMPT_VERSION) -> float | None:
    """Share of validation tool examples whose greedy (unconstrained) answer equals the target exactly.  Decoding
    stops a few tokens past the target's length: a longer answer cannot equal it (the cost is per generated token)."""
    import torch

    chosen = [e for e in examples if e.task == "tool"][:limit]
    if not chosen:
        return None
    model.eval()
    hits = 0
    with torch.inference_mode():
        for e in chosen:
            enc = tokenizer.apply_chat_template(e.messages(prompt_version), add_generation_prompt=True, return_tensors="pt",
                                                return_dict=True).to(device)
            budget = len(tokenizer(e.target, add_special_tokens=False)["input_ids"]) + 3
            out = model.generate(**enc, max_new_tokens=budget, do_sample=False, pad_token_id=tokenizer.pad_token_id or tokenizer.eos_token_id)
            text = tokenizer.decode(out[0][enc["input_ids"].shape[1]:], skip_special_tokens=True).strip()
            hits += text == e.target.strip()
    model.train()
    return hits / len(chosen)


def cpu_threads(requested: int = 0) -> int:
    """Threads for a CPU run.  On a shared machine a thread per core is slower, not faster: measured on 2 cores at
    load 3.5, one step of 16 x 80 tokens took 15-19 s with 1 thread and 26-48 s with 2 (each thread waits for the
    other at every operation while the other is descheduled).  So: the cores the load average leaves free."""
    if requested:
        return requested
    cores = os.cpu_count() or 1
    return max(1, min(cores, round(cores - os.getloadavg()[0])))


def load_init_adapter(model, folder: str | Path, rank: int) -> None:
    """Start from a trained adapter (continued training); its rank must equal this run's."""
    from peft import set_peft_model_state_dict
    from safetensors.torch import load_file

    folder = Path(folder)
    config = json.loads((folder / "adapter_config.json").read_text(encoding="utf-8"))
    if int(config.get("r", -1)) != rank:
        raise ValueError(f"--init-adapter {folder} has rank {config.get('r')}, this run {rank}")
    weights = {k: v.float() for k, v in load_file(str(folder / "adapter_model.safetensors")).items()}
    result = set_peft_model_state_dict(model, weights)
    missing = [k for k in getattr(result, "missing_keys", []) if "lora_" in k]
    if missing:
        raise ValueError(f"--init-adapter {folder} lacks {len(missing)} LoRA weights (e.g. {missing[0]})")


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class TrainResult:
    adapter_dir: Path
    metrics: dict[str, Any]


def train_adapter(config: LoraTrainConfig, out_root: Path, cache_dir: Path, mark: bool = True) -> TrainResult:
    """Train one adapter into ``out_root/<version>``; mark it current only when everything succeeded."""
    import torch
    from peft import LoraConfig, get_peft_model
    from tqdm import tqdm
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from agent.lora.data import build_examples, mix_table

    started, cpu0 = time.perf_counter(), _cpu_seconds()
    random.seed(config.seed)
    torch.manual_seed(config.seed)
    device = config.device or ("cuda" if torch.cuda.is_available() else "cpu")
    if device == "cpu":
        torch.set_num_threads(cpu_threads(config.threads))
    base = resolve_base(config, cache_dir)
    tokenizer = AutoTokenizer.from_pretrained(base)
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    dtype = torch.bfloat16 if device == "cuda" else torch.float32
    model = AutoModelForCausalLM.from_pretrained(base, dtype=dtype).to(device)
    model = get_peft_model(model, LoraConfig(r=config.rank, lora_alpha=config.alpha, lora_dropout=config.dropout,
                                             target_modules=LORA_TARGETS, task_type="CAUSAL_LM"))
    if config.init_adapter:
        load_init_adapter(model, config.init_adapter, config.rank)
    if device == "cuda":  # adapters in fp32 for stable updates; the frozen base stays bf16
        for name, param in model.named_parameters():
            if param.requires_grad:
                param.data = param.data.float()

    examples = build_examples(seed=config.seed, summaries=config.summaries)
    if config.limit:
        examples = examples[:config.limit]
    n_val = max(1, int(len(examples) * config.val_fraction))
    val_examples, train_examples = examples[:n_val], examples[n_val:]
    train_rows = [encode(e, tokenizer, config.max_length, PROMPT_VERSION) for e in train_examples]
    val_rows = [encode(e, tokenizer, config.max_length, PROMPT_VERSION) for e in val_examples]
    tokens = sum(len(r["input_ids"]) for r in train_rows)
    steps_per_epoch = len(batch_order([len(r["input_ids"]) for r in train_rows], config.batch_size, random.Random(config.seed),
                                      config.group_by_length, max_tokens=config.max_batch_tokens))
    total_steps = steps_per_epoch * config.epochs if not config.max_steps else min(config.max_steps, steps_per_epoch * config.epochs)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=config.lr, weight_decay=0.0)
    warmup = max(1, int(0.05 * total_steps))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / warmup) * max(0.05, 1 - s / max(total_steps, 1)))
    rng = random.Random(config.seed)
    curve: list[dict[str, Any]] = []
    best_loss, best_state, best_epoch, bad_epochs, step = float("inf"), None, 0, 0, 0
    pad_id = tokenizer.pad_token_id
    model.train()
    log.info("training on %s (%d threads): %d train / %d val examples (%d tokens), %d steps, prompt %s", device,
             torch.get_num_threads(), len(train_rows), len(val_rows), tokens, total_steps, PROMPT_VERSION)
    epoch_s, out_of_time = 0.0, False
    for epoch in range(1, config.epochs + 1):
        elapsed = time.perf_counter() - started
        if config.max_minutes and epoch > 1 and elapsed + epoch_s > config.max_minutes * 60:
            log.info("stopping before epoch %d: %.0f s used, an epoch takes %.0f s, budget %.0f min", epoch, elapsed,
                     epoch_s, config.max_minutes)
            break
        epoch_started = time.perf_counter()
        bar = tqdm(_batches(train_rows, config.batch_size, pad_id, rng, config.group_by_length, config.max_batch_tokens),
                   total=steps_per_epoch,
                   desc=f"epoch {epoch}", leave=False)
        running = 0.0
        for i, (ids, labels, mask) in enumerate(bar, 1):
            with torch.autocast("cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
                loss, _ = answer_loss(model, ids.to(device), labels.to(device), mask.to(device))
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            running += loss.item()
            step += 1
            bar.set_postfix(loss=f"{running / i:.3f}")
            if config.max_steps and step >= config.max_steps:
                break
            if config.max_minutes and time.perf_counter() - started > config.max_minutes * 60:
                log.info("wall budget of %.0f min spent after %d steps; validating and saving", config.max_minutes, step)
                out_of_time = True
                break
        val_loss = _val_loss(model, val_rows, config.batch_size, pad_id, device, config.max_batch_tokens)
        exact = _val_exact(model, tokenizer, val_examples, device, config.eval_generate) if config.eval_generate else None
        epoch_s = time.perf_counter() - epoch_started
        curve.append({"epoch": epoch, "train_loss": round(running / max(i, 1), 4), "val_loss": round(val_loss, 4),
                      "val_exact_tool": None if exact is None else round(exact, 4), "steps": step,
                      "wall_s": round(time.perf_counter() - started, 1), "cpu_s": round(_cpu_seconds() - cpu0, 1),
                      "load_avg": round(os.getloadavg()[0], 2)})
        log.info("epoch %d: %s", epoch, curve[-1])
        print(json.dumps(curve[-1]), flush=True)
        if val_loss < best_loss - 1e-4:
            best_loss, best_epoch, bad_epochs = val_loss, epoch, 0
            best_state = {k: v.detach().to("cpu", copy=True) for k, v in model.state_dict().items() if "lora_" in k}
        else:
            bad_epochs += 1
            if bad_epochs > config.patience:
                break
        if (config.max_steps and step >= config.max_steps) or out_of_time:
            break
    if not math.isfinite(best_loss) or best_state is None:
        raise RuntimeError("training diverged (no finite validation loss); the current adapter is unchanged")
    model.load_state_dict(best_state, strict=False)

    out_root = Path(out_root)
    out_root.mkdir(parents=True, exist_ok=True)
    version = f"{config.version_prefix}{datetime.now(timezone.utc):%Y%m%d-%H%M%S}"
    staging = out_root / f".{version}.partial"
    model = model.to(torch.float32) if device == "cuda" else model
    model.save_pretrained(staging)
    _halve_adapter(staging)  # fp16 on disk: half the size, no measurable loss for a LoRA delta
    size = sum(p.stat().st_size for p in staging.rglob("*") if p.is_file())
    metrics = {"version": version, "created": datetime.now(timezone.utc).isoformat(timespec="seconds"), "device": device,
               "base": str(base), "config": asdict(config), "n_train": len(train_rows), "n_val": len(val_rows),
               "best_epoch": best_epoch, "best_val_loss": round(best_loss, 4), "curve": curve,
               "wall_s": round(time.perf_counter() - started, 1), "cpu_s": round(_cpu_seconds() - cpu0, 1),
               "adapter_bytes": size, "mix": mix_table(examples), "torch_threads": torch.get_num_threads(),
               "train_tokens": tokens, "prompt_version": PROMPT_VERSION, "peak_rss_mb": _peak_rss_mb()}
    write_prompt_version(staging)
    (staging / "metrics.json").write_text(json.dumps(metrics, indent=1, ensure_ascii=False), encoding="utf-8")
    (staging / "MODEL_CARD.md").write_text(model_card(metrics), encoding="utf-8")
    target = out_root / version
    staging.rename(target)
    if mark:
        from finetune.current import mark_current

        mark_current(out_root, version)
    return TrainResult(target, metrics)


def _halve_adapter(folder: Path) -> None:
    import torch
    from safetensors.torch import load_file, save_file

    path = folder / "adapter_model.safetensors"
    tensors = load_file(str(path))
    save_file({k: v.to(torch.float16).contiguous() for k, v in tensors.items()}, str(path))


def model_card(m: dict[str, Any]) -> str:
    lines = [f"# LoRA tool-call and summary adapter {m['version']}", "",
             f"- Created {m['created']} on {m['device']}; base `{Path(m['base']).name}`; LoRA r={m['config']['rank']}, "
             f"alpha={m['config']['alpha']} on {', '.join(LORA_TARGETS)}; {m['adapter_bytes'] / 1e6:.1f} MB (fp16).",
             f"- Examples: {m['n_train']} train, {m['n_val']} validation; best epoch {m['best_epoch']} "
             f"(validation loss {m['best_val_loss']}); wall {m['wall_s']} s, CPU {m['cpu_s']} s.",
             *([f"- Continued from the adapter `{m['config']['init_adapter']}` (its own card gives its training)."]
               if m["config"].get("init_adapter") else []),
             "- Tasks: request -> tool calls (one JSON per line, NONE, REFUSE); plan facts -> short summary.",
             "- Data: operator request set TRAIN split, synthetic English/Chinese requests over the scenario's "
             "places and units, planner facts on made-up reports. The TEST split is never used.", "",
             "| epoch | train loss | val loss | val exact (tool) |", "|---|---|---|---|"]
    lines += [f"| {c['epoch']} | {c['train_loss']} | {c['val_loss']} | {c['val_exact_tool']} |" for c in m["curve"]]
    lines += ["", "## Data mix", "", "| task:intent | counts (source/lang) |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in m["mix"].items()]
    lines += ["", "Decision support only: every call is checked (schema, names against the scenario) and the "
              "deterministic router decides when the model is unsure.", ""]
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    d = LoraTrainConfig()
    parser.add_argument("--out", help="folder of versioned adapters (default: <data_dir>/models/llm_lora)")
    parser.add_argument("--base", default="", help="local HF causal-LM directory (default: the packaged SmolLM2-135M)")
    parser.add_argument("--gguf", default="", help="a GGUF file to materialise as the base instead")
    parser.add_argument("--cache-dir", help="where the materialised base goes (default: <data_dir>/cache)")
    for name in ("epochs", "batch_size", "rank", "alpha", "max_length", "patience", "seed", "limit", "max_steps", "eval_generate",
                 "threads", "max_batch_tokens"):
        parser.add_argument("--" + name.replace("_", "-"), type=int, default=getattr(d, name))
    for name in ("lr", "val_fraction", "dropout", "max_minutes"):
        parser.add_argument("--" + name.replace("_", "-"), type=float, default=getattr(d, name))
    parser.add_argument("--no-summaries", action="store_true", help="train the tool-call task only")
    parser.add_argument("--no-group-by-length", action="store_true", help="random batches (more padding)")
    parser.add_argument("--init-adapter", default="", help="continue training this adapter (same rank) instead of a fresh one")
    parser.add_argument("--device", default="", help="cuda | cpu (default: cuda when present)")
    parser.add_argument("--no-mark", action="store_true", help="do not move the CURRENT marker")


def run(args: argparse.Namespace) -> int:
    from core.errors import UserError

    config = LoraTrainConfig(base=args.base, gguf=args.gguf, epochs=args.epochs, lr=args.lr, batch_size=args.batch_size,
                             rank=args.rank, alpha=args.alpha, dropout=args.dropout, max_length=args.max_length,
                             val_fraction=args.val_fraction, patience=args.patience, seed=args.seed, limit=args.limit,
                             max_steps=args.max_steps, eval_generate=args.eval_generate, summaries=not args.no_summaries,
                             device=args.device, threads=args.threads, max_minutes=args.max_minutes,
                             group_by_length=not args.no_group_by_length, init_adapter=args.init_adapter,
                             max_batch_tokens=args.max_batch_tokens)
    if not (args.out and args.cache_dir):  # pydantic-settings only when a default is needed (a lent machine may lack it)
        from core.settings import get_settings

        settings = get_settings()
    out_root = Path(args.out) if args.out else settings.models_dir / "llm_lora"
    cache = Path(args.cache_dir) if args.cache_dir else settings.cache_dir
    try:
        result = train_adapter(config, out_root, cache, mark=not args.no_mark)
    except (FileNotFoundError, RuntimeError, ValueError) as exc:
        raise UserError(f"LoRA training failed, the current adapter is unchanged: {exc}") from exc
    m = result.metrics
    print(f"adapter {result.adapter_dir} ({m['adapter_bytes'] / 1e6:.1f} MB): best epoch {m['best_epoch']}, "
          f"val loss {m['best_val_loss']}, wall {m['wall_s']} s, CPU {m['cpu_s']} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m agent.lora.train", description=__doc__.split("\n\n")[0])
    add_arguments(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        return run(args)
    except Exception as exc:  # noqa: BLE001 - a one-line message for the operator, not a traceback
        from core.errors import UserError

        if isinstance(exc, UserError):
            print(f"error: {exc}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    raise SystemExit(main())
