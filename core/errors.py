"""Errors that every layer shares. Each message is shown to a person as is: specific, never a traceback."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input (empty, binary, too long, unknown label): the message says what to fix."""


class UserError(Exception):
    """A problem with a command-line invocation: printed as one clear line, exit code 2."""
