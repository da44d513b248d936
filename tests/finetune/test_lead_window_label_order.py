"""``TriageClassifier._lead_window`` picks a long report's most urgent window by the priority *labels*, not by column
position (s16 final read: it took column 0 as P1 and a lower index as more urgent).  A model whose priority labels are
stored in another order ("P4" first) must still lead with the P1 window."""

from __future__ import annotations

import numpy as np
import pytest

from core.vocabulary import NOT_INCIDENT
from finetune.predict import TriageClassifier


def _reader(priority_labels: list[str]) -> TriageClassifier:
    # the method reads only the label lists and the P1 threshold: a classifier without its weights is enough
    reader = object.__new__(TriageClassifier)
    reader.type_labels = ["fire", "medical", NOT_INCIDENT]
    reader.priority_labels = priority_labels
    reader.p1_threshold = None
    return reader


@pytest.mark.parametrize("labels", [["P1", "P2", "P3", "P4"], ["P4", "P3", "P2", "P1"], ["P2", "P4", "P1", "P3"]])
def test_the_p1_window_leads_whatever_the_label_order(labels):
    reader = _reader(labels)
    types = np.array([[0.9, 0.05, 0.05], [0.8, 0.1, 0.1], [0.05, 0.9, 0.05]], dtype=np.float32)

    def row(**p: float) -> list[float]:
        return [p.get(label, 0.0) for label in labels]

    prio = np.array([row(P4=0.9, P1=0.1), row(P1=0.7, P2=0.3), row(P3=0.8, P1=0.2)], dtype=np.float32)
    assert reader._lead_window(types, prio) == 1


@pytest.mark.parametrize("labels", [["P1", "P2", "P3", "P4"], ["P4", "P3", "P2", "P1"]])
def test_among_equal_priorities_the_likelier_p1_leads(labels):
    reader = _reader(labels)
    types = np.array([[0.9, 0.05, 0.05], [0.9, 0.05, 0.05]], dtype=np.float32)
    prio = np.array([[{"P2": 0.6, "P1": 0.3}.get(x, 0.1 / 2) for x in labels],
                     [{"P2": 0.55, "P1": 0.4}.get(x, 0.05 / 2) for x in labels]], dtype=np.float32)
    assert reader._lead_window(types, prio) == 1
