"""`tutor chat`: the Textual app, or with `--plain` the question loop for plain terminals and pipes."""

from __future__ import annotations

import typer


def chat(
    plain: bool = typer.Option(False, "--plain", help="A plain question-and-answer loop instead of the full-screen app."),
) -> None:
    """Chat with the tutor (what `tutor` with no command starts)."""
    from tutor.cli.start import plain_loop, run_app

    if plain:
        plain_loop()
    else:
        run_app()


def register(app: typer.Typer) -> None:
    """Add `chat` to the main app."""
    app.command("chat")(chat)
