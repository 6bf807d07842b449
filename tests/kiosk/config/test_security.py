"""kiosk/config urls.py, security.py, pinpolicy.py: back-office URLs, weakened settings, PINs
too easy to guess."""

from __future__ import annotations

import pytest

from kiosk.config import (
    BackofficeSettings,
    Config,
    ConfigError,
    FaceSettings,
    KioskSettings,
    load_config,
    set_value,
    weakened_settings,
)
from kiosk.config.pinpolicy import WeakPin, check_pin_policy
from kiosk.config.schema import StaffSettings, StoreSettings, TrustSettings, security_keys
from kiosk.config.security import unaudited
from kiosk.config.urls import anchor_url


@pytest.mark.parametrize("url, message", [
    ("file:///etc/passwd", "backoffice.url must be an https:// URL with a host (got scheme "
                           "'file'): give https://HOST[:PORT]/PATH"),
    ("ftp://bo.example/in", "backoffice.url must be an https:// URL with a host (got scheme "
                            "'ftp'): give https://HOST[:PORT]/PATH"),
    ("not a url", "backoffice.url must be an https:// URL with a host (got scheme 'none'): "
                  "give https://HOST[:PORT]/PATH"),
    ("https://", "backoffice.url must be an https:// URL with a host (got scheme 'https'): "
                 "give https://HOST[:PORT]/PATH"),
    ("https://bo.example:99999/x", "backoffice.url is not a URL: give "
                                   "https://HOST[:PORT]/PATH"),
    ("https://kiosk:pw@bo.example/x", "backoffice.url must not hold a user or password: use "
                                      "backoffice.token_file or a client certificate"),
    ("http://bo.example/in", "backoffice.url must use https:// outside training mode: "
                             "personal data would travel in clear"),
])
def test_config_refuses_back_office_urls_that_are_not_https(tmp_path, url, message):
    """The attack: backoffice.url accepted file:, ftp:, http: and "not a url"."""
    p = tmp_path / "kiosk.toml"
    with pytest.raises(ConfigError) as info:
        set_value("backoffice.url", url, p)
    assert str(info.value).endswith(message)
    assert not p.exists()
    p.write_text(f'[backoffice]\nurl = "{url}"\n')
    with pytest.raises(ConfigError) as info:
        load_config(p)
    assert [q.message for q in info.value.problems] == [message]


def test_http_only_in_training_mode_and_training_cannot_be_left_with_it(tmp_path):
    p = tmp_path / "kiosk.toml"
    set_value("kiosk.training_mode", "true", p)
    set_value("backoffice.url", "http://127.0.0.1:8080/mock", p)
    assert load_config(p).backoffice.url == "http://127.0.0.1:8080/mock"
    before = p.read_text()
    with pytest.raises(ConfigError, match="backoffice.url must use https:// outside training"):
        set_value("kiosk.training_mode", "false", p)
    assert p.read_text() == before  # refused, not half-written
    set_value("backoffice.url", "https://bo.example/in", p)
    set_value("kiosk.training_mode", "false", p)
    assert load_config(p).kiosk.training_mode is False


def test_anchor_url_defaults_beside_the_submission_url():
    assert anchor_url("https://bo.example/api/submissions") == (
        "https://bo.example/api/audit-anchors")
    assert anchor_url("https://bo.example/api/submissions", "https://x/a") == "https://x/a"
    assert anchor_url("") == ""


@pytest.mark.parametrize("pin, why", [
    ("7391", "a PIN must be 6 to 12 digits"),
    ("48291a", "a PIN must be 6 to 12 digits"),
    ("1234567890123", "a PIN must be 6 to 12 digits"),
    ("000000", "a PIN of one repeated digit"),
    ("123456", "a run of consecutive digits"),
    ("987654", "a run of consecutive digits"),
    ("890123", "a run of consecutive digits"),
    ("121212", "a PIN that repeats a short pattern"),
    ("123123", "a PIN that repeats a short pattern"),
    ("112112112", "a PIN that repeats a short pattern"),
    ("110011", "a PIN needs at least three different digits"),
    ("147258", "this PIN is on the list of the most common PINs"),
    ("852741", "this PIN is on the list of the most common PINs"),
    ("520520", "a PIN that repeats a short pattern"),
    ("123321", "this PIN is on the list of the most common PINs"),
    ("482284", "a mirrored PIN"),
])
def test_weak_pins_are_refused(pin, why):
    with pytest.raises(WeakPin) as info:
        check_pin_policy(pin)
    assert str(info.value).startswith(why)  # fixed texts: the PIN is never echoed


