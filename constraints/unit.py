"""unit: no pair inside the same unit (a mentor must not be the adept's manager, förste or colleague)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from constraints.base import Instance, PairRule
from matcher.domain import fold
from matcher.i18n import Msg
from matcher.problem import BoolArray


def unit_key(administration: str, unit: str) -> str:
    """Units are named within an administration: 'Utredning 1' exists in more than one."""
    return f"{administration}/{fold(unit)}" if unit.strip() else ""


class Unit(PairRule):
    name = "unit"
    example = "unit: {}"

    def describe(self) -> Msg:
        return self.msg("describe")

    def allowed(self, inst: Instance) -> BoolArray:
        g_keys = [unit_key(a, u) for a, u in zip(inst.givers["administration"], inst.givers["unit"], strict=True)]
        t_keys = [unit_key(a, u) for a, u in zip(inst.takers["administration"], inst.takers["unit"], strict=True)]
        codes, uniques = pd.factorize(pd.Series(g_keys + t_keys, dtype=object))
        empty_code = -2
        if "" in list(uniques):
            empty_code = int(list(uniques).index(""))
        g = codes[: len(g_keys)]
        t = codes[len(g_keys) :]
        same: BoolArray = (g[:, None] == t[None, :]) & (g[:, None] != empty_code)
        return np.logical_not(same)

    def pair_ok(self, giver: Mapping[str, Any], taker: Mapping[str, Any], inst: Instance) -> bool:
        g = unit_key(str(giver["administration"]), str(giver["unit"]))
        t = unit_key(str(taker["administration"]), str(taker["unit"]))
        return not g or g != t

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> Msg | None:
        g_unit, t_unit = inst.giver_records[giver]["unit"], inst.taker_records[taker]["unit"]
        if not g_unit or not t_unit:
            return None
        if self.pair_ok(inst.giver_records[giver], inst.taker_records[taker], inst):
            return self.msg("pair.different", giver_unit=g_unit, taker_unit=t_unit)
        return self.msg("pair.same", unit=g_unit)
