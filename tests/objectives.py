"""Comparing objective vectors (one value per priority) in the property tests, with a float tolerance."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

TOL = 1e-6

Vector = tuple[float | Fraction, ...]


def engine_vector(objectives: dict[int, float], priorities: Sequence[int]) -> tuple[float, ...]:
    """The engine's objectives as a vector over `priorities`; a level no rule asked for fails the test."""
    extra = set(objectives) - set(priorities)
    assert not extra, f"the engine reports priorities {extra} no rule asked for"
    return tuple(float(objectives.get(p, 0.0)) for p in priorities)


def close(a: Vector, b: Vector) -> bool:
    return all(abs(float(x) - float(y)) <= TOL * max(1.0, abs(float(y))) for x, y in zip(a, b, strict=True))


def lex_leq(a: Vector, b: Vector) -> bool:
    """a <= b lexicographically, with a float tolerance per level."""
    for x, y in zip(a, b, strict=True):
        if float(x) < float(y) - TOL:
            return True
        if float(x) > float(y) + TOL:
            return False
    return True


def lex_better(a: Vector, b: Vector) -> bool:
    """a > b lexicographically, with a float tolerance per level."""
    return not lex_leq(a, b)
