"""The constraint catalogue: one rule per module, registered here by name.

Every module in this package that defines a Constraint subclass with a `name` is found
automatically: adding a rule is adding a file. CATALOGUE_ORDER fixes the order rules are
applied and listed in; rules not named there follow in alphabetical order.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from constraints.base import Constraint, Instance, Params, Verdict

CATALOGUE_ORDER = (
    "capacity",
    "coverage",
    "band",
    "unit",
    "administration",
    "gender_balance",
    "fair_match_rate",
    "administration_equity",
    "topics",
    "pair_scores",
    "exclusions",
    "locked",
    # earlier cohorts, from the history database (after capacity: mentor_load lowers its bounds)
    "history",
    "mentor_load",
    # trainee programme and förste mentorship
    "administration_quota",
    "supervisor_trained",
    "same_administration",
    "preference",
    "gender_target",
    "position",
)


def _discover() -> dict[str, type[Constraint]]:
    found: dict[str, type[Constraint]] = {}
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Constraint) and not inspect.isabstract(cls) and cls.__module__ == module.__name__:
                name = getattr(cls, "name", None)
                if isinstance(name, str):
                    if name in found and found[name] is not cls:
                        raise RuntimeError(f"two constraint modules define the name {name!r}")
                    found[name] = cls
    known = [n for n in CATALOGUE_ORDER if n in found]
    return {name: found[name] for name in [*known, *sorted(set(found) - set(known))]}


#: Every constraint the engine knows, by the name used in scenario files.
REGISTRY: dict[str, type[Constraint]] = _discover()

#: The rule that says whether takers are matched at all (`Constraint.decides_matching`: coverage),
#: for code that writes scenario files (every adept must be matched, or as many as possible).
MATCHING_RULE: str = next(name for name, rule in REGISTRY.items() if rule.decides_matching)

__all__ = ["CATALOGUE_ORDER", "MATCHING_RULE", "REGISTRY", "Constraint", "Instance", "Params", "Verdict"]
