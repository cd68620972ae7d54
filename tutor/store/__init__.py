"""Progress storage: one SQLite file (`paths.progress_db()`) shared by the CLI and the app.

Public API:

- `open_store(path=None) -> sqlite3.Connection`: opens (creating or migrating) the database in
  WAL mode; raises `StoreError` (`StoreCorruptError`, `StoreVersionError`) naming the file.
- `ReviewStore(conn)`: FSRS card state per question, the review log and quiz sessions
  (`start_session`, `record_answer`, `finish_session`, `card`, `cards`, `due_question_ids`,
  `answers`, `topic_stats`).
- `ConversationLog(conn)`: chat history (`start`, `append`, `list`, `latest`, `load`, `export_markdown`).
- `progress_report(conn, now=None) -> ProgressReport`: accuracy per topic, due cards, streak.

Each write commits before returning, so a killed process loses nothing already answered.
"""

from tutor.store.conversations import Conversation, ConversationLog, Message
from tutor.store.database import SCHEMA_VERSION, StoreCorruptError, StoreError, StoreVersionError, open_store
from tutor.store.progress import ProgressReport, TopicProgress, progress_report
from tutor.store.reviews import AnswerRecord, CardRecord, ReviewStore, TopicStats

__all__ = [
    "SCHEMA_VERSION",
    "AnswerRecord",
    "CardRecord",
    "Conversation",
    "ConversationLog",
    "Message",
    "ProgressReport",
    "ReviewStore",
    "StoreCorruptError",
    "StoreError",
    "StoreVersionError",
    "TopicProgress",
    "TopicStats",
    "open_store",
    "progress_report",
]
