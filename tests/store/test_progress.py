"""progress_report: accuracy per topic, cards due and the answering streak."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from fsrs import Card, Rating

from tutor.store import ReviewStore, open_store, progress_report
from tutor.store.progress import answer_streak

NOW = datetime(2026, 11, 27, 18, 0, tzinfo=timezone.utc)


def test_streak_counts_consecutive_days_ending_today_or_yesterday():
    today = date(2026, 11, 27)
    assert answer_streak({today, today - timedelta(days=1), today - timedelta(days=2)}, today) == 3
    assert answer_streak({today - timedelta(days=1), today - timedelta(days=2)}, today) == 2
    assert answer_streak({today - timedelta(days=2)}, today) == 0
    assert answer_streak({today, today - timedelta(days=2)}, today) == 1
    assert answer_streak(set(), today) == 0


def test_report_lists_accuracy_cards_due_and_streak(tmp_path):
    conn = open_store(tmp_path / "p.sqlite3")
    store = ReviewStore(conn)
    answers = [
        ("q1", "iam", True, NOW - timedelta(days=1), NOW - timedelta(hours=1)),
        ("q2", "iam", False, NOW, NOW + timedelta(minutes=5)),
        ("q3", "ddos", True, NOW, NOW + timedelta(days=4)),
    ]
    for qid, topic, correct, when, due in answers:
        store.record_answer(
            session_id=None, question_id=qid, topic=topic, chosen=("A",), correct=correct,
            rating=Rating.Good if correct else Rating.Again, response_ms=1000, card=Card(card_id=1, due=due), now=when,
        )
    report = progress_report(conn, now=NOW, topics=["iam", "ddos", "encryption"])
    assert [(t.topic, t.answered, t.correct, t.accuracy, t.cards, t.due) for t in report.topics] == [
        ("iam", 2, 1, 0.5, 2, 1),
        ("ddos", 1, 1, 1.0, 1, 0),
        ("encryption", 0, 0, 0.0, 0, 0),
    ]
    assert (report.answered, report.correct, report.due, report.streak) == (3, 2, 1, 2)
    conn.close()
