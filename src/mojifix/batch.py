"""Repairing many texts at once: lists, pandas Series and pyarrow string arrays.

Clean rows cost next to nothing. For pyarrow and pandas input the ASCII rows (which
cannot hold mojibake) are found by a vectorised test and never reach Python; the rest go
through :func:`mojifix.repair`, whose own prefilter rejects clean non-ASCII text in one
regular-expression scan. With ``workers > 1`` the candidate rows are split over a pool of
processes; results come back in order.

Every result equals calling :func:`mojifix.repair` on each row alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .config import Config
from .pipeline import repair

if TYPE_CHECKING:
    from .model import Repair

__all__ = ["BatchResult", "repair_batch"]

#: Rows per task sent to a worker process.
_CHUNK = 2048


class BatchResult:
    """Per-row results of :func:`repair_batch`, in input order.

    ``texts`` has the input's type (list, ``pandas.Series`` or pyarrow array); nulls
    (``None``/NA) stay null and count as unchanged. ``changed``, ``change_counts`` and
    ``damage_kinds`` are plain lists; ``reports`` holds each changed row's JSON report
    (``Repair.to_json(include_text=False)``) when asked for, else None.
    """

    def __init__(
        self,
        texts: Any,
        changed: list[bool],
        change_counts: list[int],
        damage_kinds: list[tuple[str, ...]],
        reports: list[str | None] | None,
    ) -> None:
        self.texts = texts
        self.changed = changed
        self.change_counts = change_counts
        self.damage_kinds = damage_kinds
        self.reports = reports

    def __len__(self) -> int:
        return len(self.changed)

    @property
    def rows_changed(self) -> int:
        return sum(self.changed)

    def summary(self) -> dict[str, Any]:
        """Counts for a damage report: rows, rows changed, changes, changes per damage kind."""
        kinds: dict[str, int] = {}
        for row_kinds in self.damage_kinds:
            for kind in row_kinds:
                kinds[kind] = kinds.get(kind, 0) + 1
        return {
            "rows": len(self),
            "rows_changed": self.rows_changed,
            "changes": sum(self.change_counts),
            "rows_by_damage_kind": dict(sorted(kinds.items())),
        }

    def to_pandas(self, column: str = "text") -> Any:
        """A DataFrame: the repaired column, ``changed``, ``changes``, ``damage`` (and ``report``)."""
        pd = _require("pandas", "pandas")
        texts = self.texts
        if not isinstance(texts, pd.Series):
            texts = _to_list(texts)
        data: dict[str, Any] = {
            column: list(texts),
            "changed": self.changed,
            "changes": self.change_counts,
            "damage": [",".join(kinds) for kinds in self.damage_kinds],
        }
        if self.reports is not None:
            data["report"] = self.reports
        return pd.DataFrame(data)

    def to_arrow(self, column: str = "text") -> Any:
        """A pyarrow Table with the same columns as :meth:`to_pandas`."""
        pa = _require("pyarrow", "arrow")
        columns: dict[str, Any] = {
            column: pa.array(_to_list(self.texts), type=pa.string()),
            "changed": pa.array(self.changed, type=pa.bool_()),
            "changes": pa.array(self.change_counts, type=pa.int32()),
            "damage": pa.array([",".join(k) for k in self.damage_kinds], type=pa.string()),
        }
        if self.reports is not None:
            columns["report"] = pa.array(self.reports, type=pa.string())
        return pa.table(columns)


def repair_batch(
    texts: Any, *, config: Config | None = None, reports: bool = False, workers: int = 1
) -> BatchResult:
    """Repair every text in ``texts`` (a sequence of str, a ``pandas.Series`` or a pyarrow
    string array), as :func:`mojifix.repair` would one by one.

    >>> result = repair_batch(["cafÃ©", "clean", None, "Syriaâ€™s"])
    >>> result.texts, result.changed, result.change_counts
    (['café', 'clean', None, 'Syria’s'], [True, False, False, True], [1, 0, 0, 1])
    >>> result.summary()["rows_by_damage_kind"]
    {'mojibake': 2}
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    values, candidates, rebuild = _unpack(texts)
    n = len(values)
    out = list(values)
    changed = [False] * n
    counts = [0] * n
    kinds: list[tuple[str, ...]] = [()] * n
    row_reports: list[str | None] | None = [None] * n if reports else None
    for index, result in zip(
        candidates, _repair_rows([values[i] for i in candidates], config, workers), strict=True
    ):
        if result is None:
            continue
        text, number, row_kinds, report = result
        out[index] = text
        changed[index] = True
        counts[index] = number
        kinds[index] = row_kinds
        if row_reports is not None:
            row_reports[index] = report
    return BatchResult(rebuild(out), changed, counts, kinds, row_reports)


