"""ConversationLog: start, append, list, latest, load and Markdown export."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tutor.store import ConversationLog, open_store
from tutor.store.conversations import ConversationNotFound

T0 = datetime(2026, 11, 27, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def log(tmp_path):
    conn = open_store(tmp_path / "p.sqlite3")
    yield ConversationLog(conn)
    conn.close()


def test_messages_are_kept_in_order_with_their_payloads(log):
    chat = log.start("Root user questions", now=T0)
    log.append(chat.id, "user", "Who can close the account?", now=T0 + timedelta(seconds=5))
    log.append(chat.id, "assistant", "Only the root user.", {"citations": ["iam-root-user"]}, now=T0 + timedelta(seconds=6))
    loaded = log.load(chat.id)
    assert [(m.role, m.content, m.payload) for m in loaded.messages] == [
        ("user", "Who can close the account?", None),
        ("assistant", "Only the root user.", {"citations": ["iam-root-user"]}),
    ]
    assert loaded.updated_at == T0 + timedelta(seconds=6)


def test_list_and_latest_put_the_most_recently_updated_first(log):
    old = log.start("old", now=T0)
    new = log.start("new", now=T0 + timedelta(minutes=1))
    log.append(old.id, "user", "still here", now=T0 + timedelta(minutes=2))
    assert [c.title for c in log.list()] == ["old", "new"]
    assert log.latest().id == old.id
    assert new.id != old.id


def test_export_markdown_renders_title_messages_and_sources(log):
    chat = log.start("MFA", now=T0)
    log.append(chat.id, "user", "What is MFA?", now=T0)
    log.append(chat.id, "assistant", "A second factor at sign-in.", {"citations": ["iam-mfa"]}, now=T0)
    assert log.export_markdown(chat.id) == (
        "# MFA\n\n_Started 2026-11-27T09:30:00+00:00_\n\n"
        "## User (2026-11-27T09:30:00+00:00)\n\nWhat is MFA?\n\n"
        "## Assistant (2026-11-27T09:30:00+00:00)\n\nA second factor at sign-in.\n\nSources: iam-mfa\n"
    )


def test_unknown_conversation_and_bad_role_are_clear_errors(log):
    with pytest.raises(ConversationNotFound, match="no conversation with id 99"):
        log.append(99, "user", "hello")
    chat = log.start()
    with pytest.raises(ValueError, match="message role must be one of user, assistant, system, tool, not 'robot'"):
        log.append(chat.id, "robot", "beep")
    assert log.latest().title == "New conversation"
