"""The bundled scenarios answer questions asked with everyday names, and bad scenarios say where they are wrong."""

import pytest

from tutor.iam import ScenarioError, load_scenario, parse_scenario
from tutor.paths import corpus_dir


@pytest.fixture(scope="module")
def shop():
    return load_scenario(corpus_dir() / "scenarios" / "coffee-shop.yaml")


@pytest.fixture(scope="module")
def roaster():
    return load_scenario(corpus_dir() / "scenarios" / "cross-account.yaml")


@pytest.mark.parametrize("who,action,what,outcome,rule", [
    ("cashier", "s3:ListBucket", "receipts bucket", "Allowed", "allowed-identity"),
    ("the cashier", "s3:PutObject", "receipts bucket/2026/01/till-1.csv", "Allowed", "allowed-identity"),
    ("cashier", "s3:DeleteObject", "receipts bucket/2026/01/till-1.csv", "ExplicitlyDenied", "explicit-deny"),
    ("cashier", "dynamodb:PutItem", "inventory table", "ImplicitlyDenied", "no-allow"),
    ("inventory specialist", "dynamodb:UpdateItem", "inventory table", "Allowed", "allowed-identity"),
    ("bookkeeper", "s3:GetObject", "arn:aws:s3:::coffee-shop-receipts/2026/01.csv", "Allowed", "allowed-resource"),
    ("bookkeeper", "s3:PutObject", "receipts/2026/01.csv", "ImplicitlyDenied", "no-allow"),
    ("owner", "ec2:RunInstances", "*", "ExplicitlyDenied", "explicit-deny"),
    ("owner", "s3:DeleteObject", "receipts/old.csv", "ExplicitlyDenied", "explicit-deny"),
    ("trainee", "s3:PutObject", "receipts/x.csv", "ImplicitlyDenied", "boundary-no-allow"),
    ("trainee", "s3:GetObject", "receipts/x.csv", "Allowed", "allowed-identity"),
    ("Sam", "sts:AssumeRole", "register role", "Allowed", "allowed-resource"),
    ("Sam", "sts:AssumeRole", "stockroom role", "Allowed", "allowed-identity"),
    ("Mateo", "sts:AssumeRole", "register role", "ImplicitlyDenied", "resource-must-allow"),
    ("Sam at the register", "s3:PutObject", "receipts/x.csv", "Allowed", "allowed-identity"),
    ("Sam in the stockroom", "s3:PutObject", "receipts/x.csv", "ImplicitlyDenied", "no-allow"),
    ("Priya", "kms:Decrypt", "shop key", "Allowed", "allowed-identity"),
    ("Mateo", "kms:Decrypt", "shop key", "ImplicitlyDenied", "account-delegation-needs-identity-allow"),
])
def test_coffee_shop_questions(shop, who, action, what, outcome, rule):
    decision = shop.ask(who, action, what)
    assert (decision.outcome, decision.trace.rule) == (outcome, rule)


def test_the_compliance_scp_is_what_blocks_the_owner(shop):
    decision = shop.ask("owner", "ec2:RunInstances", "*")
    assert decision.trace.decided_by == "scp[1]"
    assert decision.trace.layer("scp[1]").denies == [("ComplianceServicesOnly", "DenyServicesOutsideComplianceList")]


def test_plain_http_is_refused_by_the_bucket_policy(shop):
    decision = shop.ask("cashier", "s3:GetObject", "receipts/x.csv", {"aws:SecureTransport": "false"})
    assert decision.trace.layer("resource").denies == [("ReceiptsBucketPolicy", "RequireTLS")]


def test_scenario_context_carries_principal_and_resource_keys(shop):
    request = shop.ask("cashier", "s3:GetObject", "receipts/x.csv").request
    assert request.context["aws:username"] == "Mateo"
    assert request.context["aws:principaltag/station"] == "register"
    assert request.context["aws:principalorgid"] == "o-coffee0001"
    assert request.context["aws:resourcetag/data"] == "receipts"


def test_assume_role_returns_a_session_that_can_then_be_asked_about(shop):
    session = shop.assume_role("Sam", "StockroomRole")
    assert session.arn == "arn:aws:sts::111122223333:assumed-role/StockroomRole/sam"
    assert shop.ask("Sam as StockroomRole", "dynamodb:Query", "inventory").outcome == "Allowed"
    with pytest.raises(ScenarioError, match="Mateo cannot assume RegisterRole: ImplicitlyDenied"):
        shop.assume_role("Mateo", "RegisterRole")


