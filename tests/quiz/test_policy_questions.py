"""Policy questions: the IAM evaluator is the answer key; its trace is the explanation."""

from __future__ import annotations

from tutor.iam import explain, load_scenario
from tutor.quiz.generators import policy


def test_policy_questions_cover_each_principal_resource_and_action_with_the_evaluator_as_key(tiny_corpus):
    path = tiny_corpus / "scenarios" / "tiny-shop.yaml"
    questions = policy.scenario_questions(path, seed=0)
    assert [(q.stem.splitlines()[0], q.option(q.keys[0]).text, q.options[0].citation) for q in questions] == [
        (
            "In the tiny shop scenario, can Mateo (an IAM user) delete the object example.csv "
            "from the receipts bucket (s3:DeleteObject)?",
            "Explicitly denied",
            "iam-policy-evaluation",
        ),
        (
            "In the tiny shop scenario, can Mateo (an IAM user) read (download) the object example.csv "
            "in the receipts bucket (s3:GetObject)?",
            "Allowed",
            "iam-policy-evaluation",
        ),
        (
            "In the tiny shop scenario, can Mateo (an IAM user) list the objects in the receipts bucket (s3:ListBucket)?",
            "Allowed",
            "iam-policy-evaluation",
        ),
    ]
    delete = questions[0]
    assert delete.stem.splitlines()[1:] == [
        "",
        "Policies in play:",
        "- Identity-based policy CashierAccess:",
        "  - Allows s3:ListBucket on the receipts bucket.",
        "  - Allows s3:GetObject on every object in the receipts bucket.",
        "  - Denies s3:DeleteObject on every resource.",
    ]
    assert [o.text for o in delete.options] == ["Allowed", "Implicitly denied", "Explicitly denied"]
    assert (delete.kind, delete.topic, delete.source) == ("policy", "iam", "generated:policy")
    decision = load_scenario(path).ask("Mateo", "s3:DeleteObject", "arn:aws:s3:::tiny-receipts/example.csv")
    assert delete.option("C").explanation == explain(decision)
    assert delete.option("A").explanation == "A Deny statement matches this request, and an explicit deny beats any Allow."
    assert delete.option("B").explanation == "A Deny statement matches, so the denial is explicit, not implicit."


def test_an_unloadable_scenario_is_reported_and_skipped(tiny_corpus):
    broken = tiny_corpus / "scenarios" / "broken.yaml"
    broken.write_text("name: Broken\nprincipals: [{name: X, type: user, account: nowhere}]\n", encoding="utf-8")
    questions, problems = policy.generate([broken, tiny_corpus / "scenarios" / "tiny-shop.yaml"])
    assert len(questions) == 3
    assert len(problems) == 1 and problems[0].startswith("broken.yaml: scenario skipped (")
    assert "unknown account 'nowhere'" in problems[0]


ORG_SCENARIO = """\
name: Org shop
accounts:
  - {name: management, id: "999988887777"}
  - {name: shop, id: "111122223333"}
policies:
  Everything:
    Version: "2012-10-17"
    Statement: [{Effect: Allow, Action: ["s3:ListBucket"], Resource: "*"}]
  OnlyReads:
    Version: "2012-10-17"
    Statement: [{Effect: Allow, Action: ["s3:GetObject"], Resource: "*"}]
organization:
  id: o-example
  management_account: management
  root:
    accounts: [management]
    ous:
      - {name: Stores, scps: [OnlyReads], accounts: [shop]}
principals:
  - {name: Mateo, type: user, account: shop, policies: [Everything]}
resources:
  - {name: receipts bucket, arn: "arn:aws:s3:::tiny-receipts", account: shop, type: s3-bucket}
"""


def test_a_request_stopped_by_an_scp_cites_the_scp_section_and_counts_as_organizations(tmp_path):
    path = tmp_path / "org-shop.yaml"
    path.write_text(ORG_SCENARIO, encoding="utf-8")
    [question] = policy.scenario_questions(path)
    assert question.stem.splitlines() == [
        "In the org shop scenario, can Mateo (an IAM user) list the objects in the receipts bucket (s3:ListBucket)?",
        "",
        "Policies in play:",
        "- Identity-based policy Everything:",
        "  - Allows s3:ListBucket on every resource.",
        "- Service control policy (SCP) OnlyReads (attached one level below the organization root):",
        "  - Allows s3:GetObject on every resource.",
    ]
    assert question.option(question.keys[0]).text == "Implicitly denied"
    assert {o.citation for o in question.options} == {"org-scps"}
    assert (question.topic, question.difficulty) == ("organizations", 3)
