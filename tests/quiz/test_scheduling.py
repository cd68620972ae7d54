"""FSRS ratings from correctness and time, the due queue, and weak-topic ordering."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Card, Rating

from tutor.quiz.scheduling import due_queue, next_card, rate_answer, topic_standings
from tutor.store import ReviewStore, open_store
from tutor.store.reviews import fsrs_card_id

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("correct", "response_ms", "answers", "rating"),
    [
        (False, 2_000, 1, Rating.Again),
        (False, None, 1, Rating.Again),
        (True, 7_999, 1, Rating.Easy),
        (True, 8_000, 1, Rating.Good),
        (True, 40_000, 1, Rating.Good),
        (True, 40_001, 1, Rating.Hard),
        (True, None, 1, Rating.Good),
        (True, 10_000, 2, Rating.Easy),  # two answers: 1.5x the time
        (True, 55_000, 2, Rating.Good),
        (True, 60_001, 2, Rating.Hard),
    ],
)
def test_rating_follows_correctness_and_response_time(correct, response_ms, answers, rating):
    assert rate_answer(correct, response_ms, answers) == rating


def test_a_new_card_answered_wrong_is_due_again_within_minutes():
    card = next_card("abc", None, Rating.Again, NOW)
    assert card.card_id == fsrs_card_id("abc")
    assert NOW < card.due <= NOW + timedelta(minutes=10)


@pytest.fixture
def store(tmp_path):
    conn = open_store(tmp_path / "progress.sqlite3")
    yield ReviewStore(conn)
    conn.close()


def record(store, question, correct, due, now=NOW):
    card = Card(card_id=fsrs_card_id(question.id), due=due, stability=3.0, difficulty=5.0, last_review=now - timedelta(days=2))
    store.record_answer(
        session_id=None, question_id=question.id, topic=question.topic, chosen=("A",), correct=correct,
        rating=Rating.Good if correct else Rating.Again, response_ms=1000, card=card, now=now - timedelta(days=2),
    )


def test_weak_topics_come_first_and_unanswered_topics_are_weakest(store, question):
    record(store, question("iam", 1), True, NOW + timedelta(days=3))
    record(store, question("iam", 2), True, NOW + timedelta(days=3))
    record(store, question("ddos", 1), True, NOW + timedelta(days=3))
    record(store, question("ddos", 2), False, NOW + timedelta(days=3))
    order = [s.topic for s in topic_standings(store, NOW, ["iam", "ddos", "encryption"])]
    assert order == ["encryption", "ddos", "iam"]


def test_due_queue_holds_only_due_cards_weakest_topic_first_then_most_overdue(store, question):
    iam_old, iam_new, ddos_due, enc_later = question("iam", 1), question("iam", 2), question("ddos", 1), question("encryption", 1)
    record(store, iam_old, True, NOW - timedelta(days=3))
    record(store, iam_new, True, NOW - timedelta(hours=1))
    record(store, ddos_due, False, NOW - timedelta(minutes=5))
    record(store, enc_later, True, NOW + timedelta(days=1))
    queue = due_queue(store, [iam_old, iam_new, ddos_due, enc_later], NOW)
    assert [q.stem for q in queue] == ["ddos question 1", "iam question 1", "iam question 2"]
