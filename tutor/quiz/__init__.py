"""Quizzes: the question model, generators, the hand-written bank, validation, FSRS scheduling and sessions.

Public API (the CLI and the Textual app use only these):

- `build_catalogue(corpus_dir=None) -> Catalogue`: every generated and hand-written question with
  its validation problems; `Catalogue.valid_questions()` is what may be shown,
  `Catalogue.checked` (`CheckedQuestion(question, problems)`), `Catalogue.load_problems`.
- `QuizSession.start(store, questions, topic=None, n=10, mode="practice"|"exam"|"review", seed=None)`,
  then `current() -> Question | None`, `answer(keys, response_ms) -> Feedback` (raises
  `InvalidAnswer`), `progress() -> SessionProgress`, `summary() -> SessionSummary`, `close()`,
  `finished`, `redrilling`, `planned`. `QuizError` when a session cannot be built
  (`NothingDue`, a subclass, when review mode has no due cards).
- `Question` (`id`, `topic`, `kind`, `stem`, `options`, `keys`, `answers_required`, `difficulty`,
  `source`, `support`), `Option` (`key`, `text`, `correct`, `explanation`, `citation`), `TOPICS`.
- `Feedback` (`correct`, `chosen`, `correct_keys`, `options` -> `OptionFeedback(key, text, correct,
  chosen, explanation, citation)`, `rating`, `due`), `parse_keys(text, question)`.
- `validate(question, ValidationContext) -> list[str]`, `rate_answer(correct, response_ms, n)`,
  `topic_standings(store, now)`, `due_queue(store, questions, now)`.

The store side is `tutor.store` (`open_store()`, `ReviewStore`, `ConversationLog`, `progress_report`).
"""

from tutor.quiz.catalogue import Catalogue, CheckedQuestion, build_catalogue
from tutor.quiz.model import TOPICS, Option, Question
from tutor.quiz.scheduling import due_queue, rate_answer, topic_standings
from tutor.quiz.session import (
    MODES,
    Feedback,
    InvalidAnswer,
    NothingDue,
    OptionFeedback,
    QuizError,
    QuizSession,
    SessionProgress,
    SessionSummary,
    TopicScore,
    parse_keys,
)
from tutor.quiz.validation import ValidationContext, validate

__all__ = [
    "MODES",
    "TOPICS",
    "Catalogue",
    "CheckedQuestion",
    "Feedback",
    "InvalidAnswer",
    "NothingDue",
    "Option",
    "OptionFeedback",
    "Question",
    "QuizError",
    "QuizSession",
    "SessionProgress",
    "SessionSummary",
    "TopicScore",
    "ValidationContext",
    "build_catalogue",
    "due_queue",
    "parse_keys",
    "rate_answer",
    "topic_standings",
    "validate",
]
