"""Turn a Result into the output folder: CSVs, summary.json, report.html, matching.xlsx."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pandas as pd

from matcher.engine import Result
from matcher.report import render_report
from matcher.writers import write_outputs


def output_pairs(result: Result) -> pd.DataFrame:
    """pairs.csv's table, with the programme's column names (supervisor_id,trainee_id for trainees)."""
    if result.scenario.program == "trainee":
        return result.pairs.rename(columns={"mentor_id": "supervisor_id", "adept_id": "trainee_id"})
    return result.pairs


def write_result(result: Result, out_dir: Path, *, lang: Literal["en", "sv"] = "en") -> list[Path]:
    """Write every output, whole or not at all, never over an input file."""
    result = result.in_language(lang)  # pair and unmatched reasons in the language asked for
    summary = result.summary()
    pairs = output_pairs(result)
    html = render_report(summary, pairs, result.unmatched, lang=lang)
    return write_outputs(
        out_dir,
        pairs=pairs,
        unmatched=result.unmatched,
        summary=summary,
        report_html=html,
        protected=list(result.scenario.files.values()),
    )
