"""matcher.repair: a mid-year matching that keeps the pairs that still work."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from strategies import Spec, specs

from matcher import InfeasibleError, InputError, Scenario, solve
from matcher.checker import check_matching
from matcher.repair import RepairResult, changes_table, read_leavers, repair_matching, write_repair

ROOT = Path(__file__).resolve().parent.parent
COHORT = ROOT / "scenarios" / "cohort" / "scenario.yaml"


def mentor(pid: str, administration: str = "Centrum", capacity: int = 1, **extra: Any) -> dict[str, Any]:
    return {"id": pid, "role": "mentor", "administration": administration, "gender": "woman", "years": 10,
            "capacity": capacity, **extra}


def adept(pid: str, administration: str = "Nordost", **extra: Any) -> dict[str, Any]:
    return {"id": pid, "role": "adept", "administration": administration, "gender": "woman", "years": 1, **extra}


def scenario(people: list[dict[str, Any]], constraints: dict[str, dict[str, Any]] | None = None,
             **kwargs: Any) -> Scenario:
    return Scenario.from_people(people, constraints=constraints or {"coverage": {"hard": False}},
                                solver={"workers": 1, "time_limit_s": 20}, **kwargs)


def frame(rows: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["mentor_id", "adept_id"], dtype=str)


def pair_set(table: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(table["mentor_id"], table["adept_id"], strict=True))


def repaired(base: Scenario, current: pd.DataFrame, **kwargs: Any) -> RepairResult:
    """repair_matching, with the independent checker's verdict on its matching."""
    result = repair_matching(base, current, **kwargs)
    report = check_matching(result.scenario, result.result.pairs)
    assert report.valid, report.problems()
    assert "keep_pairs" in report.verdicts
    return result


def changes(result: RepairResult) -> dict[str, set[tuple[str, str, str]]]:
    out: dict[str, set[tuple[str, str, str]]] = {}
    for row in result.changes.itertuples(index=False):
        out.setdefault(str(row.change), set()).add((str(row.mentor_id), str(row.adept_id), str(row.previous_mentor_id)))
    return out


# -- the three promises of the issue ---------------------------------------------------------------


@pytest.fixture(scope="module")
def cohort() -> tuple[Scenario, pd.DataFrame]:
    loaded = Scenario.from_yaml(COHORT)
    return loaded, solve(loaded).pairs


def test_no_leavers_and_no_joiners_changes_nothing(cohort: tuple[Scenario, pd.DataFrame]) -> None:
    loaded, current = cohort
    result = repaired(loaded, current)
    assert pair_set(result.result.pairs) == pair_set(current)
    assert set(result.changes["change"]) == {"kept"} and len(result.changes) == len(current)
    assert result.counts["kept"] == len(current) and result.counts["new_pair"] == 0


def test_one_leaving_mentor_moves_only_their_adept(cohort: tuple[Scenario, pd.DataFrame]) -> None:
    loaded, current = cohort
    leaver = "M0001"
    theirs = set(current.loc[current["mentor_id"] == leaver, "adept_id"])
    assert theirs, "the example must give the leaver an adept"
    result = repaired(loaded, current, leavers=[leaver])
    new = pair_set(result.result.pairs)
    others = {p for p in pair_set(current) if p[0] != leaver}
    assert others <= new, "every other pair must stay exactly as it was"
    assert {a for _, a in new - others} <= theirs
    assert changes(result)["ended_leaver"] == {(leaver, a, "") for a in theirs}
    assert all(prev == leaver for _, _, prev in changes(result).get("new_pair", set()))
    assert result.summary_line().startswith(f"kept {len(others)} of {len(current)} pairs, 1 ended (the mentor left)")


