"""The record of a run: `summary.json`, typed, versioned, and the only way to read an output folder.

`matcher run` and `matcher repair` write one `RunRecord` per output folder; explain, check,
publish, repair and the workspace read it back with `read_run(out_dir)`, and rebuild the
scenario it solved with `solved_scenario(record, as_of=...)`. The JSON Schema of the file is
generated from these models into `docs/summary.schema.json`:

    python -m matcher.run_record            # regenerate docs/summary.schema.json

Versions: 1 is the untyped summary.json written before this record (no `schema_version`
key); it is read and upgraded here. 2 adds `schema_version`, each rule's `parts` (hard part or
preference, each with its own verdict and a message in the catalogue's form), and states
that a level's `bound` and the run's `best_bound`/`gap` are null when nothing is proven
(never the value itself). A record of a newer version than this code knows is refused.

The keys readers rely on (`status`, `objective`, `best_bound`, `solve_seconds`, `kpis`, the
per-rule `name`/`hard`/`holds`/`detail`) keep their names and meanings from version 1.
Aggregates only: never a name; ids appear nowhere in this file.
"""

from matcher.run_record.build import record_of
from matcher.run_record.model import (
    SCHEMA_PATH,
    SCHEMA_VERSION,
    SUMMARY_FILE,
    AsOf,
    Changes,
    Inputs,
    Kpis,
    Level,
    MsgJson,
    Part,
    RepairInputs,
    Rule,
    RunRecord,
    detail_text,
    json_safe,
    msg_json,
    schema,
    schema_text,
)
from matcher.run_record.read import parse_record, read_run, solved_scenario

__all__ = [
    "SCHEMA_PATH",
    "SCHEMA_VERSION",
    "SUMMARY_FILE",
    "AsOf",
    "Changes",
    "Inputs",
    "Kpis",
    "Level",
    "MsgJson",
    "Part",
    "RepairInputs",
    "Rule",
    "RunRecord",
    "detail_text",
    "json_safe",
    "msg_json",
    "parse_record",
    "read_run",
    "record_of",
    "schema",
    "schema_text",
    "solved_scenario",
]
