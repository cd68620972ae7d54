"""The help screen: every key and every slash command, generated from the bindings and the registry."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from tutor.app.slash import SLASH_COMMANDS

_KEYS = [
    ("F1", "this help"),
    ("F2 / F3 / F4 / F5", "chat / quiz / policy lab / progress"),
    ("ctrl+p", "command palette (every slash command is there)"),
    ("ctrl+t", "switch between light and dark themes"),
    ("ctrl+q", "quit"),
]
_CHAT_KEYS = [
    ("Enter", "send the question"),
    ("ctrl+j (shift+enter where the terminal reports it)", "new line in the question"),
    ("↑ on the first line / ↓ on the last line", "earlier / later questions"),
    ("Tab", "move to the answers and their source buttons"),
    ("Enter or click on a source", "open the cited section beside the chat"),
    ("ctrl+o", "open the first source of the latest answer"),
    ("F8, or c on a selected answer", "copy the answer"),
    ("Escape", "close the source panel"),
]
_QUIZ_KEYS = [
    ("1-9 or A-E", "choose an option (multi-answer questions: choose, then Enter)"),
    ("Enter", "submit a multiple-answer choice / next question"),
    ("Escape", "end the quiz (answers given are kept)"),
]
_POLICY_KEYS = [
    ("ctrl+g", "move the cursor to the first error in the policy"),
    ("ctrl+r", "evaluate the request"),
]


def help_markdown() -> str:
    """The help text: keys per screen, then the slash commands."""

    def table(rows: list[tuple[str, str]]) -> str:
        return "\n".join(["| key | does |", "| --- | --- |", *(f"| {k} | {v} |" for k, v in rows)])

    commands = "\n".join(f"| `{spec.usage}` | {spec.summary} |" for spec in SLASH_COMMANDS.values())
    return "\n\n".join(
        [
            "# Keys and commands",
            "## Everywhere",
            table(_KEYS),
            "## Chat",
            table(_CHAT_KEYS),
            "## Quiz",
            table(_QUIZ_KEYS),
            "## Policy lab",
            table(_POLICY_KEYS),
            "## Slash commands (type in the chat box)",
            "| command | does |\n| --- | --- |\n" + commands,
            "Press Escape or F1 to close.",
        ]
    )


class HelpScreen(ModalScreen[None]):
    """Keys and commands; Escape closes it."""

    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Markdown(help_markdown())
