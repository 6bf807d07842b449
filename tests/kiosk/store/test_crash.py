"""A kiosk killed with SIGKILL while submitting and delivering loses nothing, and the back
office (deduplicating by Idempotency-Key) sees each submission exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from kiosk.store import open_store
from kiosk.store.models import OutboxRow, SubmissionRow
from kiosk.store.outbox import Deliverer, DeliveryReport
from kiosk.store.testserver import BackOfficeServer

REPO = Path(__file__).resolve().parents[3]
CHILD = Path(__file__).with_name("crash_child.py")

# (step, occurrence, new submissions stored when killed, if fixed): every gap between two durable states
KILL_POINTS = [
    ("submit.before_commit", 2, 1),  # inside the 2nd submit transaction: it must vanish whole
    ("submit.committed", 1, 1),      # committed, caller not yet told
    ("claimed", 2, None),            # leased, not sent
    ("sent", 1, None),               # back office has it, not yet marked delivered
    ("settled", 2, None),            # marked delivered
]


def _spawn(url: str, key: Path, bo: BackOfficeServer, start: int, count: int,
           kill: tuple[str, int] | None = None) -> subprocess.Popen[str]:
    tls = bo.tls_settings
    args = [sys.executable, str(CHILD), url, str(key), bo.url, tls.ca_file, tls.token_file,
            str(start), str(count)]
    if kill:
        args += [kill[0], str(kill[1])]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env, cwd=REPO)


def _committed(out: str) -> list[int]:
    return [int(line.split()[1]) for line in out.splitlines() if line.startswith("committed")]


def _count(url: str, key: Path) -> int:
    s = open_store(url, key_file=key)
    try:
        return len(s.list_submissions(limit=10_000))
    finally:
        s.close()


def test_sigkill_at_every_step_loses_and_duplicates_nothing(store_url, tmp_path):
    key = tmp_path / "store.key"
    promised: list[int] = []  # submissions the kiosk reported as committed
    with BackOfficeServer.tls(tmp_path) as bo:
        _count(store_url, key)  # create schema and key before the first child
        for step, occurrence, stored in KILL_POINTS:
            start = _count(store_url, key)
            proc = _spawn(store_url, key, bo, start, 4, (step, occurrence))
            out, _ = proc.communicate(timeout=120)
            assert proc.returncode == -signal.SIGKILL, (step, out)
            if stored is not None:
                assert _count(store_url, key) == start + stored, step
            promised += _committed(out)

        # and once from outside, at whatever point the child happens to be
        start = _count(store_url, key)
        proc = _spawn(store_url, key, bo, start, 50)
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        lines = 0
        while lines < 3 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.startswith("committed"):
                promised.append(int(line.split()[1]))
                lines += 1
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=60)
        promised += _committed(rest)
        assert proc.returncode == -signal.SIGKILL

        # restart: the same kiosk delivers what is left at once (the leases of the killed
        # processes are dead processes' on this host, not waited for)
        store = open_store(store_url, key_file=key)
        try:
            report = Deliverer(store, bo.url, tls=bo.tls_settings).run_once()
            assert report.failed == 0 and report.retrying == 0
            assert Deliverer(store, bo.url, tls=bo.tls_settings).run_once() == \
                DeliveryReport(0, 0, 0, 0)
            subs = store.list_submissions(limit=10_000)
            numbers = sorted(store.get(s.reference)["n"] for s in subs)
            with store.transaction() as s:
                key_of = dict(s.execute(select(SubmissionRow.reference,
                                               OutboxRow.idempotency_key)
                                        .join(OutboxRow)).all())
            assert store.verify_audit().ok
        finally:
            store.close()

    # nothing lost: every submission the kiosk reported is stored, once
    assert set(promised) <= set(numbers)
    assert len(numbers) == len(set(numbers))
    assert {s.status for s in subs} == {"delivered"}
    # nothing duplicated: one effect per submission, under its own key
    effects = bo.received.effects
    assert set(effects) == set(key_of.values())
    assert {doc["reference"]: k for k, doc in effects.items()} == key_of
    assert sorted(doc["form"]["n"] for doc in effects.values()) == numbers
    refs_by_key: dict[str, set[str]] = {}
    for k, ref in bo.received.requests:
        refs_by_key.setdefault(k, set()).add(ref)
    assert all(len(v) == 1 for v in refs_by_key.values())
    # the "sent" kill really caused a resend that the back office absorbed
    assert len(bo.received.requests) > len(effects)
