"""Slash commands typed in the chat box (`/quiz iam 5`), parsed without touching the UI.

The registry is the single list the chat screen dispatches on, the help screen lists and the
command palette offers, so a command added here appears in all three.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass


@dataclass(frozen=True)
class SlashSpec:
    """One command: its name, the arguments it takes and what it does."""

    name: str
    usage: str
    summary: str


SLASH_COMMANDS: dict[str, SlashSpec] = {
    spec.name: spec
    for spec in (
        SlashSpec("quiz", "/quiz [TOPIC] [N] [practice|exam]", "Start a quiz (default: all topics, 5, practice)"),
        SlashSpec("policy", "/policy", "Open the policy lab: edit a policy and evaluate requests"),
        SlashSpec("scenario", "/scenario [NAME]", "Choose the scenario permission questions are about"),
        SlashSpec("progress", "/progress", "Show mastery per topic, due reviews and answers over time"),
        SlashSpec("sources", "/sources [ID]", "List the corpus sections the tutor can cite, or open one"),
        SlashSpec("clear", "/clear", "Start a new conversation (the old one stays saved)"),
        SlashSpec("export", "/export [PATH]", "Save this conversation as Markdown"),
        SlashSpec("copy", "/copy", "Copy the last answer to the clipboard"),
        SlashSpec("help", "/help", "Show keys and commands"),
    )
}


class SlashCommandError(ValueError):
    """A line starting with `/` that is not a known command or cannot be split into arguments."""


@dataclass(frozen=True)
class SlashCommand:
    """A parsed command line: `/export notes.md` is `SlashCommand("export", ("notes.md",))`."""

    name: str
    args: tuple[str, ...]


def is_slash_command(text: str) -> bool:
    """True when the learner typed a command rather than a question."""
    return text.lstrip().startswith("/")


def parse_slash(text: str) -> SlashCommand:
    """Split a command line into its name and arguments; raise SlashCommandError naming the fault."""
    body = text.strip()[1:]
    try:
        words = shlex.split(body)
    except ValueError as exc:
        raise SlashCommandError(f"cannot read the arguments of {text.strip()!r}: {exc}") from None
    if not words:
        raise SlashCommandError("a slash needs a command name after it; type /help for the list")
    name = words[0].lower()
    if name not in SLASH_COMMANDS:
        known = ", ".join(f"/{n}" for n in SLASH_COMMANDS)
        raise SlashCommandError(f"unknown command /{name}; known commands: {known}")
    return SlashCommand(name, tuple(words[1:]))
