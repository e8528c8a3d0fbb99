"""pandas helpers: the same function serves plain pandas, Dask and Spark.

>>> import pandas as pd
>>> frame = pd.DataFrame({"text": ["cafÃ©", "clean"]})
>>> repair_frame(frame, "text").to_dict("list")
{'text': ['café', 'clean'], 'text_changed': [True, False], 'text_changes': [1, 0]}

Dask: ``ddf.map_partitions(repair_frame, "text")``. Spark: wrap :func:`repair_series` in
``pyspark.sql.functions.pandas_udf(repair_series, "string")``.
"""

from __future__ import annotations

from typing import Any

from ..batch import _require, repair_batch
from ..config import Config

__all__ = ["repair_frame", "repair_series"]


def repair_series(series: Any, config: Config | None = None) -> Any:
    """The repaired texts of a string ``pandas.Series`` (same index, name and dtype)."""
    return repair_batch(series, config=config).texts


def repair_frame(
    frame: Any,
    column: str = "text",
    *,
    output_column: str | None = None,
    changed_column: str | None = "{column}_changed",
    changes_column: str | None = "{column}_changes",
    report_column: str | None = None,
    config: Config | None = None,
) -> Any:
    """A copy of ``frame`` with ``column`` repaired (in place, or into ``output_column``),
    plus a changed flag, a change count and, optionally, each changed row's JSON report.
    Column names may use ``{column}``; ``None`` leaves a column out."""
    pd = _require("pandas", "pandas")
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"repair_frame() takes a pandas DataFrame, not {type(frame).__name__}")
    if column not in frame.columns:
        raise KeyError(f"no column {column!r} (columns: {', '.join(map(str, frame.columns))})")
    result = repair_batch(frame[column], config=config, reports=report_column is not None)
    out = frame.copy()
    out[(output_column or column).format(column=column)] = result.texts
    if changed_column:
        out[changed_column.format(column=column)] = result.changed
    if changes_column:
        out[changes_column.format(column=column)] = result.change_counts
    if report_column:
        out[report_column.format(column=column)] = result.reports
    return out
