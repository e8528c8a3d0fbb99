"""Read translated messages from the system's gettext catalogs (``/usr/share/locale``).

The catalogs are real text written by people in ~100 languages and are present on a fresh
Debian machine; both table generators and sample extraction read them through here.
"""

from __future__ import annotations

import gettext
import pathlib
from collections.abc import Iterator

LOCALE_DIR = pathlib.Path("/usr/share/locale")


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES").is_dir())


def messages(lang: str) -> Iterator[str]:
    """Every non-empty translated message of one locale directory, deterministic order."""
    for mo in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.mo")):
        try:
            with mo.open("rb") as fp:
                catalog = gettext.GNUTranslations(fp)._catalog  # type: ignore[attr-defined]
        except Exception:  # a broken or non-UTF-8 catalog is skipped, not fatal
            continue
        for key in sorted(catalog, key=repr):
            value = catalog[key]
            if isinstance(value, str) and value and key != "":
                yield value
