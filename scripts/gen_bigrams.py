"""Generate ``src/mojifix/_bigrams.py``: how often each pair of adjacent letters occurs in
each language, for the letters a legacy code page mixup produces or repairs.

Source: the gettext catalogs on the machine (``_mo_corpus.py``), one table per locale.
Only messages whose CRC-32 is not a multiple of :data:`HELD_OUT` are counted: the rest
are what ``scripts/eval_accuracy.py`` measures on, so its figures are not measured on
the text the model learnt from.

A *bigram* is two adjacent characters of the lower-cased text, at least one of them a
non-ASCII letter below U+0800 (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic...), the
other such a letter, an ASCII letter or a space for anything else (the start or end of a
word): :func:`mojifix.bigrams.pairs`. Its cost is
``-ln`` of its share of the language's bigrams, in tenths of a nat. Bigrams seen fewer
than :data:`MIN_COUNT` times, and languages with fewer than :data:`MIN_TOTAL` bigrams,
are left out of the tables; ``WRITTEN`` holds every pair seen in any language (Afrikaans
"êe", too little for a table, is still a pair some language writes).

A second model counts the pairs of ASCII letters (and a space at a word's edge) of each
language written mostly in ASCII letters: a legacy mixup never changes ASCII, so those
pairs tell the language of damaged text as well as of clean text
(:func:`mojifix.bigrams.ascii_languages`). Its tables are strings of
:data:`mojifix.bigrams.ASCII_PAIRS` characters, one per pair, ``chr(48 + cost)``.

Usage: ``python scripts/gen_bigrams.py`` (rewrites the module; deterministic).
"""

from __future__ import annotations

import math
import pathlib
import sys
import zlib
from collections import Counter

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _mo_corpus import languages, messages  # noqa: E402

sys.path.insert(0, str(HERE.parent / "src"))
from mojifix.bigrams import _MODELLED, ASCII_PAIRS, ascii_pairs, pairs  # noqa: E402  (the model's own definitions)

OUT = HERE.parent / "src" / "mojifix" / "_bigrams.py"
HELD_OUT = 5
MIN_COUNT = 1
MIN_TOTAL = 800
#: A language gets an ASCII table if its messages hold this many ASCII letters, at least
#: :data:`ASCII_SHARE` of their letters (Russian catalogs hold ASCII too: option names).
ASCII_MIN_LETTERS = 2_000
ASCII_SHARE = 0.5
ASCII_MAX_COST = 200
#: A letter of a mostly-ASCII language's own alphabet is also at least this share of all
#: its letters (with the share of pairs alone, a few names fill the alphabet of a
#: language that has few non-ASCII letters: Dutch "č").
LETTER_FREQUENCY = 1e-4
#: A letter of its own alphabet that a mostly-ASCII language writes commonly is at least
#: this share of its letters (Portuguese "á" 0.5 %, Dutch "á" 0.01 %: an emphasis).
COMMON_FREQUENCY = 1e-3
#: ASCII letters a language needs for letters to be read back into its own alphabet.
NATIVE_MIN_LETTERS = 20_000
#: Where the Latin letters end (IPA and everything after are other scripts here).
LATIN_END = "\u0250"


def held_out(message: str) -> bool:
    """True for the messages the model never sees (shared with eval_accuracy.py)."""
    return zlib.crc32(message.encode("utf-8")) % HELD_OUT == 0


#: A Latin letter belongs to a language's alphabet if at least this share of its pairs
#: have it (the "ñ" of "España" in French catalogs does not); a letter of another script
#: if it was seen at all.
LETTER_SHARE = 0.01
#: A Latin letter a language may use (names, loanwords, rare letters: Welsh "î") is in
#: at least this share of its pairs.
SEEN_SHARE = 0.001


def alphabet(table: dict[str, int], least: float = 0.01) -> str:
    """The modelled letters a language uses, by :data:`LETTER_SHARE` (or ``least``)."""
    share: dict[str, float] = {}
    for pair, cost in table.items():
        for char in set(pair) & _MODELLED:
            share[char] = share.get(char, 0.0) + math.exp(-cost / 10)
    return "".join(sorted(c for c, v in share.items() if v >= least or c >= "\u0250"))


def ascii_table(counts: Counter[int]) -> str:
    """Costs of every ASCII pair (add-half smoothing), as the module stores them."""
    total = sum(counts.values()) + 0.5 * ASCII_PAIRS
    return "".join(
        chr(48 + min(ASCII_MAX_COST, round(-10 * math.log((counts[i] + 0.5) / total))))
        for i in range(ASCII_PAIRS)
    )


