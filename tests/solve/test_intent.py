"""Reading what a stem asks: negation, whose responsibility, which service."""

from __future__ import annotations

import pytest

from tutor.solve.intent import analyse, claimed_owner, party_of, strip_owner


@pytest.mark.parametrize(
    ("stem", "negated"),
    [
        ("Which of the following is NOT a feature of GuardDuty?", True),
        ("All of these are customer tasks EXCEPT:", True),
        ("Which task is not the customer's responsibility?", True),
        ("Which service should a team use?", False),
        ("A team that does not want to manage keys needs a service. Which one should it use?", False),
        ("Which capability is available with AWS Shield Advanced but NOT with Shield Standard?", False),
        ("Which capability is NOT available with AWS Shield Standard?", True),
        ("Which option meets these requirements with the LEAST operational overhead?", False),
        ("Which is the LEAST secure way to store the keys?", True),
    ],
)
def test_negation_is_read_from_the_asking_sentence(stem, negated):
    assert analyse(stem).negated is negated


@pytest.mark.parametrize(
    ("stem", "direction", "service"),
    [
        ("Under the AWS shared responsibility model, which task is the customer's responsibility on Amazon EC2?", "customer", "ec2"),
        ("Under the shared responsibility model, which of the following is AWS responsible for?", "aws", "general"),
        ("A team uses Amazon RDS. Which task does AWS take care of?", "aws", "rds"),
        ("A developer deploys code to AWS Lambda. Which of these remains the developer's responsibility?", "customer", "lambda"),
        ("Which service records API calls in an AWS account?", None, "general"),
        ("Which AWS Organizations feature groups accounts?", None, "general"),
        ("A company keeps orders in Amazon DynamoDB. Which task is the company's responsibility?", "customer", "dynamodb"),
        ("A key leaked from an EC2 instance. What should the company do FIRST?", None, "ec2"),
        ("Under the shared responsibility model, which is a shared control, where AWS and the customer each have duties?", "shared", "general"),
        ("A company uses Amazon RDS. Which task falls to AWS rather than to the company?", "aws", "rds"),
        ("A studio keeps scores in Amazon DynamoDB. Which task stays with the studio?", "customer", "dynamodb"),
        ("Which task is handled by AWS when a team runs code on AWS Lambda?", "aws", "lambda"),
    ],
)
def test_responsibility_direction_and_service_context(stem, direction, service):
    intent = analyse(stem)
    assert (intent.direction, intent.service) == (direction, service)


def test_an_option_can_name_its_own_owner():
    assert claimed_owner("AWS patches the host operating system") == "aws"
    assert claimed_owner("The customer is responsible for the function code") == "customer"
    assert claimed_owner("AWS Lambda runs the code") is None
    assert strip_owner("The customer is responsible for the function code") == "the function code"


@pytest.mark.parametrize(
    ("stem", "direction"),
    [("Which of these is an example of security 'in' the cloud?", "customer"),
     ("Which task is part of security OF the cloud?", "aws")],
)
def test_in_and_of_the_cloud_name_the_party(stem, direction):
    assert analyse(stem).direction == direction


@pytest.mark.parametrize(
    ("option", "party"),
    [("AWS", "aws"), ("Only AWS", "aws"), ("AWS's, because it runs the hardware", "aws"),
     ("The retailer", "customer"), ("The retailer's, through the settings it chooses", "customer"),
     ("The customer", "customer"), ("Both, in equal parts", "shared"), ("The retailer and AWS", "shared"),
     ("The hardware vendor", "other"), ("AWS Lambda runs the code without servers to manage", None)],
)
def test_party_named_by_an_option(option, party):
    assert party_of(option, "A retailer runs a shop on Amazon EC2. Who patches the guest operating system?") == party
