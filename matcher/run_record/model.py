"""The record's layout: pydantic models of summary.json, its version, its JSON Schema, and how
values become record JSON (plain JSON values; verdict details as catalogue messages)."""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from matcher.i18n import Msg

SCHEMA_VERSION: Literal[2] = 2
SUMMARY_FILE = "summary.json"
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "summary.schema.json"

AsOf = Literal["run", "now"]


class _Model(BaseModel):
    """Every part of the record: unknown keys are an error, so a field is typed before it is written."""

    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


# -- the parts -------------------------------------------------------------------------------------


class Roles(_Model):
    """What the two sides are called in this programme."""

    giver: Literal["mentor", "supervisor"]
    taker: Literal["adept", "trainee"]


class Level(_Model):
    """One priority level of what was optimised (1 first), with the bound the solver proved."""

    priority: int = Field(ge=1)
    value: float = Field(description="the level's value in the matching")
    bound: float | None = Field(
        description="the best value the solver proved possible for this level; null when nothing is proven "
        "(unknown: never take it as equal to the value)"
    )
    terms: list[str] = Field(description="the rules that count in this level")


class FileHash(_Model):
    path: str
    sha256: str = Field(pattern="^[0-9a-f]{64}$")
    bytes: int = Field(ge=0)


class Inputs(_Model):
    """What the run read, so publish can check it is unchanged and explain can re-read the same."""

    files: dict[str, FileHash] = Field(
        default_factory=dict, description="kind (people, pair_scores, scenario, extends, ...) -> file"
    )
    cohort: str | None = None
    history_db: str | None = Field(None, description="the history database read (a URL's password as ***)")
    history_cohorts: list[str] | None = None
    history_backs: dict[str, int] | None = Field(
        None, description="each earlier cohort the history rules saw -> its place (1 = the latest)"
    )


class MsgJson(_Model):
    """A sentence in the catalogue's form (`matcher.i18n.Msg`): rendered in any language later."""

    key: str
    values: dict[str, Any] = Field(default_factory=dict)

    def msg(self) -> Msg:
        return Msg.from_json(self.model_dump())


class Part(_Model):
    """One part of a rule: a hard part must hold; a preference is met or not."""

    kind: Literal["hard", "preference"]
    holds: bool
    detail: MsgJson


class Rule(_Model):
    """One rule in force and the independent check's verdict on the matching."""

    name: str
    hard: bool
    priority: int | None = Field(description="soft rules: the level it counts in; null for hard rules")
    weight: int | None = Field(description="soft rules: its weight; null for hard rules")
    holds: bool = Field(description="every part of the rule is met")
    detail: str = Field(description="the verdict in English words (version 1's field); `parts` carry it per part")
    parts: list[Part] = Field(min_length=1)
    settled: dict[str, Any] | None = Field(
        None,
        description="what the rule settled before the model was built (a fairness rule's floors per group, "
        "common rate and least mean pair score): `matcher check OUT_DIR` checks the pairs against it",
    )

    @property
    def hard_broken(self) -> bool:
        return any(p.kind == "hard" and not p.holds for p in self.parts)


class AdministrationRate(_Model):
    administration: str
    takers: int
    matched: int
    rate: float | None
    givers: int
    givers_used: int


class GenderRate(_Model):
    gender: str
    takers: int
    matched: int
    rate: float | None


class BandRate(_Model):
    band: str
    takers: int
    matched: int
    rate: float | None


class GroupCount(_Model):
    administration: str
    gender: str
    band: str
    takers: int
    matched: int


class AdministrationPairs(_Model):
    giver_administration: str
    taker_administration: str
    pairs: int


class BandPairs(_Model):
    giver_band: str
    taker_band: str
    pairs: int


class Placed(_Model):
    administration: str
    gender: str
    placed: int


class Kpis(_Model):
    """Aggregates of the matching (`engine.compute_kpis`); giver/taker are the programme's two sides."""

    givers: int
    takers: int
    pairs: int
    matched_takers: int
    match_rate: float | None
    givers_used: int
    capacity_total: int
    cross_administration_share: float | None
    score_mean: float | None
    score_min: float | None
    score_max: float | None
    by_administration: list[AdministrationRate]
    by_gender: list[GenderRate]
    by_band: list[BandRate]
    matched_by_group: list[GroupCount]
    pairs_by_administration: list[AdministrationPairs]
    pairs_by_band: list[BandPairs]
    placed_by_administration_gender: list[Placed]


class ChangeReason(_Model):
    change: str
    reason: str = Field(description="the reason in English")
    reason_msg: MsgJson | None = Field(None, description="the same reason as a catalogue message, for any language")
    count: int = Field(ge=0)


class Changes(_Model):
    """A repair's changes: counts and reasons only, never an id (`repair.RepairResult.summary`)."""

    allow_moves: int = Field(ge=0)
    leavers: int = Field(ge=0)
    joiners: int = Field(ge=0)
    counts: dict[str, int]
    reasons: list[ChangeReason]


class RepairInputs(_Model):
    """The files a `matcher repair` read besides the scenario, to rebuild the repaired cohort."""

    current_pairs: str
    leavers: str | None = None
    joiners: str | None = None
    sha256: dict[str, str]
    allow_moves: int = Field(0, ge=0)


