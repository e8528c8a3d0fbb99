"""repair_batch over lists, pandas and pyarrow, and the Ray Data / Dask integrations.

The dataset: ≥ 10,000 rows of real text in 50 languages (fixtures/multilingual), a third
of them damaged through code pages. Every path must give exactly what repair() gives row
by row.
"""

from __future__ import annotations

import functools
import json
import pathlib
import random

import pytest
from conftest import FIXTURES
from damage import damage

import mojifix
from mojifix import repair, repair_batch
from mojifix.cli import main

_PAGES = ("windows-1252", "windows-1251", "windows-1250", "iso-8859-7", "windows-874", "koi8-r", "mac-roman")


@functools.lru_cache(maxsize=1)
def dataset() -> tuple[str | None, ...]:
    lines = [
        line
        for path in sorted((FIXTURES / "multilingual").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rng = random.Random(7)
    rows: list[str | None] = []
    while len(rows) < 10_500:
        line = rng.choice(lines)
        if rng.random() < 0.35:
            line = damage(line, rng.choice(_PAGES)) or line
        rows.append(line)
    for i in range(0, len(rows), 997):
        rows[i] = None  # missing values stay missing
    return tuple(rows)


@functools.lru_cache(maxsize=1)
def expected() -> tuple[list[str | None], list[bool], list[int]]:
    results = [None if row is None else repair(row) for row in dataset()]
    texts = [None if r is None else r.text for r in results]
    changed = [bool(r and r.changes) for r in results]
    counts = [0 if r is None else len(r.changes) for r in results]
    return texts, changed, counts


def test_the_dataset_has_known_damage() -> None:
    texts, changed, _ = expected()
    assert len(dataset()) >= 10_000
    assert 2_000 < sum(changed) < 5_000  # damaged rows are repaired, clean ones left alone
    assert sum(t != d for t, d in zip(texts, dataset(), strict=True)) == sum(changed)


def test_list() -> None:
    result = repair_batch(list(dataset()))
    texts, changed, counts = expected()
    assert result.texts == texts
    assert result.changed == changed
    assert result.change_counts == counts
    summary = result.summary()
    assert summary["rows"] == len(dataset()) and summary["rows_changed"] == sum(changed)
    assert set(summary["rows_by_damage_kind"]) <= {"mojibake", "c1-control"}


def test_two_workers_give_the_same_result() -> None:
    rows = list(dataset())
    assert repair_batch(rows, workers=2).texts == expected()[0]


def test_reports_round_trip() -> None:
    rows = list(dataset())[:600]
    result = repair_batch(rows, reports=True)
    assert result.reports is not None
    for row, text, report in zip(rows, result.texts, result.reports, strict=True):
        if report is None:
            assert row is None or text == row
        else:
            assert mojifix.Repair.from_json(report, text=text).undo() == row


def test_pandas() -> None:
    pd = pytest.importorskip("pandas", reason="pandas is a test dependency")
    series = pd.Series(dataset(), name="body", index=range(100, 100 + len(dataset())), dtype=object)
    result = repair_batch(series)
    assert isinstance(result.texts, pd.Series)
    assert list(result.texts.index) == list(series.index) and result.texts.name == "body"
    assert result.texts.tolist() == expected()[0]
    assert result.changed == expected()[1]
    frame = result.to_pandas("body")
    assert list(frame.columns) == ["body", "changed", "changes", "damage"]


def test_pandas_frame_helper_and_string_dtype() -> None:
    pd = pytest.importorskip("pandas", reason="pandas is a test dependency")
    from mojifix.integrations.pandas import repair_frame

    frame = pd.DataFrame({"id": range(len(dataset())), "text": pd.array(dataset(), dtype="string")})
    out = repair_frame(frame, "text", report_column="report")
    texts, changed, counts = expected()
    assert [None if pd.isna(v) else v for v in out["text"]] == texts
    assert out["text_changed"].tolist() == changed and out["text_changes"].tolist() == counts
    assert out["report"].notna().sum() == sum(changed)
    assert frame["text"].isna().sum() == out["text"].isna().sum()


def test_pyarrow() -> None:
    pa = pytest.importorskip("pyarrow", reason="pyarrow is a test dependency")
    for kind in (pa.string(), pa.large_string()):
        result = repair_batch(pa.array(dataset(), type=kind))
        assert result.texts.type == kind
        assert result.texts.to_pylist() == expected()[0]
        assert result.changed == expected()[1]
    table = result.to_arrow()
    assert table.column_names == ["text", "changed", "changes", "damage"]


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="sequence of str"):
        repair_batch("just one string")
    with pytest.raises(TypeError, match="row 1 is int"):
        repair_batch(["ok", 3])
    with pytest.raises(ValueError, match="workers"):
        repair_batch(["ok"], workers=0)


def test_missing_extra_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    with pytest.raises(ImportError, match=r"pip install 'mojifix\[pandas\]'"):
        repair_batch(["cafÃ©"]).to_pandas()
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"pip install 'mojifix\[arrow\]'"):
        repair_batch(["cafÃ©"]).to_arrow()


@pytest.fixture(scope="module")
def ray_cluster():  # type: ignore[no-untyped-def]
    ray = pytest.importorskip("ray", reason="ray is a test dependency: pip install -e '.[test]'")
    pytest.importorskip("ray.data", reason="ray[data] is a test dependency")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    yield ray
    ray.shutdown()


