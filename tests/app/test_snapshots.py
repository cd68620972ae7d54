"""Snapshots of the main screens at 120x40 with scripted answers, a fixed clock and a fixed question set.

Regenerate after an intended change with `pytest tests/app/test_snapshots.py --snapshot-update`
and look at the SVGs in tests/app/__snapshots__/ before committing them.
"""

from __future__ import annotations

import json

from textual.widgets import TextArea

from tutor.app.widgets.question_input import QuestionInput

from .conftest import ScriptedAnswers
from .test_progress_and_help import seed_reviews

SIZE = (120, 40)


async def settle(pilot) -> None:
    """Wait for workers and stop cursors blinking, so the picture is the same on every run."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for widget in pilot.app.screen.query("TextArea, Input"):
        widget.cursor_blink = False
    await pilot.pause()


async def ask(pilot, question: str) -> None:
    box = pilot.app.screen.query_one(QuestionInput)
    box.load_text(question)
    await pilot.press("enter")
    await settle(pilot)


def policy_answer():
    """A permission answer as the router builds it, from a real evaluator decision."""
    from tutor.iam import PolicySet, Request, evaluate_request, parse_policy
    from tutor.policyqa.compose import decision_answer

    policy = parse_policy(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Sid": "ShopFiles", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                {"Sid": "KeepReceipts", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"},
            ],
        },
        name="CashierAccess",
    )
    request = Request("s3:DeleteObject", "arn:aws:s3:::receipts/2026/01.csv", principal="arn:aws:iam::111122223333:user/mateo")
    decision = evaluate_request(PolicySet(identity=[policy]), request)
    return decision_answer(decision, who="mateo", why=False, assumptions=[], understood={})


class TestChat:
    def test_first_screen(self, snap_compare, make_app):
        """The chat as a learner first sees it: empty log, ready engine, keys in the footer."""
        assert snap_compare(make_app(), terminal_size=SIZE, run_before=settle)

    def test_answer_with_source_panel(self, snap_compare, make_app):
        """An answer with its citation, and the cited section open beside it."""

        async def run_before(pilot):
            await ask(pilot, "What is MFA?")
            await pilot.press("ctrl+o")
            await settle(pilot)

        assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)

    def test_policy_answer_with_decision_and_trace(self, snap_compare, make_app):
        """A permission question answered by the evaluator: the decision, its summary and trace."""
        question = "Can Mateo delete receipts?"
        app = make_app(answer_service=ScriptedAnswers({question: policy_answer()}))

        async def run_before(pilot):
            await ask(pilot, question)

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)

    def test_light_theme(self, snap_compare, make_app):
        """The same chat in the light theme (ctrl+t)."""

        async def run_before(pilot):
            await ask(pilot, "What is MFA?")
            await pilot.press("ctrl+t")
            await settle(pilot)

        assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare, make_app):
    """F1: keys for every screen and the slash commands."""

    async def run_before(pilot):
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


class TestQuiz:
    def test_practice_feedback(self, snap_compare, make_app, fixed_questions):
        """A wrong practice answer: every option marked, explained and cited."""
        app = make_app(questions=fixed_questions, quiz_seed=5)

        async def run_before(pilot):
            await pilot.app.start_quiz("iam", 1, "practice")
            await settle(pilot)
            await pilot.press("1")
            await settle(pilot)

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)

    def test_exam_summary(self, snap_compare, make_app, fixed_questions):
        """The end of an exam: score, per-topic table, weak topics and the answers."""
        app = make_app(questions=fixed_questions, quiz_seed=5)

        async def run_before(pilot):
            await pilot.app.start_quiz(None, 2, "exam")
            await settle(pilot)
            for _ in range(2):
                key = pilot.app.screen.session.current().keys[0]
                await pilot.press(key.lower())
                await settle(pilot)
            pilot.app.screen.query_one("#quiz-run").scroll_home(animate=False)
            await settle(pilot)

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


class TestPolicyLab:
    def test_validation_error(self, snap_compare, make_app):
        """A misspelt Effect listed with its line and column."""

        async def run_before(pilot):
            await pilot.press("f4")
            editor = pilot.app.screen.query_one("#policy-editor", TextArea)
            document = json.loads(editor.text)
            document["Statement"][0]["Effect"] = "Allw"
            editor.load_text(json.dumps(document, indent=2))
            pilot.app.screen.validate_now()  # the debounce timer is tested elsewhere; do not race it here
            await settle(pilot)

        assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)

    def test_decision(self, snap_compare, make_app):
        """The starter policy evaluated: Allowed, with the explanation and trace."""

        async def run_before(pilot):
            await pilot.press("f4")
            await pilot.press("ctrl+r")
            await settle(pilot)

        assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_progress(snap_compare, make_app):
    """Mastery per topic, due reviews and the answers-per-day chart from a seeded review log."""
    seed_reviews()

    async def run_before(pilot):
        await pilot.press("f5")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
