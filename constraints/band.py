"""band: which mentor experience bands may mentor which adept bands (Ny / Van / Erfaren)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np
from pydantic import Field, field_validator

from constraints.base import Instance, PairRule, Params
from matcher.domain import BANDS, parse_band
from matcher.errors import InvalidValue
from matcher.i18n import Msg
from matcher.problem import BoolArray

DEFAULT_ALLOWED: dict[str, list[str]] = {"Erfaren": ["Ny", "Van"], "Van": ["Ny"]}


class BandParams(Params):
    allowed: dict[str, list[str]] = Field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_ALLOWED.items()},
        description="mentor band -> the adept bands it may mentor",
    )

    @field_validator("allowed")
    @classmethod
    def _canonical_bands(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        canonical: dict[str, list[str]] = {}
        for giver_band, taker_bands in value.items():
            giver = parse_band(str(giver_band))
            if giver is None:
                raise InvalidValue(
                    Msg("rule.band.invalid.unknown", {"band": repr(giver_band), "known": ", ".join(BANDS)})
                )
            takers = []
            for band in taker_bands:
                taker = parse_band(str(band))
                if taker is None:
                    raise InvalidValue(
                        Msg("rule.band.invalid.unknown", {"band": repr(band), "known": ", ".join(BANDS)})
                    )
                takers.append(taker)
            canonical[giver] = takers
        return canonical


class Band(PairRule):
    name = "band"
    example = "band: {allowed: {Erfaren: [Ny, Van], Van: [Ny]}}"
    params_model: ClassVar[type[Params]] = BandParams

    @property
    def table(self) -> dict[str, list[str]]:
        assert isinstance(self.params, BandParams)
        return self.params.allowed

    def describe(self) -> Msg:
        rules = [f"{g}->{'/'.join(t)}" for g, t in self.table.items() if t]
        return self.msg("describe", table=rules) if rules else self.msg("describe.none")

    def allowed(self, inst: Instance) -> BoolArray:
        code = {band: i for i, band in enumerate(BANDS)}
        lookup = np.zeros((len(BANDS), len(BANDS)), dtype=bool)
        for giver_band, taker_bands in self.table.items():
            for taker_band in taker_bands:
                lookup[code[giver_band], code[taker_band]] = True
        g = inst.givers["band"].map(code).to_numpy(dtype=np.int64)
        t = inst.takers["band"].map(code).to_numpy(dtype=np.int64)
        result: BoolArray = lookup[g[:, None], t[None, :]]
        return result

    def pair_ok(self, giver: Mapping[str, Any], taker: Mapping[str, Any], inst: Instance) -> bool:
        return taker["band"] in self.table.get(giver["band"], [])

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> Msg | None:
        g_band, t_band = inst.giver_records[giver]["band"], inst.taker_records[taker]["band"]
        allowed = t_band in self.table.get(g_band, [])
        return self.msg("pair.allowed" if allowed else "pair.outside", giver_band=g_band, taker_band=t_band)
