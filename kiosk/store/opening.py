"""Opening a store: the database (migrated), which kiosk this is, its keys, legacy rows.

Which kiosk: on SQLite `kiosk_id` (default "local"); on PostgreSQL the kiosk *is* its database
role (`current_user`), which row-level security enforces: a kiosk role asking for another id
is refused here, before it writes anything. Only the owner / a superuser (administration,
tests) may act for a named kiosk.

Keys: the key file must hold every key this kiosk's rows name. It is created on first use only
while none of this kiosk's rows is encrypted: a wrong or lost key path stops the kiosk instead
of silently starting a second key.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, text, update
from sqlalchemy.exc import OperationalError

from kiosk.config.files import user_data_dir
from kiosk.store import audit as audit_log
from kiosk.store.engine import default_sqlite_url, make_engine, rowcount
from kiosk.store.errors import KeyFileError, KioskIdentityError, StoreUnavailable
from kiosk.store.keys import load_or_create_key
from kiosk.store.migrate import upgrade
from kiosk.store.models import (
    AuditPrivateRow,
    AuditRow,
    DocumentRow,
    OutboxRow,
    SubmissionRow,
)
from kiosk.store.store import StepHook, Store
from kiosk.store.timeutil import Clock, utc_now

KIOSK_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,39}$")
LEGACY = ""


def open_store(url: str | None = None, *, key_file: str | Path | None = None,
               clock: Clock = utc_now, on_step: StepHook | None = None,
               kiosk_id: str | None = None, training: bool = False) -> Store:
    """Open (creating and migrating as needed) the store of one kiosk.

    `url` None: SQLite in the per-user data folder; `key_file` None: store.key beside it.
    `kiosk_id` None: "local" on SQLite, the database role on PostgreSQL. `training`: new
    submissions are training ones (never delivered).
    """
    data = user_data_dir()
    url = url or default_sqlite_url(data)
    key_path = Path(key_file) if key_file else data / "store.key"
    engine = make_engine(url)
    try:
        upgrade(engine)
        kiosk, central, privileged = _identity(engine, kiosk_id)
        in_use = _key_ids_in_use(engine, kiosk)
    except OperationalError as exc:
        engine.dispose()
        raise StoreUnavailable(
            f"cannot open the store database ({type(exc.orig).__name__}); check [store] url "
            "and that the database server is running") from None
    except KioskIdentityError:
        engine.dispose()
        raise
    if in_use and not key_path.exists():
        engine.dispose()
        raise KeyFileError(f"the key file {key_path} is missing but the database holds "
                           "encrypted forms; restore the key file from its backup or fix "
                           "[store] key_file")
    keys = load_or_create_key(key_path)
    if in_use - set(keys.key_ids):
        engine.dispose()
        raise KeyFileError(f"the key file {key_path} is not the key this database was written "
                           f"with for kiosk {kiosk!r}; fix [store] key_file (on a central "
                           "store each kiosk has its own key file and its own [kiosk] id)")
    store = Store(engine, keys, clock=clock, on_step=on_step, kiosk_id=kiosk,
                  key_file=key_path, training=training, central=central)
    if privileged:
        adopt_legacy(store)
    return store


def open_store_from_config(config: Any, **kwargs: Any) -> Store:
    """open_store with the [store] and [kiosk] settings of a kiosk.config.Config."""
    kwargs.setdefault("kiosk_id", getattr(config.kiosk, "id", "") or None)
    kwargs.setdefault("training", bool(config.kiosk.training_mode))
    return open_store(config.store.url or None, key_file=config.store.key_file or None,
                      **kwargs)


def _identity(engine: Engine, requested: str | None) -> tuple[str, bool, bool]:
    """(kiosk id, central store?, may the connection see every kiosk's rows?)"""
    if engine.dialect.name != "postgresql":
        kiosk = requested or "local"
        _check(kiosk)
        with engine.connect() as conn:  # a SQLite store is one kiosk's: refuse another id
            other = conn.execute(select(AuditRow.kiosk_id).where(
                AuditRow.kiosk_id.not_in((kiosk, LEGACY))).limit(1)).scalar()
        if other is not None:
            raise KioskIdentityError(
                f"this database belongs to kiosk {other!r} but [kiosk] id makes this kiosk "
                f"{kiosk!r}: set [kiosk] id = {other!r} (an id is set once; a new id would "
                "start a new audit chain beside the old one)")
        return kiosk, False, True
    with engine.connect() as conn:
        user, privileged = conn.execute(text(
            "SELECT current_user, (SELECT rolsuper OR rolbypassrls FROM pg_roles "
            "WHERE rolname = current_user) OR EXISTS (SELECT 1 FROM pg_tables WHERE "
            "tablename = 'submissions' AND schemaname = current_schema() "
            "AND tableowner = current_user)")).one()
    if not privileged:
        if requested and requested != user:
            raise KioskIdentityError(
                f"[kiosk] id is {requested!r} but this kiosk connects to the central store as "
                f"role {user!r}: a kiosk's id is its database role; set [kiosk] id = "
                f"{user!r} or leave it empty")
        _check(user)
        return user, True, False
    kiosk = requested or user
    _check(kiosk)
    return kiosk, True, True


def _check(kiosk: str) -> None:
    if not KIOSK_ID.match(kiosk):
        raise KioskIdentityError(f"{kiosk!r} cannot be a kiosk id: use 1 to 40 lower-case "
                                 "letters, digits, '.', '-' or '_' (on a central store, the "
                                 "kiosk's database role is its id)")


def _key_ids_in_use(engine: Engine, kiosk: str) -> set[str]:
    with engine.connect() as conn:
        ids = set(conn.execute(select(SubmissionRow.key_id).distinct().where(
            SubmissionRow.kiosk_id.in_((kiosk, LEGACY)),
            SubmissionRow.form_sealed.is_not(None))).scalars())
        ids |= set(conn.execute(select(DocumentRow.key_id).distinct().where(
            DocumentRow.kiosk_id == kiosk, DocumentRow.sealed.is_not(None))).scalars())
        ids |= {k for k in conn.execute(select(AuditPrivateRow.note_key_id).distinct().where(
            AuditPrivateRow.kiosk_id == kiosk, AuditPrivateRow.note_sealed.is_not(None)))
            .scalars() if k is not None}
    return ids


def adopt_legacy(store: Store) -> tuple[int, int]:
    """Rows written before revision 0003 (kiosk_id ''): this kiosk takes the submissions
    (they were sealed with its key: checked at open) and, when its own chain is still empty,
    the legacy audit chain, which then continues as its own. Returns (submissions, entries)."""
    kiosk = store.kiosk_id
    with store.transaction() as s:
        audit_log.lock_chain(s, LEGACY)
        subs = s.scalar(select(SubmissionRow.id).where(SubmissionRow.kiosk_id == LEGACY)
                        .limit(1))
        legacy_entries = s.scalar(select(AuditRow.seq).where(AuditRow.kiosk_id == LEGACY)
                                  .order_by(AuditRow.seq.desc()).limit(1)) or 0
        own_seq, _ = audit_log.head(s, kiosk)
        take_audit = legacy_entries > 0 and own_seq == 0
        if subs is None and not take_audit:
            return 0, 0
        n_subs = rowcount(s.execute(update(SubmissionRow).where(
            SubmissionRow.kiosk_id == LEGACY).values(kiosk_id=kiosk)))
        s.execute(update(OutboxRow).where(OutboxRow.kiosk_id == LEGACY).values(kiosk_id=kiosk))
        if take_audit:
            s.execute(update(AuditRow).where(AuditRow.kiosk_id == LEGACY)
                      .values(kiosk_id=kiosk))
            s.execute(update(AuditPrivateRow).where(AuditPrivateRow.kiosk_id == LEGACY)
                      .values(kiosk_id=kiosk, note_key_id=store.keys.key_id))
        store._append(s, store.now(), "store.adopted_legacy", "system:upgrade", None, None,
                      {"submissions": n_subs,
                       "audit_entries": legacy_entries if take_audit else 0})
    return n_subs, legacy_entries if take_audit else 0
