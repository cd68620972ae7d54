"""Quiz screen: answering with keys or the mouse, feedback, the review log row, exam mode and the summary."""

from __future__ import annotations

from tutor.app.screens.quiz import QuizScreen
from tutor.app.widgets.quiz_option import QuizOptionButton
from tutor.store import ReviewStore


async def start_quiz(app, pilot, topic, n, mode):
    await app.start_quiz(topic, n, mode)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen


async def test_answering_in_practice_shows_every_options_explanation_and_writes_the_review_log(make_app):
    app = make_app(quiz_seed=7)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_quiz(app, pilot, "iam", 2, "practice")
        question = screen.session.current()
        wrong = next(o for o in question.options if not o.correct)
        await pilot.press(wrong.key.lower())
        await pilot.pause()
        assert screen.phase == "feedback"
        feedback = screen.query_one("#quiz-feedback").source
        assert feedback.startswith(f"**Not quite.** You chose {wrong.key}; the answer is {', '.join(question.keys)}.")
        for option in question.options:
            assert option.explanation in feedback
        rows = ReviewStore(app.db).answers()
        assert [(r.question_id, r.chosen, r.correct, r.topic) for r in rows] == [
            (question.id, (wrong.key,), False, "iam")
        ]
        assert screen.query_one(f"QuizOptionButton.-wrong").key == wrong.key


async def test_clicking_the_right_option_is_marked_correct_and_enter_moves_on(make_app):
    app = make_app(quiz_seed=7)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_quiz(app, pilot, "iam", 2, "practice")
        question = screen.session.current()
        right = [b for b in screen.query(QuizOptionButton) if b.key == question.keys[0]][0]
        await pilot.click(right)
        await pilot.pause()
        assert screen.query_one("#quiz-feedback").source.startswith(f"**Correct** ({question.keys[0]}).")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.phase == "asking"
        assert screen.session.current() is not question


async def test_exam_mode_keeps_feedback_for_the_summary_with_score_and_weak_topics(make_app):
    app = make_app(quiz_seed=3)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_quiz(app, pilot, "ddos", 2, "exam")
        for _ in range(2):
            question = screen.session.current()
            wrong = next(o for o in question.options if not o.correct)
            assert screen.query_one("#quiz-feedback").source == ""
            await pilot.press(str(question.options.index(wrong) + 1))
            await pilot.pause()
        assert screen.phase == "done"
        summary = screen.query_one("#quiz-feedback").source
        assert summary.startswith("## Score: 0/2 (0%)\n\n| topic | correct | answered |\n| --- | --- | --- |\n| ddos | 0 | 2 |")
        assert "**Weak topics:** ddos" in summary
        assert summary.count("**Not quite.**") == 2
        assert len(ReviewStore(app.db).answers()) == 2


async def test_the_setup_form_refuses_a_bad_count_and_starts_with_a_good_one(make_app):
    app = make_app(quiz_seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.phase == "setup"
        screen.query_one("#quiz-n").value = "0"
        await pilot.click("#quiz-start")
        assert [n.message for n in app._notifications] == ["Number of questions must be 1-50, not 0."]
        screen.query_one("#quiz-n").value = "2"
        await pilot.pause(0.3)  # a button ignores clicks while it still shows the previous press
        await pilot.click("#quiz-start")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.phase == "asking" and screen.session.progress().total == 2


async def test_escape_ends_the_quiz_keeping_the_answers_given(make_app):
    app = make_app(quiz_seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_quiz(app, pilot, None, 3, "practice")
        await pilot.press("1")
        await pilot.press("escape")
        assert screen.phase == "setup"
        assert len(ReviewStore(app.db).answers()) == 1
        finished = app.db.execute("SELECT finished_at FROM quiz_sessions").fetchone()[0]
        assert finished is not None


async def test_a_select_two_question_takes_two_keys_then_enter(make_app):
    from .conftest import _question

    question = _question(
        "encryption",
        "Which TWO services manage encryption keys? (Select TWO.)",
        [
            ("AWS KMS", True, "KMS creates and controls keys.", "enc-kms"),
            ("AWS CloudHSM", True, "CloudHSM gives dedicated hardware for keys.", "enc-cloudhsm"),
            ("Amazon Inspector", False, "Inspector scans for vulnerabilities.", "svc-inspector"),
            ("AWS Artifact", False, "Artifact hands out compliance reports.", "compliance-artifact"),
        ],
        kind="multiple",
    )
    app = make_app(questions=[question], quiz_seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_quiz(app, pilot, None, 1, "practice")
        await pilot.press("a")
        assert screen.phase == "multi" and screen.chosen == ["A"]
        assert str(screen.query_one("#quiz-hint").render()) == "Chosen: A · choose 2, then Enter."
        await pilot.press("b", "enter")
        await pilot.pause()
        assert screen.query_one("#quiz-feedback").source.startswith("**Correct** (A, B).")
        assert [r.chosen for r in ReviewStore(app.db).answers()] == [("A", "B")]
