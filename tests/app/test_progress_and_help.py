"""Progress screen figures from the review log, the help screen, and the theme toggle."""

from __future__ import annotations

from datetime import timedelta

from fsrs import Card, Rating
from textual.widgets import DataTable

from tutor.app.screens.help import HelpScreen
from tutor.app.widgets.answer_chart import AnswerChart
from tutor.store import ReviewStore, open_store

from .conftest import FIXED_NOW


def record(store: ReviewStore, question_id: str, topic: str, correct: bool, days_ago: int) -> None:
    when = FIXED_NOW - timedelta(days=days_ago)
    store.record_answer(
        session_id=None, question_id=question_id, topic=topic, chosen=("A",), correct=correct,
        rating=Rating.Good if correct else Rating.Again, response_ms=4000, card=Card(due=when), now=when,
    )  # fmt: skip


def seed_reviews() -> None:
    conn = open_store()
    store = ReviewStore(conn)
    record(store, "q1", "iam", True, days_ago=2)
    record(store, "q2", "iam", False, days_ago=1)
    record(store, "q3", "iam", True, days_ago=0)
    record(store, "q4", "ddos", False, days_ago=0)
    conn.close()


async def test_progress_shows_accuracy_per_topic_due_reviews_and_answers_per_day(make_app):
    seed_reviews()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        assert str(screen.query_one("#progress-summary").render()) == (
            "4 answers, 50% correct · 4 reviews due now · streak 3 days"
        )
        table = screen.query_one(DataTable)
        rows = {table.get_row_at(i)[0]: table.get_row_at(i)[2:] for i in range(table.row_count)}
        assert rows["iam"] == ["67%", "3", "3", "3"]
        assert rows["ddos"] == ["0%", "1", "1", "1"]
        assert rows["encryption"] == ["–", "0", "0", "0"]
        counts = screen.query_one(AnswerChart).counts
        assert [(c.correct, c.wrong) for c in counts[-3:]] == [(1, 0), (0, 1), (1, 1)]
        assert len(counts) == 14


async def test_progress_with_no_answers_says_how_to_start(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        assert str(app.screen.query_one("#progress-summary").render()) == (
            "0 answers, – correct · 0 reviews due now · streak 0 days"
        )
        assert "/quiz starts a session" in str(app.screen.query_one(AnswerChart).render())


async def test_f1_opens_help_listing_every_slash_command_and_escape_closes_it(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("Markdown").source
        for command in ("/quiz", "/policy", "/scenario", "/progress", "/sources", "/clear", "/export", "/copy", "/help"):
            assert f"`{command}" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_ctrl_t_switches_between_dark_and_light_themes(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        before = app.theme
        await pilot.press("ctrl+t")
        assert {before, app.theme} == {"textual-dark", "textual-light"}
        await pilot.press("ctrl+t")
        assert app.theme == "textual-dark"
