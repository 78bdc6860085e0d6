"""Build the notebook report once per test session (shared by test_notebooks and test_browser)."""
from __future__ import annotations

import functools
from pathlib import Path

from conftest import ROOT

from analysis.report import ReportError, build_report


@functools.cache
def built_report(base: Path) -> tuple[Path, str | None]:
    """Execute every notebook into ``base/report``; returns the folder and any failure message."""
    out = base / "report"
    try:
        build_report(out=out, notebooks=ROOT / "notebooks")
    except ReportError as exc:
        return out, str(exc)
    return out, None
