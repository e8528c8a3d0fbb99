"""The shortcuts that keep mostly-ASCII text cheap give the answers of the slow paths they
stand in for: the same positions, the same hints, the same repairs."""

from __future__ import annotations

import codecs
import random
import re

import pytest
from conftest import FIXTURES
from damage import damage
from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from mojifix import _nonascii, formats
from mojifix._charmap import Encoder
from mojifix.detection import legacy, sequences, utf8

LINES = {
    p.stem: p.read_text(encoding="utf-8").splitlines()
    for p in sorted((FIXTURES / "multilingual").glob("*.txt"))
}
# Mojibake-prone characters among plenty of ASCII, so that both of pair_positions' ways run.
sparse_alphabet = st.sampled_from(
    [*"ÃÂâ€™œ“”‘’Ð¿Ñ\x80\x9d\ufffd? \n&<;#ab", "\ud800", "&amp;", "<p>", "x" * 40]
)
sparse_text = st.lists(sparse_alphabet, max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), sparse_text))
def test_non_ascii_keeps_exactly_the_non_ascii_characters(text: str) -> None:
    assert _nonascii.non_ascii(text) == "".join(c for c in text if c > "\x7f")


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), sparse_text))
def test_pair_positions_are_every_prefilter_match(text: str) -> None:
    found = sequences.pair_positions(text)
    every = [i for i in range(len(text)) if sequences.PREFILTER.match(text, i)]
    if found is None:
        rest = _nonascii.non_ascii(text)
        leads = sequences._LEAD_SET.intersection(rest)
        assert len(rest) * sequences._SPARSE > len(text) or len(leads) > sequences._FEW_LEADS
    else:
        assert found == every


@settings(max_examples=300, deadline=None)
@given(sparse_text)
def test_html_hint_is_the_regex_answer(text: str) -> None:
    assert formats._has_html_hint(text) == (formats._HTML_HINT.search(text) is not None)


def test_html_hint_falls_back_to_the_regex_after_many_ampersands() -> None:
    text = "a && b " * 2000 + "<p>"
    assert formats._has_html_hint(text)
    assert not formats._has_html_hint("a && b " * 2000)


def _damaged_document(seed: int) -> str:
    """Paragraphs of real text, some damaged through one code page, among ASCII prose.

    Odd seeds are sparse enough for pair_positions' own search: long prose whose few
    damaged lines are its own punctuation read as Windows-1252 or Windows-874 (the seed's
    damage: few distinct leads)."""
    rng = random.Random(seed)
    sparse = seed % 2 == 1
    filler = "It’s plain, quite plain words and more of them, written by someone who likes words — " * (
        2000 if sparse else 20
    )
    paragraphs = []
    for _ in range(4):
        if sparse:
            line = "“Syria’s record — the view” " * rng.randrange(1, 4)
            page = rng.choice(["windows-1252", "windows-874"]) if rng.random() < 0.7 else None
        else:
            line = rng.choice(LINES[rng.choice(sorted(LINES))])
            page = rng.choice(["windows-1252", "windows-1251", "iso-8859-2", "mac-roman", None, None, None])
        paragraphs.append(((page and damage(line, page)) or line) + "\n" + filler)
    return "\n\n".join(paragraphs)


@pytest.mark.parametrize("seed", range(12))
def test_utf8_find_is_the_same_with_or_without_pair_positions(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _damaged_document(seed)
    assert (sequences.pair_positions(text) is None) == (seed % 2 == 0)
    fast = utf8.find(text)
    monkeypatch.setattr(utf8, "pair_positions", lambda text: None)
    utf8._SUSPECT.clear()
    assert utf8.find(text) == fast


@pytest.mark.parametrize("seed", range(12))
def test_suspect_answers_the_same_from_its_cache(seed: int) -> None:
    text = _damaged_document(seed)
    hits = [(m.start(), m.group()) for m in sequences.SCAN_PREFILTER.finditer(text)]
    utf8._SUSPECT.clear()
    cold = [utf8._suspect(text, i, pair) for i, pair in hits]
    assert [utf8._suspect(text, i, pair) for i, pair in hits] == cold


@pytest.mark.parametrize("language", sorted(LINES))
def test_letters_gate_on_long_text_equals_the_whole_test(language: str) -> None:
    text = "\n".join(LINES[language] * 20)
    assert len(text) > 2 * legacy._LETTERS_FIRST
    whole = legacy._one_language(legacy._letters(text)) and not legacy._capital_inside(text)
    assert legacy._letters_plain(text) == whole


def test_mostly_ascii_text_with_typography_is_unchanged_and_damage_in_it_found() -> None:
    clean = ("It’s “quoted” — and so on. " * 50 + "\n\n") * 40
    assert mojifix.fix_text(clean) == clean
    damaged = clean + "Syriaâ€™s record"
    assert mojifix.fix_text(damaged) == clean + "Syria’s record"


def test_non_ascii_lets_its_texts_go_after_a_repair() -> None:
    mojifix.repair("cafÃ© " + "x" * 500)
    assert _nonascii.non_ascii.cache_info().currsize == 0
    assert re.fullmatch("[^\x00-\x7f]*", _nonascii.non_ascii("a→b"))


def _every_map() -> dict[str, Encoder]:
    encoders = {f"utf-8 read as {name}": enc for name, enc in sequences._ENCODERS.items()}
    for page in {m.read_as for m in legacy.MIXUPS}:
        encoders[f"legacy text read as {page}"] = legacy._encoder(page)
    return encoders


# Every character up to the supplementary ideographs, C1 controls included, and U+FFFE,
# which a decoding table for codecs.charmap_build uses for "no character".
EVERY_CHAR = "".join(chr(c) for c in range(0x30000) if not 0xD800 <= c <= 0xDFFF)


@pytest.mark.parametrize("name", sorted(_every_map()))
def test_fast_encoder_encodes_as_its_dict(name: str) -> None:
    encoder = _every_map()[name]
    without_c1 = re.sub("[\x80-\x9f]", "", EVERY_CHAR)
    for text in (EVERY_CHAR, without_c1, "€\x80", "\x9d"):
        assert encoder.encode(text, "replace") == codecs.charmap_encode(text, "replace", encoder.table)[0]
    for char in EVERY_CHAR[:0x3000]:
        try:
            expected: bytes | None = codecs.charmap_encode(char, "strict", encoder.table)[0]
        except UnicodeEncodeError:
            expected = None
        try:
            got: bytes | None = encoder.encode(char)
        except UnicodeEncodeError:
            got = None
        assert got == expected, repr(char)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", " ", "é", "ж ", "ab ", "\n", "中文", "  "]), max_size=120),
    st.integers(1, 40),
)
def test_compact_head_begins_the_joined_runs(parts: list[str], most: int) -> None:
    """The head of a block's joined runs that the sample of _reads_whole looks at is
    their beginning, longer than asked exactly when they are."""
    block = "".join(parts)
    full = "\x00".join(sequences._RUN_AND_SPACE.findall(block))
    head, longer = utf8._compact_head(block, most)
    assert full.startswith(head)
    assert longer == (len(full) > most)
    assert head == full or len(head) > most


