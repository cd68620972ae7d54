"""Spaced repetition with FSRS: one card per question, ratings from correctness and speed,
the due queue, and which topics are weakest.

Rating rules (`rate_answer`):

- wrong                              -> Again
- right, slower than `SLOW_MS`       -> Hard   (recalled, but with effort)
- right, faster than `FAST_MS`       -> Easy   (instant recall)
- right otherwise, or time unknown   -> Good

`FAST_MS` is 8 s and `SLOW_MS` is 40 s per question; a question that asks for two or three
answers gets 1.5x those times, since reading and checking more options takes longer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from fsrs import Card, Rating, Scheduler

from tutor.quiz.model import TOPICS, Question
from tutor.store.reviews import CardRecord, ReviewStore, fsrs_card_id

FAST_MS = 8_000
SLOW_MS = 40_000
MULTI_ANSWER_FACTOR = 1.5

# Fuzzing spreads due dates randomly; the tutor prefers reproducible schedules.
SCHEDULER = Scheduler(enable_fuzzing=False)


def rate_answer(correct: bool, response_ms: int | None, answers_required: int = 1) -> Rating:
    """The FSRS rating for an answer (see the module docstring for the thresholds)."""
    if not correct:
        return Rating.Again
    if response_ms is None:
        return Rating.Good
    factor = MULTI_ANSWER_FACTOR if answers_required > 1 else 1.0
    if response_ms > SLOW_MS * factor:
        return Rating.Hard
    if response_ms < FAST_MS * factor:
        return Rating.Easy
    return Rating.Good


def next_card(question_id: str, previous: Card | None, rating: Rating, now: datetime) -> Card:
    """The card after this review; a question never seen before starts as a new card."""
    card = previous if previous is not None else Card(card_id=fsrs_card_id(question_id), due=now)
    reviewed, _ = SCHEDULER.review_card(card, rating, review_datetime=now)
    return reviewed


@dataclass(frozen=True)
class TopicStanding:
    """How well a topic is known: accuracy over all answers and mean retrievability of its seen cards."""

    topic: str
    answered: int
    accuracy: float
    retrievability: float

    @property
    def strength(self) -> float:
        # A topic never answered has strength 0: nothing about it is known yet.
        return (self.accuracy + self.retrievability) / 2 if self.answered else 0.0


def topic_standings(store: ReviewStore, now: datetime, topics: Iterable[str] = TOPICS) -> list[TopicStanding]:
    """Topics weakest first: lowest mean of accuracy and retrievability; ties keep the given order."""
    stats = store.topic_stats()
    cards_by_topic: dict[str, list[CardRecord]] = {}
    for record in store.cards():
        cards_by_topic.setdefault(record.topic, []).append(record)
    standings = []
    for topic in topics:
        cards = cards_by_topic.get(topic, [])
        recall = [SCHEDULER.get_card_retrievability(c.card, now) for c in cards]
        stat = stats.get(topic)
        standings.append(
            TopicStanding(
                topic=topic,
                answered=stat.answered if stat else 0,
                accuracy=stat.accuracy if stat else 0.0,
                retrievability=sum(recall) / len(recall) if recall else 0.0,
            )
        )
    order = {topic: i for i, topic in enumerate(topics)}
    return sorted(standings, key=lambda s: (s.strength, order[s.topic]))


def due_queue(store: ReviewStore, questions: Sequence[Question], now: datetime) -> list[Question]:
    """Questions whose cards are due, weakest topic first, then most overdue first."""
    rank = {s.topic: i for i, s in enumerate(topic_standings(store, now))}
    by_id = {q.id: q for q in questions}
    due = [(record, by_id[record.question_id]) for record in store.cards() if record.question_id in by_id]
    due = [(r, q) for r, q in due if r.card.due <= now]
    due.sort(key=lambda pair: (rank.get(pair[1].topic, len(rank)), pair[0].card.due, pair[1].id))
    return [q for _, q in due]
