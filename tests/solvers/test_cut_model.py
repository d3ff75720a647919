"""The dual's model step (`_Dual.model_step`: one HiGHS LP kept for the whole minimisation, a row
added per cut) against scipy's linprog on the same cutting-plane model built afresh at every step.

Random small models: L stands in as the maximum of a few affine pieces (convex, piecewise linear,
like the real dual), or is the real dual of a small random Problem. Between steps new cuts come
in, the centre and its value move and the box changes, as in `_minimise_dual`. At every step the
two agree on the model's minimum (to a tolerance), and the returned point lies in the box and
within 0 <= lam <= cap, where the model takes the value returned.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from matcher.problem import FloatArray
from matcher.solvers import lagrangian
from tests.solvers.test_lagrangian import random_problem


def linprog_minimum(dual: lagrangian._Dual, center: FloatArray, f_center: float, radius: float) -> float:
    """The model's minimum over the step's box, by linprog on the model written out afresh (the
    model step's implementation before it kept one HiGHS LP)."""
    k = len(center)
    points, grads = np.array(dual.points), np.array(dual.grads)
    values = np.array(dual.values) - f_center
    a_ub = np.hstack([grads, -np.ones((len(values), 1))])
    b_ub = np.einsum("ij,ij->i", grads, points) - values
    lower = np.maximum(0.0, center - radius)
    upper = np.minimum(dual.cap_n, center + radius)
    bounds = [*zip(lower.tolist(), upper.tolist(), strict=True), (None, None)]
    result = linprog(np.append(np.zeros(k), 1.0), A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
    assert result.status == 0
    return f_center + float(result.x[k])


def model_value(dual: lagrangian._Dual, lam: FloatArray) -> float:
    """The cutting-plane model at lam: the largest cut."""
    return max(v + float(g @ (lam - p)) for p, g, v in zip(dual.points, dual.grads, dual.values, strict=True))


def check_step(dual: lagrangian._Dual, center: FloatArray, f_center: float, radius: float) -> FloatArray:
    lam, model = dual.model_step(center, f_center, radius)
    expected = linprog_minimum(dual, center, f_center, radius)
    # The LP sees values less f_center; f_center + theta rounds at f_center's magnitude.
    tolerance = 1e-6 * (1.0 + float(np.abs(np.array(dual.values) - f_center).max())) + 1e-12 * abs(f_center)
    assert abs(model - expected) <= tolerance, (model, expected)
    assert np.all(lam >= np.maximum(0.0, center - radius)) and np.all(lam <= center + radius)
    assert np.all(lam >= 0.0) and np.all(lam <= dual.cap_n)
    assert abs(model_value(dual, lam) - model) <= tolerance  # the point is where the minimum is
    return lam


def bare_dual(cap: FloatArray) -> lagrangian._Dual:
    """A _Dual with only what the model step reads: the caps and the evaluations (appended by the test)."""
    k = len(cap)
    return lagrangian._Dual(None, None, np.ones(k), None, np.zeros(k), cap, np.zeros(0))  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**31),
    k=st.integers(1, 6),
    pieces=st.integers(1, 8),
    steps=st.integers(1, 15),
    offset=st.sampled_from([0.0, 3.0e6, 3.0e8]),
)
def test_model_step_matches_linprog_on_random_models(seed: int, k: int, pieces: int, steps: int, offset: float) -> None:
    rng = np.random.default_rng(seed)
    slopes = rng.normal(size=(pieces, k)) * 10.0 ** rng.integers(-2, 3, size=(pieces, 1))
    intercepts = offset + rng.normal(size=pieces) * 100.0
    cap = np.where(rng.random(k) < 0.5, rng.uniform(0.5, 50.0, k), 1e9)
    dual = bare_dual(cap)

    def evaluate(lam: FloatArray) -> float:
        piece = slopes @ lam + intercepts
        best = int(np.argmax(piece))
        dual.points.append(lam.copy())
        dual.grads.append(slopes[best].copy())
        dual.values.append(float(piece[best]))
        return float(piece[best])

    center = np.where(rng.random(k) < 0.5, 0.0, rng.uniform(0.0, np.minimum(cap, 20.0)))
    f_center = evaluate(center)
    radius = float(rng.uniform(0.1, 30.0))
    for _ in range(steps):
        lam = check_step(dual, center, f_center, radius)
        f_new = evaluate(lam)
        if rng.random() < 0.5:  # a second cut, elsewhere
            evaluate(np.clip(lam + rng.normal(size=k), 0.0, cap))
        if f_new < f_center:  # a serious step: the centre moves, f_center with it
            center, f_center = lam, f_new
        elif rng.random() < 0.3:  # any point evaluated so far as the centre: f_center up or down
            at = int(rng.integers(len(dual.points)))
            center, f_center = dual.points[at].copy(), dual.values[at]
        radius = float(radius * rng.choice([0.5, 1.0, 4.0]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**31),
    n_givers=st.integers(3, 8),
    n_takers=st.integers(3, 10),
    rows=st.sampled_from([("cross",), ("rates",), ("cross", "rates")]),
    soft=st.booleans(),
)
def test_model_step_matches_linprog_on_the_dual_of_random_problems(
    seed: int, n_givers: int, n_takers: int, rows: tuple[str, ...], soft: bool
) -> None:
    """The real L (assignment solves on priced weights), minimised as `_minimise_dual` does."""
    problem = random_problem(seed, n_givers, n_takers, 2, rows, soft=soft)
    if not problem.rows:
        return
    comb = lagrangian.combine_levels(problem)
    dual = lagrangian._Dual.build(comb, lagrangian._subproblem(problem))
    center = np.zeros(len(comb.labels))
    f_center, _, _ = dual.evaluate(center)
    radius = 1.0
    for _ in range(12):
        lam = check_step(dual, center, f_center, radius)
        f_new, _, _ = dual.evaluate(lam)
        if f_new < f_center:
            center, f_center = lam, f_new
            radius *= 4.0
        else:
            radius /= 2.0