utf8_pieces = st.sampled_from(
    [
        *(b"a", b" ", b"\xc3\xa9", b"\xe2\x80\x99", b"\xe2\x80", b"\xc3", b"\x80", b"\xf0\x9f\x98\x80"),
        *(b"\xff", b"\xf4\x90\x80\x80", b"\xed\x9f\xbf", b"\xed\xa0\x80\xed\xb0\x80", b"\xe0\x80\x80"),
        b"\xef\xbf\xbd",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.binary(max_size=40), st.lists(utf8_pieces, max_size=30).map(b"".join)))
def test_utf8_runs_as_the_pattern_finds_them(raw: bytes) -> None:
    """Coverage counts the bytes in runs of well-formed sequences with the UTF-8 decoder:
    exactly what the pattern finds (CESU-8 pairs and U+FFFD included)."""
    rest, spans = sequences._UTF8_RUN.subn(b"", raw)
    assert sequences._utf8_runs(raw) == (len(raw) - len(rest), spans)


@pytest.mark.parametrize(
    "clean",
    [
        "این پوشه به\u200cطور خودکار پاک نمی\u200cشود",  # Persian: zero-width non-joiners
        "لا يمكن فتح الملف، تحقق من الأذونات؛ ثم أعد المحاولة",  # Arabic comma, semicolon
    ],
)
def test_what_the_arabic_script_writes_after_a_letter_is_no_suspect(clean: str) -> None:
    # Windows-1256 has these after letters as a lead and a continuation; the first look
    # passes over them, and the text is unchanged.
    hits = [(m.start(), m.group()) for m in sequences.SCAN_PREFILTER.finditer(clean)]
    marked = [(i, pair) for i, pair in hits if pair[1] in "\u200c\u060c\u061b"]
    assert marked
    assert not any(utf8._suspect(clean, i, pair) for i, pair in marked)
    assert mojifix.fix_text(clean) == clean


def test_arabic_punctuation_after_a_latin_letter_is_damage() -> None:
    # "á" read as Windows-1256 is "أ،": inside a Latin word, no Arabic at all.
    damaged = "Distrito Capital de Bogotأ، e Medellín"
    assert mojifix.fix_text(damaged) == "Distrito Capital de Bogotá e Medellín"


def test_a_space_completes_only_punctuation_and_symbols_of_every_script() -> None:
    # Windows-1251 "а", a flattened no-break space and "ј" are E0 A0 BC, Samaritan
    # punctuation: no text is that, and Serbian "да ја" is no suspect. "â €" (Braille) is.
    assert not sequences.space_completes("а", " ", "ј")
    assert sequences.space_completes("â", " ", "€")
    text = "Не могу да ја вчитам, шта је урађено."
    hits = [(m.start(), m.group()) for m in sequences.SCAN_PREFILTER.finditer(text)]
    assert not any(utf8._suspect(text, i, pair) for i, pair in hits)


@pytest.mark.parametrize(
    "clean",
    ["  --from-source=ФАЙЛ   взять пакет", "--admindir=<ไดเรกทอรี> ใช้ไดเรกทอรี", "--format=[ФОРМАТ] задать"],
)
def test_a_word_of_another_script_after_a_value_sign_is_no_suspect(clean: str) -> None:
    # Option values and placeholders put a word of one script right after ASCII of
    # another: "=", "<" and "[" end the context, as a space does.
    hits = [(m.start(), m.group()) for m in sequences.SCAN_PREFILTER.finditer(clean)]
    assert hits
    assert not any(utf8._suspect(clean, i, pair) for i, pair in hits)
    assert mojifix.fix_text(clean) == clean


def test_an_apostrophe_still_joins_a_word() -> None:
    assert mojifix.fix_text("Il fait beau en l'Ã©tÃ© Ã  Paris") == "Il fait beau en l'été à Paris"
