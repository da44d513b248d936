"""The triage encoder and heads on ONNX Runtime: the same fp32 maths as torch, with less CPU per report.

Measured on 1,500 CrisisLexT26 dev tweets in length-bucketed batches on one thread: torch 11.0 ms, ONNX Runtime
8.6 ms of CPU per report, probabilities equal to 4 decimals (no type or priority changed). Most of the gain is the
per-call overhead of eager torch on the small batches that length bucketing makes.

The graph is exported once per model directory (``encoder.onnx`` beside the weights, or under the cache folder when
the model directory is read-only) from the loaded network, through a copy of its modules that shares its weights
and uses plain ("eager") attention (the model is not read from disk a second time): the default attention
path of transformers 5 builds its mask with shape-dependent Python branches that a trace freezes (an earlier export
changed types on 20 % of windows). Every load checks the exported graph against torch on probe reports of several
lengths in one padded batch; a graph that disagrees is not used (torch is, with a warning).
"""

from __future__ import annotations

import copy
import fcntl
import logging
import os
import tempfile
import threading
from pathlib import Path

import numpy as np
import torch

log = logging.getLogger(__name__)

ONNX_FILE = "encoder.onnx"
OPSET = 17
PROBE_TOLERANCE = 1e-3  # largest logit difference accepted between the graph and torch (fp32 noise is ~1e-5)
# Probe reports for the load-time check: different lengths in one padded batch, so the mask path is exercised.
PROBES = [
    "Fire",
    "Smoke coming out of the third floor window at Mikonkatu 5, people on the balcony",
    "Two cars collided at the junction of Mannerheimintie and Kaivokatu; one driver is trapped and bleeding, "
    "the other walked away. Traffic is blocked in both directions and a tram is stuck behind the cars.",
    "ok thanks",
]


class OnnxUnavailable(RuntimeError):
    """ONNX Runtime (or the exporter's ``onnx`` package) is missing, or the graph failed its check."""


def _export(net: torch.nn.Module, tokenizer, target: Path, has_priority: bool) -> None:
    """Write the network (type head, and the priority head where the model has one) as an ONNX graph with dynamic
    batch and sequence axes (atomically)."""
    try:
        import onnx  # noqa: F401  (torch's exporter needs it)
    except ImportError as exc:
        raise OnnxUnavailable("the onnx package is not installed (pip install onnx)") from exc
    sample = tokenizer(PROBES[:2], padding=True, return_tensors="pt")
    # A multi-label model has no priority head: its forward returns None there, which the exporter drops.
    outputs = ["type_logits", "priority_logits"] if has_priority else ["type_logits"]
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".encoder.", suffix=".onnx")
    os.close(fd)
    try:
        import warnings

        with warnings.catch_warnings(), torch.inference_mode(False), torch.no_grad():
            warnings.simplefilter("ignore")  # tracer warnings about Python branches on shapes: the probe check below decides
            torch.onnx.export(net, (sample["input_ids"], sample["attention_mask"]), tmp,
                              input_names=["input_ids", "attention_mask"], output_names=outputs,
                              dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                                            **{name: {0: "batch"} for name in outputs}},
                              opset_version=OPSET, dynamo=False)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _graph_path(model_dir: Path, version: str) -> Path:
    """Beside the model if that folder is writable, else in the cache folder (one file per model version)."""
    if os.access(model_dir, os.W_OK):
        return model_dir / ONNX_FILE
    from core.settings import get_settings

    folder = get_settings().cache_dir / "onnx"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{version}.onnx"


def _eager_view(net: torch.nn.Module) -> torch.nn.Module:
    """The loaded network with plain attention, for tracing: a copy of its modules and config that shares every
    weight and buffer with ``net`` (no second load from disk, no second copy of the weights), so switching the
    copy's attention leaves the network that triages untouched."""
    shared = {id(t): t for t in [*net.parameters(), *net.buffers()]}
    view = copy.deepcopy(net, memo=shared)
    view.encoder.set_attn_implementation("eager")
    return view.eval()


class OnnxHeads:
    """Type and priority logits of padded batches through ONNX Runtime.

    Two sessions on the one graph: one on a single thread for the batch workers (each worker runs its own
    sub-batch, as with torch), and one on all threads for a lone report (the shortest wait)."""

    def __init__(self, path: Path, threads: int):
        try:
            import onnxruntime as ort
        except ImportError as exc:
            raise OnnxUnavailable("onnxruntime is not installed") from exc
        self.path = path

        def session(n: int):
            options = ort.SessionOptions()
            options.intra_op_num_threads = n
            options.inter_op_num_threads = 1
            # No spinning: on a shared machine a waiting thread should give its core away.
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            options.log_severity_level = 3
            return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

        self._session, self._threads = session, threads
        self._single = session(1)
        self._multi = None if threads > 1 else self._single  # made on the first lone report (~1 s)
        self._lock = threading.Lock()
        self._has_priority = len(self._single.get_outputs()) > 1

    def _multi_session(self):
        if self._multi is None:
            with self._lock:
                if self._multi is None:
                    self._multi = self._session(self._threads)
        return self._multi

    def __call__(self, input_ids, attention_mask, *, single_thread: bool) -> tuple[np.ndarray, np.ndarray | None]:
        """Logits of one padded batch (numpy arrays or torch tensors of token ids and mask)."""
        sess = self._single if single_thread else self._multi_session()
        outputs = sess.run(None, {"input_ids": np.asarray(input_ids, dtype=np.int64),
                                  "attention_mask": np.asarray(attention_mask, dtype=np.int64)})
        return outputs[0], (outputs[1] if self._has_priority else None)

    @classmethod
    def for_model(cls, model_dir: Path, version: str, net: torch.nn.Module, tokenizer, threads: int) -> "OnnxHeads":
        """The model's graph (exported on first use, under a lock so that two processes do not both export),
        checked against ``net`` on the probe reports."""
        path = _graph_path(model_dir, version)
        if not path.is_file():
            with open(path.with_name("." + path.name + ".lock"), "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if not path.is_file():
                    log.info("exporting the triage network of %s to ONNX (%s), once", version, path)
                    try:
                        _export(_eager_view(net), tokenizer, path, getattr(net, "priority_head", None) is not None)
                    except OnnxUnavailable:
                        raise
                    except Exception as exc:  # an exporter failure costs speed, never the triage
                        raise OnnxUnavailable(f"the triage network of {version} could not be exported to ONNX ({exc})") from exc
        try:
            heads = cls(path, threads)
        except OnnxUnavailable:
            raise
        except Exception as exc:  # a damaged file: say so and leave it for a re-export next time
            path.unlink(missing_ok=True)
            raise OnnxUnavailable(f"the ONNX graph {path} could not be loaded ({exc}); removed, it is exported again next time") from exc
        heads.check(net, tokenizer)
        return heads

    def check(self, net: torch.nn.Module, tokenizer) -> float:
        """Largest logit difference from torch on the probes; raises OnnxUnavailable above PROBE_TOLERANCE."""
        batch = tokenizer(PROBES, padding=True, return_tensors="pt")
        with torch.inference_mode():
            want = net(batch["input_ids"], batch["attention_mask"])
        got = self(batch["input_ids"], batch["attention_mask"], single_thread=True)
        diff = max(float(np.abs(w.numpy() - g).max()) for w, g in zip(want, got) if w is not None and g is not None)
        if not np.isfinite(diff) or diff > PROBE_TOLERANCE:
            raise OnnxUnavailable(f"the ONNX graph {self.path} differs from the torch model by {diff:.2g} on the probe reports")
        return diff
