"""Named staff and technician accounts: an ID and a PIN each, so every audit entry names a
person (a PIN shared per role names nobody).

- PINs: 6 to 12 digits, easy guesses refused (kiosk.config.pinpolicy), kept as Argon2id
  hashes costing >= 250 ms per guess (kiosk.config.pins); older or cheaper hashes are
  re-hashed at the next successful login.
- Lockout: 5 wrong PINs within 5 minutes lock the account for 5 minutes (the right PIN is
  refused meanwhile). The counter lives in the store, so restarting the app does not reset
  it. An unknown ID costs the same time as a known one.
- Only an enabled technician adds or disables accounts; the very first technician account
  of a store is the exception (bootstrap, audited as "system:bootstrap"), and the last
  enabled technician cannot be disabled. Every change and every login is audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.config.pins import DEFAULT_KDF, KdfParams, hash_pin, needs_rehash, verify_pin
from kiosk.store import Store
from kiosk.store.errors import StoreError
from kiosk.store.models import StaffAccountRow

STAFF, TECHNICIAN = "staff", "technician"
ROLES = (STAFF, TECHNICIAN)
LOCKOUT_AFTER = 5
LOCKOUT_S = 300.0
#: how long a technician's login authorizes account and settings changes
TECHNICIAN_LOGIN_S = 900.0
STAFF_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,31}$")
#: IDs no account may take: "training" is the app's built-in training login (kiosk.logins)
RESERVED_IDS = frozenset({"training"})
#: LoginRefused.why: wrong ID or PIN, locked, disabled account, not a technician
REFUSALS = ("wrong", "locked", "disabled", "role")
_ID_LIKE = re.compile(r"\d{9,}")
#: verified when the ID is unknown, so a wrong ID takes as long as a wrong PIN
_DUMMY = "$argon2id$v=19$m=131072,t=4,p=1$AAAAAAAAAAAAAAAAAAAAAA$" + "A" * 43


class AccountError(StoreError):
    """An account change that cannot be made (bad ID, exists, not allowed); says why."""


class LoginRefused(StoreError):
    """Wrong ID or PIN, a disabled account, the wrong role, or a locked account.

    `why` is one of REFUSALS, so a screen can say it in its own words; `locked_for_s` > 0
    while the account is locked. Neither tells whether the ID exists (except to say it is
    locked, which the lockout shows anyway)."""

    def __init__(self, message: str, *, locked_for_s: float = 0.0,
                 why: str = "wrong") -> None:
        super().__init__(message)
        self.locked_for_s = locked_for_s
        self.why = "locked" if locked_for_s > 0 else why


@dataclass(frozen=True)
class StaffAccount:
    staff_id: str
    role: str
    enabled: bool
    created_at: datetime
    created_by: str
    disabled_at: datetime | None
    last_login_at: datetime | None
    locked_until: datetime | None

    @classmethod
    def from_row(cls, r: StaffAccountRow) -> StaffAccount:
        return cls(r.staff_id, r.role, r.enabled, r.created_at, r.created_by, r.disabled_at,
                   r.last_login_at, r.locked_until)


@dataclass(frozen=True)
class StaffLogin:
    """A person who just proved their PIN; `actor` is what the audit log records."""

    staff_id: str
    role: str
    at: datetime

    @property
    def actor(self) -> str:
        return f"{self.role}:{self.staff_id}"


def check_staff_id(staff_id: str) -> str:
    if not STAFF_ID.match(staff_id or "") or _ID_LIKE.search(staff_id):
        raise AccountError("a staff ID is 1 to 32 lower-case letters, digits, '.', '-' or '_' "
                           "(a staff code such as nv01, never an ID card number)")
    return staff_id


class Accounts:
    def __init__(self, store: Store, *, kdf: KdfParams = DEFAULT_KDF) -> None:
        self.store = store
        self.kdf = kdf

    @classmethod
    def from_config(cls, store: Store, config: object) -> Accounts:
        """With the Argon2id cost of [staff] kdf_memory_mib / kdf_iterations."""
        staff = getattr(config, "staff", None)
        mib = int(getattr(staff, "kdf_memory_mib", DEFAULT_KDF.memory_kib // 1024))
        t = int(getattr(staff, "kdf_iterations", DEFAULT_KDF.iterations))
        return cls(store, kdf=KdfParams(mib * 1024, t))

    # --- management ------------------------------------------------------------------------

    def needs_bootstrap(self) -> bool:
        """True while the store has never had a technician account."""
        with self.store.transaction() as s:
            return not s.scalar(select(func.count()).select_from(StaffAccountRow).where(
                StaffAccountRow.role == TECHNICIAN))

    def add(self, staff_id: str, role: str, pin: str, *, by: StaffLogin | None) -> StaffAccount:
        """Create an account (`by`: the technician doing it; None only to bootstrap the
        first technician). PinError for a weak PIN, AccountError otherwise."""
        check_staff_id(staff_id)
        if staff_id in RESERVED_IDS:
            raise AccountError(f"{staff_id!r} is reserved for the kiosk's built-in training "
                               "login; choose another ID")
        if role not in ROLES:
            raise AccountError(f"the role must be one of {', '.join(ROLES)}")
        if by is None and not (role == TECHNICIAN and self.needs_bootstrap()):
            raise AccountError("only a technician can add accounts: use --as TECHNICIAN_ID")
        if by is not None:
            self.require_technician(by)
        pin_hash = hash_pin(pin, params=self.kdf, staff_id=staff_id)  # PinError when weak
        actor = by.actor if by is not None else "system:bootstrap"
        with self.store.transaction() as s:
            if s.get(StaffAccountRow, staff_id) is not None:
                raise AccountError(f"an account {staff_id!r} already exists (IDs are never "
                                   "reused, so the audit log stays unambiguous)")
            now = self.store.now()
            row = StaffAccountRow(staff_id=staff_id, role=role, pin_hash=pin_hash, enabled=True,
                                  created_at=now, created_by=actor, failed_count=0)
            s.add(row)
            self.store._append(s, now, "staff.added", actor, None, None,
                               {"staff_id": staff_id, "role": role})
            return StaffAccount.from_row(row)

    def disable(self, staff_id: str, *, by: StaffLogin) -> StaffAccount:
        self.require_technician(by)
        with self.store.transaction() as s:
            row = s.get(StaffAccountRow, staff_id, with_for_update=True)
            if row is None:
                raise AccountError(f"no account {staff_id!r}")
            if row.enabled and row.role == TECHNICIAN and (s.scalar(
                    select(func.count()).select_from(StaffAccountRow).where(
                        StaffAccountRow.role == TECHNICIAN,
                        StaffAccountRow.enabled.is_(True))) or 0) <= 1:
                raise AccountError("this is the last enabled technician account: add another "
                                   "technician first")
            if row.enabled:
                now = self.store.now()
                row.enabled, row.disabled_at = False, now
                self.store._append(s, now, "staff.disabled", by.actor, None, None,
                                   {"staff_id": staff_id, "role": row.role})
            return StaffAccount.from_row(row)

    def list(self) -> list[StaffAccount]:
        with self.store.transaction() as s:
            return [StaffAccount.from_row(r) for r in s.scalars(
                select(StaffAccountRow).order_by(StaffAccountRow.staff_id))]

    def require_technician(self, by: StaffLogin) -> None:
        """AccountError unless `by` is an enabled technician's latest login, at most
        TECHNICIAN_LOGIN_S old (a technician screen left open does not authorize forever)."""
        with self.store.transaction() as s:
            row = s.get(StaffAccountRow, by.staff_id)
            now = self.store.now()
            if row is None or not row.enabled or row.role != TECHNICIAN:
                raise AccountError(f"{by.actor} is not an enabled technician account")
            if row.last_login_at != by.at or now - by.at > timedelta(
                    seconds=TECHNICIAN_LOGIN_S):
                raise AccountError(f"the login of {by.actor} is no longer valid: log in "
                                   "again")

    # --- login -------------------------------------------------------------------------

    def login(self, staff_id: str, pin: str, *, role: str | None = None) -> StaffLogin:
        """The account behind `staff_id` if `pin` is right; LoginRefused otherwise.

        `role` "technician": only a technician may pass (the technician area); "staff" or
        None: any enabled account (a technician may open the staff screens)."""
        known = bool(STAFF_ID.match(staff_id or "")) and not _ID_LIKE.search(staff_id)
        with self.store.transaction() as s:
            now = self.store.now()
            row = s.get(StaffAccountRow, staff_id) if known else None
            stored = row.pin_hash if row is not None else _DUMMY
            until = row.locked_until if row is not None else None
            if until is not None and until > now:
                self._fail(s, now, staff_id if known else None, "locked")
                refusal: LoginRefused | None = LoginRefused(
                    "this account is locked after too many wrong PINs; try again later",
                    locked_for_s=(until - now).total_seconds())
            else:
                refusal = None
        if refusal is not None:
            raise refusal
        ok = verify_pin(pin, stored)  # ~300 ms, outside any transaction
        with self.store.transaction() as s:
            now = self.store.now()
            row = s.get(StaffAccountRow, staff_id, with_for_update=True) if known else None
            if row is None or not ok:
                if row is not None:
                    _count_failure(row, now)
                self._fail(s, now, staff_id if known else None,
                           "wrong_pin" if row is not None else "unknown_id")
                locked = row is not None and row.locked_until is not None \
                    and row.locked_until > now
                refusal = LoginRefused("wrong staff ID or PIN", locked_for_s=(
                    (row.locked_until - now).total_seconds()
                    if locked and row is not None and row.locked_until else 0.0))
            elif not row.enabled or (role == TECHNICIAN and row.role != TECHNICIAN):
                self._fail(s, now, staff_id, "disabled" if not row.enabled else "role")
                refusal = LoginRefused("this account is disabled" if not row.enabled else
                                       "this account cannot open the technician area",
                                       why="disabled" if not row.enabled else "role")
            else:
                row.failed_count, row.first_failure_at, row.locked_until = 0, None, None
                row.last_login_at = now
                if needs_rehash(row.pin_hash, self.kdf):
                    row.pin_hash = hash_pin(pin, params=self.kdf, check=False)
                self.store._append(s, now, "login.ok", f"{row.role}:{row.staff_id}", None,
                                   None, {"area": role or STAFF})
                login = StaffLogin(row.staff_id, row.role, now)
        if refusal is not None:
            raise refusal
        return login

    def _fail(self, s: Session, now: datetime, staff_id: str | None, why: str) -> None:
        self.store._append(s, now, "login.failed", "system:login", None, None,
                           {"staff_id": staff_id, "why": why})


def _count_failure(row: StaffAccountRow, now: datetime) -> None:
    window = timedelta(seconds=LOCKOUT_S)
    if row.first_failure_at is None or now - row.first_failure_at > window:
        row.failed_count, row.first_failure_at = 0, now
    row.failed_count += 1
    if row.failed_count >= LOCKOUT_AFTER:
        row.locked_until = now + window
        row.failed_count, row.first_failure_at = 0, None
