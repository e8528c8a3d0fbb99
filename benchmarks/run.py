"""Speed of mojifix next to ftfy (encoding fixes only) and plsfix, in one process.

Usage: ``python benchmarks/run.py [--quick]``. Inputs are built reproducibly from text on
any Debian machine (licence texts for English prose, ``fixtures/multilingual`` for other
scripts); damage is made with ``tests/damage.py``. Prints MB/s per input, the ratios
mojifix/plsfix and mojifix/ftfy, and on how many lines the outputs agree (with the first
lines where they differ); then adversarial text (mojifix only), its speed next to clean
text and how its time grows with its length.
"""

from __future__ import annotations

import argparse
import pathlib
import random
import sys
import time
import tracemalloc
from collections.abc import Callable

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from damage import adversarial, damage  # noqa: E402

import mojifix  # noqa: E402

LICENSES = pathlib.Path("/usr/share/common-licenses")


def english(size: int) -> str:
    parts = []
    for path in sorted(LICENSES.glob("*")):
        if path.is_file():
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
    text = "\n".join(parts) or (ROOT / "fixtures" / "seed-article.repaired.txt").read_text()
    # Real typography: curly quotes and dashes where the licences use ASCII ones.
    text = text.replace(" -- ", " — ").replace("'s ", "’s ").replace(' "', " “").replace('" ', "” ")
    return (text * (size // len(text) + 1))[:size]


def multilingual(size: int, languages: tuple[str, ...] = ()) -> str:
    """Real lines of the fixtures, shuffled: of every language, or of ``languages``."""
    lines = []
    for path in sorted((ROOT / "fixtures" / "multilingual").glob("*.txt")):
        if not languages or path.stem in languages:
            lines.extend(path.read_text(encoding="utf-8").splitlines())
    random.Random(0).shuffle(lines)
    text = "\n".join(lines)
    return (text * (size // len(text) + 1))[:size]


def damage_words(text: str, every: int, codepages: list[str], seed: int) -> str:
    """Mojibake one word in ``every`` through a random page, choosing among the words
    that have something to damage (non-ASCII letters, curly quotes, dashes)."""
    rng = random.Random(seed)
    words = text.split(" ")
    targets = [i for i, w in enumerate(words) if not w.isascii()]
    wanted = max(1, len(words) // every)
    for i in rng.sample(targets, min(wanted, len(targets))):
        hurt = damage(words[i], rng.choice(codepages))
        if hurt is not None:
            words[i] = hurt
    return " ".join(words)


def timed(fn: Callable[[str], str], text: str, rounds: int) -> tuple[float, str]:
    best = float("inf")
    out = ""
    for _ in range(rounds):
        start = time.perf_counter()
        out = fn(text)
        best = min(best, time.perf_counter() - start)
    return best, out


def _agreement(outputs: dict[str, str], show: int) -> str:
    """How many lines of mojifix's output equal ftfy's and plsfix's (ftfy ran on the first
    tenth: its last line may be cut, and is left out), and the first ``show`` lines where
    they differ."""
    mine = outputs["mojifix"].split("\n")
    parts, shown = [], []
    for other, out in outputs.items():
        if other == "mojifix":
            continue
        theirs = out.split("\n")
        count = len(theirs) - 1 if len(theirs) < len(mine) else len(theirs)
        differ = [i for i in range(count) if theirs[i] != mine[i]]
        parts.append(f"= {other} on {count - len(differ)}/{count}")
        for i in differ[:show]:
            a, b = mine[i], theirs[i]
            at = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            around = slice(max(0, at - 20), at + 20)
            shown.append(f"      line {i + 1}: mojifix {a[around]!r} | {other} {b[around]!r}")
    return "   ".join(parts) + "".join("\n" + line for line in shown)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="200 kB inputs, one round")
    parser.add_argument("--smoke", action="store_true", help="tiny inputs: checks that the suite runs (CI)")
    parser.add_argument(
        "--differences", type=int, default=2, metavar="N", help="lines that differ to show per input"
    )
    args = parser.parse_args(argv)
    args.quick = args.quick or args.smoke
    size = 20_000 if args.smoke else 200_000 if args.quick else 5_000_000
    rounds = 1 if args.quick else 3

    import ftfy

    runners: dict[str, Callable[[str], str]] = {"mojifix": mojifix.fix_text}
    ftfy_config = ftfy.TextFixerConfig(
        uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False, normalization=None
    )
    runners["ftfy"] = lambda t: "\n".join(ftfy.fix_text(line, ftfy_config) for line in t.split("\n"))
    try:
        import plsfix

        # (Its Python binding takes no configuration: it runs with ftfy's defaults, so it
        # also straightens quotes and folds full-width punctuation, which the agreement
        # lines show.)
        runners["plsfix"] = plsfix.fix_text
    except ImportError:
        print("plsfix not installed (pip install plsfix): its column is empty")

    for fn in runners.values():  # warm up: lazy imports and table building are not timed
        fn("cafÃ© â€” ok ВПМШЫЕ ОЕФ")
    en = english(size)
    ml = multilingual(size)
    inputs = {
        "clean English": en,
        "clean multilingual": ml,
        # East Asian text alone: what the double-byte check costs text it never changes.
        "clean Chinese, Japanese, Korean": multilingual(size // 5, ("ja", "ko", "zh_CN", "zh_TW")),
        "English, 1 word in 50 damaged": damage_words(en, 50, ["windows-1252"], 1),
        "multilingual, damaged, several pages": damage_words(
            ml, 50, ["windows-1252", "windows-1251", "iso-8859-2", "mac-roman"], 2
        ),
    }
    agreement: list[tuple[str, str]] = []
    header = f"{'input':40} " + " ".join(f"{n + ' MB/s':>14}" for n in runners) + "   vs plsfix   vs ftfy"
    print(header)
    for name, text in inputs.items():
        mb = len(text.encode("utf-8")) / 1e6
        speeds = {}
        outputs = {}
        for runner, fn in runners.items():
            # ftfy is slow: measure it on a tenth and scale.
            sample = text if runner != "ftfy" or args.quick else text[: len(text) // 10]
            seconds, outputs[runner] = timed(fn, sample, rounds if runner != "ftfy" else 1)
            speeds[runner] = (len(sample.encode("utf-8")) / 1e6) / seconds
        ratio_p = speeds["mojifix"] / speeds["plsfix"] if "plsfix" in speeds else float("nan")
        ratio_f = speeds["mojifix"] / speeds["ftfy"]
        row = " ".join(f"{speeds[n]:14.1f}" for n in runners)
        print(f"{name:40} {row}   {ratio_p:8.2f}x {ratio_f:8.1f}x   ({mb:.1f} MB)")
        agreement.append((name, _agreement(outputs, args.differences)))
    print("\nwhere the outputs agree (lines of each input; ftfy's on the tenth it ran on):")
    for name, lines in agreement:
        print(f"  {name:40} {lines}")

    # Adversarial text (tests/damage.py): its speed next to clean multilingual text, and
    # how the time grows from a quarter of it to all of it (4.0 is linear).
    hard = adversarial(size // 10)
    quarter, _ = timed(mojifix.fix_text, hard[: len(hard) // 4], 1)
    seconds, _ = timed(mojifix.fix_text, hard, 1)
    clean_seconds, _ = timed(mojifix.fix_text, ml[: len(hard)], 1)
    speed = len(hard.encode()) / 1e6 / seconds
    print(
        f"{'adversarial (mojifix only)':40} {speed:14.2f} MB/s   "
        f"{100 * clean_seconds / seconds:.1f} % of the speed of clean multilingual, "
        f"time x{seconds / quarter:.1f} for 4x the text"
    )

    tracemalloc.start()
    mojifix.fix_text(inputs["multilingual, damaged, several pages"])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    size_mb = len(inputs["multilingual, damaged, several pages"].encode()) / 1e6
    print(
        f"peak traced memory for the damaged multilingual input: {peak / 1e6:.1f} MB ({size_mb:.1f} MB input)"
    )

    count = 200 if args.smoke else 20000
    shorts = [line[:200] for line in ml.split("\n") if len(line) >= 20][:count]
    ascii_shorts = [line[:200] for line in en.split("\n") if len(line) >= 20][:count]
    damaged_shorts = [damage(s, "windows-1252") or s for s in shorts[: count // 4]]
    for label, batch in (
        ("clean ASCII", ascii_shorts),
        ("clean non-ASCII", shorts),
        ("damaged", damaged_shorts),
    ):
        cells = []
        for runner, fn in runners.items():
            part = batch if runner != "ftfy" else batch[: count // 10]
            start = time.perf_counter()
            for s in part:
                fn(s)
            cells.append(f"{runner} {(time.perf_counter() - start) / len(part) * 1e6:6.1f} µs")
        print(f"short strings, {label:16} " + "   ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
