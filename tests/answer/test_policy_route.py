"""The policy route inside the answer service: computed by the evaluator, never retrieved or generated."""

from __future__ import annotations

import pytest

from tutor.answer.service import AnswerService
from tutor.iam import explain
from tutor.knowledge.corpus import load_sections
from tutor.knowledge.hashing_embedder import HashingEmbedder
from tutor.policyqa.compose import PolicyAnswer
from tutor.policyqa.scenarios import active_scenario

CONCEPT_SECTIONS = {"iam-policy-evaluation", "iam-policies", "iam-policy-types", "iam-least-privilege", "org-scps",
                    "iam-mfa", "iam-roles", "iam-root-user"}

QUESTIONS = [
    ("Can Mateo delete a receipt?", "Mateo", "s3:DeleteObject", "arn:aws:s3:::coffee-shop-receipts/example-object"),
    ("Why can't Jun upload a receipt?", "Jun", "s3:PutObject", "arn:aws:s3:::coffee-shop-receipts/example-object"),
    ("Can Priya start an EC2 instance?", "Priya", "ec2:StartInstances", "*"),
    ("Can Olga read receipts over HTTP?", "Olga", "s3:GetObject", "arn:aws:s3:::coffee-shop-receipts/example-object"),
]


@pytest.fixture
def service(tmp_path):
    """A service whose embedder records every text it is asked to embed."""
    return AnswerService(embedder=HashingEmbedder(), corpus_dir=tmp_path)


@pytest.mark.parametrize(("question", "who", "action", "resource"), QUESTIONS)
def test_policy_answers_come_from_the_evaluator_not_from_retrieval_or_generation(service, question, who, action,
                                                                                 resource):
    answer = service.ask(question)
    assert isinstance(answer, PolicyAnswer) and answer.route == "policy"
    assert service.embedder.embedded == []  # nothing was embedded: no retrieval happened
    assert answer.retrieved == []
    assert {c.id for c in answer.citations} <= CONCEPT_SECTIONS

    scenario = active_scenario().scenario
    context = {"aws:SecureTransport": "false"} if "HTTP" in question else None
    decision = scenario.ask(who, action, resource, context)
    assert answer.decision == decision.outcome
    body = answer.answer.replace(" [1]", "").replace(" [2]", "").replace(" [3]", "")
    for line in explain(decision).split("\nLayer by layer:")[0].splitlines()[1:]:
        assert line in body.splitlines()
    corpus_sentences = {s.strip() for section in load_sections() for s in section.text.split(". ") if len(s) > 40}
    assert not any(sentence in answer.answer for sentence in corpus_sentences)


def test_general_questions_still_reach_the_grounded_answerer(service, monkeypatch):
    seen = []

    class Answerer:
        def answer(self, retrieved):
            seen.append(retrieved)
            return "grounded"

    class Retriever:
        def retrieve(self, text, k):
            return [text, k]

    monkeypatch.setattr(AnswerService, "answerer", property(lambda self: Answerer()))
    monkeypatch.setattr(AnswerService, "retriever", property(lambda self: Retriever()))
    assert service.ask("What is an IAM policy?", k=3) == "grounded"
    assert seen == [["What is an IAM policy?", 3]]


def test_the_scenario_can_be_chosen_per_question(service):
    answer = service.ask("Can Nadia read the price lists?", scenario="cross-account")
    assert (answer.decision, answer.request["principal"]) == ("Allowed", "arn:aws:iam::111122223333:user/Nadia")


def test_a_pasted_policy_may_be_longer_than_a_question(service):
    statements = ",".join(
        f'{{"Sid": "Read{i}", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket-{i}/*"}}'
        for i in range(40))
    answer = service.ask(f'What does this policy allow? {{"Version": "2012-10-17", "Statement": [{statements}]}}')
    assert len(answer.answer) > 2000 and answer.kind == "summary"
