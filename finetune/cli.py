"""`eca triage`, `eca train`, `eca evaluate`."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    """Add this package's subcommands to the `eca` parser."""
    triage = sub.add_parser("triage", help="incident type and priority of one or more reports")
    triage.add_argument("texts", nargs="+", help="report text(s); '-' reads one report per line from stdin")
    triage.add_argument("--model", type=Path, help="model directory (default: the current one; trained on first use)")
    triage.add_argument("--json", action="store_true", help="print JSON results")
    triage.set_defaults(handler=_triage)

    train = sub.add_parser("train", help="train a triage model from a labelled .csv/.jsonl file")
    _data_args(train)
    train.add_argument("--infer-labels", action="store_true", help="take the type labels from the data instead of the project taxonomy")
    train.add_argument("--drop-constant", action="store_true", help="drop multi-label columns that are all 0 or all 1")
    train.add_argument("--base-model", help="local HF encoder directory (default: packaged all-MiniLM-L6-v2)")
    train.add_argument("--epochs", type=int, default=4)
    train.add_argument("--batch-size", type=int, default=32)
    train.add_argument("--lr", type=float, default=8e-5, help="encoder learning rate")
    train.add_argument("--max-length", type=int, default=None, help="token window (default ECA_TRIAGE_MAX_LENGTH)")
    train.add_argument("--max-rows", type=int, default=None, help="train on a stratified subsample of this many rows")
    train.add_argument("--val-fraction", type=float, default=0.15)
    train.add_argument("--patience", type=int, default=2, help="early-stopping patience in epochs")
    train.add_argument("--seed", type=int, default=13)
    train.add_argument("--no-zh-head", action="store_true", help="send Chinese through the encoder too")
    train.add_argument("--out", type=Path, help="models folder (default: <data_dir>/models/triage)")
    train.add_argument("--no-mark-current", action="store_true", help="do not make the new model the current one")
    train.set_defaults(handler=_train)

    evaluate = sub.add_parser("evaluate", help="score a model on a labelled file, beside a TF-IDF baseline")
    _data_args(evaluate)
    evaluate.add_argument("--model", type=Path, help="model directory (default: the current one)")
    evaluate.add_argument("--baseline-train", type=Path, help="file to fit the baseline on (default: the model's own training split)")
    evaluate.add_argument("--out", type=Path, help="folder for the metrics JSON and PNGs (default: <model>/eval-<data stem>)")
    evaluate.set_defaults(handler=_evaluate)

    fallback = sub.add_parser("train-fallback", help="fit the multilingual fallback head (reports in languages other than "
                              "English and Chinese) of an existing model from its own training split")
    fallback.add_argument("--model", type=Path, help="model directory (default: the current one)")
    fallback.set_defaults(handler=_train_fallback)


def _data_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, required=True, help=".csv or .jsonl file")
    p.add_argument("--text-col", default="text")
    p.add_argument("--label-col", default="incident_type", help="single-label column")
    p.add_argument("--multi-label-cols", help="multi-label 0/1 columns: 'a,b,c' or 'first..last'")
    p.add_argument("--priority-col", default="auto", help="P1-P4 column ('auto': 'priority' if present; 'none': no priority head)")
    p.add_argument("--secondary-col", default="auto", help="second-hazard column ('auto': 'secondary_type' if present)")


def _user_error(exc: Exception):
    from core.errors import UserError

    return UserError(str(exc))


def _auto(value: str, default: str, columns: list[str]) -> str | None:
    if value == "none":
        return None
    if value == "auto":
        return default if default in columns else None
    return value


def _spec(args: argparse.Namespace, df, multi_cols: list[str] | None = None):
    from finetune.dataset import LabelSpec, drop_constant, expand_columns

    columns = list(df.columns)
    if multi_cols is None and args.multi_label_cols:
        multi_cols = expand_columns(args.multi_label_cols, columns)
        if getattr(args, "drop_constant", False):
            multi_cols = drop_constant(df, multi_cols)
    return LabelSpec(text_col=args.text_col, label_col=None if multi_cols else args.label_col,
                     priority_col=_auto(args.priority_col, "priority", columns),
                     secondary_col=None if multi_cols else _auto(args.secondary_col, "secondary_type", columns),
                     multi_label_cols=tuple(multi_cols or ()), infer_labels=getattr(args, "infer_labels", False))


def _read_stdin_reports() -> list[str]:
    from core.errors import InputError
    from core.text import read_stdin

    reports = [line for line in read_stdin().splitlines() if line.strip()]
    if not reports:
        raise InputError("standard input holds no report: give one report per line")
    return reports


