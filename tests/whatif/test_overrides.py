"""Scenario variants from `--vary`: parsing values and ranges, applying and validating them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from matcher import InputError, Scenario
from matcher.whatif.overrides import apply_overrides, grid, parse_vary, variant_yaml

COHORT = Path(__file__).resolve().parents[2] / "scenarios" / "cohort" / "scenario.yaml"


@pytest.fixture(scope="module")
def cohort() -> Scenario:
    return Scenario.from_yaml(COHORT)


def test_lists_are_read_as_yaml_scalars() -> None:
    assert parse_vary("constraints.x.y=0, 0.05,true,Nordost,off") == (
        "constraints.x.y", [0, 0.05, True, "Nordost", "off"])


def test_ranges_include_both_ends_in_exact_decimals() -> None:
    assert parse_vary("k=0:0.8:0.2") == ("k", [0.0, 0.2, 0.4, 0.6, 0.8])
    assert parse_vary("k=1:5:2") == ("k", [1, 3, 5])
    assert parse_vary("k=0.7:1:0.1")[1] == [0.7, 0.8, 0.9, 1.0]


@pytest.mark.parametrize("spec", ["novalue", "k=", "=1,2", "k=1:0:0.5", "k=0:1:0", "k=a:b:c"])
def test_bad_specs_are_input_errors_naming_the_option(spec: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_vary(spec)
    assert "--vary" in str(caught.value)


def test_grid_is_the_product_first_key_slowest() -> None:
    points = grid([("a", [1, 2]), ("b", ["x", "y", "z"])])
    assert len(points) == 6
    assert points[0] == {"a": 1, "b": "x"} and points[1] == {"a": 1, "b": "y"} and points[3] == {"a": 2, "b": "x"}
    with pytest.raises(InputError):
        grid([("a", [1]), ("a", [2])])


def test_overrides_change_a_copy_only(cohort: Scenario) -> None:
    before = {k: dict(v) for k, v in cohort.constraints.items()}
    variant = apply_overrides(cohort, {
        "constraints.administration.min_cross_share": 0.6,
        "constraints.band": "off",
        "constraints.gender_target": True,
        "solver.seed": 7,
    })
    assert cohort.constraints == before and cohort.solver.seed == 0
    assert variant.constraints["administration"] == {"mode": "any", "min_cross_share": 0.6}
    assert "band" not in variant.constraints
    assert variant.constraints["gender_target"] == {}
    assert variant.solver.seed == 7
    assert variant.people is cohort.people  # the data is shared, not copied


@pytest.mark.parametrize("overrides", [
    {"constraints.administration.min_cross_share": 1.5},
    {"constraints.administration.no_such_parameter": 1},
    {"constraints.no_such_rule.x": 1},
    {"solver.seed": -1},
    {"elsewhere.x": 1},
])
def test_invalid_variants_are_input_errors(cohort: Scenario, overrides: dict[str, object]) -> None:
    with pytest.raises(InputError):
        apply_overrides(cohort, overrides)


def test_a_variant_file_extends_the_base_and_loads_to_the_same_scenario(cohort: Scenario, tmp_path: Path) -> None:
    overrides = {"constraints.administration.min_cross_share": 0.5, "constraints.band": "off", "solver.seed": 3}
    text = variant_yaml(cohort, overrides, relative_to=tmp_path)
    assert yaml.safe_load(text)["extends"].endswith("scenario.yaml")
    (tmp_path / "variant.yaml").write_text(text, encoding="utf-8")
    loaded = Scenario.from_yaml(tmp_path / "variant.yaml")
    expected = apply_overrides(cohort, overrides)
    assert loaded.constraints == expected.constraints
    assert loaded.solver == expected.solver