def test_one_leaving_mentor_with_two_adepts_in_a_small_cohort() -> None:
    people = [mentor("M1", capacity=2), mentor("M2", capacity=2), mentor("M3", capacity=2),
              adept("A1"), adept("A2"), adept("A3"), adept("A4")]
    current = frame([("M1", "A1"), ("M1", "A2"), ("M2", "A3"), ("M3", "A4")])
    result = repaired(scenario(people), current, leavers=["M1"])
    new = pair_set(result.result.pairs)
    assert {("M2", "A3"), ("M3", "A4")} <= new
    assert {a for m, a in new} == {"A1", "A2", "A3", "A4"}  # room for both with M2 and M3
    assert {row[0] for row in changes(result)["new_pair"]} <= {"M2", "M3"}
    assert result.counts == result.counts | {"kept": 2, "ended_leaver": 2, "new_pair": 2, "moved": 0}
    assert "kept 2 of 4 pairs, 2 ended (the mentor left: 2), 2 new pairs" in result.summary_line()


# -- joiners, moves, invalid pairs -------------------------------------------------------------------


def test_joiners_are_matched_when_there_is_room() -> None:
    people = [mentor("M1", capacity=2), adept("A1")]
    joiners = pd.DataFrame([adept("A2"), mentor("M2"), adept("A3")])
    result = repaired(scenario(people), frame([("M1", "A1")]), joiners=joiners)
    assert pair_set(result.result.pairs) >= {("M1", "A1")}
    assert len(result.result.pairs) == 3
    new = result.changes[result.changes["change"] == "new_pair"]
    assert set(new["adept_id"]) == {"A2", "A3"}
    assert all(r.startswith("the adept joined mid-year") for r in new["reason"])
    assert result.joiners == ("A2", "M2", "A3")


def _moves_case() -> tuple[Scenario, pd.DataFrame]:
    """A2 can only have M1 (M2-A2 is excluded); A1 is with M1 but could have M2 as well."""
    people = [mentor("M1"), mentor("M2"), adept("A1"), adept("A2")]
    base = scenario(people, exclusions=[{"mentor_id": "M2", "adept_id": "A2", "reason": "jäv"}])
    return base, frame([("M1", "A1")])


def test_allow_moves_matches_more_people_with_at_most_n_moves() -> None:
    base, current = _moves_case()
    fixed = repaired(base, current)
    assert pair_set(fixed.result.pairs) == {("M1", "A1")}
    assert changes(fixed)["still_unmatched"] == {("", "A2", "")}
    moved = repaired(base, current, allow_moves=1)
    assert pair_set(moved.result.pairs) == {("M2", "A1"), ("M1", "A2")}
    assert changes(moved)["moved"] == {("M2", "A1", "M1")}
    assert changes(moved)["new_pair"] == {("M1", "A2", "")}
    assert moved.counts["moved"] <= 1
    assert len(moved.result.pairs) > len(fixed.result.pairs)
    assert "kept 0 of 1 pairs, 0 ended, 1 new pair, 1 moved (at most 1 allowed)" in moved.summary_line()


def test_allow_moves_is_a_hard_limit() -> None:
    # Two copies of the moves case: each move matches one more adept, but only one move is allowed.
    people = [mentor(m) for m in ("M1", "M2", "M3", "M4")] + [adept(a) for a in ("A1", "A2", "A3", "A4")]
    only = {"A2": "M1", "A4": "M3"}  # A2 can only have M1, A4 only M3; A1 and A3 could have anyone
    excluded = [{"mentor_id": m, "adept_id": a} for a, keep in only.items()
                for m in ("M1", "M2", "M3", "M4") if m != keep]
    base = scenario(people, exclusions=excluded)
    current = frame([("M1", "A1"), ("M3", "A3")])
    counts = {n: repaired(base, current, allow_moves=n).counts for n in (0, 1, 2)}
    assert [c["moved"] for c in counts.values()] == [0, 1, 2]
    assert [c["new_pair"] for c in counts.values()] == [0, 1, 2]
    assert [c["still_unmatched"] for c in counts.values()] == [2, 1, 0]


def test_a_pair_ended_by_a_move_leaves_the_adept_unmatched_with_the_reason() -> None:
    # All pairs must cross administrations now; A1 has no mentor from another administration.
    people = [mentor("M1", administration="Centrum"), adept("A1", administration="Centrum"),
              adept("A2", administration="Nordost")]
    rules: dict[str, dict[str, Any]] = {"coverage": {"hard": False}, "administration": {"min_cross_share": 1.0}}
    result = repaired(scenario(people, rules), frame([("M1", "A1")]), allow_moves=1)
    assert pair_set(result.result.pairs) == {("M1", "A2")}
    assert changes(result)["ended_moved"] == {("M1", "A1", "")}
    reason = result.changes.set_index("change").at["ended_moved", "reason"]
    assert "break a hard rule" in str(reason) and "cross administrations" in str(reason)
    assert "1 ended (broken by a move)" in result.summary_line()


