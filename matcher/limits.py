"""How large a cohort the engine takes, checked before it allocates anything large.

The engine works on dense mentor x adept (supervisor x trainee) tables: every hard pair rule
gives a boolean mask of that shape, and each allowed pair gets index, score and objective arrays
(`matcher.engine.eligibility`, `build_problem`). Its memory therefore grows with the number of
*possible* pairs, not with the number of people. The region benchmark (5,000 x 7,500 = 37.5
million possible pairs, every v1 rule) peaked at 4.6 GB resident (benchmarks/RESULTS.md): about
120 bytes per possible pair. MAX_POSSIBLE_PAIRS = 100 million is 2.7 times the whole region's
size -- far above any cohort of the four administrations -- and about 12 GB by that measure,
the most a large workstation can give; a 400,000 x 400,000 file (160 billion pairs, ~19 TB)
is refused in a moment with a message, instead of failing after seconds with "Unable to
allocate 150 GiB" or being killed.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from matcher.domain import GIVER_ROLE, TAKER_ROLE
from matcher.errors import InputProblem
from matcher.i18n import Msg

#: The most possible pairs (givers x takers) the engine is asked to hold.
MAX_POSSIBLE_PAIRS: Final = 100_000_000
#: Peak memory per possible pair, measured on the region benchmark (4.6 GB / 37.5 M pairs).
BYTES_PER_PAIR: Final = 120


def size_problems(people: pd.DataFrame, program: str, source: str) -> list[InputProblem]:
    """A problem when the people make more possible pairs than MAX_POSSIBLE_PAIRS, else none."""
    if program not in GIVER_ROLE:
        return []
    roles = people["role"]
    givers = int((roles == GIVER_ROLE[program]).sum())
    takers = int((roles == TAKER_ROLE[program]).sum())
    if givers * takers <= MAX_POSSIBLE_PAIRS:
        return []
    values = {
        "givers": givers,
        "giver_word": Msg(f"role.{GIVER_ROLE[program]}.many"),
        "takers": takers,
        "taker_word": Msg(f"role.{TAKER_ROLE[program]}.many"),
        "pairs": givers * takers,
        "limit": MAX_POSSIBLE_PAIRS,
        "bytes": BYTES_PER_PAIR,
    }
    return [InputProblem(source, None, "role", Msg("input.people.too_many_pairs", values))]
