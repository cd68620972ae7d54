"""One exchange in the chat log: the question, then the answer, its decision and its citations."""

from __future__ import annotations

import re
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Label, Markdown, Static

from tutor.app import answer_fields
from tutor.app.transcript import answer_markdown
from tutor.app.visible_text import printable


def _keep_line_breaks(markdown: str) -> str:
    """Answers put each step of a decision on its own line; make single newlines hard breaks so they stay."""
    return re.sub(r"(?<![\n ])\n(?!\n)", "  \n", markdown)


class CitationButton(Button):
    """A cited section; pressing it (Enter or a click) opens the section beside the chat."""

    def __init__(self, ref: answer_fields.CitationRef, number: int) -> None:
        super().__init__(f"[{number}] {ref.title}", compact=True, classes="citation")
        self.ref = ref


class AnswerView(VerticalGroup, can_focus=True):
    """The question, the Markdown answer and, for permission questions, the decision and trace."""

    BINDINGS = [Binding("c", "copy", "Copy answer")]

    class CitationSelected(Message):
        """The learner chose a citation; `section_id` names the corpus section."""

        def __init__(self, section_id: str) -> None:
            super().__init__()
            self.section_id = section_id

    def __init__(self, question: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.answer: Any = None

    def compose(self) -> ComposeResult:
        yield Static(Content(printable(self.question)), classes="question")
        yield Label("thinking…", classes="pending")

    @property
    def markdown_text(self) -> str:
        """The answer as Markdown, with decision, trace and sources (what Copy puts on the clipboard)."""
        return answer_markdown(self.answer) if self.answer is not None else ""

    async def show_answer(self, answer: Any) -> None:
        """Replace the pending line with the answer."""
        self.answer = answer
        await self.query(".pending").remove()
        body = answer_fields.answer_text(answer)
        classes = "answer abstained" if answer_fields.is_abstained(answer) else "answer"
        await self.mount(Markdown(_keep_line_breaks(body), classes=classes))
        outcome = answer_fields.decision_outcome(answer)
        if outcome:
            await self.mount(self._decision_block(answer, outcome))
        topics = answer_fields.closest_topics(answer)
        if answer_fields.is_abstained(answer) and topics:
            await self.mount(Static(Content("Closest topics: " + ", ".join(topics)), classes="topics"))
        refs = answer_fields.citations(answer)
        if refs:
            buttons = [CitationButton(ref, i) for i, ref in enumerate(refs, 1)]
            await self.mount(HorizontalGroup(Label("Sources:"), *buttons, classes="citations"))

    async def show_error(self, message: str) -> None:
        """Replace the pending line with a message saying why there is no answer."""
        await self.query(".pending").remove()
        await self.mount(Static(Content(message), classes="error"))

    def _decision_block(self, answer: Any, outcome: str) -> VerticalGroup:
        lines = [f"Decision: {outcome}"]
        request = answer_fields.request_summary(answer)
        if request:
            lines.append(request)
        lines.extend(answer_fields.decision_summary(answer))
        steps = answer_fields.trace_lines(answer)
        if steps:
            lines.append("Trace:")
            lines.extend(f"  {i}. {step}" for i, step in enumerate(steps, 1))
        kind = "allowed" if outcome == "Allowed" else "denied"
        return VerticalGroup(Static(Content("\n".join(lines)), classes=f"decision {kind}"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if isinstance(event.button, CitationButton):
            event.stop()
            self.post_message(self.CitationSelected(event.button.ref.id))

    def action_copy(self) -> None:
        """Copy this answer (as Markdown) to the clipboard."""
        if self.answer is not None:
            self.app.copy_to_clipboard(self.markdown_text)
            self.notify("Answer copied to the clipboard.")