def test_allow_moves_moves_nothing_that_gains_nothing() -> None:
    people = [mentor("M1"), mentor("M2"), mentor("M3"), adept("A1"), adept("A2")]
    scores = [{"mentor_id": "M2", "adept_id": "A1", "score": 90}, {"mentor_id": "M1", "adept_id": "A2", "score": 90}]
    base = scenario(people, {"coverage": {"hard": False}, "pair_scores": {"weight": 1}}, pair_scores=scores)
    result = repaired(base, frame([("M1", "A1"), ("M3", "A2")]), allow_moves=2)
    assert pair_set(result.result.pairs) == {("M1", "A1"), ("M3", "A2")}, "the scores alone must not move pairs"
    levels = result.result.summary()["objectives"]
    assert [lv["terms"] for lv in levels] == [["coverage"], ["keep_pairs"], ["pair_scores"]]


def test_a_pair_no_longer_allowed_is_dropped_with_the_rule() -> None:
    people = [mentor("M1", years=3), mentor("M2"), adept("A1", years=3), adept("A2")]  # Van -> Van: band says no
    base = scenario(people, {"coverage": {"hard": False}, "band": {}})
    result = repaired(base, frame([("M1", "A1"), ("M2", "A2")]))
    dropped = result.changes[result.changes["change"] == "pair_dropped_invalid"]
    assert list(zip(dropped["mentor_id"], dropped["adept_id"], strict=True)) == [("M1", "A1")]
    assert "band" in str(dropped["reason"].iat[0])
    assert ("M2", "A2") in pair_set(result.result.pairs)
    unmatched = result.changes[result.changes["adept_id"] == "A1"]
    assert "unmatched" in set(unmatched["change"])
    assert "the previous pair is no longer allowed" in unmatched["reason"].iloc[-1]


def test_a_pair_against_the_locked_file_is_dropped() -> None:
    people = [mentor("M1"), mentor("M2"), adept("A1")]
    base = scenario(people, locked=[{"mentor_id": "M2", "adept_id": "A1"}])
    result = repaired(base, frame([("M1", "A1")]))
    assert pair_set(result.result.pairs) == {("M2", "A1")}
    assert "locked file" in str(result.changes.set_index("change").at["pair_dropped_invalid", "reason"])


def test_a_mentor_with_capacity_0_now_ends_their_pairs() -> None:
    people = [mentor("M1", capacity=0), mentor("M2"), adept("A1")]  # M1 takes a break
    result = repaired(scenario(people), frame([("M1", "A1")]))
    assert pair_set(result.result.pairs) == {("M2", "A1")}
    assert "capacity is now 0" in str(result.changes.set_index("change").at["pair_dropped_invalid", "reason"])
    assert "1 ended (no longer allowed)" in result.summary_line()


def test_leaving_adept_frees_the_place_for_someone_unmatched() -> None:
    people = [mentor("M1"), adept("A1"), adept("A2")]
    result = repaired(scenario(people), frame([("M1", "A1")]), leavers=["A1"])
    assert pair_set(result.result.pairs) == {("M1", "A2")}
    assert changes(result)["ended_leaver"] == {("M1", "A1", "")}
    assert result.changes.set_index("change").at["new_pair", "reason"] == "was not matched before"


# -- infeasible, in words ------------------------------------------------------------------------------


