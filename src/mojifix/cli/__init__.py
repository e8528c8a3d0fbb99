"""The ``mojifix`` command line: parses arguments and wires files to the library and reporters.

It decides nothing about text. ``check`` and ``fix`` share one pipeline (walk → jobs →
outcomes → reports); ``undo`` replays a saved report backwards; ``explain`` tells the
story of one string. Heavy modules are imported only when a command needs them, so that
checking one small clean file starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from ._errors import UsageError

if TYPE_CHECKING:
    from ..report import FileReport
    from ._process import Outcome
    from ._settings import Settings

__all__ = ["EXIT_DAMAGE", "EXIT_ERROR", "EXIT_OK", "main"]

EXIT_OK, EXIT_DAMAGE, EXIT_ERROR = 0, 1, 2
FORMATS = ("full", "concise", "json", "sarif", "github")

_DESCRIPTION = """\
Find and repair text-encoding damage (mojibake) such as "Russiaâ€™s" or "Ð¿Ñ€Ð¸Ð²ÐµÑ‚",
explaining every change; every fix can be undone."""

_EPILOG = """\
examples:
  mojifix check                          check every text file under the current directory
  mojifix check docs/ --output-format github   annotations for a GitHub Actions run
  mojifix fix --diff notes.md            show what would change, write nothing
  mojifix fix --report fixes.json docs/  repair in place and keep a record ...
  mojifix undo fixes.json                ... that puts every byte back
  mojifix explain 'Syriaâ€™s'             how the text was damaged, byte by byte
  mojifix batch crawl.jsonl -o fixed.jsonl --field text   a corpus, record by record
  echo 'cafÃ©' | mojifix fix -           '-' reads standard input, writes standard output

exit codes:
  0  clean, or everything was fixed
  1  damage found (check), would change (fix --diff), files changed (fix --exit-non-zero-on-fix),
     or damage left that fix may not repair (not UTF-8 without --convert-to-utf8, low confidence)
  2  usage, configuration or I/O error (other files are still processed)

configuration: [tool.mojifix] in pyproject.toml, or mojifix.toml / .mojifix.toml, found by
searching from the current directory upwards; flags override it. See README.md.
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed usage or help
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        if args.command == "undo":
            from ._undo import undo

            return undo(args.report, dry_run=args.dry_run, quiet=args.quiet)
        if args.command == "explain":
            from ._explain import explain

            return explain(args.text, output_format=args.output_format)
        if args.command == "batch":
            return _run_batch(args)
        return _check_or_fix(args)
    except UsageError as exc:
        print(f"mojifix: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("mojifix: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR


# ----------------------------------------------------------------------------- arguments


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mojifix",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser(
        "check",
        help="report damage in files and directories; change nothing",
        description="Report encoding damage; change nothing. Exit 1 if any is found.",
    )
    _common(check)
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when damage is found")

    fix = sub.add_parser(
        "fix",
        help="repair files in place (atomically), or show a diff",
        description="Repair files in place. Writes are atomic and keep permissions, line endings "
        "and a UTF-8 BOM; files without changes are not touched.",
    )
    _common(fix)
    fix.add_argument(
        "--diff", action="store_true", help="print a unified diff; write nothing (exit 1 if any)"
    )
    fix.add_argument(
        "--report", metavar="FILE", help="save a JSON report of every change (for `mojifix undo`)"
    )
    fix.add_argument(
        "--exit-non-zero-on-fix", action="store_true", help="exit 1 when any file was changed (for hooks)"
    )
    fix.add_argument(
        "--convert-to-utf8",
        action="store_true",
        help="also convert files that are not UTF-8 (encoding detected by charset-normalizer)",
    )

    undo = sub.add_parser(
        "undo",
        help="restore the files a `fix --report` run changed",
        description="Restore, byte for byte, every file changed by `mojifix fix --report REPORT`. "
        "Refuses (and writes nothing) if any of them was modified since.",
    )
    undo.add_argument("report", metavar="REPORT", help="the JSON report written by `fix --report`")
    undo.add_argument("--dry-run", action="store_true", help="say what would be restored; write nothing")
    undo.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")

    batch = sub.add_parser(
        "batch",
        help="repair one text field of every record of a JSON Lines or Parquet corpus",
        description="Repair the FIELD of every record of IN (JSON Lines, or Parquet with pyarrow) and "
        "write the records to OUT in the same order, with a damage summary on stderr. The output "
        "appears only when the whole run succeeded.",
    )
    batch.add_argument("source", metavar="IN", help="a .jsonl or .parquet file; - for JSON Lines on stdin")
    batch.add_argument("-o", "--output", metavar="OUT", default="-", help="where to write (default: stdout)")
    batch.add_argument("--field", default="text", help="the field holding the text (default: text)")
    batch.add_argument("--format", choices=("jsonl", "parquet"), help="default: from IN's extension")
    batch.add_argument("--changed-field", metavar="NAME", help="add a boolean field: was the text changed?")
    batch.add_argument("--report-field", metavar="NAME", help="add each changed record's report (JSON)")
    _selection(batch)
    batch.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: cores)")
    batch.add_argument("--no-progress", action="store_true", help="no progress bar")
    batch.add_argument("-q", "--quiet", action="store_true", help="no summary line")

    explain = sub.add_parser(
        "explain",
        help="explain, step by step, how a string was damaged and how it is repaired",
        description="Explain each change mojifix makes to TEXT (or to standard input): the wrong "
        "decodes, the bytes involved, and how sure it is.",
    )
    explain.add_argument("text", nargs="?", metavar="TEXT", help="the text; - or nothing reads stdin")
    explain.add_argument("--output-format", choices=("full", "json"), default="full", help="default: full")
    return parser


