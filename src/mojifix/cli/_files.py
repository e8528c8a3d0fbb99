"""Reading files as text and writing them back atomically.

Reading never guesses silently: a file is UTF-8 (with or without a BOM), or it is
reported with the encoding it appears to be in, or it is binary. Writing goes to an
unnamed temporary file in the same directory (``O_TMPFILE``, or a named one where the
file system lacks it), which is filled, given the original's permissions, flushed to
disk, linked and renamed over the target: a crash at any moment leaves the old bytes
or the new ones, never a mixture.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
from collections.abc import Callable
from typing import BinaryIO, NamedTuple

UTF8_BOM = b"\xef\xbb\xbf"
_BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16 (and UTF-32 LE) byte-order marks
TEMP_SUFFIX = ".mojifix-tmp"


class FileProblem(Exception):
    """A file that cannot be read or written; the message is one line for the user."""


class Decoded(NamedTuple):
    text: str
    encoding: str  # "utf-8" for UTF-8 files, else the codec the text was decoded with
    bom: bytes = b""


def read(path: str) -> bytes:
    try:
        return pathlib.Path(path).read_bytes()
    except FileNotFoundError:
        raise FileProblem("no such file (it may have been removed)") from None
    except IsADirectoryError:
        raise FileProblem("is a directory") from None
    except PermissionError:
        raise FileProblem("permission denied") from None
    except OSError as exc:
        raise FileProblem(exc.strerror or str(exc)) from None


def is_binary(data: bytes) -> bool:
    """NUL bytes near the start, unless a UTF-16/32 byte-order mark explains them."""
    return b"\x00" in data[:8192] and not data.startswith(_BOMS) and not data.startswith(b"\x00\x00\xfe\xff")


def decode_utf8(data: bytes) -> Decoded | None:
    """The text of a UTF-8 file (its BOM kept aside), or None when it is not UTF-8."""
    bom = UTF8_BOM if data.startswith(UTF8_BOM) else b""
    try:
        return Decoded(data[len(bom) :].decode("utf-8"), "utf-8", bom)
    except UnicodeDecodeError:
        return None


def sha256(data: bytes) -> str:
    import hashlib  # not at the top: start-up time matters for one small file

    return hashlib.sha256(data).hexdigest()


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file at ``path`` by ``data``, keeping its permissions (and owner, as root)."""
    write_atomic_with(path, lambda stream: stream.write(data))


def write_atomic_with(path: str, produce: Callable[[BinaryIO], object]) -> None:
    """Like :func:`write_atomic`, the content written by ``produce(stream)`` (for files too
    large to hold in memory). If ``produce`` raises, the file is left untouched."""
    target = pathlib.Path(path)
    try:
        info = os.stat(target)
    except OSError as exc:
        raise FileProblem(f"cannot write: {exc.strerror or exc}") from None
    try:
        if not _write_unnamed(target, produce, info):
            _write_named(target, produce, info)
    except OSError as exc:
        raise FileProblem(f"cannot write: {exc.strerror or exc}") from None
    _sync_directory(target.parent)


def _temp_name(target: pathlib.Path) -> str:
    import secrets

    return str(target.parent / f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def _fill(fd: int, produce: Callable[[BinaryIO], object], info: os.stat_result) -> None:
    with os.fdopen(fd, "wb", closefd=False) as stream:
        produce(stream)
    os.fchmod(fd, info.st_mode & 0o7777)
    if (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(OSError):
            os.fchown(fd, info.st_uid, info.st_gid)
    os.fsync(fd)


def _write_unnamed(target: pathlib.Path, produce: Callable[[BinaryIO], object], info: os.stat_result) -> bool:
    """Write through an O_TMPFILE file; False when the file system cannot do that."""
    try:
        fd = os.open(target.parent, os.O_TMPFILE | os.O_RDWR, 0o600)
    except (OSError, AttributeError):
        return False
    try:
        _fill(fd, produce, info)
        # The file gets a name only now that it is complete: the window in which a
        # temporary name exists is two system calls long.
        name = _temp_name(target)
        try:
            # linkat(AT_SYMLINK_FOLLOW) through /proc; a plain os.link() would use link(2),
            # which does not follow the magic link and fails with EXDEV.
            proc = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.link(str(fd), name, src_dir_fd=proc, follow_symlinks=True)
            finally:
                os.close(proc)
        except OSError:
            # No /proc: copy the finished content into a named temporary file instead.
            os.lseek(fd, 0, os.SEEK_SET)
            _write_named(target, lambda stream: _copy_from(fd, stream), info)
            return True
    finally:
        os.close(fd)
    try:
        os.replace(name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return True


def _copy_from(fd: int, stream: BinaryIO) -> None:
    while block := os.read(fd, 1 << 20):
        stream.write(block)


def _write_named(target: pathlib.Path, produce: Callable[[BinaryIO], object], info: os.stat_result) -> None:
    name = _temp_name(target)
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            _fill(fd, produce, info)
        finally:
            os.close(fd)
        os.replace(name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


def _sync_directory(directory: pathlib.Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
