"""same_administration: a trainee is placed only in an administration they applied to.

Trainees list the administrations they applied to, in order of preference, optionally with
a unit ("Hisingen/Enhet 3"). The supervisor's administration must be one of them; with
`same_unit`, where the trainee named a unit for that administration, the supervisor must
work in that unit (compared without case, diacritics or repeated spaces).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from pydantic import Field

from constraints.base import Instance, PairRule, Params
from matcher.domain import ADMINISTRATIONS, fold
from matcher.i18n import Msg
from matcher.problem import BoolArray


class SameAdministrationParams(Params):
    same_unit: bool = Field(
        False, description="where the trainee named a unit ('Hisingen/Enhet 3'), the supervisor must work in it"
    )


def choices(applied_to: Any) -> list[tuple[str, str]]:
    """(administration, unit or '') of each choice, in the trainee's order of preference."""
    result = []
    for choice in applied_to or ():
        administration, _, unit = str(choice).partition("/")
        result.append((administration, unit.strip()))
    return result


def unit_key(unit: str) -> str:
    """A unit name compared without case, diacritics or repeated spaces: 'Öppenvård  Barn' ~ 'oppenvard barn'."""
    return " ".join(fold(unit).split())


class SameAdministration(PairRule):
    name = "same_administration"
    example = "same_administration: {same_unit: true}"
    params_model: ClassVar[type[Params]] = SameAdministrationParams

    @property
    def same_unit(self) -> bool:
        assert isinstance(self.params, SameAdministrationParams)
        return self.params.same_unit

    def describe(self) -> Msg:
        where = "unit" if self.same_unit else "administration"
        if self.hard:
            return self.msg(f"describe.{where}")
        return self.msg(f"describe.{where}.soft", weight=self.params.weight)

    def allowed(self, inst: Instance) -> BoolArray:
        code = {a: i for i, a in enumerate(ADMINISTRATIONS)}
        giver_code = inst.givers["administration"].map(code).to_numpy(dtype=np.int64)
        # free[a, t]: trainee t accepts any supervisor in administration a
        free = np.zeros((len(ADMINISTRATIONS), inst.n_takers), dtype=bool)
        unit_choices: dict[int, set[str]] = {}
        for t, applied_to in enumerate(inst.takers["applied_to"]):
            for administration, unit in choices(applied_to):
                if self.same_unit and unit:
                    unit_choices.setdefault(t, set()).add(f"{administration}/{unit_key(unit)}")
                else:
                    free[code[administration], t] = True
        result: BoolArray = free[giver_code, :]
        if unit_choices:
            pairs = zip(inst.givers["administration"], inst.givers["unit"], strict=True)
            keys = pd.Series([f"{a}/{unit_key(str(u))}" for a, u in pairs], dtype=object)
            for t, wanted in unit_choices.items():
                result[:, t] |= keys.isin(wanted).to_numpy(dtype=bool)
        return result

    def pair_ok(self, giver: Mapping[str, Any], taker: Mapping[str, Any], inst: Instance) -> bool:
        for administration, unit in choices(taker["applied_to"]):
            if administration != giver["administration"]:
                continue
            if not self.same_unit or not unit or unit_key(unit) == unit_key(str(giver["unit"])):
                return True
        return False

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> Msg | None:
        g, t = inst.giver_records[giver], inst.taker_records[taker]
        administration = str(g["administration"])
        if self.pair_ok(g, t, inst):
            where = f"{administration}/{g['unit']}" if self.same_unit and g["unit"] else administration
            return self.msg("pair.applied", where=where)
        applied = [str(c) for c in t["applied_to"]]
        if not applied:
            return self.msg("pair.nothing", administration=administration)
        return self.msg("pair.not_applied", administration=administration, applied=applied)

    def unreachable(self, inst: Instance) -> list[str]:
        """Trainees who applied to no administration (or unit) that has any supervisor."""
        reachable = [bool(v) for v in np.any(self.allowed(inst), axis=0)]
        return [str(pid) for pid, ok in zip(inst.takers["id"], reachable, strict=True) if not ok]

    def conflict_words(self, inst: Instance) -> Msg:
        words = self.msg("conflict_words.unit" if self.same_unit else "conflict_words.administration")
        stranded = self.unreachable(inst)
        if stranded:
            return self.msg("conflict_words.stranded", words=words, count=len(stranded), ids=stranded[:10])
        return words