def _common(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or directories (default: .); - for stdin"
    )
    out = cmd.add_argument_group("output")
    out.add_argument("--output-format", choices=FORMATS, default=None, help="default: full")
    out.add_argument("--output-file", metavar="FILE", help="write the report to FILE instead of stdout")
    out.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="default: auto")
    out.add_argument("-v", "--verbose", action="store_true", help="also list skipped files and why")
    out.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    out.add_argument("--no-progress", action="store_true", help="no progress bar")
    sel = cmd.add_argument_group("what to repair (override the config file)")
    _selection(sel)
    sel.add_argument(
        "--format",
        choices=("auto", "text", "html", "json"),
        help="how to read files: html and json repair damage behind character references and "
        "string escapes, never in markup; auto (default) goes by extension (.html, .json, ...), "
        "then by content",
    )
    sel.add_argument(
        "--report-min-confidence", type=float, metavar="P", help="also report, unfixed, changes this sure"
    )
    files = cmd.add_argument_group("files")
    files.add_argument(
        "--exclude", metavar="GLOBS", help="comma-separated globs replacing the default excludes"
    )
    files.add_argument("--extend-exclude", metavar="GLOBS", help="globs to exclude as well")
    files.add_argument(
        "--force-exclude", action="store_true", help="apply excludes to paths named on the command line too"
    )
    files.add_argument("--no-respect-gitignore", action="store_true", help="do not read .gitignore/.ignore")
    files.add_argument("--stdin-filename", metavar="NAME", help="the name to report for standard input")
    files.add_argument(
        "--jobs", "-j", type=int, metavar="N", help="files processed in parallel (default: cores)"
    )
    conf = cmd.add_argument_group("configuration")
    conf.add_argument("--config", metavar="FILE", help="use this config file; no search")
    conf.add_argument("--isolated", action="store_true", help="ignore all config files")


