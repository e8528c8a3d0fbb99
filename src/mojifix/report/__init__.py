"""Emitters over a list of changes. They format; they never decide and never print."""

from .json import report_json
from .text import escape, format_change, format_changes

__all__ = ["escape", "format_change", "format_changes", "report_json"]
