"""Finding a policy pasted into a question."""

from __future__ import annotations

from tutor.policyqa.pasted import find_pasted_policy

POLICY = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}'


def test_a_fenced_policy_and_the_question_around_it():
    pasted = find_pasted_policy(f"What does this allow?\n```json\n{POLICY}\n```\nThanks")
    assert (pasted.text, pasted.question, pasted.line_offset) == (POLICY, "What does this allow? Thanks", 2)


def test_a_policy_amid_prose():
    pasted = find_pasted_policy(f"Can it read? {POLICY} (for my app)")
    assert (pasted.text, pasted.question) == (POLICY, "Can it read? (for my app)")


def test_malformed_json_is_still_found():
    broken = '{"Statement": [{"Effect": "Allow" "Action": "*"}'
    assert find_pasted_policy(f"Is this ok? {broken}").text == broken


def test_braces_without_policy_words_are_not_a_policy():
    assert find_pasted_policy('What is {"a": 1}?') is None
    assert find_pasted_policy("What is an IAM policy?") is None
