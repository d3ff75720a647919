"""The files of `matcher plan`: plan.csv, recruits.csv (rows to append to the people file) and plan.json."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from matcher.whatif.plan_pool import _rule

if TYPE_CHECKING:
    from matcher.whatif.plan import RecruitPlan, Verification

# -- files ------------------------------------------------------------------------------------------


def people_file_layout(path: Path | None) -> tuple[dict[str, str], str, bool, str] | None:
    """The people file's headers (canonical name -> as written), delimiter, BOM and line end, if a CSV."""
    import csv

    from matcher.io.people import COLUMN_OF_KEY
    from matcher.io.tables import header_key

    if path is None or path.suffix.lower() not in (".csv", ".txt"):
        return None
    data = path.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    line_end = "\r\n" if b"\r\n" in data[:100_000] else "\n"
    lines = data.decode("utf-8-sig", errors="replace").splitlines()
    first = lines[0] if lines else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    headers: dict[str, str] = {}
    for header in next(csv.reader([first], delimiter=delimiter), []):
        name = COLUMN_OF_KEY.get(header_key(header), f"extra:{header}")
        headers.setdefault(name, header.strip())
    return headers, delimiter, bom, line_end


def recruits_csv(plan: RecruitPlan) -> str:
    """recruits.csv: in the people file's own headers and delimiter, so it can be appended to it.

    Falls back to the canonical English columns when the people file is not a CSV or lacks
    a column the recruits need (experience, capacity other than 1, unit, position, topics).
    """
    from matcher.output.cells import csv_text

    table = plan.recruits.copy()
    layout = people_file_layout(plan.scenario.files.get("people"))
    needed = {"id", "role", "administration", "gender", "unit"}
    # Years only matter to the position rule; elsewhere the band says it all.
    needs_years = _rule(plan.scenario.active_constraints(), "position") is not None
    needed |= {"capacity"} if plan.capacity != 1 else set()
    needed |= {c for c in ("position", "topics") if (table[c].astype(str) != "").any()}
    has_experience = layout is not None and ("years" in layout[0] or (not needs_years and "band" in layout[0]))
    if layout is not None and has_experience and needed <= set(layout[0]):
        headers, delimiter, bom, line_end = layout
        out = pd.DataFrame(
            {
                written: (table[name] if name in table.columns else "")
                for name, written in headers.items()
            }
        )
        if delimiter == ";" and headers.get("topics") in out.columns:
            out[headers["topics"]] = out[headers["topics"]].astype(str).str.replace("; ", ", ")
        text = csv_text(out, sep=delimiter, lineterminator=line_end)
        return ("\ufeff" if bom else "") + text
    return csv_text(table)


def plan_files(plan: RecruitPlan, verification: Verification | None = None) -> Mapping[str, str]:
    """The texts of plan.csv, recruits.csv and plan.json."""
    import json

    from matcher.output.cells import csv_text
    from matcher.run_record import json_safe

    summary = plan.summary()
    if verification is not None:
        summary["verification"] = verification.as_dict()
    return {
        "plan.csv": csv_text(plan.table()),
        "recruits.csv": recruits_csv(plan),
        "plan.json": json.dumps(json_safe(summary), indent=2, ensure_ascii=False) + "\n",
    }


def write_plan(plan: RecruitPlan, out_dir: Path, verification: Verification | None = None) -> list[Path]:
    """Write plan.csv, recruits.csv and plan.json into out_dir: all or none, never over an input file."""
    from matcher.output.cells import text_writer
    from matcher.output.folder import write_bundle

    texts = plan_files(plan, verification)
    writers = {name: text_writer(text) for name, text in texts.items()}
    return write_bundle(Path(out_dir), writers, protected=plan.scenario.files.values())
