"""Judging a statement by the claim book: nearest to a truth or to a known misconception."""

from __future__ import annotations

import pytest

from tutor.knowledge.claims import Claim, ClaimBook
from tutor.solve.claim_check import ClaimIndex, resolved, subject_of
from tutor.solve.lexicon import TermWeights

BOOK = ClaimBook(
    [
        Claim(
            "srm-ec2-guest-os", "shared-responsibility", "srm-customer",
            ("The customer patches the guest operating system of its EC2 instances.",),
            ("AWS patches the guest operating system of EC2 instances.",),
            "On EC2 the guest operating system belongs to the customer, so the customer patches it.",
        ),
        Claim(
            "org-one-organization", "organizations", "org-overview",
            ("An AWS account belongs to only one organization at a time.",),
            ("An AWS account can belong to several organizations at the same time.",),
            "An account is a member of one organization at a time; it must leave before joining another.",
        ),
    ]
)


@pytest.fixture(scope="module")
def index(world):
    embedder = world.HashingEmbedder()
    texts = [text for text, _, _ in BOOK.lines()]
    return ClaimIndex(BOOK, embedder.embed(texts), TermWeights(texts)), embedder


def _judge(index, statement):
    claims, embedder = index
    return claims.judge(statement, embedder.embed([statement])[0])


def test_a_close_paraphrase_of_a_misconception_is_judged_false_with_its_claim(index):
    verdict = _judge(index, "AWS patches the guest operating system on EC2 instances")
    assert verdict.claim.id == "srm-ec2-guest-os"
    assert verdict.says_false
    assert verdict.nearest == "AWS patches the guest operating system of EC2 instances."
    assert verdict.truth < -0.5


def test_the_true_side_of_the_same_claim_is_judged_true(index):
    verdict = _judge(index, "The customer patches the guest operating system on EC2")
    assert verdict.claim.id == "srm-ec2-guest-os"
    assert not verdict.says_false
    assert verdict.truth > 0.5


def test_the_word_that_flips_the_fact_decides_between_near_twins(index):
    assert _judge(index, "An account can belong to several organizations at once").says_false
    assert not _judge(index, "An account belongs to only one organization at a time").says_false


def test_a_statement_the_book_holds_nothing_about_is_not_judged(index):
    assert _judge(index, "Amazon Macie finds personal data in S3 buckets") is None


def test_an_empty_book_judges_nothing(world):
    embedder = world.HashingEmbedder()
    empty = ClaimIndex(ClaimBook(), embedder.embed(["x"])[:0], TermWeights([]))
    assert empty.judge("Anything at all", embedder.embed(["Anything at all"])[0]) is None


@pytest.mark.parametrize(
    ("stem", "subject"),
    [
        ("Which statement about the AWS account root user is correct?", "the AWS account root user"),
        ("Which of the following is true regarding AWS Shield Standard?", "AWS Shield Standard"),
        ("Which service should the company use?", None),
    ],
)
def test_the_subject_of_a_which_statement_stem(stem, subject):
    assert subject_of(stem) == subject


def test_a_leading_pronoun_in_an_option_becomes_the_stems_subject():
    stem = "Which statement about organizational units is true?"
    assert resolved("They can be nested", stem) == "organizational units can be nested"
    assert resolved("Its policies apply to child accounts", stem) == "organizational units's policies apply to child accounts"
    assert resolved("Accounts can move between them", stem) == "Accounts can move between them"


@pytest.mark.parametrize(
    ("option", "statement"),
    [
        ("IAM is a global service", True),
        ("An SCP grants permissions to users", True),
        ("Amazon Macie", False),
        ("Use the root user for all tasks", False),
        ("Protecting data while it is stored on disk", False),
        ("Only the management account", False),
        ("Service control policies", False),
        ("The customer's own CloudTrail log files", False),
        ("SCPs grant permissions directly to IAM users", True),
        ("An identity-based allow overrides an explicit deny", True),
    ],
)
def test_only_statements_are_checked_not_names_fragments_or_instructions(option, statement):
    from tutor.solve.claim_check import is_statement

    assert is_statement(option) is statement


def test_a_yes_or_no_answer_is_checked_by_its_reason():
    from tutor.solve.claim_check import checkable

    assert checkable("No, because the SCP denies it", "Can the user launch instances?") == "the SCP denies it"
    assert checkable("Amazon Macie", "Which service finds personal data?") is None


def _solver_with(world, book):
    from tutor.solve.evidence import EvidenceBank
    from tutor.solve.solver import ExamSolver

    return ExamSolver(EvidenceBank(world.SECTIONS, world.CARDS, world.HashingEmbedder(), retriever=world.LexicalRetriever(), claims=book))


