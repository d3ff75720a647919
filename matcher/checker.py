"""The independent checker: re-verifies a matching against the scenario's hard rules.

It reads only the validated input and the pairs (a DataFrame or a pairs.csv a person may
have edited by hand); it never touches the optimisation model or a solver. Each rule's own
`check` does the rule-specific part; the structure (ids, roles, one mentor per adept) is
checked here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from constraints import Verdict
from matcher.scenario import Scenario


@dataclass
class CheckReport:
    """Every rule's verdict, and the hard violations that make the matching invalid."""

    verdicts: dict[str, Verdict] = field(default_factory=dict)
    structural: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.structural and not any(v.hard_broken for v in self.verdicts.values())

    def problems(self) -> list[str]:
        found = list(self.structural)
        found += [f"{name}: {v.detail}" for name, v in self.verdicts.items() if v.hard_broken]
        return found


def normalise_pair_columns(pairs: pd.DataFrame) -> pd.DataFrame:
    """Accept mentor_id/adept_id or supervisor_id/trainee_id."""
    renamed = pairs.rename(columns={"supervisor_id": "mentor_id", "trainee_id": "adept_id"})
    missing = {"mentor_id", "adept_id"} - set(renamed.columns)
    if missing:
        raise ValueError(f"pairs need columns mentor_id,adept_id (or supervisor_id,trainee_id); missing {missing}")
    renamed = renamed.copy()
    renamed["mentor_id"] = renamed["mentor_id"].astype(str)
    renamed["adept_id"] = renamed["adept_id"].astype(str)
    return renamed


def check_matching(scenario: Scenario, pairs: pd.DataFrame) -> CheckReport:
    """Verify `pairs` against every rule in force in `scenario`.

    InputError when `scenario` is not a Scenario or `pairs` not a table of pairs (mentor_id,adept_id)."""
    from matcher.arguments import checked_scenario, pairs_table

    scenario = checked_scenario(scenario)
    pairs = normalise_pair_columns(pairs_table(pairs, "pairs"))
    inst = scenario.instance()
    report = CheckReport()
    giver_ids, taker_ids = set(inst.givers["id"]), set(inst.takers["id"])
    for m in sorted(set(pairs["mentor_id"]) - giver_ids):
        report.structural.append(f"{m} is not a {inst.giver_role} in the people file")
    for a in sorted(set(pairs["adept_id"]) - taker_ids):
        article = "an" if inst.taker_role[0] in "aeiou" else "a"  # an adept, a trainee
        report.structural.append(f"{a} is not {article} {inst.taker_role} in the people file")
    for a, n in pairs["adept_id"].value_counts().items():
        if n > 1:
            report.structural.append(f"{a} appears in {n} pairs; each {inst.taker_role} has one {inst.giver_role}")
    if pairs.duplicated(["mentor_id", "adept_id"]).any():
        report.structural.append("the same pair is listed twice")
    if report.structural:
        return report  # the rules' checks assume known ids
    for constraint in scenario.active_constraints():
        report.verdicts[constraint.name] = constraint.check(inst, pairs)
    return report
