"""The chat box: a multi-line TextArea where Enter sends and up/down recall earlier questions."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea


class QuestionInput(TextArea):
    """Enter sends; ctrl+j (or shift+enter where the terminal reports it) starts a new line.

    Up on the first line and down on the last line walk through the questions already asked,
    so a multi-line draft can still be edited with the arrow keys.
    """

    BINDINGS = [
        Binding("ctrl+j", "newline", "Newline", key_display="^j"),
        Binding("shift+enter", "newline", "New line", show=False),
    ]

    class Submitted(Message):
        """The learner pressed Enter; `text` is the whole box."""

        def __init__(self, text_area: QuestionInput, text: str) -> None:
            super().__init__()
            self.text_area = text_area
            self.text = text

        @property
        def control(self) -> QuestionInput:
            return self.text_area

    def __init__(self, *, asked: list[str] | None = None, **kwargs) -> None:
        kwargs.setdefault("soft_wrap", True)
        kwargs.setdefault("tab_behavior", "focus")
        kwargs.setdefault("show_line_numbers", False)
        kwargs.setdefault("highlight_cursor_line", False)
        super().__init__(**kwargs)
        self.asked: list[str] = list(asked or [])
        self._recall: int | None = None  # index into history while recalling; None while drafting
        self._draft = ""

    def remember(self, question: str) -> None:
        """Add a sent question to the history (consecutive repeats are kept once)."""
        if question.strip() and (not self.asked or self.asked[-1] != question):
            self.asked.append(question)
        self._recall = None

    async def _on_key(self, event: events.Key) -> None:
        # TextArea inserts a newline on Enter; here Enter sends instead.
        if event.key == "enter" and not self.read_only:
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.text))
            return
        await super()._on_key(event)

    def action_newline(self) -> None:
        """Insert a line break at the cursor."""
        if not self.read_only:
            start, end = self.selection
            self._replace_via_keyboard("\n", start, end)

    def action_cursor_up(self, select: bool = False) -> None:
        if not select and self.cursor_location[0] == 0 and self.asked:
            self._recall_step(-1)
            return
        super().action_cursor_up(select)

    def action_cursor_down(self, select: bool = False) -> None:
        if not select and self.cursor_location[0] == self.document.line_count - 1 and self._recall is not None:
            self._recall_step(+1)
            return
        super().action_cursor_down(select)

    def _recall_step(self, step: int) -> None:
        if self._recall is None:
            if step > 0:
                return
            self._draft = self.text
            index = len(self.asked) - 1
        else:
            index = self._recall + step
        if index < 0:
            return
        if index >= len(self.asked):
            self._recall = None
            self.load_text(self._draft)
        else:
            self._recall = index
            self.load_text(self.asked[index])
        self.move_cursor(self.document.end)
