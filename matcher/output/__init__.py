"""The output folder: the one place that writes it (and, with `matcher.run_record`, reads it back).

* `folder`: writing a folder whole or not at all (`write_bundle`), leftovers, the default
  folder when `--out` is not given, single files written atomically.
* `cells`: every CSV written, with formula injection neutralised; reading our CSVs back.
* `run`: the folder of `matcher run` / `matcher repair` from a Result (`write_result`, `write_run`).
* `workbook`: matching.xlsx, in the run's language.
* reading a run's folder: `matcher.run_record.read_run` (summary.json is the record).

Kept free of imports here, so that a command needing only `folder` does not load the engine.
"""

from __future__ import annotations

from typing import Any

_LAZY = {
    "write_result": "matcher.output.run",
    "write_run": "matcher.output.run",
    "output_pairs": "matcher.output.run",
    "coordinator_pairs": "matcher.output.run",
    "OUTPUT_FILES": "matcher.output.run",
    "write_bundle": "matcher.output.folder",
    "default_out_dir": "matcher.output.folder",
    "atomic_write_text": "matcher.output.folder",
    "FileWriter": "matcher.output.folder",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'matcher.output' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
