"""A pasted exam question answered in conversation: the solver's pick and a reason for every option,
as an answer the chat, `tutor ask` and the app show like any other (numbered citations)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tutor.answer.types import Citation, GroundedAnswer
from tutor.solve.solver import TENTATIVE_NOTE, Solution

EXAM = "exam"


@dataclass
class ExamAnswer(GroundedAnswer):
    """An answer to a pasted multiple-choice question, with the solver's full solution."""

    solution: dict[str, Any] | None = None
    """`Solution.to_json()`: the `tutor solve --json` contract."""

    def to_json(self) -> dict[str, Any]:
        data = super().to_json()
        data.update({"route": EXAM, "solution": self.solution})
        return data


def exam_answer(solution: Solution) -> ExamAnswer:
    """The pick, then each option marked right or wrong with its reason; each distinct section the
    reasons cite is numbered once, in order of first use."""
    citations: list[Citation] = []
    numbers: dict[str, int] = {}
    picked = ", ".join(solution.picked)
    lines = [f"Answer: {picked} (confidence {solution.confidence:.2f})"]
    if solution.tentative:
        lines.append(TENTATIVE_NOTE)
    options = []
    for letter, verdict in solution.options.items():
        marks = []
        for cited in verdict.citations:
            if cited.id not in numbers:
                citations.append(Citation(cited.id, cited.title, cited.source))
                numbers[cited.id] = len(citations)
            marks.append(f"[{numbers[cited.id]}]")
        mark = "correct" if verdict.verdict == "correct" else "wrong"
        sources = " " + " ".join(marks) if marks else ""
        options.append(f"- {letter}. {solution.question.options[letter]} ({mark}): {verdict.reason}{sources}")
    # Blank lines and a list, so the app's Markdown keeps one line per option; a terminal shows the same.
    text = "\n\n".join(lines) + "\n\n" + "\n".join(options)
    return ExamAnswer(text, citations, False, route=EXAM, confidence=solution.confidence, solution=solution.to_json())
