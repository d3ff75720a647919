"""The independent checker: re-verifies a matching against the scenario's hard rules.

It reads only the validated input and the pairs (a DataFrame or a pairs.csv a person may
have edited by hand); it never touches the optimisation model or a solver. Each rule's own
`check` does the rule-specific part; the structure (ids, roles, one mentor per adept) is
checked here. A rule reports one verdict per part: only a broken hard part makes the
matching invalid, an unmet preference is shown as such.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from constraints import Constraint, Instance, Verdict
from constraints.base import PartVerdict
from matcher.errors import rule_ref
from matcher.i18n import Lang, Msg, say
from matcher.scenario import Scenario


@dataclass
class CheckReport:
    """Every rule's verdict, and the hard violations that make the matching invalid."""

    verdicts: dict[str, Verdict] = field(default_factory=dict)
    structural: list[Msg] = field(default_factory=list)  # ids that are not who they should be, in words
    hard: dict[str, bool] = field(default_factory=dict)  # rule -> configured hard (for verdicts in the older form)
    program: str = "mentorship"

    @property
    def valid(self) -> bool:
        return not self.structural and not any(part.broken for _, part in self.parts())

    def parts(self) -> list[tuple[str, PartVerdict]]:
        """(rule, part) for every part of every rule, in the scenario's order."""
        return [(name, part) for name, v in self.verdicts.items() for part in v.part_list(self.hard.get(name, True))]

    def problem_messages(self) -> list[Msg]:
        """What makes the matching invalid: structural problems, then each broken hard part."""
        found = list(self.structural)
        found += [Msg("check.problem", {"rule": rule_ref(name), "detail": part.detail})
                  for name, part in self.parts() if part.broken]
        return found

    def problems(self, lang: Lang = "en") -> list[str]:
        return [m.render(lang, self.program) for m in self.problem_messages()]


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


def check_matching(
    scenario: Scenario, pairs: pd.DataFrame, settled: Mapping[str, Mapping[str, Any]] | None = None
) -> CheckReport:
    """Verify `pairs` against every rule in force in `scenario`.

    `settled`: what each rule settled when the matching was made (a fairness rule's floors and
    least mean pair score, from the run's record): the pairs are checked against that. Each pair's
    score is recomputed from the scenario's own scoring rules, never read from the list (a list
    edited by hand may carry a moved pair's old score).
    InputError when `scenario` is not a Scenario or `pairs` not a table of pairs (mentor_id,adept_id)."""
    from matcher.arguments import checked_scenario, pairs_table

    scenario = checked_scenario(scenario)
    pairs = normalise_pair_columns(pairs_table(pairs, "pairs"))
    inst = scenario.instance()
    report = CheckReport(program=scenario.program)
    giver_ids, taker_ids = set(inst.givers["id"]), set(inst.takers["id"])
    for m in sorted(set(pairs["mentor_id"]) - giver_ids):
        report.structural.append(Msg("check.structure.not_giver", {"id": m}))
    for a in sorted(set(pairs["adept_id"]) - taker_ids):
        article = "an" if inst.taker_role[0] in "aeiou" else "a"  # an adept, a trainee
        report.structural.append(Msg(f"check.structure.not_taker.{article}", {"id": a}))
    for a, n in pairs["adept_id"].value_counts().items():
        if n > 1:
            report.structural.append(Msg("check.structure.twice", {"id": str(a), "count": int(n)}))
    if pairs.duplicated(["mentor_id", "adept_id"]).any():
        report.structural.append(Msg("check.structure.same_pair"))
    if report.structural:
        return report  # the rules' checks assume known ids
    constraints = scenario.active_constraints()
    pairs = pairs.assign(score=_pair_scores(inst, constraints, pairs))
    if settled:
        from matcher.engine import eligibility  # the hard pair rules' filters only: no model, no solver

        allowed = eligibility(inst, constraints)
        for constraint in constraints:
            if settled.get(constraint.name):
                constraint.restore(settled[constraint.name], allowed)
    for constraint in constraints:
        report.verdicts[constraint.name] = constraint.check(inst, pairs)
        report.hard[constraint.name] = constraint.hard
    return report


def _pair_scores(inst: Instance, constraints: list[Constraint], pairs: pd.DataFrame) -> np.ndarray:
    """Each pair's score as the scenario defines it: the weighted terms of the rules that count in
    a pair's score (questionnaire scores, shared topics, ...), for these pairs only."""
    giver = pd.Index(inst.givers["id"]).get_indexer(pairs["mentor_id"]).astype(np.int64)
    taker = pd.Index(inst.takers["id"]).get_indexer(pairs["adept_id"]).astype(np.int64)
    score = np.zeros(len(pairs), dtype=np.int64)
    for constraint in constraints:
        if not constraint.counts_in_score:
            continue
        terms = constraint.pair_terms(inst, giver, taker)
        if terms is not None:
            score += np.asarray(terms, dtype=np.int64) * constraint.params.weight
    return score


def report_lines(report: CheckReport, lang: Lang) -> list[str]:
    """`matcher check`'s table: one line per part of each rule, how it stands (holds / broken / not
    met), the rule, its kind (must hold / preferred) and the detail, in `lang`."""
    if not report.verdicts:
        return []
    states = {s: say(f"rule.part.state.{s}", lang) for s in ("holds", "broken", "unmet")}
    kinds = {k: say(f"rule.part.kind.{k}", lang) for k in ("hard", "preference")}
    names = {name: rule_ref(name).render(lang).strip("”") for name in report.verdicts}  # a column: no quotes
    state_width = max(len(word) for word in states.values())
    name_width = max(15, *(len(name) for name in names.values()))
    kind_width = max(len(word) for word in kinds.values())
    return [
        f"{states[part.state]:<{state_width}}  {names[name]:<{name_width}}  {kinds[part.kind]:<{kind_width}}  "
        f"{part.render(lang, report.program)}"
        for name, part in report.parts()
    ]
