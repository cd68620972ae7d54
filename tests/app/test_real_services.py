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
