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
    # None = "not given": plain training uses the TrainConfig defaults, --with-shipped the default model's settings
    train.add_argument("--epochs", type=int, default=None, help="fine-tuning epochs (default 4; with --with-shipped "
                       "the default model's ECA_TRIAGE_EPOCHS)")
    train.add_argument("--batch-size", type=int, default=None, help="default 32")
    train.add_argument("--lr", type=float, default=None, help="encoder learning rate (default 8e-5)")
    train.add_argument("--max-length", type=int, default=None, help="token window (default ECA_TRIAGE_MAX_LENGTH)")
    train.add_argument("--max-rows", type=int, default=None, help="train on a stratified subsample of this many rows")
    train.add_argument("--val-fraction", type=float, default=None, help="default 0.15")
    train.add_argument("--patience", type=int, default=None, help="early-stopping patience in epochs (default 2)")
    train.add_argument("--seed", type=int, default=None, help="default 13")
    train.add_argument("--no-zh-head", action="store_true", help="send Chinese through the encoder too")
    train.add_argument("--out", type=Path, help="models folder (default: <data_dir>/models/triage)")
    train.add_argument("--with-shipped", action="store_true",
                       help="train on the shipped training data PLUS this file (the way to add new reports to the model)")
    train.add_argument("--margin", type=float, default=None,
                       help="how far a validation figure may fall below the current model's and the new model still "
                            "becomes current (default 0.02)")
    train.add_argument("--force", action="store_true",
                       help="make the new model current even if it scores worse than the current one (or no comparison is possible)")
    train.add_argument("--no-mark-current", action="store_true", help="do not make the new model the current one")
    train.set_defaults(handler=_train)

    use = sub.add_parser("use-model", help="make a trained triage model version current (roll back a retrain); "
                         "without a version: list the versions")
    use.add_argument("version", nargs="?", help="a version folder name, e.g. triage-20261203-055758-849c")
    use.add_argument("--models-dir", type=Path, help="models folder (default: <data_dir>/models/triage)")
    use.set_defaults(handler=_use_model)

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


def _train_config(args: argparse.Namespace, settings):
    from dataclasses import replace

    from finetune.registry import default_config
    from finetune.train import TrainConfig

    base = default_config(settings) if args.with_shipped else TrainConfig(base_model=settings.triage_base_model,
                                                                           max_length=settings.triage_max_length)
    given = {"base_model": args.base_model, "epochs": args.epochs, "batch_size": args.batch_size,
             "learning_rate": args.lr, "max_length": args.max_length, "val_fraction": args.val_fraction,
             "patience": args.patience, "seed": args.seed, "max_rows": args.max_rows}
    config = replace(base, **{k: v for k, v in given.items() if v is not None})
    return replace(config, zh_head=config.zh_head and not args.no_zh_head)


def _warn(line: str) -> None:
    import sys

    print(f"warning: {line}", file=sys.stderr)


