"""Ray Data: repair a text column inside ``Dataset.map_batches``.

Example (run for real in ``tests/test_batch.py`` on a local Ray cluster)::

    import ray
    ds = ray.data.read_json("crawl/*.jsonl")
    ds = ds.map_batches(RepairText("text"), batch_format="pyarrow")
    ds.write_parquet("repaired/")

Works with every batch format Ray Data hands out: ``"pyarrow"`` (a ``pyarrow.Table``),
``"pandas"`` (a ``DataFrame``) and ``"numpy"`` (a dict of arrays). It adds
``{column}_changed`` and ``{column}_changes`` columns, and ``{column}_report`` (the JSON
report of each changed row) when ``reports=True``. Ray itself is not imported here: the
object is plain and picklable, so it can be shipped to any worker.
"""

from __future__ import annotations

from typing import Any

from ..batch import _require, repair_batch
from ..config import Config

__all__ = ["RepairText", "damage_summary"]


class RepairText:
    """A batch function: ``dataset.map_batches(RepairText("text"), batch_format="pyarrow")``."""

    def __init__(
        self,
        column: str = "text",
        *,
        output_column: str | None = None,
        reports: bool = False,
        config: Config | None = None,
    ) -> None:
        self.column = column
        self.output_column = output_column or column
        self.reports = reports
        self.config = config

    def __call__(self, batch: Any) -> Any:
        if isinstance(batch, dict):
            return self._numpy(batch)
        module = type(batch).__module__.split(".")[0]
        if module == "pyarrow":
            return self._arrow(batch)
        if module == "pandas":
            from .pandas import repair_frame

            report = f"{self.column}_report" if self.reports else None
            return repair_frame(
                batch, self.column, output_column=self.output_column, report_column=report, config=self.config
            )
        raise TypeError(f"RepairText takes a pyarrow Table, a pandas DataFrame or a dict, not {type(batch)}")

    def _arrow(self, table: Any) -> Any:
        pa = _require("pyarrow", "arrow")
        column = table.column(self.column)
        result = repair_batch(column.combine_chunks(), config=self.config, reports=self.reports)
        out = table
        if self.output_column in table.column_names:
            index = table.column_names.index(self.output_column)
            out = out.set_column(index, self.output_column, result.texts)
        else:
            out = out.append_column(self.output_column, result.texts)
        out = out.append_column(f"{self.column}_changed", pa.array(result.changed, type=pa.bool_()))
        out = out.append_column(f"{self.column}_changes", pa.array(result.change_counts, type=pa.int32()))
        if self.reports:
            out = out.append_column(f"{self.column}_report", pa.array(result.reports, type=pa.string()))
        return out

    def _numpy(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        result = repair_batch(list(batch[self.column]), config=self.config, reports=self.reports)
        out = dict(batch)
        out[self.output_column] = np.array(result.texts, dtype=object)
        out[f"{self.column}_changed"] = np.array(result.changed, dtype=bool)
        out[f"{self.column}_changes"] = np.array(result.change_counts, dtype=np.int32)
        if self.reports:
            out[f"{self.column}_report"] = np.array(result.reports, dtype=object)
        return out


def damage_summary(dataset: Any, column: str = "text") -> dict[str, int]:
    """Rows and rows changed over a dataset already mapped with :class:`RepairText`."""
    changed = f"{column}_changed"
    rows = dataset.count()
    return {"rows": rows, "rows_changed": int(dataset.sum(changed) or 0) if rows else 0}
