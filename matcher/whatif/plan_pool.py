"""The recruits a plan may propose, and the pooled model `matcher plan` solves (see `matcher.whatif.plan`).

A recruit is a hypothetical mentor of a class (administration x band, x gender when a hard
same-gender rule makes gender matter); one pooled giver per class stands for all of them.
This module makes the classes, their people-file rows and the scenario with the pools added.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from constraints import MATCHING_RULE, Constraint, Instance
from matcher.domain import ADMINISTRATIONS, BANDS, VAN_UP_TO_YEARS
from matcher.io.people import PEOPLE_COLUMNS, validate_people
from matcher.problem import (
    BoolArray,
)
from matcher.scenario import Scenario
from matcher.solvers.settings import SolverSettings

#: Ids of proposed recruits: REKRYT-001, REKRYT-002, ...
RECRUIT_PREFIX = "REKRYT"
#: Rules whose filter reads information a recruit does not have before being recruited.
NOT_YET_KNOWN = ("pair_scores", "topics")
#: Years in the profession a recruit is assumed to have, per band (only the `position` rule
#: reads years; the band rule reads the band). Ny and Van: near the top of the band. Erfaren:
#: see `recruit_years` (more than any adept, so "the mentor is the more experienced" holds).
BAND_YEARS: dict[str, float] = {"Ny": 1.5, "Van": VAN_UP_TO_YEARS}
#: An Erfaren recruit has at least this many years (more when an adept has more).
ERFAREN_MIN_YEARS = 10.0


@dataclass(frozen=True, order=True)
class RecruitClass:
    """A kind of recruit: identical for every rule of the scenario."""

    administration: str
    band: str
    gender: str | None = None  # None: no hard rule reads a mentor's gender, any will do

    def label(self) -> str:
        parts = [self.administration, self.band] + ([self.gender] if self.gender else [])
        return " / ".join(parts)



# -- the classes and their people rows -----------------------------------------------------------


def _rule(constraints: Iterable[Constraint], name: str) -> Constraint | None:
    return next((c for c in constraints if c.name == name), None)


def gender_matters(scenario: Scenario) -> bool:
    """Whether a hard rule reads a mentor's gender: only hard same-gender requests do."""
    rule = _rule(scenario.active_constraints(), "gender_balance")
    if rule is None or getattr(rule.params, "same_gender_requests", "off") != "hard":
        return False
    takers = scenario.instance().takers
    return bool(takers["same_gender"].any())


def recruit_classes(scenario: Scenario) -> tuple[list[RecruitClass], bool]:
    """Every administration x band, times the genders of adepts who require a same-gender mentor.

    Adepts without such a request accept any gender, so the requesters' genders are enough.
    """
    if not gender_matters(scenario):
        return [RecruitClass(a, b) for a in ADMINISTRATIONS for b in BANDS], False
    takers = scenario.instance().takers
    genders = sorted(set(takers.loc[takers["same_gender"], "gender"].astype(str)))
    return [RecruitClass(a, b, g) for a in ADMINISTRATIONS for b in BANDS for g in genders], True


def recruit_years(scenario: Scenario) -> dict[str, float]:
    """Years per band: Ny 1.5, Van 5, Erfaren more than any adept (at least 10)."""
    takers = scenario.instance().takers
    most = float(np.nanmax(takers["years"].to_numpy(dtype=np.float64))) if takers["years"].notna().any() else 0.0
    return {**BAND_YEARS, "Erfaren": max(ERFAREN_MIN_YEARS, math.floor(most) + 1.0)}


def recruit_position(scenario: Scenario) -> str:
    """The position a recruit holds: the one the `position` rule asks of mentors, else the usual one."""
    rule = _rule(scenario.active_constraints(), "position")
    if rule is not None:
        return str(rule.params.giver_position)  # type: ignore[attr-defined]
    givers = scenario.instance().givers
    positions = givers["position"].astype(str)
    positions = positions[positions.str.strip() != ""]
    return str(positions.mode().iat[0]) if len(positions) else ""


