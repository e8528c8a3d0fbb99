"""The ``mojifix`` command line: wires files to the library and the reporters.

Minimal for now: ``fix`` (repaired text to stdout), ``explain`` (one line per change) and
``check`` (exit 1 when damage is found). Heavy imports happen inside the commands so that
start-up stays fast.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
from collections.abc import Sequence

EXIT_OK, EXIT_DAMAGE, EXIT_ERROR = 0, 1, 2

_EPILOG = """\
examples:
  mojifix fix article.txt > fixed.txt     repaired text on stdout
  mojifix explain article.txt              every change: where, before → after, why
  mojifix check notes.md                   exit 1 if damage is found (for CI)
  echo 'cafÃ©' | mojifix fix -             '-' reads standard input

exit codes: 0 clean / success, 1 damage found (check), 2 usage or I/O error
"""


class _UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mojifix",
        description="Find and repair text-encoding damage (mojibake), explaining every change.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in (
        ("fix", "write the repaired text of FILE to standard output"),
        ("explain", "list every change mojifix would make to FILE"),
        ("check", "report damage in FILEs; exit 1 if any is found"),
    ):
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        nargs = "+" if name == "check" else None
        cmd.add_argument("files", nargs=nargs, metavar="FILE", help="a UTF-8 text file, or - for stdin")
        if name != "fix":
            cmd.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    return parser


def _version() -> str:
    from . import __version__

    return __version__


def _read(path: str) -> str:
    try:
        data = sys.stdin.buffer.read() if path == "-" else pathlib.Path(path).read_bytes()
    except FileNotFoundError:
        raise _UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise _UsageError(f"{path}: is a directory") from None
    except PermissionError:
        raise _UsageError(f"{path}: permission denied") from None
    except OSError as exc:
        raise _UsageError(f"{path}: {exc.strerror or exc}") from None
    if b"\x00" in data[:8192]:
        raise _UsageError(f"{path}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as exc:
        raise _UsageError(
            f"{path}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "mojifix repairs text that was decoded wrongly, not undecoded bytes"
        ) from None


def _write(text: str) -> None:
    sys.stdout.buffer.write(text.encode("utf-8", "surrogateescape"))
    sys.stdout.buffer.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    from .pipeline import repair
    from .report import format_changes, report_json

    try:
        if args.command == "fix":
            result = repair(_read(args.files))
            _write(result.text)
            return EXIT_OK
        paths = [args.files] if args.command == "explain" else list(args.files)
        results = {path: repair(_read(path)) for path in paths}
    except _UsageError as exc:
        print(f"mojifix: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    if args.format == "json":
        _write(report_json(results) + "\n")
    else:
        out = "".join(format_changes(r.changes, "<stdin>" if p == "-" else p) for p, r in results.items())
        if args.command == "check":
            count = sum(len(r.changes) for r in results.values())
            damaged = sum(1 for r in results.values() if r.changes)
            out += f"{len(results)} file(s) checked, {damaged} with damage, {count} change(s) proposed\n"
        _write(out)
    if args.command == "check":
        return EXIT_DAMAGE if any(r.changes for r in results.values()) else EXIT_OK
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
