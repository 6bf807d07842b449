"""`kiosk staff list`: the accounts of this store (no PIN hashes)."""

from __future__ import annotations

import argparse

COMMAND = ("staff", "list")
HELP = "list staff and technician accounts (ID, role, enabled, last login, locked)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_config_argument

    add_config_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/store.md)")


def run(args: argparse.Namespace) -> int:
    from kiosk.accounts import Accounts
    from kiosk.cli.output import fail, print_json, print_table
    from kiosk.config import ConfigError
    from kiosk.store import StoreError
    from kiosk.store.cliutil import open_from_args

    try:
        _, store = open_from_args(args, lenient=True)
        try:
            accounts = Accounts(store).list()
            now = store.now()
        finally:
            store.close()
    except (ConfigError, StoreError) as exc:
        return fail(str(exc), 2)
    if args.json:
        print_json("staff.list", {"accounts": accounts})
        return 0
    rows = [[a.staff_id, a.role, "yes" if a.enabled else "no",
             f"{a.last_login_at:%Y-%m-%d %H:%M}" if a.last_login_at else "-",
             "yes" if a.locked_until and a.locked_until > now else "no", a.created_by]
            for a in accounts]
    print_table(rows, ["ID", "role", "enabled", "last login (UTC)", "locked", "added by"])
    return 0
