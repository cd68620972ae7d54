"""Reading a question against a scenario: principal, action, resource, context, or a clarifying question."""

from __future__ import annotations

import pytest

from tutor.policyqa.question import read_permission_question

RECIPES = "arn:aws:s3:::bakery-recipes"
ORDERS = "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"


def _request(question):
    return (question.principal.name if question.principal else None, question.action, question.resource_arn)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Can Ana read a recipe?", ("Ana", "s3:GetObject", RECIPES + "/example-object")),
        ("Can the baker list the objects in the recipes bucket?", ("Ana", "s3:ListBucket", RECIPES)),
        ("Can Ana delete the recipes bucket?", ("Ana", "s3:DeleteBucket", RECIPES)),
        ("Can Ben delete recipes?", ("Ben", "s3:DeleteObject", RECIPES + "/example-object")),
        ("Can Ana add an item to the orders table?", ("Ana", "dynamodb:PutItem", ORDERS)),
        ("Can Ana decrypt with the bakery key?", ("Ana", "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/1234")),
        ("Can Ana assume the oven role?", ("Ana", "sts:AssumeRole", "arn:aws:iam::111122223333:role/OvenRole")),
        ("Can the clerk create a user?", ("Ben", "iam:CreateUser", "*")),
        ("Can Ben terminate an instance?", ("Ben", "ec2:TerminateInstances", "*")),
        ("Can Ana read the recipe 2026/bread.txt?", ("Ana", "s3:GetObject", RECIPES + "/2026/bread.txt")),
        ("Can Ana do s3:GetObject on arn:aws:s3:::bakery-recipes/cake.md?", ("Ana", "s3:GetObject", RECIPES + "/cake.md")),
        ("Is s3:PutObject allowed for Ben on the recipes bucket?", ("Ben", "s3:PutObject", RECIPES + "/example-object")),
        ("Does Ben have access to delete recipes?", ("Ben", "s3:DeleteObject", RECIPES + "/example-object")),
        ("Can Ana upload s3://bakery-recipes/pie.txt?", ("Ana", "s3:PutObject", RECIPES + "/pie.txt")),
        ("Can Ana list the orders table?", ("Ana", "dynamodb:Scan", ORDERS)),
        ("Can Ana list the tables?", ("Ana", "dynamodb:ListTables", "*")),
        ("Can Ana decrypt recipes?", ("Ana", "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/1234")),
        ("Can the owner change the bucket policy of the recipes bucket?", ("owner", "s3:PutBucketPolicy", RECIPES)),
    ],
)
def test_a_question_becomes_one_request(bakery, text, expected):
    question = read_permission_question(text, bakery)
    assert question.clarification is None
    assert _request(question) == expected


def test_a_default_object_key_is_stated_as_an_assumption(bakery):
    question = read_permission_question("Can Ana read a recipe?", bakery)
    assert question.assumptions == [
        "no object key was named, so the request is for an object called example-object at the top of the bucket."]


def test_a_lone_kind_noun_takes_the_only_resource_of_that_kind_and_says_so(bakery):
    question = read_permission_question("Can Ana put an item in the table?", bakery)
    assert _request(question) == ("Ana", "dynamodb:PutItem", ORDERS)
    assert question.assumptions == ["took the orders table as the resource: it is the only one of its kind here."]


def test_context_phrases_become_condition_keys(bakery):
    question = read_permission_question("Can Ana read recipes over HTTP with MFA from 203.0.113.5?", bakery)
    assert question.context == {"aws:MultiFactorAuthPresent": "true", "aws:SourceIp": "203.0.113.5",
                                "aws:SecureTransport": "false"}


def test_a_role_session_is_read_from_x_as_role(bakery):
    question = read_permission_question("Can Ana as the oven role with MFA read a recipe?", bakery)
    assert question.principal.arn == "arn:aws:sts::111122223333:assumed-role/OvenRole/ana"


def test_a_session_the_caller_cannot_assume_carries_the_assume_role_decision(bakery):
    question = read_permission_question("Can Ben as OvenRole read a recipe?", bakery)
    assert question.assume_denied.outcome == "ImplicitlyDenied"
    assert question.assume_denied.request.action == "sts:AssumeRole"


def test_a_missing_principal_is_asked_for(bakery):
    question = read_permission_question("Can anyone delete objects in the recipes bucket?", bakery)
    assert question.clarification == ("Who is making the request? In the Bakery scenario you can ask about "
                                      "OvenRole, Ana, Ben or owner.")


def test_a_verb_without_an_object_is_asked_about(bakery):
    question = read_permission_question("Can Ana delete?", bakery)
    assert question.clarification == ("I could not tell what Ana should delete. Name the resource (for example "
                                      "recipes bucket, orders table or bakery key) or the action, such as s3:GetObject.")


def test_an_action_pattern_is_not_a_request(bakery):
    question = read_permission_question("Can Ana do s3:Get* on the recipes bucket?", bakery)
    assert question.clarification == ("s3:Get* is a pattern, and a request is for one action. Which action do you "
                                      "mean, for example s3:GetObject?")


def test_why_questions_are_marked(bakery):
    assert read_permission_question("Why can't Ben read a recipe?", bakery).why is True
    assert read_permission_question("Can Ben read a recipe?", bakery).why is False


def test_a_session_is_read_from_after_switching_to_a_role(bakery):
    question = read_permission_question("Can Ana read a recipe after switching to the oven role with MFA?", bakery)
    assert (question.principal.arn, question.action) == ("arn:aws:sts::111122223333:assumed-role/OvenRole/ana",
                                                         "s3:GetObject")
