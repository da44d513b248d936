"""The phase of a response plan's immediate action, so that the actions read in the order they are done.

The checklist steps come from several cited passages, each in its own document order (Annex C's step 7, "isolate gas",
came before its step 1, "dispatch the first response", and "declare the fire under control" stood second: trial s22).
The plan lists them by phase, the order of every fire and rescue service's first minutes:

0. life safety: the units sent, the rescue, the casualties, what the caller is told to do for the person;
1. isolate and cordon: isolation distances, cordons, staging upwind, utilities shut off, people kept back;
2. protective action: evacuation, shelter, the zone and its routes;
3. notify and the rest: informing, logging, declaring the incident under control, handing the scene over.

A step's phase is that of its opening verb where the verb says it (an "Inform ..." or "Declare ..." step is phase 3
whatever else it names), else of the first phase whose words it uses; a step none names is phase 3. Steps of one
phase keep the order the plan found them in.
"""

from __future__ import annotations

import re

__all__ = ["PHASES", "action_phase", "in_phase_order"]

# (phase, name, words); the first that matches decides.
PHASES: tuple[tuple[int, str, re.Pattern[str]], ...] = (
    (3, "notify", re.compile(r"^\s*(?:declare|hand over|inform|notify|log|record|brief|debrief|report|publish|release|"
                             r"keep the public informed|update the public)\b", re.IGNORECASE)),
    (0, "life safety", re.compile(r"\b(?:dispatch|send|rescue|search|trapped|casualt\w*|li(?:fe|ves)|ambulances?|first response|"
                                  r"patients?|injured|victims?|person|people (?:inside|still|in the)|caller|CPR|first aid|triage|"
                                  r"divers?|hypothermia)\b|救援|伤员|被困|派遣", re.IGNORECASE)),
    (1, "isolate and cordon", re.compile(r"\b(?:isolat\w*|cordons?|stand-?off|upwind|uphill|staging|exclusion|shut (?:off|down)|"
                                         r"close (?:the )?(?:road|street)s?|keep (?:everyone|bystanders|the public|people|onlookers)"
                                         r"(?: else)? (?:off|away|back|out))\b|警戒|隔离", re.IGNORECASE)),
    (2, "protective action", re.compile(r"\b(?:evacuat\w*|shelters?|sheltering|shelter-in-place|zone|routes?|assembly point)\b|"
                                        r"疏散|避难|撤离", re.IGNORECASE)),
)
_OTHER = 3


def action_phase(step: str) -> int:
    """The phase of one immediate action (see the module docstring)."""
    return next((phase for phase, _, words in PHASES if words.search(step)), _OTHER)


def in_phase_order(steps: list, text=lambda step: step) -> list:
    """``steps`` by phase, in their own order within a phase (``text``: a step's words, for items that are not strings)."""
    return sorted(steps, key=lambda step: action_phase(text(step)))
