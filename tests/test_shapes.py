"""Case shapes as evidence (docs/plausibility.md): two non-ASCII capitals between lower-case
letters ("lĂŞer", "tambiĂŠn") are no word's shape; UTF-8 read as ISO-8859-2 or
Windows-1250 makes them out of every accented lower-case letter."""

from __future__ import annotations

import re

import pytest
from damage import damage, real_lines, repaired_exactly

import mojifix

LATIN = ("ca", "cs", "da", "de", "es", "fr", "hu", "it", "nl", "pl", "pt", "ro", "sk", "sv")


#: Measured 351/420 and 411/420 (301 and 395 without the two-capitals shape).
@pytest.mark.parametrize(("page", "rate"), [("iso-8859-2", 0.8), ("windows-1250", 0.95)])
def test_central_european_pages_on_real_lines(page: str, rate: float) -> None:
    exact, total = repaired_exactly(
        (line, damage(line, page)) for lang in LATIN for line in real_lines(lang, 30)
    )
    assert total >= 300
    assert exact / total >= rate, (exact, total)


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("Kon nie die lĂŞer kies nie", "Kon nie die lêer kies nie"),
        ("Mostrar tambiĂŠn consejos redundantes.", "Mostrar también consejos redundantes."),
    ],
)
def test_two_capitals_inside_a_word(damaged: str, expected: str) -> None:
    assert mojifix.fix_text(damaged) == expected


@pytest.mark.parametrize("clean", ["McDONALD", "iPhone ÉTÉ", "le mot ÉTÉ", "Škoda ŠKODA"])
def test_clean_capitals_are_left_alone(clean: str) -> None:
    assert mojifix.fix_text(clean) == clean


def test_a_c1_control_the_page_defines_is_no_legacy_mixup() -> None:
    """Windows-1252 defines byte 0x92 (’): text read with it never shows U+0092, so a word
    with that control was not read as Windows-1252 and is no legacy mixup of it."""
    result = mojifix.repair("barco tur\x92stico en Acapulco")
    assert all(c.fixer != "legacy" for c in result.changes)


def test_the_alphabet_around_picks_the_page() -> None:
    """Windows-1250 reads "Ą" as byte A5 (á becomes å), ISO-8859-2 as A1 (á): the Czech
    letters around the word decide."""
    damaged = "Odesílání popisovače souboru není podporovĂĄno"
    assert mojifix.fix_text(damaged) == "Odesílání popisovače souboru není podporováno"


def _case(damaged: str, expected: str, why: str) -> object:
    return pytest.param(damaged, expected, id=why)


