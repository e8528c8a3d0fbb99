"""The installed command as a separate process: console script, crash safety, pre-commit."""

from __future__ import annotations

import os
import pathlib
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest
from cli_helpers import CLEAN, DAMAGED, DAMAGED_FIXED, SEED, SEED_REPAIRED, snapshot, write
from conftest import ROOT

import mojifix


def _command() -> list[str]:
    script = shutil.which("mojifix")
    return [script] if script else [sys.executable, "-m", "mojifix"]


def _run(args: list[str], cwd: pathlib.Path, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [*_command(), *args], cwd=cwd, input=stdin, capture_output=True, env=env, timeout=300
    )


def test_console_script_check_fix_undo(tmp_path: pathlib.Path) -> None:
    tree = tmp_path / "tree"
    write(tree / "a.txt", DAMAGED)
    write(tree / "b.txt", CLEAN)
    result = _run(["check", "tree"], tmp_path)
    assert result.returncode == 1
    assert b"tree/a.txt:1:7: \xc3\x83\xc2\xa9 \xe2\x86\x92 \xc3\xa9" in result.stdout
    before = snapshot(tree)
    result = _run(["fix", "--report", "r.json", "tree"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tree / "a.txt").read_bytes() == DAMAGED_FIXED
    assert _run(["undo", "r.json"], tmp_path).returncode == 0
    assert snapshot(tree) == before


def test_console_script_stdin_and_errors(tmp_path: pathlib.Path) -> None:
    result = _run(["fix", "-"], tmp_path, stdin=SEED.read_bytes())
    assert result.returncode == 0 and result.stdout == SEED_REPAIRED
    result = _run(["check", "missing.txt"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines()[0] == "mojifix: missing.txt: no such file or directory"
    assert b"Traceback" not in result.stderr
    write(tmp_path / "bad" / "mojifix.toml", b"nonsense = 1\n")
    result = _run(["check", "."], tmp_path / "bad")
    assert result.returncode == 2 and b"unknown key 'nonsense'" in result.stderr
    assert result.stderr.count(b"\n") == 1


def test_kill_leaves_every_file_whole(tmp_path: pathlib.Path) -> None:
    """SIGKILL at a random moment: each file is entirely original or entirely repaired."""
    texts = [
        DAMAGED,
        "ÐŸÑ€Ð¸Ð²ÐµÑ‚, ÐºÐ°Ðº Ð´ÐµÐ»Ð°?\n".encode(),
        "Syriaโ€™s record โ€” including\n".encode(),
    ]
    originals: dict[str, bytes] = {}
    for i in range(2000):
        data = texts[i % 3] * (1 + i % 7)
        originals[f"f{i:04}.txt"] = data
        write(tmp_path / "tree" / f"f{i:04}.txt", data)
    repaired = {data: mojifix.fix_text(data.decode()).encode() for data in set(originals.values())}
    assert all(repaired[d] != d for d in repaired)

    tree = tmp_path / "tree"
    proc = subprocess.Popen(
        [*_command(), "fix", "--no-progress", "-q", "--jobs", "2", "tree"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while snapshot(tree) == originals and time.monotonic() < deadline:
            time.sleep(0.02)  # wait until writing has begun ...
        time.sleep(random.uniform(0.0, 1.5))  # ... then kill somewhere in the middle
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    after = snapshot(tree)
    assert sorted(after) == sorted(originals), "a temporary file was left behind"
    done = sum(after[name] == repaired[data] for name, data in originals.items())
    whole = sum(after[name] in (data, repaired[data]) for name, data in originals.items())
    assert whole == len(originals)
    assert 0 < done < len(originals)


def _git(cwd: pathlib.Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="the checkout is not a git repository")
def test_pre_commit_blocks_mojibake_and_passes_clean_text(tmp_path: pathlib.Path) -> None:
    """The real pre-commit, installing this checkout's hooks (try-repo), in a new repository."""
    pytest.importorskip("pre_commit", reason="pre-commit is a test dependency: pip install -e '.[test]'")
    repo = tmp_path / "repo"
    repo.mkdir()
    assert _git(repo, "init", "-q").returncode == 0
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        command = [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(ROOT),
            "mojifix-check",
            "--files",
            *files,
        ]
        return subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, timeout=900)

    write(repo / "clean.md", CLEAN)
    write(repo / "bad.md", DAMAGED)
    passed = try_repo("clean.md")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
    blocked = try_repo("bad.md", "clean.md")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "Failed" in blocked.stdout and "bad.md:1:7: Ã© → é" in blocked.stdout

    # And as a git hook: `pre-commit install` with a config naming this checkout.
    head = _git(ROOT, "rev-parse", "HEAD").stdout.strip()
    config = f"repos:\n- repo: {ROOT}\n  rev: {head}\n  hooks:\n  - id: mojifix-check\n"
    write(repo / ".pre-commit-config.yaml", config.encode())
    hooks_file = _git(ROOT, "show", f"{head}:.pre-commit-hooks.yaml")
    if hooks_file.returncode != 0:
        pytest.skip("HEAD of this checkout has no .pre-commit-hooks.yaml yet (uncommitted work)")
    install = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=repo, capture_output=True, text=True, env=env
    )
    assert install.returncode == 0, install.stderr
    commit_env = dict(env)
    _git(repo, "add", ".pre-commit-config.yaml", "clean.md")
    first = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "clean"],
        cwd=repo, capture_output=True, text=True, env=commit_env, timeout=900,
    )  # fmt: skip
    assert first.returncode == 0, first.stdout + first.stderr
    _git(repo, "add", "bad.md")
    second = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "bad"],
        cwd=repo, capture_output=True, text=True, env=commit_env, timeout=900,
    )  # fmt: skip
    assert second.returncode != 0
    assert "bad.md:1:7" in second.stdout + second.stderr
    assert "bad" not in _git(repo, "log", "--format=%s").stdout.split()
