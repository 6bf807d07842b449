"""`kiosk staff ...` and `kiosk config set/confirm --as`: named accounts from the command line,
security settings only through a technician, each change audited with old and new value."""

from __future__ import annotations

import io
import json
import tomllib

import pytest

from kiosk.accounts.settings import audited_values, change_setting
from kiosk.cli import main
from kiosk.config import load_config, set_value, weakened_settings
from kiosk.config.schema import security_keys
from kiosk.store import StoreUnavailable, open_store_from_config


@pytest.fixture
def cfg(tmp_path):
    path = tmp_path / "kiosk.toml"
    set_value("store.url", f"sqlite:///{tmp_path / 'db.sqlite3'}", path)
    set_value("store.key_file", str(tmp_path / "store.key"), path)
    doc = path.read_text() + "[staff]\nkdf_memory_mib = 64\nkdf_iterations = 3\n"
    path.write_text(doc)  # the cheapest cost allowed, to keep the test fast
    return path


def _run(monkeypatch, stdin: str, *argv: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(list(argv))


def _store(cfg):
    return open_store_from_config(load_config(cfg))


def test_staff_add_list_disable(cfg, monkeypatch, capsys):
    c = ("--config", str(cfg))
    assert _run(monkeypatch, "739164\n", "staff", "add", "nv01", *c) == 1
    assert "only a technician can add accounts: use --as TECHNICIAN_ID" in \
        capsys.readouterr().err
    assert _run(monkeypatch, "482913\n", "staff", "add", "kt01", "--role", "technician",
                *c) == 0
    assert capsys.readouterr().out == "technician account kt01 added by system:bootstrap\n"
    assert _run(monkeypatch, "482913\n123456\n", "staff", "add", "nv01", "--as", "kt01",
                *c) == 1
    assert "a run of consecutive digits" in capsys.readouterr().err
    assert _run(monkeypatch, "000000\n739164\n", "staff", "add", "nv01", "--as", "kt01",
                *c) == 1
    assert capsys.readouterr().err == "kiosk: error: wrong staff ID or PIN\n"
    assert _run(monkeypatch, "482913\n739164\n", "staff", "add", "nv01", "--as", "kt01",
                "--json", *c) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["kind"], doc["staff_id"], doc["role"], doc["created_by"]) == (
        "staff.account", "nv01", "staff", "technician:kt01")
    assert _run(monkeypatch, "482913\n", "staff", "disable", "nv01", "--as", "kt01", *c) == 0
    assert _run(monkeypatch, "", "staff", "list", "--json", *c) == 0
    capsys.readouterr()
    assert _run(monkeypatch, "", "staff", "list", "--json", *c) == 0
    accounts = json.loads(capsys.readouterr().out)["accounts"]
    assert [(a["staff_id"], a["role"], a["enabled"]) for a in accounts] == [
        ("kt01", "technician", True), ("nv01", "staff", False)]
    assert all("pin_hash" not in a for a in accounts)


def test_security_settings_change_only_through_a_technician_and_are_audited(cfg, monkeypatch,
                                                                            capsys):
    c = ("--config", str(cfg))
    assert _run(monkeypatch, "482913\n", "staff", "add", "kt01", "--role", "technician",
                *c) == 0
    assert _run(monkeypatch, "", "config", "set", "kiosk.training_mode", "true", *c) == 1
    assert "kiosk.training_mode is a security setting: only a technician account may " \
           "change it; add --as TECH_ID" in capsys.readouterr().err
    assert _run(monkeypatch, "999999\n", "config", "set", "face.liveness", "false", "--as",
                "kt01", *c) == 1
    assert load_config(cfg).face.liveness is True
    capsys.readouterr()
    assert _run(monkeypatch, "482913\n", "config", "set", "face.liveness", "false", "--as",
                "kt01", *c) == 0
    assert capsys.readouterr().out.endswith("by technician:kt01 (audited: True -> False)\n")
    assert _run(monkeypatch, "", "config", "set", "reader.apdu_timeout_s", "2.5", *c) == 0
    assert _run(monkeypatch, "482913\n", "config", "set", "backoffice.url", "file:///tmp/x",
                "--as", "kt01", *c) == 1
    assert "backoffice.url must be an https:// URL" in capsys.readouterr().err
    store = _store(cfg)
    try:
        changed = [(e.actor, e.details) for e in store.audit_entries(event="config.changed")]
        assert changed == [("technician:kt01",
                            {"key": "face.liveness", "old": True, "new": False})]
        config = load_config(cfg)
        assert audited_values(store) == {"face.liveness": False}
        assert [w.key for w in weakened_settings(config, audited=audited_values(store))
                if "outside" in w.message] == ["staff.kdf_memory_mib", "staff.kdf_iterations"]
        # (the fixture wrote the cheap PIN hashing by hand: that shows too, as it should)
    finally:
        store.close()


