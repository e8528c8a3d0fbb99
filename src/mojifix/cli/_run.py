"""Running jobs: in this process or in a pool of worker processes, with a progress bar.

Results come back in the order the jobs were given, whatever the number of workers, so
output is deterministic. The progress bar (tqdm) is drawn on standard error only when it
is a terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence

from ._process import Job, Outcome, process

#: Below this many files a pool costs more than it saves.
_POOL_MIN_FILES = 8


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run(jobs: Sequence[Job], workers: int, *, progress: bool) -> Iterator[Outcome]:
    bar = None
    if progress and len(jobs) > 1 and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(jobs), unit="file", file=sys.stderr, leave=False, dynamic_ncols=True)
    try:
        for outcome in _outcomes(jobs, workers):
            if bar is not None:
                bar.update()
            yield outcome
    finally:
        if bar is not None:
            bar.close()


def _outcomes(jobs: Sequence[Job], workers: int) -> Iterator[Outcome]:
    workers = min(workers, len(jobs))
    if workers <= 1 or len(jobs) < _POOL_MIN_FILES:
        yield from map(process, jobs)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(64, len(jobs) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        try:
            yield from pool.map(process, jobs, chunksize=chunk)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
