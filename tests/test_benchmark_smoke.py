"""The benchmark suite runs (timings are not asserted: that is the benchmark's job)."""

from __future__ import annotations

import importlib.util
import re

import pytest
from conftest import ROOT


def test_benchmark_smoke_run(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("mojifix_bench", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--smoke"]) == 0
    out = capsys.readouterr().out
    for row in ("clean English", "clean multilingual", "damaged", "adversarial", "short strings"):
        assert row in out
    # Where the outputs agree: mojifix and ftfy on clean English, line for line.
    assert "where the outputs agree" in out
    assert re.search(r"clean English += ftfy on (\d+)/\1\b", out), out
