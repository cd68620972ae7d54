"""The progress screen: mastery per topic, reviews due, the streak and answers over the last two weeks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tutor.app.widgets.answer_chart import AnswerChart, daily_counts
from tutor.topics import TOPICS



def mastery_bar(accuracy: float, answered: int, width: int = 20) -> str:
    """A text bar for one topic's accuracy; an unanswered topic shows an empty track."""
    if not answered:
        return "·" * width
    filled = round(accuracy * width)
    return "█" * filled + "░" * (width - filled)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


class ProgressScreen(Screen):
    """Read from the same database `tutor progress` reads; refreshed each time the screen is shown."""

    BINDINGS = [Binding("r", "refresh", "Refresh")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="progress-body"):
            yield Static("", id="progress-summary")
            yield DataTable(id="topic-table", cursor_type="row", zebra_stripes=True)
            yield Static("Answers per day (last 14 days; green correct, red wrong)", classes="section-title")
            yield AnswerChart(id="answer-chart")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("topic", "mastery", "accuracy", "answered", "cards", "due")

    def on_screen_resume(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        """Reload the figures from the database."""
        from tutor.store import ReviewStore, progress_report

        db = self.app.db
        summary = self.query_one("#progress-summary", Static)
        if db is None:
            summary.update(Content(f"Progress is unavailable: {self.app.db_error}"))
            return
        now = self.app.clock()
        report = progress_report(db, now=now)
        by_topic = {t.topic: t for t in report.topics}
        table = self.query_one(DataTable)
        table.clear()
        for topic in (*TOPICS, *sorted(set(by_topic) - set(TOPICS))):
            t = by_topic.get(topic)
            answered, correct = (t.answered, t.correct) if t else (0, 0)
            accuracy = correct / answered if answered else 0.0
            table.add_row(
                topic,
                mastery_bar(accuracy, answered),
                f"{accuracy:.0%}" if answered else "–",
                str(answered),
                str(t.cards if t else 0),
                str(t.due if t else 0),
            )
        overall = f"{report.correct / report.answered:.0%}" if report.answered else "–"
        summary.update(
            Content(
                f"{_count(report.answered, 'answer')}, {overall} correct · {_count(report.due, 'review')} due now · "
                f"streak {_count(report.streak, 'day')}"
            )
        )
        answers = [(a.reviewed_at, a.correct) for a in ReviewStore(db).answers()]
        self.query_one(AnswerChart).set_counts(daily_counts(answers, now.date()))
