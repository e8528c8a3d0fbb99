"""The command line, in-process through main(argv): commands, output formats, exit codes."""

from __future__ import annotations

import io
import json
import os
import pathlib
import shutil

import pytest
from cli_helpers import CLEAN, DAMAGED, DAMAGED_FIXED, SEED, SEED_REPAIRED, run, snapshot, write

from mojifix.cli import main

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def tree(tmp_path: pathlib.Path) -> pathlib.Path:
    write(tmp_path / "damaged.txt", DAMAGED)
    write(tmp_path / "clean.md", CLEAN)
    write(tmp_path / "sub" / "seed.txt", SEED.read_bytes())
    return tmp_path


# ---------------------------------------------------------------------------- check


def test_check_reports_and_changes_nothing(tree: pathlib.Path, capsys: Capture) -> None:
    before = snapshot(tree)
    assert run(["check", str(tree)]) == 1
    out, err = capsys.readouterr()
    assert snapshot(tree) == before
    assert f"{tree / 'damaged.txt'}:1:7: Ã© → é  UTF-8 bytes decoded as Windows-1252 (1.00)" in out
    assert "    | Le cafÃ© de la gare" in out  # the context line
    assert out.count("→") == 4 + 6
    assert "clean.md" not in out
    assert err.startswith("mojifix: 3 files checked, 2 with damage, 10 changes, ")


