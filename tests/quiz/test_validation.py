"""The validator: each rule catches its defect, and a valid question has no problems."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tutor.quiz.facts import load_facts
from tutor.quiz.generators import services
from tutor.quiz.model import Option, PolicyProbe, Question
from tutor.quiz.validation import ValidationContext, validate


@pytest.fixture
def context(tiny_corpus):
    return ValidationContext.from_corpus(tiny_corpus)


def make(stem="Which service records the API calls made in an account?", kind="single", options=None, **extra):
    options = options or [
        ("AWS CloudTrail", True, "CloudTrail records every API call.", "svc-cloudtrail"),
        ("Amazon Inspector", False, "Inspector scans for vulnerabilities.", "svc-inspector"),
        ("Amazon GuardDuty", False, "GuardDuty detects threats.", "svc-guardduty"),
    ]
    fields = dict(topic="security-services", kind=kind, stem=stem, difficulty=1, source="bank:test.yaml", support=("svc-cloudtrail",))
    fields.update(extra)
    return Question(options=tuple(Option("ABCDE"[i], *o) for i, o in enumerate(options)), **fields)


def test_a_well_formed_supported_question_has_no_problems(context):
    assert validate(make(), context) == []


def test_unknown_topic_kind_and_difficulty_are_reported(context):
    assert validate(make(topic="billing", kind="essay", difficulty=4), context)[:3] == [
        "unknown topic 'billing' (expected one of shared-responsibility, iam, organizations, compliance, ddos, encryption, security-services)",
        "unknown kind 'essay' (expected one of single, multiple, true_false, policy)",
        "difficulty must be 1, 2 or 3, not 4",
    ]


def test_a_single_answer_question_with_two_keys_is_rejected(context):
    q = make(options=[
        ("AWS CloudTrail", True, "Records API calls.", "svc-cloudtrail"),
        ("Amazon Inspector", True, "Scans.", "svc-inspector"),
    ])
    assert validate(q, context) == ["a single question needs exactly one correct option, found 2"]


def test_a_multiple_answer_question_must_mark_as_many_keys_as_the_stem_asks(context):
    opts = [
        ("AWS CloudTrail", True, "Records API calls.", "svc-cloudtrail"),
        ("Amazon Inspector", False, "Scans.", "svc-inspector"),
        ("Amazon GuardDuty", False, "Detects.", "svc-guardduty"),
    ]
    assert validate(make(stem="Which record API calls? (Select TWO.)", kind="multiple", options=opts), context) == [
        "the stem asks for 2 answers but 1 options are marked correct"
    ]
    assert validate(make(stem="Which record API calls?", kind="multiple", options=opts), context) == [
        'a multiple-answer stem must say how many to pick ("Select TWO" or "Select THREE")'
    ]


def test_option_count_must_be_two_to_five(context):
    one = make(options=[("AWS CloudTrail", True, "Records API calls.", "svc-cloudtrail")])
    assert "has 1 options; a question needs 2 to 5" in validate(one, context)


def test_duplicate_options_are_caught_ignoring_case_and_spacing(context):
    q = make(options=[
        ("AWS CloudTrail", True, "Records API calls.", "svc-cloudtrail"),
        ("aws  cloudtrail", False, "Same thing.", "svc-cloudtrail"),
    ])
    assert validate(q, context) == ["options A and B have the same text"]


def test_every_option_needs_an_explanation(context):
    q = make(options=[
        ("AWS CloudTrail", True, "Records API calls.", "svc-cloudtrail"),
        ("Amazon Inspector", False, "  ", "svc-inspector"),
    ])
    assert validate(q, context) == ["option B has no explanation"]


def test_citations_must_name_existing_sections(context):
    q = make(options=[
        ("AWS CloudTrail", True, "Records API calls.", "svc-cloudtrail"),
        ("Amazon Inspector", False, "Scans.", "svc-nowhere"),
    ])
    assert validate(q, context) == ["option B cites 'svc-nowhere', which is not a corpus section"]


def test_true_false_questions_need_exactly_true_and_false(context):
    q = make(kind="true_false", stem="CloudTrail records API calls.", options=[
        ("Yes", True, "It records API calls.", "svc-cloudtrail"),
        ("No", False, "It does.", "svc-cloudtrail"),
    ])
    assert validate(q, context) == ["a true/false question needs exactly the options True and False"]


def test_a_key_the_cited_section_does_not_support_is_rejected(context):
    q = make(options=[
        ("AWS CloudTrail", False, "CloudTrail records every API call.", "svc-cloudtrail"),
        ("Amazon Detective", True, "Detective investigates the root cause of findings.", "svc-detective"),
    ])
    assert validate(q, context) == [
        "key B ('Amazon Detective') is not supported by svc-cloudtrail: at most 0% of the content words "
        "of its text or its explanation appear there"
    ]


def test_a_generated_question_with_its_key_moved_to_a_distractor_is_caught(tiny_corpus, context):
    facts = load_facts(tiny_corpus / "facts")
    question = next(q for q in services.generate(facts, seed=0) if q.stem == "Which AWS service or feature watches account and network activity to detect threats?")
    assert validate(question, context) == []
    wrong = next(o for o in question.options if not o.correct)
    rekeyed = replace(question, options=tuple(replace(o, correct=o.key == wrong.key) for o in question.options))
    [problem] = validate(rekeyed, context)
    assert problem.startswith(f"key {wrong.key} ({wrong.text!r}) is stated by services:")
    assert problem.endswith("not by the support services:guardduty")


def test_a_card_backed_key_that_is_another_cards_statement_is_caught_even_when_words_overlap(context):
    # "Reads VPC Flow Logs and DNS logs" is GuardDuty's feature; keying it to Inspector is wrong
    # even though Inspector's card shares none of the words that would make the text check pass.
    q = make(
        stem="Which of these does Amazon Inspector do?",
        options=[
            ("Reads VPC Flow Logs and DNS logs", True, "Inspector reads flow logs.", "svc-inspector"),
            ("Scans container images in Amazon ECR", False, "Inspector does this.", "svc-inspector"),
        ],
        support=("services:inspector",),
    )
    assert validate(q, context) == [
        "key A ('Reads VPC Flow Logs and DNS logs') is stated by services:guardduty, not by the support services:inspector"
    ]


def test_support_must_name_a_fact_card_or_section(context):
    assert validate(make(support=("services:nothing",)), context) == [
        "support 'services:nothing' is neither a fact card nor a corpus section"
    ]


def test_a_policy_key_that_disagrees_with_the_evaluator_is_rejected(tiny_corpus, context):
    probe = PolicyProbe(str(tiny_corpus / "scenarios" / "tiny-shop.yaml"), "Mateo", "s3:DeleteObject", "arn:aws:s3:::tiny-receipts/a.csv")
    options = [
        ("Allowed", True, "Wrongly keyed.", "iam-policy-evaluation"),
        ("Implicitly denied", False, "No.", "iam-policy-evaluation"),
        ("Explicitly denied", False, "No.", "iam-policy-evaluation"),
    ]
    q = make(kind="policy", topic="iam", stem="Can Mateo delete a receipt?", options=options, probe=probe, support=("scenario:tiny-shop",))
    assert validate(q, context) == ["key is 'Allowed' but the IAM evaluator says 'Explicitly denied'"]


def test_a_not_question_keyed_to_something_the_subject_does_is_caught(context):
    q = make(
        stem="Which of these is NOT something Amazon GuardDuty does?",
        options=[
            ("Raises findings about suspicious activity", True, "GuardDuty raises findings.", "svc-guardduty"),
            ("Reads VPC Flow Logs and DNS logs", False, "GuardDuty does read these.", "svc-guardduty"),
        ],
        support=("services:guardduty",),
    )
    assert validate(q, context) == [
        "key A ('Raises findings about suspicious activity') is true of services:guardduty, which the stem asks what is NOT"
    ]
