"""The app on the real answer engine (model, Chroma and BM25 built from the corpus) and the real bank."""

from __future__ import annotations

import pytest

from tutor.app.tutor_app import TutorApp
from tutor.app.widgets.answer_view import AnswerView, CitationButton
from tutor.app.widgets.source_panel import SourcePanel

from .test_chat import send


@pytest.mark.slow
async def test_the_real_engine_loads_in_the_background_and_answers_with_a_citation():
    app = TutorApp()
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.engine_status != "ready"  # the first screen is up before the engine
        await send(pilot, "What does multi-factor authentication add to a password?")
        assert app.engine_status == "ready"
        view = app.screen.query_one(AnswerView)
        assert not view.answer.abstained
        cited = [b.ref.id for b in view.query(CitationButton)]
        assert "iam-mfa" in cited
        await pilot.click(CitationButton)
        await pilot.pause()
        assert app.screen.query_one(SourcePanel).is_open


@pytest.mark.slow
async def test_a_pasted_exam_question_is_solved_with_the_real_solver_and_cites_each_option():
    app = TutorApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await send(
            pilot,
            "A company wants to find personal data stored in its S3 buckets. Which service should it use?\n"
            "A. Amazon Inspector\nB. Amazon Macie\nC. AWS Shield\nD. AWS Artifact",
        )
        view = app.screen.query_one(AnswerView)
        assert view.answer.route == "exam"
        assert view.answer.solution["picked"] == ["B"]
        assert [b.ref.id for b in view.query(CitationButton)] == [
            "svc-inspector", "svc-macie", "ddos-shield-standard", "compliance-artifact",
        ]
