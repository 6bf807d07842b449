"""The CLI's words for a refused access key, shared by the card commands (issue 18).

A wrong CAN or MRZ costs one of the chip's password tries (9303-11 4.4.4.1: the chip answers
63Cx with x tries left); at none left (63C0, or 6983 "authentication method blocked") the
password is blocked and only another password, or the issuing office, opens the card. The
message says which, with the tries in words ("1 try left", "2 tries left") and the one thing to
do next; the status word and step follow for the technician.
"""

from __future__ import annotations

from icao.errors import AccessDenied
from kiosk.problems import tries_left

_POLICE = "the holder takes the card to the police office that issued it"


def key_flag(args) -> str:
    """The flag that gave the access key: --can, --mrz or --doc (with --birth/--expiry)."""
    if getattr(args, "can", None):
        return "--can"
    if getattr(args, "mrz", None):
        return "--mrz"
    return "--doc/--birth/--expiry"


def with_flag(flag: str, message: str) -> str:
    """`message` prefixed with the flag at fault, unless it names a flag already."""
    return message if message.startswith("--") else f"{flag}: {message}"


def access_denied(exc: AccessDenied, flag: str) -> str:
    """One line for a refused key given by `flag` (see `key_flag`)."""
    technical = " ".join(x for x in (exc.sw is not None and f"SW={exc.sw:04X}",
                                     exc.step and f"step {exc.step}") if x)
    technical = f" [{technical}]" if technical else ""
    by_can = flag == "--can"
    if exc.tries_left == 0:
        if by_can:
            return ("the card has blocked its CAN after too many wrong tries" + technical
                    + ": open it with the MRZ instead (--mrz, or --doc with --birth and "
                    f"--expiry), or {_POLICE}")
        return (f"the card has blocked this password after too many wrong tries{technical}: "
                f"{_POLICE}")
    left = f" ({tries_left(exc.tries_left, 'en')})" if exc.tries_left is not None else ""
    if by_can:
        return (f"{flag}: the card refused this CAN{left}{technical}. Check the 6 digits (the "
                "last 6 of the 12-digit ID number): each wrong try uses one up")
    return (f"{flag}: the card refused this MRZ key{left}{technical}. Check the document "
            "number and the birth and expiry dates against the card: each wrong try uses "
            "one up")
