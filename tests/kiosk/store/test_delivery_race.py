"""Two `kiosk store deliver` processes at once against a slow back office (2 s an answer):
each submission is POSTed once (SQLite and PostgreSQL). The attack on main: 8 POSTs for 4
submissions, because both processes owned every lease under the same host name."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from kiosk.config import set_value
from kiosk.store import open_store
from kiosk.store.testserver import Answer, BackOfficeServer

REPO = Path(__file__).resolve().parents[3]
CHILD = Path(__file__).with_name("race_child.py")


def test_two_deliverers_with_a_slow_back_office_send_each_submission_once(store_url,
                                                                          tmp_path):
    cfg = tmp_path / "kiosk.toml"
    key = tmp_path / "store.key"
    set_value("store.url", store_url, cfg)
    set_value("store.key_file", str(key), cfg)
    store = open_store(store_url, key_file=key)
    refs = [store.submit("svc", {"n": i}, actor="staff:nv01").reference for i in range(4)]
    store.close()
    with BackOfficeServer.tls(tmp_path / "bo", lambda n: Answer(delay_s=2.0)) as bo:
        set_value("backoffice.url", bo.url, cfg)
        set_value("backoffice.ca_file", bo.tls_settings.ca_file, cfg)
        set_value("backoffice.token_file", bo.tls_settings.token_file, cfg)
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        meet = tmp_path / "rendezvous"
        meet.mkdir()
        # both read the outbox at the same moment (race_child.py): without the row lock or
        # the immediate transaction, both would claim the same rows
        procs = [subprocess.Popen([sys.executable, str(CHILD), str(meet), "store", "deliver",
                                   "--json", "--config", str(cfg)], cwd=REPO, env=env,
                                  stdout=subprocess.PIPE, text=True) for _ in range(2)]
        outs = [p.communicate(timeout=120)[0] for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outs
    assert len(list(meet.glob("arrived-*"))) == 2  # both reached the claim
    docs = [json.loads(o) for o in outs]
    assert sum(d["delivered"] for d in docs) == 4
    assert all(d["attempted"] == d["delivered"] for d in docs)  # nobody took a leased row
    per_reference = Counter(ref for _, ref in bo.received.requests)
    assert per_reference == {ref: 1 for ref in refs}
    assert len(bo.received.effects) == 4
    store = open_store(store_url, key_file=key)
    try:
        assert {s.status for s in store.list_submissions()} == {"delivered"}
        assert store.verify_audit().ok
    finally:
        store.close()
