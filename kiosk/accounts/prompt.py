"""Asking for PINs on the command line, and logging a technician in for a command.

A PIN is never taken from argv (it would sit in the shell history and the process list): on
a terminal it is asked for without echo; otherwise one line is read from stdin per PIN
asked, in the order the command asks them (scripts and tests pipe them in).
"""

from __future__ import annotations

import getpass
import sys

from kiosk.accounts.accounts import TECHNICIAN, Accounts, StaffLogin
from kiosk.store import Store


def read_secret(prompt: str, *, confirm: bool = False) -> str:
    if sys.stdin.isatty():
        value = getpass.getpass(prompt)
        if confirm and getpass.getpass("Repeat: ") != value:
            raise ValueError("the two entries differ; nothing was changed")
        return value
    return sys.stdin.readline().strip()


def login_as(store: Store, staff_id: str, *, role: str = TECHNICIAN) -> StaffLogin:
    """Ask `staff_id`'s PIN and log them in (LoginRefused when wrong or locked)."""
    pin = read_secret(f"PIN of {staff_id}: ")
    return Accounts(store).login(staff_id, pin, role=role)
