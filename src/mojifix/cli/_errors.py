"""The one exception the command line turns into a one-line message and exit code 2."""

from __future__ import annotations


class UsageError(Exception):
    """Bad arguments, configuration or input: shown as ``mojifix: <message>``."""
