"""Named staff and technician accounts, and settings only a technician may change.

    from kiosk.accounts import Accounts, LoginRefused
    accounts = Accounts(store)                       # store: kiosk.store.Store
    login = accounts.login("nv01", pin)              # StaffLogin; LoginRefused (.locked_for_s)
    store.audit("face.override", actor=login.actor, ...)   # "staff:nv01"

docs/cli/store.md ("Staff accounts") and docs/security.md describe them.
"""

from kiosk.accounts.accounts import (
    LOCKOUT_AFTER,
    LOCKOUT_S,
    REFUSALS,
    RESERVED_IDS,
    ROLES,
    STAFF,
    TECHNICIAN,
    TECHNICIAN_LOGIN_S,
    AccountError,
    Accounts,
    LoginRefused,
    StaffAccount,
    StaffLogin,
    check_staff_id,
)

__all__ = [
    "LOCKOUT_AFTER", "LOCKOUT_S", "REFUSALS", "RESERVED_IDS", "ROLES", "STAFF", "TECHNICIAN",
    "TECHNICIAN_LOGIN_S", "AccountError", "Accounts", "LoginRefused", "StaffAccount",
    "StaffLogin", "check_staff_id",
]
