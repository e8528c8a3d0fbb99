"""The command line: main(argv) in-process, and the installed console script."""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES

from mojifix.cli import main

SEED = FIXTURES / "seed-article.txt"
REPAIRED = (FIXTURES / "seed-article.repaired.txt").read_bytes()


def test_fix_writes_the_repair_to_stdout(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["fix", str(SEED)]) == 0
    assert capsysbinary.readouterr().out == REPAIRED


def test_fix_leaves_the_file_alone(
    tmp_path: pathlib.Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(SEED.read_bytes())
    assert main(["fix", str(target)]) == 0
    assert target.read_bytes() == SEED.read_bytes()


def test_explain_lists_each_change(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(SEED)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 6
    assert lines[0].startswith(f"{SEED}:15:222: โ€” → —  UTF-8 bytes decoded as Windows-874")
    assert all("(holes filled from windows-1252)" in line for line in lines)


def test_explain_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "--format", "json", str(SEED)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "mojifix.report" and doc["summary"]["changes"] == 6
    (entry,) = doc["files"].values()
    assert entry["changes"][2]["damage"]["description"] == "utf-8 → windows-874 (holes: windows-1252)"


def test_check_exit_codes(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("Clean text with “quotes”, NÃO and ภาษาไทย.\n", encoding="utf-8")
    assert main(["check", str(clean)]) == 0
    assert "1 file(s) checked, 0 with damage" in capsys.readouterr().out
    assert main(["check", str(clean), str(SEED)]) == 1
    assert "2 file(s) checked, 1 with damage, 6 change(s)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: p, "is a directory"),
        (lambda p: _write(p / "bin.dat", b"\x00\x01\x02binary"), "looks like a binary file"),
        (lambda p: _write(p / "latin1.txt", b"caf\xe9\n"), "not valid UTF-8"),
    ],
)
def test_bad_input_is_one_clear_line(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], setup: object, message: str
) -> None:
    path = setup(tmp_path)  # type: ignore[operator]
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def _write(path: pathlib.Path, data: bytes) -> pathlib.Path:
    path.write_bytes(data)
    return path


def test_stdin_is_read_with_a_dash(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    import io

    class FakeStdin:
        buffer = io.BytesIO("cafÃ© â€” ok\n".encode())

    monkeypatch.setattr(sys, "stdin", FakeStdin)
    assert main(["fix", "-"]) == 0
    assert capsysbinary.readouterr().out == "café — ok\n".encode()


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "fix" in capsys.readouterr().err


def test_usage_errors_exit_2() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check"])
    assert exc.value.code == 2


@pytest.mark.skipif(shutil.which("mojifix") is None, reason="console script not installed")
def test_console_script() -> None:
    done = subprocess.run(["mojifix", "fix", str(SEED)], capture_output=True, check=False)
    assert done.returncode == 0 and done.stdout == REPAIRED
    done = subprocess.run(
        ["mojifix", "check", "/nonexistent/file"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2 and done.stderr.strip() == "mojifix: /nonexistent/file: no such file"
