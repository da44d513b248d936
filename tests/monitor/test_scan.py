"""Issue 14, session 11: the grouper reads a report's words once (``textvec.Scan``): its term vector, its names, the
stream's case counts and the headline tests all read the one scan, and it gives what the text itself gives."""

from __future__ import annotations

from agent.monitor.textvec import CaseCounts, names
from tests.monitor.test_headline_names import _headline, _kamppi_fire


def test_the_grouper_reads_a_reports_words_once(monkeypatch):
    """Its term vector, its names, the stream's case counts and the headline tests read one ``Scan`` of the report
    (each of them once ran its own pass over the text), and they read the same words as the text itself gives."""
    from agent.monitor import textvec

    g, fire = _kamppi_fire()
    made = []
    real = textvec.Scan.__init__
    monkeypatch.setattr(textvec.Scan, "__init__", lambda self, text: (made.append(text), real(self, text))[1])
    headline = _headline("m", 30, "Old Warehouse Ablaze In Malmi, Two Trapped")
    other, _ = g.add(headline)
    assert other.new and made == [headline.text]     # scored, weighed as a headline, counted: one reading
    scan = headline.scan
    assert scan.tokens == textvec.tokens(headline.text)
    assert names(scan, ordinary=g.case.ordinary) == names(headline.text, ordinary=g.case.ordinary)
    before, after = CaseCounts(), CaseCounts()
    before.observe(headline.text), after.observe(scan)
    assert (before.lower, before.capital) == (after.lower, after.capital)