def test_keeping_the_pairs_against_a_hard_row_suggests_allow_moves() -> None:
    people = [mentor("M1", administration="Centrum"), mentor("M2", administration="Nordost"),
              adept("A1", administration="Centrum"), adept("A2", administration="Nordost")]
    rules: dict[str, dict[str, Any]] = {"coverage": {"hard": False}, "administration": {"min_cross_share": 1.0}}
    current = frame([("M1", "A1"), ("M2", "A2")])  # neither crosses: from before the rule
    with pytest.raises(InfeasibleError) as caught:
        repair_matching(scenario(people, rules), current)
    text = str(caught.value)
    assert "--allow-moves" in text and "keep_pairs" in text and "administration" in text
    result = repaired(scenario(people, rules), current, allow_moves=2)
    assert pair_set(result.result.pairs) == {("M1", "A2"), ("M2", "A1")}
    assert result.counts["moved"] == 2


def test_hard_coverage_after_a_leaver_is_infeasible_in_words() -> None:
    people = [mentor("M1"), mentor("M2"), adept("A1"), adept("A2")]
    base = scenario(people, {"coverage": {}})
    with pytest.raises(InfeasibleError) as caught:
        repair_matching(base, frame([("M1", "A1"), ("M2", "A2")]), leavers=["M2"])
    assert "1 places for 2 adepts" in str(caught.value)


# -- bad input ------------------------------------------------------------------------------------------


def test_a_joiner_with_an_existing_id_is_an_input_error() -> None:
    joiners = pd.DataFrame([adept("A9"), adept("A1")])
    joiners.attrs["source"] = "joiners.csv"
    with pytest.raises(InputError) as caught:
        repair_matching(scenario([mentor("M1"), adept("A1")]), frame([]), joiners=joiners)
    assert [str(p) for p in caught.value.problems] == [
        "joiners.csv:3:id: 'A1' is already a person in the people file; give the new person an id of their own"
    ]


def test_bad_ids_are_input_errors() -> None:
    base = scenario([mentor("M1"), adept("A1")])
    with pytest.raises(InputError) as caught:
        repair_matching(base, frame([]), leavers=["M7"])
    assert "'M7' is not an id" in str(caught.value)
    current = frame([("M1", "A1"), ("M1", "A7")])
    current.attrs["source"] = "pairs.csv"
    with pytest.raises(InputError) as caught:
        repair_matching(base, current)
    assert str(caught.value).startswith("pairs.csv:3:adept_id: 'A7' is not an id")
    with pytest.raises(InputError):
        repair_matching(base, frame([]), allow_moves=-1)


def test_an_adept_in_two_current_pairs_is_an_input_error() -> None:
    base = scenario([mentor("M1"), mentor("M2"), adept("A1")])
    with pytest.raises(InputError) as caught:
        repair_matching(base, frame([("M1", "A1"), ("M2", "A1")]))
    assert "paired with" in str(caught.value) and "locked" not in str(caught.value)


