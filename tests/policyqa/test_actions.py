"""The action catalogue: verbs and nouns become IAM actions through data tables."""

from __future__ import annotations

import pytest

from tutor.policyqa import actions


@pytest.mark.parametrize(
    ("kind", "intent", "action", "target"),
    [
        ("s3-object", "read", "s3:GetObject", "object"),
        ("s3-bucket", "list", "s3:ListBucket", "own"),
        ("s3-bucket", "read", "s3:GetObject", "object"),  # reading a bucket means reading its objects
        ("s3-bucket", "delete", "s3:DeleteBucket", "own"),
        ("s3-object", "delete", "s3:DeleteObject", "object"),
        ("s3-object", "write", "s3:PutObject", "object"),
        ("ec2-instance", "start", "ec2:StartInstances", "own"),
        ("ec2-instance", "stop", "ec2:StopInstances", "own"),
        ("ec2-instance", "terminate", "ec2:TerminateInstances", "own"),
        ("kms-key", "decrypt", "kms:Decrypt", "own"),
        ("iam-user", "create", "iam:CreateUser", "any"),
        ("cloudtrail-trail", "read", "cloudtrail:LookupEvents", "any"),
        ("dynamodb-table", "update", "dynamodb:UpdateItem", "own"),
        ("rds-db", "delete", "rds:DeleteDBInstance", "own"),
        ("organizations-account", "create", "organizations:CreateAccount", "any"),
    ],
)
def test_resolve_maps_an_intent_on_a_kind_to_one_action(kind, intent, action, target):
    row = actions.resolve(kind, intent)
    assert (row.action, row.target) == (action, target)


def test_resolve_returns_none_for_a_pair_the_catalogue_lacks():
    assert actions.resolve("kms-key", "launch") is None


def test_intents_are_found_in_any_inflection_and_in_order():
    found = actions.find_intents("she deleted a file after uploading one and before stopping")
    assert [(i.intent, i.start) for i in found] == [("delete", 4), ("write", 25), ("stop", 50)]


def test_a_verb_followed_by_denied_or_a_wh_word_is_not_an_action():
    assert actions.find_intents("why does ana get denied") == []
    assert [i.intent for i in actions.find_intents("can ana see what is in the bucket")] == ["list"]


def test_kind_nouns_prefer_the_longest_name():
    assert actions.find_kind_nouns("create an access key for a user") == [("iam-access-key", 10, 20), ("iam-user", 27, 31)]


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("can she generate a data key", "kms:GenerateDataKey"),
        ("may he stop logging", "cloudtrail:StopLogging"),
        ("can ana look up events", "cloudtrail:LookupEvents"),
        ("can he add ben to the bakers group", "iam:AddUserToGroup"),
        ("can she change the bucket policy", "s3:PutBucketPolicy"),
    ],
)
def test_phrases_name_one_action_outright(text, action):
    row, _, _ = actions.find_phrase(text)
    assert row.action == action


def test_action_tokens_skip_condition_keys_and_a_closing_question_mark():
    text = "Does s3:GetObject work with aws:SourceIp=10.0.0.1, and is iam:* or s3:ListBucket?"
    assert actions.action_tokens(text) == ["s3:GetObject", "iam:*", "s3:ListBucket"]


def test_object_level_s3_actions_act_on_objects_and_create_actions_on_nothing_yet():
    assert [actions.target_of(a) for a in ("s3:GetObject", "s3:ListBucket", "iam:CreateUser", "kms:Decrypt")] == [
        "object", "own", "any", "own"]


@pytest.mark.parametrize(
    ("arn", "kind"),
    [
        ("arn:aws:s3:::photos/cat.jpg", "s3-object"),
        ("arn:aws:s3:::photos", "s3-bucket"),
        ("arn:aws:dynamodb:us-east-1:123456789012:table/Orders", "dynamodb-table"),
        ("arn:aws:iam::123456789012:role/Admin", "iam-role"),
        ("arn:aws:sns:us-east-1:123456789012:topic", None),
    ],
)
def test_kind_of_arn(arn, kind):
    assert actions.kind_of_arn(arn) == kind


def test_access_is_a_verb_only_after_a_modal_to_or_have():
    assert [i.intent for i in actions.find_intents("can she access the bucket")] == ["read"]
    assert [i.intent for i in actions.find_intents("does he have access to the bucket")] == ["read"]
    assert actions.find_intents("the same register access for everyone") == []


def test_a_participle_after_a_form_of_be_is_a_state_not_an_action():
    assert actions.find_intents("is the bucket encrypted") == []
    assert [i.intent for i in actions.find_intents("can the file be deleted")] == ["delete"]
