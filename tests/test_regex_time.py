"""Guard against a new regex that backtracks quadratically: every module-level pattern of the text-handling modules
(compiled, or a pattern string kept in a word list or a cue table) runs over adversarial 5,000-character inputs
(bench/probe_regex_time.py) in a time that, even if it grew quadratically, stays under 2 s of CPU at the
20,000-character input limit.

Before the fix eight patterns broke this (0.15-2 s each at 5,000 characters); after it the slowest takes about
0.01 s.  CPU time (time.process_time), with a 15x margin so a loaded test machine does not make it flaky.
"""
import importlib.util
import sys
from pathlib import Path

SIZE, LIMIT, BOUND_AT_LIMIT_S = 5_000, 20_000, 2.0


def _probe_module():
    path = Path(__file__).resolve().parents[1] / "bench" / "probe_regex_time.py"
    spec = importlib.util.spec_from_file_location("probe_regex_time", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_no_pattern_backtracks_quadratically():
    probe = _probe_module()
    timings = probe.probe(size=SIZE, budget=1.0)
    assert len(timings) > 600  # the probe still finds the patterns (a renamed module would silently empty it)
    names = {t.pattern for t in timings}
    # the word lists kept as pattern strings and compiled at use are probed too, not only compiled constants
    assert any(n.startswith("hazards.HAZARD_WORDS[") for n in names) and any(n.startswith("cues._CUES[") for n in names)
    slow = [(t.pattern, t.input, round(t.estimated_s, 3)) for t in timings
            if t.estimated_s * (LIMIT / SIZE) ** 2 > BOUND_AT_LIMIT_S]
    assert not slow, f"patterns that could take over {BOUND_AT_LIMIT_S} s at {LIMIT} characters: {slow}"


def test_a_message_of_many_correction_marks_reads_its_radius_in_linear_time():
    # corrected_radius_m once re-read the rest of the text after every correction mark: 13-18 s of CPU on these
    import time

    from agent.slots import corrected_radius_m

    for text in ("疏散Kamppi，" + "改成" * 10_000, "evacuate Kamppi 200 m, " + "make it " * 2_500):
        started = time.process_time()
        corrected_radius_m(text)
        assert time.process_time() - started < 1.0


def test_a_plan_request_followed_by_a_long_run_of_spaces_is_read_in_linear_time():
    # two optional runs of spaces after "plan" backtracked against each other: seconds on a pasted block of blanks (the
    # probe above feeds each pattern runs without the word "plan", so it could not see it)
    import time

    from agent.cue_rules import DEICTIC_PLAN

    for text in ("need plan" + " " * 20_000 + "x", "what is the plan" + " " * 20_000 + "x", "\n" * 20_000):
        started = time.process_time()
        assert DEICTIC_PLAN.search(text) is None
        assert time.process_time() - started < 1.0
    assert DEICTIC_PLAN.search("two trapped upstairs. Plan? ") and DEICTIC_PLAN.search("fire at kamppi, need plan pls")
