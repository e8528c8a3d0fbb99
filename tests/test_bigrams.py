"""The letter-pair model (mojifix.bigrams) that tells letters in a language's order from
letters a wrong legacy code page put in none (issue #3, family 2)."""

from __future__ import annotations

import pytest
from damage import real_lines

from mojifix.bigrams import (
    ASCII_PAIRS,
    UNSEEN,
    ascii_languages,
    ascii_pairs,
    best_joint,
    judgeable,
    natural,
    naturalness,
    pairs,
    strange,
    unwritten,
)

#: What the legacy gate and the readings use (mojifix.detection.legacy).
LIMIT = 72


def test_pairs_are_case_folded_with_word_edges() -> None:
    assert pairs("Été ÉTÉ") == [" é", "ét", "té", "é "] * 2
    assert pairs("plain ascii") == []
    # A character that is not a letter ends the word, as a space does.
    assert pairs("d’été") == [" é", "ét", "té", "é "]
    assert len(pairs("привет " * 100, most=10)) < 20
    # A non-letter between two letters stands as itself: Catalan's middle dot, and "¿" for
    # Polish "ż" read as Windows-1252 (no language writes "u¿").
    assert pairs("col·lecció") == ["l·", "·l", "ió", "ó "]
    assert pairs("Aplikacja u¿yta") == ["u¿", "¿y"] and strange(pairs("u¿yta")) == 2
    assert pairs("2º nivel") == []


@pytest.mark.parametrize("lang", ["ru", "uk", "bg", "el", "he", "ar", "fr", "de", "cs", "pl", "tr", "lt"])
def test_real_lines_are_natural(lang: str) -> None:
    lines = [line for line in real_lines(lang, 60) if len(pairs(line)) >= 6]
    assert len(lines) >= 20
    natural_lines = sum(natural(line, LIMIT) for line in lines)
    assert natural_lines >= 0.97 * len(lines), lang


@pytest.mark.parametrize(
    ("lang", "codec", "read_as"),
    [
        ("ru", "koi8_r", "cp1251"),  # Russian letters, none of them in Russian order
        ("ru", "cp1251", "koi8_r"),
        ("el", "cp1253", "cp1252"),
        ("he", "cp1255", "cp1252"),
        ("lt", "cp1257", "cp1252"),
    ],
)
def test_lines_read_with_the_wrong_page_are_not(lang: str, codec: str, read_as: str) -> None:
    damaged = []
    for line in real_lines(lang, 60):
        try:
            bad = line.encode(codec).decode(read_as)
        except UnicodeError:
            continue
        if len(pairs(bad)) >= 6:
            damaged.append(bad)
    assert len(damaged) >= 15
    assert sum(not natural(bad, LIMIT) for bad in damaged) >= 0.9 * len(damaged)


def test_naturalness_orders_real_text_before_its_damage() -> None:
    good, count = naturalness("больше нет доступных пространств имён")
    bad, _ = naturalness("ВПМШЫЕ ОЕФ ДПУФХРОЩИ РТПУФТБОУФЧ ЙНЈО")
    assert count > 20
    assert good < LIMIT < bad <= UNSEEN
    assert naturalness("no letters it models") == (UNSEEN, 0)


def test_a_mix_of_two_languages_is_no_language() -> None:
    # Each pair of "praneðimø" is some language's (Icelandic ð, Danish ø); together, none.
    assert naturalness("pranešimų magistralės mašinos")[0] < LIMIT
    assert naturalness("praneðimø magistralës maðinos")[0] > LIMIT


def test_few_pairs_fail_only_on_a_pair_no_language_writes() -> None:
    assert natural("10 кБ", LIMIT, fewest=6)  # a unit, not damage
    assert natural("Mõõdukas", LIMIT, fewest=6)  # rare pairs of a real word
    assert not natural("otevøít", LIMIT, fewest=6)  # "øí" is no language's
    assert strange(pairs("otevøít")) == 1 and strange(pairs("otevřít")) == 0


def test_only_letters_of_a_known_language_are_judged() -> None:
    assert judgeable(set("привет"))
    assert judgeable(set("éè"))
    # Breton's ñ and ù: no language the catalogs hold enough of uses both.
    assert not judgeable({"ñ", "ù"})


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("ă", "ł", True),  # Romanian ă, Polish ł: no language writes them together
        ("Â", "ť", True),  # "«" read as ISO-8859-2 ("ÂŤ%sÂť")
        ("ê", "e", False),  # Afrikaans "lêer": too little text for a table, still written
        ("r", "ŵ", False),  # Welsh "grŵp"
        ("ó", "w", False),
        ("a", "b", False),  # ASCII pairs are not judged
        ("ă", "7", False),  # letters only
    ],
)
def test_unwritten_pairs(a: str, b: str, expected: bool) -> None:
    assert unwritten(a, b) is expected


def test_ascii_pairs_stop_at_non_ascii_letters() -> None:
    # "mogo" in "mogoèe" is no word: no space pair after its "o"; "e" after è has no
    # space pair before it either.
    found = ascii_pairs("Ni mogoèe")
    size = int(ASCII_PAIRS**0.5)
    edge = size - 1
    index = {c: i for i, c in enumerate("abcdefghijklmnopqrstuvwxyz ")}
    expected = [
        edge * size + index["n"],
        index["n"] * size + index["i"],
        index["i"] * size + edge,
        edge * size + index["m"],
        index["m"] * size + index["o"],
        index["o"] * size + index["g"],
        index["g"] * size + index["o"],
        index["e"] * size + edge,
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ni mogoče odpreti datoteke za branje, ker je zaklenjena", "sl"),
        ("Nie można otworzyć pliku do odczytu, ponieważ jest zablokowany", "pl"),
        ("Le fichier ne peut pas être ouvert en lecture", "fr"),
        ("Die Datei kann nicht zum Lesen geöffnet werden", "de"),
        ("Non è stato possibile aprire il file perché è bloccato da un altro programma", "it"),
    ],
)
def test_ascii_letters_name_the_language(text: str, language: str) -> None:
    from mojifix._bigrams import ASCII_LANGUAGES

    named = ascii_languages(text)
    assert named.found >= 20
    best = min(range(len(named.costs)), key=named.costs.__getitem__)
    assert ASCII_LANGUAGES[best] == language
    # The letter pairs of the text cost least in that language too.
    found = pairs(text)
    assert best_joint(named.costs, found) == best_joint(named.costs, found, [best])
