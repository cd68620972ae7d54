"""Choosing the active scenario by name or path."""

from __future__ import annotations

import pytest

from tutor.iam import ScenarioError
from tutor.policyqa.scenarios import active_scenario, available_scenarios, policy_kinds


def test_the_default_is_the_configured_coffee_shop():
    assert active_scenario().key == "coffee-shop"
    assert active_scenario().scenario.name == "Coffee shop"


def test_the_default_follows_the_setting(monkeypatch):
    from tutor.config import get_settings

    monkeypatch.setenv("TUTOR_SCENARIO", "cross-account")
    get_settings.cache_clear()
    assert active_scenario().key == "cross-account"


def test_a_path_loads_that_file(bakery_file):
    assert active_scenario(str(bakery_file)).scenario.name == "Bakery"


def test_an_unknown_name_lists_the_bundled_scenarios():
    with pytest.raises(ScenarioError) as caught:
        active_scenario("moon-base")
    assert str(caught.value) == f"no scenario called 'moon-base' (bundled scenarios: {', '.join(available_scenarios())})"


def test_a_named_policy_is_parsed_as_the_kind_the_scenario_uses_it_as(bakery_file):
    bakery = active_scenario(str(bakery_file))
    assert (bakery.named_policy("oventrust").kind, bakery.named_policy("BakerAccess").kind,
            bakery.named_policy("RecipesPolicy").kind) == ("trust", "identity", "resource")
    assert bakery.named_policy("NoSuchPolicy") is None


def test_policy_kinds_follow_every_reference():
    data = {"groups": [{"policies": ["G"]}],
            "principals": [{"policies": ["P"], "boundary": "B", "trust": "T"}],
            "resources": [{"policy": "R"}],
            "organization": {"root": {"scps": ["S"], "ous": [{"rcps": ["C"]}]}}}
    assert policy_kinds(data) == {"G": "identity", "P": "identity", "B": "boundary", "T": "trust", "R": "resource",
                                  "S": "scp", "C": "rcp"}