#: Damage that the shapes of its letters give away, each with the reason as its id.
REPAIRED = [
    _case("informaci├│n del caf├⌐", "información del café", "box drawing that is cp437 mojibake"),
    _case("╨┐╨╛ ╨┐╤Ç╨╕╨▓╨╡╤é", "по привет", "Russian read as cp437: words all box drawing"),
    _case("Enw gr┼╡p annilys", "Enw grŵp annilys", "Welsh ŵ: letters the pair model lacks"),
    # Windows-1250 reads these too, into "йит" and "vålida": the letter order decides.
    _case("UNIX %lld 64 ĐąĐ¸Ń\x82 иакӡом", "UNIX %lld 64 бит иакӡом", "letter order picks ISO-8859-2"),
    _case("Nome de claves non vĂĄlida: %s", "Nome de claves non válida: %s", "válida, not vålida"),
    _case(
        "KSpread электрондық ĐşĐľŃ\x81Ń\x82ĐľŃ\x81Ń\x96",
        "KSpread электрондық кестесі",
        "кестесі, not костосі",
    ),
    # A pair of letters no language writes ("ăł", "ăś", "âť", "ăš", "ăĽ", "ăź").
    _case("FallĂł al contactar con PackageKit", "Falló al contactar con PackageKit", "unwritten ăł"),
    _case("Siirrä ikkuna tyĂśtilaan 8", "Siirrä ikkuna työtilaan 8", "unwritten ăś"),
    _case("El fitxer ÂŤ%sÂť és massa gran", "El fitxer «%s» és massa gran", "unwritten âť"),
    _case("stenographia DuployĂŠ", "stenographia Duployé", "unwritten ăš"),
    _case("%lu installert pĂĽ nytt,", "%lu installert på nytt,", "unwritten ăľ"),
    _case("Vigane järjestamise sĂźmbol", "Vigane järjestamise sümbol", "unwritten ăź"),
    # Indic and Tibetan UTF-8 read as Windows-874 looks like Thai, but for the C1 controls
    # of the bytes Windows-874 leaves undefined.
    _case("બેકી હોય તેવી હરોળનો เชฐเช\x82เช—", "બેકી હોય તેવી હરોળનો રંગ", "Gujarati as Windows-874"),
    _case("विंडो को เค\x8fเค• कार्यस्थान दाएँ लाएँ", "विंडो को एक कार्यस्थान दाएँ लाएँ", "Devanagari as 874"),
    _case("%s เฝฃเฝฆเผ\x8b %s: %s ལུ་ བསྐྱར་མིང་", "%s ལས་ %s: %s ལུ་ བསྐྱར་མིང་", "Tibetan as Windows-874"),
    # Bengali, Gujarati UTF-8 read as cp866 starts with Cyrillic pairs ("рж"); box drawing
    # glued after them, or a capital after them, gives it away.
    _case("পটভূমির পূর্ণ উচ্চতার рж╕рзЗржЯ", "পটভূমির পূর্ণ উচ্চতার সেট", "Bengali as cp866, box drawing"),
    _case("ржЕржмрзИржз নাম '%s'", "অবৈধ নাম '%s'", "Bengali as cp866, capital"),
    _case("ફાઈલોની ркиркХрк▓ કરી રહ્યા છે", "ફાઈલોની નકલ કરી રહ્યા છે", "Gujarati as cp866"),
    # A capital after the word's own capital and two small letters: Windows-1250 "ú".
    _case("RepĂşblica Checa", "República Checa", "capital after Rep"),
    # "ó" read as ISO-8859-5 is two Cyrillic capitals glued to a Latin word.
    _case("nota de 64-bit a compilaciУГ 32-bit", "nota de 64-bit a compilació 32-bit", "capitals at the end"),
    # Mac Roman reads UTF-8 leads as symbols and as "ƒ", which no word holds.
    _case("Glavni naƒçini delovanja programa", "Glavni načini delovanja programa", "ƒ inside a word"),
    _case("Tabulka ≈ôetƒõzc≈Ø je prázdná", "Tabulka řetězců je prázdná", "≈ inside a word"),
    # ... and as symbols that begin a word whose next letter is a small one.
    _case("Da li ƒáe se prikazati", "Da li će se prikazati", "ƒ begins a word"),
    _case("Fehler beim Naam √§nnern vun de Datei", "Fehler beim Naam ännern vun de Datei", "√ begins a word"),
    # Two capitals that begin a word of small letters: Windows-1250 "č".
    _case("podatke ÄŤita iz datoteke", "podatke čita iz datoteke", "two capitals"),
    # A word alone in its script among words of another one, read back into theirs.
    _case(
        "Σχετικά О® απόλυτα ονόματα αρχείων για άνοιγμα",
        "Σχετικά ή απόλυτα ονόματα αρχείων για άνοιγμα",
        "Greek ή read as Windows-1251 among Greek words",
    ),
    # A Hebrew point on a Latin letter: UTF-8 Latin letters read as Windows-1255.
    _case("Tar arhִ«vs (saspiests ar bzip)", "Tar arhīvs (saspiests ar bzip)", "Hebrew point on h"),
    # A word of one lead before a flattened no-break space: a letter of the language around.
    _case("Le menu Ã la carte est servi", "Le menu à la carte est servi", "à before a flattened space"),
]


@pytest.mark.parametrize(("damaged", "expected"), REPAIRED)
def test_shapes_that_give_damage_away(damaged: str, expected: str) -> None:
    assert mojifix.fix_text(damaged) == expected


#: Clean text of the same shapes, which must come back unchanged.
CLEAN = [
    "├┤a┼┐a┼┐a┼┐a┼┐a",  # ftfy's "Leet line-art": it would read "ôaſaſaſaſa"
    "╞╡e╞╡e╞╡e",
    "┌──┐\n│ok│\n└──┘",
    "Привет™ мир",
    "в 20°C тепло",
    "ГлавныйМенеджер",
    "Ёлка ёжик",
    "Łódź",
    "Ăngström",
    "ĂŞTĂ",
    "Ţară Şi",
    "iPadÉTÉ est",
    "nÉireann agus hÉireann",  # Irish prefixes: small, fewer than three letters
    "De prijs was ƒ 10,- per stuk in 1990",  # the florin sign, alone
    "Die Funktion ƒ(x) ist stetig, x ≈ 3,14 für π",
    "le mot «Étoile» est beau",  # (« and É are a Mac Roman sequence; « is punctuation)
    "De IJssel en de ÖBBs rijden naar ÉTAT",  # Dutch "IJ", a plural, a word in capitals
    # Greek capitals alone: no guessed byte makes them Arabic, Armenian or U+FFFD
    "The letters Ψ and Ω come last, and Φ is the golden ratio in many texts",
    "В греческом алфавите буквы Ψ и Ω стоят в самом конце",
    "On note la fonction Γ d'Euler ainsi, et Δ le discriminant",  # no "à" of a guessed byte
    "בְּרֵאשִׁית בָּרָא Genesis 1:1, कृष्ण Krishna",  # points and signs on their own letters
    "Символ Đ обозначает здесь значение постоянной величины",
]


@pytest.mark.parametrize("clean", CLEAN)
def test_clean_text_of_the_same_shapes_is_left_alone(clean: str) -> None:
    assert mojifix.fix_text(clean) == clean


