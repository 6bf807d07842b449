"""`kiosk config set KEY VALUE`: change one setting, type-checked, written atomically."""

from __future__ import annotations

import argparse

COMMAND = ("config", "set")
HELP = "set one dotted key (e.g. reader.apdu_timeout_s 2.5); staff.pin - asks for a PIN"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config.files import add_config_argument

    add_config_argument(parser)
    parser.add_argument("key", metavar="KEY", help="dotted key, e.g. store.retention_days_"
                        "after_delivery or 'reader.profiles.MODEL.max_read'")
    parser.add_argument("value", metavar="VALUE",
                        help="the new value; for staff.pin / technician.pin use - to be asked")


def _read_pin(value: str) -> str:
    """A PIN from a prompt (or stdin when not a terminal); never from argv, which leaks
    into shell history and the process list."""
    import getpass
    import sys

    if value != "-":
        raise ValueError("give the PIN as - and type it when asked (a PIN on the command line "
                         "is visible to other users)")
    if sys.stdin.isatty():
        pin = getpass.getpass("New PIN: ")
        if getpass.getpass("Repeat PIN: ") != pin:
            raise ValueError("the two PINs differ; nothing was changed")
        return pin
    return sys.stdin.readline().strip()


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.output import fail
    from kiosk.config import PinError, hash_pin, set_value
    from kiosk.config.validate import ConfigSavedWithProblems

    key, value = args.key, args.value
    try:
        if key in ("staff.pin", "technician.pin"):
            value = hash_pin(_read_pin(value))
            key = key.replace(".pin", ".pin_hash")
        path = set_value(key, value, args.config)
    except (PinError, ValueError) as exc:
        if isinstance(exc, ConfigSavedWithProblems):
            return fail(f"{key} was saved, but the file has other problems: {exc}")
        return fail(str(exc))
    print(f"{key} saved in {path}")
    return 0