def test_names_principals_and_resources(shop):
    assert {"Mateo", "Priya", "Sam", "owner"} <= set(shop.principals)
    assert {"receipts bucket", "inventory table", "shop key"} <= set(shop.resources)


@pytest.mark.parametrize("who,action,what,context,outcome,rule", [
    ("buyer", "s3:GetObject", "price lists/beans.csv", None, "Allowed", "allowed-cross-account"),
    ("cashier", "s3:GetObject", "price lists/beans.csv", None, "ImplicitlyDenied", "cross-account-identity-no-allow"),
    ("buyer", "kms:Decrypt", "roaster key", None, "Allowed", "allowed-cross-account"),
    ("buyer", "sts:AssumeRole", "orders role", None, "ImplicitlyDenied", "cross-account-resource-no-allow"),
    ("buyer", "sts:AssumeRole", "orders role", {"aws:MultiFactorAuthPresent": "true"}, "Allowed", "allowed-cross-account"),
    ("Nadia placing orders", "s3:PutObject", "orders/incoming/o1.json", None, "Allowed", "allowed-resource"),
    ("buyer", "s3:PutObject", "price lists/x.csv", None, "ExplicitlyDenied", "explicit-deny"),
    ("Omar", "s3:PutObject", "price lists/x.csv", None, "Allowed", "allowed-identity"),
    ("cashier", "s3:GetObject", "shop receipts bucket/a.csv", None, "Allowed", "allowed-identity"),
])
def test_cross_account_questions(roaster, who, action, what, context, outcome, rule):
    decision = roaster.ask(who, action, what, context)
    assert (decision.outcome, decision.trace.rule) == (outcome, rule)


def test_unknown_names_list_what_exists(shop):
    with pytest.raises(ScenarioError, match=r"no principal called 'barista' \(known: Jun, Mateo"):
        shop.ask("barista", "s3:GetObject", "receipts")
    with pytest.raises(ScenarioError, match="no resource called 'espresso machine'"):
        shop.ask("cashier", "s3:GetObject", "espresso machine")


def test_invalid_policy_in_a_scenario_names_the_policy_and_path():
    data = {"accounts": [{"name": "a", "id": "111122223333"}],
            "policies": {"Bad": {"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "s3:*", "Resource": "*"}]}},
            "principals": [{"name": "u", "type": "user", "account": "a", "policies": ["Bad"]}]}
    with pytest.raises(ScenarioError, match=r'principals\[0\]\.policies\[0\] \(Bad\): Statement\[0\]\.Effect: must be "Allow" or "Deny", got "allow"'):
        parse_scenario(data, "test.yaml")


def test_malformed_yaml_names_the_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("name: x\nprincipals: [\n  - a\n")
    with pytest.raises(ScenarioError, match=r"broken\.yaml \(line \d+, column \d+\): not valid YAML"):
        load_scenario(path)


def test_explanations_can_use_everyday_names(shop):
    from tutor.iam import explain

    text = explain(shop.ask("cashier", "s3:ListBucket", "receipts bucket"), shop.names())
    assert text.splitlines()[0] == ("Mateo (arn:aws:iam::111122223333:user/Mateo) is allowed to perform s3:ListBucket "
                                    "on receipts bucket (arn:aws:s3:::coffee-shop-receipts).")


def test_a_misspelt_field_is_reported_not_ignored():
    data = {"accounts": [{"name": "a", "id": "111122223333"}],
            "principals": [{"name": "u", "type": "user", "account": "a", "polices": ["X"]}]}
    with pytest.raises(ScenarioError, match=r"test\.yaml: principals\[0\]\.polices: unknown field"):
        parse_scenario(data, "test.yaml")


def test_two_principals_cannot_share_a_name():
    data = {"accounts": [{"name": "a", "id": "111122223333"}],
            "principals": [{"name": "Mateo", "type": "user", "account": "a", "aliases": ["cashier"]},
                           {"name": "Lina", "type": "user", "account": "a", "aliases": ["Cashier"]}]}
    with pytest.raises(ScenarioError, match="principal 'Lina': the name 'Cashier' already refers to 'Mateo'"):
        parse_scenario(data, "test.yaml")
