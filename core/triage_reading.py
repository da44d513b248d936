"""The triage model's own reading of a report, kept beside the type the report's words gave it.

``agent.hazards.reconciled_triage`` may replace the model's type with the one the report's words name; the plan then
says what the model itself read so that the dispatcher can weigh the two.  The reading travels on the triage outcome
(``finetune.predict.TriageResult``) and on the logged summary (``agent.schemas.TriageSummary``), so nobody has to ask
the model a second time for it.  Here, below both, because both carry it.
"""

from __future__ import annotations

from pydantic import BaseModel


class ModelReading(BaseModel):
    """What the classifier read before the report's words overrode its type."""

    incident_type: str
    priority: str
    type_confidence: float
