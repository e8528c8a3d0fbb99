"""Decoding accuracy on ../shared/peer/detect-corpus: does the chosen encoding give the same
text as the labelled one? Prints per-encoding results and the overall rate.

    python scripts/eval_detect_corpus.py [--baseline]   (--baseline: charset-normalizer alone)
"""

from __future__ import annotations

import argparse
import collections
import csv
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "peer" / "detect-corpus"


def labelled_text(data: bytes, label: str) -> str | None:
    if label in ("binary", "None", ""):
        return None
    try:
        return data.decode(label)
    except (LookupError, UnicodeDecodeError):
        return None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from mojifix.decode import BinaryInputError, decode_bytes

    rows = list(csv.DictReader((CORPUS / "manifest.tsv").open(encoding="utf-8"), delimiter="\t"))
    per = collections.defaultdict(lambda: [0, 0])
    started = time.perf_counter()
    for row in rows:
        data = (CORPUS / row["path"]).read_bytes()
        label = row["expected_encoding"]
        expected = labelled_text(data, label)
        if args.baseline:
            from charset_normalizer import from_bytes

            best = from_bytes(data).best()
            name = None if best is None else best.encoding
        else:
            try:
                _, segments, text = decode_bytes(data)
                name = "+".join(dict.fromkeys(s.encoding for s in segments))
            except BinaryInputError:
                name, text = None, None
        if args.baseline:
            try:
                text = None if name is None else data.decode(name)
            except (LookupError, UnicodeDecodeError):
                text = ""
        if expected is None:
            ok = name is None
        else:
            ok = text is not None and text.lstrip("\ufeff") == expected.lstrip("\ufeff")
        per[label][0] += ok
        per[label][1] += 1
        if not ok and args.verbose:
            print(f"MISS {row['path']}: label {label}, chose {name}")
    total_ok = sum(v[0] for v in per.values())
    total = sum(v[1] for v in per.values())
    for label, (ok, n) in sorted(per.items()):
        print(f"{label:20} {ok:4}/{n:<4}")
    print(f"overall {total_ok}/{total} = {total_ok / total:.1%} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
