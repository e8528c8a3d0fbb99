"""Damage inside escapes: HTML character references and JSON string escapes.

``It&acirc;&#128;&#153;s`` and ``"It\\u00e2\\u0080\\u0099s"`` are the same mojibake as
``Itâ€™s``, hidden behind a layer of escaping. The document is read into a *view*: the
text a reader would see (references and escapes decoded, markup and everything outside
JSON strings replaced by a line break, which no fixer ever changes). The ordinary pipeline
repairs the view; each change is then mapped back onto the escapes it covers and written
in the document's own syntax, so markup, legitimate entities and other escapes are never
touched, and the result is still valid HTML / JSON.

Formats: ``"text"`` (no escapes), ``"html"``, ``"json"`` (also JSON Lines), and
``"auto"``, which picks one from the content (:func:`sniff`).
"""

from __future__ import annotations

import bisect
import html
import json
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from .model import Repair

__all__ = ["FORMATS", "format_for_path", "repair_format", "sniff"]

#: The accepted values of ``format``.
FORMATS = ("auto", "text", "html", "json")

#: What stands in the view for markup and for everything outside JSON strings.
_LOCKED = "\n"

# Markup that is never looked into: comments, script and style elements, CDATA, tags
# (with their attributes), doctypes and processing instructions.
_HTML_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|</?[A-Za-z][^>]*>|<![A-Za-z][^>]*>|<\?.*?(?:\?>|\Z)"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",
    re.DOTALL | re.IGNORECASE,
)
# What makes text HTML for "auto": a character reference, a closing tag, a comment or
# doctype, or a common element. "<Enter>" or "<file name>" in plain text is not enough.
_HTML_HINT = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    r"|</[A-Za-z][\w:-]*\s*>|<!--|<!doctype"
    r"|<(?:a|b|i|p|br|hr|img|div|span|html|body|head|meta|link|table|tr|td|li|ul|ol|h[1-6])\b[^<>]*>",
    re.IGNORECASE,
)
_JSON_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"', re.DOTALL)
_JSON_ESCAPE = re.compile(r'\\(?:u[0-9A-Fa-f]{4}|["\\/bfnrt])')
_JSON_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_JSON_WRITE = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}

_HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml", ".xml", ".svg", ".rss", ".atom"})
_JSON_EXTENSIONS = frozenset({".json", ".jsonl", ".ndjson", ".geojson", ".webmanifest"})


def sniff(text: str) -> str:
    """The format of ``text``: ``"json"`` for a JSON document or JSON Lines, ``"html"``
    for text with markup or character references, else ``"text"``."""
    if _is_json(text):
        return "json"
    if _has_html_hint(text):
        return "html"
    return "text"


#: Ampersands and angle brackets looked at one by one before one regex scan takes over:
#: this many, and one more per this many characters of text (each look costs about what
#: the regex pays to step over a thousand characters).
_HINT_TRIES = 64
_HINT_TRIES_PER = 1000


def _has_html_hint(text: str) -> bool:
    """Whether :data:`_HTML_HINT` matches somewhere in ``text``. Prose has few ``&`` and
    ``<``: finding them with ``str.find`` skips the rest in C, faster than the regex."""
    tries = _HINT_TRIES + len(text) // _HINT_TRIES_PER
    for mark in "&<":
        at = text.find(mark)
        while at >= 0:
            if _HTML_HINT.match(text, at):
                return True
            tries -= 1
            if not tries:
                return _HTML_HINT.search(text) is not None
            at = text.find(mark, at + 1)
    return False


def format_for_path(path: str) -> str:
    """The format a file's extension implies, ``"auto"`` when it implies none."""
    dot = path.rfind(".")
    extension = path[dot:].lower() if dot > max(path.rfind("/"), path.rfind("\\")) else ""
    if extension in _HTML_EXTENSIONS:
        return "html"
    if extension in _JSON_EXTENSIONS:
        return "json"
    return "auto"


_FIRST = re.compile(r"\S")


def _is_json(text: str) -> bool:
    first = _FIRST.search(text)
    if first is None or text[first.start()] not in '{["':
        return False  # the common case, decided without copying the text
    stripped = text.strip()
    if stripped[0] + stripped[-1] not in ("{}", "[]", '""', "[}", "{]"):
        return False
    try:
        json.loads(stripped)
        return True
    except ValueError:
        pass
    lines = [line for line in stripped.splitlines() if line.strip()]
    try:
        for line in lines:
            json.loads(line)
    except ValueError:
        return False
    return len(lines) > 1


class _Piece(NamedTuple):
    """A run of the view and the source text it stands for."""

    view: int  # start in the view
    source: int  # start in the source
    source_end: int
    kind: int  # _PLAIN (one view character per source character), _ESCAPE or _MARKUP


_PLAIN, _ESCAPE, _MARKUP = 0, 1, 2


