"""QuizSession: selection per mode, grading, feedback, re-drills, summaries, and rows committed per answer."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Rating

from tutor.quiz.session import InvalidAnswer, NothingDue, QuizError, QuizSession, parse_keys
from tutor.store import ReviewStore, open_store

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self):
        self.now = NOW

    def __call__(self):
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def db(tmp_path):
    return tmp_path / "progress.sqlite3"


@pytest.fixture
def store(db):
    conn = open_store(db)
    yield ReviewStore(conn)
    conn.close()


def test_parse_keys_accepts_common_spellings_and_names_valid_keys_when_wrong(question):
    single, double = question("iam", 1), question("iam", 2, kind="multiple")
    assert parse_keys(" b ", single) == ("B",)
    assert parse_keys("c,a", double) == ("A", "C")
    assert parse_keys("A C", double) == ("A", "C")
    assert parse_keys("ca", double) == ("A", "C")
    with pytest.raises(InvalidAnswer, match=r"^E is not an option; answer with one of A, B, C$"):
        parse_keys("E", single)
    with pytest.raises(InvalidAnswer, match=r"^this question needs 2 different letters from A, B, C \(e.g. A,C\)$"):
        parse_keys("A", double)
    with pytest.raises(InvalidAnswer, match=r"^answer with one of A, B, C$"):
        parse_keys("", single)


def test_practice_gives_feedback_and_redrills_misses_at_the_end(store, question):
    questions = [question("iam", 1), question("iam", 2)]
    session = QuizSession.start(store, questions, n=2, mode="practice", seed=1, clock=Clock())
    first = session.current()
    feedback = session.answer("B", response_ms=3000)
    assert (feedback.correct, feedback.chosen, feedback.correct_keys, feedback.rating) == (False, ("B",), ("A",), Rating.Again)
    assert [(o.key, o.correct, o.chosen, o.explanation) for o in feedback.options] == [
        ("A", True, False, f"why {first.options[0].text}"),
        ("B", False, True, f"why {first.options[1].text}"),
        ("C", False, False, f"why {first.options[2].text}"),
    ]
    assert session.progress().total == 3  # the miss will come back
    second = session.current()
    assert session.answer("A", response_ms=3000).correct
    assert session.redrilling and session.current() is first
    assert session.answer("A", response_ms=3000).redrill
    assert session.finished and session.current() is None
    summary = session.summary()
    assert (summary.answered, summary.correct, summary.score, summary.redrilled) == (2, 1, 0.5, 1)
    assert [(t.topic, t.correct, t.answered) for t in summary.topics] == [("iam", 1, 2)]
    assert summary.weak_topics == ("iam",)
    assert second is not first


def test_each_answer_is_committed_before_answer_returns(store, db, question):
    session = QuizSession.start(store, [question("iam", 1), question("ddos", 1)], n=2, seed=1, clock=Clock())
    asked = session.current()
    session.answer("A", response_ms=1234)
    other = sqlite3.connect(db)  # a second connection sees only committed data
    rows = other.execute("SELECT question_id, topic, chosen, correct, rating, response_ms, redrill FROM review_log").fetchall()
    assert rows == [(asked.id, asked.topic, "A", 1, int(Rating.Easy), 1234, 0)]
    assert other.execute("SELECT question_id, reps FROM cards").fetchall() == [(asked.id, 1)]
    other.close()


def test_exam_spreads_questions_across_topics_and_does_not_redrill(store, question):
    pool = [question(t, i) for t in ("iam", "ddos", "encryption") for i in range(5)]
    session = QuizSession.start(store, pool, n=6, mode="exam", seed=4, clock=Clock())
    asked = []
    while (q := session.current()) is not None:
        asked.append(q.topic)
        session.answer("B")
    assert sorted(asked) == ["ddos", "ddos", "encryption", "encryption", "iam", "iam"]
    summary = session.summary()
    assert (summary.answered, summary.correct, summary.redrilled) == (6, 0, 0)
    assert summary.weak_topics == ("iam", "ddos", "encryption")


def test_the_same_seed_selects_the_same_exam(tmp_path, question):
    pool = [question(t, i) for t in ("iam", "ddos") for i in range(6)]
    picks = []
    for name in ("a", "b"):
        conn = open_store(tmp_path / f"{name}.sqlite3")
        session = QuizSession.start(ReviewStore(conn), pool, n=5, mode="exam", seed=9)
        picks.append([q.id for q in session.planned])
        conn.close()
    assert picks[0] == picks[1]


def test_practice_asks_due_cards_first_then_new_ones_round_robin_weakest_topic_first(store, question):
    seen = question("ddos", 1)
    QuizSession.start(store, [seen], n=1, clock=Clock()).answer("B")  # wrong: due again in minutes
    pool = [seen, question("iam", 1), question("iam", 2), question("ddos", 2)]
    later = Clock()
    later.now = NOW + timedelta(hours=1)
    session = QuizSession.start(store, pool, n=4, seed=2, clock=later)
    topics = [q.topic for q in session.planned]
    assert session.planned[0] is seen
    # The due ddos card comes first; new ones then alternate, starting with iam: never answered,
    # it is weaker than ddos, whose recent card still has high retrievability.
    assert topics == ["ddos", "iam", "ddos", "iam"]


def test_review_takes_only_due_cards_and_refuses_when_none_are_due(store, question):
    with pytest.raises(NothingDue, match="no cards are due for review"):
        QuizSession.start(store, [question("iam", 1)], mode="review", clock=Clock())
    missed = question("iam", 2)
    QuizSession.start(store, [missed], n=1, clock=Clock()).answer("C")
    later = Clock()
    later.now = NOW + timedelta(days=1)
    session = QuizSession.start(store, [question("iam", 1), missed], mode="review", clock=later)
    assert session.planned == (missed,)


def test_unknown_topic_mode_or_empty_pool_is_a_clear_error(store, question):
    with pytest.raises(QuizError, match="unknown topic 'billing'; choose one of shared-responsibility, iam"):
        QuizSession.start(store, [question("iam", 1)], topic="billing")
    with pytest.raises(QuizError, match="unknown mode 'drill'"):
        QuizSession.start(store, [question("iam", 1)], mode="drill")
    with pytest.raises(QuizError, match="no questions available for topic ddos"):
        QuizSession.start(store, [question("iam", 1)], topic="ddos")


def test_session_rows_record_mode_topic_and_finish_time(store, db, question):
    session = QuizSession.start(store, [question("iam", 1)], topic="iam", n=3, mode="practice", seed=5, clock=Clock())
    session.answer("A", response_ms=500)
    other = sqlite3.connect(db)
    assert other.execute("SELECT mode, topic, requested, seed, started_at, finished_at FROM quiz_sessions").fetchall() == [
        ("practice", "iam", 3, 5, "2026-11-27T12:00:01+00:00", "2026-11-27T12:00:02+00:00")
    ]
    other.close()