class FairnessSide(_Model):
    """One side of a fairness rule's price: the run with the rule, or the same scenario without it."""

    matched: int | None = Field(description="adepts matched; null when there is no matching without the rule")
    score_mean: float | None = Field(description="mean pair score of the matched; null with no pairs")
    by_group: dict[str, int] = Field(description="adepts matched per group of the rule's grouping")


class FairnessPrice(_Model):
    """What a fairness rule costs (`matcher.fairness_price`), and whether it levels down."""

    rule: str
    group_by: str = Field(description="the groups it is about: gender, administration, band, administration_gender")
    with_: FairnessSide = Field(alias="with")
    without: FairnessSide
    matches_lost: int | None = Field(description="matched without the rule minus matched with it")
    score_mean_lost: float | None = Field(description="mean score without the rule minus with it")
    exact: bool = Field(description="both runs proven optimal: the difference is the rule's true price")
    levelled_down: int = Field(
        ge=0, description="adepts the rule leaves unmatched while no group gains (0: it does not level down)"
    )

    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)


class RunRecord(_Model):
    """summary.json: one solved run of a scenario (`matcher run` or `matcher repair`)."""

    model_config = ConfigDict(extra="forbid", title="matcher summary.json",
                              json_schema_serialization_defaults_required=True)

    schema_version: Literal[2] = Field(SCHEMA_VERSION, description="the version of this record's layout")
    scenario: str = Field(description="the scenario's name")
    scenario_file: str | None = Field(description="the scenario file solved (absolute); null when built in Python")
    program: Literal["mentorship", "trainee"]
    roles: Roles
    status: Literal["OPTIMAL", "FEASIBLE"] = Field(
        description="OPTIMAL: proven best; FEASIBLE: a matching, not proven best within the time limit"
    )
    solver: str
    time_limit_hit: bool = Field(
        False,
        description="true when the time limit (a safety net; the search is limited by work) stopped the solver: "
        "what was found then depends on the machine's speed and load, so another run may give other pairs",
    )
    objective: float = Field(description="the last (lowest-priority) level's value")
    best_bound: float | None = Field(description="that level's proven bound; null when none is proven")
    gap: float | None = Field(description="the largest relative gap over the levels; null when a level has no bound")
    objectives: list[Level]
    solve_seconds: float
    build_seconds: float
    generated_at: str
    tool_version: str
    inputs: Inputs
    kpis: Kpis
    constraints: list[Rule]
    notes: list[str]
    fairness: list[FairnessPrice] = Field(
        default_factory=list, description="each fairness rule's price, with and without it (matcher.fairness_price)"
    )
    changes: Changes | None = Field(None, description="`matcher repair` only: what changed")
    repair_inputs: RepairInputs | None = Field(None, description="`matcher repair` only: the files it read")

    _source: Path | None = PrivateAttr(None)

    @property
    def source(self) -> str:
        """Where the record was read from (for messages located in it)."""
        return str(self._source) if self._source is not None else SUMMARY_FILE

    def rule(self, name: str) -> Rule | None:
        return next((r for r in self.constraints if r.name == name), None)

    def settlements(self) -> dict[str, dict[str, Any]]:
        """Rule -> what it settled when the matching was made (only rules that settle anything)."""
        return {r.name: r.settled for r in self.constraints if r.settled}

    def to_json(self) -> dict[str, Any]:
        """The JSON value written to summary.json (a run without a repair has no changes/repair_inputs keys)."""
        omit = {key for key in ("changes", "repair_inputs") if getattr(self, key) is None}
        data: dict[str, Any] = self.model_dump(mode="json", exclude=omit)
        return data

    def to_text(self) -> str:
        """summary.json's text: indented, UTF-8 (Swedish letters as they are), no NaN."""
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"



# -- values as record JSON -----------------------------------------------------------------------------


def json_safe(value: Any) -> Any:
    """Plain JSON values: numpy scalars to Python, NaN/inf to None, tuples to lists, Paths to str."""
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [json_safe(v) for v in value]
    if hasattr(value, "item") and callable(value.item) and not isinstance(value, str | bytes):
        with contextlib.suppress(TypeError, ValueError):
            value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Path):
        return str(value)
    return value


def msg_json(detail: Any) -> dict[str, Any]:
    """A verdict's detail as a message: a Msg as it is; plain text (a rule not yet converted to the
    catalogue) as `text.verbatim`."""
    if isinstance(detail, Msg):
        return detail.to_json()
    return Msg("text.verbatim", {"text": "" if detail is None else str(detail)}).to_json()


def detail_text(detail: Any, program: str) -> str:
    """A verdict's detail as one English sentence (the per-rule `detail` readers of version 1 know)."""
    if isinstance(detail, Msg):
        return detail.render("en", program)
    if isinstance(detail, list):
        return "; ".join(detail_text(d, program) for d in detail)
    return "" if detail is None else str(detail)


# -- the JSON Schema --------------------------------------------------------------------------------


def schema() -> dict[str, Any]:
    """The JSON Schema of summary.json, as written into docs/summary.schema.json."""
    generated = RunRecord.model_json_schema(mode="serialization")
    # A run's record has no `changes` / `repair_inputs` keys at all (RunRecord.to_json).
    generated["required"] = [k for k in generated["required"] if k not in ("changes", "repair_inputs")]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "Generated by `python -m matcher.run_record` from matcher/run_record/model.py: do not edit.",
        **generated,
    }


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