class _View:
    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[str] = []
        self.pieces: list[_Piece] = []
        self.size = 0
        self._starts: list[int] | None = None

    def add(self, start: int, end: int, kind: int, shown: str) -> None:
        if start >= end:
            return
        self.pieces.append(_Piece(self.size, start, end, kind))
        self.parts.append(shown)
        self.size += len(shown)

    def text(self) -> str:
        return "".join(self.parts)

    def span(self, start: int, end: int) -> tuple[int, int, bool] | None:
        """The source span of view ``start:end``, whether it holds an escape, or None if
        it touches markup or cuts an escape in two."""
        if self._starts is None:
            self._starts = [p.view for p in self.pieces]
        starts = self._starts
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_right(starts, end - 1) - 1
        escaped = False
        for piece in self.pieces[first : last + 1]:
            if piece.kind == _MARKUP:
                return None
            escaped = escaped or piece.kind == _ESCAPE
        a, b = self._to_source(first, start), self._to_source(last, end)
        if a is None or b is None:
            return None
        return a, b, escaped

    def _to_source(self, index: int, offset: int) -> int | None:
        piece = self.pieces[index]
        if piece.kind == _PLAIN:
            return piece.source + offset - piece.view
        if offset == piece.view:
            return piece.source
        following = self.pieces[index + 1].view if index + 1 < len(self.pieces) else self.size
        return piece.source_end if offset == following else None


def _html_tokens(text: str) -> Iterator[re.Match[str]]:
    """The matches of :data:`_HTML_TOKEN`, as ``finditer`` finds them. Every token starts
    with ``<`` or ``&``: ``str.find`` skips to those in C several times faster than the
    regex engine steps over the text between them, and each is tried once."""
    pos = 0
    less, amp = text.find("<"), text.find("&")
    while True:
        if less < pos and less >= 0:
            less = text.find("<", pos)
        if amp < pos and amp >= 0:
            amp = text.find("&", pos)
        at = min(less, amp) if less >= 0 and amp >= 0 else max(less, amp)
        if at < 0:
            return
        match = _HTML_TOKEN.match(text, at)
        if match is None:
            pos = at + 1
        else:
            yield match
            pos = match.end()


def _html_view(text: str) -> _View:
    view = _View(text)
    pos = 0
    for match in _html_tokens(text):
        start, end = match.span()
        view.add(pos, start, _PLAIN, text[pos:start])
        token = match.group()
        if token[0] == "&":
            decoded = html.unescape(token)
            if decoded != token and len(decoded) == 1:
                view.add(start, end, _ESCAPE, decoded)
            else:
                view.add(start, end, _PLAIN, token)
        else:
            view.add(start, end, _MARKUP, _LOCKED)
        pos = end
    view.add(pos, len(text), _PLAIN, text[pos:])
    return view


def _json_view(text: str) -> _View:
    view = _View(text)
    pos = 0
    for match in _JSON_STRING.finditer(text):
        start, end = match.span()
        view.add(pos, start + 1, _MARKUP, _LOCKED)  # up to and including the opening quote
        inner = start + 1
        body_end = end - 1
        escape = _JSON_ESCAPE.search(text, inner, body_end)
        while escape is not None:
            a, b = escape.span()
            view.add(inner, a, _PLAIN, text[inner:a])
            token = escape.group()
            if token[1] == "u":
                char = chr(int(token[2:], 16))
                follow = _JSON_ESCAPE.match(text, b, body_end)
                if "\ud800" <= char <= "\udbff" and follow and follow.group()[1] == "u":
                    low = chr(int(follow.group()[2:], 16))
                    if "\udc00" <= low <= "\udfff":
                        pair = (char + low).encode("utf-16-le", "surrogatepass").decode("utf-16-le")
                        b = follow.end()
                        char = pair
            else:
                char = _JSON_SIMPLE[token[1]]
            view.add(a, b, _ESCAPE, char)
            inner = b
            escape = _JSON_ESCAPE.search(text, inner, body_end)
        view.add(inner, body_end, _PLAIN, text[inner:body_end])
        pos = body_end
    view.add(pos, len(text), _MARKUP, _LOCKED)
    return view


def _write_html(after: str, escaped: bool) -> str:
    return html.escape(after, quote=False)


def _write_json(after: str, escaped: bool) -> str:
    out = []
    for char in after:
        if char in _JSON_WRITE:
            out.append(_JSON_WRITE[char])
        elif char < " " or (escaped and char > "\x7e"):
            # Keep an escaped document escaped (e.g. written with ensure_ascii).
            for unit in char.encode("utf-16-be", "surrogatepass").hex(" ", 2).split():
                out.append(f"\\u{unit}")
        else:
            out.append(char)
    return "".join(out)


_SYNTAX = {
    "html": (_html_view, _write_html, "HTML character references"),
    "json": (_json_view, _write_json, "JSON string escapes"),
}


def repair_format(text: str, fmt: str, run: Callable[[str], Repair]) -> Repair:
    """Repair ``text`` read as ``fmt`` (``"html"`` or ``"json"``); ``run`` repairs plain text."""
    build, write, where = _SYNTAX[fmt]
    view = build(text)
    inner = run(view.text())
    if not inner.changes:
        return Repair(text, text, ())
    from .pipeline import _changes  # the same bookkeeping as plain-text repairs

    edits = []
    for change in inner.changes:
        span = view.span(change.start, change.end)
        if span is None:
            continue  # the change would touch markup or split an escape: never
        start, end, escaped = span
        after = write(change.after, escaped)
        if text[start:end] == after:
            continue
        reason = f"{change.reason} (inside {where})" if escaped else change.reason
        edits.append((start, end, after, change, reason))
    return _changes(text, edits)
