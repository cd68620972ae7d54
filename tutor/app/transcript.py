"""A conversation as Markdown, for `/export` and for copying answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tutor.app import answer_fields


@dataclass
class ChatTurn:
    """One exchange: what the learner asked and what came back (an answer or an error message)."""

    question: str
    answer: Any = None
    error: str | None = None
    asked_at: datetime = field(default_factory=datetime.now)


def answer_markdown(answer: Any) -> str:
    """The answer as the learner reads it: body, decision and trace, then the cited sections."""
    parts = [answer_fields.answer_text(answer).strip()]
    outcome = answer_fields.decision_outcome(answer)
    if outcome:
        request = answer_fields.request_summary(answer)
        parts.append(f"**Decision: {outcome}**" + (f" ({request})" if request else ""))
        summary = answer_fields.decision_summary(answer)
        if summary:
            parts.append("\n".join(summary))
        steps = answer_fields.trace_lines(answer)
        if steps:
            parts.append("\n".join(f"{i}. {step}" for i, step in enumerate(steps, 1)))
    topics = answer_fields.closest_topics(answer)
    if answer_fields.is_abstained(answer) and topics:
        parts.append("Closest topics: " + ", ".join(topics))
    refs = answer_fields.citations(answer)
    if refs:
        parts.append("Sources:\n" + "\n".join(f"- [{r.id}] {r.title} ({r.source})" for r in refs))
    return "\n\n".join(p for p in parts if p)


def conversation_markdown(turns: list[ChatTurn], title: str = "tutor conversation") -> str:
    """The whole conversation, one `##` section per question."""
    lines = [f"# {title}", ""]
    for turn in turns:
        lines.append(f"## {turn.question.strip().splitlines()[0][:80] if turn.question.strip() else '(empty)'}")
        lines.append("")
        lines.append(f"*{turn.asked_at:%Y-%m-%d %H:%M}*")
        lines.append("")
        if "\n" in turn.question.strip() or len(turn.question.strip()) > 80:
            lines.extend(["> " + line for line in turn.question.strip().splitlines()])
            lines.append("")
        if turn.error:
            lines.append(f"Not answered: {turn.error}")
        elif turn.answer is not None:
            lines.append(answer_markdown(turn.answer))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
