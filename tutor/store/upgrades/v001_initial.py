"""Version 1: FSRS cards, the review log, quiz sessions, and conversations for the app."""

from __future__ import annotations

import sqlite3

_SCHEMA = """
CREATE TABLE cards (
    question_id TEXT PRIMARY KEY,
    topic       TEXT NOT NULL,
    state       INTEGER NOT NULL,
    step        INTEGER,
    stability   REAL,
    difficulty  REAL,
    due         TEXT NOT NULL,
    last_review TEXT,
    reps        INTEGER NOT NULL DEFAULT 0,
    lapses      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cards_due ON cards(due);

CREATE TABLE quiz_sessions (
    id          INTEGER PRIMARY KEY,
    mode        TEXT NOT NULL CHECK (mode IN ('practice', 'exam', 'review')),
    topic       TEXT,
    requested   INTEGER NOT NULL,
    seed        INTEGER,
    started_at  TEXT NOT NULL,
    finished_at TEXT
);

CREATE TABLE review_log (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER REFERENCES quiz_sessions(id),
    question_id TEXT NOT NULL,
    topic       TEXT NOT NULL,
    chosen      TEXT NOT NULL,
    correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    response_ms INTEGER,
    redrill     INTEGER NOT NULL DEFAULT 0 CHECK (redrill IN (0, 1)),
    reviewed_at TEXT NOT NULL
);
CREATE INDEX review_log_question ON review_log(question_id);
CREATE INDEX review_log_session ON review_log(session_id);

CREATE TABLE conversations (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    role            TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system', 'tool')),
    content         TEXT NOT NULL,
    payload_json    TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX messages_conversation ON messages(conversation_id, id);
"""


def upgrade(conn: sqlite3.Connection) -> None:
    """Create the version 1 tables."""
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
