"""Mojibake behind escapes: HTML character references and JSON string escapes (issue #3)."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest
from damage import damage, real_lines
from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from mojifix.formats import format_for_path, sniff

LANGUAGES = ("de", "es", "fr", "pt", "pl", "ru", "el", "tr", "cs", "vi")


def _lines(lang: str, count: int = 12) -> list[str]:
    return real_lines(lang, count)


def _plain_repairs(texts: list[str]) -> list[str]:
    """What mojifix makes of each string as plain text: escapes must not change that."""
    return [mojifix.fix_text(text, format="text") for text in texts]


def _damaged_words(line: str) -> str:
    """Every second non-ASCII word of ``line`` mojibaked through Windows-1252."""
    words = line.split(" ")
    out = []
    for i, word in enumerate(words):
        bad = damage(word, "windows-1252") if i % 2 == 0 and not word.isascii() else None
        out.append(bad if bad is not None else word)
    return " ".join(out)


def _to_references(text: str) -> str:
    """Non-ASCII characters as HTML references, named where HTML has a name."""
    names = {chr(code): name for code, name in html.entities.codepoint2name.items()}
    out = []
    for char in html.escape(text, quote=False):
        if char.isascii():
            out.append(char)
        elif char in names:
            out.append(f"&{names[char]};")
        else:
            out.append(f"&#{ord(char)};")
    return "".join(out)


class _Structure(HTMLParser):
    """The markup of a document (tags, attributes, comments, script) and its visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.markup: list[object] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.markup.append(("start", tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        self.markup.append(("end", tag))

    def handle_comment(self, data: str) -> None:
        self.markup.append(("comment", data))

    def handle_data(self, data: str) -> None:
        if self.lasttag in ("script", "style") and self.markup and self.markup[-1][0] == "start":
            self.markup.append(("raw", data))
        else:
            self.text.append(data)


def _structure(document: str) -> tuple[list[object], str]:
    parser = _Structure()
    parser.feed(document)
    parser.close()
    return parser.markup, "".join(parser.text)


# --- HTML -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damaged", "fixed"),
    [
        ("It&acirc;&#128;&#153;s", "It’s"),
        ("It&#226;&#128;&#153;s", "It’s"),
        ("caf&Atilde;&copy; &amp; cr&Atilde;&uml;me", "café &amp; crème"),
        ("<p>It&acirc;&#128;&#153;s <b>caf&Atilde;&copy;</b></p>", "<p>It’s <b>café</b></p>"),
        # HTML reads &#128; as "€" (Windows-1252), like the decoder that made the damage.
        ("&ETH;&iquest;&Ntilde;&#128;&ETH;&cedil;&ETH;&sup2;&ETH;&micro;&Ntilde;&#130;", "привет"),
        ("&ETH;&iquest;&Ntilde;&#x80;&ETH;&cedil;", "при"),
        ("<p>Itâ€™s</p>", "<p>It’s</p>"),  # literal mojibake in a marked-up document
        ("voil&Atilde;&nbsp; tout", "voilà tout"),  # à is C3 A0: the no-break space is its byte
    ],
)
def test_html_references(damaged: str, fixed: str) -> None:
    result = mojifix.repair(damaged, format="html")
    assert result.text == fixed
    assert result.undo() == damaged
    assert mojifix.repair(damaged).text == fixed  # "auto" finds the references
    assert all(c.confidence > 0.5 for c in result.changes)


def test_html_markup_and_legitimate_entities_are_untouched() -> None:
    document = (
        "<!DOCTYPE html><html><head><title>caf&Atilde;&copy;</title>"
        '<style>p::after { content: "Ã©" }</style></head>'
        '<body><p title="cafÃ©" data-x="&Atilde;&copy;">Tom &amp; Jerry &lt;3 &eacute;t&eacute; &#x1F600;</p>'
        "<!-- Itâ€™s a comment --><script>var s = 'Ã©' < 1 && '&Atilde;&copy;';</script>"
        "<pre>It&acirc;&#128;&#153;s</pre></body></html>"
    )
    result = mojifix.repair(document)
    expected = document.replace("<title>caf&Atilde;&copy;</title>", "<title>café</title>").replace(
        "<pre>It&acirc;&#128;&#153;s</pre>", "<pre>It’s</pre>"
    )
    assert result.text == expected
    assert [c.before for c in result.changes] == ["&Atilde;&copy;", "&acirc;&#128;&#153;"]
    assert "HTML character references" in result.changes[0].reason


@pytest.mark.parametrize("lang", LANGUAGES)
def test_html_document_of_real_text(lang: str) -> None:
    """Real paragraphs, every other word mojibaked, all non-ASCII written as references,
    inside markup: the repaired document has the same markup and the clean text."""
    lines = _lines(lang)
    damaged_doc = "<html><body>\n" + "\n".join(
        f'<p class="c{i}"><span>{_to_references(_damaged_words(line))}</span></p>'
        for i, line in enumerate(lines)
    )
    repaired_lines = _plain_repairs([_damaged_words(line) for line in lines])
    assert sum(a == b for a, b in zip(repaired_lines, lines, strict=True)) >= len(lines) - 1
    clean_doc = "<html><body>\n" + "\n".join(
        f'<p class="c{i}"><span>{html.escape(line, quote=False)}</span></p>'
        for i, line in enumerate(repaired_lines)
    )
    assert damaged_doc != clean_doc
    result = mojifix.repair(damaged_doc, format="html")
    markup, text = _structure(result.text)
    clean_markup, clean_text = _structure(clean_doc)
    assert markup == clean_markup
    assert text == clean_text
    assert result.undo() == damaged_doc


@pytest.mark.parametrize("lang", LANGUAGES)
def test_clean_html_is_unchanged(lang: str) -> None:
    lines = _lines(lang)
    for document in (
        "\n".join(f"<li>{_to_references(line)}</li>" for line in lines),
        "\n".join(f"<li>{html.escape(line, quote=False)}</li>" for line in lines),
    ):
        assert mojifix.repair(document, format="html").changes == ()
        assert mojifix.repair(document).changes == ()


# --- JSON -------------------------------------------------------------------------------


def test_json_escapes() -> None:
    damaged = '"It\\u00e2\\u0080\\u0099s"'
    result = mojifix.repair(damaged, format="json")
    assert result.text == '"It\\u2019s"'  # an escaped document stays escaped
    assert json.loads(result.text) == "It’s"
    assert "JSON string escapes" in result.changes[0].reason
    assert mojifix.repair(damaged).text == result.text


@pytest.mark.parametrize("ensure_ascii", [True, False])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_json_document_of_real_text(lang: str, ensure_ascii: bool) -> None:
    lines = _lines(lang)
    clean = [
        {"id": i, "text": line, "tags": ["a\\b", 'q"uote', line[:5]], "ok": True}
        for i, line in enumerate(lines)
    ]
    damaged = [{**record, "text": _damaged_words(record["text"])} for record in clean]  # type: ignore[dict-item]
    document = json.dumps(damaged, ensure_ascii=ensure_ascii, indent=1)
    result = mojifix.repair(document, format="json")
    repaired_lines = _plain_repairs([record["text"] for record in damaged])  # type: ignore[misc]
    assert sum(a == b["text"] for a, b in zip(repaired_lines, clean, strict=True)) >= len(lines) - 1
    parsed = json.loads(result.text)
    assert [{**r, "text": ""} for r in parsed] == [{**r, "text": ""} for r in clean]
    # Each string is what it was, or what mojifix makes of it as plain text (the whole
    # document may give more evidence than one string: then it is clean).
    for got, want, alone in zip(parsed, clean, repaired_lines, strict=True):
        assert got["text"] in (want["text"], alone)
    assert sum(got == want for got, want in zip(parsed, clean, strict=True)) >= len(lines) - 1
    assert result.text.isascii() == ensure_ascii
    assert result.undo() == document
    assert mojifix.repair(document).text == result.text  # "auto" finds JSON


def test_json_lines_keys_and_surrogate_pairs() -> None:
    records = [{"cafÃ©": "Ã©tÃ© 😀"}, {"name": "Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "emoji": "😀", "lone": "\ud800"}]
    document = "\n".join(json.dumps(r) for r in records) + "\n"
    result = mojifix.repair(document)
    repaired = [json.loads(line) for line in result.text.splitlines()]
    assert repaired == [{"café": "été 😀"}, {"name": "привет", "emoji": "😀", "lone": "\ud800"}]


def test_json_outside_strings_is_never_touched() -> None:
    # Damage-like text outside strings is not JSON text: it is left alone.
    document = '{"a": "Ã©"} '
    assert mojifix.repair(document, format="json").text == '{"a": "é"} '
    assert mojifix.repair("[1, 2] Ã©", format="json").text == "[1, 2] Ã©"


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=12,
    ),
    st.booleans(),
)
def test_json_stays_valid(value: object, ensure_ascii: bool) -> None:
    document = json.dumps(value, ensure_ascii=ensure_ascii)
    result = mojifix.repair(document, format="json")
    json.loads(result.text)  # still parses
    assert result.undo() == document


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_html_never_raises_and_undoes(text: str) -> None:
    for fmt in ("html", "json", "auto"):
        result = mojifix.repair(text, format=fmt)
        assert result.undo() == text


# --- choosing the format ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ('{"a": 1}', "json"),
        ('[1, "x"]', "json"),
        ('{"a": 1}\n{"a": 2}\n', "json"),
        ('"It\\u00e2s"', "json"),
        ("{not json}", "text"),
        ("<p>x</p>", "html"),
        ("Tom &amp; Jerry", "html"),
        ("AT&T and a < b > c", "text"),
        ("plain café", "text"),
    ],
)
def test_sniff(text: str, fmt: str) -> None:
    assert sniff(text) == fmt


def test_format_for_path() -> None:
    assert format_for_path("a/b/page.HTML") == "html"
    assert format_for_path("data.jsonl") == "json"
    assert format_for_path("notes.txt") == "auto"
    assert format_for_path("dir.json/README") == "auto"


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        mojifix.repair("Ã©", format="xml")


def test_text_format_reads_escapes_literally() -> None:
    assert mojifix.repair("It&acirc;&#128;&#153;s", format="text").changes == ()
    assert re.fullmatch(r"It.s", mojifix.fix_text("Itâ€™s", format="text"))
