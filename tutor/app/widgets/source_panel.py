"""The side panel that shows a cited corpus section next to the conversation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Markdown, Static


class SourcePanel(VerticalScroll, can_focus=True):
    """Shows one section's Markdown; Escape closes it."""

    BINDINGS = [Binding("escape", "close", "Close source")]

    DEFAULT_CSS = """
    SourcePanel { display: none; }
    SourcePanel.-open { display: block; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="source-title")
        yield Markdown("", id="source-body")

    def show_section(self, title: str, body_markdown: str) -> None:
        """Open the panel on one section."""
        self.query_one("#source-title", Static).update(Content(title))
        self.query_one("#source-body", Markdown).update(body_markdown)
        self.add_class("-open")
        self.scroll_home(animate=False)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    class Closed(Message):
        """The learner closed the panel; the screen decides where focus goes."""

    def action_close(self) -> None:
        self.remove_class("-open")
        self.post_message(self.Closed())
