"""Chat history for the app: conversations and their messages, exportable as Markdown."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from tutor.store.database import from_text, to_text, transaction, utc_now

Role = Literal["user", "assistant", "system", "tool"]
_ROLES = ("user", "assistant", "system", "tool")


class ConversationNotFound(LookupError):
    """No conversation with that id."""


@dataclass(frozen=True)
class Message:
    id: int
    conversation_id: int
    role: str
    content: str
    payload: dict[str, Any] | None
    """Structured extras (citations, a policy decision trace) kept alongside the text."""
    created_at: datetime


@dataclass(frozen=True)
class Conversation:
    id: int
    title: str
    created_at: datetime
    updated_at: datetime
    messages: tuple[Message, ...] = field(default=())


class ConversationLog:
    """Start, append to, list, load and export conversations; each append is committed at once."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def start(self, title: str = "New conversation", now: datetime | None = None) -> Conversation:
        """Create an empty conversation."""
        stamp = to_text(now or utc_now())
        with transaction(self.conn):
            cursor = self.conn.execute(
                "INSERT INTO conversations (title, created_at, updated_at) VALUES (?, ?, ?)",
                (title.strip() or "New conversation", stamp, stamp),
            )
        return self.load(int(cursor.lastrowid))

    def append(
        self,
        conversation_id: int,
        role: Role,
        content: str,
        payload: dict[str, Any] | None = None,
        now: datetime | None = None,
    ) -> Message:
        """Add a message and touch the conversation's `updated_at`."""
        if role not in _ROLES:
            raise ValueError(f"message role must be one of {', '.join(_ROLES)}, not {role!r}")
        self._require(conversation_id)
        stamp = to_text(now or utc_now())
        payload_json = json.dumps(payload, ensure_ascii=False, sort_keys=True) if payload is not None else None
        with transaction(self.conn):
            cursor = self.conn.execute(
                "INSERT INTO messages (conversation_id, role, content, payload_json, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (conversation_id, role, content, payload_json, stamp),
            )
            self.conn.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (stamp, conversation_id))
        return Message(int(cursor.lastrowid), conversation_id, role, content, payload, from_text(stamp))

    def rename(self, conversation_id: int, title: str) -> None:
        self._require(conversation_id)
        with transaction(self.conn):
            self.conn.execute("UPDATE conversations SET title = ? WHERE id = ?", (title, conversation_id))

    def list(self) -> list[Conversation]:
        """Every conversation, most recently updated first, without messages."""
        rows = self.conn.execute("SELECT * FROM conversations ORDER BY updated_at DESC, id DESC").fetchall()
        return [_conversation(row) for row in rows]

    def latest(self) -> Conversation | None:
        """The most recently updated conversation with its messages, or None."""
        row = self.conn.execute("SELECT id FROM conversations ORDER BY updated_at DESC, id DESC LIMIT 1").fetchone()
        return self.load(row[0]) if row else None

    def load(self, conversation_id: int) -> Conversation:
        """One conversation with its messages in order; raises `ConversationNotFound`."""
        row = self._require(conversation_id)
        messages = tuple(
            Message(
                id=m["id"],
                conversation_id=m["conversation_id"],
                role=m["role"],
                content=m["content"],
                payload=json.loads(m["payload_json"]) if m["payload_json"] else None,
                created_at=from_text(m["created_at"]),
            )
            for m in self.conn.execute(
                "SELECT * FROM messages WHERE conversation_id = ? ORDER BY id", (conversation_id,)
            )
        )
        return _conversation(row, messages)

    def export_markdown(self, conversation_id: int) -> str:
        """The conversation as a Markdown document: a title, then one block per message."""
        conversation = self.load(conversation_id)
        lines = [f"# {conversation.title}", "", f"_Started {to_text(conversation.created_at)}_", ""]
        for message in conversation.messages:
            lines += [f"## {message.role.capitalize()} ({to_text(message.created_at)})", "", message.content.rstrip(), ""]
            citations = (message.payload or {}).get("citations")
            if citations:
                lines += ["Sources: " + ", ".join(str(c) for c in citations), ""]
        return "\n".join(lines).rstrip() + "\n"

    def _require(self, conversation_id: int) -> sqlite3.Row:
        row = self.conn.execute("SELECT * FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        if row is None:
            raise ConversationNotFound(f"no conversation with id {conversation_id}")
        return row


def _conversation(row: sqlite3.Row, messages: tuple[Message, ...] = ()) -> Conversation:
    return Conversation(row["id"], row["title"], from_text(row["created_at"]), from_text(row["updated_at"]), messages)
