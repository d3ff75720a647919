"""position: both sides hold a given position (förste mentorship), the mentor the more experienced.

The förste socialsekreterare programme: experienced förste mentor new förste. Positions are
compared with `fold` (case, diacritics and surrounding spaces ignored: "Förste
Socialsekreterare " == "forste socialsekreterare").

"More experienced" (`more_experienced: true`), one rule:
- when both have years in the profession: the mentor has strictly more years;
- when either lacks years (only a band was given): the mentor's band is strictly higher
  (Ny < Van < Erfaren). Two people in the same band without years cannot be told apart,
  so that pair is not allowed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from pydantic import Field, field_validator

from constraints.base import Instance, PairRule, Params, joined
from matcher.domain import BANDS, fold
from matcher.errors import Conflict, InvalidValue
from matcher.i18n import Msg
from matcher.problem import BoolArray

FORSTE: str = "förste socialsekreterare"
_BAND_RANK: dict[str, int] = {band: i for i, band in enumerate(BANDS)}


class PositionParams(Params):
    giver_position: str = Field(FORSTE, description="the position (befattning) every mentor/supervisor must hold")
    taker_position: str | None = Field(
        None, description="the position every adept/trainee must hold (none: the same as giver_position)"
    )
    more_experienced: bool = Field(
        True,
        description="the mentor must have more years than the adept (a higher band when years are missing)",
    )

    @field_validator("giver_position", "taker_position")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        if value is not None and not fold(value):
            raise InvalidValue(Msg("rule.position.invalid.empty"))
        return None if value is None else value.strip()


def _years(value: Any) -> float | None:
    try:
        years = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(years) else years


class Position(PairRule):
    name = "position"
    example = "position: {giver_position: förste socialsekreterare, more_experienced: true}"
    params_model: ClassVar[type[Params]] = PositionParams

    @property
    def p(self) -> PositionParams:
        assert isinstance(self.params, PositionParams)
        return self.params

    @property
    def taker_position(self) -> str:
        return self.p.taker_position if self.p.taker_position is not None else self.p.giver_position

    def describe(self) -> Msg:
        if fold(self.p.giver_position) == fold(self.taker_position):
            parts = [self.msg("describe.both", position=self.p.giver_position)]
        else:
            parts = [self.msg("describe.each", giver_position=self.p.giver_position,
                              taker_position=self.taker_position)]
        if self.p.more_experienced:
            parts.append(self.msg("describe.experienced"))
        text = joined(parts)
        return text if self.hard else self.msg("describe.soft", text=text)

    # -- the rule, vectorised and plain ----------------------------------------------------
    @staticmethod
    def _holds(table: pd.DataFrame, position: str) -> np.ndarray:
        """Whether each person holds the position, folding each distinct cell once."""
        wanted = fold(position)
        codes, uniques = pd.factorize(table["position"].astype(str))
        holds = np.array([fold(str(cell)) == wanted for cell in uniques] + [False], dtype=bool)
        result: np.ndarray = holds[codes]
        return result

    def experience_ok(self, inst: Instance) -> BoolArray:
        g_years = inst.givers["years"].to_numpy(dtype=np.float64)
        t_years = inst.takers["years"].to_numpy(dtype=np.float64)
        g_band = inst.givers["band"].map(_BAND_RANK).to_numpy(dtype=np.int64)
        t_band = inst.takers["band"].map(_BAND_RANK).to_numpy(dtype=np.int64)
        both_years = ~np.isnan(g_years)[:, None] & ~np.isnan(t_years)[None, :]
        with np.errstate(invalid="ignore"):
            by_years = g_years[:, None] > t_years[None, :]
        by_band = g_band[:, None] > t_band[None, :]
        result: BoolArray = np.where(both_years, by_years, by_band)
        return result

    def allowed(self, inst: Instance) -> BoolArray:
        givers = self._holds(inst.givers, self.p.giver_position)
        takers = self._holds(inst.takers, self.taker_position)
        result: BoolArray = givers[:, None] & takers[None, :]
        if self.p.more_experienced:
            result &= self.experience_ok(inst)
        return result

    def _more_experienced(self, giver: Mapping[str, Any], taker: Mapping[str, Any]) -> bool:
        g_years, t_years = _years(giver.get("years")), _years(taker.get("years"))
        if g_years is not None and t_years is not None:
            return g_years > t_years
        return BANDS.index(str(giver["band"])) > BANDS.index(str(taker["band"]))

    def pair_ok(self, giver: Mapping[str, Any], taker: Mapping[str, Any], inst: Instance) -> bool:
        if fold(str(giver.get("position", ""))) != fold(self.p.giver_position):
            return False
        if fold(str(taker.get("position", ""))) != fold(self.taker_position):
            return False
        return not self.p.more_experienced or self._more_experienced(giver, taker)

    # -- words -----------------------------------------------------------------------------
    def explain_pair(self, inst: Instance, giver: int, taker: int) -> Msg | None:
        g, t = inst.giver_records[giver], inst.taker_records[taker]
        g_pos = fold(str(g.get("position", ""))) == fold(self.p.giver_position)
        t_pos = fold(str(t.get("position", ""))) == fold(self.taker_position)
        if g_pos and t_pos and fold(self.p.giver_position) == fold(self.taker_position):
            parts = [self.msg("pair.both", position=self.p.giver_position)]
        else:
            parts = [
                self.msg("pair.giver.is" if g_pos else "pair.giver.is_not", position=self.p.giver_position),
                self.msg("pair.taker.is" if t_pos else "pair.taker.is_not", position=self.taker_position),
            ]
        if self.p.more_experienced:
            ok = self._more_experienced(g, t)
            g_years, t_years = _years(g.get("years")), _years(t.get("years"))
            if g_years is not None and t_years is not None:
                parts.append(self.msg("pair.years" if ok else "pair.years.not", giver_years=g_years,
                                      taker_years=t_years))
            else:
                parts.append(self.msg("pair.band" if ok else "pair.band.not", giver_band=str(g["band"]),
                                      taker_band=str(t["band"])))
        return joined(parts)

    def precheck(self, inst: Instance) -> list[Conflict]:
        """People who do not hold the required position can never be matched under the hard rule."""
        if not self.hard:
            return []
        conflicts = []
        for side, table, position in (
            ("givers", inst.givers, self.p.giver_position),
            ("takers", inst.takers, self.taker_position),
        ):
            wrong = table.loc[~self._holds(table, position)]
            if wrong.empty:
                continue
            ids = [str(i) for i in wrong["id"]]
            listed = [
                self.msg("person", id=pid, position=cell.strip()) if cell.strip() else self.msg("person.empty", id=pid)
                for pid, cell in zip(ids[:10], wrong["position"].astype(str), strict=False)
            ]
            who = self.msg("people.more", listed=listed, more=len(ids) - 10) if len(ids) > 10 else \
                self.msg("people", listed=listed)
            conflicts.append(
                self.conflict(inst, f"conflict.{side}", ids, count=len(ids), position=repr(position), who=who)
            )
        return conflicts
