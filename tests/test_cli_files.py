"""Which files the command line looks at, and how it writes them."""

from __future__ import annotations

import json
import os
import pathlib

import pytest
from cli_helpers import CLEAN, DAMAGED, DAMAGED_FIXED, run, snapshot, write

Capture = pytest.CaptureFixture[str]


def _checked(capsys: Capture) -> list[str]:
    """The files a `check --output-format json` run looked at, relative names."""
    doc = json.loads(capsys.readouterr().out)
    return sorted(doc["files"])


def test_gitignore_and_ignore_files(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    (tmp_path / ".git" / "info").mkdir(parents=True)
    write(tmp_path / ".git" / "info" / "exclude", b"private.txt\n")
    write(tmp_path / ".gitignore", b"*.log\nbuild/\n!keep.log\n")
    write(tmp_path / "docs" / ".ignore", b"draft-*.md\n")
    write(tmp_path / "docs" / "sub" / ".gitignore", b"!draft-keep.md\n")
    for name in (
        "a.txt", "x.log", "keep.log", "private.txt", "build/out.txt",
        "docs/draft-1.md", "docs/final.md", "docs/sub/draft-2.md", "docs/sub/draft-keep.md",
    ):  # fmt: skip
        write(tmp_path / name, DAMAGED)
    monkeypatch.chdir(tmp_path)
    assert run(["check", "--output-format", "json", "."]) == 1
    assert _checked(capsys) == [
        ".gitignore", "a.txt", "docs/.ignore", "docs/final.md",
        "docs/sub/.gitignore", "docs/sub/draft-keep.md", "keep.log",
    ]  # fmt: skip
    assert run(["check", "--output-format", "json", "--no-respect-gitignore", "."]) == 1
    assert len(_checked(capsys)) == 12  # the 9 files and the 3 ignore files


def test_gitignore_above_the_walked_directory_applies(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", b"generated/\n")
    write(tmp_path / "src" / "generated" / "a.txt", DAMAGED)
    write(tmp_path / "src" / "b.txt", DAMAGED)
    monkeypatch.chdir(tmp_path / "src")
    assert run(["check", "--output-format", "json", "."]) == 1
    assert _checked(capsys) == ["b.txt"]


def test_hidden_directories_binary_files_and_verbose(tmp_path: pathlib.Path, capsys: Capture) -> None:
    write(tmp_path / ".cache" / "a.txt", DAMAGED)
    write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path / "b.txt", DAMAGED)
    assert run(["check", "--output-format", "concise", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert ".cache" not in out + err and "image.png" not in out + err  # skipped quietly
    assert run(["check", "--verbose", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"mojifix: {tmp_path / 'image.png'}: skipped: binary file" in err
    assert f"mojifix: {tmp_path / '.cache'}: skipped: hidden directory" in err


def test_symlinks_never_lead_out_of_the_tree(tmp_path: pathlib.Path, capsys: Capture) -> None:
    outside = write(tmp_path / "outside" / "secret.txt", DAMAGED)
    tree = tmp_path / "tree"
    write(tree / "real.txt", DAMAGED)
    os.symlink(outside, tree / "out-link.txt")
    os.symlink(tmp_path / "outside", tree / "out-dir")
    os.symlink(tree / "real.txt", tree / "in-link.txt")
    assert run(["fix", "--verbose", str(tree)]) == 0
    err = capsys.readouterr().err
    assert outside.read_bytes() == DAMAGED  # never followed out of the tree
    assert (tree / "real.txt").read_bytes() == DAMAGED_FIXED
    assert (tree / "in-link.txt").is_symlink()  # the link itself stays a link
    assert "out-link.txt: skipped: symbolic link out of the tree" in err
    assert "out-dir: skipped: symbolic link to a directory" in err


def test_exclude_extend_exclude_and_force_exclude(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    for name in ("a.txt", "vendor/b.txt", "node_modules/c.txt", "notes/d.md"):
        write(tmp_path / name, DAMAGED)
    monkeypatch.chdir(tmp_path)
    assert run(["check", "--output-format", "json", "."]) == 1
    assert _checked(capsys) == ["a.txt", "notes/d.md", "vendor/b.txt"]  # node_modules by default
    assert run(["check", "--output-format", "json", "--extend-exclude", "vendor/,*.md", "."]) == 1
    assert _checked(capsys) == ["a.txt"]
    assert run(["check", "--output-format", "json", "--exclude", "a.txt", "."]) == 1
    assert _checked(capsys) == ["node_modules/c.txt", "notes/d.md", "vendor/b.txt"]
    # a file named explicitly is checked unless --force-exclude (how pre-commit passes files)
    assert run(["check", "--output-format", "json", "--extend-exclude", "vendor", "vendor/b.txt"]) == 1
    assert _checked(capsys) == ["vendor/b.txt"]
    args = [
        "check",
        "--output-format",
        "json",
        "--extend-exclude",
        "vendor",
        "--force-exclude",
        "vendor/b.txt",
    ]
    assert run(args) == 0
    assert _checked(capsys) == []


def test_vanished_file_is_one_line_and_the_rest_is_processed(
    tmp_path: pathlib.Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mojifix.cli import _files

    write(tmp_path / "a.txt", DAMAGED)
    write(tmp_path / "b.txt", DAMAGED)
    real_read = _files.read

    def read(path: str) -> bytes:
        if path.endswith("a.txt"):
            os.unlink(path)  # removed between the walk and the read
        return real_read(path)

    monkeypatch.setattr(_files, "read", read)
    assert run(["fix", str(tmp_path)]) == 2
    assert (
        f"mojifix: {tmp_path / 'a.txt'}: no such file (it may have been removed)" in capsys.readouterr().err
    )
    assert (tmp_path / "b.txt").read_bytes() == DAMAGED_FIXED


def test_undo_restores_every_byte_of_a_mixed_tree(tmp_path: pathlib.Path) -> None:
    tree = tmp_path / "tree"
    latin = "Le café de la gare, où l’on dîne « souvent ». Ça coûte très cher, hélas.\n" * 3
    write(tree / "damaged.txt", DAMAGED)
    write(tree / "clean.txt", CLEAN)
    write(tree / "crlf.txt", DAMAGED.replace(b"\n", b"\r\n") * 2 + b"no final newline \xc3\x83\xc2\xa9")
    write(tree / "bom.txt", b"\xef\xbb\xbf" + DAMAGED)
    write(tree / "bom-clean.txt", b"\xef\xbb\xbf" + CLEAN)
    write(tree / "legacy.txt", latin.encode("cp1252"))
    write(
        tree / "mixed-newlines.txt", DAMAGED + DAMAGED.replace(b"\n", b"\r") + DAMAGED.replace(b"\n", b"\r\n")
    )
    os.chmod(tree / "crlf.txt", 0o600)
    before = snapshot(tree)
    modes = {p.name: p.stat().st_mode for p in tree.iterdir()}
    report = tmp_path / "report.json"
    assert run(["fix", "--convert-to-utf8", "--report", str(report), str(tree)]) == 0
    after = snapshot(tree)
    assert {name for name in before if before[name] != after[name]} == {
        "damaged.txt", "crlf.txt", "bom.txt", "legacy.txt", "mixed-newlines.txt"
    }  # fmt: skip
    assert after["bom.txt"] == b"\xef\xbb\xbf" + DAMAGED_FIXED
    assert after["crlf.txt"].count(b"\r\n") == 2 and after["crlf.txt"].endswith(b"newline \xc3\xa9")
    assert after["legacy.txt"] == latin.encode("utf-8")
    assert run(["undo", str(report)]) == 0
    assert snapshot(tree) == before
    assert {p.name: p.stat().st_mode for p in tree.iterdir()} == modes


def test_large_files_are_streamed(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    """Above the streaming threshold the result is the same, byte for byte, and undo works."""
    from mojifix.cli import _process

    body = (DAMAGED + CLEAN + b"\n") * 300
    small, large = (
        write(tmp_path / "a" / "x.txt", body),
        write(tmp_path / "b" / "x.txt", b"\xef\xbb\xbf" + body),
    )
    assert run(["fix", str(small)]) == 0
    capsys.readouterr()
    monkeypatch.setattr(_process, "STREAM_BYTES", 1000)
    assert run(["check", "--output-format", "concise", str(large)]) == 1
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 4 * 300 and listed[-1].endswith(":898:34: Ã® → î")  # 3 lines a block
    report = tmp_path / "r.json"
    assert run(["fix", "--report", str(report), str(large)]) == 0
    assert large.read_bytes() == b"\xef\xbb\xbf" + small.read_bytes()
    assert run(["undo", str(report)]) == 0
    assert large.read_bytes() == b"\xef\xbb\xbf" + body
    clean = write(tmp_path / "c" / "clean.txt", CLEAN * 200)
    mtime = clean.stat().st_mtime_ns
    assert run(["fix", str(clean)]) == 0
    assert clean.stat().st_mtime_ns == mtime  # untouched
    legacy = write(
        tmp_path / "d" / "old.txt", ("Ça coûte très cher, hélas — dit-il.\n" * 200).encode("cp1252")
    )
    assert run(["fix", str(legacy)]) == 1  # not UTF-8: reported, not converted
    assert legacy.read_bytes() == ("Ça coûte très cher, hélas — dit-il.\n" * 200).encode("cp1252")
    assert run(["fix", "--convert-to-utf8", str(legacy)]) == 0
    assert legacy.read_text(encoding="utf-8") == "Ça coûte très cher, hélas — dit-il.\n" * 200


def test_html_and_json_files_are_repaired_behind_escapes(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.chdir(tmp_path)
    page = b'<p title="caf&Atilde;&copy;">It&acirc;&#128;&#153;s &amp; <b>caf&Atilde;&copy;</b></p>\n'
    data = b'{"title": "It\\u00e2\\u0080\\u0099s", "n": 1}\n'
    notes = b"A note with a reference: It&acirc;&#128;&#153;s\n"  # found by content
    write(tmp_path / "page.html", page)
    write(tmp_path / "data.json", data)
    write(tmp_path / "notes.txt", notes)
    assert run(["check", "--format", "text", "."]) == 0  # read as plain text: nothing to repair
    capsys.readouterr()
    assert run(["check", "."]) == 1
    out = capsys.readouterr().out
    assert "page.html" in out and "data.json" in out and "notes.txt" in out
    assert run(["fix", "page.html", "data.json"]) == 0
    assert (tmp_path / "page.html").read_bytes() == (
        '<p title="caf&Atilde;&copy;">It’s &amp; <b>café</b></p>\n'.encode()
    )
    assert json.loads((tmp_path / "data.json").read_bytes()) == {"title": "It’s", "n": 1}
    assert (tmp_path / "data.json").read_bytes().isascii()


def test_format_setting_is_checked(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "mojifix.toml", b'format = "xml"\n')
    write(tmp_path / "a.txt", b"x\n")
    assert run(["check", "a.txt"]) == 2
    assert "'format' must be one of auto, text, html, json" in capsys.readouterr().err
    write(tmp_path / "mojifix.toml", b'format = "text"\n')
    write(tmp_path / "a.html", b"<p>It&acirc;&#128;&#153;s</p>\n")
    assert run(["check", "a.html"]) == 0
    assert run(["check", "--format", "html", "a.html"]) == 1
