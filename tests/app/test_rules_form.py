"""The rules form is generated from the constraint catalogue and accepts what a YAML file accepts."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from workspace_helpers import COHORT

from constraints import REGISTRY
from matcher.app.rules_form import NOT_IN_FORM, changes, current_values, effective, parse_form, rule_specs
from matcher.i18n import Words

W = Words("sv")


def test_every_rule_and_parameter_of_the_catalogue_is_in_the_form() -> None:
    specs = {s.name: s for s in rule_specs(W)}
    assert set(specs) == set(REGISTRY) - set(NOT_IN_FORM)
    for name, spec in specs.items():
        assert [f.name for f in spec.fields] == [f for f in REGISTRY[name].params_model.model_fields if f != "hard"]
    share = next(f for f in specs["administration"].fields if f.name == "min_cross_share")
    assert (share.kind, share.optional, share.minimum, share.maximum) == ("float", True, 0.0, 1.0)
    mode = next(f for f in specs["administration"].fields if f.name == "mode")
    assert mode.kind == "choice" and mode.choices == ["any", "same", "cross"]
    assert specs["capacity"].hard_only and specs["capacity"].always_on
    assert specs["topics"].soft_only and not specs["topics"].hard_only
    assert specs["history"].needs_history
    weight = next(f for f in specs["band"].fields if f.name == "weight")
    assert weight.label == "Vikt" and weight.minimum == 0


def _as_browser_sends(values: dict[str, dict[str, Any]]) -> dict[str, str]:
    """The form as rendered from `values`, submitted unchanged."""
    form: dict[str, str] = {}
    for spec in rule_specs(W):
        v = values[spec.name]
        if v["on"]:
            form[f"r.{spec.name}.on"] = "true"
        form[f"r.{spec.name}.hard"] = "true" if v["hard"] else "false"
        for f in spec.fields:
            if f.kind == "bool":
                if v[f.name]:
                    form[f"r.{spec.name}.{f.name}"] = "true"
            else:
                form[f"r.{spec.name}.{f.name}"] = f.shown(v[f.name])
    return form


@pytest.mark.parametrize("scenario", ["cohort/scenario.yaml", "cohort/strict_gender.yaml", "trainee/scenario.yaml",
                                      "city/scenario.yaml", "forste/scenario.yaml"])
def test_an_unchanged_form_gives_back_the_same_rules(scenario: str) -> None:
    from matcher.scenario import Scenario

    rules = Scenario.from_yaml(COHORT.parent / scenario).constraints
    parsed, errors = parse_form(rule_specs(W), _as_browser_sends(current_values(rules)), rules)
    assert not errors
    assert set(parsed) - {"capacity"} == set(rules) - {"capacity"}
    for name in parsed:
        assert effective(name, parsed[name]) == effective(name, rules.get(name) or {}), name
    assert changes(rule_specs(W), rules, parsed, W) == []


def test_values_as_a_swedish_coordinator_writes_them_and_values_refused() -> None:
    rules = yaml.safe_load((COHORT / "scenario.yaml").read_text(encoding="utf-8"))["constraints"]
    form = _as_browser_sends(current_values(rules))
    form["r.administration.min_cross_share"] = "0,45"
    form["r.band.hard"] = "false"
    parsed, errors = parse_form(rule_specs(W), form, rules)
    assert not errors
    assert parsed["administration"]["min_cross_share"] == 0.45
    assert parsed["band"]["hard"] is False
    said = {(c.rule, c.what, c.before, c.after) for c in changes(rule_specs(W), rules, parsed, W)}
    assert ("Hur regeln gäller" in {w for _, w, _, _ in said}) and any(a == "0.45" for *_, a in said)
    form["r.administration.min_cross_share"] = "1,2"
    form["r.topics.weight"] = "2.5"
    form["r.gender_balance.same_gender_requests"] = "kanske"
    _, errors = parse_form(rule_specs(W), form, rules)
    assert set(errors) == {"r.administration.min_cross_share", "r.topics.weight",
                           "r.gender_balance.same_gender_requests"}
    assert errors["r.topics.weight"].key == "app.rules.error.whole"
    assert W.msg(errors["r.administration.min_cross_share"]) == "Högst 1."


def test_a_rules_own_check_refuses_in_the_coordinators_words() -> None:
    """A value the rule's validator refuses (the shares add up to more than 100 %) is shown with the
    catalogue's words in Swedish, not pydantic's English."""
    rules = yaml.safe_load((COHORT / "scenario.yaml").read_text(encoding="utf-8"))["constraints"]
    form = _as_browser_sends(current_values(rules))
    form["r.gender_target.on"] = "true"
    form["r.gender_target.min_share"] = "{kvinna: 0.7, man: 0.5}"
    _, errors = parse_form(rule_specs(W), form, rules)
    assert set(errors) == {"r.gender_target.min_share"}
    assert errors["r.gender_target.min_share"].key == "rule.gender_target.invalid.sum"
    assert W.msg(errors["r.gender_target.min_share"]).startswith("de lägsta andelarna blir tillsammans mer än 1")
