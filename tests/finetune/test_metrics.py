"""Metric definitions on hand-computed cases, and the baseline on real shipped data."""

from __future__ import annotations

import numpy as np
import pytest

from finetune.evaluate import TfidfBaseline, expected_calibration_error, priority_metrics, type_metrics


def test_ece_perfect_and_overconfident():
    assert expected_calibration_error(np.array([1.0, 1.0]), np.array([1, 1])) == pytest.approx(0.0)
    # Always 90 % sure, right half the time: ECE = 0.4.
    assert expected_calibration_error(np.full(4, 0.9), np.array([1, 0, 1, 0])) == pytest.approx(0.4)


def test_p1_recall_counts_under_triage():
    truth = np.array([0, 0, 0, 0, 1, 3])  # four P1 reports
    probs = np.eye(4)[[0, 0, 1, 2, 1, 3]]  # two P1s under-triaged
    m = priority_metrics(truth, probs, ["P1", "P2", "P3", "P4"])
    assert m["p1_recall"] == pytest.approx(0.5) and m["under_triage_rate"] == pytest.approx(0.5)


def test_type_metrics_single_and_multi():
    targets = np.eye(3)[[0, 1, 2, 2]]
    m = type_metrics(targets, np.eye(3)[[0, 1, 2, 1]], ["a", "b", "c"], "single")
    assert m["per_class"]["c"]["recall"] == pytest.approx(0.5) and m["accuracy"] == pytest.approx(0.75)
    multi = type_metrics(np.array([[1, 0], [1, 1]]), np.array([[0.9, 0.1], [0.8, 0.2]]), ["x", "y"], "multi")
    assert multi["per_class"]["y"]["recall"] == 0.0 and multi["micro_f1"] == pytest.approx(0.8)


def test_tfidf_baseline_learns_shipped_data():
    from finetune.dataset import prepare, read_table
    from finetune.registry import SHIPPED_DATA, default_spec

    data = prepare(read_table(SHIPPED_DATA).head(1500), default_spec())
    train, test = data.subset(np.arange(1200)), data.subset(np.arange(1200, 1500))
    types, prio = TfidfBaseline().fit(train).predict_proba(test.texts)
    assert (types.argmax(1) == test.primary_index()).mean() > 0.7
    assert prio.shape == (300, 4) and np.allclose(prio.sum(1), 1)