_Row = tuple[str, int, tuple[str, ...], str] | None


def _repair_one(text: str, config: Config | None) -> _Row:
    result: Repair = repair(text, config=config, format="text")  # rows are plain text
    if not result.changes:
        return None
    kinds = tuple(dict.fromkeys(c.damage.kind for c in result.changes))
    return result.text, len(result.changes), kinds, result.to_json(include_text=False)


def _repair_chunk(args: tuple[list[str], Config | None]) -> list[_Row]:
    texts, config = args
    return [_repair_one(text, config) for text in texts]


def _repair_rows(texts: list[str], config: Config | None, workers: int) -> Iterable[_Row]:
    if workers == 1 or len(texts) < 2 * _CHUNK:
        for text in texts:
            yield _repair_one(text, config)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunks = [(texts[i : i + _CHUNK], config) for i in range(0, len(texts), _CHUNK)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for rows in pool.map(_repair_chunk, chunks):
            yield from rows


def _unpack(texts: Any) -> tuple[list[Any], list[int], Any]:
    """The values, the indices of rows that may hold damage, and a function that builds
    an output of the input's type from a list of values."""
    module = type(texts).__module__.split(".")[0]
    if module == "pandas":
        pd = _require("pandas", "pandas")
        if not isinstance(texts, pd.Series):
            raise TypeError(f"repair_batch() takes a pandas Series, not {type(texts).__name__}")
        values = texts.tolist()
        may_hold = ~texts.astype("string").str.isascii().fillna(True).to_numpy(dtype=bool)
        candidates = [i for i in may_hold.nonzero()[0].tolist() if isinstance(values[i], str)]

        def rebuild_series(out: list[Any]) -> Any:
            return pd.Series(out, index=texts.index, name=texts.name, dtype=texts.dtype)

        return values, candidates, rebuild_series
    if module == "pyarrow":
        pa = _require("pyarrow", "arrow")
        import pyarrow.compute as pc

        if not pa.types.is_string(texts.type) and not pa.types.is_large_string(texts.type):
            raise TypeError(f"repair_batch() takes a string array, not {texts.type}")
        values = texts.to_pylist()
        mask = pc.invert(pc.fill_null(pc.string_is_ascii(texts), True))
        candidates = pc.indices_nonzero(mask).to_pylist()
        kind = texts.type

        def rebuild_arrow(out: list[Any]) -> Any:
            return pa.array(out, type=kind)

        return values, candidates, rebuild_arrow
    if isinstance(texts, (str, bytes)) or not isinstance(texts, Sequence):
        raise TypeError(
            "repair_batch() takes a sequence of str, a pandas Series or a pyarrow string array, "
            f"not {type(texts).__name__}"
        )
    values = list(texts)
    for i, value in enumerate(values):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"repair_batch(): row {i} is {type(value).__name__}, not str")
    candidates = [i for i, value in enumerate(values) if value is not None and not value.isascii()]
    return values, candidates, lambda out: out


def _to_list(texts: Any) -> list[Any]:
    if hasattr(texts, "to_pylist"):
        return list(texts.to_pylist())
    return list(texts)


def _require(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(
            f"this needs {module}, which is not installed: pip install 'mojifix[{extra}]'"
        ) from None
