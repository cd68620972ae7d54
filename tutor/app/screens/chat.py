"""The chat screen: ask questions, read grounded answers, open their citations, run slash commands."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, Static

from tutor import paths
from tutor.app import answer_fields
from tutor.app.slash import SLASH_COMMANDS, SlashCommandError, is_slash_command, parse_slash
from tutor.app.transcript import ChatTurn, conversation_markdown
from tutor.app.widgets.answer_view import AnswerView
from tutor.app.widgets.question_input import QuestionInput
from tutor.app.widgets.source_panel import SourcePanel

log = logging.getLogger(__name__)

QUIZ_MODES = ("practice", "exam")


class ChatScreen(Screen):
    """Questions go in at the bottom; answers, with their sources, scroll above."""

    BINDINGS = [
        Binding("f8", "copy_last", "Copy"),
        Binding("ctrl+o", "open_first_citation", "Source"),
        Binding("escape", "close_source", "Close source", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.turns: list[ChatTurn] = []
        self.conversation_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="chat-body"):
            yield VerticalScroll(id="chat-log")
            yield SourcePanel(id="source-panel")
        yield Static("", id="engine-status")
        yield QuestionInput(id="question", placeholder="Ask about the security module, or type /help")
        yield Footer()

    async def on_mount(self) -> None:
        self.watch(self.app, "engine_status", self._show_engine_status)
        await self._resume_last_conversation()
        self.query_one(QuestionInput).focus()
        self.call_after_refresh(self.app.start_answer_engine)

    def _show_engine_status(self, status: str) -> None:
        label = self.query_one("#engine-status", Static)
        label.update(Content(f"answer engine: {status}" if status else ""))
        label.set_class(status == "ready", "-ready")

    # -- conversation persistence --------------------------------------------------------------

    @property
    def _log(self):
        from tutor.store import ConversationLog

        db = self.app.db
        return ConversationLog(db) if db is not None else None

    async def _resume_last_conversation(self) -> None:
        conversations = self._log
        if conversations is None:
            return
        latest = conversations.latest()
        if latest is None:
            return
        self.conversation_id = latest.id
        pending: ChatTurn | None = None
        for message in latest.messages:
            if message.role == "user":
                pending = ChatTurn(question=message.content, asked_at=message.created_at.astimezone())
                self.turns.append(pending)
            elif pending is not None and message.role == "assistant":
                pending.answer = message.payload or {"answer": message.content}
            elif pending is not None and message.role == "system":
                pending.error = message.content
        history = [turn.question for turn in self.turns]
        self.query_one(QuestionInput).asked.extend(history)
        for turn in self.turns:
            view = AnswerView(turn.question)
            await self.query_one("#chat-log").mount(view)
            if turn.error:
                await view.show_error(turn.error)
            elif turn.answer is not None:
                await view.show_answer(turn.answer)
            else:
                await view.show_error("(no answer was saved for this question)")
        if self.turns:
            self.query_one("#chat-log").scroll_end(animate=False)
            self.notify(f"Resumed “{latest.title}” ({len(self.turns)} questions).", timeout=3)

    def _record(self, role: str, content: str, payload: dict | None = None, title: str | None = None) -> None:
        conversations = self._log
        if conversations is None:
            return
        try:
            if self.conversation_id is None:
                self.conversation_id = conversations.start(title or "New conversation").id
            conversations.append(self.conversation_id, role, content, payload)
        except Exception as exc:  # a failed write must not lose the on-screen conversation
            log.exception("could not save a chat message")
            self.notify(f"could not save this message: {exc}", severity="error")

    # -- input -------------------------------------------------------------------------------

    async def on_question_input_submitted(self, event: QuestionInput.Submitted) -> None:
        text = event.text
        box = self.query_one(QuestionInput)
        if not text.strip():
            self.notify("Type a question first, or /help for the commands.", severity="warning")
            return
        box.remember(text)
        box.clear()
        if is_slash_command(text):
            await self.run_command_line(text)
            return
        await self.ask(text)

    async def ask(self, question: str) -> None:
        """Show the question at once and answer it in the background."""
        turn = ChatTurn(question=question)
        self.turns.append(turn)
        view = AnswerView(question)
        chat_log = self.query_one("#chat-log")
        await chat_log.mount(view)
        chat_log.scroll_end(animate=False)
        self._record("user", question, title=question.strip().splitlines()[0][:60])
        self._answer(turn, view)

    @work(thread=True, group="ask")
    def _answer(self, turn: ChatTurn, view: AnswerView) -> None:
        try:
            answer = self.app.ask(turn.question)
        except Exception as exc:  # QuestionError and engine failures alike become a message
            if self.app.shutting_down:
                return
            if type(exc).__name__ != "QuestionError":
                log.exception("answering failed")
            turn.error = str(exc) or type(exc).__name__
            self.app.run_on_ui(self._finish_error, turn, view)
        else:
            turn.answer = answer
            self.app.run_on_ui(self._finish_answer, turn, view)

    async def _finish_answer(self, turn: ChatTurn, view: AnswerView) -> None:
        await view.show_answer(turn.answer)
        self.query_one("#chat-log").scroll_end(animate=False)
        self._record("assistant", answer_fields.answer_text(turn.answer), _payload(turn.answer))

    async def _finish_error(self, turn: ChatTurn, view: AnswerView) -> None:
        await view.show_error(f"Not answered: {turn.error}")
        self._record("system", turn.error or "")

    # -- citations ---------------------------------------------------------------------------

    def on_answer_view_citation_selected(self, event: AnswerView.CitationSelected) -> None:
        self.open_section(event.section_id)

    def on_source_panel_closed(self, event: SourcePanel.Closed) -> None:
        self.query_one(QuestionInput).focus()

    def open_section(self, section_id: str) -> bool:
        """Show a corpus section in the side panel; False (with a message) if there is no such id."""
        from tutor.knowledge.corpus import find_section

        if section_id.startswith("user:"):
            self.notify(f"{section_id[5:]} is one of your ingested files; open it from your own folder.")
            return False
        section = find_section(section_id)
        panel = self.query_one(SourcePanel)
        if section is None:
            self.notify(f"no corpus section has the id {section_id!r}; /sources lists them", severity="warning")
            return False
        panel.show_section(f"{section.title}  [{section.id}]  {section.file}", section.text)
        panel.focus()
        return True

    def action_close_source(self) -> None:
        self.query_one(SourcePanel).action_close()

    def action_open_first_citation(self) -> None:
        """Open the first source of the latest answer that has one."""
        for view in reversed(list(self.query(AnswerView))):
            refs = answer_fields.citations(view.answer) if view.answer is not None else []
            if refs:
                self.open_section(refs[0].id)
                return
        self.notify("No answer with a source yet.")

    def action_copy_last(self) -> None:
        answered = [v for v in self.query(AnswerView) if v.answer is not None]
        if not answered:
            self.notify("No answer to copy yet.")
            return
        answered[-1].action_copy()

    # -- slash commands ----------------------------------------------------------------------

    async def run_command_line(self, line: str) -> None:
        """Parse and run one slash command; a bad one gets a message naming what was wrong."""
        try:
            command = parse_slash(line)
        except SlashCommandError as exc:
            self.notify(str(exc), title="Command", severity="error")
            return
        handler = getattr(self, f"_command_{command.name}")
        if _takes_args(handler):
            await handler(*command.args)
        elif command.args:
            usage = SLASH_COMMANDS[command.name].usage
            self.notify(f"/{command.name} takes no arguments; usage: {usage}", title="Command", severity="error")
        else:
            await handler()

    async def _command_help(self) -> None:
        self.app.action_help()

    async def _command_policy(self) -> None:
        await self.app.switch_mode("policy")

    async def _command_progress(self) -> None:
        await self.app.switch_mode("progress")

    async def _command_scenario(self, *args: str) -> None:
        from tutor.config import get_settings
        from tutor.iam import ScenarioError
        from tutor.policyqa.scenarios import available_scenarios

        if len(args) > 1:
            self.notify(f"/scenario takes one name; usage: {SLASH_COMMANDS['scenario'].usage}", severity="error")
            return
        if not args:
            current = self.app.scenario or get_settings().scenario
            await self._note(f"Permission questions use the **{current}** scenario. Bundled scenarios: "
                             f"{', '.join(available_scenarios())}. Choose one with `/scenario NAME`.")
            return
        try:
            title = self.app.use_scenario(args[0])
        except ScenarioError as exc:
            self.notify(f"/scenario: {exc}", severity="error")
            return
        self.notify(f"Permission questions now use the {title} scenario.")

    async def _command_quiz(self, *args: str) -> None:
        topic, n, mode = None, 5, "practice"
        for arg in args:
            if arg.isdigit():
                n = int(arg)
            elif arg.lower() in QUIZ_MODES:
                mode = arg.lower()
            elif topic is None:
                topic = arg.lower()
            else:
                self.notify(f"/quiz: unexpected argument {arg!r}; usage {SLASH_COMMANDS['quiz'].usage}", severity="error")
                return
        if not 1 <= n <= 50:
            self.notify(f"/quiz: the number of questions must be 1-50, not {n}", severity="error")
            return
        await self.app.start_quiz(topic, n, mode)

    async def _command_sources(self, *args: str) -> None:
        if args:
            self.open_section(args[0])
            return
        from tutor.knowledge.corpus import load_sections

        by_topic: dict[str, list[str]] = {}
        for section in load_sections():
            by_topic.setdefault(section.topic, []).append(f"`{section.id}` {section.title}")
        lines = ["**Sources the tutor cites** (open one with `/sources ID`)", ""]
        for topic, items in by_topic.items():
            lines.append(f"- **{topic}**: " + "; ".join(items))
        await self._note("\n".join(lines))

    async def _command_clear(self) -> None:
        await self.query_one("#chat-log").remove_children()
        self.turns.clear()
        self.conversation_id = None
        self.query_one(SourcePanel).remove_class("-open")
        self.notify("New conversation. Earlier ones stay saved.")

    async def _command_export(self, *args: str) -> None:
        if not self.turns:
            self.notify("Nothing to export yet: ask a question first.", severity="warning")
            return
        target = Path(args[0]).expanduser() if args else _default_export_path()
        if target.is_dir():
            target = target / _default_export_path().name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(conversation_markdown(self.turns), encoding="utf-8")
        except OSError as exc:
            self.notify(f"/export: cannot write {target}: {exc.strerror or exc}", severity="error")
            return
        self.notify(f"Conversation saved to {target}", title="Export", timeout=6)

    async def _command_copy(self) -> None:
        self.action_copy_last()

    async def _note(self, markdown: str) -> None:
        chat_log = self.query_one("#chat-log")
        await chat_log.mount(Markdown(markdown, classes="note"))
        chat_log.scroll_end(animate=False)


def _takes_args(handler: Any) -> bool:
    import inspect

    return any(p.kind is p.VAR_POSITIONAL for p in inspect.signature(handler).parameters.values())


def _payload(answer: Any) -> dict:
    """The answer as stored with its message: `to_json()` when it has one, else its fields."""
    to_json = getattr(answer, "to_json", None)
    if callable(to_json):
        data = to_json()
        data = json.loads(data) if isinstance(data, str) else dict(data)
    else:
        data = dict(answer) if isinstance(answer, dict) else {"answer": answer_fields.answer_text(answer)}
    # Fields the UI shows but `to_json` may leave out, so a resumed conversation looks the same.
    for name in ("closest_topics", "decision", "request", "trace"):
        value = getattr(answer, name, None)
        if name not in data and value is not None:
            data[name] = _jsonable(value)
    return data


def _jsonable(value: Any) -> Any:
    for method in ("to_dict", "to_json"):
        if callable(getattr(value, method, None)):
            return getattr(value, method)()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool, dict)) or value is None:
        return value
    return str(value)


def _default_export_path() -> Path:
    return paths.data_dir() / "exports" / f"conversation-{datetime.now():%Y%m%d-%H%M%S}.md"
