"""Splitting chunk text into the whole sentences and list items the answerer may quote."""

from __future__ import annotations

from tutor.knowledge.sentences import MAX_LIST_UNIT_CHARS, answer_units, lead_and_item, split_units, unit_in_context


def test_prose_splits_into_sentences_and_keeps_abbreviations_whole():
    text = "IAM is global. It is free, e.g. Users cost nothing.\nA role is temporary! Is MFA needed? Yes."
    assert split_units(text) == [
        "IAM is global.",
        "It is free, e.g. Users cost nothing.",
        "A role is temporary!",
        "Is MFA needed?",
        "Yes.",
    ]


def test_short_list_is_quoted_with_its_lead_in():
    text = "Only the root user can:\n\n- Close the account.\n- Change the support plan.\n\nAfter the list."
    assert split_units(text) == [
        "Only the root user can:\n- Close the account.\n- Change the support plan.",
        "After the list.",
    ]


def test_long_list_is_quoted_item_by_item_and_markup_is_removed():
    items = [f"- Item number {i} with **some** words to make it long enough to matter here." for i in range(12)]
    text = "The list:\n" + "\n".join(items)
    assert len(text) > MAX_LIST_UNIT_CHARS
    units = split_units(text)
    assert units[0] == "The list:"
    assert units[1] == "Item number 0 with some words to make it long enough to matter here."
    assert len(units) == 13


def test_code_blocks_and_headings_are_not_quotable():
    text = "### Example\n\nA policy is JSON.\n\n```json\n{\"Effect\": \"Allow\"}\n```\n"
    assert split_units(text) == ["A policy is JSON."]


def test_answer_units_keep_each_list_item_with_its_lead_in():
    text = "Only the root user can:\n\n- Close the account.\n- Change the **support** plan.\n\nAfter the list."
    assert answer_units(text) == [
        "Only the root user can:\n- Close the account.",
        "Only the root user can:\n- Change the support plan.",
        "After the list.",
    ]


def test_answer_units_quote_items_without_a_lead_in_on_their_own():
    text = "Federation joins directories.\n\n- SAML 2.0 suits enterprise providers.\n- OIDC suits web providers."
    assert answer_units(text) == [
        "Federation joins directories.",
        "SAML 2.0 suits enterprise providers.",
        "OIDC suits web providers.",
    ]


def test_lead_and_item_splits_a_list_unit_and_leaves_a_sentence_whole():
    assert lead_and_item("Only the root user can:\n- Close the account.") == (
        "Only the root user can:",
        "Close the account.",
    )
    assert lead_and_item("IAM is global.") == (None, "IAM is global.")


def test_a_unit_is_embedded_after_its_section_title():
    assert unit_in_context("AWS KMS", "It never leaves the service.") == "AWS KMS: It never leaves the service."
    assert unit_in_context("", "It never leaves the service.") == "It never leaves the service."