def main() -> None:
    tables: dict[str, dict[str, int]] = {}
    written: set[str] = set()
    ascii_tables: dict[str, tuple[str, str, str, str]] = {}
    for lang in languages():
        counts: Counter[str] = Counter()
        ascii_counts: Counter[int] = Counter()
        letters = ascii_letters = other_letters = 0
        latin_letters: Counter[str] = Counter()
        for message in set(messages(lang)):
            if not held_out(message):
                counts.update(pairs(message, most=len(message) + 1))
                ascii_counts.update(ascii_pairs(message, most=len(message) + 1))
                letters += sum(1 for c in message if c.isalpha())
                ascii_letters += sum(1 for c in message if c.isascii() and c.isalpha())
                other_letters += sum(1 for c in message if c >= LATIN_END and c.isalpha())
                latin_letters.update(c.lower() for c in message if "\x7f" < c < LATIN_END and c.isalpha())
        latin = letters - other_letters
        if (
            ascii_letters >= ASCII_MIN_LETTERS
            and ascii_letters >= ASCII_SHARE * letters
            and latin >= other_letters
        ):
            # (Hebrew catalogs are mostly untranslated English: their letters are Hebrew.
            # A Latin alphabet keeps its Latin letters only, leaving out loanwords' others.)
            table = {pair: round(-10 * math.log(n / max(1, counts.total()))) for pair, n in counts.items()}
            # (A language with little text, English above all, has catalogs full of names:
            # its own alphabet is left empty, to be used only to recognise letters.)
            frequent = {c for c, n in latin_letters.items() if n >= LETTER_FREQUENCY * letters}
            if ascii_letters < NATIVE_MIN_LETTERS:
                frequent = set()
            common = {c for c in frequent if latin_letters[c] >= COMMON_FREQUENCY * letters}
            own = alphabet(table, LETTER_SHARE)
            ascii_tables[lang] = (
                ascii_table(ascii_counts),
                "".join(c for c in own if c in frequent),
                "".join(c for c in alphabet(table, SEEN_SHARE) if c < LATIN_END),
                "".join(c for c in own if c in common),
            )
        written.update(counts)
        total = sum(counts.values())
        if total < MIN_TOTAL:
            continue
        tables[lang] = {
            pair: round(-10 * math.log(n / total)) for pair, n in counts.items() if n >= MIN_COUNT
        }
    names = sorted(tables)
    ordered = [tables[lang] for lang in names]
    best: dict[str, tuple[int, int]] = {}
    for index, table in enumerate(ordered):
        for pair, cost in table.items():
            if pair not in best or cost < best[pair][1]:
                best[pair] = (index, cost)
    lines = [
        '"""Generated by scripts/gen_bigrams.py from the gettext catalogs: do not edit."""',
        "",
        "#: The languages (gettext locale names), in the order of the tables below.",
        f"LANGUAGES = {tuple(names)!r}",
        "",
        "#: Per language: pair of characters -> cost in tenths of a nat.",
        "TABLES = (",
        *(f"    {dict(sorted(table.items()))!r}," for table in ordered),
        ")",
        "",
        "#: Per language: the letters it uses (see alphabet() in the generator).",
        "ALPHABETS = (",
        *(f"    {alphabet(table)!r}," for table in ordered),
        ")",
        "",
        "#: Per pair: the language in which it is commonest, and its cost there.",
        f"BEST = {dict(sorted(best.items()))!r}",
        "",
        "#: Every pair seen in any language, those with too little text for a table included.",
        f"WRITTEN = {''.join(sorted(written))!r}",
        "",
        "#: Languages written mostly in ASCII letters and their ASCII pair costs.",
        f"ASCII_LANGUAGES = {tuple(sorted(ascii_tables))!r}",
        "ASCII_TABLES = (",
        *(f"    {ascii_tables[lang][0]!r}," for lang in sorted(ascii_tables)),
        ")",
        "#: Their letters (by LETTER_SHARE), and the letters they may use (by SEEN_SHARE).",
        "ASCII_ALPHABETS = (",
        *(f"    {ascii_tables[lang][1]!r}," for lang in sorted(ascii_tables)),
        ")",
        "ASCII_SEEN = (",
        *(f"    {ascii_tables[lang][2]!r}," for lang in sorted(ascii_tables)),
        ")",
        "#: Their letters that are common (by COMMON_FREQUENCY).",
        "ASCII_COMMON = (",
        *(f"    {ascii_tables[lang][3]!r}," for lang in sorted(ascii_tables)),
        ")",
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    size = sum(len(t) for t in tables.values())
    print(f"{len(tables)} languages, {size} bigrams, {len(ascii_tables)} ASCII tables -> {OUT}")


if __name__ == "__main__":
    main()
