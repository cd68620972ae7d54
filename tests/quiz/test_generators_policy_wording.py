"""Policy question stems: who asks for what, in plain words, and the policies in play as a readable list."""

from __future__ import annotations

from tutor.iam import load_scenario
from tutor.quiz.generators import policy
from tutor.quiz.generators.policy_wording import PolicyVocabulary, statement_line

TWO_SHOPS = """\
name: Roaster and shop
accounts:
  - {name: shop, id: "111122223333"}
  - {name: roaster, id: "444455556666"}
groups:
  - {name: Buyers, account: shop, policies: [BuyerAccess]}
policies:
  BuyerAccess:
    Version: "2012-10-17"
    Statement:
      - {Effect: Allow, Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::price-lists", "arn:aws:s3:::price-lists/*"]}
      - {Effect: Allow, Action: "kms:Decrypt", Resource: "arn:aws:kms:us-east-1:444455556666:key/*"}
  PriceListsPolicy:
    Version: "2012-10-17"
    Statement:
      - {Effect: Allow, Principal: {AWS: "arn:aws:iam::111122223333:root"}, Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::price-lists", "arn:aws:s3:::price-lists/*"]}
      - {Effect: Deny, Principal: "*", Action: "s3:PutObject", Resource: "arn:aws:s3:::price-lists/*", Condition: {StringNotEquals: {"aws:PrincipalAccount": "444455556666"}}}
principals:
  - {name: Nadia, type: user, account: shop, groups: [Buyers]}
resources:
  - {name: price lists bucket, arn: "arn:aws:s3:::price-lists", account: roaster, type: s3-bucket, policy: PriceListsPolicy}
"""


def test_a_cross_account_stem_names_each_side_s_account_and_lists_the_policies_in_plain_words(tmp_path):
    path = tmp_path / "two-shops.yaml"
    path.write_text(TWO_SHOPS, encoding="utf-8")
    questions = {q.probe.action: q for q in policy.scenario_questions(path)}
    assert questions["s3:PutObject"].stem.splitlines() == [
        "In the roaster and shop scenario, can Nadia (an IAM user in the Buyers group of the shop account) upload the object "
        "example.csv to the price lists bucket of the roaster account (s3:PutObject)?",
        "",
        "Policies in play:",
        "- Identity-based policy BuyerAccess (from the Buyers group):",
        "  - Allows s3:GetObject and s3:ListBucket on the price lists bucket and every object in it.",
        "  - Allows kms:Decrypt on every KMS key of the roaster account (444455556666) in us-east-1.",
        "- Bucket policy PriceListsPolicy:",
        "  - Allows the shop account (111122223333) s3:GetObject and s3:ListBucket on the price lists bucket and every object in it.",
        "  - Denies everyone s3:PutObject on every object in the price lists bucket when aws:PrincipalAccount is not 444455556666.",
    ]
    assert questions["s3:PutObject"].option(questions["s3:PutObject"].keys[0]).text == "Explicitly denied"


def test_a_statement_with_an_operator_that_has_no_plain_phrase_keeps_its_condition_as_json(tmp_path):
    path = tmp_path / "two-shops.yaml"
    path.write_text(TWO_SHOPS, encoding="utf-8")
    vocabulary = PolicyVocabulary(load_scenario(path))
    statement = {
        "Effect": "Deny",
        "NotAction": ["s3:GetObject"],
        "Resource": "*",
        "Condition": {"ForAnyValue:StringLike": {"aws:TagKeys": ["temp-*"]}},
    }
    assert statement_line(statement, vocabulary) == (
        'Denies every action except s3:GetObject on every resource when {"ForAnyValue:StringLike":{"aws:TagKeys":["temp-*"]}}.'
    )
    assert statement_line({"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::elsewhere"}, vocabulary) == (
        "Allows s3:* on arn:aws:s3:::elsewhere."
    )
