"""Configuration files, flags that override them, and inline suppression comments."""

from __future__ import annotations

import pathlib

import pytest
from cli_helpers import DAMAGED, DAMAGED_FIXED, run, write

from mojifix.cli._settings import FIXER_NAMES
from mojifix.fixers import REGISTRY

Capture = pytest.CaptureFixture[str]


def test_fixer_names_match_the_registry() -> None:
    assert tuple(REGISTRY) == FIXER_NAMES


@pytest.mark.parametrize("name", ["pyproject.toml", "mojifix.toml", ".mojifix.toml"])
def test_config_is_found_in_parent_directories(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    body = 'extend-select = ["quotes"]\n'
    if name == "pyproject.toml":
        body = "[project]\nname = 'x'\n\n[tool.mojifix]\n" + body
    write(tmp_path / name, body.encode())
    target = write(tmp_path / "deep" / "er" / "a.txt", "“Curly” cafÃ©\n".encode())
    monkeypatch.chdir(target.parent)
    assert run(["fix", "a.txt"]) == 0
    assert target.read_bytes() == b'"Curly" caf\xc3\xa9\n'


def test_pyproject_without_a_mojifix_table_is_passed_over(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "mojifix.toml", b'ignore = ["mojibake"]\n')
    write(tmp_path / "sub" / "pyproject.toml", b"[project]\nname = 'x'\n")
    target = write(tmp_path / "sub" / "a.txt", DAMAGED)
    monkeypatch.chdir(tmp_path / "sub")
    assert run(["fix", "a.txt"]) == 0
    assert target.read_bytes() == DAMAGED  # the parent's mojifix.toml applied


def test_flags_override_the_config_and_isolated_ignores_it(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "mojifix.toml", b'ignore = ["mojibake"]\n')
    target = write(tmp_path / "a.txt", DAMAGED)
    monkeypatch.chdir(tmp_path)
    assert run(["check", "a.txt"]) == 0
    assert run(["check", "--ignore", "", "a.txt"]) == 1
    assert run(["check", "--isolated", "a.txt"]) == 1
    assert target.read_bytes() == DAMAGED


def test_explicit_config_file(tmp_path: pathlib.Path, capsys: Capture) -> None:
    config = write(tmp_path / "conf" / "custom.toml", b"min-confidence = 0.99\n")
    seed = write(
        tmp_path / "seed.txt",
        (pathlib.Path(__file__).parent.parent / "fixtures" / "seed-article.txt").read_bytes(),
    )
    assert run(["check", "--config", str(config), "--output-format", "concise", str(seed)]) == 1
    assert capsys.readouterr().out.count("→") == 4  # (of 6: two em dashes are at 0.985)
    assert run(["check", "--config", str(tmp_path / "nope.toml"), str(seed)]) == 2
    assert "config file not found" in capsys.readouterr().err
    assert run(["check", "--config", str(config), "--isolated", str(seed)]) == 2


def test_excludes_and_per_file_ignores_are_relative_to_the_config(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path / "pyproject.toml",
        b'[tool.mojifix]\nextend-exclude = ["generated/"]\n\n'
        b'[tool.mojifix.per-file-ignores]\n"legacy/*.txt" = ["mojibake"]\n',
    )
    kept = write(tmp_path / "legacy" / "old.txt", DAMAGED)
    skipped = write(tmp_path / "generated" / "out.txt", DAMAGED)
    fixed = write(tmp_path / "docs" / "new.txt", DAMAGED)
    monkeypatch.chdir(tmp_path / "docs")
    assert run(["fix", ".."]) == 0
    assert kept.read_bytes() == DAMAGED and skipped.read_bytes() == DAMAGED
    assert fixed.read_bytes() == DAMAGED_FIXED


def test_allow_list(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path / "mojifix.toml",
        b'allow = ["caf\xc3\x83\xc2\xa9"]\nallow-patterns = ["o\xc3\x83\xc2\xb9\\\\b"]\n',
    )
    target = write(tmp_path / "a.txt", DAMAGED)
    monkeypatch.chdir(tmp_path)
    assert run(["fix", "a.txt"]) == 0
    assert target.read_text(encoding="utf-8") == "Le cafÃ© de la gare, oÃ¹ l’on dîne.\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"selct = []\n", "unknown key 'selct' in mojifix settings"),
        (b'select = ["mojibak"]\n', "unknown fixer 'mojibak'"),
        (b'select = "mojibake"\n', "'select' must be a list of fixer names"),
        (b"min-confidence = 2\n", "'min-confidence' must be a number between 0 and 1"),
        (b'respect-gitignore = "yes"\n', "'respect-gitignore' must be true or false"),
        (b'allow-patterns = ["("]\n', "invalid regular expression '('"),
        (b"per-file-ignores = 3\n", "'per-file-ignores' must be a table"),
        (b"select = [\n", "invalid TOML"),
    ],
)
def test_invalid_config_is_one_clear_line(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture, body: bytes, message: str
) -> None:
    write(tmp_path / "mojifix.toml", body)
    write(tmp_path / "a.txt", DAMAGED)
    monkeypatch.chdir(tmp_path)
    assert run(["check", "a.txt"]) == 2
    err = capsys.readouterr().err
    assert message in err and "mojifix.toml" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_inline_suppressions(tmp_path: pathlib.Path) -> None:
    text = (
        "line one cafÃ©\n"
        "quoted on purpose: cafÃ©  # mojifix: ignore\n"
        "<!-- mojifix: ignore-next-line -->\n"
        "cafÃ© kept as an example\n"
        "cafÃ© fixed again\n"
    )
    target = write(tmp_path / "a.md", text.encode())
    assert run(["fix", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == text.replace("line one cafÃ©", "line one café").replace(
        "cafÃ© fixed", "café fixed"
    )


def test_skip_file(tmp_path: pathlib.Path, capsys: Capture) -> None:
    target = write(tmp_path / "a.txt", b"# mojifix: skip-file\n" + DAMAGED)
    assert run(["check", "--verbose", str(target)]) == 0
    assert "skipped: mojifix: skip-file" in capsys.readouterr().err
    assert run(["fix", str(target)]) == 0
    assert target.read_bytes() == b"# mojifix: skip-file\n" + DAMAGED
