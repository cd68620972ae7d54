"""The quiz screen: pick topic, length and mode, then answer with 1-9, A-E or the mouse.

It drives the same `QuizSession` and database as `tutor quiz`, so every answer lands in the
review log the moment it is given. Practice shows feedback after each answer; exam at the end.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Markdown, ProgressBar, RadioButton, RadioSet, Select, Static

from tutor.app.quiz_text import feedback_markdown, summary_markdown
from tutor.app.widgets.quiz_option import QuizOptionButton
from tutor.topics import TOPICS

log = logging.getLogger(__name__)

LETTERS = "ABCDE"


class QuizScreen(Screen):
    """Setup, then one question at a time, then the summary."""

    BINDINGS = [
        *(Binding(str(i), f"choose({i - 1})", show=False) for i in range(1, 10)),
        *(Binding(letter.lower(), f"choose({i})", show=False) for i, letter in enumerate(LETTERS)),
        Binding("escape", "abandon", "End quiz"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.session: Any = None
        self.phase = "setup"  # setup -> asking <-> feedback -> done
        self.chosen: list[str] = []
        self._shown_at = 0.0

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="quiz-setup"):
            yield Label("Topic, number of questions and mode:")
            with Horizontal():
                yield Select([("all topics", "all"), *((t, t) for t in TOPICS)], value="all", allow_blank=False, id="quiz-topic")
                yield Input("5", id="quiz-n", type="integer", max_length=2)
                with RadioSet(id="quiz-mode"):
                    yield RadioButton("practice: feedback after each answer", value=True, id="mode-practice")
                    yield RadioButton("exam: feedback at the end", id="mode-exam")
                yield Button("Start", id="quiz-start", variant="primary")
        with VerticalScroll(id="quiz-run"):
            yield ProgressBar(id="quiz-progress", show_eta=False)
            yield Static("", id="quiz-stem")
            yield Vertical(id="quiz-options")
            yield Label("", id="quiz-hint")
            yield Markdown("", id="quiz-feedback")
            yield Button("Next (Enter)", id="quiz-next", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self._show_phase("setup")

    def _show_phase(self, phase: str) -> None:
        self.phase = phase
        self.query_one("#quiz-setup").display = phase == "setup"
        self.query_one("#quiz-run").display = phase != "setup"
        self.query_one("#quiz-next").display = phase in ("feedback", "multi")
        if phase == "setup":
            self.query_one("#quiz-start").focus()

    # -- starting ----------------------------------------------------------------------------

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "quiz-start":
            self._start_from_form()
        elif event.button.id == "quiz-next":
            await self.action_next()
        elif isinstance(event.button, QuizOptionButton):
            self._choose_key(event.button.key)

    def _start_from_form(self) -> None:
        topic = self.query_one("#quiz-topic", Select).value
        raw_n = self.query_one("#quiz-n", Input).value.strip()
        if not raw_n.isdigit() or not 1 <= int(raw_n) <= 50:
            self.notify(f"Number of questions must be 1-50, not {raw_n or 'empty'}.", severity="error")
            return
        mode = "exam" if self.query_one("#mode-exam", RadioButton).value else "practice"
        self.start(None if topic == "all" else str(topic), int(raw_n), mode)

    def start(self, topic: str | None, n: int, mode: str) -> None:
        """Build a session (in the background: the question bank takes a moment) and ask its first question."""
        self.query_one("#quiz-stem", Static).update(Content("Preparing the questions…"))
        self._show_phase("asking")
        self._build_session(topic, n, mode)

    @work(thread=True, exclusive=True, group="quiz")
    def _build_session(self, topic: str | None, n: int, mode: str) -> None:
        try:
            session = self.app.start_quiz_session(topic, n, mode)
        except Exception as exc:  # QuizError and store errors: tell the learner, go back to setup
            if type(exc).__name__ != "QuizError":
                log.exception("quiz session failed to start")
            self.app.run_on_ui(self._start_failed, str(exc))
            return
        self.app.run_on_ui(self._started, session)

    def _start_failed(self, message: str) -> None:
        self.notify(f"Cannot start the quiz: {message}", severity="error", timeout=8)
        self._show_phase("setup")

    async def _started(self, session: Any) -> None:
        self.session = session
        await self._ask_current()

    # -- asking ------------------------------------------------------------------------------

    async def _ask_current(self) -> None:
        question = self.session.current()
        if question is None:
            await self._finish()
            return
        progress = self.session.progress()
        bar = self.query_one(ProgressBar)
        bar.update(total=progress.total, progress=progress.answered)
        redrill = " (again: missed earlier)" if self.session.redrilling else ""
        self.query_one("#quiz-stem", Static).update(
            Content(f"Question {progress.answered + 1} of {progress.total} · {question.topic}{redrill}\n\n{question.stem}")
        )
        options = self.query_one("#quiz-options")
        await options.remove_children()
        buttons = [QuizOptionButton(o.key, o.text, i) for i, o in enumerate(question.options, 1)]
        await options.mount_all(buttons)
        need = question.answers_required
        hint = "Press 1-9 or A-E, or click an option." if need == 1 else f"Choose {need} options, then Enter."
        self.query_one("#quiz-hint", Label).update(hint)
        self.query_one("#quiz-feedback", Markdown).update("")
        self.chosen = []
        self._show_phase("asking")
        buttons[0].focus()
        self._shown_at = time.monotonic()

    def action_choose(self, index: int) -> None:
        """Choose the option at `index` (0-based) of the current question."""
        if self.phase not in ("asking", "multi") or self.session is None:
            return
        question = self.session.current()
        if question is None or index >= len(question.options):
            return
        self._choose_key(question.options[index].key)

    def _choose_key(self, key: str) -> None:
        if self.phase not in ("asking", "multi"):
            return
        question = self.session.current()
        need = question.answers_required
        if need == 1:
            self.chosen = [key]
            self._submit()
            return
        if key in self.chosen:
            self.chosen.remove(key)
        else:
            self.chosen.append(key)
        for button in self.query(QuizOptionButton):
            button.set_class(button.key in self.chosen, "-chosen")
        self.query_one("#quiz-hint", Label).update(
            f"Chosen: {', '.join(sorted(self.chosen)) or 'none'} · choose {need}, then Enter."
        )
        self.phase = "multi"
        self.query_one("#quiz-next").display = True
        self.query_one("#quiz-next", Button).label = "Submit (Enter)"
        self.query_one("#quiz-next").focus()

    def _submit(self) -> None:
        from tutor.quiz import InvalidAnswer

        elapsed_ms = int((time.monotonic() - self._shown_at) * 1000)
        try:
            feedback = self.session.answer(self.chosen, response_ms=elapsed_ms)
        except InvalidAnswer as exc:
            self.notify(str(exc), severity="warning")
            return
        except Exception as exc:  # a failed write: say so, keep the question on screen
            log.exception("recording a quiz answer failed")
            self.notify(f"Could not record the answer: {exc}", severity="error")
            return
        if self.session.mode == "exam":
            self.call_after_refresh(self._ask_current)
            return
        self._show_feedback(feedback)

    def _show_feedback(self, feedback: Any) -> None:
        for button in self.query(QuizOptionButton):
            option = feedback.question.option(button.key)
            button.set_class(option.correct, "-right")
            button.set_class(button.key in feedback.chosen and not option.correct, "-wrong")
            button.disabled = True
        self.query_one("#quiz-feedback", Markdown).update(feedback_markdown(feedback))
        self.query_one("#quiz-hint", Label).update("")
        progress = self.session.progress()
        self.query_one(ProgressBar).update(total=progress.total, progress=progress.answered)
        self._show_phase("feedback")
        self.query_one("#quiz-next", Button).label = "Next (Enter)"
        self.query_one("#quiz-next").focus()

    async def action_next(self) -> None:
        """Go on after feedback, or submit a multiple-answer choice."""
        if self.phase == "multi":
            self._submit()
        elif self.phase == "feedback":
            await self._ask_current()

    async def _finish(self) -> None:
        summary = self.session.summary()
        await self.query_one("#quiz-options").remove_children()
        self.query_one(ProgressBar).update(total=max(summary.answered, 1), progress=summary.answered)
        self.query_one("#quiz-stem", Static).update(Content("Quiz finished"))
        self.query_one("#quiz-hint", Label).update("Press Escape for a new quiz, F5 for your progress.")
        self.query_one("#quiz-feedback", Markdown).update(summary_markdown(summary, show_answers=summary.mode == "exam"))
        self._show_phase("done")

    def action_abandon(self) -> None:
        """Leave the current quiz (answers given are already saved) and go back to setup."""
        if self.session is not None and self.phase != "done":
            self.session.close()
        self.session = None
        self._show_phase("setup")
