"""An exam question as the solver sees it: a stem, lettered options and how many to pick.

Free text is accepted in the shapes learners paste: options on their own lines as `A. ...`,
`A) ...`, `(A) ...` or `A: ...`, or all on one line after the stem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LETTERS = "ABCDEFGH"

_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}
_SELECT = re.compile(r"\b(?:select|choose|pick|which|what|identify|name)\s+(two|three|four|2|3|4)\b(?!-)", re.IGNORECASE)
_LINE_OPTION = re.compile(r"^\s*(?:\(([A-Ha-h])\)|([A-Ha-h])[.):])\s+(.*\S)\s*$")
_INLINE_MARKER = re.compile(r"(?:(?<=\s)|^)(?:\(([A-H])\)|([A-H])[.):])\s+")


class QuestionFormatError(ValueError):
    """Text or a record that cannot be read as a multiple-choice question."""


@dataclass(frozen=True)
class ExamQuestion:
    """A multiple-choice question; `select` is how many options the answer has."""

    stem: str
    options: dict[str, str]
    select: int = 1
    id: str | None = None
    answer: tuple[str, ...] = field(default=())
    """The key, when the question came from a dataset; the solver never reads it."""
    topic: str | None = None


def select_count(stem: str) -> int:
    """How many options the stem asks for: 'Select TWO', 'Choose three', 'Which two...'; otherwise 1."""
    match = _SELECT.search(stem)
    return _NUMBER_WORDS[match.group(1).lower()] if match else 1


def _from_lines(text: str) -> tuple[str, dict[str, str]] | None:
    stem_lines: list[str] = []
    options: dict[str, str] = {}
    current: str | None = None
    for line in text.splitlines():
        match = _LINE_OPTION.match(line)
        letter = (match.group(1) or match.group(2)).upper() if match else None
        expected = LETTERS[len(options)] if len(options) < len(LETTERS) else None
        if match and letter == expected:
            options[letter] = match.group(3).strip()
            current = letter
        elif current is not None and line.strip():
            options[current] = f"{options[current]} {line.strip()}"  # a wrapped option
        elif current is None:
            stem_lines.append(line.strip())
    if len(options) < 2:
        return None
    return " ".join(s for s in stem_lines if s).strip(), options


def _from_inline(text: str) -> tuple[str, dict[str, str]] | None:
    flat = " ".join(text.split())
    markers = [(m.start(), m.end(), (m.group(1) or m.group(2))) for m in _INLINE_MARKER.finditer(flat)]
    # Take the first run A, B, C... in order; a stray "B." inside the stem before "A." is ignored.
    for first, (_, _, letter) in enumerate(markers):
        if letter != "A":
            continue
        chosen = [markers[first]]
        for marker in markers[first + 1 :]:
            if marker[2] == LETTERS[len(chosen)]:
                chosen.append(marker)
        if len(chosen) < 2:
            continue
        options = {}
        for index, (_, end, letter) in enumerate(chosen):
            stop = chosen[index + 1][0] if index + 1 < len(chosen) else len(flat)
            options[letter] = flat[end:stop].strip()
        if all(options.values()):
            return flat[: chosen[0][0]].strip(), options
    return None


def parse_question(text: str) -> ExamQuestion:
    """Read a pasted question; raise `QuestionFormatError` when no lettered options are found."""
    if not text or not text.strip():
        raise QuestionFormatError("the question is empty")
    parsed = _from_lines(text) or _from_inline(text)
    if parsed is None:
        raise QuestionFormatError(
            "no answer options found: put each option on its own line as 'A. ...', 'B) ...', '(C) ...' "
            "or 'D: ...', or inline after the question"
        )
    stem, options = parsed
    if not stem:
        raise QuestionFormatError("the question has options but no question text before option A")
    return ExamQuestion(stem=stem, options=options, select=min(select_count(stem), len(options) - 1))


_MIN_PASTED_OPTIONS = 3
"""A chat message is read as a pasted exam question only with options A, B and C: prose such as
"Should I use A) a role or B) a user?" has two at most, and is a question for the answerer."""


def pasted_exam_question(text: str) -> ExamQuestion | None:
    """The exam question in a chat message, or None when the message is not one (no error: most
    messages are ordinary questions)."""
    try:
        question = parse_question(text)
    except QuestionFormatError:
        return None
    return question if len(question.options) >= _MIN_PASTED_OPTIONS else None


def question_from_record(record: object) -> ExamQuestion:
    """Build a question from one MCQ dataset record (`id`, `question`, `options`, optional `answer`, `topic`)."""
    if not isinstance(record, dict):
        raise QuestionFormatError("expected a JSON object with 'question' and 'options'")
    stem = record.get("question")
    options = record.get("options")
    if not isinstance(stem, str) or not stem.strip():
        raise QuestionFormatError("field 'question' must be a non-empty string")
    if not isinstance(options, dict) or len(options) < 2:
        raise QuestionFormatError("field 'options' must map at least two letters to option text")
    cleaned: dict[str, str] = {}
    for letter, text in options.items():
        if not isinstance(letter, str) or len(letter) != 1 or letter.upper() not in LETTERS:
            raise QuestionFormatError(f"option key {letter!r} is not a letter A-H")
        if not isinstance(text, str) or not text.strip():
            raise QuestionFormatError(f"option {letter} must be non-empty text")
        cleaned[letter.upper()] = text.strip()
    answer = record.get("answer", [])
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, list) or any(a not in cleaned for a in answer):
        raise QuestionFormatError(f"field 'answer' must list option letters from {sorted(cleaned)}")
    topic = record.get("topic")
    record_id = record.get("id")
    # The stem says how many to pick ("Select TWO"); the key is never consulted for that.
    select = select_count(stem)
    return ExamQuestion(
        stem=stem.strip(),
        options=dict(sorted(cleaned.items())),
        select=max(1, min(select, len(cleaned) - 1)),
        id=str(record_id) if record_id is not None else None,
        answer=tuple(answer),
        topic=topic if isinstance(topic, str) else None,
    )