@pytest.mark.parametrize(("batch_format", "rows"), [("pyarrow", None), ("pandas", 2000), ("numpy", 2000)])
def test_ray_data_on_a_local_cluster(ray_cluster, batch_format: str, rows: int | None) -> None:  # type: ignore[no-untyped-def]
    """The whole dataset through Arrow batches; a part of it through the other formats."""
    import pyarrow as pa

    from mojifix.integrations.ray import RepairText, damage_summary

    data = dataset()[:rows]
    table = pa.table({"id": list(range(len(data))), "text": pa.array(data, type=pa.string())})
    ds = ray_cluster.data.from_arrow(table).repartition(4)
    mapped = ds.map_batches(RepairText("text", reports=True), batch_format=batch_format, batch_size=1024)
    got = sorted(mapped.take_all(), key=lambda row: row["id"])
    texts, changed, counts = (column[:rows] for column in expected())
    assert [row["text"] for row in got] == texts
    assert [bool(row["text_changed"]) for row in got] == changed
    assert [int(row["text_changes"]) for row in got] == counts
    assert sum(row["text_report"] is not None for row in got) == sum(changed)
    assert damage_summary(mapped) == {"rows": len(texts), "rows_changed": sum(changed)}


def test_dask_with_the_local_distributed_scheduler() -> None:
    dd = pytest.importorskip("dask.dataframe", reason="dask[dataframe] is a test dependency")
    distributed = pytest.importorskip("distributed", reason="distributed is a test dependency")
    import pandas as pd

    from mojifix.integrations.pandas import repair_frame

    frame = pd.DataFrame({"id": range(3000), "text": pd.Series(dataset()[:3000], dtype=object)})
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        ddf = dd.from_pandas(frame, npartitions=4)
        out = ddf.map_partitions(repair_frame, "text").compute().sort_values("id")
    texts, changed, _ = expected()
    assert [None if pd.isna(v) else v for v in out["text"]] == texts[:3000]
    assert out["text_changed"].tolist() == changed[:3000]


# ----------------------------------------------------------------------------- mojifix batch


def _jsonl(path: pathlib.Path, rows: list[object]) -> pathlib.Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_cli_batch_jsonl(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows: list[object] = [{"id": i, "text": t} for i, t in enumerate(dataset()[:5000])]
    rows.append({"id": -1, "title": "no text field"})
    source = _jsonl(tmp_path / "in.jsonl", rows)
    out1, out2 = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["batch", str(source), "-o", str(out1), "--jobs", "1", "--changed-field", "fixed"]) == 0
    err = capsys.readouterr().err
    assert main(["batch", str(source), "-o", str(out2), "--jobs", "2", "--changed-field", "fixed"]) == 0
    assert out1.read_bytes() == out2.read_bytes()  # same output, same order, whatever the workers
    records = [json.loads(line) for line in out1.read_text(encoding="utf-8").splitlines()]
    texts, changed, _ = (column[:5000] for column in expected())
    assert [r.get("text") for r in records[:-1]] == texts
    assert [r.get("fixed", False) for r in records[:-1]] == [
        c and t is not None for c, t in zip(changed, texts, strict=True)
    ]
    assert records[-1] == {"id": -1, "title": "no text field"}
    assert f"mojifix: 5001 rows, {sum(changed)} changed (" in err
    assert "without a text field" in err


def test_cli_batch_reports_and_stdin(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    import io

    data = "".join(json.dumps({"body": t}) + "\n" for t in ["cafÃ©", "fine"]).encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["batch", "-", "--field", "body", "--report-field", "mojifix", "-q"]) == 0
    out, err = capsysbinary.readouterr()
    first, second = (json.loads(line) for line in out.decode().splitlines())
    assert first["body"] == "café" and first["mojifix"]["changes"][0]["before"] == "Ã©"
    assert second == {"body": "fine", "mojifix": None}
    assert err == b""


def test_cli_batch_errors_leave_no_output(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "cafÃ©"}\n{broken\n', encoding="utf-8")
    target = tmp_path / "out.jsonl"
    assert main(["batch", str(source), "-o", str(target), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert f"mojifix: {source}: line 2: not valid JSON" in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]  # no output, no temporary file
    assert main(["batch", str(tmp_path / "nope.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["batch", str(source), "--select", "nope"]) == 2
    assert "unknown fixer 'nope'" in capsys.readouterr().err


def test_cli_batch_parquet(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    pa = pytest.importorskip("pyarrow", reason="pyarrow is a test dependency")
    import pyarrow.parquet as pq

    data = dataset()[:3000]
    source = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": list(range(len(data))), "text": pa.array(data, type=pa.string())}), source)
    target = tmp_path / "out.parquet"
    assert main(["batch", str(source), "-o", str(target), "--changed-field", "changed"]) == 0
    table = pq.read_table(target)
    assert table.column_names == ["id", "text", "changed"]
    texts, changed, _ = (column[:3000] for column in expected())
    assert table.column("text").to_pylist() == texts
    assert table.column("changed").to_pylist() == changed
    assert f"mojifix: 3000 rows, {sum(changed)} changed" in capsys.readouterr().err
    assert main(["batch", str(source), "--field", "body", "-o", str(target)]) == 2
    assert "no column 'body'" in capsys.readouterr().err
