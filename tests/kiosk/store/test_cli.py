"""The `kiosk store ...` and `kiosk bench store` commands, run in-process on SQLite."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from kiosk.cli import main
from kiosk.config import set_value
from kiosk.store import open_store
from kiosk.store.bench import measure_outbox
from kiosk.store.models import AuditRow, SubmissionRow
from kiosk.store.testserver import BackOfficeServer


@pytest.fixture
def cfg(tmp_path):
    path = tmp_path / "kiosk.toml"
    set_value("store.url", f"sqlite:///{tmp_path / 'db.sqlite3'}", path)
    set_value("store.key_file", str(tmp_path / "store.key"), path)
    set_value("store.retention_days_after_delivery", "10", path)
    return path


def _use(cfg, bo: BackOfficeServer) -> None:
    set_value("backoffice.url", bo.url, cfg)
    set_value("backoffice.ca_file", bo.tls_settings.ca_file, cfg)
    set_value("backoffice.token_file", bo.tls_settings.token_file, cfg)


def _open(cfg):
    from kiosk.config import load_config

    c = load_config(cfg)
    return open_store(c.store.url, key_file=c.store.key_file)


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def test_deliver_once_then_purge_with_the_configured_retention(cfg, capsys, tmp_path):
    store = _open(cfg)
    old = store.submit("svc", {"ho_ten": "Phạm Văn C"}, actor="staff:1")
    new = store.submit("svc", {"ho_ten": "Phạm Văn D"}, actor="staff:1")
    with BackOfficeServer.tls(tmp_path) as bo:
        _use(cfg, bo)
        assert main(["store", "deliver", "--json", "--config", str(cfg)]) == 0
        doc = _json(capsys)
    assert (doc["kind"], doc["attempted"], doc["delivered"], doc["backlog"]) == (
        "store.deliver", 2, 2, 0)
    with store.transaction() as s:  # pretend `old` was delivered 11 days ago
        s.execute(update(SubmissionRow).where(SubmissionRow.id == old.id).values(
            delivered_at=datetime.now(UTC) - timedelta(days=11)))
    assert main(["store", "purge", "--dry-run", "--json", "--config", str(cfg)]) == 0
    doc = _json(capsys)
    assert (doc["dry_run"], doc["delivered_ids"], doc["undelivered_ids"], doc["purged"]) == (
        True, [old.id], [], 1)
    assert main(["store", "purge", "--config", str(cfg)]) == 0
    assert capsys.readouterr().out.startswith("purged 1 delivered submission(s)")
    assert [s.status for s in store.list_submissions()] == ["delivered", "purged"]
    assert store.get(new.reference) == {"ho_ten": "Phạm Văn D"}
    store.close()


def test_deliver_exit_code_says_when_the_back_office_is_down(cfg, capsys, tmp_path):
    store = _open(cfg)
    store.submit("svc", {}, actor="staff:1")
    store.close()
    token = tmp_path / "token"
    token.write_text("t0k3n\n")
    token.chmod(0o600)
    set_value("backoffice.url", "https://127.0.0.1:9/none", cfg)
    set_value("backoffice.token_file", str(token), cfg)
    set_value("backoffice.timeout_s", "2", cfg)
    assert main(["store", "deliver", "--config", str(cfg)]) == 3
    assert capsys.readouterr().out == ("delivered 0 of 1; 1 will be retried, 0 rejected; "
                                       "backlog 1, failed in total 0\n")


def test_verify_audit_exits_non_zero_and_names_the_entry(cfg, capsys):
    store = _open(cfg)
    for _ in range(3):
        store.audit("login", actor="staff:nv01")
    assert main(["store", "verify-audit", "--config", str(cfg)]) == 0
    assert capsys.readouterr().out.startswith("audit log intact: 3 entries, head ")
    with store.transaction() as s:
        s.execute(update(AuditRow).where(AuditRow.seq == 2).values(actor="staff:nv02"))
    store.close()
    assert main(["store", "verify-audit", "--json", "--config", str(cfg)]) == 1
    doc = _json(capsys)
    assert (doc["kind"], doc["ok"], doc["entries"], doc["first_broken"], doc["reason"]) == (
        "store.verify_audit", False, 2, 2, "entry 2 was altered after it was written")


def test_bad_store_url_is_an_actionable_error(tmp_path, capsys):
    path = tmp_path / "kiosk.toml"
    set_value("store.url", "mysql://x@y/z", path)
    assert main(["store", "verify-audit", "--config", str(path)]) == 2
    assert "unsupported store URL scheme 'mysql': use sqlite:///FILE or " in (
        capsys.readouterr().err)


def test_measure_outbox_counts_one_effect_per_submission():
    result = measure_outbox(5)
    assert {k: result[k] for k in ("n", "backend", "tls", "delivered", "requests", "effects",
                                   "audit_verified")} == {
        "n": 5, "backend": "sqlite", "tls": True, "delivered": 5, "requests": 5, "effects": 5,
        "audit_verified": True}
    assert result["submits_per_s"] > 0 and result["deliveries_per_s"] > 0


def test_deliver_forever_runs_until_sigterm(cfg, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    store = _open(cfg)
    store.submit("svc", {}, actor="staff:1")
    store.close()
    repo = Path(__file__).resolve().parents[3]
    with BackOfficeServer.tls(tmp_path) as bo:
        _use(cfg, bo)
        proc = subprocess.Popen([sys.executable, "-m", "kiosk", "store", "deliver", "--forever",
                                 "--idle", "0.05", "--config", str(cfg)], cwd=repo,
                                env={**os.environ, "PYTHONPATH": str(repo)})
        try:
            deadline = time.monotonic() + 60
            while not bo.received.effects:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.02)
        finally:
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=60) == 0
    assert len(bo.received.requests) == 1


def _technician(cfg) -> None:
    from kiosk.accounts import Accounts
    from kiosk.config import KdfParams

    store = _open(cfg)
    Accounts(store, kdf=KdfParams(1024, 1)).add("kt01", "technician", "482913", by=None)
    store.close()


def test_verify_audit_says_what_it_cannot_prove(cfg, capsys):
    store = _open(cfg)
    store.submit("svc", {"ho_ten": "Phạm Văn C"}, actor="staff:nv01")
    store.close()
    assert main(["store", "verify-audit", "--config", str(cfg)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("audit log intact: 1 entries, head ")
    assert lines[1] == ("kiosk local; 1 anchor(s) checked; newest anchor outside this kiosk: "
                        "none")  # the head file
    assert lines[2] == ("cannot prove: no anchor outside this kiosk yet: someone holding this "
                        "kiosk's key file could rewrite or drop entries 1 to 1 undetected")


def test_anchor_records_and_sends_the_head(cfg, capsys, tmp_path):
    assert main(["store", "anchor", "--config", str(cfg)]) == 0
    assert capsys.readouterr().out == "the audit log is empty: nothing to anchor\n"
    store = _open(cfg)
    store.audit("login.ok", actor="staff:nv01")
    head = store.audit_head()
    store.close()
    with BackOfficeServer.tls(tmp_path) as bo:
        _use(cfg, bo)
        assert main(["store", "anchor", "--send", "--json", "--config", str(cfg)]) == 0
        doc = _json(capsys)
    assert (doc["kind"], doc["seq"], doc["entry_hash"], doc["acknowledged"]) == (
        "store.anchor", 1, head.entry_hash, True)
    assert [(a["type"], a["seq"], a["entry_hash"]) for a in bo.received.anchors] == [
        ("audit.anchor", 1, head.entry_hash)]


def test_rotate_key_from_the_command_line(cfg, monkeypatch, capsys):
    import io

    _technician(cfg)
    store = _open(cfg)
    sub = store.submit("svc", {"ho_ten": "Phạm Văn C"}, actor="staff:nv01")
    old = store.keys.key_id
    store.close()
    monkeypatch.setattr("sys.stdin", io.StringIO("482913\n"))
    assert main(["store", "rotate-key", "--as", "kt01", "--batch", "1", "--json",
                 "--config", str(cfg)]) == 0
    doc = _json(capsys)
    assert (doc["kind"], doc["retired"], doc["resumed"], doc["rows"], doc["finished"]) == (
        "store.rotate_key", [old], False, 1, True)
    store = _open(cfg)
    try:
        assert store.keys.key_id == doc["new_key_id"] != old
        assert store.get(sub.reference) == {"ho_ten": "Phạm Văn C"}
    finally:
        store.close()


def test_pg_setup_needs_a_postgresql_store(cfg, capsys):
    assert main(["store", "pg-setup", "--config", str(cfg)]) == 2
    assert capsys.readouterr().err == ("kiosk: error: [store] url is not a PostgreSQL store: "
                                       "roles exist only there\n")
