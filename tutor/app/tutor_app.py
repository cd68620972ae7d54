"""`TutorApp`: the screens, the keys, and the services they share.

The answer engine (model, Chroma, BM25) takes seconds to load, so it is built in a background thread
after the first screen is shown; questions asked meanwhile wait for it. Heavy libraries are
imported only inside that thread, which keeps the app interactive within a second of launch.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import threading
from collections.abc import Callable
from functools import lru_cache
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from tutor import paths
from tutor.app.palette import SlashCommandProvider
from tutor.app.screens.chat import ChatScreen
from tutor.app.screens.help import HelpScreen
from tutor.app.screens.policy_lab import PolicyLabScreen
from tutor.app.screens.progress import ProgressScreen
from tutor.app.screens.quiz import QuizScreen

log = logging.getLogger(__name__)


class Answerer(Protocol):
    """What the chat needs from `tutor.answer.service.AnswerService`."""

    def ask(self, question: str, k: int | None = None) -> Any: ...


class TutorApp(App[None]):
    """The tutor's home: chat, quiz, policy lab and progress, one mode each."""

    TITLE = "tutor"
    SUB_TITLE = "AWS Cloud Practitioner · security"
    CSS_PATH = Path(__file__).parent / "tutor.tcss"
    COMMANDS = App.COMMANDS | {SlashCommandProvider}
    MODES = {"chat": ChatScreen, "quiz": QuizScreen, "policy": PolicyLabScreen, "progress": ProgressScreen}
    DEFAULT_MODE = "chat"
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("f2", "switch_mode('chat')", "Chat"),
        Binding("f3", "switch_mode('quiz')", "Quiz"),
        Binding("f4", "switch_mode('policy')", "Policy"),
        Binding("f5", "switch_mode('progress')", "Progress"),
        Binding("ctrl+t", "toggle_dark", "Theme"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    engine_status: reactive[str] = reactive("loading the answer engine…")
    """One line about the answer engine: loading, building the index, ready, or why it failed."""

    def __init__(
        self,
        answer_service: Answerer | None = None,
        *,
        db_path: Path | None = None,
        clock: Callable[[], datetime] | None = None,
        quiz_seed: int | None = None,
        questions: list[Any] | None = None,
    ) -> None:
        """`answer_service`, `clock`, `quiz_seed` and `questions` (instead of the whole bank) make tests
        deterministic; `db_path` moves the database."""
        super().__init__()
        if answer_service is not None:
            self.set_reactive(TutorApp.engine_status, "ready")
        self.clock: Callable[[], datetime] = clock or (lambda: datetime.now(timezone.utc))
        self._answer_service = answer_service
        self._answer_ready = threading.Event()
        self._answer_lock = threading.Lock()
        self.scenario: str | None = None  # chosen with /scenario; None means the configured default
        self._engine_started = False
        self._shutting_down = threading.Event()
        if answer_service is not None:
            self._answer_ready.set()
        self.answer_load_error: str | None = None
        self._db_path = db_path
        self._db: sqlite3.Connection | None = None
        self.db_error: str | None = None
        self._quiz_seed = quiz_seed
        self._quiz_lock = threading.Lock()
        self._questions: list[Any] | None = questions

    # -- services ---------------------------------------------------------------------------


    def start_answer_engine(self) -> None:
        """Begin loading the engine; the first screen calls this once it has been painted.

        Importing torch in a thread still competes for the interpreter, so starting only after the
        first paint is what keeps the first screen quick.
        """
        if self._answer_service is None and not self._engine_started:
            self._engine_started = True
            # A daemon thread rather than a Textual worker: quitting must not wait for torch to
            # finish importing or for a first-run index build to end.
            threading.Thread(target=self._load_answer_service, name="answer-engine", daemon=True).start()

    @property
    def engine_loading(self) -> bool:
        """True while the answer engine's loader thread is still at work."""
        return self._engine_started and not self._answer_ready.is_set()

    @property
    def shutting_down(self) -> bool:
        return self._shutting_down.is_set()

    def run_on_ui(self, callback: Callable[..., Any], *args: Any) -> None:
        """Run `callback` on the UI thread from a worker; dropped quietly once the app has closed."""
        if self._shutting_down.is_set():
            return
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:  # the app stopped between the check and the call
            pass

    def _load_answer_service(self) -> None:
        from tutor.app.engine import load_answer_service

        def report(text: str) -> None:
            self.run_on_ui(setattr, self, "engine_status", text)

        try:
            self._answer_service = load_answer_service(report)
        except Exception as exc:  # any failure becomes one status line; the rest of the app works
            log.exception("answer engine failed to load")
            self.answer_load_error = f"the answer engine could not start: {exc}"
            report(self.answer_load_error)
        else:
            report("ready")
        finally:
            self._answer_ready.set()

    def ask(self, question: str) -> Any:
        """Answer one question; call from a worker thread. Waits while the engine is loading.

        Raises whatever the service raises (QuestionError for empty or over-long questions),
        or RuntimeError when the engine could not start or the app is closing.
        """
        while not self._answer_ready.wait(0.2):
            if self._shutting_down.is_set():
                raise RuntimeError("the app is closing")
        if self._answer_service is None:
            raise RuntimeError(self.answer_load_error or "the answer engine is not available")
        with self._answer_lock:  # one question at a time: the engine is not built for concurrent calls
            if self.scenario is None:
                return self._answer_service.ask(question)
            return self._answer_service.ask(question, scenario=self.scenario)

    def use_scenario(self, name: str) -> str:
        """Ask permission questions about scenario `name` from now on; returns its title.

        Raises ScenarioError (naming the bundled scenarios) when there is no such scenario.
        """
        from tutor.policyqa.scenarios import active_scenario

        title = active_scenario(name).scenario.name
        self.scenario = name
        return title

    @property
    def db(self) -> sqlite3.Connection | None:
        """The progress database, opened on first use; None (with `db_error` set) if it cannot be opened."""
        if self._db is None and self.db_error is None:
            from tutor.store import StoreError, open_store

            try:
                self._db = open_store(self._db_path)
            except StoreError as exc:
                self.db_error = str(exc)
                self.notify(str(exc), title="Progress database", severity="error", timeout=10)
        return self._db

    def on_unmount(self) -> None:
        self._shutting_down.set()
        if self._db is not None:
            self._db.close()

    # -- navigation -------------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def run_slash(self, line: str) -> None:
        """Run a slash command from anywhere (the palette): the chat screen owns them."""
        await self.switch_mode("chat")
        chat = self.screen
        if isinstance(chat, ChatScreen):
            await chat.run_command_line(line)

    def start_quiz_session(self, topic: str | None, n: int, mode: str) -> Any:
        """A new `QuizSession` over the valid questions; call from a worker (the bank takes ~1 s to build).

        Raises `QuizError` when no session can be built as asked, RuntimeError without a database.
        """
        from tutor.quiz import QuizSession
        from tutor.store import ReviewStore

        with self._quiz_lock:
            if self._questions is None:
                self._questions = _valid_questions()
        db = self.db
        if db is None:
            raise RuntimeError(self.db_error or "the progress database is not available")
        return QuizSession.start(
            ReviewStore(db), self._questions, topic=topic, n=n, mode=mode, seed=self._quiz_seed, clock=self.clock
        )

    async def start_quiz(self, topic: str | None, n: int, mode: str) -> None:
        """Switch to the quiz screen and start a session."""
        await self.switch_mode("quiz")
        quiz = self.screen
        if isinstance(quiz, QuizScreen):
            quiz.start(topic, n, mode)


@lru_cache(maxsize=1)
def _valid_questions() -> list[Any]:
    """The question bank, built once per process: the corpus does not change while the app runs."""
    from tutor.quiz import build_catalogue

    return build_catalogue().valid_questions()


def main() -> None:
    """Run the app in the terminal (what `tutor` starts).

    Warnings and tracebacks go to `tutor.log` in the data folder, never onto the learner's screen.
    """
    handler = logging.FileHandler(paths.data_dir() / "tutor.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        app = TutorApp()
        app.run()
    finally:
        root.removeHandler(handler)
        handler.close()
    if app.engine_loading:
        # The loader thread may be inside torch or Chroma native code, which aborts the process if
        # the interpreter finalises around it. Everything the learner did is already committed.
        sys.stdout.flush()
        os._exit(app.return_code or 0)
