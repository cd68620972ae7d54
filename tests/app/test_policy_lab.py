"""Policy lab: errors by line and column as you type, then decisions computed by the IAM evaluator."""

from __future__ import annotations

import json

from textual.widgets import TextArea

from tutor import paths

BROKEN = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allw", "Action": "s3:GetObject", "Resource": "*"}]}'
DENY_DELETE = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
        {"Sid": "KeepReceipts", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"},
    ],
}


async def open_lab(app, pilot):
    await pilot.press("f4")
    await pilot.pause()
    return app.screen


def problems_text(screen) -> str:
    return str(screen.query_one("#policy-problems").render())


async def wait_until(pilot, condition) -> None:
    """Validation runs once typing pauses; wait (up to 5 s on a busy machine) for its result."""
    for _ in range(50):
        await pilot.pause(0.1)
        if condition():
            return


def decision_text(screen) -> str:
    return str(screen.query_one("#decision-view").render())


async def test_the_lab_marks_a_schema_error_by_line_and_column_then_decides_once_fixed(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lab(app, pilot)
        assert problems_text(screen) == "✓ valid policy"
        editor = screen.query_one("#policy-editor", TextArea)
        editor.load_text(BROKEN)
        await wait_until(pilot, lambda: "error" in problems_text(screen))
        assert problems_text(screen) == (
            "1 error(s), 0 warning(s) (ctrl+g goes to the first)\n"
            '1:52  error: Statement[0].Effect: must be "Allow" or "Deny", got "Allw"'
        )
        await pilot.press("ctrl+r")
        assert decision_text(screen).startswith("Fix the policy first: the edited policy: Statement[0].Effect")
        await pilot.press("ctrl+g")
        assert editor.selected_text == '"Allw"'  # the faulty value, selected so typing replaces it
        await pilot.press(*'"Allow"')
        await wait_until(pilot, lambda: problems_text(screen) == "✓ valid policy")
        assert editor.text.startswith('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow"')
        assert problems_text(screen) == "✓ valid policy"
        await pilot.press("ctrl+r")
        assert decision_text(screen).startswith(
            "Decision: Allowed\n\narn:aws:iam::111122223333:user/ana is allowed to perform s3:GetObject"
        )
        assert "Trace:\n  1. identity: allows by Statement[0] of the edited policy" in decision_text(screen)


async def test_invalid_json_is_reported_at_its_line_and_column(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lab(app, pilot)
        screen.query_one("#policy-editor", TextArea).load_text('{\n  "Version": "2012-10-17",\n  "Statement": [\n}')
        await wait_until(pilot, lambda: "error" in problems_text(screen))
        assert problems_text(screen).splitlines()[1] == "4:1  error: not valid JSON: Expecting value"


async def test_an_explicit_deny_wins_and_the_trace_names_the_statement(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lab(app, pilot)
        screen.query_one("#policy-editor", TextArea).load_text(json.dumps(DENY_DELETE))
        screen.query_one("#action").value = "s3:DeleteObject"
        await pilot.press("ctrl+r")
        text = decision_text(screen)
        assert text.startswith("Decision: ExplicitlyDenied\n")
        assert "identity: denies by KeepReceipts of the edited policy; allows by Statement[0] of the edited policy" in text


async def test_context_lines_reach_the_request_and_a_bad_line_is_named(make_app):
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": "s3:GetObject",
                "Resource": "*",
                "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
            }
        ],
    }
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lab(app, pilot)
        screen.query_one("#policy-editor", TextArea).load_text(json.dumps(policy))
        context = screen.query_one("#context-editor", TextArea)
        await pilot.press("ctrl+r")
        assert decision_text(screen).startswith("Decision: ImplicitlyDenied")
        context.load_text("aws:MultiFactorAuthPresent=true")
        await pilot.press("ctrl+r")
        assert decision_text(screen).startswith("Decision: Allowed")
        context.load_text("aws:MultiFactorAuthPresent")
        await pilot.press("ctrl+r")
        assert decision_text(screen) == "Request: context line 1: expected KEY=VALUE, got 'aws:MultiFactorAuthPresent'"


async def test_loading_a_scenario_principal_and_resource_brings_their_policies(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lab(app, pilot)
        screen.query_one("#scenario").value = str(paths.corpus_dir() / "scenarios" / "coffee-shop.yaml")
        await pilot.pause()
        screen.query_one("#scenario-principal").value = "Mateo"
        await pilot.pause()
        assert screen.query_one("#principal").value == "arn:aws:iam::111122223333:user/Mateo"
        assert screen.edited_name == "CashierAccess"
        screen.query_one("#scenario-resource").value = "receipts bucket"
        await pilot.pause()
        assert screen.query_one("#resource").value == "arn:aws:s3:::coffee-shop-receipts"
        assert (screen.edited_name, screen.policy_kind) == ("ReceiptsBucketPolicy", "resource")
        assert list(screen.loaded_policies) == ["CashierAccess", "ReceiptsBucketPolicy"]
        screen.query_one("#action").value = "s3:DeleteObject"
        screen.query_one("#resource").value = "arn:aws:s3:::coffee-shop-receipts/2026/01.csv"
        await pilot.press("ctrl+r")
        assert decision_text(screen).startswith("Decision: ExplicitlyDenied")
        assert "resource: denies by" in decision_text(screen)


async def test_editing_the_policy_after_a_decision_marks_the_decision_stale(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lab(app, pilot)
        await pilot.press("ctrl+r")
        assert decision_text(screen).startswith("Decision: Allowed")
        screen.query_one("#policy-editor", TextArea).insert(" ")
        await pilot.pause()
        assert decision_text(screen) == "The policy changed: ctrl+r evaluates the request again."


async def test_a_malformed_action_is_named_and_control_characters_are_shown_safely(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_lab(app, pilot)
        screen.query_one("#action").value = "read everything"
        await pilot.press("ctrl+r")
        assert decision_text(screen) == "Action: expected service:Action, like s3:GetObject, not 'read everything'."
        screen.query_one("#action").value = "s3:GetObject"
        screen.query_one("#principal").value = "arn:aws:iam::111122223333:user/ana\x1b[2J"
        await pilot.press("ctrl+r")
        assert decision_text(screen).startswith(
            "Decision: Allowed\n\narn:aws:iam::111122223333:user/ana\ufffd[2J is allowed to perform s3:GetObject"
        )
