"""Answering exam-style multiple-choice questions offline, with a reason and citations for every option.

`parse_question(text)` reads a pasted question; `default_solver().solve(question)` returns a
`Solution` whose `to_json()` is the `tutor solve --json` contract.
"""

from tutor.solve.question import ExamQuestion, QuestionFormatError, parse_question, question_from_record

__all__ = ["ExamQuestion", "QuestionFormatError", "parse_question", "question_from_record"]
