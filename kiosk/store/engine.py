"""Engines for the two supported backends, configured for durability.

SQLite (one kiosk): WAL so the delivery worker reads while the UI writes; synchronous=FULL so
a committed submission survives a power cut, not just a crash; foreign keys on; a busy timeout
instead of "database is locked" errors; and every transaction opened with BEGIN IMMEDIATE so
read-then-write sequences (audit chaining, outbox claims) are serialised instead of failing
mid-way with SQLITE_BUSY on lock upgrade.

PostgreSQL (central store): plain psycopg 3 with pre-ping, so a restarted server is noticed.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from kiosk.store.errors import StoreUnavailable

BUSY_TIMEOUT_MS = 10_000


def default_sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'kiosk.sqlite3'}"


def make_engine(url: str) -> Engine:
    try:
        u = make_url(url)
    except ArgumentError:
        raise StoreUnavailable("[store] url is not a database URL; use sqlite:///FILE or "
                               "postgresql+psycopg://USER@HOST/DB") from None
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            _create_private(Path(u.database))
        engine = create_engine(u, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000,
                                                "check_same_thread": False})
        _configure_sqlite(engine)
        return engine
    if u.get_backend_name() == "postgresql":
        return create_engine(u, pool_pre_ping=True, pool_size=5, max_overflow=5)
    raise StoreUnavailable(f"unsupported store URL scheme {u.drivername!r}: use sqlite:///FILE or "
                     "postgresql+psycopg://USER@HOST/DB")


def _create_private(path: Path) -> None:
    """Create the database file 0600 (SQLite gives its -wal/-shm files the same mode): it
    holds no personal data in clear, but who submitted what, when, is nobody else's business."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # Let SQLAlchemy's begin() emit BEGIN itself (pysqlite's implicit BEGIN is deferred).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def rowcount(result: object) -> int:
    """Rows an UPDATE/DELETE touched (SQLAlchemy types `Session.execute` as a plain Result;
    for DML it is a CursorResult, which has `rowcount`)."""
    return int(getattr(result, "rowcount", 0) or 0)
