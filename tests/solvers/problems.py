"""Test problems built from an eligibility mask: the constructor call three test files shared."""

from __future__ import annotations

import numpy as np

from matcher.problem import Problem


def mask_problem(eligible: np.ndarray, capacity: np.ndarray | list[int], taker_min: int = 0) -> Problem:
    """Givers (rows of `eligible`) x takers (columns), a pair wherever the mask is True; each giver
    takes 0..capacity, each taker at least `taker_min` (0 or 1), no pair locked, no objective yet."""
    giver, taker = np.nonzero(eligible)
    n_givers, n_takers = eligible.shape
    return Problem(
        n_givers=n_givers,
        n_takers=n_takers,
        giver=giver.astype(np.int64),
        taker=taker.astype(np.int64),
        giver_min=np.zeros(n_givers, dtype=np.int64),
        giver_max=np.asarray(capacity, dtype=np.int64),
        taker_min=np.full(n_takers, taker_min, dtype=np.int64),
        fixed=np.zeros(len(giver), dtype=bool),
    )
