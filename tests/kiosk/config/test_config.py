"""kiosk/config: defaults, validation messages naming the bad key, set round-trips, docs."""

from __future__ import annotations

import json
import os
import stat
import tomllib
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import (
    Config,
    ConfigError,
    ReaderProfile,
    hash_pin,
    load_config,
    save_reader_profile,
    set_value,
    verify_pin,
)
from kiosk.config.docs import render_markdown
from kiosk.config.pins import PinError

REPO = Path(__file__).resolve().parents[3]


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "kiosk.toml"
    p.write_text(text, encoding="utf-8")
    return p


def _problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ConfigError) as info:
        load_config(_write(tmp_path, text))
    return [p.message for p in info.value.problems]


def test_missing_file_means_documented_defaults(tmp_path):
    cfg = load_config(tmp_path / "absent.toml")
    assert cfg == Config()
    assert (cfg.kiosk.language, cfg.kiosk.idle_timeout_s, cfg.kiosk.training_mode,
            cfg.kiosk.fullscreen) == ("vi", 60, False, True)
    assert (cfg.reader.extended_length, cfg.reader.apdu_timeout_s) == ("auto", 5.0)
    assert (cfg.store.retention_days_after_delivery, cfg.store.retention_days_undelivered) == (
        30, 90)


def test_values_are_read_and_typed(tmp_path):
    cfg = load_config(_write(tmp_path, """
[kiosk]
language = "en"
[reader]
apdu_timeout_s = 2
[reader.profiles."ACS ACR1252"]
extended_length = true
max_read = 1024
[store]
url = "postgresql+psycopg://kiosk@db/kiosk"
"""))
    assert cfg.kiosk.language == "en" and cfg.kiosk.idle_timeout_s == 60
    assert cfg.reader.apdu_timeout_s == 2.0 and isinstance(cfg.reader.apdu_timeout_s, float)
    assert cfg.reader.profiles == {"ACS ACR1252": ReaderProfile(extended_length=True,
                                                                max_read=1024)}
    assert cfg.reader.profile_for("ACS ACR1252 1S CL Reader PICC 0") == cfg.reader.profiles[
        "ACS ACR1252"]
    assert cfg.reader.profile_for("Virtual PCD 00 00") is None
    assert cfg.store.url == "postgresql+psycopg://kiosk@db/kiosk"


@pytest.mark.parametrize("text, message", [
    ('[reader]\napdu_timeout_s = "abc"',
     "reader.apdu_timeout_s must be a number between 0.1 and 60, got 'abc'"),
    ("[reader]\napdu_timeout_s = 0.05",
     "reader.apdu_timeout_s must be a number between 0.1 and 60, got 0.05"),
    ("[reader]\nread_deadline_s = 1",
     "reader.read_deadline_s must be a number between 2 and 60, got 1"),
    ('[reader]\nread_deadline_s = "8"',
     "reader.read_deadline_s must be a number between 2 and 60, got '8'"),
    ("[kiosk]\nidle_timeout_s = 2.5",
     "kiosk.idle_timeout_s must be a whole number between 10 and 3600, got 2.5"),
    ('[kiosk]\nfullscreen = "yes"', "kiosk.fullscreen must be true or false, got 'yes'"),
    ('[kiosk]\nlanguage = "fr"', "kiosk.language must be one of 'vi', 'en', got 'fr'"),
    ("[trust]\ndir = 5", "trust.dir must be a text in quotes, got 5"),
    ("[kiosk]\nidle_timeout = 30",
     "unknown key kiosk.idle_timeout (did you mean kiosk.idle_timeout_s?)"),
    ("[readr]\nretries = 1", "unknown section [readr] (did you mean [reader]?)"),
    ("[zzz]\nx = 1", "unknown section [zzz]"),
    ("kiosk = 3", "[kiosk] must be a table, got 3"),
    ('[reader.profiles."ACR 122"]\nmax_red = 5',
     'unknown key reader.profiles."ACR 122".max_red '
     '(did you mean reader.profiles."ACR 122".max_read?)'),
    ('[reader.profiles."ACR 122"]\nmax_read = 0',
     'reader.profiles."ACR 122".max_read must be a whole number between 1 and 65536, got 0'),
    ('[staff]\npin_hash = "1234"',
     "staff.pin_hash is not a PIN hash (never put a PIN in the file); shared PINs open "
     "nothing: clear it (`kiosk config set staff.pin_hash ''`) and give each person an "
     "account (`kiosk staff add`)"),
])
def test_each_bad_key_is_named_exactly(tmp_path, text, message):
    assert _problems(tmp_path, text) == [message]