def test_a_pin_may_not_contain_the_staff_id_digits():
    check_pin_policy("482913")
    check_pin_policy("482913", staff_id="nv01")
    with pytest.raises(WeakPin, match="must not contain the digits of the staff ID"):
        check_pin_policy("482913", staff_id="nv8291")


def test_defaults_are_weakened_only_where_the_default_is_not_the_strictest():
    assert [(w.key, w.severity) for w in weakened_settings(Config())] == [
        ("trust.require_crl", "note"), ("backoffice.url", "note")]


def test_every_weakened_setting_is_listed():
    cfg = Config(
        kiosk=KioskSettings(training_mode=True),
        face=FaceSettings(liveness=False, target_fmr=0.01, threshold=0.6),
        trust=TrustSettings(require_genuine=False, require_crl=True),
        store=StoreSettings(retention_days_after_delivery=60, retention_days_undelivered=120,
                            audit_pseudonym_days=400),
        backoffice=BackofficeSettings(url="https://bo.example/in", anchor_interval_s=3600),
        staff=StaffSettings(pin_hash="$argon2id$v=19$m=131072,t=4,p=1$AAAA$AAAA",
                            kdf_iterations=3))
    got = {w.key: (w.severity, w.value) for w in weakened_settings(cfg)}
    assert got == {
        "kiosk.training_mode": ("warn", True), "face.liveness": ("warn", False),
        "face.target_fmr": ("warn", 0.01), "face.threshold": ("note", 0.6),
        "trust.require_genuine": ("warn", False),
        "backoffice.url": ("warn", "https://bo.example/in"),
        "backoffice.anchor_interval_s": ("warn", 3600),
        "store.retention_days_after_delivery": ("warn", 60),
        "store.retention_days_undelivered": ("warn", 120),
        "store.audit_pseudonym_days": ("warn", 400),
        "staff.pin_hash": ("warn", got["staff.pin_hash"][1]),
        "staff.kdf_iterations": ("warn", 3)}
    assert got["staff.pin_hash"][1].startswith("set:") and "argon2" not in str(got)
    [bo] = [w for w in weakened_settings(cfg) if w.key == "backoffice.url"]
    assert bo.message.startswith("no client certificate or token: the back office cannot")


def test_security_settings_edited_by_hand_are_flagged():
    cfg = Config(face=FaceSettings(liveness=False),
                 backoffice=BackofficeSettings(url="https://bo.example/in", token_file="/t"))
    flagged = unaudited(cfg, {"backoffice.url": "https://bo.example/in"})
    assert [(w.key, w.value) for w in flagged] == [("face.liveness", False),
                                                   ("backoffice.token_file", "/t")]
    assert flagged[0].message == (
        "face.liveness was changed outside `kiosk config set` (audited value: True); confirm "
        "it with `kiosk config confirm --as TECHNICIAN` or set it again")
    assert unaudited(cfg, {"face.liveness": False, "backoffice.url": "https://bo.example/in",
                           "backoffice.token_file": "/t"}) == []
    assert {w.key for w in weakened_settings(cfg, audited={})} >= {"face.liveness",
                                                                   "backoffice.token_file"}


def test_the_security_settings_are_the_ones_the_issue_names():
    assert set(security_keys()) == {
        "kiosk.training_mode", "kiosk.id", "face.liveness", "face.target_fmr", "face.threshold",
        "trust.dir", "trust.require_genuine", "trust.require_crl",
        "store.retention_days_after_delivery", "store.retention_days_undelivered",
        "store.audit_pseudonym_days", "backoffice.url", "backoffice.anchor_url",
        "backoffice.anchor_interval_s", "backoffice.ca_file", "backoffice.client_cert_file", "backoffice.client_key_file",
        "backoffice.token_file", "staff.pin_hash", "technician.pin_hash",
        "staff.kdf_memory_mib", "staff.kdf_iterations"}


def test_kiosk_id_is_checked(tmp_path):
    p = tmp_path / "kiosk.toml"
    with pytest.raises(ConfigError, match="kiosk.id must be 1 to 40 lower-case letters"):
        set_value("kiosk.id", "Quầy 1", p)
    set_value("kiosk.id", "hn-bd-01", p)
    assert load_config(p).kiosk.id == "hn-bd-01"
