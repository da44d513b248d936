"""Errors of the triage package (all are ``ValueError``: bad input, never a crash)."""

from __future__ import annotations


class TrainingDataError(ValueError):
    """A training/evaluation file that cannot be used: unreadable, missing columns, unknown labels, one class."""


class ModelNotFoundError(FileNotFoundError):
    """No trained triage model where one was expected."""