def test_every_problem_is_reported_at_once(tmp_path):
    with pytest.raises(ConfigError) as info:
        load_config(_write(tmp_path, '[kiosk]\nlanguage = "fr"\n[camera]\nfps = 0\n'))
    assert [p.key for p in info.value.problems] == ["kiosk.language", "camera.fps"]
    assert str(info.value) == (
        f"{tmp_path / 'kiosk.toml'}: kiosk.language must be one of 'vi', 'en', got 'fr'; "
        "camera.fps must be a whole number between 1 and 240, got 0")


def test_invalid_toml_says_so_with_the_line(tmp_path):
    msgs = _problems(tmp_path, "[kiosk]\nlanguage = \n")
    assert msgs == ["not a valid TOML file: Invalid value (at line 2, column 12)"]


def test_path_comes_from_flag_then_env_then_user_dir(tmp_path, monkeypatch):
    a = _write(tmp_path, '[kiosk]\nlanguage = "en"\n')
    monkeypatch.setenv("KIOSK_CONFIG", str(a))
    assert load_config().kiosk.language == "en"
    assert load_config(tmp_path / "other.toml").kiosk.language == "vi"
    monkeypatch.delenv("KIOSK_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    set_value("kiosk.language", "en")
    assert (tmp_path / "xdg" / "chip-id-kiosk" / "kiosk.toml").is_file()


def test_set_round_trips_and_keeps_other_keys(tmp_path):
    p = _write(tmp_path, '[kiosk]\nlanguage = "en"\n[camera]\nindex = 2\n')
    set_value("reader.apdu_timeout_s", "2.5", p)
    set_value("kiosk.training_mode", "true", p)
    set_value("reader.profiles.ACS ACR1252 1S.max_read", "1024", p)
    set_value('reader.profiles."ACS ACR1252 1S".extended_length', "false", p)
    assert tomllib.loads(p.read_text()) == {
        "kiosk": {"language": "en", "training_mode": True}, "camera": {"index": 2},
        "reader": {"apdu_timeout_s": 2.5,
                   "profiles": {"ACS ACR1252 1S": {"max_read": 1024,
                                                   "extended_length": False}}}}
    cfg = load_config(p)
    assert cfg.reader.apdu_timeout_s == 2.5 and cfg.kiosk.training_mode is True
    assert [f.name for f in tmp_path.iterdir()] == ["kiosk.toml"]  # no temp file left


@pytest.mark.parametrize("key, value, message", [
    ("reader.apdu_timeout_s", "abc",
     "reader.apdu_timeout_s must be a number between 0.1 and 60, got 'abc'"),
    ("kiosk.fullscreen", "maybe", "kiosk.fullscreen must be true or false, got 'maybe'"),
    ("reader.apdu_timeout", "2",
     "unknown key reader.apdu_timeout (did you mean reader.apdu_timeout_s?)"),
    ("store.retention", "2",
     "unknown key store.retention (did you mean store.retention_days_undelivered?)"),
    ("reader.profiles", "2", "reader.profiles holds one table per reader model; set one "
                             "value with reader.profiles.MODEL.KEY"),
    ("reader.profiles.ACR.max_reed", "2",
     "unknown key reader.profiles.ACR.max_reed (did you mean reader.profiles.ACR.max_read?)"),
])
def test_set_refuses_bad_values_and_leaves_the_file_alone(tmp_path, key, value, message):
    p = _write(tmp_path, '[kiosk]\nlanguage = "en"\n')
    with pytest.raises(ConfigError) as info:
        set_value(key, value, p)
    assert str(info.value) == message
    assert p.read_text() == '[kiosk]\nlanguage = "en"\n'


def test_save_reader_profile_for_calibration(tmp_path):
    p = _write(tmp_path, '[reader]\nretries = 3\n')
    prof = ReaderProfile(extended_length=False, max_read=160, apdu_timeout_s=1.5, retries=1)
    save_reader_profile("Virtual PCD", prof, p)
    cfg = load_config(p)
    assert cfg.reader.retries == 3 and cfg.reader.profiles == {"Virtual PCD": prof}


def test_pins_are_stored_as_argon2id_hashes_only(tmp_path):
    h = hash_pin("482913", salt=bytes(16))
    assert h.startswith("$argon2id$v=19$m=131072,t=4,p=1$AAAAAAAAAAAAAAAAAAAAAA$")
    assert "482913" not in h
    assert verify_pin("482913", h) and not verify_pin("482914", h)
    assert not verify_pin("482913", "")  # no PIN set: locked
    with pytest.raises(PinError, match="a PIN must be 6 to 12 digits"):
        hash_pin("7391")
    p = tmp_path / "kiosk.toml"
    set_value("technician.pin_hash", h, p)
    assert verify_pin("482913", load_config(p).technician.pin_hash)


def test_scrypt_hashes_of_earlier_versions_still_verify_and_ask_for_a_rehash():
    import base64
    import hashlib

    from kiosk.config.pins import needs_rehash

    salt = bytes(16)
    digest = hashlib.scrypt(b"7391", salt=salt, n=2**14, r=8, p=1, dklen=32)
    old = (f"scrypt$16384$8$1${base64.b64encode(salt).decode()}$"
           f"{base64.b64encode(digest).decode()}")
    assert verify_pin("7391", old) and not verify_pin("7392", old)
    assert needs_rehash(old)
    assert not needs_rehash(hash_pin("482913"))


def test_cli_set_pin_needs_a_technician_and_show_masks_the_hash(tmp_path, monkeypatch, capsys):
    import io

    p = tmp_path / "kiosk.toml"
    monkeypatch.setattr("sys.stdin", io.StringIO("482913\n"))
    assert main(["config", "set", "staff.pin", "-", "--config", str(p)]) == 1
    assert capsys.readouterr().err == (
        "kiosk: error: staff.pin_hash is a security setting: only a technician account may "
        "change it; add --as TECH_ID (see `kiosk staff list`)\n")
    assert not p.exists()
    set_value("staff.pin_hash", hash_pin("482913"), p)
    assert main(["config", "show", "--json", "--config", str(p)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["kind"] == "config" and doc["path"] == str(p)
    assert doc["settings"]["staff"] == {"pin_hash": "<set>", "kdf_memory_mib": 128,
                                        "kdf_iterations": 4}
    assert doc["settings"]["technician"] == {"pin_hash": ""}
    assert doc["settings"]["reader"]["apdu_timeout_s"] == 5.0


def test_cli_show_defaults_and_errors(tmp_path, capsys):
    assert main(["config", "show", "--defaults"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# built-in defaults\n[kiosk]\nlanguage = \"vi\"\n")
    assert tomllib.loads(out)["backoffice"]["timeout_s"] == 10.0
    bad = _write(tmp_path, "[reader]\nretries = -1\n")
    assert main(["config", "show", "--config", str(bad)]) == 1
    assert "reader.retries must be a whole number between 0 and 10, got -1" in (
        capsys.readouterr().err)
    assert main(["config", "set", "reader.apdu_timeout_s", "abc", "--config", str(bad)]) == 1
    assert capsys.readouterr().err == ("kiosk: error: reader.apdu_timeout_s must be a number "
                                       "between 0.1 and 60, got 'abc'\n")


def test_config_file_written_by_set_keeps_its_mode(tmp_path):
    p = _write(tmp_path, "")
    os.chmod(p, 0o600)
    set_value("kiosk.language", "en", p)
    assert stat.S_IMODE(p.stat().st_mode) == 0o600


def test_docs_config_md_is_generated_from_the_dataclasses():
    doc = (REPO / "docs" / "config.md").read_text(encoding="utf-8")
    assert doc == render_markdown(), "run: .venv/bin/python -m kiosk.config.docs > docs/config.md"
    for key in ("kiosk.idle_timeout_s", "store.retention_days_undelivered",
                "backoffice.timeout_s", 'reader.profiles."MODEL".max_read'):
        assert f"`{key}`" in doc


def test_show_hides_a_password_in_a_url(tmp_path, capsys):
    p = tmp_path / "kiosk.toml"
    set_value("store.url", "postgresql+psycopg://kiosk:s3cret@db.local:5432/kiosk", p)
    assert main(["config", "show", "--json", "--config", str(p)]) == 0
    out = capsys.readouterr().out
    assert "s3cret" not in out
    assert json.loads(out)["settings"]["store"]["url"] == (
        "postgresql+psycopg://kiosk:<set>@db.local:5432/kiosk")
    assert stat.S_IMODE(p.stat().st_mode) == 0o600  # new settings files are private


@pytest.mark.parametrize("command", [["store", "verify-audit"], ["read", "--can", "123456"],
                                     ["config", "show"], ["diag", "health"],
                                     ["face", "threshold"], ["run"]])
def test_a_mistyped_config_path_is_refused_not_run_on_the_defaults(tmp_path, capsys, command):
    """`kiosk store verify-audit --config TYPO` said "audit log intact: 0 entries" (the
    defaults' empty store): a silent wrong answer for an auditor."""
    missing = tmp_path / "kiosk.tmol"
    with pytest.raises(SystemExit) as exc:
        main([*command, "--config", str(missing)])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("kiosk: error: ") and err.endswith(
        f"argument --config: {missing}: no settings file there; check the path (`kiosk config "
        f"set --config {missing} KEY VALUE` creates one)")


def test_config_set_creates_the_file_it_is_given(tmp_path, capsys):
    new = tmp_path / "new.toml"
    assert main(["config", "set", "--config", str(new), "kiosk.language", "en"]) == 0
    assert tomllib.loads(new.read_text())["kiosk"]["language"] == "en"


def test_calibrate_without_apply_refuses_a_missing_config(tmp_path, capsys):
    """With --apply calibration writes a new settings file; without it, a file named must be
    there (else the reads would run on the defaults, not the settings meant)."""
    missing = tmp_path / "kiosk.tmol"
    assert main(["diag", "calibrate", "--reader", "x", "--can", "123456", "--config",
                 str(missing)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"kiosk: error: --config {missing}: no settings file there; check the path (with "
        "--apply the profile is written to a new file)")


def test_kiosk_config_naming_no_file_is_refused_not_run_on_the_defaults(tmp_path, monkeypatch,
                                                                        capsys):
    """The systemd unit names the settings with $KIOSK_CONFIG: a typo there ran the kiosk
    and its commands on the defaults (another store, no back office), and `kiosk store
    verify-audit` called that empty store's log intact."""
    missing = tmp_path / "kiosk.tmol"
    monkeypatch.setenv("KIOSK_CONFIG", str(missing))
    with pytest.raises(ConfigError, match=r"\$KIOSK_CONFIG names this file but there is none"):
        load_config()
    assert main(["store", "verify-audit"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"kiosk: error: {missing}: $KIOSK_CONFIG names this file but there is none; "
                   "correct the variable, or create the file (`kiosk config set KEY VALUE` "
                   "writes it)")
    missing.touch()  # an empty file: every default
    assert load_config() == Config()
