"""A bar chart of answers per day, drawn with block characters (correct in green over wrong in red)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rich.text import Text
from textual.widget import Widget

_EIGHTHS = " ▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class DayCount:
    day: date
    correct: int
    wrong: int

    @property
    def total(self) -> int:
        return self.correct + self.wrong


def daily_counts(answers: Iterable[tuple[datetime, bool]], today: date, days: int = 14) -> list[DayCount]:
    """Correct and wrong answers for each of the `days` days ending `today`, oldest first."""
    right: Counter[date] = Counter()
    wrong: Counter[date] = Counter()
    for moment, correct in answers:
        (right if correct else wrong)[moment.date()] += 1
    first = today - timedelta(days=days - 1)
    return [DayCount(d, right[d], wrong[d]) for d in (first + timedelta(days=i) for i in range(days))]


def column(count: DayCount, peak: int, height: int) -> list[tuple[str, str]]:
    """One day's bar, top row first, as (character, kind) pairs; kind is 'correct', 'wrong' or ''."""
    if peak == 0:
        return [(" ", "")] * height
    eighths_total = round(count.total / peak * height * 8)
    eighths_correct = round(count.correct / peak * height * 8) if count.total else 0
    cells = []
    for row in range(height):  # bottom row first
        low = row * 8
        filled = max(0, min(8, eighths_total - low))
        kind = "correct" if low < eighths_correct else "wrong"
        cells.append((_EIGHTHS[filled], kind if filled else ""))
    return list(reversed(cells))


class AnswerChart(Widget):
    """Answers per day over the last two weeks."""

    DEFAULT_CSS = "AnswerChart { height: auto; }"

    def __init__(self, counts: list[DayCount] | None = None, *, bar_height: int = 6, **kwargs) -> None:
        super().__init__(**kwargs)
        self.counts = counts or []
        self.bar_height = bar_height

    def set_counts(self, counts: list[DayCount]) -> None:
        self.counts = counts
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return self.bar_height + 3

    def render(self) -> Text:
        if not any(c.total for c in self.counts):
            return Text("No answers in the last two weeks yet: /quiz starts a session.", style="dim")
        peak = max(c.total for c in self.counts)
        columns = [column(c, peak, self.bar_height) for c in self.counts]
        text = Text()
        text.append(f"{peak:>3} ┤", style="dim")
        for row in range(self.bar_height):
            if row:
                text.append("    │", style="dim")
            for col in columns:
                char, kind = col[row]
                text.append(char * 2, style={"correct": "green", "wrong": "red"}.get(kind, ""))
                text.append(" ")
            text.append("\n")
        text.append("  0 └" + "─" * (3 * len(self.counts)) + "\n", style="dim")
        text.append("     ")
        for c in self.counts:
            text.append(f"{c.day.day:>2} ", style="dim")
        return text
