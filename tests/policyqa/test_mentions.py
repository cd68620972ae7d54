"""Finding scenario names in a question."""

from __future__ import annotations

from tutor.policyqa.mentions import arns_in, find_mentions


def _found(text, scenario):
    return [(m.alias, m.entity.name, m.is_principal, m.weak, m.container) for m in find_mentions(text, scenario)]


def test_names_aliases_and_arns_are_found_in_order(bakery):
    assert _found("Can the baker or arn:aws:iam::111122223333:user/Ben read bakery-recipes?", bakery) == [
        ("baker", "Ana", True, False, False),
        ("arn:aws:iam::111122223333:user/Ben", "Ben", True, False, True),
        ("bakery-recipes", "recipes bucket", False, False, True),
    ]


def test_a_singular_of_a_plural_alias_names_the_contents_and_the_container_noun_the_container(bakery):
    assert _found("a recipe from the recipes bucket", bakery) == [
        ("recipe", "recipes bucket", False, False, False),
        ("recipes bucket", "recipes bucket", False, False, True),
    ]


def test_generic_names_are_weak(bakery):
    assert _found("can the root user use the oven role", bakery) == [
        ("root user", "owner", True, True, False),
        ("oven role", "OvenRole", True, False, True),
    ]


def test_names_match_whole_words_only(bakery):
    assert _found("Anastasia and Benjamin bake", bakery) == []


def test_s3_urls_are_read_as_arns():
    assert arns_in("copy s3://bakery-recipes/2026/pie.txt, then arn:aws:s3:::other.") == [
        ("arn:aws:s3:::bakery-recipes/2026/pie.txt", 5, 37), ("arn:aws:s3:::other", 44, 63)]
