"""The router: permission questions go to the IAM evaluator on evidence; everything else stays general."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tutor.answer.router import PolicyRouter
from tutor.iam import ScenarioError, explain, load_scenario

BAKERY_FILE = Path(__file__).resolve().parent.parent / "policyqa" / "bakery.yaml"

POLICY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]})


@pytest.fixture
def bakery():
    return load_scenario(BAKERY_FILE)


@pytest.fixture
def router():
    """A router whose active scenario is the bakery (tests/policyqa/bakery.yaml)."""
    return PolicyRouter(str(BAKERY_FILE))


@pytest.mark.parametrize(
    "question",
    [
        f"What does this policy allow? {POLICY}",
        f"```json\n{POLICY}\n```\nCan it read arn:aws:s3:::reports/june.csv?",
        "What does this policy allow?",
        "Can Ana read a recipe?",
        "Why can't Ben read a recipe?",
        "Why is Ben denied?",
        "Is s3:DeleteObject allowed for Ben on the recipes bucket?",
        "Can arn:aws:iam::111122223333:user/Ana do s3:GetObject on arn:aws:s3:::bakery-recipes/cake.md?",
        "Can anyone delete objects in the recipes bucket?",
        "What does BakerAccess allow?",
        "What does the recipes bucket policy allow?",
        "What can Ana do?",
        "Can the root user delete a recipe?",
        "If Ben uses HTTP, can he read a recipe?",
        "Ben tries to delete a recipe. What happens?",
    ],
)
def test_each_trigger_form_takes_the_policy_route(router, question):
    assert router.route(question) == "policy"


GENERAL = [
    "What is an IAM policy?",
    "How do SCPs work?",
    "Can I use MFA with the root user?",
    "What is the difference between an identity-based policy and a resource-based policy?",
    "Why does an explicit deny beat an allow?",
    "What does least privilege mean?",
    "Should I create access keys for the root user?",
    "How do I let an EC2 instance read objects from S3 without access keys?",
    "Can an SCP grant permissions?",
    "What is a permissions boundary?",
    "How is a request evaluated when several policies apply?",
    "Can IAM users share access keys?",
    "When should I use a role instead of a user?",
    "What are IAM groups for?",
    "Can a bucket policy give another account access?",
    "Does the root user need MFA?",
    "What happens when no policy allows a request?",
    "Do SCPs apply to the management account?",
    "Is it possible to delete S3 objects when a bucket policy denies it?",
    "What permissions does a new IAM user have?",
    "Why would a request be denied although an identity policy allows it?",
    "Which service records API calls?",
    "Can the root user be limited by a service control policy?",
    "How do I require MFA to delete objects?",
    "What is a resource-based policy?",
]


@pytest.mark.parametrize("question", GENERAL)
def test_general_questions_that_mention_iam_stay_general_in_the_default_scenario(question):
    assert PolicyRouter().route(question) == "general"
    assert PolicyRouter().answer(question) is None


@pytest.mark.parametrize("question", GENERAL[:5])
def test_general_questions_stay_general_in_a_custom_scenario(router, question):
    assert router.route(question) == "general"


@pytest.mark.parametrize(
    "question",
    [
        "Who is Ana?",
        "Is the recipes bucket encrypted?",
        "Why was the recipes bucket policy written that way?",
        "Can you explain why Ana's policy grants DynamoDB access?",
        "Does Ben need MFA?",
        "How does Ana switch roles?",
    ],
)
def test_questions_about_the_scenario_that_ask_no_permission_stay_general(router, question):
    assert router.route(question) == "general"


def test_a_scenario_decision_is_the_evaluators_and_its_explanation_comes_from_the_trace(router, bakery):
    answer = router.answer("Can Ben delete a recipe?")
    decision = bakery.ask("Ben", "s3:DeleteObject", "arn:aws:s3:::bakery-recipes/example-object")
    assert (answer.route, answer.decision, answer.kind) == ("policy", "ExplicitlyDenied", "decision")
    assert answer.request == {"principal": "arn:aws:iam::111122223333:user/Ben", "action": "s3:DeleteObject",
                              "resource": "arn:aws:s3:::bakery-recipes/example-object",
                              "context": decision.request.raw_context}
    assert answer.trace == decision.trace.to_dict()
    lines = answer.answer.splitlines()
    assert lines[0] == ("Explicitly denied: Ben (arn:aws:iam::111122223333:user/Ben) cannot perform "
                        "s3:DeleteObject on arn:aws:s3:::bakery-recipes/example-object.")
    assert lines[1] == explain(decision).splitlines()[1]
    assert lines[2] == "Rule: An explicit Deny in any policy overrides every Allow. [1]"
    assert [c.id for c in answer.citations] == ["iam-policy-evaluation", "iam-policy-types"]


def test_a_failed_allow_condition_and_the_missing_mfa_are_explained(router):
    answer = router.answer("Can Ana assume the oven role?")
    assert answer.decision == "ImplicitlyDenied"
    assert ('Condition not met: Allow statement "Statement[0]" of OvenTrust (role trust policy) did not apply because '
            'Bool aws:MultiFactorAuthPresent ["true"]: the request has no aws:MultiFactorAuthPresent key.') in answer.answer
    assert "- Assumed no MFA: the request carries no aws:MultiFactorAuthPresent key" in answer.answer
    assert "iam-mfa" in [c.id for c in answer.citations]
    assert router.answer("Can Ana assume the oven role with MFA?").decision == "Allowed"


def test_a_clarifying_question_has_no_decision(router):
    answer = router.answer("Can Ana delete?")
    assert (answer.decision, answer.request, answer.trace, answer.kind) == (None, None, None, "clarification")
    assert answer.to_json()["decision"] is None


def test_a_pasted_policy_is_evaluated_alone_and_says_so(router):
    answer = router.answer(f"Can I read arn:aws:s3:::reports/june.csv with this? {POLICY}")
    assert answer.decision == "Allowed"
    assert answer.request["principal"] is None and answer.request["action"] == "s3:GetObject"
    assert ("- The pasted policy was evaluated as an identity-based policy attached to the caller, "
            "with no other policies in play.") in answer.answer


def test_a_pasted_policy_without_an_action_is_summarised_with_its_risks(router):
    admin = '{"Version": "2012-10-17", "Statement": [{"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"}]}'
    answer = router.answer(f"Is this ok?\n{admin}")
    assert (answer.kind, answer.decision) == ("summary", None)
    assert "- All: Allows every action in every service on every resource." in answer.answer
    assert "- All grants full administrator access: every action on every resource." in answer.answer
    assert "iam-least-privilege" in [c.id for c in answer.citations]


def test_malformed_pasted_json_shows_the_error_with_line_and_column(router):
    broken = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow" "Action": "*"}\n  ]\n}'
    answer = router.answer(f"What does this allow?\n{broken}")
    assert (answer.kind, answer.decision) == ("validation", None)
    assert answer.answer.splitlines() == [
        "The pasted policy is not valid, so no decision can be computed. Fix these and paste it again:",
        "- line 4, column 24 of the pasted policy: not valid JSON: Expecting ',' delimiter",
    ]


def test_an_invalid_policy_lists_every_error_by_path(router):
    answer = router.answer('Check this: {"Version": "2012-10-17", "Statement": [{"Effect": "Permit", "Action": "s3:GetObject"}]}')
    assert answer.kind == "validation"
    assert any(line.startswith("- Statement[0].Effect:") for line in answer.answer.splitlines())


def test_use_scenario_switches_and_an_unknown_name_names_the_bundled_ones(router):
    assert router.use_scenario("cross-account") == "Roaster and coffee shop"
    assert router.route("Can Nadia read the price lists?") == "policy"
    with pytest.raises(ScenarioError, match=r"no scenario called 'moon-base' \(bundled scenarios: coffee-shop, cross-account"):
        router.use_scenario("moon-base")
    assert router.scenario == "cross-account"


def test_the_default_scenario_is_the_coffee_shop():
    answer = PolicyRouter().answer("Can Mateo read a receipt?")
    assert answer.request["principal"] == "arn:aws:iam::111122223333:user/Mateo"


def test_a_person_of_another_bundled_scenario_gets_a_pointer_to_it():
    router = PolicyRouter("coffee-shop")
    assert router.route("Can Nadia read the price lists?") == "policy"
    answer = router.answer("Can Nadia read the price lists?")
    assert (answer.kind, answer.decision) == ("clarification", None)
    assert answer.answer == ("Nadia is not in the Coffee shop scenario but in Roaster and coffee shop. Switch to it with "
                             "`/scenario cross-account` in the chat (or `--scenario cross-account` on `tutor ask`) "
                             "and ask again.")


def test_without_the_default_scenario_general_questions_stay_general_and_pastes_still_work(tmp_path, monkeypatch):
    monkeypatch.setattr("tutor.paths.corpus_dir", lambda: tmp_path)  # a corpus with no scenarios folder
    router = PolicyRouter()
    assert router.answer("Can Mateo read a receipt?") is None
    assert router.answer(f"Can I read arn:aws:s3:::reports/june.csv with this? {POLICY}").decision == "Allowed"
    with pytest.raises(ScenarioError, match="no scenario called 'coffee-shop'"):
        router.answer("Can Mateo read a receipt?", scenario="coffee-shop")
