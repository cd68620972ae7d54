"""Opening the progress database: WAL mode, schema version and forward migrations.

The schema version lives in `PRAGMA user_version`. Upgrades are the modules of
`tutor.store.upgrades`; a database newer than this code, or a file that is not a
SQLite database, is refused with an error naming the file: never wiped.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType

from tutor import paths
from tutor.store import upgrades

_UPGRADE_NAME = re.compile(r"^v(?P<version>\d{3})_\w+$")


class StoreError(RuntimeError):
    """The progress database cannot be used; the message names the file and what to do."""


class StoreCorruptError(StoreError):
    """The file exists but is not a readable SQLite database."""


class StoreVersionError(StoreError):
    """The database was written by a newer version of the tutor."""


def _upgrade_modules() -> list[tuple[int, ModuleType]]:
    found = []
    for info in pkgutil.iter_modules(upgrades.__path__):
        match = _UPGRADE_NAME.match(info.name)
        if match:
            found.append((int(match["version"]), importlib.import_module(f"{upgrades.__name__}.{info.name}")))
    found.sort(key=lambda pair: pair[0])
    versions = [version for version, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"schema upgrades must be numbered 1..N without gaps, found {versions}")
    return found


SCHEMA_VERSION = len(_upgrade_modules())
"""The version this code writes; `open_store` migrates anything older up to it."""


def current_version() -> int:
    """The newest schema version the upgrades folder provides."""
    return len(_upgrade_modules())


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def to_text(moment: datetime) -> str:
    """Timestamps are stored as UTC ISO-8601 text, so they sort as strings."""
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def from_text(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


def open_store(path: Path | None = None) -> sqlite3.Connection:
    """Open (creating and migrating as needed) the progress database in WAL mode.

    Raises `StoreCorruptError` or `StoreVersionError`; both name the file.
    """
    path = Path(path) if path is not None else paths.progress_db()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Autocommit mode: transactions are explicit (`with transaction(conn)`), so nothing stays uncommitted.
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
    conn.row_factory = sqlite3.Row
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreCorruptError(
            f"{path} is not a readable progress database ({exc}). "
            "Move it aside to start fresh; it was left untouched."
        ) from exc
    newest = current_version()
    if version > newest:
        conn.close()
        raise StoreVersionError(
            f"{path} has schema version {version}, but this tutor understands up to {newest}. "
            "Upgrade the tutor; the database was left untouched."
        )
    try:
        migrate(conn, version)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(
            f"{path}: upgrading the schema from version {version} failed ({exc}); "
            "the upgrade was rolled back and the data is as it was."
        ) from exc
    return conn


def migrate(conn: sqlite3.Connection, current: int) -> None:
    """Apply every upgrade above `current`, each in its own transaction with its version bump."""
    for version, module in _upgrade_modules():
        if version <= current:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            module.upgrade(conn)
            conn.execute(f"PRAGMA user_version = {version:d}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


# The app shares one connection between its UI thread and its workers. Two threads beginning a
# transaction on one connection would fail ("cannot start a transaction within a transaction") or
# commit each other's rows, so transactions in this process take turns. They are a few rows each.
_WRITER = threading.RLock()


class transaction:
    """`with transaction(conn):` runs the block in one committed-or-rolled-back transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        _WRITER.acquire()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            _WRITER.release()
            raise
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            _WRITER.release()