def _selection(group: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """The fixer-selection options that check, fix and batch share."""
    group.add_argument(
        "--select", metavar="FIXERS", help="comma-separated fixers to run instead of the default"
    )
    group.add_argument("--extend-select", metavar="FIXERS", help="fixers to add, e.g. quotes,width")
    group.add_argument("--ignore", metavar="FIXERS", help="fixers to leave out")
    group.add_argument(
        "--min-confidence", type=float, metavar="P", help="fix only changes at least this sure"
    )


def _version() -> str:
    from .. import __version__

    return __version__


def _load_settings(args: argparse.Namespace) -> Settings:
    import pathlib

    from . import _settings

    if args.config and args.isolated:
        raise UsageError("--config and --isolated cannot be used together")
    settings = _settings.load(pathlib.Path(args.config) if args.config else None, isolated=args.isolated)
    flags: dict[str, Any] = {}
    for key in ("select", "extend_select", "ignore", "exclude", "extend_exclude"):
        value = getattr(args, key)
        if value is not None:
            flags[key.replace("_", "-")] = [v.strip() for v in value.split(",") if v.strip()]
    for key in ("min_confidence", "report_min_confidence", "format"):
        if getattr(args, key, None) is not None:
            flags[key.replace("_", "-")] = getattr(args, key)
    if args.force_exclude:
        flags["force-exclude"] = True
    if args.no_respect_gitignore:
        flags["respect-gitignore"] = False
    return _settings.apply(settings, flags, origin="command line")


# ----------------------------------------------------------------------------- batch


def _run_batch(args: argparse.Namespace) -> int:
    from ..config import Config
    from ._batch import batch
    from ._run import default_jobs
    from ._settings import FIXER_NAMES

    def names(value: str | None) -> tuple[str, ...]:
        chosen = tuple(v.strip() for v in (value or "").split(",") if v.strip())
        for name in chosen:
            if name not in FIXER_NAMES:
                raise UsageError(f"unknown fixer {name!r} (known: {', '.join(FIXER_NAMES)})")
        return chosen

    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.min_confidence is not None and not 0 <= args.min_confidence <= 1:
        raise UsageError("--min-confidence must be between 0 and 1")
    config = Config(
        select=names(args.select) if args.select is not None else None,
        extend_select=names(args.extend_select),
        ignore=names(args.ignore),
        min_confidence=args.min_confidence or 0.0,
    )
    return batch(
        args.source,
        args.output,
        field=args.field,
        fmt=args.format,
        changed_field=args.changed_field,
        report_field=args.report_field,
        config=config,
        workers=args.jobs or default_jobs(),
        progress=not (args.no_progress or args.quiet),
        quiet=args.quiet,
    )


# ----------------------------------------------------------------------------- check / fix


def _check_or_fix(args: argparse.Namespace) -> int:
    from ._process import Job
    from ._run import default_jobs, run
    from ._walk import collect

    started = time.perf_counter()
    fixing = args.command == "fix"
    mode = "diff" if fixing and args.diff else args.command
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    settings = _load_settings(args)
    paths = list(args.paths) or ["."]
    use_stdin = "-" in paths
    if use_stdin and fixing and len(paths) > 1:
        raise UsageError("fix: '-' (standard input) cannot be combined with other paths")
    for option in ("output_file", "report"):
        _check_writable(getattr(args, option, None), "--" + option.replace("_", "-"))

    walk = collect([p for p in paths if p != "-"], settings)
    convert = fixing and args.convert_to_utf8
    jobs = [Job(t.path, t.real, t.explicit, mode, settings, convert) for t in walk.targets]
    if use_stdin:
        name = args.stdin_filename or "-"
        jobs.append(Job(name, "-", True, mode, settings, convert, data=sys.stdin.buffer.read()))
    workers = args.jobs or default_jobs()
    outcomes = list(run(jobs, workers, progress=not (args.no_progress or args.quiet)))

    for path, message in walk.errors:
        print(f"mojifix: {path}: {message}", file=sys.stderr)
    for outcome in outcomes:
        if outcome.status == "error" or (outcome.status in ("binary", "skipped") and args.verbose):
            print(f"mojifix: {outcome.path}: {outcome.message}", file=sys.stderr)
    if args.verbose:
        for path, why in walk.skipped:
            print(f"mojifix: {path}: skipped: {why}", file=sys.stderr)

    fmt = args.output_format or "full"
    # Text formats list damage only; the machine formats list every file.
    shown = [o for o in outcomes if fmt not in ("full", "concise") or o.status != "clean"]
    reports = [_file_report(o, settings) for o in shown]
    reports += [_error_report(path, message) for path, message in walk.errors]
    errors = bool(walk.errors) or any(o.status == "error" for o in outcomes)

    if use_stdin and fixing and mode == "fix":
        stdin_outcome = outcomes[-1]
        if stdin_outcome.status != "error":
            data = stdin_outcome.new_data
            if data is None:
                data = jobs[-1].data or b""
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
    if mode == "diff":
        sys.stdout.write("".join(o.diff for o in outcomes))
        sys.stdout.flush()
    else:
        report_stream_is_stdout = not (use_stdin and fixing)
        _emit(args, reports, default_stream=sys.stdout if report_stream_is_stdout else sys.stderr)
    if fixing and args.report:
        _save_report(args.report, outcomes, settings)
    if not args.quiet:
        print(_summary_line(mode, outcomes, time.perf_counter() - started), file=sys.stderr)
    return _exit_code(args, mode, outcomes, errors)


def _check_writable(path: str | None, option: str) -> None:
    if path is None:
        return
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise UsageError(f"{option} {path}: directory {directory} does not exist")
    if os.path.isdir(path):
        raise UsageError(f"{option} {path}: is a directory")
    if not os.access(directory, os.W_OK):
        raise UsageError(f"{option} {path}: cannot write in {directory}")


def _file_report(outcome: Outcome, settings: Settings) -> FileReport:
    from ..report import FileReport

    shown = "<stdin>" if outcome.path == "-" else outcome.path
    meta: dict[str, Any] = {"status": outcome.status, "encoding": outcome.encoding}
    if outcome.segments:
        meta["segments"] = outcome.segments
    if outcome.record:
        meta["undo"] = outcome.record
    notice, level = None, "warning"
    if outcome.status == "error":
        notice, level = outcome.message, "error"
    elif outcome.status in ("not-utf8", "damage", "fixed") and outcome.message:
        notice = outcome.message
    return FileReport(shown, outcome.repair, notice, level, fix_threshold=settings.min_confidence, meta=meta)


def _error_report(path: str, message: str) -> FileReport:
    from ..report import FileReport

    return FileReport(path, None, message, "error", meta={"status": "error"})


def _emit(args: argparse.Namespace, reports: list[FileReport], default_stream: TextIO) -> None:
    fmt = args.output_format or "full"
    visible = reports
    if fmt in ("full", "concise"):
        # errors were already printed on stderr, one line each; clean files say nothing
        visible = [r for r in reports if r.level != "error" and (r.changes or r.notice)]
        if not visible and not args.output_file:
            return
    from .. import report as emit

    if fmt == "full":
        color = _use_color(args.color, None if args.output_file else default_stream)
        text = emit.format_full(visible, color=color)
    elif fmt == "concise":
        text = emit.format_concise(visible)
    elif fmt == "json":
        text = emit.format_json(visible)
    elif fmt == "sarif":
        text = emit.format_sarif(visible)
    else:
        text = emit.format_github(visible)
    if args.output_file:
        try:
            with open(args.output_file, "w", encoding="utf-8") as stream:
                stream.write(text)
        except OSError as exc:
            raise UsageError(f"--output-file {args.output_file}: {exc.strerror or exc}") from None
    elif text:
        default_stream.write(text)
        default_stream.flush()


def _use_color(choice: str, stream: TextIO | None) -> bool:
    if choice != "auto":
        return choice == "always"
    if stream is None or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def _save_report(path: str, outcomes: list[Outcome], settings: Settings) -> None:
    import json

    from ..report import report_document

    changed = [o for o in outcomes if o.record or o.status in ("not-utf8", "error")]
    doc = report_document(_file_report(o, settings) for o in changed)
    doc["cwd"] = os.getcwd()
    try:
        with open(path, "w", encoding="utf-8") as stream:
            json.dump(doc, stream, ensure_ascii=False, indent=2)
            stream.write("\n")
    except OSError as exc:
        raise UsageError(f"--report {path}: {exc.strerror or exc}") from None


def _summary_line(mode: str, outcomes: list[Outcome], seconds: float) -> str:
    checked = sum(1 for o in outcomes if o.status not in ("binary", "skipped", "error"))
    changes = sum(len(o.repair.changes) for o in outcomes if o.repair is not None)
    damaged = sum(1 for o in outcomes if o.status in ("damage", "fixed", "not-utf8"))
    files = "file" if checked == 1 else "files"
    if mode == "fix":
        fixed = [o for o in outcomes if o.status == "fixed"]
        applied = sum(len(o.applied.changes) for o in fixed if o.applied is not None)
        left = damaged - len(fixed)
        tail = f", {left} left with damage" if left else ""
        return (
            f"mojifix: {checked} {files} checked, {len(fixed)} fixed ({_n(applied, 'change')}){tail}, "
            f"{seconds:.2f} s"
        )
    if mode == "diff":
        would = sum(1 for o in outcomes if o.new_data is not None)
        return f"mojifix: {checked} {files} checked, {would} would change, {seconds:.2f} s"
    return (
        f"mojifix: {checked} {files} checked, {damaged} with damage, {_n(changes, 'change')}, {seconds:.2f} s"
    )


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _exit_code(args: argparse.Namespace, mode: str, outcomes: list[Outcome], errors: bool) -> int:
    if errors:
        return EXIT_ERROR
    if mode == "check":
        damaged = any(o.status in ("damage", "not-utf8") for o in outcomes)
        return EXIT_DAMAGE if damaged and not args.exit_zero else EXIT_OK
    if mode == "diff":
        return EXIT_DAMAGE if any(o.new_data is not None for o in outcomes) else EXIT_OK
    left = any(
        o.status == "not-utf8"
        or o.unrepairable
        or (o.repair is not None and o.applied is not None and len(o.repair.changes) > len(o.applied.changes))
        for o in outcomes
    )
    changed = any(o.status == "fixed" for o in outcomes)
    return EXIT_DAMAGE if left or (changed and args.exit_non_zero_on_fix) else EXIT_OK
