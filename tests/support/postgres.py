"""PostgreSQL for tests: the server scripts/test started, or a private one started here.

`pg_url` (session) is a SQLAlchemy URL of a reachable server: $KIOSK_TEST_PG_URL when set,
otherwise a throw-away cluster (initdb + pg_ctl from /usr/lib/postgresql/*/bin, run as the
`postgres` user, on a free port, stopped at session end). No server is a test failure, not a
skip: the store must be proven on PostgreSQL.

`pg_fresh_url` (function) is a factory: each call creates an empty schema and returns a URL
whose connections use only that schema (search_path), dropped after the test, so tests and
parallel runs never see each other's rows. A schema costs ~10 ms where a database costs ~500.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator

import pytest

ENV = "KIOSK_TEST_PG_URL"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(*cmd: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else list(cmd)


def _start_cluster() -> tuple[str, Callable[[], None]]:
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                  key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0)
    if not bins:
        pytest.fail(f"no PostgreSQL server: set {ENV} or install postgresql "
                    "(/usr/lib/postgresql/*/bin not found)")
    pg_bin = bins[-1]
    base = tempfile.mkdtemp(prefix="kiosk-pg-")
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    data, port = os.path.join(base, "data"), _free_port()

    def run(*cmd: str) -> None:
        out = subprocess.run(_as_postgres(*cmd), capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            pytest.fail(f"starting a test PostgreSQL failed: {' '.join(cmd[:1])}: "
                        f"{out.stderr.strip()[-500:]}")

    run(f"{pg_bin}/initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8",
        "--no-sync")
    run(f"{pg_bin}/pg_ctl", "-D", data, "-w", "-l", os.path.join(base, "log"), "-o",
        f"-c listen_addresses=127.0.0.1 -p {port} -k {base} -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off", "start")

    def stop() -> None:
        subprocess.run(_as_postgres(f"{pg_bin}/pg_ctl", "-D", data, "-m", "immediate", "stop"),
                       capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)

    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", stop


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    url = os.environ.get(ENV)
    stop = None
    if not url:
        url, stop = _start_cluster()
    try:
        _admin(url, "SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure means no server
        pytest.fail(f"PostgreSQL at {ENV} is not reachable: {type(exc).__name__}: {exc}")
    yield url
    if stop:
        stop()


def _libpq(url: str, database: str | None = None) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(url).set(drivername="postgresql")
    if database:
        u = u.set(database=database)
    return u.render_as_string(hide_password=False)


def _admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(_libpq(url), autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql)


@pytest.fixture
def pg_fresh_url(pg_url: str) -> Iterator[Callable[[], str]]:
    """Factory: each call creates a fresh schema and returns a SQLAlchemy URL confined to it."""
    from sqlalchemy.engine import make_url

    made: list[str] = []

    def create() -> str:
        name = f"kiosk_t_{uuid.uuid4().hex[:12]}"
        _admin(pg_url, f'CREATE SCHEMA "{name}"')
        made.append(name)
        url = make_url(pg_url).update_query_dict({"options": f"-csearch_path={name}"})
        return url.render_as_string(hide_password=False)

    yield create
    for name in made:
        _admin(pg_url, f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
