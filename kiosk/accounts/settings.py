"""Settings with consequences: security-relevant settings change only through a technician
account, and each change is audited with its old and new value.

`change_setting` writes the settings file (atomically, validated) and, in the same step,
writes a "config.changed" audit entry and the new audited value of the key (settings_audit).
A file edited by hand is not blocked (the file is the operator's), but the difference from
the audited value shows in `kiosk diag health` (kiosk.config.weakened_settings with
`audited=audited_values(store)`) until a technician confirms it (`confirm_settings`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.accounts.accounts import AccountError, Accounts, StaffLogin
from kiosk.config import Config
from kiosk.config.files import config_path, read_document, set_value, split_key, write_document
from kiosk.config.schema import security_keys
from kiosk.config.security import default_of, shown, value_of
from kiosk.config.validate import build_config, dotted
from kiosk.store import AuditDetailsError, Store
from kiosk.store.models import SettingRow


@dataclass(frozen=True)
class SettingChange:
    key: str
    old: Any
    new: Any
    path: Path | None


def is_security_key(key: str) -> bool:
    return dotted(*split_key(key)) in security_keys()


def audited_values(store: Store) -> dict[str, Any]:
    """The last value a technician set or confirmed, per security key, for this kiosk."""
    with store.transaction() as s:
        rows = s.scalars(select(SettingRow).where(SettingRow.kiosk_id == store.kiosk_id))
        return {r.key: json.loads(r.value_json) for r in rows}


def _record(store: Store, s: Session, key: str, old: Any, new: Any, actor: str,
            event: str) -> None:
    now = store.now()
    details: dict[str, Any] = {"key": key, "old": _plain(old), "new": _plain(new)}
    try:
        store._append(s, now, event, actor, None, None, details)
    except AuditDetailsError:  # a value with a long digit run: into the sealed note
        store._append(s, now, event, actor, None, None,
                      {"key": key, "old": "<in the note>", "new": "<in the note>"},
                      note=json.dumps({"old": _plain(old), "new": _plain(new)},
                                      ensure_ascii=False))
    row = s.get(SettingRow, (store.kiosk_id, key))
    if row is None:
        s.add(SettingRow(kiosk_id=store.kiosk_id, key=key, value_json=json.dumps(new),
                         changed_at=now, actor=actor))
    else:
        row.value_json, row.changed_at, row.actor = json.dumps(new), now, actor


def _plain(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


def change_setting(key: str, value: Any, *, store: Store, by: StaffLogin | None,
                   path: str | Path | None = None) -> SettingChange:
    """Set one key. A security key needs `by`, an enabled technician (AccountError
    otherwise); the change is audited with old and new value, or not made at all."""
    full = dotted(*split_key(key))
    security = full in security_keys()
    if security:
        if by is None:
            raise AccountError(f"{full} is a security setting: only a technician account may "
                               "change it (--as TECHNICIAN_ID)")
        Accounts(store).require_technician(by)
    p = config_path(path)
    before_doc = read_document(p)
    before, _ = build_config(before_doc)
    parts = split_key(key)
    raw = before_doc.get(parts[0], {}) if len(parts) == 2 else {}
    if not isinstance(raw, dict):
        raw = {}
    old = None if parts[:2] == ["reader", "profiles"] else shown(
        full, raw[parts[1]] if parts[1] in raw else value_of(before, full))  # even if invalid
    existed = p.exists()
    set_value(key, value, p)  # ConfigError: nothing written
    after, _ = build_config(read_document(p))
    new = shown(full, value_of(after, full)) if old is not None or security else None
    if security or by is not None:
        try:
            with store.transaction() as s:
                _record(store, s, full, old, new, by.actor if by else "system:config",
                        "config.changed")
        except BaseException:
            if existed:
                write_document(p, before_doc)  # no unaudited change left behind
            else:
                p.unlink(missing_ok=True)
            raise
    return SettingChange(full, old, new, p)


def confirm_settings(config: Config, *, store: Store, by: StaffLogin) -> list[SettingChange]:
    """A technician vouches for the security settings as they are now (after a hand edit,
    or the first time after an upgrade): each one that differs from its audited value is
    audited ("config.confirmed") and becomes the audited value."""
    Accounts(store).require_technician(by)
    audited = audited_values(store)
    changes = []
    with store.transaction() as s:
        for key in security_keys():
            now_value = shown(key, value_of(config, key))
            was = audited.get(key, shown(key, default_of(key)))
            if key in audited and was == now_value:
                continue
            _record(store, s, key, was, now_value, by.actor, "config.confirmed")
            changes.append(SettingChange(key, was, now_value, None))
    return changes
