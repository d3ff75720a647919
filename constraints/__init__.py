"""The constraint catalogue: one rule per module, registered here by name."""

from __future__ import annotations

from constraints.administration import Administration
from constraints.band import Band
from constraints.base import Constraint, Instance, Params, Verdict
from constraints.capacity import Capacity
from constraints.coverage import Coverage
from constraints.exclusions import Exclusions
from constraints.gender_balance import GenderBalance
from constraints.locked import Locked
from constraints.pair_scores import PairScores
from constraints.topics import Topics
from constraints.unit import Unit

#: Every constraint the engine knows, by the name used in scenario files.
REGISTRY: dict[str, type[Constraint]] = {
    cls.name: cls
    for cls in (
        Capacity,
        Coverage,
        Band,
        Unit,
        Administration,
        GenderBalance,
        Topics,
        PairScores,
        Exclusions,
        Locked,
    )
}

__all__ = ["REGISTRY", "Constraint", "Instance", "Params", "Verdict"]
