"""Why each adept is left out: the counting by class gives the words the plain pair-by-pair
definition gives.

`left_out._taker_reasons` reads the candidates off the problem's pairs and counts a row made of
group counts per owner and class. The reference below is the plain counting it replaced: look
each candidate (giver, taker) up among the eligible pairs, and test every hard row pair by pair.
Both counts are put into words by the same `_reasons_from_counts`, so a difference is one of
counting.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from matcher.engine import build_model
from matcher.errors import InfeasibleError
from matcher.i18n import Msg
from matcher.left_out import _reasons_from_counts, _row_sides, _taker_reasons
from matcher.problem import pair_index
from tests.strategies import specs


def _reference_reasons(inst, model, x, load, capacity, takers) -> list[Msg]:  # type: ignore[no-untyped-def]
    problem = model.problem
    lhs_of = _row_sides(model, x)
    givers, column = np.nonzero(model.eligible[:, takers])
    n_options = np.bincount(column, minlength=len(takers))
    has_room = load[givers] < capacity[givers]
    n_free = np.bincount(column[has_room], minlength=len(takers))
    candidate = has_room | (n_free[column] == 0)
    pairs = pair_index(problem, givers[candidate], takers[column[candidate]])
    found = pairs >= 0
    pairs, owner = pairs[found], column[candidate][found]
    blocked_rows = []
    for row, lhs in zip(problem.rows, lhs_of, strict=True):
        if not row.hard:
            continue
        new = lhs + row.coef[pairs]  # the dense pair-length row, whatever it is made from
        breaks = new > row.rhs + 1e-9 if row.sense == "<=" else new < row.rhs - 1e-9
        counts = np.bincount(owner[breaks], minlength=len(takers))
        if counts.any():
            blocked_rows.append((row.description, counts))
    return _reasons_from_counts(inst, model, takers, n_options, n_free, blocked_rows)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs(max_givers=5, max_takers=8, global_rows=True), st.randoms(use_true_random=False))
def test_reasons_match_the_pair_by_pair_definition(spec, rnd) -> None:  # type: ignore[no-untyped-def]
    try:
        model = build_model(spec.scenario())
    except InfeasibleError:
        assume(False)  # refused before any matching: nobody to explain
        return
    problem, inst = model.problem, model.inst
    # Any matching-like choice: each taker at most once, givers possibly over their places.
    x = np.zeros(problem.n_pairs, dtype=bool)
    for t in range(problem.n_takers):
        options = np.flatnonzero(problem.taker == t)
        if len(options) and rnd.random() < 0.6:
            x[rnd.choice(list(options))] = True
    chosen = np.flatnonzero(x)
    load = np.bincount(problem.giver[chosen], minlength=inst.n_givers)
    capacity = np.minimum(inst.givers["capacity"].to_numpy(dtype=np.int64), problem.giver_max)
    matched = np.zeros(inst.n_takers, dtype=bool)
    matched[problem.taker[chosen]] = True
    takers = np.flatnonzero(~matched)
    found = _taker_reasons(inst, model, _row_sides(model, x), load, capacity, takers)
    expected = _reference_reasons(inst, model, x, load, capacity, takers)
    assert [m.render("en", inst.program) for m in found] == [m.render("en", inst.program) for m in expected]