def test_check_clean_exits_zero(tmp_path: pathlib.Path, capsys: Capture) -> None:
    write(tmp_path / "clean.txt", CLEAN)
    assert run(["check", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "1 file checked, 0 with damage, 0 changes" in err


def test_check_exit_zero(tree: pathlib.Path) -> None:
    assert run(["check", "--exit-zero", str(tree)]) == 0


def test_check_defaults_to_the_current_directory(
    tree: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.chdir(tree)
    assert run(["check", "--output-format", "concise"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "damaged.txt:1:7: Ã© → é"
    assert out[-1].startswith("sub/seed.txt:27:187: ")


def test_quiet_drops_the_summary(tree: pathlib.Path, capsys: Capture) -> None:
    assert run(["check", "-q", str(tree / "clean.md")]) == 0
    assert capsys.readouterr().err == ""


def test_check_stdin(monkeypatch: pytest.MonkeyPatch, capsys: Capture) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(DAMAGED)))
    assert run(["check", "-", "--stdin-filename", "menu.txt", "--output-format", "concise"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == "menu.txt:1:7: Ã© → é"


def test_invisible_characters_are_escaped(tmp_path: pathlib.Path, capsys: Capture) -> None:
    # a no-break space and a C1 control: both must be visible in the report
    write(tmp_path / "a.txt", "Price:\u00a0100\u00c2\u00a0€ and \x93quoted\x94 text.\n".encode())
    assert run(["check", str(tmp_path / "a.txt")]) == 1
    out = capsys.readouterr().out
    assert "\\x93 → “" in out and "\\x94 → ”" in out
    assert "\x93" not in out and "\u00a0" not in out


# ---------------------------------------------------------------------------- formats


def test_json_format(tree: pathlib.Path, capsys: Capture) -> None:
    assert run(["check", "--output-format", "json", str(tree)]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "mojifix.report" and doc["version"] == 1
    assert doc["summary"] == {"files": 3, "files_with_damage": 2, "changes": 10, "errors": 0}
    assert doc["files"][str(tree / "clean.md")] == {
        "schema": "mojifix.repair",
        "version": 1,
        "changes": [],
        "status": "clean",
        "encoding": "utf-8",
    }
    entry = doc["files"][str(tree / "damaged.txt")]
    assert entry["status"] == "damage"
    assert [c["after"] for c in entry["changes"]] == ["é", "ù", "’", "î"]
    assert all(c["fixed"] for c in entry["changes"])


def test_github_format(tree: pathlib.Path, capsys: Capture) -> None:
    assert run(["check", "--output-format", "github", str(tree / "damaged.txt")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert lines[0] == (
        f"::warning file={tree / 'damaged.txt'},line=1,col=7,endLine=1,endColumn=9,"
        "title=mojifix (mojibake)::Ã© → é  UTF-8 bytes decoded as Windows-1252 (1.00)"
    )


def test_output_file(tree: pathlib.Path, tmp_path_factory: pytest.TempPathFactory, capsys: Capture) -> None:
    target = tmp_path_factory.mktemp("out") / "report.sarif"
    assert run(["check", "--output-format", "sarif", "--output-file", str(target), str(tree)]) == 1
    assert capsys.readouterr().out == ""
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["version"] == "2.1.0" and len(doc["runs"][0]["results"]) == 10


def test_output_file_in_a_missing_directory_is_refused_before_any_work(
    tree: pathlib.Path, capsys: Capture
) -> None:
    before = snapshot(tree)
    assert run(["fix", "--output-file", str(tree / "nope" / "r.txt"), str(tree)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert snapshot(tree) == before


@pytest.mark.parametrize(("flag", "coloured"), [("always", True), ("never", False), ("auto", False)])
def test_color(tree: pathlib.Path, capsys: Capture, flag: str, coloured: bool) -> None:
    run(["check", "--color", flag, str(tree / "damaged.txt")])
    assert ("\x1b[" in capsys.readouterr().out) is coloured


def test_no_color_is_respected(tree: pathlib.Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    run(["check", str(tree / "damaged.txt")])
    assert "\x1b[" not in capsys.readouterr().out
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    run(["check", str(tree / "damaged.txt")])
    assert "\x1b[31mÃ©\x1b[0m" in capsys.readouterr().out


# ---------------------------------------------------------------------------- fix


def test_fix_in_place(tree: pathlib.Path, capsys: Capture) -> None:
    clean = tree / "clean.md"
    mtime = clean.stat().st_mtime_ns
    assert run(["fix", str(tree)]) == 0
    assert (tree / "damaged.txt").read_bytes() == DAMAGED_FIXED
    assert (tree / "sub" / "seed.txt").read_bytes() == SEED_REPAIRED
    assert clean.read_bytes() == CLEAN and clean.stat().st_mtime_ns == mtime
    out, err = capsys.readouterr()
    assert out.count("→") == 10
    assert "3 files checked, 2 fixed (10 changes)" in err
    assert run(["check", str(tree)]) == 0


def test_fix_keeps_crlf_bom_and_permissions(tmp_path: pathlib.Path) -> None:
    target = write(tmp_path / "win.txt", b"\xef\xbb\xbf" + DAMAGED.replace(b"\n", b"\r\n") * 3)
    os.chmod(target, 0o640)
    assert run(["fix", str(target)]) == 0
    assert target.read_bytes() == b"\xef\xbb\xbf" + DAMAGED_FIXED.replace(b"\n", b"\r\n") * 3
    assert target.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["win.txt"]  # no temporary file left


def test_fix_exit_non_zero_on_fix(tree: pathlib.Path) -> None:
    assert run(["fix", "--exit-non-zero-on-fix", str(tree)]) == 1
    assert run(["fix", "--exit-non-zero-on-fix", str(tree)]) == 0  # nothing left to fix


def test_fix_diff_writes_nothing(tree: pathlib.Path, capsys: Capture) -> None:
    before = snapshot(tree)
    assert run(["fix", "--diff", str(tree / "damaged.txt"), str(tree / "clean.md")]) == 1
    out = capsys.readouterr().out
    assert snapshot(tree) == before
    name = tree / "damaged.txt"
    assert out == (f"--- a/{name}\n+++ b/{name}\n@@ -1 +1 @@\n-{DAMAGED.decode()}+{DAMAGED_FIXED.decode()}")
    assert run(["fix", "--diff", str(tree / "clean.md")]) == 0


def test_fix_stdin_to_stdout(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes())))
    assert run(["fix", "-"]) == 0
    out, err = capsysbinary.readouterr()
    assert out == SEED_REPAIRED
    assert "โ€” → —" in err.decode()  # the account goes to stderr, never into the text


def test_fix_stdin_cannot_mix_with_paths(tree: pathlib.Path, capsys: Capture) -> None:
    assert run(["fix", "-", str(tree)]) == 2
    assert "cannot be combined" in capsys.readouterr().err


def test_fix_report_and_undo(tree: pathlib.Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    report = tmp_path_factory.mktemp("r") / "r.json"
    before = snapshot(tree)
    assert run(["fix", "--report", str(report), str(tree)]) == 0
    doc = json.loads(report.read_text(encoding="utf-8"))
    assert {pathlib.Path(p).name for p in doc["files"]} == {"damaged.txt", "seed.txt"}
    assert all(e["undo"]["written"] for e in doc["files"].values())
    assert run(["undo", "--dry-run", str(report)]) == 0
    assert snapshot(tree) != before
    assert run(["undo", str(report)]) == 0
    assert snapshot(tree) == before


def test_undo_refuses_when_a_file_changed_since(
    tree: pathlib.Path, tmp_path_factory: pytest.TempPathFactory, capsys: Capture
) -> None:
    report = tmp_path_factory.mktemp("r") / "r.json"
    assert run(["fix", "--report", str(report), str(tree)]) == 0
    edited = tree / "damaged.txt"
    edited.write_bytes(edited.read_bytes() + b"an edit\n")
    after_edit = snapshot(tree)
    assert run(["undo", str(report)]) == 2
    err = capsys.readouterr().err
    assert "damaged.txt: changed since `mojifix fix` wrote it" in err
    assert "no file was written" in err
    assert snapshot(tree) == after_edit  # not even the untouched seed was restored


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such report"),
        ("{not json", "invalid JSON"),
        ('{"schema": "something else"}', "not a mojifix report"),
        ('{"schema": "mojifix.report", "version": 7, "files": {}}', "unsupported report version"),
        ('{"schema": "mojifix.report", "version": 1, "files": []}', "'files' must be an object"),
        ('{"schema": "mojifix.report", "version": 1, "files": {"a": {"undo": {"x": 1}}}}', "lacks undo"),
    ],
)
def test_undo_malformed_report_is_one_line(
    tmp_path: pathlib.Path, capsys: Capture, content: str | None, message: str
) -> None:
    report = tmp_path / "r.json"
    if content is not None:
        report.write_text(content, encoding="utf-8")
    assert main(["undo", str(report)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


# ---------------------------------------------------------------------------- selection


def test_min_confidence_and_report_min_confidence(tmp_path: pathlib.Path, capsys: Capture) -> None:
    target = write(tmp_path / "seed.txt", SEED.read_bytes())
    # The seed's em dashes are repaired at 0.985 (two) and 0.999, its apostrophes at 0.999
    # and 1.00.
    assert run(["check", "--min-confidence", "0.99", str(target)]) == 1
    assert capsys.readouterr().out.count("→") == 4
    assert run(["fix", "--min-confidence", "0.99", "--report-min-confidence", "0.5", str(target)]) == 1
    out = capsys.readouterr().out
    assert out.count("below min-confidence: not fixed") == 2
    text = target.read_text(encoding="utf-8")
    assert "Russia’s" in text and "record โ€” including" in text


def test_select_and_ignore(tmp_path: pathlib.Path, capsys: Capture) -> None:
    target = write(tmp_path / "a.txt", "“Curly” quotes and cafÃ©.\n".encode())
    assert run(["fix", "--extend-select", "quotes", str(target)]) == 0
    assert target.read_bytes() == b'"Curly" quotes and caf\xc3\xa9.\n'
    write(target, "cafÃ© \x93x\x94\n".encode())
    assert run(["fix", "--ignore", "mojibake", str(target)]) == 1 - 1
    assert target.read_text(encoding="utf-8") == "cafÃ© “x”\n"
    write(target, "cafÃ© \x93x\x94\n".encode())
    assert run(["fix", "--select", "mojibake", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == "café \x93x\x94\n"


def test_unknown_fixer_is_a_usage_error(tmp_path: pathlib.Path, capsys: Capture) -> None:
    assert run(["check", "--select", "mojibak", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "unknown fixer 'mojibak'" in err and err.count("\n") == 1


def test_jobs(tmp_path: pathlib.Path, capsys: Capture) -> None:
    for i in range(24):
        write(tmp_path / f"f{i:02}.txt", DAMAGED if i % 3 else CLEAN)
    assert run(["check", "--output-format", "concise", "--jobs", "1", str(tmp_path)]) == 1
    serial = capsys.readouterr().out
    assert run(["check", "--output-format", "concise", "--jobs", "2", str(tmp_path)]) == 1
    assert capsys.readouterr().out == serial  # same order, whatever the number of workers
    assert run(["fix", "-j", "2", str(tmp_path)]) == 0
    assert all(p.read_bytes() in (DAMAGED_FIXED, CLEAN) for p in tmp_path.iterdir())
    assert run(["check", "--jobs", "0", str(tmp_path)]) == 2


# ---------------------------------------------------------------------------- non-UTF-8 files


def test_non_utf8_is_reported_not_rewritten(tmp_path: pathlib.Path, capsys: Capture) -> None:
    text = "Le café de la gare, où l’on dîne « souvent ». Ça coûte très cher, hélas.\n" * 4
    target = write(tmp_path / "legacy.txt", text.encode("cp1252"))
    assert run(["check", str(target)]) == 1
    assert "not valid UTF-8; looks like cp1252" in capsys.readouterr().out
    assert run(["fix", str(target)]) == 1
    assert target.read_bytes() == text.encode("cp1252")
    report = tmp_path / "r.json"
    assert run(["fix", "--convert-to-utf8", "--report", str(report), str(target)]) == 0
    assert target.read_text(encoding="utf-8") == text
    assert run(["undo", str(report)]) == 0
    assert target.read_bytes() == text.encode("cp1252")


def test_check_reports_controls_no_fixer_can_repair(tmp_path: pathlib.Path, capsys: Capture) -> None:
    # UTF-8 read as Latin-1 with bytes lost: no fixer repairs it, the check still fails.
    write(tmp_path / "lost.txt", "Title\npre-season friendly \u00e2\x80\u00e2\x80\x9c live!\n".encode())
    write(tmp_path / "ignored.txt", "x \u00e2\x80\u00e2\x80\x9c y  # mojifix: ignore\n".encode())
    assert run(["check", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    lost = tmp_path / "lost.txt"
    assert f"{lost}: 3 C1 control characters (first on line 2) that no fixer can repair" in out
    assert "ignored.txt" not in out
    assert "2 files checked, 1 with damage, 0 changes" in err
    assert run(["check", "--ignore", "c1-controls", str(tmp_path)]) == 0


# ---------------------------------------------------------------------------- explain


def test_explain_text(capsys: Capture) -> None:
    assert main(["explain", "IÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢m in Syriaโ€™s"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 changes:\n\n1. ÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢ → ’   (line 1, column 2)\n")
    assert "layer 1:    UTF-8 bytes E2 80 99 read as Windows-1252 → â€™" in out
    assert "layer 2:    UTF-8 bytes C3 A2 E2 82 AC E2 84 A2 read as Windows-1252" in out
    assert "read as Windows-874, undefined bytes filled from windows-1252 → โ€™" in out
    assert out.endswith("repaired text:\n  I’m in Syria’s\n")


def test_explain_stdin_and_json(monkeypatch: pytest.MonkeyPatch, capsys: Capture) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("cafÃ©\n".encode())))
    assert main(["explain", "-", "--output-format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["text"] == "café" and doc["changes"][0]["before"] == "Ã©"


def test_explain_clean(capsys: Capture) -> None:
    assert main(["explain", "NÃO é ภาษาไทย"]) == 0
    assert capsys.readouterr().out == "No encoding damage found; the text is unchanged.\n"


def test_explain_damage_it_cannot_repair(capsys: Capture) -> None:
    assert main(["explain", "friendly \u00e2\x80\u00e2\x80\x9c live"]) == 0
    assert capsys.readouterr().out == (
        "Nothing here that mojifix can repair; the text is unchanged.\n"
        "1 span looks damaged all the same:\n"
        "  \u00e2\\x80\u00e2\\x80\\x9c   (line 1, column 10)\n"
    )


# ---------------------------------------------------------------------------- bad input


def _binary(p: pathlib.Path) -> str:
    return str(write(p / "bin.dat", b"\x00\x01\x02binary"))


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (lambda p: str(p / "missing.txt"), "no such file or directory"),
        (_binary, "looks like a binary file, not text"),
        (lambda p: str(os.symlink(p / "gone", p / "link") or p / "link"), "broken symbolic link"),
    ],
)
def test_bad_input_is_one_clear_line(
    tmp_path: pathlib.Path, capsys: Capture, path: object, message: str
) -> None:
    name = path(tmp_path)  # type: ignore[operator]
    write(tmp_path / "good.txt", DAMAGED)
    assert run(["check", name, str(tmp_path / "good.txt")]) == 2  # the good file is still checked
    out, err = capsys.readouterr()
    assert f"{name}: {message}" in err and "Traceback" not in err
    assert [line for line in err.splitlines() if not line.startswith("mojifix: 1 file")] == [
        f"mojifix: {name}: {message}"
    ]
    assert "good.txt:1:7" in out


def test_unreadable_directory_is_one_line(
    tmp_path: pathlib.Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    write(locked / "a.txt", DAMAGED)
    write(tmp_path / "b.txt", DAMAGED)
    real_scandir = os.scandir

    def scandir(path: object) -> object:  # root ignores permissions, so simulate the refusal
        if pathlib.Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    assert run(["check", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert f"mojifix: {locked}: cannot list directory: Permission denied\n" in err
    assert "b.txt:1:7" in out


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file; covered by the simulated test above")
def test_unreadable_file_for_real(tmp_path: pathlib.Path, capsys: Capture) -> None:
    target = write(tmp_path / "a.txt", DAMAGED)
    os.chmod(target, 0)
    assert run(["check", str(target)]) == 2
    assert f"mojifix: {target}: permission denied" in capsys.readouterr().err


def test_no_command_prints_help(capsys: Capture) -> None:
    assert main([]) == 2
    assert "usage: mojifix" in capsys.readouterr().err


def test_help_teaches(capsys: Capture) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for word in ("check", "fix", "undo", "explain", "exit codes", "pyproject.toml"):
        assert word in out
    assert main(["fix", "--help"]) == 0
    out = capsys.readouterr().out
    for flag in ("--diff", "--report", "--exit-non-zero-on-fix", "--convert-to-utf8", "--jobs"):
        assert flag in out


def test_bad_flag_value(capsys: Capture) -> None:
    assert main(["check", "--output-format", "xml"]) == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_fix_into_a_read_only_directory_fails_cleanly(
    tmp_path: pathlib.Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = write(tmp_path / "a.txt", DAMAGED)

    def refuse(*_args: object, **_kw: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    assert run(["fix", str(target)]) == 2
    assert f"mojifix: {target}: cannot write: Permission denied" in capsys.readouterr().err
    assert target.read_bytes() == DAMAGED
    assert os.listdir(tmp_path) == ["a.txt"]


def test_seed_fix_through_a_copy(tmp_path: pathlib.Path) -> None:
    copy = tmp_path / "seed.txt"
    shutil.copyfile(SEED, copy)
    assert run(["fix", str(copy)]) == 0
    assert copy.read_bytes() == SEED_REPAIRED


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_only(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(5):
        write(tmp_path / f"f{i}.txt", DAMAGED)
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["check", "--output-format", "concise", str(tmp_path)]) == 1
    drawn = terminal.getvalue()
    assert "0/5 [" in drawn and "file/s]" in drawn  # tqdm's bar, cleared, then the summary
    assert "\rmojifix: 5 files checked, 5 with damage, 20 changes, " in drawn
    quiet = _Terminal()
    monkeypatch.setattr("sys.stderr", quiet)
    assert main(["check", "--no-progress", "--output-format", "concise", str(tmp_path)]) == 1
    assert "/5 [" not in quiet.getvalue()


def test_mixed_encoding_file_is_reported_and_converted(tmp_path: pathlib.Path, capsys: Capture) -> None:
    utf8 = "Résumé — naïve café, déjà vu.\n".encode() * 3
    legacy = "Ça coûte très cher, hélas — dit-il à sa sœur.\n".encode("cp1252") * 3
    target = write(tmp_path / "mixed.txt", utf8 + legacy)
    assert run(["check", str(target)]) == 1
    out = capsys.readouterr().out
    assert "not valid UTF-8; mixed encodings: utf-8 (" in out and "cp1252 (" in out
    assert run(["check", "--output-format", "json", str(target)]) == 1
    segments = json.loads(capsys.readouterr().out)["files"][str(target)]["segments"]
    assert segments == [
        {"start": 0, "end": len(utf8), "encoding": "utf-8"},
        {"start": len(utf8), "end": len(utf8) + len(legacy), "encoding": "cp1252"},
    ]
    report = tmp_path / "r.json"
    assert run(["fix", "--convert-to-utf8", "--report", str(report), str(target)]) == 0
    assert target.read_bytes() == utf8 + legacy.decode("cp1252").encode()
    assert run(["undo", str(report)]) == 0
    assert target.read_bytes() == utf8 + legacy
