"""What `tutor` starts: the Textual app, or (`tutor chat --plain`) the plain-terminal question loop."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.markup import escape

EXIT_WORDS = {"quit", "exit", ":q"}


def question_loop(service, console: Console, read: Callable[[], str]) -> int:
    """Ask, answer, repeat until `quit`, Ctrl-D or Ctrl-C; returns how many questions were answered."""
    from tutor.answer.types import QuestionError
    from tutor.cli.ask import render_answer

    answered = 0
    while True:
        try:
            question = read()
        except (EOFError, KeyboardInterrupt):
            console.print()
            break
        if question.strip().lower() in EXIT_WORDS:
            break
        if not question.strip():
            continue
        try:
            answer = service.ask(question)
        except QuestionError as exc:
            console.print(f"[red]error:[/red] {escape(str(exc))}")
            continue
        except KeyboardInterrupt:
            console.print()
            break
        render_answer(answer, console)
        console.print()
        answered += 1
    console.print("Goodbye.")
    return answered


def start() -> None:
    """What `tutor` with no command runs: the Textual app."""
    run_app()


def run_app() -> None:
    """The full-screen app; the answer engine loads in the background once the first screen is up."""
    from tutor.app.tutor_app import main

    main()


def plain_loop() -> None:
    """Interactive questions and answers in the terminal, with numbered citations (`tutor chat --plain`)."""
    from tutor.answer.service import AnswerService
    from tutor.cli.ask import RichIndexProgress, _known_errors, fail

    console = Console(highlight=False, soft_wrap=True)
    console.print("[bold]tutor[/bold]: ask about the AWS Cloud Practitioner security module. Type quit to leave.")
    service = AnswerService(progress=RichIndexProgress)
    try:
        question_loop(service, console, lambda: console.input("[bold green]?[/bold green] "))
    except _known_errors() as exc:
        raise fail(str(exc)) from None