def test_a_word_alone_in_another_script_among_latin_words() -> None:
    # Italian "è" read as Windows-1251 is "ГЁ": two Cyrillic capitals, a word of their own
    # that no other Cyrillic letter stands near, in a language whose letters include "è".
    lines = [line for line in real_lines("it", 400) if " è " in line and line.count("è") == 1][:10]
    assert len(lines) >= 5
    for line in lines:
        damaged = line.replace(" è ", " ГЁ ")
        assert mojifix.fix_text(damaged) == line, damaged


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Ó" read as Windows-874: a Thai letter and a quote glued to a Spanish word, no
        # other Thai letter near: the reading is a letter of the language around
        (
            "La ร“pera de Madrid presenta una temporada nueva este año",
            "La Ópera de Madrid presenta una temporada nueva este año",
        ),
        # ... but a small letter before a capital begins no word: left alone
        (
            "Falló al contactar con УМPackageKit en este equipo",
            "Falló al contactar con УМPackageKit en este equipo",
        ),
        (
            "Le fichier รณTIFF est introuvable dans ce dossier",
            "Le fichier รณTIFF est introuvable dans ce dossier",
        ),
    ],
)
def test_letters_of_another_script_glued_to_a_latin_word(text: str, expected: str) -> None:
    assert mojifix.fix_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Romanian "ă" and "ş" in a Portuguese sentence read back into its "ú"
        (
            "O sistema mostra o nĂşmero de arquivos abertos na janela principal",
            "O sistema mostra o número de arquivos abertos na janela principal",
        ),
        (
            "Banco de dados do servidor será removido, o registro Ăł fechado",
            "Banco de dados do servidor será removido, o registro ó fechado",
        ),
        # Words of those languages, clean, in a Portuguese or an English sentence
        ("O arquivo de configuração contém a palavra polaca część e mais nada", None),
        ("The Czech word paměť means memory, and the Slovak word pamäť too", None),
    ],
)
def test_letters_foreign_to_the_language_around(text: str, expected: str | None) -> None:
    assert mojifix.fix_text(text) == (expected or text)


@pytest.mark.parametrize("acronym", ["УК", "ЦА", "ФО", "ЦП", "Ці"])
def test_cyrillic_acronyms_among_latin_words_are_left_alone(acronym: str) -> None:
    # The same shape, but the reading would be a letter English does not write ("ú", "ư").
    for line in [*real_lines("de", 5), f"The {acronym} of the Russian Federation, article 5"]:
        text = line.replace(" ", f" {acronym} ", 1)
        assert mojifix.fix_text(text) == text


@pytest.mark.parametrize(
    ("lang", "char", "page"), [("es", "«", "cp1251"), ("de", "»", "cp1251"), ("nb", "å", "cp1253")]
)
def test_a_letter_and_a_mark_alone_in_another_script(lang: str, char: str, page: str) -> None:
    # Guillemets through Windows-1251 are "В«" and "В»", Norwegian "å" through Windows-1253
    # "Γ¥": a Cyrillic or Greek capital glued to a mark, alone among Latin words.
    wanted = char.encode("utf-8").decode(page)
    lines = [line for line in real_lines(lang, 400) if line.count(char) == 1]
    lines = [line for line in lines if all(c < "\u0250" for c in line)][:8]
    assert len(lines) >= 4
    for line in lines:
        damaged = line.replace(char, wanted)
        assert mojifix.fix_text(damaged) == line, damaged


@pytest.mark.parametrize("page", ["windows-1257", "iso-8859-13", "iso-8859-4", "windows-874"])
def test_the_partner_of_a_repaired_quote(page: str) -> None:
    # "«" through Windows-1257 is "Ā«": glued to a word it is clearly damage, after a space
    # alone it is not, but it is the partner of the "»" repaired on its line. Through
    # Windows-874 it is "ยซ", two Thai letters, which alone look natural.
    lines = [
        line
        for lang in ("de", "es", "it", "nb", "ca")
        for line in real_lines(lang, 400)
        if "«" in line
        and "»" in line
        and all(c < "\x80" or c in "«»" for c in line)
        and re.search("[a-z][«»]", line)  # the quote that is clearly damage
    ]
    assert len(lines) >= 6
    for line in lines:
        damaged = damage(line, page)
        assert damaged is not None
        assert mojifix.fix_text(damaged) == line, damaged


def test_no_reading_makes_an_unassigned_character() -> None:
    # Arabic in Windows-1256 read as Windows-1252 (legacy damage the legacy fixer leaves
    # here): cp850 reads "ÕÇáÍÉ" as UTF-8 of "倠" and U+0590, which Unicode leaves
    # unassigned. No text holds one; the span stays as it is.
    damaged = "ÃÑÓá ÎÇÏã http ÊÑæíÓÉ Øæá ãÍÊæíÇÊ (öContent-Length) ÛíÑ ÕÇáÍÉ"
    result = mojifix.repair(damaged)
    assert "\u0590" not in result.text
    assert result.text.endswith("ÕÇáÍÉ")
    assert result.undo() == damaged
