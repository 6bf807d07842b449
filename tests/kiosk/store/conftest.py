"""Store fixtures: every store test runs on SQLite (a temp file) and on PostgreSQL (a fresh
schema per test)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.store import Store, open_store
from kiosk.store.outbox import Deliverer
from kiosk.store.testserver import BackOfficeServer

T0 = datetime(2026, 3, 2, 3, 0, 0, tzinfo=UTC)  # 10:00 in Hà Nội


class FakeClock:
    """Injected into the store so retention and backoff are tested to the microsecond."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> datetime:
        self.now += timedelta(**kw)
        return self.now


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    return request.getfixturevalue("pg_fresh_url")()


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    return tmp_path / "keys" / "store.key"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_store(store_url: str, key_file: Path,
               clock: FakeClock) -> Iterator[Callable[..., Store]]:
    opened: list[Store] = []

    def make(**kw) -> Store:
        kw.setdefault("key_file", key_file)
        kw.setdefault("clock", clock)
        s = open_store(store_url, **kw)
        opened.append(s)
        return s

    yield make
    for s in opened:
        s.close()


@pytest.fixture
def store(make_store) -> Store:
    return make_store()


@pytest.fixture
def backoffice(tmp_path: Path) -> Iterator[BackOfficeServer]:
    """The test back office over HTTPS (a CA made for this test), asking for a token."""
    with BackOfficeServer.tls(tmp_path / "bo") as bo:
        yield bo


@pytest.fixture
def make_backoffice(tmp_path: Path) -> Iterator[Callable[..., BackOfficeServer]]:
    """Factory for back offices that misbehave: make_backoffice(respond=...)."""
    made: list[BackOfficeServer] = []

    def make(respond=None, **kw) -> BackOfficeServer:
        bo = BackOfficeServer.tls(tmp_path / f"bo{len(made)}", respond, **kw).__enter__()
        made.append(bo)
        return bo

    yield make
    for bo in made:
        bo.__exit__(None, None, None)


def deliverer(store: Store, bo: BackOfficeServer, **kw) -> Deliverer:
    """A Deliverer that trusts the test back office's CA and sends its token."""
    return Deliverer(store, bo.url, tls=bo.tls_settings, **kw)


FORM = {"ho_ten": "Nguyễn Thị Minh Khai", "so_dinh_danh": "001099012345",
        "noi_cu_tru": "12 Phố Huế, Phường Hai Bà Trưng, Thành phố Hà Nội"}