def _triage(args: argparse.Namespace) -> int:
    from core.errors import InputError
    from finetune.errors import ModelNotFoundError
    from finetune.predict import TriageClassifier
    from finetune.registry import ensure_default_model
    from core.text import check_text

    try:
        texts = _read_stdin_reports() if args.texts == ["-"] else args.texts
        for i, text in enumerate(texts):  # cheap checks before the (slow) model load
            check_text(text, what=f"report #{i}")
        classifier = TriageClassifier.load(args.model or ensure_default_model())
        results = classifier.predict(texts)
    except (InputError, ModelNotFoundError) as exc:
        raise _user_error(exc) from None
    for r in results:
        if args.json:
            print(r.model_dump_json())
            continue
        extra = f" (+ {', '.join(r.secondary_types)})" if r.secondary_types else ""
        cut = " [truncated]" if r.truncated else ""
        print(f"{r.priority} {r.incident_type}{extra}  type {r.type_confidence:.2f}, priority {r.priority_confidence:.2f}, "
              f"{r.language}{cut}  | {r.text[:80]}")
    return 0


def _train(args: argparse.Namespace) -> int:
    from core.settings import get_settings
    from finetune.dataset import prepare, read_table
    from finetune.errors import TrainingDataError
    from finetune.evaluate import format_report  # noqa: F401  (fail fast on a broken install)
    from finetune.registry import models_root
    from finetune.train import TrainConfig, train_model

    settings = get_settings()
    try:
        df = read_table(args.data)
        data = prepare(df, _spec(args, df))
        config = TrainConfig(base_model=args.base_model or settings.triage_base_model, epochs=args.epochs,
                             batch_size=args.batch_size, learning_rate=args.lr,
                             max_length=args.max_length or settings.triage_max_length, val_fraction=args.val_fraction,
                             patience=args.patience, seed=args.seed, max_rows=args.max_rows, zh_head=not args.no_zh_head)
        if config.base_model and not Path(config.base_model).is_dir():
            raise TrainingDataError(f"--base-model {config.base_model!r} is not a local model directory")
        if not 0 < config.val_fraction < 0.9 or config.epochs < 1:
            raise TrainingDataError("--val-fraction must be in (0, 0.9) and --epochs at least 1")
        result = train_model(data, config, args.out or models_root(settings), source=str(args.data),
                             mark_current=not args.no_mark_current)
    except TrainingDataError as exc:
        raise _user_error(exc) from None
    print((result.model_dir / "metrics.txt").read_text(encoding="utf-8"))
    print(f"model {result.version} written to {result.model_dir} in {result.seconds:.0f} s"
          + ("" if args.no_mark_current else " (now current)"))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from finetune.dataset import prepare, read_split, read_table
    from finetune.errors import ModelNotFoundError, TrainingDataError
    from finetune.evaluate import evaluate, format_report, write_outputs
    from finetune.predict import TriageClassifier
    from finetune.registry import current_model_dir

    try:
        model_dir = args.model or current_model_dir()
        if model_dir is None:
            raise ModelNotFoundError("no current triage model; pass --model DIR or run `eca train`")
        classifier = TriageClassifier.load(model_dir)
        df = read_table(args.data)
        multi = classifier.type_labels if classifier.mode == "multi" else None
        if args.priority_col == "auto" and not classifier.priority_labels:
            args.priority_col = "none"
        data = prepare(df, _spec(args, df, multi), type_labels=classifier.type_labels)
        if args.baseline_train:
            bdf = read_table(args.baseline_train)
            baseline_train = prepare(bdf, _spec(args, bdf, multi), type_labels=classifier.type_labels)
        else:
            baseline_train = read_split(Path(model_dir) / "train_split.jsonl", classifier.type_labels, classifier.mode,
                                        classifier.config["priority_labels"])
        report = evaluate(classifier, data, baseline_train)
    except (TrainingDataError, ModelNotFoundError) as exc:
        raise _user_error(exc) from None
    out = args.out or Path(model_dir) / f"eval-{args.data.stem}"
    paths = write_outputs(report, classifier.type_labels, out, "metrics")
    text = format_report(report, classifier.type_labels)
    (out / "metrics.txt").write_text(text + "\n", encoding="utf-8")
    print(text)
    print("saved: " + ", ".join(str(p) for p in paths.values()))
    return 0


def _train_fallback(args: argparse.Namespace) -> int:
    from finetune.errors import ModelNotFoundError
    from finetune.fallback import add_fallback_head
    from finetune.registry import current_model_dir

    try:
        model_dir = args.model or current_model_dir()
        if model_dir is None:
            raise ModelNotFoundError("no current triage model; pass --model DIR or run `eca train`")
        entry = add_fallback_head(Path(model_dir))
    except ModelNotFoundError as exc:
        raise _user_error(exc) from None
    print(f"multilingual fallback head fitted on {entry['n_train']} rows -> {Path(model_dir) / entry['file']} "
          f"(languages: {', '.join(entry['languages'])})")
    return 0
