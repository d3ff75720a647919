"""MIP back-end through OR-Tools' model_builder: HiGHS or SCIP, both inside the ortools wheel.

Used when global rows (cross share, equal match rates) make the problem more than a flow
and it is small enough for an LP-based branch and bound. The model is handed over in bulk
(a sparse matrix), never variable by variable. Priorities are solved one after another:
level 1 is optimised, its value fixed as a constraint, then level 2, and so on.
"""

from __future__ import annotations

import time

import numpy as np
import scipy.sparse as sp
from ortools.linear_solver.python import model_builder as mb

from matcher.problem import Problem, ProblemInfeasible, ProblemTimeout, SolverSettings, Solution

_STATUS_OK = (mb.SolveStatus.OPTIMAL, mb.SolveStatus.FEASIBLE)


def _parameters(engine: str, settings: SolverSettings, integral_objective: bool) -> str:
    abs_gap = 0.999 if integral_objective else 1e-9
    if engine == "highs":
        return "\n".join(
            [
                "output_flag=false",
                f"threads={max(1, settings.workers)}",
                f"random_seed={settings.seed}",
                f"mip_rel_gap={settings.relative_gap}",
                f"mip_abs_gap={abs_gap}",
            ]
        )
    return "\n".join(
        [f"randomization/randomseedshift = {settings.seed}", f"limits/gap = {settings.relative_gap}", f"limits/absgap = {abs_gap}"]
    )


def solve_mip(problem: Problem, settings: SolverSettings, engine: str = "highs") -> Solution:
    started = time.perf_counter()
    n_x = problem.n_pairs
    soft = [i for i, row in enumerate(problem.rows) if not row.hard]
    n_vars = n_x + len(soft)
    slack_of = {row_index: n_x + k for k, row_index in enumerate(soft)}

    # Constraint matrix: givers, takers, then the global rows.
    g_n, t_n = problem.n_givers, problem.n_takers
    pair_ids = np.arange(n_x)
    row_idx = [problem.giver, g_n + problem.taker]
    col_idx = [pair_ids, pair_ids]
    vals = [np.ones(n_x), np.ones(n_x)]
    lower = [problem.giver_min.astype(float), problem.taker_min.astype(float)]
    upper = [problem.giver_max.astype(float), np.ones(t_n)]
    for k, row in enumerate(problem.rows):
        r = g_n + t_n + k
        nz = np.flatnonzero(row.coef)
        row_idx.append(np.full(len(nz), r))
        col_idx.append(nz)
        vals.append(row.coef[nz])
        if not row.hard:
            row_idx.append(np.array([r]))
            col_idx.append(np.array([slack_of[k]]))
            vals.append(np.array([1.0 if row.sense == ">=" else -1.0]))
        lower.append(np.array([row.rhs if row.sense == ">=" else -np.inf]))
        upper.append(np.array([row.rhs if row.sense == "<=" else np.inf]))
    n_cons = g_n + t_n + len(problem.rows)
    matrix = sp.csr_matrix(
        (np.concatenate(vals), (np.concatenate(row_idx), np.concatenate(col_idx))), shape=(n_cons, n_vars)
    )
    var_lower = np.zeros(n_vars)
    var_lower[:n_x] = problem.fixed.astype(float)
    var_upper = np.concatenate([np.ones(n_x), np.full(len(soft), np.inf)])

    model = mb.Model()
    model.helper.fill_model_from_sparse_data(
        var_lower, var_upper, np.zeros(n_vars), np.concatenate(lower), np.concatenate(upper), matrix
    )
    for var in range(n_x):
        model.helper.set_var_integrality(var, True)
    model.helper.set_maximize(True)
    variables = model.get_variables()

    objectives: dict[int, float] = {}
    bounds: dict[int, float] = {}
    proven = True
    x = np.zeros(n_x, dtype=bool)
    deadline = started + settings.time_limit_s
    for level, priority in enumerate(problem.priorities):
        coef = np.zeros(n_vars)
        pair_coef = problem.pair_objective.get(priority)
        if pair_coef is not None:
            coef[:n_x] = pair_coef
        for k, row in enumerate(problem.rows):
            if not row.hard and row.priority == priority:
                coef[slack_of[k]] = -float(row.penalty or 0.0)
        integral = bool(np.all(coef == np.round(coef)))
        nz = np.flatnonzero(coef)
        model.helper.clear_objective()
        model.helper.set_maximize(True)
        model.helper.set_objective_coefficients(nz.tolist(), coef[nz].tolist())
        solver = mb.Solver(engine)
        remaining = max(deadline - time.perf_counter(), 0.1)
        levels_left = len(problem.priorities) - level
        solver.set_time_limit_in_seconds(remaining / levels_left if levels_left > 1 else remaining)
        solver.set_solver_specific_parameters(_parameters(engine, settings, integral))
        status = solver.solve(model)
        if status == mb.SolveStatus.INFEASIBLE:
            raise ProblemInfeasible("the MIP solver proved the hard rules cannot all hold")
        if status not in _STATUS_OK:
            if level == 0:
                raise ProblemTimeout(f"{engine}: {status.name}")
            proven = False
            break
        proven = proven and status == mb.SolveStatus.OPTIMAL
        values = solver.values(variables).to_numpy()
        x = values[:n_x] > 0.5
        value = float(solver.objective_value)
        objectives[priority] = value
        bounds[priority] = max(float(solver.best_objective_bound), value)
        # Fix this level before optimising the next one.
        slack = 0.5 if integral else 1e-7 * max(1.0, abs(value))
        constraint = model.helper.add_linear_constraint()
        model.helper.set_constraint_lower_bound(constraint, value - slack)
        model.helper.set_constraint_upper_bound(constraint, np.inf)
        model.helper.add_terms_to_constraint(constraint, [variables[int(i)] for i in nz], coef[nz].tolist())
    return Solution(
        x=x,
        status="OPTIMAL" if proven else "FEASIBLE",
        objectives={p: problem.level_value(p, x) for p in problem.priorities},
        bounds=bounds,
        solver=f"mip-{engine}",
        solve_seconds=time.perf_counter() - started,
    )
