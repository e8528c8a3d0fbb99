"""mojifix: find and repair text-encoding damage (mojibake), explain every change, undo any.

>>> import mojifix
>>> mojifix.fix_text("Russiaâ€™s")
'Russia’s'

Names are imported on first use, so that ``mojifix check`` of a clean file starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .batch import BatchResult, repair_batch
    from .config import Config
    from .decode import BinaryInputError, repair_bytes, repair_file
    from .model import SCHEMA_VERSION, BytesRepair, Change, Damage, Diagnosis, Finding, Layer, Repair, Segment
    from .pipeline import detect, fix_text, repair

__all__ = [
    "SCHEMA_VERSION",
    "BatchResult",
    "BinaryInputError",
    "BytesRepair",
    "Change",
    "Config",
    "Damage",
    "Diagnosis",
    "Finding",
    "Layer",
    "Repair",
    "Segment",
    "detect",
    "fix_text",
    "repair",
    "repair_batch",
    "repair_bytes",
    "repair_file",
]

__version__ = "0.1.0"

_HOME = {
    "BatchResult": ".batch",
    "repair_batch": ".batch",
    "Config": ".config",
    "SCHEMA_VERSION": ".model",
    "Change": ".model",
    "Damage": ".model",
    "Diagnosis": ".model",
    "Finding": ".model",
    "Layer": ".model",
    "Repair": ".model",
    "BytesRepair": ".model",
    "Segment": ".model",
    "BinaryInputError": ".decode",
    "repair_bytes": ".decode",
    "repair_file": ".decode",
    "detect": ".pipeline",
    "fix_text": ".pipeline",
    "repair": ".pipeline",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'mojifix' has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