ORGANIZATIONS_QUESTION = {
    "A": "An AWS account can belong to several organizations at the same time",
    "B": "An AWS account belongs to only one organization at a time",
    "C": "Amazon Inspector detects malicious IP addresses",
}


def test_the_claim_book_turns_a_close_misconception_down_and_says_why(world):
    from tutor.solve.question import ExamQuestion

    question = ExamQuestion("Which statement about AWS Organizations accounts is true?", ORGANIZATIONS_QUESTION)
    solution = _solver_with(world, BOOK).solve(question)
    assert solution.picked == ["B"]
    assert solution.options["A"].reason == (
        "This is a common mistake: An account is a member of one organization at a time; it must leave before joining another."
    )
    assert [c.id for c in solution.options["A"].citations][0] == "org-overview"
    without_book = _solver_with(world, ClaimBook()).solve(question)
    assert solution.options["A"].score < without_book.options["A"].score - 0.3


def test_under_negation_the_misconception_is_the_pick(world):
    from tutor.solve.question import ExamQuestion

    question = ExamQuestion("Which statement about AWS Organizations accounts is NOT true?", ORGANIZATIONS_QUESTION)
    solution = _solver_with(world, BOOK).solve(question)
    assert solution.picked == ["A"]
    assert solution.options["A"].reason.startswith("This is the false statement: An account is a member of one organization")


def test_a_line_about_another_service_does_not_judge_the_statement(world):
    book = ClaimBook(
        [
            Claim(
                "svc-macie-purpose", "security-services", "svc-macie",
                ("Amazon Macie finds personal data in Amazon S3 buckets.",),
                ("Amazon Macie scans EC2 instances for software vulnerabilities.",),
                "Macie looks for sensitive data in S3; vulnerability scanning is Amazon Inspector's job.",
            )
        ]
    )
    embedder = world.HashingEmbedder()
    texts = [text for text, _, _ in book.lines()]

    def subject(text):
        return next((name for name in ("Inspector", "Macie") if name in text), None)

    statement = "Amazon Inspector scans EC2 instances for software vulnerabilities"
    blind = ClaimIndex(book, embedder.embed(texts), TermWeights(texts))
    assert blind.judge(statement, embedder.embed([statement])[0]).says_false
    aware = ClaimIndex(book, embedder.embed(texts), TermWeights(texts), subject=subject)
    assert aware.judge(statement, embedder.embed([statement])[0]) is None


def test_a_capitalised_name_ending_in_a_verb_is_not_a_statement():
    from tutor.solve.claim_check import is_statement

    assert not is_statement("AWS Systems Manager Parameter Store")
    assert is_statement("Parameter Store stores configuration values")


def test_an_instruction_answering_what_should_the_company_do_is_checked_as_a_recommendation():
    from tutor.solve.claim_check import checkable

    ask = "What should the company do FIRST?"
    assert checkable("Arrange an on-site inspection of the data centres", ask, ask) == (
        "The company should arrange an on-site inspection of the data centres"
    )
    assert checkable("The security team", ask, ask) is None


def test_a_statement_the_owner_table_misjudges_is_rescued_by_the_claim_book(world):
    from tutor.solve.question import ExamQuestion

    book = ClaimBook(
        [
            Claim(
                "srm-audit-reports", "shared-responsibility", "srm-aws",
                ("Customers can read audit reports about the physical security of the data centres.",),
                ("Customers can inspect the physical security of the data centres in person.",),
                "Customers cannot visit the data centres; independent auditors do, and their reports are shared.",
            )
        ]
    )
    question = ExamQuestion(
        "Which statement about the shared responsibility model is NOT true?",
        {
            "A": "AWS secures the hypervisor that isolates instances",
            "B": "Customers can read audit reports about the physical security of the data centres",
            "C": "AWS patches the guest operating system of EC2 instances",
        },
    )
    with_book = _solver_with(world, book).solve(question)
    assert (with_book.strategy, with_book.picked) == ("responsibility", ["C"])
    assert _solver_with(world, ClaimBook()).solve(question).picked == ["B"]


@pytest.mark.parametrize(
    "ask",
    ["Which is an example of encryption in transit?", "Which TWO are examples of encryption in transit? (Select TWO.)",
     "Which of the following are examples of encryption in transit?"],
)
def test_an_option_answering_which_is_an_example_is_checked_as_one_example(ask):
    from tutor.solve.claim_check import checkable

    assert checkable("Serving a website over HTTPS", ask, ask) == (
        "Serving a website over HTTPS is an example of encryption in transit"
    )
