"""``mojifix batch IN -o OUT --field text``: repair one field of every record of a corpus.

JSON Lines (any size: read, repaired and written in chunks, a bounded number of them in
flight) or Parquet (with pyarrow, batch by batch). Chunks are repaired in worker processes
and written in input order. The output is written to a temporary file beside it and moved
into place only when everything succeeded: a failed run leaves no half-written output.
"""

from __future__ import annotations

import collections
import json
import os
import sys
import time
from collections.abc import Iterator
from typing import Any, NamedTuple

from ._errors import UsageError

_LINES_PER_CHUNK = 2000


class Options(NamedTuple):
    field: str
    changed_field: str | None
    report_field: str | None
    config: Any  # mojifix.Config


class Stats:
    def __init__(self) -> None:
        self.rows = 0
        self.rows_changed = 0
        self.changes = 0
        self.missing = 0  # records without the field, or where it is not a string
        self.kinds: collections.Counter[str] = collections.Counter()

    def add(self, other: Stats) -> None:
        self.rows += other.rows
        self.rows_changed += other.rows_changed
        self.changes += other.changes
        self.missing += other.missing
        self.kinds.update(other.kinds)

    def line(self, seconds: float) -> str:
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(self.kinds.items())) or "none"
        missing = f", {self.missing} without a text field" if self.missing else ""
        return (
            f"mojifix: {self.rows} rows, {self.rows_changed} changed ({self.changes} changes; "
            f"rows by damage: {kinds}){missing}, {seconds:.2f} s"
        )


def batch(
    source: str,
    output: str,
    *,
    field: str,
    fmt: str | None,
    changed_field: str | None,
    report_field: str | None,
    config: Any,
    workers: int,
    progress: bool,
    quiet: bool,
) -> int:
    started = time.perf_counter()
    fmt = fmt or ("parquet" if source.endswith((".parquet", ".pq")) else "jsonl")
    if source != "-" and not os.path.isfile(source):
        raise UsageError(f"{source}: no such file")
    if output != "-" and os.path.isdir(output):
        raise UsageError(f"-o {output}: is a directory")
    if output != "-" and not os.path.isdir(os.path.dirname(os.path.abspath(output))):
        raise UsageError(f"-o {output}: its directory does not exist")
    options = Options(field, changed_field, report_field, config)
    if fmt == "parquet":
        if source == "-" or output == "-":
            raise UsageError("Parquet needs real files for input and output, not '-'")
        stats = _parquet(source, output, options, progress)
    else:
        stats = _jsonl(source, output, options, workers, progress)
    if not quiet:
        print(stats.line(time.perf_counter() - started), file=sys.stderr)
    return 0


# ----------------------------------------------------------------------------- JSON Lines


def _repair_lines(job: tuple[int, list[bytes], Options]) -> tuple[bytes, Stats]:
    """Worker: parse, repair and serialise one chunk of JSON Lines."""
    from ..batch import repair_batch

    first_line, lines, options = job
    stats = Stats()
    records: list[Any] = []
    for number, raw in enumerate(lines, start=first_line):
        if not raw.strip():
            records.append(None)
            continue
        try:
            records.append(json.loads(raw))
        except ValueError as exc:
            raise UsageError(f"line {number}: not valid JSON ({exc})") from None
    texts: list[str | None] = []
    for record in records:
        value = record.get(options.field) if isinstance(record, dict) else None
        if record is not None and not isinstance(value, str):
            stats.missing += 1
        texts.append(value if isinstance(value, str) else None)
    result = repair_batch(texts, config=options.config, reports=options.report_field is not None)
    out: list[str] = []
    for i, record in enumerate(records):
        if record is None:
            continue
        stats.rows += 1
        if isinstance(record, dict) and texts[i] is not None:
            record[options.field] = result.texts[i]
            if options.changed_field:
                record[options.changed_field] = result.changed[i]
            if options.report_field and result.reports is not None:
                report = result.reports[i]
                record[options.report_field] = None if report is None else json.loads(report)
        if result.changed[i]:
            stats.rows_changed += 1
            stats.changes += result.change_counts[i]
            stats.kinds.update(result.damage_kinds[i])
        out.append(json.dumps(record, ensure_ascii=False))
    return ("\n".join(out) + "\n" if out else "").encode("utf-8"), stats


def _chunks(stream: Any) -> Iterator[tuple[int, list[bytes], int]]:
    """(first line number, lines, bytes read) for successive chunks of a binary stream."""
    lines: list[bytes] = []
    first, size = 1, 0
    for number, line in enumerate(stream, start=1):
        lines.append(line)
        size += len(line)
        if len(lines) >= _LINES_PER_CHUNK:
            yield first, lines, size
            lines, first, size = [], number + 1, 0
    if lines:
        yield first, lines, size


