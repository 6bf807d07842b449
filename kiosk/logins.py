"""Staff and technician logins in the app: a staff ID and a PIN, checked against the named
accounts in the store (kiosk.accounts: Argon2id, lockout kept in the store, every attempt
audited under the person's name).

Training kiosks have one more login, built in: ID `training`, PIN `000000` (TRAINING_ID,
TRAINING_PIN). It exists only while `kiosk.training_mode` is on (demo, classroom, tests), is
never an account in the store (kiosk.accounts refuses the ID), and is audited as
`staff:training` / `technician:training`. It opens the staff panel and the technician screens
but cannot change a security setting: that needs a technician account
(kiosk.accounts.settings.change_setting). Outside training mode `training` is an unknown ID
like any other.

    logins = Logins(records.store, config, training=...)
    login = logins.login("nv01", "739164", role="staff")   # StaffLogin; LoginRefused (.why)
    logins.logout(login)

Every call touches the database and a PIN check costs ~0.3 s: call them from a worker.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable

from kiosk.accounts import Accounts, LoginRefused, StaffLogin
from kiosk.config import Config
from kiosk.store import Store

TRAINING_ID = "training"
TRAINING_PIN = "000000"


class Logins:
    def __init__(self, store: Callable[[], Store], config: Config, *, training: bool) -> None:
        """`store` opens the kiosk's store on first use (kiosk.records.Records.store)."""
        self._store = store
        self.config = config
        self.training = training

    def login(self, staff_id: str, pin: str, *, role: str) -> StaffLogin:
        """The person behind `staff_id` (typed on the kiosk: case and spaces do not count) if
        `pin` is theirs; LoginRefused otherwise (wrong, locked, disabled, role), StoreError
        when the database cannot be reached. `role` "technician" admits only technicians."""
        staff_id = staff_id.strip().lower()
        store = self._store()
        if self.training and staff_id == TRAINING_ID:
            return self._training_login(store, pin, role)
        return Accounts.from_config(store, self.config).login(staff_id, pin, role=role)

    def _training_login(self, store: Store, pin: str, role: str) -> StaffLogin:
        if not hmac.compare_digest(pin.encode(), TRAINING_PIN.encode()):
            store.audit("login.failed", actor="system:login",
                        details={"staff_id": TRAINING_ID, "why": "wrong_pin", "training": True})
            raise LoginRefused("wrong staff ID or PIN")
        login = StaffLogin(TRAINING_ID, role, store.now())
        store.audit("login.ok", actor=login.actor, details={"area": role, "training": True})
        return login

    def logout(self, login: StaffLogin) -> None:
        """The person left the staff or technician area (audited under their name)."""
        self._store().audit("logout", actor=login.actor)
