"""Opening the progress database: WAL, schema version, migrations, and refusing what it cannot read."""

from __future__ import annotations

import sqlite3

import pytest

from tutor import paths
from tutor.store import SCHEMA_VERSION, StoreCorruptError, StoreError, StoreVersionError, open_store

V1_TABLES = ["cards", "conversations", "messages", "quiz_sessions", "review_log"]


def tables(conn):
    return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]


def test_the_default_database_lives_at_the_progress_db_path_in_wal_mode():
    conn = open_store()
    assert paths.progress_db().exists()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    conn.close()


def test_an_empty_file_is_migrated_from_version_0_to_the_current_version(tmp_path):
    path = tmp_path / "old.sqlite3"
    sqlite3.connect(path).close()  # version 0: a SQLite file with no tables
    conn = open_store(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 1
    assert tables(conn) == V1_TABLES
    conn.close()


def test_reopening_keeps_data_and_does_not_migrate_again(tmp_path):
    path = tmp_path / "p.sqlite3"
    conn = open_store(path)
    conn.execute("INSERT INTO conversations (title, created_at, updated_at) VALUES ('kept', 'x', 'x')")
    conn.close()
    again = open_store(path)
    assert [tuple(r) for r in again.execute("SELECT title FROM conversations")] == [("kept",)]
    assert again.execute("PRAGMA user_version").fetchone()[0] == 1
    again.close()


def test_a_newer_database_is_refused_with_the_file_named_and_left_untouched(tmp_path):
    path = tmp_path / "future.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE precious (x)")
    raw.execute("INSERT INTO precious VALUES (42)")
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.commit()
    raw.close()
    with pytest.raises(StoreVersionError) as caught:
        open_store(path)
    assert str(caught.value) == (
        f"{path} has schema version {SCHEMA_VERSION + 1}, but this tutor understands up to {SCHEMA_VERSION}. "
        "Upgrade the tutor; the database was left untouched."
    )
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT x FROM precious").fetchall() == [(42,)]
    raw.close()


def test_a_corrupt_file_is_refused_with_the_file_named_and_its_bytes_kept(tmp_path):
    path = tmp_path / "progress.sqlite3"
    garbage = b"this is not a database at all" * 100
    path.write_bytes(garbage)
    with pytest.raises(StoreCorruptError, match=rf"^{path} is not a readable progress database"):
        open_store(path)
    assert path.read_bytes() == garbage


class _AddNotes:
    """A stand-in version 2 upgrade: adds a column, as a real future upgrade would."""

    @staticmethod
    def upgrade(conn):
        conn.execute("ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0")


class _Broken:
    @staticmethod
    def upgrade(conn):
        conn.execute("ALTER TABLE conversations ADD COLUMN half_done INTEGER")
        raise sqlite3.OperationalError("disk I/O error")


def test_a_later_upgrade_runs_on_an_existing_database_and_keeps_its_rows(tmp_path, monkeypatch):
    from tutor.store import database

    path = tmp_path / "p.sqlite3"
    conn = open_store(path)
    conn.execute("INSERT INTO conversations (title, created_at, updated_at) VALUES ('kept', 'x', 'x')")
    conn.close()
    real = database._upgrade_modules()
    monkeypatch.setattr(database, "_upgrade_modules", lambda: [*real, (2, _AddNotes)])
    conn = open_store(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert [tuple(r) for r in conn.execute("SELECT title, pinned FROM conversations")] == [("kept", 0)]
    conn.close()


def test_a_failing_upgrade_is_rolled_back_and_reported_with_the_file(tmp_path, monkeypatch):
    from tutor.store import database

    path = tmp_path / "p.sqlite3"
    open_store(path).close()
    real = database._upgrade_modules()
    monkeypatch.setattr(database, "_upgrade_modules", lambda: [*real, (2, _Broken)])
    with pytest.raises(StoreError, match=rf"^{path}: upgrading the schema from version 1 failed \(disk I/O error\)"):
        open_store(path)
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "half_done" not in [r[1] for r in raw.execute("PRAGMA table_info(conversations)")]
    raw.close()


def test_transactions_from_two_threads_on_one_connection_take_turns(tmp_path):
    """The app's UI thread and its workers share a connection; every row from both threads is kept."""
    import threading

    from tutor.store import ConversationLog, open_store

    conn = open_store(tmp_path / "progress.sqlite3")
    log = ConversationLog(conn)
    conversation = log.start("Threads")
    errors: list[BaseException] = []

    def write(role: str) -> None:
        try:
            for i in range(200):
                log.append(conversation.id, role, f"{role} {i}")
        except BaseException as exc:  # collected so the assertion below names it
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(role,)) for role in ("user", "assistant")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert [tuple(row) for row in conn.execute("SELECT role, COUNT(*) FROM messages GROUP BY role ORDER BY role")] == [
        ("assistant", 200),
        ("user", 200),
    ]