@pytest.mark.parametrize("key", [k for k in security_keys() if not k.endswith("pin_hash")])
def test_no_security_setting_changes_without_a_technician(cfg, monkeypatch, capsys, key):
    """Every security setting (training, liveness, face match, PA policy, trust store, back
    office and its credentials, retention, PIN hashing): refused without --as, file untouched."""
    before = cfg.read_text()
    assert _run(monkeypatch, "", "config", "set", key, "1", "--config", str(cfg)) == 1
    assert f"{key} is a security setting: only a technician account may change it" in \
        capsys.readouterr().err
    assert cfg.read_text() == before


def test_a_staff_account_cannot_change_a_security_setting(cfg, monkeypatch, capsys):
    c = ("--config", str(cfg))
    assert _run(monkeypatch, "482913\n", "staff", "add", "kt01", "--role", "technician",
                *c) == 0
    assert _run(monkeypatch, "482913\n739164\n", "staff", "add", "nv01", "--as", "kt01",
                *c) == 0
    capsys.readouterr()
    before = cfg.read_text()
    assert _run(monkeypatch, "739164\n", "config", "set", "trust.require_genuine", "false",
                "--as", "nv01", *c) == 1
    assert capsys.readouterr().err == "kiosk: error: this account cannot open the " \
                                      "technician area\n"
    assert cfg.read_text() == before
    store = _store(cfg)
    try:
        assert store.audit_entries(event="config.changed") == []
    finally:
        store.close()


def test_a_hand_edit_shows_until_a_technician_confirms_it(cfg, monkeypatch, capsys):
    c = ("--config", str(cfg))
    assert _run(monkeypatch, "482913\n", "staff", "add", "kt01", "--role", "technician",
                *c) == 0
    capsys.readouterr()
    cfg.write_text(cfg.read_text() + "[trust]\nrequire_genuine = false\n")
    store = _store(cfg)
    try:
        flagged = [w.key for w in weakened_settings(load_config(cfg),
                                                    audited=audited_values(store))
                   if "outside `kiosk config set`" in w.message]
        assert flagged == ["trust.require_genuine", "staff.kdf_memory_mib",
                           "staff.kdf_iterations"]
    finally:
        store.close()
    assert _run(monkeypatch, "482913\n", "config", "confirm", "--as", "kt01", "--json",
                *c) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {"key": "trust.require_genuine", "old": True, "new": False} in doc["confirmed"]
    store = _store(cfg)
    try:
        assert [w for w in weakened_settings(load_config(cfg), audited=audited_values(store))
                if "outside" in w.message] == []
        assert store.verify_audit().ok
    finally:
        store.close()


def test_a_change_that_cannot_be_audited_is_not_made(cfg, monkeypatch):
    assert _run(monkeypatch, "482913\n", "staff", "add", "kt01", "--role", "technician",
                "--config", str(cfg)) == 0
    store = _store(cfg)
    from kiosk.accounts import Accounts

    by = Accounts.from_config(store, load_config(cfg)).login("kt01", "482913")
    before = tomllib.loads(cfg.read_text())

    def down(*a, **k):
        raise StoreUnavailable("the sqlite database is not reachable")

    monkeypatch.setattr(store, "_append", down)
    with pytest.raises(StoreUnavailable):
        change_setting("kiosk.training_mode", "true", store=store, by=by, path=cfg)
    assert tomllib.loads(cfg.read_text()) == before
    store.close()


def test_staff_kdf_measures_the_configured_cost(cfg, monkeypatch, capsys):
    rc = _run(monkeypatch, "", "staff", "kdf", "--rounds", "1", "--json", "--config", str(cfg))
    doc = json.loads(capsys.readouterr().out)
    assert (doc["algorithm"], doc["memory_kib"], doc["iterations"], doc["lanes"],
            doc["target_ms"]) == ("argon2id", 65536, 3, 1, 250.0)
    assert doc["median_ms"] > 0 and rc == (0 if doc["ok"] else 1)


def test_an_upgraded_kiosk_with_an_http_back_office_is_fixed_from_the_command_line(
        cfg, monkeypatch, capsys):
    """Earlier versions accepted http://: such a file no longer loads, and says why; a
    technician can still bootstrap an account and set an https URL, audited."""
    from kiosk.config import ConfigError

    cfg.write_text(cfg.read_text() + '[backoffice]\nurl = "http://bo.local/in"\n')
    with pytest.raises(ConfigError, match="backoffice.url must use https:// outside training"):
        load_config(cfg)
    c = ("--config", str(cfg))
    assert _run(monkeypatch, "482913\n", "staff", "add", "kt01", "--role", "technician",
                *c) == 0
    assert _run(monkeypatch, "482913\n", "config", "set", "backoffice.url",
                "https://bo.local/in", "--as", "kt01", *c) == 0
    assert load_config(cfg).backoffice.url == "https://bo.local/in"
    store = _store(cfg)
    try:
        [entry] = store.audit_entries(event="config.changed")
        assert entry.details == {"key": "backoffice.url", "old": "http://bo.local/in",
                                 "new": "https://bo.local/in"}
    finally:
        store.close()
