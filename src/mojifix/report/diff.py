"""Unified diffs of what ``mojifix fix --diff`` would write."""

from __future__ import annotations

import difflib


def unified_diff(path: str, before: str, after: str) -> str:
    """A ``diff -u`` style patch from ``before`` to ``after`` (empty when equal).

    >>> print(unified_diff("a.txt", "cafÃ©\\n", "café\\n"), end="")
    --- a/a.txt
    +++ b/a.txt
    @@ -1 +1 @@
    -cafÃ©
    +café
    """
    if before == after:
        return ""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    out: list[str] = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:  # the last line of a file without a final newline
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)
