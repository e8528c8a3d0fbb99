"""``mojifix explain TEXT``: the story of each change, for people learning why text breaks.

For every change: what it was and what it becomes, the wrong decodes one after the other,
the bytes involved, and how sure mojifix is.
"""

from __future__ import annotations

import codecs
import json
import sys

from ._errors import UsageError

_DISPLAY = {"utf-8": "UTF-8", "latin-1": "Latin-1", "iso-8859-1": "Latin-1", "mac-roman": "Mac Roman"}


def explain(text: str | None, *, output_format: str = "full") -> int:
    if text is None or text == "-":
        if text is None and sys.stdin.isatty():
            raise UsageError("explain: give the text as an argument, or pipe it in (`-` reads stdin)")
        data = sys.stdin.buffer.read()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UsageError(
                f"explain: standard input is not valid UTF-8 (byte 0x{data[exc.start]:02x})"
            ) from None
        text = text[:-1] if text.endswith("\n") and text.count("\n") == 1 else text
    from ..pipeline import repair

    result = repair(text)
    if output_format == "json":
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return 0
    unrepairable = "" if result.changes else _unrepairable(text)
    if unrepairable:
        sys.stdout.write("Nothing here that mojifix can repair; the text is unchanged.\n" + unrepairable)
    else:
        sys.stdout.write(account(result))
    return 0


def _unrepairable(text: str) -> str:
    """The spans of ``text`` that look damaged but that no fixer can repair, if any."""
    from ..pipeline import detect
    from ..report import escape

    found = [f for f in detect(text).findings if not f.repairable]
    if not found:
        return ""
    many = len(found) != 1
    lines = [f"{len(found)} span{'s' if many else ''} look{'' if many else 's'} damaged all the same:\n"]
    lines += [f"  {escape(f.text)}   (line {f.line}, column {f.column})\n" for f in found]
    return "".join(lines)


def account(result: object) -> str:
    """The readable account of a :class:`~mojifix.Repair`."""
    from ..model import Repair
    from ..report import escape

    assert isinstance(result, Repair)
    if not result.changes:
        return "No encoding damage found; the text is unchanged.\n"
    out: list[str] = []
    count = len(result.changes)
    out.append(f"{count} change{'s' if count != 1 else ''}:\n")
    for number, change in enumerate(result.changes, start=1):
        out.append(
            f"\n{number}. {escape(change.before)} → {escape(change.after)}"
            f"   (line {change.line}, column {change.column})\n"
        )
        out.append(f"   why:        {change.reason}\n")
        layers = change.damage.layers
        if layers:
            out.extend(_steps(change.after, change.before, layers))
        sure = "lossless" if change.lossless else "some bytes were lost: the most plausible reading"
        out.append(f"   confidence: {change.confidence:.2f} ({sure})\n")
    shown = escape(result.text) if len(result.text) <= 400 else escape(result.text[:400]) + "…"
    out.append(f"\nrepaired text:\n  {shown}\n")
    return "".join(out)


def _steps(after: str, before: str, layers: tuple[object, ...]) -> list[str]:
    """One line per wrong decode: the bytes and what they were read as."""
    from ..model import Layer

    lines: list[str] = []
    current = after
    for step, layer in enumerate(layers, start=1):
        assert isinstance(layer, Layer)
        label = "damage:" if len(layers) == 1 else f"layer {step}:"
        try:
            data = current.encode(layer.encoding)
        except (UnicodeEncodeError, LookupError):
            lines.append(f"   {label:<11} {layer}\n")
            continue
        hexes = " ".join(f"{b:02X}" for b in data[:24]) + (" …" if len(data) > 24 else "")
        read_as = _read_as(data, layer.decoded_as, before if step == len(layers) else None)
        holes = f", undefined bytes filled from {layer.holes}" if layer.holes else ""
        lines.append(
            f"   {label:<11} {_name(layer.encoding)} bytes {hexes} read as {_name(layer.decoded_as)}{holes}"
            f" → {read_as}\n"
        )
        current = read_as
    return lines


def _read_as(data: bytes, encoding: str, final: str | None) -> str:
    """The bytes as the wrong code page shows them (the damaged text itself at the last step)."""
    from ..report import escape

    if final is not None:
        return escape(final)
    try:
        codecs.lookup(encoding)
    except LookupError:
        return "?"
    chars = []
    for byte in data:  # holes in the code page are shown as the usual fills
        for codec in (encoding, "windows-1252", "latin-1"):
            try:
                chars.append(bytes([byte]).decode(codec))
                break
            except UnicodeDecodeError:
                continue
    return escape("".join(chars))


def _name(encoding: str) -> str:
    if encoding in _DISPLAY:
        return _DISPLAY[encoding]
    if encoding.startswith("windows-"):
        return "Windows-" + encoding.split("-", 1)[1]
    return encoding.upper() if encoding.startswith(("iso", "koi", "cp")) else encoding
