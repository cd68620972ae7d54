"""The learner's progress at a glance: accuracy per topic, cards due, and the answering streak.

Days are UTC calendar days. The streak counts consecutive days with at least one answer,
ending today, or yesterday when nothing has been answered yet today (the streak is still alive).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from tutor.store.database import from_text, to_text, utc_now


@dataclass(frozen=True)
class TopicProgress:
    topic: str
    answered: int
    correct: int
    accuracy: float
    cards: int
    due: int


@dataclass(frozen=True)
class ProgressReport:
    topics: list[TopicProgress]
    answered: int
    correct: int
    due: int
    streak: int
    last_answer: str | None

    def to_dict(self) -> dict:
        return asdict(self)


def progress_report(
    conn: sqlite3.Connection, now: datetime | None = None, topics: Iterable[str] = ()
) -> ProgressReport:
    """Summarise the review log and card table at `now`; `topics` are listed even with no answers yet."""
    now = now or utc_now()
    listed = list(topics)
    per_topic: dict[str, dict[str, int]] = {topic: {} for topic in listed}
    for row in conn.execute("SELECT topic, COUNT(*), SUM(correct) FROM review_log GROUP BY topic"):
        per_topic.setdefault(row[0], {})["answered"] = row[1]
        per_topic[row[0]]["correct"] = row[2] or 0
    for row in conn.execute(
        "SELECT topic, COUNT(*), SUM(due <= ?) FROM cards GROUP BY topic", (to_text(now),)
    ):
        per_topic.setdefault(row[0], {})["cards"] = row[1]
        per_topic[row[0]]["due"] = row[2] or 0
    order = {topic: i for i, topic in enumerate(listed)}
    # Topics asked for come first in their given order; any others (old data) follow by name.
    per_topic = dict(sorted(per_topic.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))
    rows = [
        TopicProgress(
            topic=topic,
            answered=counts.get("answered", 0),
            correct=counts.get("correct", 0),
            accuracy=round(counts.get("correct", 0) / counts["answered"], 4) if counts.get("answered") else 0.0,
            cards=counts.get("cards", 0),
            due=counts.get("due", 0),
        )
        for topic, counts in per_topic.items()
    ]
    days = {from_text(row[0]).date() for row in conn.execute("SELECT reviewed_at FROM review_log")}
    last = conn.execute("SELECT MAX(reviewed_at) FROM review_log").fetchone()[0]
    return ProgressReport(
        topics=rows,
        answered=sum(t.answered for t in rows),
        correct=sum(t.correct for t in rows),
        due=sum(t.due for t in rows),
        streak=answer_streak(days, now.date()),
        last_answer=last,
    )


def answer_streak(days: set[date], today: date) -> int:
    """Consecutive days with answers ending today (or yesterday, if today has none yet)."""
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak
