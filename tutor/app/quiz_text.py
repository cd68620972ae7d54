"""Quiz feedback and summaries as Markdown, from the engine's `Feedback` and `SessionSummary`."""

from __future__ import annotations

from typing import Any


def _source(section_id: str) -> str:
    from tutor.knowledge.corpus import find_section

    section = find_section(section_id) if section_id else None
    return f"{section.title} `{section_id}`" if section else f"`{section_id}`"


def feedback_markdown(feedback: Any) -> str:
    """The verdict, then every option with why it is right or wrong and its source."""
    keys = ", ".join(feedback.correct_keys)
    if feedback.correct:
        head = f"**Correct** ({keys})."
    else:
        head = f"**Not quite.** You chose {', '.join(feedback.chosen)}; the answer is {keys}."
    lines = [head, ""]
    for option in feedback.options:
        mark = "✓" if option.correct else "✗"
        chosen = " *(your choice)*" if option.chosen else ""
        # Indent continuation lines so a multi-line explanation stays inside its list item.
        explanation = option.explanation.strip().replace("\n", "\n  ")
        lines.append(f"- {mark} **{option.key}**{chosen}: {explanation} (source: {_source(option.citation)})")
    return "\n".join(lines)


def summary_markdown(summary: Any, show_answers: bool = False) -> str:
    """Score, per-topic scores and weak topics; in exam mode also each question's feedback."""
    lines = [
        f"## Score: {summary.correct}/{summary.answered} ({summary.score:.0%})",
        "",
        "| topic | correct | answered |",
        "| --- | --- | --- |",
        *(f"| {t.topic} | {t.correct} | {t.answered} |" for t in summary.topics),
        "",
    ]
    if summary.weak_topics:
        lines.append("**Weak topics:** " + ", ".join(summary.weak_topics) + " (practise these next: `/quiz TOPIC`)")
    else:
        lines.append("No weak topics in this session.")
    if summary.redrilled:
        lines.append(f"\n{summary.redrilled} missed question(s) were asked again (not counted in the score).")
    if show_answers:
        lines.append("\n## Answers")
        for number, feedback in enumerate(summary.feedback, 1):
            lines += ["", f"### {number}. {feedback.question.stem}", "", feedback_markdown(feedback)]
    return "\n".join(lines)
