"""A quiz session, independent of any UI: the CLI and the Textual app both drive it.

    session = QuizSession.start(store, questions, topic="iam", n=10, mode="practice", seed=7)
    while (question := session.current()) is not None:
        feedback = session.answer("B", response_ms=5400)   # committed to SQLite before returning
    print(session.summary())

Modes: `practice` (due cards, then new ones round-robin across topics, weakest topic first;
feedback after each answer), `exam` (a seeded sample spread across topics; the UI shows
feedback only at the end) and `review` (due cards only). In practice and review, questions
answered wrongly are asked once more at the end (re-drill); re-drills do not count in the score.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from fsrs import Rating

from tutor.quiz.model import TOPICS, Question
from tutor.quiz.scheduling import due_queue, next_card, rate_answer, topic_standings
from tutor.store.database import utc_now
from tutor.store.reviews import ReviewStore

MODES = ("practice", "exam", "review")
WEAK_BELOW = 0.7
"""A topic scoring below this share in a session is reported as weak."""


class QuizError(ValueError):
    """A session cannot be built as asked (unknown mode or topic, nothing to ask)."""


class NothingDue(QuizError):
    """Review mode found no due cards: not a fault, just nothing to do yet."""


class InvalidAnswer(ValueError):
    """The keys given are not a valid answer to the current question; the message names the valid keys."""


@dataclass(frozen=True)
class OptionFeedback:
    key: str
    text: str
    correct: bool
    chosen: bool
    explanation: str
    citation: str


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer, with every option's explanation and citation."""

    question: Question
    chosen: tuple[str, ...]
    correct: bool
    options: tuple[OptionFeedback, ...]
    rating: Rating
    due: datetime
    response_ms: int | None
    redrill: bool

    @property
    def correct_keys(self) -> tuple[str, ...]:
        return self.question.keys


@dataclass(frozen=True)
class SessionProgress:
    answered: int
    correct: int
    total: int
    """Questions in the session so far, including re-drills queued."""
    redrilling: bool


