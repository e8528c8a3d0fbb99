"""Shared helpers for the command-line tests: small trees of damaged and clean files."""

from __future__ import annotations

import hashlib
import pathlib

from conftest import FIXTURES

from mojifix.cli import main

SEED = FIXTURES / "seed-article.txt"
SEED_REPAIRED = (FIXTURES / "seed-article.repaired.txt").read_bytes()

# Real damage of several kinds, each with its repair, as bytes on disk.
DAMAGED = "Le cafÃ© de la gare, oÃ¹ lâ€™on dÃ®ne.\n".encode()
DAMAGED_FIXED = "Le café de la gare, où l’on dîne.\n".encode()
CLEAN = "Clean text: “quotes”, NÃO, ภาษาไทย, Ελληνικά, ∑ x², 🙂.\n".encode()


def write(path: pathlib.Path, data: bytes) -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def snapshot(root: pathlib.Path) -> dict[str, bytes]:
    """Every regular file under ``root`` (relative path → bytes)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def run(argv: list[str]) -> int:
    """main() with progress bars off, as a test would see it."""
    return main([*argv[:1], "--no-progress", *argv[1:]]) if argv[:1] in (["check"], ["fix"]) else main(argv)