def _train(args: argparse.Namespace) -> int:
    from core.settings import get_settings
    from finetune.data_checks import check_rows
    from finetune.dataset import prepare, read_table
    from finetune.errors import ModelNotFoundError, TrainingDataError
    from finetune.evaluate import format_report  # noqa: F401  (fail fast on a broken install)
    from finetune.registry import models_root
    from finetune.retrain import DEFAULT_MARGIN, MIN_ROWS, compare_with_current, current_version, with_shipped_data
    from finetune.train import train_model

    settings = get_settings()
    root = args.out or models_root(settings)
    margin = DEFAULT_MARGIN if args.margin is None else args.margin
    try:
        df = read_table(args.data)
        spec = _spec(args, df)
        prepare(df, spec)  # a bad label or priority is named by its line before anything else
        checked = check_rows(df, spec)
        for line in checked.warnings():
            _warn(line)
        own = prepare(checked.df, spec)
        data = with_shipped_data(checked.df, spec, settings) if args.with_shipped else own
        config = _train_config(args, settings)
        if config.base_model and not Path(config.base_model).is_dir():
            raise TrainingDataError(f"--base-model {config.base_model!r} is not a local model directory")
        if not 0 < config.val_fraction < 0.9 or config.epochs < 0 or (config.epochs < 1 and not args.with_shipped):
            raise TrainingDataError("--val-fraction must be in (0, 0.9) and --epochs at least 1")
        if not (0 <= margin < 1):
            raise TrainingDataError("--margin must be in [0, 1)")
        if len(own) < MIN_ROWS and not args.with_shipped:
            _warn(f"only {len(own)} usable rows in {args.data.name} (fewer than {MIN_ROWS}): a model trained on so few "
                  "reports forgets what the shipped model knows. To add these reports to the shipped training data, "
                  "train with --with-shipped. The new model becomes current only if it scores no worse than the current one.")
        previous = None if args.no_mark_current else current_version(root)
        source = f"shipped training data + {args.data}" if args.with_shipped else str(args.data)
        result = train_model(data, config, root, source=source, mark_current=False)
        print((result.model_dir / "metrics.txt").read_text(encoding="utf-8"))
        print(f"model {result.version} written to {result.model_dir} in {result.seconds:.0f} s")
        if args.no_mark_current:
            print("not made current (--no-mark-current)")
            return 0
        gate = compare_with_current(result.model_dir, root / previous if previous else None, len(data), margin)
    except (TrainingDataError, ModelNotFoundError) as exc:
        raise _user_error(exc) from None
    return _promote_or_keep(args, root, gate)


def _models_dir_arg(args: argparse.Namespace) -> str:
    return f" --models-dir {args.out}" if getattr(args, "out", None) else ""


def _promote_or_keep(args: argparse.Namespace, root: Path, gate) -> int:
    """Print both models' figures; make the new one current if it is not worse (or --force), else keep the old one."""
    from finetune.current import mark_current

    print(f"\nnew model {gate.new_version} beside the current model {gate.current_version or '(none)'} "
          f"(a figure may fall by at most {gate.margin:.3f}):")
    print(gate.table())
    where = _models_dir_arg(args)
    if gate.not_worse or args.force:
        mark_current(root, gate.new_version)
        forced = "" if gate.not_worse else " because of --force, although it is worse: " + "; ".join(gate.drops or [gate.not_comparable])
        print(f"\n{gate.new_version} is now the current triage model{forced}")
        if gate.current_version:
            print(f"to roll back to the previous model: eca use-model {gate.current_version}{where}")
        return 0
    print(f"\nNOT made current: the new model is worse than the current model {gate.current_version}: "
          + "; ".join(gate.drops or [gate.not_comparable]))
    print(f"the current model stays {gate.current_version}; the new one is kept in {root / gate.new_version}")
    print(f"to use the new model anyway: eca use-model {gate.new_version}{where}  (or retrain with --force)")
    if not getattr(args, "with_shipped", False):
        print("to add reports to the shipped training data instead of replacing it: eca train --data FILE --with-shipped")
    return 1


def _use_model(args: argparse.Namespace) -> int:
    from core.settings import get_settings
    from finetune.errors import ModelNotFoundError
    from finetune.registry import models_root
    from finetune.retrain import current_version, list_versions, use_model

    settings = get_settings()
    root = args.models_dir or models_root(settings)
    if not args.version:
        current = current_version(root)
        versions = list_versions(root)
        if not versions:
            raise _user_error(ModelNotFoundError(f"no trained triage model under {root}"))
        for version in versions:
            print(("* " if version == current else "  ") + version)
        return 0
    try:
        before = use_model(root, args.version)
    except ModelNotFoundError as exc:
        raise _user_error(exc) from None
    print(f"{args.version} is now the current triage model (was {before or 'none'})")
    if before and before != args.version:
        print(f"to switch back: eca use-model {before}" + (f" --models-dir {args.models_dir}" if args.models_dir else ""))
    if settings.triage_model_dir:
        print(f"note: ECA_TRIAGE_MODEL_DIR={settings.triage_model_dir} is set and overrides the current model")
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
