"""Bytes of unknown encoding at scale: MB/s of ``repair_stream`` on a UTF-8, a Windows-1251
and a mixed file, next to charset-normalizer's detection alone, and the peak RSS of
streaming a large file in a separate process.

Usage: ``python benchmarks/bytes.py [--mb 100] [--big-mb 1000]``. Inputs are built from
``fixtures/multilingual`` (real text), one in twenty lines mojibaked, in a temporary
directory; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import pathlib
import random
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from damage import damage  # noqa: E402


def lines(*languages: str) -> list[str]:
    out = []
    for language in languages:
        path = ROOT / "fixtures" / "multilingual" / f"{language}.txt"
        out.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return out


def build(kind: str, size: int, seed: int = 3) -> bytes:
    rng = random.Random(seed)
    russian, mixed_pool = lines("ru", "uk", "bg"), lines("fr", "de", "es", "ru", "el", "ja", "zh_CN")
    parts: list[bytes] = []
    total = 0
    while total < size:
        if kind == "cp1251":
            line = rng.choice(russian)
            data = line.encode("cp1251", errors="ignore")
        else:
            line = rng.choice(
                mixed_pool if kind == "mixed" else lines("fr", "ru", "ja") if not parts else mixed_pool
            )
            if rng.random() < 0.05:
                line = damage(line, "windows-1252") or line
            data = line.encode()
            if kind == "mixed" and rng.random() < 0.1:
                with contextlib.suppress(UnicodeEncodeError):
                    data = line.encode("cp1252")  # a legacy line among UTF-8 ones
        parts.append(data + b"\n")
        total += len(data) + 1
    return b"".join(parts)[:size].rsplit(b"\n", 1)[0] + b"\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=100, help="size of each throughput input")
    parser.add_argument("--big-mb", type=int, default=1000, help="size of the peak-RSS input (0: skip)")
    args = parser.parse_args()
    from charset_normalizer import from_bytes

    from mojifix.decode import repair_stream

    print(f"{'input':12} {'mojifix MB/s':>13} {'charset-normalizer detection MB/s':>36}  encoding found")
    for kind in ("utf-8", "cp1251", "mixed"):
        data = build(kind, args.mb << 20)
        started = time.perf_counter()
        result = repair_stream(io.BytesIO(data), io.BytesIO(), keep_changes=False)
        ours = len(data) / 1e6 / (time.perf_counter() - started)
        started = time.perf_counter()
        from_bytes(data).best()
        theirs = len(data) / 1e6 / (time.perf_counter() - started)
        print(f"{kind:12} {ours:13.1f} {theirs:36.1f}  {result.encoding}")
    if args.big_mb:
        with tempfile.TemporaryDirectory() as tmp:
            big = pathlib.Path(tmp) / "big.txt"
            chunk = build("utf-8", 32 << 20)
            with big.open("wb") as stream:
                for _ in range(max(1, args.big_mb // 32)):
                    stream.write(chunk)
            code = (
                "import resource, sys; from mojifix.decode import repair_stream; "
                "src = open(sys.argv[1], 'rb'); dst = open(sys.argv[1] + '.out', 'wb'); "
                "repair_stream(src, dst, keep_changes=False); "
                "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"
            )
            started = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", code, str(big)],
                capture_output=True, text=True, check=True, env={"PYTHONPATH": str(ROOT / "src")},
            )  # fmt: skip
            seconds = time.perf_counter() - started
            size = big.stat().st_size / 1e6
            rate, rss = size / seconds, out.stdout.strip()
            print(f"streamed {size:.0f} MB in {seconds:.1f} s ({rate:.1f} MB/s), peak RSS {rss} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
