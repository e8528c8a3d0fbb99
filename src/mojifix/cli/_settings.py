"""Settings for a command-line run: defaults, then a config file, then flags.

Config files, nearest first, searching from the working directory up to the root:
``.mojifix.toml``, ``mojifix.toml`` (both at top level) and ``pyproject.toml`` (under
``[tool.mojifix]``; a pyproject.toml without that table is passed over). Paths in a
config file are relative to its directory. Unknown keys and wrong types are errors that
name the key: a typo must never silently turn a check off.
"""

from __future__ import annotations

import pathlib
import re
import sys
from collections.abc import Mapping
from typing import Any, NamedTuple

from ._errors import UsageError

#: The fixers :mod:`mojifix.fixers` registers (tested to match its REGISTRY), kept here so
#: that validating a config does not import the engine.
FIXER_NAMES = ("legacy", "mojibake", "double-byte", "c1-controls", "quotes", "width", "ligatures")

#: Directories that are never text worth checking, whatever the ignore files say.
DEFAULT_EXCLUDE = ("node_modules", "__pycache__", "venv", "site-packages", "*.egg-info")

CONFIG_FILES = (".mojifix.toml", "mojifix.toml", "pyproject.toml")


class Settings(NamedTuple):
    """Everything a run needs to know besides the paths. Picklable (sent to workers).

    (A named tuple rather than a dataclass: importing dataclasses costs start-up time.)
    """

    root: pathlib.Path
    source: pathlib.Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_confidence: float = 0.0
    report_min_confidence: float | None = None
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    allow: tuple[str, ...] = ()
    allow_patterns: tuple[str, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False
    #: How to read files: "auto" (by extension, then content), "text", "html" or "json".
    format: str = "auto"

    @property
    def report_threshold(self) -> float:
        """The lowest confidence that is reported (never above the fixing threshold)."""
        if self.report_min_confidence is None:
            return self.min_confidence
        return min(self.report_min_confidence, self.min_confidence)

    def all_excludes(self) -> tuple[str, ...]:
        return (*self.exclude, *self.extend_exclude)


# key in the file → (field, kind); kinds are checked by _coerce.
_KEYS: dict[str, tuple[str, str]] = {
    "select": ("select", "names"),
    "extend-select": ("extend_select", "names"),
    "ignore": ("ignore", "names"),
    "min-confidence": ("min_confidence", "confidence"),
    "report-min-confidence": ("report_min_confidence", "confidence"),
    "exclude": ("exclude", "strings"),
    "extend-exclude": ("extend_exclude", "strings"),
    "per-file-ignores": ("per_file_ignores", "per-file"),
    "allow": ("allow", "strings"),
    "allow-patterns": ("allow_patterns", "patterns"),
    "respect-gitignore": ("respect_gitignore", "bool"),
    "force-exclude": ("force_exclude", "bool"),
    "format": ("format", "format"),
}

#: The values of the ``format`` key and of ``--format`` (as in :data:`mojifix.formats.FORMATS`).
FORMATS = ("auto", "text", "html", "json")


def find_config(start: pathlib.Path) -> tuple[pathlib.Path, dict[str, Any]] | None:
    """The nearest config file at or above ``start`` and its mojifix table."""
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                table = _read_table(candidate)
                if table is not None:
                    return candidate, table
    return None


def load(config_file: pathlib.Path | None, *, isolated: bool, cwd: pathlib.Path | None = None) -> Settings:
    """Settings from ``config_file``, or from the nearest config file, or defaults."""
    cwd = cwd or pathlib.Path.cwd()
    if isolated:
        return Settings(root=cwd)
    if config_file is not None:
        if not config_file.is_file():
            raise UsageError(f"{config_file}: config file not found")
        table = _read_table(config_file, required=True) or {}
        found: tuple[pathlib.Path, dict[str, Any]] | None = (config_file, table)
    else:
        found = find_config(cwd)
    if found is None:
        return Settings(root=cwd)
    path, table = found
    return apply(Settings(root=path.parent.resolve(), source=path), table, origin=str(path))


def apply(settings: Settings, table: Mapping[str, Any], *, origin: str) -> Settings:
    """``settings`` updated from a config table (or from flags, as a table)."""
    updates: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            known = ", ".join(_KEYS)
            raise UsageError(f"{origin}: unknown key {key!r} in mojifix settings (known keys: {known})")
        name, kind = _KEYS[key]
        updates[name] = _coerce(value, kind, key, origin)
    return settings._replace(**updates)


def _read_table(path: pathlib.Path, *, required: bool = False) -> dict[str, Any] | None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read config file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        tool = doc.get("tool", {})
        table = tool.get("mojifix") if isinstance(tool, dict) else None
        if table is None:
            if required:
                raise UsageError(f"{path}: no [tool.mojifix] table")
            return None
        if not isinstance(table, dict):
            raise UsageError(f"{path}: [tool.mojifix] must be a table")
        return table
    return dict(doc)


def _coerce(value: Any, kind: str, key: str, origin: str) -> Any:
    where = f"{origin}: {key!r}"
    if kind == "bool":
        if not isinstance(value, bool):
            raise UsageError(f"{where} must be true or false")
        return value
    if kind == "confidence":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise UsageError(f"{where} must be a number between 0 and 1")
        return float(value)
    if kind == "format":
        if value not in FORMATS:
            raise UsageError(f"{where} must be one of {', '.join(FORMATS)}")
        return value
    if kind == "per-file":
        if not isinstance(value, dict):
            raise UsageError(f"{where} must be a table of glob = [fixer names]")
        return tuple((str(glob), _names(names, f"{where}[{glob!r}]")) for glob, names in value.items())
    if kind == "names":
        return _names(value, where)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{where} must be a list of strings")
    if kind == "patterns":
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise UsageError(f"{where}: invalid regular expression {pattern!r}: {exc}") from None
    return tuple(value)


def _names(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{where} must be a list of fixer names")
    for name in value:
        if name not in FIXER_NAMES:
            raise UsageError(f"{where}: unknown fixer {name!r} (known: {', '.join(FIXER_NAMES)})")
    return tuple(value)
