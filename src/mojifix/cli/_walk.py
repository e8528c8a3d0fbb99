"""Which files a run looks at.

Directories are walked recursively in sorted order. Hidden directories are skipped, and
so is whatever ``.gitignore`` / ``.ignore`` files (and ``.git/info/exclude``) ignore,
matched with git's own rules by the ``pathspec`` library: nested ignore files override
their parents, and a directory that is ignored is not entered. Symbolic links to
directories are never followed; a link to a file is taken only when its target lies
inside the tree being walked. Paths named on the command line are always taken, unless
``force_exclude`` applies the exclude globs to them too (pre-commit names every file).
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ._settings import Settings

if TYPE_CHECKING:
    import pathspec

_IGNORE_FILES = (".gitignore", ".ignore")


class Target(NamedTuple):
    """A file to process: ``path`` as shown to the user, ``real`` for reading and writing."""

    path: str
    real: str
    explicit: bool


class Walk:
    """What walking found: files to process, errors, and what was skipped (for --verbose)."""

    def __init__(self) -> None:
        self.targets: list[Target] = []
        self.errors: list[tuple[str, str]] = []  # (path, message)
        self.skipped: list[tuple[str, str]] = []  # (path, why)


def _spec(lines: Sequence[str]) -> pathspec.GitIgnoreSpec:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


class _Ignores:
    """Ignore specs in force for one directory: (base directory, spec), outermost first."""

    def __init__(self, layers: tuple[tuple[pathlib.Path, pathspec.GitIgnoreSpec], ...] = ()) -> None:
        self.layers = layers

    def entering(self, directory: pathlib.Path) -> _Ignores:
        lines: list[str] = []
        for name in _IGNORE_FILES:
            lines.extend(_read_lines(directory / name))
        if not lines:
            return self
        return _Ignores((*self.layers, (directory, _spec(lines))))

    def ignored(self, path: pathlib.Path, is_dir: bool) -> bool:
        for base, spec in reversed(self.layers):
            try:
                rel = path.relative_to(base).as_posix()
            except ValueError:
                continue
            result = spec.check_file(rel + "/" if is_dir else rel)
            if result.include is not None:
                return bool(result.include)
        return False


def _read_lines(path: pathlib.Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _git_top(start: pathlib.Path) -> pathlib.Path | None:
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


def _starting_ignores(top: pathlib.Path) -> _Ignores:
    """Ignore files above ``top`` up to the repository's root apply inside it too."""
    ignores = _Ignores()
    git_top = _git_top(top)
    if git_top is None:
        return ignores
    exclude = _read_lines(git_top / ".git" / "info" / "exclude")
    if exclude:
        ignores = _Ignores(((git_top, _spec(exclude)),))
    chain = [top, *top.parents]
    for directory in reversed(chain[: chain.index(git_top) + 1]):
        if directory != top:
            ignores = ignores.entering(directory)
    return ignores


class Excluder:
    """The exclude globs, matched (gitignore-style) against paths relative to the settings' root."""

    def __init__(self, settings: Settings) -> None:
        self.root = settings.root
        self.patterns = settings.all_excludes()
        self._spec: pathspec.GitIgnoreSpec | None = None

    @property
    def spec(self) -> pathspec.GitIgnoreSpec:
        if self._spec is None:  # built on first use: pathspec is slow to import
            self._spec = _spec(self.patterns)
        return self._spec

    def excluded(self, path: pathlib.Path, is_dir: bool = False) -> bool:
        absolute = pathlib.Path(os.path.abspath(path))
        try:
            rel = absolute.relative_to(self.root).as_posix()
        except ValueError:
            rel = absolute.as_posix().lstrip("/")
        if rel in ("", "."):
            return False
        return self.spec.match_file(rel + "/" if is_dir else rel)


def collect(paths: Sequence[str], settings: Settings) -> Walk:
    """Expand command-line paths into the files to process, in a deterministic order."""
    walk = Walk()
    excluder = Excluder(settings)
    seen: set[str] = set()

    def add(target: Target) -> None:
        if target.real not in seen:
            seen.add(target.real)
            walk.targets.append(target)

    for arg in paths:
        path = pathlib.Path(arg)
        if not os.path.lexists(path):
            walk.errors.append((arg, "no such file or directory"))
        elif path.is_dir():
            if settings.force_exclude and excluder.excluded(path, is_dir=True):
                walk.skipped.append((arg, "excluded"))
                continue
            for target in _walk_dir(path, settings, excluder, walk):
                add(target)
        elif path.is_symlink() and not path.exists():
            walk.errors.append((arg, "broken symbolic link"))
        elif settings.force_exclude and excluder.excluded(path):
            walk.skipped.append((arg, "excluded"))
        else:
            add(Target(arg, os.path.realpath(path), explicit=True))
    return walk


def _walk_dir(top: pathlib.Path, settings: Settings, excluder: Excluder, walk: Walk) -> Iterator[Target]:
    root_real = pathlib.Path(os.path.realpath(top))
    ignores = _starting_ignores(root_real) if settings.respect_gitignore else _Ignores()
    stack: list[tuple[pathlib.Path, pathlib.Path, _Ignores]] = [(top, root_real, ignores)]
    while stack:
        shown, real, ignores = stack.pop()
        if settings.respect_gitignore:
            ignores = ignores.entering(real)
        try:
            with os.scandir(real) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            walk.errors.append((str(shown), f"cannot list directory: {exc.strerror or exc}"))
            continue
        subdirs: list[tuple[pathlib.Path, pathlib.Path, _Ignores]] = []
        for entry in entries:
            child_shown, child_real = shown / entry.name, real / entry.name
            try:
                if entry.is_symlink():
                    if (
                        _symlink_to_take(entry, child_shown, root_real, walk)
                        and not excluder.excluded(child_shown)
                        and not ignores.ignored(child_real, False)
                    ):
                        yield Target(str(child_shown), os.path.realpath(entry.path), explicit=False)
                    continue
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError as exc:
                walk.errors.append((str(child_shown), exc.strerror or str(exc)))
                continue
            if is_dir and entry.name.startswith("."):
                walk.skipped.append((str(child_shown), "hidden directory"))
            elif ignores.ignored(child_real, is_dir):
                walk.skipped.append((str(child_shown), "ignored by .gitignore/.ignore"))
            elif excluder.excluded(child_shown, is_dir):
                walk.skipped.append((str(child_shown), "excluded"))
            elif is_dir:
                subdirs.append((child_shown, child_real, ignores))
            elif entry.is_file(follow_symlinks=False):
                yield Target(str(child_shown), str(child_real), explicit=False)
            else:
                walk.skipped.append((str(child_shown), "not a regular file"))
        stack.extend(reversed(subdirs))


def _inside(path: str, root: pathlib.Path) -> bool:
    return pathlib.Path(os.path.realpath(path)).is_relative_to(root)


def _symlink_to_take(entry: os.DirEntry[str], shown: pathlib.Path, root: pathlib.Path, walk: Walk) -> bool:
    """A link is taken only when it leads to a file inside the tree; else say why not."""
    if entry.is_dir():
        walk.skipped.append((str(shown), "symbolic link to a directory (not followed)"))
    elif not entry.is_file():
        walk.skipped.append((str(shown), "broken symbolic link"))
    elif not _inside(entry.path, root):
        walk.skipped.append((str(shown), "symbolic link out of the tree (not followed)"))
    else:
        return True
    return False