def test_a_model_highs_does_not_solve_leaves_the_step_at_the_centre() -> None:
    """Status not optimal (here an empty box: the centre beyond a cap): the centre and its value,
    so that `_minimise_dual` sees no predicted progress and stops."""
    dual = bare_dual(np.array([1.0, 1.0]))
    dual.points.append(np.zeros(2))
    dual.grads.append(np.array([-1.0, 2.0]))
    dual.values.append(3.0)
    center = np.array([5.0, 0.0])
    lam, model = dual.model_step(center, 3.0, 1.0)
    assert np.array_equal(lam, center) and lam is not center
    assert model == 3.0
    lam, model = dual.model_step(np.zeros(2), 3.0, 1.0)  # the same LP object, a box again
    assert np.allclose(lam, [1.0, 0.0]) and abs(model - 2.0) <= 1e-9


def test_a_thread_pool_made_by_another_highs_user_does_not_stop_the_step() -> None:
    """HiGHS has one thread pool per process. The model step does not rebuild it on every model
    (not safe under a solve in another thread); when another user made it with another thread
    count, HiGHS answers 'not set' and the step rebuilds it and solves, instead of stopping."""
    import highspy

    other = highspy.Highs()
    other.setOptionValue("output_flag", False)
    type(other).resetGlobalScheduler(True)
    other.setOptionValue("threads", 2)  # another user of HiGHS, with another thread count
    other.addCols(1, np.array([1.0]), np.array([0.0]), np.array([1.0]), 0, np.zeros(1, dtype=np.int32),
                  np.zeros(0, dtype=np.int32), np.zeros(0))
    other.run()
    assert other.getModelStatus() == highspy.HighsModelStatus.kOptimal
    dual = bare_dual(np.array([1.0, 1.0]))
    dual.points.append(np.zeros(2))
    dual.grads.append(np.array([-1.0, 2.0]))
    dual.values.append(3.0)
    lam, model = dual.model_step(np.zeros(2), 3.0, 1.0)
    assert np.allclose(lam, [1.0, 0.0]) and abs(model - 2.0) <= 1e-9
