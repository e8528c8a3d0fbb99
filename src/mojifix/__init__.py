"""mojifix: find and repair text-encoding damage (mojibake), explain every change, undo any.

>>> import mojifix
>>> mojifix.fix_text("Russiaâ€™s")
'Russia’s'
"""

from __future__ import annotations

from .config import Config
from .model import SCHEMA_VERSION, Change, Damage, Diagnosis, Finding, Layer, Repair
from .pipeline import detect, fix_text, repair

__all__ = [
    "SCHEMA_VERSION",
    "Change",
    "Config",
    "Damage",
    "Diagnosis",
    "Finding",
    "Layer",
    "Repair",
    "detect",
    "fix_text",
    "repair",
]

__version__ = "0.1.0"
