"""Corpus-scale speed: repair_batch on 1 and 2 workers and through Ray Data, next to the
per-document ``ftfy.fix_text`` loop that datatrove and NeMo-Curator run.

Usage: ``python benchmarks/batch.py [--rows N] [--no-ray]``. Rows are real text in 50
languages (``fixtures/multilingual``), one in three damaged through a code page, as in
``tests/test_batch.py``. Prints rows/s and MB/s per path and the ratio to the ftfy loop.
"""

from __future__ import annotations

import argparse
import pathlib
import random
import sys
import time
from collections.abc import Callable

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from damage import damage  # noqa: E402

import mojifix  # noqa: E402

PAGES = ("windows-1252", "windows-1251", "windows-1250", "iso-8859-7", "windows-874", "koi8-r", "mac-roman")


def rows(count: int, seed: int = 7) -> list[str]:
    lines = [
        line
        for path in sorted((ROOT / "fixtures" / "multilingual").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        line = rng.choice(lines)
        if rng.random() < 0.35:
            line = damage(line, rng.choice(PAGES)) or line
        out.append(line)
    return out


def measure(name: str, fn: Callable[[], object], data: list[str], baseline: float | None) -> float:
    started = time.perf_counter()
    fn()
    seconds = time.perf_counter() - started
    size = sum(len(t.encode("utf-8")) for t in data) / 1e6
    ratio = f"{baseline / seconds:6.2f}×" if baseline else "     —"
    print(f"{name:34} {len(data) / seconds:10,.0f} rows/s {size / seconds:7.2f} MB/s   vs ftfy {ratio}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--no-ray", action="store_true", help="skip the Ray Data path")
    args = parser.parse_args()
    data = rows(args.rows)
    import ftfy

    config = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False)
    print(f"{len(data):,} rows, {sum(len(t.encode()) for t in data) / 1e6:.1f} MB, one in three damaged")
    mojifix.repair_batch(data[:200])  # warm-up: lazy imports and caches
    base = measure(
        "ftfy.fix_text per document", lambda: [ftfy.fix_text(t, config=config) for t in data], data, None
    )
    measure("mojifix.repair_batch, 1 worker", lambda: mojifix.repair_batch(data), data, base)
    measure("mojifix.repair_batch, 2 workers", lambda: mojifix.repair_batch(data, workers=2), data, base)
    try:
        import pyarrow as pa

        array = pa.array(data)
        measure("mojifix.repair_batch, pyarrow", lambda: mojifix.repair_batch(array), data, base)
    except ImportError:
        print("pyarrow not installed: skipped")
    if not args.no_ray:
        try:
            import ray
        except ImportError:
            print("ray not installed: skipped (pip install 'mojifix[ray]')")
            return 0
        from mojifix.integrations.ray import RepairText

        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        dataset = ray.data.from_arrow(pa.table({"text": array})).repartition(4).materialize()

        def run_ray() -> None:
            dataset.map_batches(RepairText("text"), batch_format="pyarrow", batch_size=2048).materialize()

        run_ray()  # warm-up: worker start and imports
        measure("Ray Data map_batches, 2 CPUs", run_ray, data, base)
        ray.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
