"""Measure mojifix's accuracy on real text: false positives, repair rates, ftfy's suite.

Run from the project root (``python scripts/eval_accuracy.py [--lines N] [--only PART]``).
Text comes from the gettext catalogs on the machine (``/usr/share/locale``, see
``_mo_corpus.py``): only the fifth of the messages that ``gen_bigrams.py`` holds out of the
letter-pair model, skipping those copied into ``fixtures/``, so that the figures are not
measured on text the model learnt from or the unit tests use. Parts:

* ``clean``: messages in every language must come back unchanged (false positives);
* ``utf8``: UTF-8 read through each single-byte code page (C1 and Windows-1252 hole
  fills), whole messages and one damaged word per message;
* ``nbsp``: as ``utf8`` through Windows-1252, with no-break spaces flattened to spaces;
* ``legacy``: whole messages in a legacy page read as another (every mixup of
  :data:`mojifix.detection.legacy.MIXUPS`, in the languages written in its true page);
* ``cjk``: UTF-8 read as an East Asian double-byte page (whole messages and one word,
  where the page reads every byte);
* ``layers``: UTF-8 read as a single-byte page two and three times over;
* ``html`` and ``json``: Windows-1252 mojibake written as character references or JSON
  string escapes, repaired with ``format="html"`` / ``format="json"``;
* ``lossy``: Windows-1252 mojibake whose unmapped bytes became ``?`` or U+FFFD, or were
  dropped;
* ``ftfy``: ftfy's own test cases and known failures, when ``../shared`` is present.

Prints one line per measure; ``--show`` prints the misses.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import random
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

from _mo_corpus import languages, messages  # noqa: E402
from damage import damage  # noqa: E402

import mojifix  # noqa: E402
from mojifix.codepages import CODEPAGES  # noqa: E402

SHARED = ROOT.parent / "shared" / "peer" / "ftfy-test-cases"


def _fixture_lines() -> set[str]:
    lines: set[str] = set()
    for path in (ROOT / "fixtures" / "multilingual").glob("*.txt"):
        lines.update(path.read_text(encoding="utf-8").splitlines())
    return lines


def sample(per_language: int, seed: int = 7) -> list[tuple[str, str]]:
    """(language, message) pairs: non-ASCII messages of 20-300 characters, not in fixtures
    and held out from the letter-pair model (``gen_bigrams.held_out``)."""
    from gen_bigrams import held_out

    skip = _fixture_lines()
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for lang in languages():
        pool = sorted(
            {
                " ".join(m.split())
                for m in messages(lang)
                if 20 <= len(m) <= 300
                and not m.isascii()
                and "\x00" not in m
                and held_out(" ".join(m.split()))
            }
            - skip
        )
        rng.shuffle(pool)
        out.extend((lang, m) for m in pool[:per_language])
    return out


def _damage_word(text: str, codepage: str, rng: random.Random) -> str | None:
    words = [w for w in text.split(" ") if not w.isascii()]
    if not words:
        return None
    word = rng.choice(words)
    bad = damage(word, codepage, "c1")
    if bad is None:
        return None
    return text.replace(word, bad, 1)


def _nbsp(text: str) -> str | None:
    bad = damage(text, "windows-1252", "c1")
    if bad is None or "\xa0" not in bad:
        return None
    return bad.replace("\xa0", " ")


def _cases(lines: list[tuple[str, str]]) -> Iterator[tuple[str, str, str]]:
    """(measure, clean, damaged) for every damage kind."""
    rng = random.Random(11)
    for _, line in lines:
        yield "clean", line, line
    for cp in CODEPAGES:
        for _, line in lines[:: max(1, len(lines) // 400)]:
            for holes in ("c1", "windows-1252"):
                bad = damage(line, cp.name, holes)
                if bad is not None and bad != line:
                    yield f"utf8 line {cp.name}/{holes}", line, bad
            bad = _damage_word(line, cp.name, rng)
            if bad is not None and bad != line:
                yield f"utf8 word {cp.name}", line, bad
    for _, line in lines:
        bad = _nbsp(line)
        if bad is not None:
            yield "nbsp windows-1252", line, bad
    yield from _legacy_cases(lines)
    yield from _cjk_cases(lines, rng)
    yield from _layer_cases(lines, rng)
    yield from _escaped_cases(lines)
    yield from _lossy_cases(lines)


_CJK_PAGES = ("gbk", "cp932", "cp950", "cp949", "euc_jp")


def _cjk_cases(lines: list[tuple[str, str]], rng: random.Random) -> Iterator[tuple[str, str, str]]:
    def read_as(text: str, page: str) -> str | None:
        try:
            return text.encode("utf-8").decode(page)
        except UnicodeDecodeError:
            return None

    for page in _CJK_PAGES:
        for _, line in lines[:: max(1, len(lines) // 400)]:
            bad = read_as(line, page)
            if bad is not None and bad != line:
                yield f"cjk line {page}", line, bad
            words = [w for w in line.split(" ") if not w.isascii()]
            word = rng.choice(words)
            bad_word = read_as(word, page)
            if bad_word is not None and bad_word != word:
                yield f"cjk word {page}", line, line.replace(word, bad_word, 1)


#: Layers seen in the wild: the same page twice or three times, or two different pages.
_LAYERS = (
    ("windows-1252", "windows-1252"),
    ("windows-1252", "windows-1252", "windows-1252"),
    ("windows-1251", "windows-1252"),
    ("windows-1252", "iso-8859-1"),
    ("windows-1250", "windows-1252"),
    ("mac-roman", "windows-1252"),
)


def _layer_cases(lines: list[tuple[str, str]], rng: random.Random) -> Iterator[tuple[str, str, str]]:
    for _, line in lines[:: max(1, len(lines) // 300)]:
        pages = rng.choice(_LAYERS)
        bad: str | None = line
        for page in pages:
            bad = damage(bad, page, "windows-1252") if bad is not None else None
        if bad is not None and bad != line:
            yield f"layers {len(pages)} {'>'.join(pages)}", line, bad


def _escaped_cases(lines: list[tuple[str, str]]) -> Iterator[tuple[str, str, str]]:
    import html

    for _, line in lines[:: max(1, len(lines) // 300)]:
        bad = damage(line, "windows-1252", "c1")
        if bad is None or bad == line:
            continue
        refs = html.escape(bad, quote=False).encode("ascii", "xmlcharrefreplace").decode()
        refs = refs.replace("&#195;", "&Atilde;").replace("&#194;", "&Acirc;")
        expected = html.escape(line, quote=False)
        yield "html windows-1252", f"<p>{expected}</p>", f"<p>{refs}</p>"
        yield "json windows-1252", json.dumps({"m": line}), json.dumps({"m": bad})


def _lossy_cases(lines: list[tuple[str, str]]) -> Iterator[tuple[str, str, str]]:
    for _, line in lines:
        raw = line.encode("utf-8")
        if not any(b in raw for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)):
            continue
        for lost in ("?", "\ufffd"):
            bad = raw.decode("cp1252", "replace").replace("\ufffd", lost)
            yield f"lossy windows-1252 {'?' if lost == '?' else 'U+FFFD'}", line, bad
        yield "lossy windows-1252 dropped", line, raw.decode("cp1252", "ignore")


#: Languages written in each legacy mixup's true code page (gettext locale names).
_LEGACY_LANGS = {
    "cp1251": ("ru", "uk", "bg", "be", "mk", "sr"),
    "cp1250": ("cs", "pl", "sk", "hu", "sl", "hr", "ro"),
    "iso8859_2": ("cs", "pl", "sk", "hu", "sl", "hr"),
    "cp1253": ("el",),
    "cp1254": ("tr", "az"),
    "cp1255": ("he",),
    "cp1256": ("ar", "fa"),
    "cp1257": ("lt", "lv", "et"),
    "koi8_r": ("ru",),
    "cp866": ("ru", "uk", "bg"),
    "cp1252": ("fr", "de", "es", "pt", "it", "nl", "sv", "da", "fi", "ca"),
    "mac_roman": ("fr", "de", "es", "pt", "it", "nl", "sv", "da"),
    "cp932": ("ja",),
    "gbk": ("zh_CN",),
    "cp950": ("zh_TW",),
    "cp949": ("ko",),
}


def _legacy_cases(lines: list[tuple[str, str]]) -> Iterator[tuple[str, str, str]]:
    """Legacy text read with the wrong legacy page, for every mixup mojifix knows: whole
    messages of the languages that page is written in."""
    from mojifix.detection.legacy import MIXUPS

    python_name = {"windows-1252": "cp1252", "windows-1251": "cp1251", "koi8-r": "koi8_r"}
    by_lang: dict[str, list[str]] = {}
    for lang, line in lines:
        by_lang.setdefault(lang, []).append(line)
    for mixup in MIXUPS:
        read_as = python_name.get(mixup.read_as, mixup.read_as)
        for lang in _LEGACY_LANGS.get(mixup.codec, ()):
            for line in by_lang.get(lang, []):
                try:
                    bad = line.encode(mixup.codec).decode(read_as)
                except UnicodeError:
                    continue
                if bad != line:
                    yield f"legacy {mixup.true}>{mixup.read_as}", line, bad


def _check(case: tuple[str, str, str]) -> tuple[str, bool, str, str]:
    measure, clean, bad = case
    kind = measure.split()[0]
    result = mojifix.repair(bad, format=kind if kind in ("html", "json") else "text")
    if result.undo() != bad:
        raise AssertionError(f"undo failed on {bad!r}")
    if kind == "json":
        try:
            return measure, json.loads(result.text) == json.loads(clean), bad, result.text
        except ValueError:
            return measure, False, bad, result.text
    return measure, result.text == clean, bad, result.text


def _ftfy() -> list[str]:
    if not SHARED.exists():
        return ["ftfy suite: ../shared not present"]
    lines = []
    passed = total = 0
    misses = []
    for name in ("in-the-wild", "synthetic", "language-names", "negative"):
        for case in json.loads((SHARED / f"{name}.json").read_text(encoding="utf-8")):
            total += 1
            got = mojifix.repair(case["original"]).text
            ok = got in (case.get("fixed-encoding", case["fixed"]), case["fixed"])
            passed += ok
            if not ok:
                misses.append(case["label"][:70])
    lines.append(f"ftfy suite (exact, no U+FFFD allowance): {passed}/{total}")
    lines.extend(f"  miss: {m}" for m in misses)
    known = json.loads((SHARED / "known-failures.json").read_text(encoding="utf-8"))
    # "fixed" is ftfy's full fix_text, which straightens quotes: compare like with like.
    like_fix_text = mojifix.Config(extend_select=("quotes",))
    good = [
        c["label"][:70]
        for c in known
        if (
            mojifix.repair(c["original"]).text == c["fixed-encoding"]
            if "fixed-encoding" in c
            else mojifix.repair(c["original"], config=like_fix_text).text == c["fixed"]
        )
    ]
    lines.append(f"ftfy known failures repaired: {len(good)}/{len(known)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=30, help="messages per language")
    parser.add_argument("--only", help="measures whose name starts with this")
    parser.add_argument("--show", action="store_true", help="print the misses")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    lines = sample(args.lines)
    cases = [c for c in _cases(lines) if not args.only or c[0].startswith(args.only)]
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    misses: list[tuple[str, str, str]] = []
    with ProcessPoolExecutor(args.jobs) as pool:
        for measure, ok, bad, got in pool.map(_check, cases, chunksize=64):
            seen[measure] += 1
            right[measure] += ok
            if not ok:
                misses.append((measure, bad, got))
    print(f"{len(lines)} messages in {len({lang for lang, _ in lines})} languages")
    fp = seen["clean"] - right["clean"]
    print(f"false positives: {fp}/{seen['clean']} clean messages changed")
    totals = Counter[str]()
    for measure in sorted(seen):
        if measure == "clean":
            continue
        family = " ".join(measure.split()[:2])
        totals[family + " right"] += right[measure]
        totals[family + " all"] += seen[measure]
        print(f"  {measure:40} {right[measure]:5}/{seen[measure]:<5} {right[measure] / seen[measure]:6.1%}")
    for family in sorted({k.rsplit(" ", 1)[0] for k in totals}):
        r, a = totals[family + " right"], totals[family + " all"]
        print(f"{family:42} {r:5}/{a:<5} {r / a:6.1%}")
    if not args.only or args.only == "ftfy":
        for line in _ftfy():
            print(line)
    if args.show:
        for measure, bad, got in misses:
            print(f"MISS {measure}: {bad!r}\n  -> {got!r}")


if __name__ == "__main__":
    main()
