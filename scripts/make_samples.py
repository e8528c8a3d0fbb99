"""Extract real multilingual sample text into ``fixtures/multilingual/``.

Source: the gettext catalogs under ``/usr/share/locale`` (translations written by people,
shipped by Debian packages). For each language listed below we keep up to 80 distinct
translated messages of 25 to 300 characters and some non-ASCII letters, one per line
(newlines inside a message become spaces). The selection is deterministic.
"""

from __future__ import annotations

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from _mo_corpus import languages, messages

OUT = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "multilingual"
WANTED = [
    "ar",
    "bg",
    "ca",
    "cs",
    "da",
    "de",
    "el",
    "eo",
    "es",
    "et",
    "eu",
    "fa",
    "fi",
    "fr",
    "ga",
    "gl",
    "he",
    "hi",
    "hr",
    "hu",
    "id",
    "is",
    "it",
    "ja",
    "ka",
    "kk",
    "ko",
    "lt",
    "lv",
    "mk",
    "ml",
    "nb",
    "nl",
    "pl",
    "pt",
    "pt_BR",
    "ro",
    "ru",
    "sk",
    "sl",
    "sq",
    "sr",
    "sv",
    "ta",
    "th",
    "tr",
    "uk",
    "vi",
    "zh_CN",
    "zh_TW",
]
PER_LANGUAGE = 80
MAX_LEN = 300


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    available = set(languages())
    written = 0
    for lang in WANTED:
        if lang not in available:
            continue
        seen: set[str] = set()
        picked: list[str] = []
        for message in messages(lang):
            line = " ".join(message.split())
            if not 25 <= len(line) <= MAX_LEN or line.isascii() or line in seen or "\\" in line:
                continue
            seen.add(line)
            picked.append(line)
        picked.sort(key=lambda s: (-len(set(s)), s))
        chosen = sorted(picked[:PER_LANGUAGE])
        if chosen:
            (OUT / f"{lang}.txt").write_text("\n".join(chosen) + "\n", encoding="utf-8")
            written += 1
    print(f"{written} languages -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
