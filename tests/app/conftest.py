"""Fixtures for the app tests: a scripted answer service with real answer types, and the app."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tutor.answer.service import validate_question
from tutor.answer.types import Citation, GroundedAnswer, RetrievedRef

FIXED_NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


class ScriptedAnswers:
    """Answers from a table keyed by question; anything else is declined. Validates like the real one."""

    def __init__(self, answers: dict[str, GroundedAnswer] | None = None) -> None:
        self.answers = answers if answers is not None else dict(DEFAULT_ANSWERS)
        self.asked: list[str] = []

    def ask(self, question: str, k: int | None = None) -> GroundedAnswer:
        text = validate_question(question)
        self.asked.append(text)
        return self.answers.get(
            text,
            GroundedAnswer(
                answer="That is outside the security module, so I will not guess.",
                citations=[],
                abstained=True,
                closest_topics=["What IAM is", "Multi-factor authentication"],
            ),
        )


MFA_ANSWER = GroundedAnswer(
    answer="Multi-factor authentication asks for a second proof of identity, such as a code "
    "from a device, in addition to the password [1].",
    citations=[Citation("iam-mfa", "Multi-factor authentication", "corpus/02-iam.md")],
    abstained=False,
    retrieved=[RetrievedRef("iam-mfa", 0.91)],
)

DEFAULT_ANSWERS = {"What is MFA?": MFA_ANSWER}


@pytest.fixture
def answers() -> ScriptedAnswers:
    return ScriptedAnswers()


@pytest.fixture
def make_app(answers):
    """Build a TutorApp on the scripted answers, with the clock fixed."""
    from tutor.app.tutor_app import TutorApp

    def build(**kwargs) -> TutorApp:
        kwargs.setdefault("answer_service", answers)
        kwargs.setdefault("clock", lambda: FIXED_NOW)
        return TutorApp(**kwargs)

    return build


def _question(topic: str, stem: str, options: list[tuple[str, bool, str, str]], kind: str = "single"):
    from tutor.quiz.model import Option, Question

    return Question(
        topic=topic,
        kind=kind,
        stem=stem,
        options=tuple(Option(key, text, correct, why, section) for key, (text, correct, why, section) in zip("ABCD", options)),
        difficulty=1,
        source="bank:tests",
        support=tuple(sorted({o[3] for o in options})),
    )


FIXED_QUESTIONS = [
    _question(
        "iam",
        "A new teammate needs to read one S3 bucket. What should they sign in with?",
        [
            ("The root user of the account", False, "The root user is for the few tasks only it can do.", "iam-root-user"),
            ("Their own IAM user or federated identity with a read-only policy", True,
             "Each person gets an identity of their own, granted only what the job needs.", "iam-least-privilege"),
            ("A shared administrator login", False, "Shared logins hide who did what and grant far too much.", "iam-users"),
            ("An access key pasted into the team chat", False, "Long-term keys must never be shared.", "iam-best-practices"),
        ],
    ),
    _question(
        "ddos",
        "Which service protects every AWS customer against common network floods at no extra charge?",
        [
            ("AWS Shield Standard", True, "Shield Standard is always on for all customers.", "ddos-shield-standard"),
            ("AWS Shield Advanced", False, "Shield Advanced is a paid subscription.", "ddos-shield-advanced"),
            ("Amazon Inspector", False, "Inspector scans workloads for vulnerabilities.", "svc-inspector"),
            ("AWS Artifact", False, "Artifact hands out compliance reports.", "compliance-artifact"),
        ],
    ),
]


@pytest.fixture
def fixed_questions():
    return list(FIXED_QUESTIONS)
