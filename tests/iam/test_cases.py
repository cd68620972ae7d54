"""Replaying decision cases in the DESIGN.md format."""

import json

from tutor.iam import replay_cases

ALLOW_GET = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}


def case(case_id, expected, identity=(ALLOW_GET,), action="s3:GetObject", **policies):
    return json.dumps({"id": case_id, "policies": {"identity": list(identity), "resource": None, "scps": [], "rcps": [],
                                                    "boundary": None, "session": None, **policies},
                       "request": {"principal": "arn:aws:iam::111122223333:user/rudy", "anonymous": False,
                                   "action": action, "resource": "arn:aws:s3:::r/a", "resource_account": "111122223333",
                                   "context": {}},
                       "expected": expected, "note": "extra fields are ignored"})


def test_agreeing_and_disagreeing_cases_are_counted():
    report = replay_cases([case("a", "Allowed"), case("b", "ExplicitlyDenied"), case("c", "ImplicitlyDenied", action="s3:PutObject")])
    assert (report.total, report.agree) == (3, 2)
    [mismatch] = report.mismatches
    assert (mismatch.line, mismatch.id, mismatch.expected, mismatch.outcome) == (2, "b", "ExplicitlyDenied", "Allowed")
    assert mismatch.to_dict()["trace"]["decided_by"] == "identity"


def test_malformed_lines_are_mismatches_with_line_numbers_and_the_rest_go_on():
    lines = [case("a", "Allowed"), "{not json", "", json.dumps({"id": "x", "policies": {}, "request": {}, "expected": "Maybe"}),
             case("bad-policy", "Allowed", identity=[{"Statement": [{"Effect": "allow"}]}]), case("d", "Allowed")]
    report = replay_cases(lines)
    assert (report.total, report.agree) == (5, 2)
    assert [(m.line, m.id) for m in report.mismatches] == [(2, None), (4, "x"), (5, "bad-policy")]
    assert report.mismatches[0].error.startswith("line 2: not valid JSON")
    assert report.mismatches[1].error == "line 4: expected: must be one of Allowed, ImplicitlyDenied, ExplicitlyDenied, got 'Maybe'"
    assert report.mismatches[2].error.startswith('line 5: identity[0]: invalid policy: identity[0]: 3 errors')


def test_replay_reads_a_file_path(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text(case("a", "Allowed") + "\n" + case("b", "ImplicitlyDenied", action="s3:PutObject") + "\n")
    report = replay_cases(path)
    assert report.to_dict() == {"total": 2, "agree": 2, "mismatches": []}


def test_trust_policy_in_the_resource_slot_is_read_as_a_trust_policy():
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}]}
    allow = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}
    line = json.loads(case("t", "Allowed", identity=[allow], action="sts:AssumeRole", resource=trust))
    line["request"]["resource"] = "arn:aws:iam::111122223333:role/Ops"
    assert replay_cases([json.dumps(line)]).agree == 1
