"""What every constraint module provides, and the data they all read.

A constraint module holds, side by side: its parameters (a pydantic model), its effect on
the optimisation model, its explanation of a pair, and an independent check of the
output. The engine only loops over the modules; adding a rule never touches the solver.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar, Literal, TypeVar

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from matcher.domain import GIVER_ROLE, TAKER_ROLE
from matcher.errors import Conflict
from matcher.i18n import Lang, Msg, catalogue, say
from matcher.problem import BoolArray, IntArray, Problem, Row

Derived = TypeVar("Derived")

#: The rows a rule would add to a model, made for that model (its eligible pairs).
RowsOf = Callable[[Problem], list[Row]]
#: The engine's answer to "can every other hard rule hold with these extra rows?".
RowsFeasible = Callable[[RowsOf], bool]


@dataclass(frozen=True)
class BestMatching:
    """The engine's best matching for the rules settled so far plus a rule's rows: each eligible
    pair (in the model's order, the same in the final model) chosen or not, and its pair score."""

    chosen: BoolArray
    score: IntArray  # each eligible pair's score (the rules that count in a pair's score, weighted)
    giver: IntArray  # each eligible pair's giver (position in Instance.givers)
    taker: IntArray  # each eligible pair's taker (position in Instance.takers)
    score_priority: int  # the objective level a pair's score is optimised at


@dataclass(frozen=True)
class Questions:
    """What a rule's `prepare` may ask the engine before the model is built, with every rule
    settled before it in force: whether extra rows can hold, and the best matching with them
    (None when none was found within the solver's limits)."""

    feasible: RowsFeasible
    best: Callable[[RowsOf], BestMatching | None]


class Params(BaseModel):
    """Parameters every constraint accepts. Unknown keys are errors, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hard: bool = Field(True, description="true: must hold; false: rewarded/penalised in the objective")
    weight: int = Field(1, ge=0, description="soft only: objective weight")
    priority: int = Field(2, ge=1, description="soft only: lexicographic level, 1 is optimised first")


class SoftParams(Params):
    """Parameters of a rule that only ever shapes the objective."""

    hard: Literal[False] = Field(False, description="always false: this rule is a preference")


def _positions(index: pd.Index, ids: pd.Series) -> IntArray:
    """Position of each id in `index` (-1 if absent); categorical ids map through their categories."""
    if isinstance(ids.dtype, pd.CategoricalDtype):
        # A missing id (code -1) picks the appended -1: one gather (0.03 s at 6 M rows, not 0.2 s).
        by_category = np.append(index.get_indexer(ids.cat.categories).astype(np.int64), -1)
        result: IntArray = by_category[ids.cat.codes.to_numpy()]
        return result
    return index.get_indexer(pd.Index(ids)).astype(np.int64)


#: Values `DataFrame.to_dict("records")` hands back as they are (it boxes numpy scalars and pd.NA).
_PLAIN = frozenset({str, int, float, bool, tuple, list, type(None)})


def plain_records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """`table.to_dict("records")` with str column names, built column by column: a numpy column's
    `tolist()` and an object column of plain values are what to_dict gives, without its per-cell
    boxing (3.4 ms of a 43 ms run at 100 x 150); any other column goes through to_dict itself."""
    if not table.columns.is_unique:
        return [{str(k): v for k, v in row.items()} for row in table.to_dict("records")]
    columns: list[list[Any]] = []
    for _, column in table.items():
        if isinstance(column.dtype, np.dtype) and column.dtype.kind in "biuf":  # not datetimes: Timestamps
            columns.append(column.to_numpy().tolist())
            continue
        listed = column.tolist()
        if not all(type(v) in _PLAIN for v in listed):
            listed = [next(iter(row.values())) for row in column.to_frame().to_dict("records")]
        columns.append(listed)
    names = [str(k) for k in table.columns]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)] if names else [
        {} for _ in range(len(table))]


@dataclass
class Instance:
    """The validated input of one scenario, as the constraint modules see it."""

    program: str
    givers: pd.DataFrame  # validated people rows with the giver role, index 0..n-1
    takers: pd.DataFrame
    pair_scores: pd.DataFrame | None = None  # mentor_id, adept_id, score
    exclusions: pd.DataFrame | None = None  # mentor_id, adept_id, reason
    locked: pd.DataFrame | None = None  # mentor_id, adept_id
    sources: dict[str, str] = field(default_factory=dict)  # kind -> file name, for messages
    # The most takers the hard rules let be matched, by counts alone (capacity, quotas), when a
    # rule knows one: rules that reason about "the places" (gender_target) read it. Set by
    # Scenario.instance from each active rule's `max_places`.
    place_limit: int | None = None
    # Earlier cohorts' pairs (cohort, back: 1 = the latest earlier cohort, mentor_id, adept_id), read
    # from the history database when a listed rule `requires_history`; past ids need not be present.
    history: pd.DataFrame | None = None

    @property
    def giver_role(self) -> str:
        return GIVER_ROLE[self.program]

    @property
    def taker_role(self) -> str:
        return TAKER_ROLE[self.program]

    @property
    def n_givers(self) -> int:
        return len(self.givers)

    @property
    def n_takers(self) -> int:
        return len(self.takers)

    @cached_property
    def giver_records(self) -> list[dict[str, Any]]:
        """The givers as plain dicts, by position: per-pair explanations and checks read these."""
        return plain_records(self.givers)

    @cached_property
    def taker_records(self) -> list[dict[str, Any]]:
        return plain_records(self.takers)

    @cached_property
    def records_by_id(self) -> dict[str, dict[str, Any]]:
        return {str(r["id"]): r for r in (*self.giver_records, *self.taker_records)}

    @cached_property
    def giver_position(self) -> dict[str, int]:
        return {pid: i for i, pid in enumerate(self.givers["id"])}

    @cached_property
    def taker_position(self) -> dict[str, int]:
        return {pid: i for i, pid in enumerate(self.takers["id"])}

    def pair_positions(self, table: pd.DataFrame) -> tuple[IntArray, IntArray]:
        """Giver and taker positions of the pairs listed in a pair table (ids validated before).

        Cached per table: a 1.4 M-row score file takes 0.5 s to index, and several rules ask.
        """
        cache: dict[int, tuple[pd.DataFrame, IntArray, IntArray]] = self.__dict__.setdefault("_positions", {})
        hit = cache.get(id(table))
        if hit is not None and hit[0] is table:
            return hit[1], hit[2]
        g = _positions(pd.Index(self.givers["id"]), table["mentor_id"])
        t = _positions(pd.Index(self.takers["id"]), table["adept_id"])
        cache[id(table)] = (table, g, t)
        return g, t

    def codes(self, side: str, column: str) -> tuple[IntArray, list[str]]:
        """Integer codes of a people column (e.g. gender) for fast vectorised comparisons."""
        table = self.givers if side == "giver" else self.takers
        codes, uniques = pd.factorize(table[column].astype(str))
        return codes.astype(np.int64), [str(u) for u in uniques]

    def pair_mask(self, table: pd.DataFrame) -> BoolArray:
        mask = np.zeros((self.n_givers, self.n_takers), dtype=bool)
        g, t = self.pair_positions(table)
        mask[g, t] = True
        return mask


PartKind = Literal["hard", "preference"]


@dataclass
class PartVerdict:
    """The verdict on one part of a rule: a hard part must hold; a preference is met or not.

    A rule such as gender_balance has a hard part (equal match rates) and a preference
    (same-gender requests when soft): each is reported as what it is, so an unmet preference
    never reads as a broken rule.
    """

    kind: PartKind
    holds: bool
    detail: Msg  # rendered with `render(lang, program)`: the programme fills in the role words
    violations: list[str] = field(default_factory=list)  # ids: for the coordinator's eyes only

    @property
    def broken(self) -> bool:
        """A hard part that does not hold: the matching is invalid."""
        return self.kind == "hard" and not self.holds

    @property
    def unmet(self) -> bool:
        """A preference that is not met: shown, but the matching stays valid."""
        return self.kind == "preference" and not self.holds

    @property
    def state(self) -> Literal["holds", "broken", "unmet"]:
        """What to show: `holds`, `broken` (a hard part) or `unmet` (a preference); the catalogue
        words are `rule.part.state.<state>` and the kind's `rule.part.kind.<kind>`."""
        return "holds" if self.holds else "broken" if self.kind == "hard" else "unmet"

    def render(self, lang: Lang, program: str | None = None) -> str:
        return render_detail(self.detail, lang, program)


@dataclass
class Verdict:
    """An independent check's answer about one rule on one matching, part by part.

    Built either from `parts`, or (the older form) from one holds/detail: then a single part,
    hard when `hard_broken` says so or the rule is hard (`kind`), a preference otherwise.
    """

    holds: bool  # every part is met
    detail: Any
    violations: list[str] = field(default_factory=list)
    hard_broken: bool = False  # a hard part of the rule is broken: the matching is invalid
    parts: list[PartVerdict] = field(default_factory=list)

    @classmethod
    def of_parts(cls, parts: list[PartVerdict]) -> Verdict:
        holds = all(p.holds for p in parts)
        return cls(
            holds=holds,
            detail=parts[0].detail if len(parts) == 1 else [p.detail for p in parts],
            violations=[v for p in parts for v in p.violations],
            hard_broken=any(p.broken for p in parts),
            parts=list(parts),
        )

    def part_list(self, rule_is_hard: bool) -> list[PartVerdict]:
        """The parts, or one part made from the older single form."""
        if self.parts:
            return self.parts
        # The older form knew exactly one thing: whether a hard part is broken. A rule that does
        # not hold without a broken hard part has an unmet preference, whatever the rule's kind.
        kind: PartKind = "hard" if self.hard_broken or (rule_is_hard and self.holds) else "preference"
        return [PartVerdict(kind, self.holds, self.detail, list(self.violations))]

    @property
    def unmet_preference(self) -> bool:
        """A preference part of the rule is not met (the matching is valid all the same)."""
        if not self.parts:  # the older single form: not holding without a broken hard part
            return not self.holds and not self.hard_broken
        return any(p.unmet for p in self.parts)

    def render(self, lang: Lang, program: str | None = None) -> str:
        """Every part's detail in `lang`, joined with '; ' (the part-by-part form is `parts`)."""
        return render_detail(self.detail, lang, program)


def render_detail(detail: Any, lang: Lang, program: str | None = None) -> str:
    """A verdict's detail (a Msg, a list of them, or older plain text) as one sentence in `lang`."""
    if isinstance(detail, Msg):
        return detail.render(lang, program)
    if isinstance(detail, list):
        return "; ".join(render_detail(d, lang, program) for d in detail)
    return "" if detail is None else str(detail)


def gender_word(gender: object) -> Msg:
    """A gender as the catalogue words it (`gender.woman`: kvinna / woman)."""
    key = f"gender.{gender}"
    return Msg(key) if key in catalogue() else Msg("text.verbatim", {"text": str(gender)})


def joined(messages: list[Msg]) -> Msg:
    """Several sentences as one, separated by '; ' (`rule.join`)."""
    if len(messages) == 1:
        return messages[0]
    return Msg("rule.join", {"first": messages[0], "then": joined(messages[1:])})


class _CatalogueWords:
    """A rule's title or help read as a class attribute: the catalogue's English (`rule.NAME.title`,
    `rule.NAME.help`), for callers that want one string; in another language use `title_in`/`help_in`."""

    def __init__(self, part: str) -> None:
        self.part = part

    def __get__(self, instance: object, owner: type[Constraint]) -> str:
        return say(f"rule.{owner.name}.{self.part}", "en")


class Constraint(ABC):
    """One rule of the matching. Subclasses set the class attributes and implement the hooks."""

    name: ClassVar[str]
    # The coordinator's name for the rule and one sentence on what it does, in English; every
    # language: `title_in(lang)`, `help_in(lang)` (catalogue keys `rule.NAME.title`, `rule.NAME.help`).
    title = _CatalogueWords("title")
    summary = _CatalogueWords("help")
    example: ClassVar[str]  # a YAML example of its entry under `constraints:`
    params_model: ClassVar[type[Params]] = Params
    default_priority: ClassVar[int] = 2
    always_on: ClassVar[bool] = False  # in force in every scenario, listed or not (capacity)
    on_with_file: ClassVar[bool] = False  # in force whenever the scenario names its `requires_file`
    # The rule that says whether takers are to be matched at all (coverage): all of them when
    # hard (`requires_every_taker`), as many as possible when soft. Without it nothing rewards a match.
    decides_matching: ClassVar[bool] = False
    # Whether a what-if may make this rule soft when a mid-year re-match cannot hold it (`matcher
    # simulate`); not the rules that say who may be paired at all (capacity, exclusions, locked),
    # whether people are matched (coverage), or the repair itself (keep_pairs).
    relaxable: ClassVar[bool] = True
    counts_in_score: ClassVar[bool] = True  # whether its objective terms are part of a pair's score
    requires_file: ClassVar[str | None] = None  # the scenario file this rule reads (pair_scores, ...)
    requires_history: ClassVar[bool] = False  # reads earlier cohorts' pairs (Instance.history, history_db:)
    # A fairness rule: the engine reports its price (matched and mean score with and without it)
    # and whether it levels down (see `fairness_free_config`).
    fairness: ClassVar[bool] = False
    # Whether the rule's fairness part adds only rows and counters: without it
    # (`fairness_free_config`) the rule filters the same pairs, adds the same pair terms and
    # bounds, and prepares nothing. The price then reuses the run's pairs and objective instead
    # of building the model again (`matcher.fairness_price`). False unless the rule is sure.
    fairness_adds_rows_only: ClassVar[bool] = False

    def __init__(self, params: Params) -> None:
        self.params = params

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Constraint:
        config = dict(config)
        config.setdefault("priority", cls.default_priority)
        return cls(cls.params_model.model_validate(config))

    @property
    def hard(self) -> bool:
        return self.params.hard

    @classmethod
    def hard_only(cls) -> bool:
        """Whether the rule can only be hard (its `hard` parameter admits only true)."""
        annotation = cls.params_model.model_fields["hard"].annotation
        return annotation == Literal[True]

    @classmethod
    def soft_only(cls) -> bool:
        """Whether the rule can only be a preference (its `hard` parameter admits only false)."""
        annotation = cls.params_model.model_fields["hard"].annotation
        return annotation == Literal[False]

    @classmethod
    def title_in(cls, lang: Lang) -> str:
        return say(f"rule.{cls.name}.title", lang)

    @classmethod
    def help_in(cls, lang: Lang) -> str:
        return say(f"rule.{cls.name}.help", lang)

    @classmethod
    def msg(cls, part: str, **values: Any) -> Msg:
        """A sentence of this rule's, decided now and rendered later: `rule.NAME.PART` with values."""
        return Msg(f"rule.{cls.name}.{part}", values)

    def part(self, holds: bool, detail: Msg, violations: list[str] | None = None,
             kind: PartKind | None = None) -> PartVerdict:
        """A verdict part; by default hard when the rule is, else a preference."""
        return PartVerdict(kind or ("hard" if self.hard else "preference"), holds, detail, list(violations or []))

    def conflict(self, inst: Instance, part: str, people: list[str] | None = None,
                 rules: list[str] | None = None, **values: Any) -> Conflict:
        """A conflict in this rule's words (`rule.NAME.PART`), naming `rules` (default: this rule)."""
        return Conflict(rules or [self.name], self.msg(part, **values), people, inst.program)

    # -- hooks the engine asks instead of a rule's name ---------------------------------------
    def requires_every_taker(self) -> bool:
        """Whether, as configured, every taker must be matched (hard coverage)."""
        return False

    def giver_minimums(self, inst: Instance) -> IntArray | None:
        """Per giver (by position): the fewest takers it must get (None: no minimum)."""
        return None

    def has_preference_part(self) -> bool:
        """Whether `weight` and `priority` count for this rule as configured: it is a preference,
        or has a preference part (a hard rule's soft side, e.g. soft same-gender requests)."""
        return not self.hard

    def per_instance(self, inst: Instance, key: str, compute: Callable[[], Derived]) -> Derived:
        """Data derived from `inst` (a lookup set, a filtered table), computed once per instance:
        explanations and checks ask for it once per pair."""
        cache: dict[str, tuple[Instance, Any]] = self.__dict__.setdefault("_per_instance", {})
        hit = cache.get(key)
        if hit is not None and hit[0] is inst:
            value: Derived = hit[1]
            return value
        value = compute()
        cache[key] = (inst, value)
        return value

    def file_table(self, inst: Instance) -> pd.DataFrame:
        """The pair file this rule reads (`requires_file`), validated by the loader."""
        table = getattr(inst, self.requires_file) if self.requires_file else None
        if table is None:
            raise ValueError(f"{self.name} needs a `{self.requires_file}:` file in the scenario")
        result: pd.DataFrame = table
        return result

    # -- effect on the model -------------------------------------------------------------
    def allowed(self, inst: Instance) -> BoolArray | None:
        """Givers x takers: which pairs this rule permits (None: it is not a pair rule)."""
        return None

    def hard_filter(self, inst: Instance) -> BoolArray | None:
        """Givers x takers: the pairs this rule leaves eligible when it is hard (None: no filter)."""
        return self.allowed(inst) if self.hard else None

    def filter_mask(self, inst: Instance) -> BoolArray | None:
        """`hard_filter`, computed once per instance: explanations ask for it person by person."""
        return self.per_instance(inst, "filter_mask", lambda: self.hard_filter(inst))

    def pair_terms(self, inst: Instance, giver: IntArray, taker: IntArray) -> IntArray | None:
        """Per eligible pair: this rule's objective term before `weight` (None: no term).

        A soft pair rule rewards each pair it permits with 1 (times `weight`).
        """
        if self.hard:
            return None
        mask = self.allowed(inst)
        if mask is None:
            return None
        return mask[giver, taker].astype(np.int64)

    def prepare(self, inst: Instance, eligible: BoolArray, ask: Questions) -> None:  # noqa: B027
        """Settle, before the model is built, what the rule needs to ask the solver (e.g. the
        highest common match rate the other hard rules allow). Optional hook."""

    def settlement(self) -> dict[str, Any] | None:
        """What `prepare` settled, as JSON for the run's record (None: nothing), so a pair list can
        be checked later against the run's own settlement (`restore`)."""
        return None

    def restore(self, settlement: Mapping[str, Any], eligible: BoolArray) -> None:  # noqa: B027
        """Take a recorded settlement instead of preparing (the checker of a run's pair list);
        `eligible`: the pairs the hard pair rules allow."""

    def fairness_free_config(self) -> dict[str, Any] | None:
        """The rule's configuration without its fairness part, to price that part by solving
        without it (None: leave the rule out entirely). Only asked when `is_fairness_rule()`."""
        return None

    def is_fairness_rule(self) -> bool:
        """Whether this rule, as configured, has a fairness part to price."""
        return self.fairness

    def fairness_group_by(self) -> str:
        """The groups a fairness rule is about (a matcher.equity.GroupBy): levelling down is judged on them."""
        return "gender"

    def apply(self, inst: Instance, problem: Problem) -> None:  # noqa: B027 - optional hook
        """Add bounds or global rows to the model (pair filters and terms are done by the engine)."""

    # -- words (catalogue messages: render with the scenario's programme) -------------------
    def describe(self) -> Msg:
        """The rule as configured, in words (`matcher validate`, the compare page)."""
        return self.msg("help")

    def explain_pair(self, inst: Instance, giver: int, taker: int) -> Msg | None:
        """Why this rule is satisfied by, or rewarded, the pair (None when it has nothing to say)."""
        return None

    def explain_pairs(self, inst: Instance, givers: IntArray, takers: IntArray) -> list[Msg | None]:
        """`explain_pair` for each of many pairs (the run's chosen ones): a rule whose words come
        from an array lookup overrides it to look them all up at once."""
        return [self.explain_pair(inst, g, t) for g, t in zip(givers.tolist(), takers.tolist(), strict=True)]

    def precheck(self, inst: Instance) -> list[Conflict]:
        """Infeasibility that can be read off the input alone, before any solving."""
        return []

    def conflict_words(self, inst: Instance) -> Msg:
        """What this rule demands, with numbers, for an infeasibility message."""
        return self.describe()

    def max_places(self, inst: Instance) -> int | None:
        """An upper bound on how many takers can be matched under this rule alone (None: no bound)."""
        return None

    # -- independent check -----------------------------------------------------------------
    @abstractmethod
    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        """Re-verify the rule on an output matching without any solver code.

        `pairs` has columns mentor_id, adept_id (ids). Implementations must compute from the
        people tables and pair files directly (plain pandas/Python), never from the model, and
        return `Verdict.of_parts` with one part per part of the rule (hard, or preference).
        """


class PairRule(Constraint):
    """A rule about each pair on its own: a filter when hard, a reward when soft."""

    @abstractmethod
    def allowed(self, inst: Instance) -> BoolArray:
        """Givers x takers: which pairs this rule permits."""

    @abstractmethod
    def pair_ok(self, giver: Mapping[str, Any], taker: Mapping[str, Any], inst: Instance) -> bool:
        """The same rule for one pair, written plainly for the independent check."""

    def check(self, inst: Instance, pairs: pd.DataFrame) -> Verdict:
        people = inst.records_by_id
        bad = [
            f"{m} - {a}"
            for m, a in zip(pairs["mentor_id"].tolist(), pairs["adept_id"].tolist(), strict=True)
            if not self.pair_ok(people[m], people[a], inst)
        ]
        if not bad:
            return Verdict.of_parts([self.part(True, Msg("rule.pairs.all", {"count": len(pairs)}))])
        words = "rule.pairs.broken" if self.hard else "rule.pairs.unmet"
        detail = Msg(words, {"bad": len(bad), "count": len(pairs), "pairs": bad[:10]})
        return Verdict.of_parts([self.part(False, detail, bad)])
