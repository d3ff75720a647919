"""Bad input files with every kind of problem the readers report, for the message tests
(tests/test_input_messages.py) and the Swedish-output test: people rows, missing columns, pair
files, scenario YAML and solver settings, CSV structure, JSON. `write_cases(folder)` writes them and
returns the scenario file of each case; run `matcher validate NAME.yaml` in `folder`."""

from __future__ import annotations

import shutil
from pathlib import Path

COHORT = Path(__file__).resolve().parents[1] / "scenarios" / "cohort"

HEADER = "id;roll;förvaltning;kön;år_i_yrket;erfarenhet;kapacitet;samma_kön\n"
PEOPLE_ROWS = (
    ";mentor;Centrum;kvinna;10;;2;nej\n"  # empty id
    "M1;mentor;Centrum;kvinna;10;;2;nej\n"
    "M1;mentor;Nordost;man;12;;1;nej\n"  # duplicate id
    "M3;chef;Centrum;kvinna;10;;1;nej\n"  # unknown role
    "M4;mentor;;kvinna;10;;1;nej\n"  # empty administration
    "M5;mentor;Västra;K?;10;;1;nej\n"  # unknown administration and gender
    "M6;mentor;Centrum;;tio;;1;nej\n"  # empty gender, years not a number
    "M7;mentor;Centrum;man;-3;;1;nej\n"  # negative years
    "M8;mentor;Centrum;man;99;;1;nej\n"  # too many years
    "M9;mentor;Centrum;man;;Expert;1;nej\n"  # unknown band
    "M10;mentor;Centrum;man;;;1;nej\n"  # neither years nor band
    "M11;mentor;Centrum;man;1;Erfaren;1;nej\n"  # band disagrees
    "M12;mentor;Centrum;man;10;;1,5;nej\n"  # capacity not whole
    "M13;mentor;Centrum;man;10;;-1;nej\n"  # capacity negative
    "M14;mentor;Centrum;man;10;;2000000;nej\n"  # capacity too large
    "A1;adept;Hisingen;kvinna;1;;;kanske\n"  # same_gender not yes/no
    ";;;;;;;\n"
    "A2;;Hisingen;kvinna;1;;;\n"  # empty role
)

CASES: dict[str, dict[str, str | bytes]] = {
    "people_rows": {"people_rows.csv": HEADER + PEOPLE_ROWS, "people_rows.yaml": "people: people_rows.csv\n"},
    "people_columns": {
        "people_columns.csv": "id,role,id\nM1,mentor,M1\n",
        "people_columns.yaml": "people: people_columns.csv\n",
    },
    "people_trainee": {
        "people_trainee.csv": "id,role,administration,gender,years,applied_to\n"
        "S1,supervisor,Centrum,woman,10,\nT1,trainee,Nordost,man,0,\nT2,trainee,Nordost,man,0,Göteborg; Hisingen\n",
        "people_trainee.yaml": "people: people_trainee.csv\nprogram: trainee\n",
    },
    "people_empty": {"people_empty.csv": "id,role,administration,gender,years\n",
                     "people_empty.yaml": "people: people_empty.csv\n"},
    "pairs": {
        "scores_bad.csv": "mentor_id,adept_id,score\nM0001,A0001,5\nM0001,A0001,6\nX1,A0002,1\n,A0003,2\n"
        "A0001,M0002,3\nM0002,A0004,tre\nM0002,A0005,2.5\nM0002,A0006,1e20\nM0003,A0007,\n",
        "locked_bad.csv": "mentor_id,adept_id\nM0001,A0001\nM0002,A0001\n",
        "exclusions_bad.csv": "mentor;adept;orsak\nM0001;A9;jäv\n",
        "pairs.yaml": "people: people.csv\npair_scores: scores_bad.csv\nlocked: locked_bad.csv\n"
        "exclusions: exclusions_bad.csv\n",
    },
    "pair_columns": {"nocols.csv": "a,b\n1,2\n", "pair_columns.yaml": "people: people.csv\nlocked: nocols.csv\n"},
    "yaml_keys": {
        "yaml_keys.yaml": "people: people.csv\ncolour: blue\nprogram: mentorsip\n"
        "solver: {workers: 0, time_limit_s: .nan, seed: x, backend: fast, gap: 1}\n"
        "constraints:\n  coverage: {weight: 3, priority: 2}\n  nonsense: {}\n  band: 5\n"
        "  gender_balance: {same_gender_requests: maybe, equal_match_rate_tolerance: 2}\n"
        "  unit: {hard: perhaps}\n",
    },
    "yaml_files": {"yaml_files.yaml": "people: nobody.csv\nlocked: gone.csv\n"},
    "yaml_no_people": {"yaml_no_people.yaml": "name: x\nconstraints: [coverage]\n"},
    "yaml_syntax": {"yaml_syntax.yaml": "people: people.csv\nconstraints:\n  band: {allowed: [\n"},
    "yaml_duplicate": {"yaml_duplicate.yaml": "people: people.csv\npeople: people.csv\n"},
    "yaml_rules_need": {"yaml_rules_need.yaml": "people: people.csv\nconstraints:\n  pair_scores: {}\n  history: {}\n"},
    "csv_ragged": {"ragged.csv": "id;role;administration;gender;years\nM1;mentor;Centrum;woman;10;x;y\n",
                   "csv_ragged.yaml": "people: ragged.csv\n"},
    "csv_quote": {"quote.csv": 'id,role,administration,gender,years\n"M1,mentor,Centrum,woman,10\n',
                  "csv_quote.yaml": "people: quote.csv\n"},
    "csv_encoding": {"enc.csv": b"\xef\xbb\xbfid,role\nM\xe9,mentor\n", "csv_encoding.yaml": "people: enc.csv\n"},
    "csv_xls": {"old.xls": b"x", "csv_xls.yaml": "people: old.xls\n"},
    "json_syntax": {"bad.json": '[{"id": "M1",}]', "json_syntax.yaml": "people: bad.json\n"},
    "json_records": {"recs.json": '[{"id": "M1"}, 3]', "json_records.yaml": "people: recs.json\n"},
}


def write_cases(folder: Path) -> list[str]:
    """Write every case into `folder` (with the example cohort's people.csv); the scenario files."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(COHORT / "people.csv", folder / "people.csv")
    scenarios = []
    for files in CASES.values():
        for name, content in files.items():
            target = folder / name
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
            if name.endswith(".yaml"):
                scenarios.append(name)
    return scenarios
