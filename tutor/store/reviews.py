"""FSRS card state per question, the review log and quiz sessions.

The store persists; deciding ratings and due dates belongs to `tutor.quiz.scheduling`.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from fsrs import Card, Rating, State

from tutor.store.database import from_text, to_text, transaction, utc_now


def fsrs_card_id(question_id: str) -> int:
    """FSRS wants an integer card id; derive a stable one from the question id."""
    return int(hashlib.sha1(question_id.encode()).hexdigest()[:12], 16)


@dataclass(frozen=True)
class CardRecord:
    """The scheduling state of one question."""

    question_id: str
    topic: str
    card: Card
    reps: int
    lapses: int


@dataclass(frozen=True)
class AnswerRecord:
    """One row of the review log: an answer as it was given."""

    id: int
    session_id: int | None
    question_id: str
    topic: str
    chosen: tuple[str, ...]
    correct: bool
    rating: Rating
    response_ms: int | None
    redrill: bool
    reviewed_at: datetime


@dataclass(frozen=True)
class TopicStats:
    answered: int
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


class ReviewStore:
    """Reads and writes cards, answers and sessions; every write is committed before returning."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # sessions ---------------------------------------------------------------------------

    def start_session(
        self, mode: str, topic: str | None, requested: int, seed: int | None, now: datetime | None = None
    ) -> int:
        """Record the start of a quiz session and return its id."""
        with transaction(self.conn):
            cursor = self.conn.execute(
                "INSERT INTO quiz_sessions (mode, topic, requested, seed, started_at) VALUES (?, ?, ?, ?, ?)",
                (mode, topic, requested, seed, to_text(now or utc_now())),
            )
        return int(cursor.lastrowid)

    def finish_session(self, session_id: int, now: datetime | None = None) -> None:
        with transaction(self.conn):
            self.conn.execute(
                "UPDATE quiz_sessions SET finished_at = ? WHERE id = ?", (to_text(now or utc_now()), session_id)
            )

    # cards ------------------------------------------------------------------------------

    def card(self, question_id: str) -> CardRecord | None:
        row = self.conn.execute("SELECT * FROM cards WHERE question_id = ?", (question_id,)).fetchone()
        return _card_record(row) if row else None

    def cards(self, topic: str | None = None) -> list[CardRecord]:
        """Every card seen so far (optionally of one topic), soonest due first."""
        if topic is None:
            rows = self.conn.execute("SELECT * FROM cards ORDER BY due, question_id").fetchall()
        else:
            rows = self.conn.execute(
                "SELECT * FROM cards WHERE topic = ? ORDER BY due, question_id", (topic,)
            ).fetchall()
        return [_card_record(row) for row in rows]

    def due_question_ids(self, now: datetime | None = None) -> list[str]:
        """Questions whose card is due at `now`, most overdue first."""
        rows = self.conn.execute(
            "SELECT question_id FROM cards WHERE due <= ? ORDER BY due, question_id", (to_text(now or utc_now()),)
        ).fetchall()
        return [row[0] for row in rows]

    # answers ----------------------------------------------------------------------------

    def record_answer(
        self,
        *,
        session_id: int | None,
        question_id: str,
        topic: str,
        chosen: Sequence[str],
        correct: bool,
        rating: Rating,
        response_ms: int | None,
        card: Card,
        redrill: bool = False,
        now: datetime | None = None,
    ) -> int:
        """Append the answer to the review log and save the card's new state, in one transaction."""
        reviewed_at = to_text(now or utc_now())
        with transaction(self.conn):
            cursor = self.conn.execute(
                "INSERT INTO review_log (session_id, question_id, topic, chosen, correct, rating, response_ms,"
                " redrill, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    question_id,
                    topic,
                    ",".join(chosen),
                    int(correct),
                    int(rating),
                    response_ms,
                    int(redrill),
                    reviewed_at,
                ),
            )
            self.conn.execute(
                "INSERT INTO cards (question_id, topic, state, step, stability, difficulty, due, last_review,"
                " reps, lapses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)"
                " ON CONFLICT(question_id) DO UPDATE SET topic = excluded.topic, state = excluded.state,"
                " step = excluded.step, stability = excluded.stability, difficulty = excluded.difficulty,"
                " due = excluded.due, last_review = excluded.last_review, reps = cards.reps + 1,"
                " lapses = cards.lapses + excluded.lapses",
                (
                    question_id,
                    topic,
                    int(card.state),
                    card.step,
                    card.stability,
                    card.difficulty,
                    to_text(card.due),
                    to_text(card.last_review) if card.last_review else None,
                    0 if correct else 1,
                ),
            )
        return int(cursor.lastrowid)

    def answers(self, session_id: int | None = None) -> list[AnswerRecord]:
        """The review log in the order answers were given (one session, or all)."""
        if session_id is None:
            rows = self.conn.execute("SELECT * FROM review_log ORDER BY id").fetchall()
        else:
            rows = self.conn.execute("SELECT * FROM review_log WHERE session_id = ? ORDER BY id", (session_id,)).fetchall()
        return [
            AnswerRecord(
                id=row["id"],
                session_id=row["session_id"],
                question_id=row["question_id"],
                topic=row["topic"],
                chosen=tuple(k for k in row["chosen"].split(",") if k),
                correct=bool(row["correct"]),
                rating=Rating(row["rating"]),
                response_ms=row["response_ms"],
                redrill=bool(row["redrill"]),
                reviewed_at=from_text(row["reviewed_at"]),
            )
            for row in rows
        ]

    def topic_stats(self) -> dict[str, TopicStats]:
        """Answers and correct answers per topic over the whole log."""
        rows = self.conn.execute(
            "SELECT topic, COUNT(*) AS answered, SUM(correct) AS correct FROM review_log GROUP BY topic"
        ).fetchall()
        return {row["topic"]: TopicStats(row["answered"], row["correct"] or 0) for row in rows}


def _card_record(row: sqlite3.Row) -> CardRecord:
    card = Card(
        card_id=fsrs_card_id(row["question_id"]),
        state=State(row["state"]),
        step=row["step"],
        stability=row["stability"],
        difficulty=row["difficulty"],
        due=from_text(row["due"]),
        last_review=from_text(row["last_review"]) if row["last_review"] else None,
    )
    return CardRecord(row["question_id"], row["topic"], card, row["reps"], row["lapses"])
