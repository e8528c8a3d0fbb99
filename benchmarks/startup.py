"""Start-up time of the command line: `mojifix check` of one small clean file, wall clock.

Usage: ``python benchmarks/startup.py [--runs N]``. Prints the median over N runs of the
installed console script (or ``python -m mojifix`` when it is not installed), next to the
median of ``python -c pass`` with the same interpreter: the difference is what mojifix
itself costs. Byte-code is compiled first, as a regular (non-editable) install does.
"""

from __future__ import annotations

import argparse
import compileall
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def median_wall(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    # The script beside the interpreter, not a version manager's shim in front of it.
    beside = pathlib.Path(sys.executable).parent / "mojifix"
    script = str(beside) if beside.exists() else shutil.which("mojifix")
    command = [script] if script else [sys.executable, "-m", "mojifix"]
    with tempfile.TemporaryDirectory() as tmp:
        small = pathlib.Path(tmp) / "notes.txt"
        small.write_text("A small clean file.\nNothing to repair here.\n", encoding="utf-8")
        baseline = median_wall([sys.executable, "-c", "pass"], args.runs)
        check = median_wall([*command, "check", str(small)], args.runs)
    print(f"python -c pass:              {baseline * 1000:6.1f} ms")
    print(f"mojifix check (small file):  {check * 1000:6.1f} ms   (goal: <= 100 ms)")
    print(f"mojifix's own share:         {(check - baseline) * 1000:6.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
