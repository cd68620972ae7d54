"""Answer texts: assumptions about context, citations per rule, and the JSON contract."""

from __future__ import annotations

from tutor.iam import PolicySet, Request, evaluate_request, parse_policy
from tutor.policyqa.compose import PolicyAnswer, context_assumptions, decision_sections


def test_each_tested_key_is_said_to_be_stated_defaulted_or_absent():
    notes = context_assumptions(
        ["aws:MultiFactorAuthPresent", "aws:SecureTransport", "aws:SourceIp", "aws:PrincipalTag/team", "aws:SourceVpc"],
        stated={"aws:SourceIp": "203.0.113.5"},
        defaults={"aws:SecureTransport": "true"},
        sent={"aws:SourceIp": "203.0.113.5", "aws:SecureTransport": "true", "aws:PrincipalTag/team": "blue"},
    )
    assert notes == [
        "assumed no MFA: the request carries no aws:MultiFactorAuthPresent key "
        "(say \"with MFA\" to ask about a signed-in MFA session).",
        "assumed aws:SecureTransport = true, the scenario's default for every request.",
        "assumed the request carries no aws:SourceVpc key (a policy tests it).",
    ]


def _decide(scp_statements, action="ec2:RunInstances"):
    allow = parse_policy({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
    scp = parse_policy({"Version": "2012-10-17", "Statement": scp_statements}, name="Guard", kind="scp")
    request = Request(action, "*", principal="arn:aws:iam::111122223333:user/Ana")
    return evaluate_request(PolicySet(identity=[allow], scps=[[scp]]), request)


def test_an_scp_deny_cites_evaluation_and_scps():
    decision = _decide([{"Effect": "Deny", "Action": "ec2:*", "Resource": "*"}])
    assert decision.outcome == "ExplicitlyDenied"
    assert decision_sections(decision) == ["iam-policy-evaluation", "org-scps"]


def test_an_scp_without_an_allow_cites_scps_as_the_maximum():
    decision = _decide([{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}])
    assert (decision.outcome, decision.trace.rule) == ("ImplicitlyDenied", "scp-no-allow")
    assert "org-scps" in decision_sections(decision)


def test_a_policy_answer_adds_route_decision_request_and_trace_to_the_json():
    answer = PolicyAnswer(answer="Allowed: ...", citations=[], abstained=False, route="policy", decision="Allowed",
                          request={"principal": None, "action": "s3:GetObject", "resource": "*", "context": {}},
                          trace={"decided_by": "identity", "rule": "allowed-identity", "grant": None, "layers": []})
    assert answer.to_json() == {
        "answer": "Allowed: ...", "citations": [], "abstained": False, "route": "policy", "retrieved": [],
        "decision": "Allowed",
        "request": {"principal": None, "action": "s3:GetObject", "resource": "*", "context": {}},
        "trace": {"decided_by": "identity", "rule": "allowed-identity", "grant": None, "layers": []},
    }