@dataclass(frozen=True)
class TopicScore:
    topic: str
    answered: int
    correct: int

    @property
    def score(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class SessionSummary:
    session_id: int
    mode: str
    answered: int
    correct: int
    score: float
    """Share of first attempts answered correctly (re-drills excluded)."""
    topics: tuple[TopicScore, ...]
    weak_topics: tuple[str, ...]
    """Topics below `WEAK_BELOW`, weakest first."""
    redrilled: int
    feedback: tuple[Feedback, ...] = field(repr=False)


def parse_keys(text: str | Sequence[str], question: Question) -> tuple[str, ...]:
    """'b', 'A,C', 'a c' or ['A','C'] -> ('A','C'); raise `InvalidAnswer` naming the valid keys."""
    raw = text if isinstance(text, str) else ",".join(text)
    letters = [c for c in re.split(r"[\s,;]+|(?<=[A-Za-z])(?=[A-Za-z])", raw.strip().upper()) if c]
    valid = [o.key for o in question.options]
    need = question.answers_required
    listing = ", ".join(valid)
    wanted = f"one of {listing}" if need == 1 else f"{need} different letters from {listing} (e.g. A,C)"
    bad = [c for c in letters if c not in valid]
    if not letters or bad:
        bad = list(dict.fromkeys(bad))  # "hello" names H, E, L, O once each
        shown = f"{bad[0]} is not an option; " if len(bad) == 1 else (f"{', '.join(bad)} are not options; " if bad else "")
        raise InvalidAnswer(f"{shown}answer with {wanted}")
    if len(set(letters)) != need:
        raise InvalidAnswer(f"this question needs {wanted}")
    return tuple(sorted(set(letters)))


class QuizSession:
    """One run of questions; every answer is scheduled with FSRS and committed as it is given."""

    def __init__(
        self,
        store: ReviewStore,
        queue: list[Question],
        *,
        session_id: int,
        mode: str,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.store = store
        self.session_id = session_id
        self.mode = mode
        self._clock = clock
        self._queue = list(queue)
        self._position = 0
        self._redrill_from = len(queue)
        self._missed: list[Question] = []
        self._feedback: list[Feedback] = []

    @classmethod
    def start(
        cls,
        store: ReviewStore,
        questions: Sequence[Question],
        *,
        topic: str | None = None,
        n: int = 10,
        mode: str = "practice",
        seed: int | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> "QuizSession":
        """Pick up to `n` valid questions for the mode and record the session; raise `QuizError`."""
        if mode not in MODES:
            raise QuizError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
        if topic is not None and topic not in TOPICS:
            raise QuizError(f"unknown topic {topic!r}; choose one of {', '.join(TOPICS)}")
        if n < 1:
            raise QuizError("the number of questions must be at least 1")
        pool = [q for q in questions if topic is None or q.topic == topic]
        if not pool:
            raise QuizError(f"no questions available{f' for topic {topic}' if topic else ''}")
        now = clock()
        rng = random.Random(seed)
        if mode == "exam":
            queue = exam_selection(pool, n, rng)
        elif mode == "review":
            queue = due_queue(store, pool, now)[:n]
            if not queue:
                raise NothingDue("no cards are due for review yet; try practice mode")
        else:
            queue = practice_selection(store, pool, n, now, rng)
        session_id = store.start_session(mode, topic, n, seed, now=now)
        return cls(store, queue, session_id=session_id, mode=mode, clock=clock)

    # asking -----------------------------------------------------------------------------

    def current(self) -> Question | None:
        """The question to ask now, or None when the session is over."""
        return self._queue[self._position] if self._position < len(self._queue) else None

    @property
    def planned(self) -> tuple[Question, ...]:
        """Every question of the session in order, re-drills included once they are queued."""
        return tuple(self._queue)

    @property
    def finished(self) -> bool:
        return self.current() is None

    @property
    def redrilling(self) -> bool:
        return self._position >= self._redrill_from

    def answer(self, keys: str | Sequence[str], response_ms: int | None = None) -> Feedback:
        """Grade the current question, schedule its card and commit the answer; raise `InvalidAnswer`."""
        question = self.current()
        if question is None:
            raise QuizError("the session is over; there is no question to answer")
        chosen = parse_keys(keys, question)
        correct = set(chosen) == set(question.keys)
        rating = rate_answer(correct, response_ms, question.answers_required)
        now = self._clock()
        previous = self.store.card(question.id)
        card = next_card(question.id, previous.card if previous else None, rating, now)
        redrill = self.redrilling
        self.store.record_answer(
            session_id=self.session_id, question_id=question.id, topic=question.topic, chosen=chosen,
            correct=correct, rating=rating, response_ms=response_ms, card=card, redrill=redrill, now=now,
        )  # fmt: skip
        feedback = Feedback(
            question=question,
            chosen=chosen,
            correct=correct,
            options=tuple(
                OptionFeedback(o.key, o.text, o.correct, o.key in chosen, o.explanation, o.citation)
                for o in question.options
            ),
            rating=rating,
            due=card.due,
            response_ms=response_ms,
            redrill=redrill,
        )
        self._feedback.append(feedback)
        self._position += 1
        if not correct and not redrill and self.mode != "exam":
            self._missed.append(question)
        if self._position == self._redrill_from and self._missed:
            self._queue += self._missed
        if self.finished:
            self.store.finish_session(self.session_id, now=now)
        return feedback

    # reporting --------------------------------------------------------------------------

    def progress(self) -> SessionProgress:
        first = [f for f in self._feedback if not f.redrill]
        pending_redrill = len(self._missed) if self._position < self._redrill_from else 0
        return SessionProgress(
            answered=len(self._feedback),
            correct=sum(f.correct for f in first),
            total=len(self._queue) + pending_redrill,
            redrilling=self.redrilling,
        )

    def summary(self) -> SessionSummary:
        """Score and per-topic scores over first attempts, with the weak topics."""
        first = [f for f in self._feedback if not f.redrill]
        per_topic: dict[str, list[bool]] = {}
        for f in first:
            per_topic.setdefault(f.question.topic, []).append(f.correct)
        topics = tuple(
            TopicScore(t, len(per_topic[t]), sum(per_topic[t])) for t in TOPICS if t in per_topic
        )
        weak = tuple(t.topic for t in sorted(topics, key=lambda t: (t.score, TOPICS.index(t.topic))) if t.score < WEAK_BELOW)
        correct = sum(f.correct for f in first)
        return SessionSummary(
            session_id=self.session_id,
            mode=self.mode,
            answered=len(first),
            correct=correct,
            score=correct / len(first) if first else 0.0,
            topics=topics,
            weak_topics=weak,
            redrilled=sum(f.redrill for f in self._feedback),
            feedback=tuple(self._feedback),
        )

    def close(self) -> SessionSummary:
        """End early (Ctrl-C, window closed): answers given are already saved; mark the session finished."""
        self.store.finish_session(self.session_id, now=self._clock())
        return self.summary()


def practice_selection(
    store: ReviewStore, pool: Sequence[Question], n: int, now: datetime, rng: random.Random
) -> list[Question]:
    """Due cards first (weakest topic, most overdue), then new questions taken round-robin across
    topics weakest first, then cards not yet due (soonest first)."""
    due = due_queue(store, pool, now)
    seen = {record.question_id: record for record in store.cards()}
    fresh_by_topic: dict[str, list[Question]] = {}
    for question in pool:
        if question.id not in seen:
            fresh_by_topic.setdefault(question.topic, []).append(question)
    for questions in fresh_by_topic.values():
        rng.shuffle(questions)
    order = [s.topic for s in topic_standings(store, now, TOPICS)]
    fresh: list[Question] = []
    while any(fresh_by_topic.values()):
        for topic in order:
            if fresh_by_topic.get(topic):
                fresh.append(fresh_by_topic[topic].pop(0))
    due_ids = {q.id for q in due}
    later = sorted(
        (q for q in pool if q.id in seen and q.id not in due_ids), key=lambda q: (seen[q.id].card.due, q.id)
    )
    return (due + fresh + later)[:n]


def exam_selection(pool: Sequence[Question], n: int, rng: random.Random) -> list[Question]:
    """A seeded sample spread evenly across the topics present, in shuffled order."""
    by_topic: dict[str, list[Question]] = {}
    for question in sorted(pool, key=lambda q: q.id):
        by_topic.setdefault(question.topic, []).append(question)
    for questions in by_topic.values():
        rng.shuffle(questions)
    picked: list[Question] = []
    while len(picked) < n and any(by_topic.values()):
        for topic in TOPICS:
            if by_topic.get(topic) and len(picked) < n:
                picked.append(by_topic[topic].pop())
    rng.shuffle(picked)
    return picked