def _jsonl(source: str, output: str, options: Options, workers: int, progress: bool) -> Stats:
    stats = Stats()
    total = os.path.getsize(source) if source != "-" else None
    bar = _bar(total, progress)
    try:
        with _Output(output) as sink, _open_input(source) as stream:
            for data, chunk_stats, size in _ordered(_chunks(stream), options, workers):
                sink.write(data)
                stats.add(chunk_stats)
                if bar is not None:
                    bar.update(size)
    except UsageError as exc:
        raise UsageError(f"{'<stdin>' if source == '-' else source}: {exc}") from None
    if bar is not None:
        bar.close()
    return stats


def _ordered(
    chunks: Iterator[tuple[int, list[bytes], int]], options: Options, workers: int
) -> Iterator[tuple[bytes, Stats, int]]:
    """Repair chunks in workers, at most ``2 × workers`` in flight, yielding in order."""
    if workers <= 1:
        for first, lines, size in chunks:
            data, stats = _repair_lines((first, lines, options))
            yield data, stats, size
        return
    from concurrent.futures import Future, ProcessPoolExecutor

    pending: collections.deque[tuple[Future[tuple[bytes, Stats]], int]] = collections.deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for first, lines, size in chunks:
            pending.append((pool.submit(_repair_lines, (first, lines, options)), size))
            if len(pending) >= 2 * workers:
                future, done_size = pending.popleft()
                yield (*future.result(), done_size)
        while pending:
            future, done_size = pending.popleft()
            yield (*future.result(), done_size)


class _open_input:
    def __init__(self, source: str) -> None:
        self.source = source
        self.stream: Any = None

    def __enter__(self) -> Any:
        if self.source == "-":
            return sys.stdin.buffer
        try:
            self.stream = open(self.source, "rb")
        except OSError as exc:
            raise UsageError(f"{self.source}: {exc.strerror or exc}") from None
        return self.stream

    def __exit__(self, *exc: object) -> None:
        if self.stream is not None:
            self.stream.close()


class _Output:
    """Standard output, or a temporary file renamed over ``path`` on success only."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.temp: str | None = None
        self.stream: Any = None

    def __enter__(self) -> _Output:
        if self.path == "-":
            self.stream = sys.stdout.buffer
        else:
            import tempfile

            directory = os.path.dirname(os.path.abspath(self.path))
            fd, self.temp = tempfile.mkstemp(dir=directory, prefix=".mojifix-batch-", suffix=".tmp")
            self.stream = os.fdopen(fd, "wb")
        return self

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if self.temp is None:
            self.stream.flush()
            return
        self.stream.close()
        if exc_type is None:
            os.chmod(self.temp, 0o644)
            os.replace(self.temp, self.path)
        else:
            os.unlink(self.temp)


def _bar(total: int | None, progress: bool) -> Any:
    if not progress or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="B", unit_scale=True, file=sys.stderr, leave=False, dynamic_ncols=True)


# ----------------------------------------------------------------------------- Parquet


def _parquet(source: str, output: str, options: Options, progress: bool) -> Stats:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("Parquet needs pyarrow: pip install 'mojifix[arrow]'") from None
    from ..batch import repair_batch

    stats = Stats()
    try:
        reader = pq.ParquetFile(source)
    except (OSError, pa.ArrowException) as exc:
        raise UsageError(f"{source}: not a Parquet file ({exc})") from None
    names = reader.schema_arrow.names
    if options.field not in names:
        raise UsageError(f"{source}: no column {options.field!r} (columns: {', '.join(names)})")
    bar = _bar(reader.metadata.num_rows, progress)
    with _Output(output) as sink:
        writer = None
        for batch in reader.iter_batches(batch_size=8192):
            table = pa.Table.from_batches([batch])
            column = table.column(options.field).combine_chunks()
            if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
                raise UsageError(f"{source}: column {options.field!r} holds {column.type}, not text")
            result = repair_batch(column, config=options.config, reports=options.report_field is not None)
            table = table.set_column(names.index(options.field), options.field, result.texts)
            if options.changed_field:
                table = table.append_column(options.changed_field, pa.array(result.changed, type=pa.bool_()))
            if options.report_field:
                table = table.append_column(options.report_field, pa.array(result.reports, type=pa.string()))
            summary = result.summary()
            stats.rows += summary["rows"]
            stats.rows_changed += summary["rows_changed"]
            stats.changes += summary["changes"]
            stats.kinds.update(summary["rows_by_damage_kind"])
            if writer is None:
                writer = pq.ParquetWriter(sink.stream, table.schema)
            writer.write_table(table)
            if bar is not None:
                bar.update(table.num_rows)
        if writer is not None:
            writer.close()
    if bar is not None:
        bar.close()
    return stats