def _free_ids(scenario: Scenario, count: int, prefix: str = RECRUIT_PREFIX) -> list[str]:
    """REKRYT-001.. (wider when needed), skipping ids the people file already uses."""
    taken = set(scenario.people["id"].astype(str))
    width = max(3, len(str(count)))
    ids: list[str] = []
    number = 1
    while len(ids) < count:
        candidate = f"{prefix}-{number:0{width}d}"
        if candidate not in taken:
            ids.append(candidate)
        number += 1
    return ids


def _people_rows(
    scenario: Scenario, classes: list[RecruitClass], ids: list[str], capacity: int, topics: list[str] | None = None
) -> pd.DataFrame:
    """Recruits as people-file rows (canonical English columns), validated like any input."""
    years = recruit_years(scenario)
    position = recruit_position(scenario)
    giver_role = scenario.instance().giver_role
    records = [
        {
            "id": rid,
            "role": giver_role,
            "administration": c.administration,
            "gender": c.gender or "undisclosed",
            "years": years[c.band],
            "band": c.band,
            "capacity": capacity,
            "unit": f"Rekrytering {rid}",  # a unit no one else has: `unit` never separates recruits
            "position": position,
            "topics": topics[k] if topics else "",
            "same_gender": "no",
            "name": "",
        }
        for k, (c, rid) in enumerate(zip(classes, ids, strict=True))
    ]
    return pd.DataFrame(records, columns=list(_RECRUIT_COLUMNS))


_RECRUIT_COLUMNS = tuple(c for c in PEOPLE_COLUMNS if c not in ("supervisor_trained", "applied_to", "source_row"))


def _with_people(scenario: Scenario, rows: pd.DataFrame, source: str) -> Scenario:
    """The scenario with extra people rows appended (validated), everything else as it was."""
    if rows.empty:
        return scenario
    extra = validate_people(rows, source)
    people = pd.concat([scenario.people, extra], ignore_index=True)
    people.attrs = dict(scenario.people.attrs)
    return replace(scenario, people=people)


def _coverage_hard(scenario: Scenario) -> Scenario:
    """The same scenario, but every adept must be matched."""
    constraints = {name: dict(params) for name, params in scenario.constraints.items()}
    constraints[MATCHING_RULE] = {**constraints.get(MATCHING_RULE, {}), "hard": True}
    return replace(scenario, constraints=constraints)


def _settings(scenario: Scenario, time_limit_s: float | None = None) -> SolverSettings:
    return scenario.solver.but(time_limit_s=time_limit_s or scenario.solver.time_limit_s)


# -- the pooled model ------------------------------------------------------------------------------


@dataclass
class _Pooled:
    """The scenario with one pooled giver per class appended, ready to build models from."""

    scenario: Scenario  # people incl. the pools, coverage hard
    inst: Instance
    constraints: list[Constraint]
    classes: list[RecruitClass]
    first_pool: int  # giver index of the first pool

    def eligible(self, constraints: list[Constraint] | None = None) -> BoolArray:
        """The engine's eligibility, except that rules on not-yet-known data spare the pools."""
        mask = np.ones((self.inst.n_givers, self.inst.n_takers), dtype=bool)
        for constraint in constraints if constraints is not None else self.constraints:
            allowed = constraint.filter_mask(self.inst)
            if allowed is None:
                continue
            if constraint.name in NOT_YET_KNOWN:
                allowed = allowed.copy()
                allowed[self.first_pool :, :] = True
            mask &= allowed
        return mask


def _pooled(scenario: Scenario, classes: list[RecruitClass]) -> _Pooled:
    base = _coverage_hard(scenario)
    n_takers = int((scenario.people["role"] == scenario.instance().taker_role).sum())
    ids = _free_ids(scenario, len(classes), prefix=f"{RECRUIT_PREFIX}-POOL")
    # A pool's capacity only needs to let it take every adept; the MIP sets the real bound.
    rows = _people_rows(scenario, classes, ids, max(n_takers, 1))
    augmented = _with_people(base, rows, "<recruits>")
    inst = augmented.instance()
    return _Pooled(augmented, inst, augmented.active_constraints(), classes, inst.n_givers - len(classes))


def _min_per_recruit(constraints: list[Constraint], capacity: int) -> int:
    rule = _rule(constraints, "capacity")
    return min(capacity, int(getattr(rule, "min_per_mentor", 0))) if rule is not None else 0


