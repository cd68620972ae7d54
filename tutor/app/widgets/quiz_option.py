"""One answer option of a quiz question: a button showing its key and text."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Button


class QuizOptionButton(Button):
    """Pressing it (click, or Enter when focused) chooses the option."""

    def __init__(self, key: str, text: str, number: int) -> None:
        super().__init__(Content(f"{number}/{key}  {text}"), compact=True, classes="quiz-option")
        self.key = key