def test_read_leavers_accepts_an_id_column_or_a_single_column(tmp_path: Path) -> None:
    base = scenario([mentor("M1"), adept("A1"), adept("A2")])
    (tmp_path / "a.csv").write_text("name,ID\nx,A1\ny,M1\n", encoding="utf-8")
    assert read_leavers(tmp_path / "a.csv", base) == ["A1", "M1"]
    (tmp_path / "b.csv").write_text("A2\nA1\n", encoding="utf-8")  # no header: the first line is an id
    assert read_leavers(tmp_path / "b.csv", base) == ["A2", "A1"]
    (tmp_path / "c.csv").write_text("leaver\nA1\nZ9\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_leavers(tmp_path / "c.csv", base)
    assert str(caught.value).startswith(f"{tmp_path / 'c.csv'}:3:leaver: 'Z9' is not an id")
    (tmp_path / "d.csv").write_text("a,b\nA1,A2\n", encoding="utf-8")
    with pytest.raises(InputError, match="no `id` column"):
        read_leavers(tmp_path / "d.csv", base)


# -- the trainee programme, purity, outputs ----------------------------------------------------------------


def test_trainee_pairs_use_supervisor_and_trainee_columns() -> None:
    people = [
        {"id": "S1", "role": "supervisor", "administration": "Centrum", "gender": "woman", "years": 9,
         "capacity": 1, "supervisor_trained": "ja"},
        {"id": "S2", "role": "supervisor", "administration": "Centrum", "gender": "man", "years": 9,
         "capacity": 1, "supervisor_trained": "ja"},
        {"id": "T1", "role": "trainee", "administration": "Centrum", "gender": "woman", "years": 0,
         "applied_to": "Centrum"},
    ]
    base = Scenario.from_people(people, program="trainee", constraints={"coverage": {"hard": False}},
                                solver={"workers": 1})
    current = pd.DataFrame({"supervisor_id": ["S1"], "trainee_id": ["T1"]})
    result = repaired(base, current, leavers=["S1"])
    assert pair_set(result.result.pairs) == {("S2", "T1")}
    table = changes_table(result)
    assert list(table.columns) == ["change", "supervisor_id", "trainee_id", "previous_supervisor_id", "reason"]
    assert "the supervisor left" in set(table["reason"])


def test_repair_does_not_change_its_inputs() -> None:
    base, current = _moves_case()
    people, rules, before = base.people.copy(), {k: dict(v) for k, v in base.constraints.items()}, current.copy()
    joiners = pd.DataFrame([adept("A3")])
    joiners_before = joiners.copy()
    repaired(base, current, leavers=["M2"], joiners=joiners, allow_moves=1)
    pd.testing.assert_frame_equal(base.people, people)
    pd.testing.assert_frame_equal(current, before)
    pd.testing.assert_frame_equal(joiners, joiners_before)
    assert base.constraints == rules and "keep_pairs" not in base.constraints


def test_outputs_have_changes_csv_and_a_summary_without_ids(tmp_path: Path) -> None:
    base, current = _moves_case()
    result = repaired(base, current, allow_moves=1)
    written = write_repair(result, tmp_path / "out")
    assert {p.name for p in written} == {"pairs.csv", "unmatched.csv", "summary.json", "report.html",
                                         "matching.xlsx", "changes.csv"}
    table = pd.read_csv(tmp_path / "out" / "changes.csv", dtype=str, keep_default_na=False)
    assert list(table["change"]) == ["moved", "new_pair"]
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["changes"]["counts"]["moved"] == 1
    text = json.dumps(summary["changes"])
    assert "M1" not in text and "A1" not in text
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<h2>Changes</h2>" in html and "0 kept, 1 moved, 1 new, 0 ended of 1 current pairs" in html
    write_repair(result, tmp_path / "sv", lang="sv")
    assert "<h2>Förändringar</h2>" in (tmp_path / "sv" / "report.html").read_text(encoding="utf-8")


# -- property: random scenarios, random leavers ---------------------------------------------------------


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_repair_keeps_every_still_valid_pair_and_the_checker_accepts(data: st.DataObject) -> None:
    spec: Spec = data.draw(specs(max_givers=4, max_takers=5))
    base = spec.scenario()
    try:
        current = solve(base).pairs
    except InfeasibleError:
        assume(False)
        return
    ids = [p["id"] for p in spec.people]
    leavers = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))
    remaining = {p["id"] for p in spec.people} - set(leavers)
    assume(any(g["id"] in remaining for g in spec.givers) and any(t["id"] in remaining for t in spec.takers))
    allow_moves = data.draw(st.sampled_from((0, 0, 1, 2)))
    try:
        result = repair_matching(base, current, leavers=leavers, allow_moves=allow_moves)
    except InfeasibleError as exc:
        assert exc.conflicts and all(str(c) for c in exc.conflicts)
        event("infeasible")
        return
    new = pair_set(result.result.pairs)
    report = check_matching(result.scenario, result.result.pairs)
    assert report.valid, report.problems()
    survivors = {(m, a) for m, a in pair_set(current) if m in remaining and a in remaining}
    # Nothing in the scenario changed but the people, so a surviving pair is still valid.
    broken = survivors - new
    assert len(broken) <= allow_moves
    assert result.counts["kept"] == len(survivors) - len(broken)
    if not leavers:
        assert new >= pair_set(current)
    # every current pair and every remaining adept without a pair appears in changes.csv
    assert result.counts["current_pairs"] == len(current)
    listed = set(result.changes["adept_id"])
    assert {t["id"] for t in spec.takers if t["id"] in remaining} - {a for _, a in new} <= listed
    event(f"{len(leavers)} leavers, {len(broken)} moved")
